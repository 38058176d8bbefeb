"""The verify dialog over a folder of real signed notices: one row per PDF with its verdict,
the counts, the selected file's full verdict below, Cancel, dropped folders and files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog

from tests.ui.test_notice_ui import _finish_with_fails, _issue
from ui.dialogs.verify import BAD_COLOUR, VerifyDialog
from ui.itemmodels.verify_model import VerifyResultModel
from usecases.batch_verify import Checked


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _said(text: str) -> str:
    """A headline of the verify dialog as the installed translation shows it."""
    return _tr("VerifyDialog", text)


VALID, TAMPERED = "Valid: authentic and unaltered", "TAMPERED: changed after signing"
CANNOT = "Cannot check this file"


def _tamper(pdf: Path) -> None:
    """Flip one byte inside the first page's content stream (as in tests/cli)."""
    data = bytearray(pdf.read_bytes())
    data[data.find(b"stream", 1000) + 30] ^= 0x20
    pdf.write_bytes(bytes(data))


@pytest.fixture
def stick(demo_services, tmp_path):
    """A folder of three notices A07 signed: 1.pdf, 2.pdf (one byte changed) and sub/3.PDF;
    and the notices."""
    inspection_id = _finish_with_fails(demo_services, tmp_path, fails=3)
    codes = [p.criterion_code for p in demo_services.notices.draft(inspection_id).problems]
    made = [_issue(demo_services, inspection_id, [code]) for code in codes]
    folder = tmp_path / "stick"
    (folder / "sub").mkdir(parents=True)
    for notice, name in zip(made, ("1.pdf", "2.pdf", "sub/3.PDF"), strict=True):
        demo_services.notices.export(notice, folder / name)
    _tamper(folder / "2.pdf")
    return folder, made


@pytest.fixture
def dialog(qtbot, demo_services):
    shown = VerifyDialog(demo_services.notices.verify)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _rows(dialog) -> list[list[str]]:
    model = dialog.batch.model
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def _click_row(dialog, row: int) -> None:
    table = dialog.batch.table
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     table.visualRect(dialog.batch.model.index(row, 0)).center())


def test_a_folder_gets_a_row_per_pdf_and_the_tampered_one_shows_first(dialog, stick):
    folder, made = stick
    checked = dialog.check_many([folder])
    assert [c.path.name for c in checked] == ["1.pdf", "2.pdf", "3.PDF"]
    rows = _rows(dialog)
    assert [row[:3] for row in rows] == [["1.pdf", _said(VALID), made[0].number],
                                         ["2.pdf", _said(TAMPERED), made[1].number],
                                         ["3.PDF", _said(VALID), made[2].number]]
    assert rows[0][3] == "" and rows[2][3] == ""
    assert rows[1][3] == checked[1].verdict.problems[0] != ""
    assert dialog.batch.isVisible()
    summary = dialog.batch.summary.text()
    assert summary == (QCoreApplication.translate(
        "BatchPanel", "%n file(s): %1 valid, %2 TAMPERED, %3 not valid, %4 cannot be checked.",
        "", 3).replace("%1", "2").replace("%2", "1").replace("%3", "0").replace("%4", "0"))
    assert BAD_COLOUR in dialog.batch.summary.styleSheet()
    # the first file that is not valid is selected and shown in full
    assert dialog.batch.table.currentIndex().row() == 1
    assert dialog.headline.text() == _said(TAMPERED)
    assert "2.pdf" in dialog.file_label.text()


def test_selecting_a_row_shows_that_files_full_verdict(dialog, stick):
    folder, made = stick
    dialog.check_many([folder])
    _click_row(dialog, 2)
    assert dialog.headline.text() == _said(VALID)
    assert str(folder / "sub" / "3.PDF") in dialog.file_label.text()
    assert made[2].number in dialog.results.toPlainText()
    _click_row(dialog, 1)
    assert dialog.headline.text() == _said(TAMPERED)
    assert dialog.verdict.tampered and dialog.verdict.number == made[1].number
    shown = dialog.results.toPlainText()
    assert _tr("VerifyDialog", "Not intact: the signed content was changed") in shown
    assert dialog.verdict.problems[0] in shown
    copied = dialog.report_text()
    assert dialog.batch.summary.text() in copied and "3.PDF" in copied


