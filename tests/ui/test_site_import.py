"""The office's site list from the window: every bad row named before anything is stored,
then one import; the list written out again reads back the same."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from tests.helpers import site_line, sites_csv
from ui.dialogs.site_import import PreviewModel, SiteImportDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("FilePreview", text)


@pytest.fixture
def dialog(qtbot, office):
    shown = SiteImportDialog(office)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_every_bad_row_is_named_and_nothing_is_stored(dialog, office, tmp_path):
    bad = sites_csv(tmp_path, [site_line("YZ-1"), site_line("YZ-2", site_type="火星站"),
                               site_line("YZ-1", name="又一个"), site_line("YZ-3", name="")],
                    name="bad.csv")
    preview = dialog.show_file(bad)
    assert [line for line, _ in preview.problems] == [3, 4, 5]  # header is line 1
    shown = dialog.problems.text()
    for line, problem in preview.problems:
        assert _tr("Line %1: %2").replace("%1", str(line)).replace("%2", problem) in shown
    assert not dialog.import_button.isEnabled()
    dialog.import_sites()  # even when called: a file with problems is not imported
    assert office.sites.search() == []


def test_a_good_file_is_previewed_imported_and_exported(qtbot, dialog, office, tmp_path):
    good = sites_csv(tmp_path, [site_line("YZ-1"), site_line("XD-1", district="小店区")])
    dialog.show_file(good)
    assert dialog.model.rowCount() == 2 and dialog.import_button.isEnabled()
    assert dialog.model.index(0, 1).data() == "YZ-1"
    assert dialog.model.index(0, 7).data() == _tr("new")
    with qtbot.waitSignal(dialog.sites_imported):
        dialog.import_button.click()
    assert sorted(s.code for s in office.sites.search()) == ["XD-1", "YZ-1"]
    assert dialog.model.index(0, 7).data() == _tr("unchanged")
    assert "2" in dialog.outcome.text()
    out = tmp_path / "out.csv"
    assert dialog.export_sites(out) == 2
    assert {line.change for line in office.sites.preview_csv(out).lines} == {"unchanged"}


def test_the_preview_model_passes_the_model_tester(qtmodeltester, office, tmp_path):
    model = PreviewModel()
    model.set_rows(office.sites.preview_csv(sites_csv(tmp_path, [site_line("YZ-1")])).lines)
    qtmodeltester.check(model)


def test_an_auditor_may_look_but_not_import(qtbot, auditor_services, tmp_path):
    shown = SiteImportDialog(auditor_services)
    qtbot.addWidget(shown)
    shown.show_file(sites_csv(tmp_path, [site_line("YZ-1")]))
    assert shown.preview.importable and not shown.import_button.isEnabled()


def _navigator(qtbot, services):
    from ui.widgets.navigator import Navigator

    navigator = Navigator(services)
    qtbot.addWidget(navigator)
    navigator.show()
    navigator.refresh()
    return navigator


def test_an_empty_window_says_what_to_do_next_by_role(qtbot, office, tmp_path):
    navigator = _navigator(qtbot, office)
    assert navigator.empty_hint.isVisible() and not navigator.tree.isVisible()
    assert "点位清单" in navigator.empty_hint.text()  # the office imports its site list
    assert "载入示例城市" in navigator.empty_hint.text()
    office.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1")]))
    navigator.refresh()
    assert navigator.tree.isVisible() and not navigator.empty_hint.isVisible()


def test_an_auditors_empty_window_points_to_the_offices_bundle(qtbot, auditor_services):
    navigator = _navigator(qtbot, auditor_services)
    assert navigator.empty_hint.isVisible()
    assert "从U盘导入" in navigator.empty_hint.text()
    assert "点位清单" not in navigator.empty_hint.text()
