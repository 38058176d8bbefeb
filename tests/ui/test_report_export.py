"""The office's report dialog writes the bulletin, the workbook and CSV tables on a worker."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from model.office.periods import Period
from tests.reports.office_city import PASSWORD, build_city
from ui import folders
from ui.dialogs.report_export import ReportExportDialog
from ui.tasks import TaskRunner
from usecases.services import Services


@pytest.fixture(scope="module")
def city_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-city")
    build_city(folder / "data", folder)
    return folder / "data"


@pytest.fixture
def dialog(qtbot, city_template, tmp_path):
    shutil.copytree(city_template, tmp_path / "data")
    services = Services.open(tmp_path / "data")
    services.login("O01", PASSWORD)
    tasks = TaskRunner()
    made = ReportExportDialog(services, tasks, None)
    qtbot.addWidget(made)
    made.refresh()
    yield made
    tasks.shutdown()
    services.close()


def _write(qtbot, dialog, target) -> None:
    dialog.target.setText(str(target))
    task = dialog.start_writing()
    assert task is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=60_000)


def test_the_newest_month_is_chosen_and_a_file_name_suggested(dialog):
    assert dialog.period.period() == Period.month("2026-11")
    assert dialog.target.text().endswith("2026-11.pdf")
    dialog.workbook_choice.click()
    assert dialog.target.text().endswith("2026-11.xlsx")


def test_the_bulletin_is_written_and_can_be_opened(qtbot, dialog, tmp_path):
    target = tmp_path / "通报.pdf"
    _write(qtbot, dialog, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in dialog.message.text() and dialog.open_button.isEnabled()
    assert dialog.last_file == target


def test_the_workbook_and_a_csv_table_are_written(qtbot, dialog, tmp_path):
    dialog.workbook_choice.click()
    _write(qtbot, dialog, tmp_path / "data.xlsx")
    assert (tmp_path / "data.xlsx").stat().st_size > 0
    dialog.csv_choice.click()
    dialog.csv_table.setCurrentIndex(dialog.csv_table.findData("units"))
    _write(qtbot, dialog, tmp_path / "units.csv")
    text = (tmp_path / "units.csv").read_text("utf-8-sig")
    assert "甲单位" in text and "丙单位" in text


def test_a_month_without_inspections_says_so(qtbot, dialog, tmp_path):
    dialog.period.set_period(Period.month("2025-01"))
    _write(qtbot, dialog, tmp_path / "empty.pdf")
    assert dialog.tr("Nothing was inspected in this period; the file says so.") in \
        dialog.message.text()


def test_a_folder_that_is_not_there_is_refused_and_nothing_is_left(qtbot, dialog, tmp_path):
    _write(qtbot, dialog, tmp_path / "gone" / "通报.pdf")
    assert dialog.message.text().startswith(dialog.tr("Not written: %1").replace("%1", ""))
    assert not (tmp_path / "gone").exists() and not dialog.open_button.isEnabled()


def test_a_missing_documents_folder_is_made_and_every_mnemonic_is_used_once(qtbot, dialog, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "new-home"))  # an account without Documents
    folder = folders.default_folder()
    assert folder.is_dir() and folder.is_relative_to(tmp_path / "new-home")
    target = folder / "通报.pdf"  # the suggested folder works on the first export
    _write(qtbot, dialog, target)
    assert target.read_bytes().startswith(b"%PDF")
    texts = [w.text() for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel)
             if w.isVisible() and "&" in w.text().replace("&&", "")]
    keys = [t[t.index("&") + 1].upper() for t in texts]
    assert len(keys) == len(set(keys)), texts  # no Alt+key reaches two controls
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    assert shown, "the file label has a buddy, so its & is a mnemonic, not a character"
