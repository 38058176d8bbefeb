"""The office's checklist editions from the window: a CSV of local changes previewed with
every bad row named, imported as a new edition, made the one in use, and written out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from tests.helpers import write_csv
from ui.dialogs.checklist_editions import ChecklistDialog, CriterionPreviewModel, EditionModel

HEADER = "编码,点位类型编码,点位类型,测评类别,测评内容,英文说明,测评方法,重要程度,整改时限"
LOCAL = "TY-ZCGD-01,ZCGD,,和谐宜居的生活环境,沿街晾晒衣物不超出阳台,,实地观察,一般,立行立改"
NEW_TYPE = "TY-NEW-01,TYXX,太原特色点位,C08,汾河景区步道整洁,Fen river walk clean,observe,major,"


@pytest.fixture
def dialog(qtbot, office):
    shown = ChecklistDialog(office)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_a_bad_row_is_named_and_nothing_is_stored(dialog, office, tmp_path):
    bad = write_csv(tmp_path / "bad.csv", [HEADER, LOCAL, "TY-X,火星,,C08,内容,,实地观察,一般,",
                                           LOCAL.replace("一般", "很重要")])
    preview = dialog.show_file(bad)
    assert [line for line, _ in preview.problems] == [3, 4]
    assert QCoreApplication.translate("FilePreview", "Line %1: %2").replace(
        "%1", "3").replace("%2", preview.problems[0][1]) in dialog.problems.text()
    assert not dialog.import_button.isEnabled()
    dialog.import_edition()
    assert len(office.checklists.editions()) == 1


def test_a_file_is_previewed_imported_activated_and_exported(qtbot, dialog, office, tmp_path):
    good = write_csv(tmp_path / "太原本地版.csv", [HEADER, LOCAL, NEW_TYPE])
    dialog.show_file(good)
    assert dialog.criteria.rowCount() == 2 and dialog.import_button.isEnabled()
    assert dialog.name_edit.text() == "太原本地版"
    with qtbot.waitSignal(dialog.editions_changed):
        dialog.import_button.click()
    assert dialog.editions.rowCount() == 2
    new = next(e for e in office.checklists.editions() if e.name == "太原本地版")
    assert new.active and dialog.selected() == new  # stored and in use
    shipped = next(r for r in range(dialog.editions.rowCount())
                   if dialog.editions.row_at(r).name != "太原本地版")
    dialog.edition_table.selectRow(shipped)
    with qtbot.waitSignal(dialog.editions_changed):
        dialog.activate_button.click()  # back to the shipped edition
    assert office.checklists.edition().content_hash != new.content_hash
    dialog.edition_table.selectRow(next(r for r in range(dialog.editions.rowCount())
                                        if dialog.editions.row_at(r).name == "太原本地版"))
    out = tmp_path / "out.csv"
    assert dialog.export_selected(out) == new.criteria
    read_back = office.checklists.preview_csv(out, base=new.content_hash)
    assert {line.change for line in read_back.lines} == {"unchanged"}


def test_the_models_pass_the_model_tester(qtmodeltester, office, tmp_path):
    editions = EditionModel()
    editions.set_rows(office.checklists.editions())
    qtmodeltester.check(editions)
    criteria = CriterionPreviewModel()
    criteria.set_rows(office.checklists.preview_csv(
        write_csv(tmp_path / "c.csv", [HEADER, LOCAL])).lines)
    qtmodeltester.check(criteria)


def test_an_auditor_may_look_but_not_change_editions(qtbot, auditor_services):
    shown = ChecklistDialog(auditor_services)
    qtbot.addWidget(shown)
    assert shown.editions.rowCount() == 1 and not shown.activate_button.isEnabled()