def test_files_that_cannot_be_checked_get_rows_of_their_own(dialog, stick, tmp_path):
    folder, _made = stick
    (folder / "letter.pdf").write_text("not a pdf")
    dialog.check_many([folder / "1.pdf", tmp_path / "gone.pdf", folder / "letter.pdf"])
    rows = _rows(dialog)
    assert [row[:2] for row in rows] == [["1.pdf", _said(VALID)], ["gone.pdf", _said(CANNOT)],
                                         ["letter.pdf", _said(CANNOT)]]
    assert "no such file" in rows[1][3] and "not a PDF" in rows[2][3]
    assert dialog.batch.table.currentIndex().row() == 1
    assert dialog.error.isVisible() and "gone.pdf" in dialog.error.text()


def test_an_empty_folder_is_an_error_naming_it(dialog, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert dialog.check_many([empty]) == []
    assert dialog.headline.text() == _said(CANNOT)
    assert str(empty) in dialog.error.text() and "no PDF files" in dialog.error.text()
    assert not dialog.batch.isVisible()


def test_cancel_keeps_the_files_checked_so_far(qtbot, demo_services, stick):
    folder, _made = stick

    def verify_then_cancel(path: Path):
        verdict = demo_services.notices.verify(path)  # the real check, then Cancel is pressed
        shown.findChild(QProgressDialog).cancel()
        return verdict

    shown = VerifyDialog(verify_then_cancel)
    qtbot.addWidget(shown)
    checked = shown.check_many([folder])
    assert [c.path.name for c in checked] == ["1.pdf"] and checked[0].verdict.valid
    assert QCoreApplication.translate("BatchPanel", "Cancelled: %n file(s) not checked.", "",
                                      2) in shown.batch.summary.text()
    assert shown.findChild(QProgressDialog) is None or not shown.findChild(
        QProgressDialog).isVisible()


def test_closing_the_dialog_stops_the_batch_and_no_second_one_starts_inside(qtbot,
                                                                          demo_services, stick):
    folder, _made = stick
    during = []

    def verify_then_close(path: Path):
        during.append((shown.batch.is_running, shown.drop_area.isEnabled(),
                       shown.acceptDrops()))
        shown.reject()  # the Close button, Esc or the window's ✕
        return demo_services.notices.verify(path)

    shown = VerifyDialog(verify_then_close)
    qtbot.addWidget(shown)
    shown.show()
    checked = shown.check_many([folder])
    assert during == [(True, False, False)]
    assert len(checked) == 1 and not shown.isVisible()
    assert not shown.batch.is_running and shown.drop_area.isEnabled() and shown.acceptDrops()


def _drop(dialog, paths) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    for kind in (QDragEnterEvent, QDropEvent):
        event = kind(QPoint(40, 40), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(dialog, event)
        accepted = event.isAccepted()
    return accepted


def test_dropping_a_folder_or_several_pdfs_checks_them_all(dialog, stick):
    folder, _made = stick
    assert _drop(dialog, [folder])
    assert [row[0] for row in _rows(dialog)] == ["1.pdf", "2.pdf", "3.PDF"]
    assert _drop(dialog, [folder / "2.pdf", folder / "1.pdf"])
    assert [row[:2] for row in _rows(dialog)] == [["2.pdf", _said(TAMPERED)],
                                                  ["1.pdf", _said(VALID)]]
    assert _drop(dialog, [folder / "sub" / "3.PDF"])  # one file: the single view, as before
    assert not dialog.batch.isVisible() and dialog.headline.text() == _said(VALID)


def test_the_result_model_passes_the_model_tester(qtmodeltester, dialog, stick):
    folder, _made = stick
    model = VerifyResultModel(dialog._describe)
    model.set_rows([Checked(folder / "gone.pdf", problem="no such file")])
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == _said(CANNOT)
