"""Notices in the GUI over a real demo store: the editor, the board, printing, the whole flow."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from model.notices import followup, notices
from model.notices.notices import NoticeStatus
from model.notices.workdays import DeadlinePreset
from model.store import clock
from tests.helpers import make_jpeg
from tests.ui.test_mainwindow import _start
from tests.ui.test_notice_widgets import ZIGZAG, _draw
from ui import notice_batch
from ui.dialogs.notice_board import NoticeBoard
from ui.dialogs.notice_editor import ROLE_CODE, NoticeEditor
from ui.dialogs.notice_preview import NoticePreview
from ui.dialogs.reinspection import ReinspectionDialog
from ui.dialogs.signature import SignatureDialog
from ui.itemmodels.notice_model import CLOSED_COLOUR, OVERDUE_COLOUR, NoticeTableModel
from ui.labels import word
from ui.notice_flow import NoticeFlow

PASSWORD = "demo-pass"  # the demo profiles' password, which also unlocks their signing keys


# -- helpers ------------------------------------------------------------------------------------

class ModalAnswers(QObject):
    """Answers the modal dialogs that code under test opens, in order, as a user would.

    Each answer is (dialog class, function of the dialog); the function is called once
    that kind of dialog is the active modal widget, and must close it.
    """

    def __init__(self, *answers: tuple[type, Callable]):
        super().__init__()
        self.pending = list(answers)
        self.labels: list[str] = []  # what each password prompt said
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        modal = QApplication.activeModalWidget()
        if not self.pending or not isinstance(modal, self.pending[0][0]) or not modal.isVisible():
            return
        _kind, answer = self.pending.pop(0)
        if isinstance(modal, QInputDialog):
            self.labels.append(modal.labelText())
        answer(modal)

    def stop(self) -> None:
        self._timer.stop()


def _type_password(text: str) -> Callable[[QInputDialog], None]:
    def answer(dialog: QInputDialog) -> None:
        dialog.setTextValue(text)
        dialog.accept()
    return answer


def _accept(dialog) -> None:
    dialog.accept()


def _finish_with_fails(services, tmp_path: Path, site_index: int = 0,
                       fails: int = 2) -> str:
    """A finished inspection with ``fails`` failed criteria (location, note; a photo on the
    first), started by the signed-in auditor; its id."""
    site = services.sites.search()[site_index]
    inspection = services.inspections.start(site.id)
    codes = [line.criterion.code for line in services.inspections.detail(inspection.id).lines]
    places = [("东侧入口处", "垃圾桶满溢，周边散落垃圾"), ("北门处", "墙面张贴小广告十余处"),
              ("停车场东北角", "非机动车乱停乱放")]
    for code, (location, note) in zip(codes, places[:fails], strict=False):
        services.inspections.record(inspection.id, code, "fail", 1, location, note)
    taken = dt.datetime.now() - dt.timedelta(minutes=5)
    photo = make_jpeg(tmp_path / f"p{site_index}.jpg", taken,
                      colour=(40 + 20 * site_index, 120, 200))  # (the same bytes would be linked)
    outcomes = services.photos.add(inspection.id, [photo], codes[0])
    assert [o.status.value for o in outcomes] == ["stored"]
    services.inspections.finish(inspection.id)
    return inspection.id


def _editor(services, inspection_id: str) -> NoticeEditor:
    """The editor as the notice flow opens it, over the desk's draft."""
    desk = services.notices
    texts = {line.criterion.code: line.criterion.text_zh
             for line in services.inspections.detail(inspection_id).lines}
    photos = {p.id: p for p in services.photos.of(inspection_id)}
    return NoticeEditor(desk.draft(inspection_id), texts,
                        lambda pid: services.photos.thumbnail(photos[pid]), desk.with_deadline)


def _issue(services, inspection_id: str, codes: list[str] | None = None,
           deadline: str = DeadlinePreset.WORKDAYS_3.value) -> notices.Notice:
    desk = services.notices
    return desk.issue(desk.draft(inspection_id, codes, deadline), PASSWORD).notice


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _pdf_pages(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.M).group(1))


@pytest.fixture
def finished(demo_services, tmp_path):
    return _finish_with_fails(demo_services, tmp_path)


@pytest.fixture
def editor(qtbot, demo_services, finished):
    dialog = _editor(demo_services, finished)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def host(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def board(qtbot, demo_services, host):
    dialog = NoticeBoard(demo_services, NoticeFlow(demo_services, None, host), host)
    qtbot.addWidget(dialog)
    dialog.refresh()
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# -- the editor -----------------------------------------------------------------------------------

def _problem_items(editor):
    return [editor.problem_list.item(i) for i in range(editor.problem_list.count())]


def test_the_editor_starts_with_every_failed_criterion_ticked_and_the_sites_unit(editor,
                                                                                 demo_services,
                                                                                 finished):
    site = demo_services.inspections.detail(finished).site
    assert editor.unit.text() == site.unit_name and editor.person.text() == site.unit_person
    assert [i.checkState() for i in _problem_items(editor)] == [Qt.CheckState.Checked] * 2
    assert editor.location.text() == "东侧入口处"
    assert editor.description.toPlainText() == "垃圾桶满溢，周边散落垃圾"
    assert editor.requirement.toPlainText()  # a default requirement, ready to edit
    assert editor.issue_button.isEnabled()


def test_unticking_every_problem_disables_issue_and_sign(editor):
    first, second = _problem_items(editor)
    first.setCheckState(Qt.CheckState.Unchecked)
    assert editor.issue_button.isEnabled()
    assert [p.criterion_code for p in editor.draft().problems] == [second.data(ROLE_CODE)]
    second.setCheckState(Qt.CheckState.Unchecked)
    assert not editor.issue_button.isEnabled()
    assert editor.draft().problems == ()
    second.setCheckState(Qt.CheckState.Checked)
    assert editor.issue_button.isEnabled()


def test_an_edited_requirement_survives_switching_problems(editor):
    editor.problem_list.setCurrentRow(0)
    editor.requirement.setPlainText("立即清运垃圾，增设分类垃圾桶")
    editor.location.setText("东侧入口处（公交站旁）")
    editor.problem_list.setCurrentRow(1)
    assert editor.location.text() == "北门处"
    assert editor.requirement.toPlainText() != "立即清运垃圾，增设分类垃圾桶"
    editor.problem_list.setCurrentRow(0)
    assert editor.requirement.toPlainText() == "立即清运垃圾，增设分类垃圾桶"
    first = editor.draft().problems[0]
    assert (first.location, first.requirement) == ("东侧入口处（公交站旁）",
                                                   "立即清运垃圾，增设分类垃圾桶")


def test_unticking_a_photo_leaves_it_out_of_the_notice(editor, demo_services, finished):
    [photo] = demo_services.photos.of(finished)
    editor.problem_list.setCurrentRow(0)
    assert editor.photo_list.count() == 1
    assert editor.draft().problems[0].photo_ids == (photo.id,)
    editor.photo_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert editor.draft().problems[0].photo_ids == ()
    editor.problem_list.setCurrentRow(1)  # leaving and coming back keeps it unticked
    editor.problem_list.setCurrentRow(0)
    assert editor.photo_list.item(0).checkState() == Qt.CheckState.Unchecked
    assert editor.draft().problems[0].photo_ids == ()


def test_the_7_day_preset_moves_the_deadline(editor, demo_services):
    before = editor.draft()
    assert before.deadline_preset == DeadlinePreset.WORKDAYS_3.value
    editor.preset.setCurrentIndex(editor.preset.findData(DeadlinePreset.DAYS_7.value))
    after = editor.draft()
    expected = demo_services.notices.with_deadline(before, DeadlinePreset.DAYS_7.value)
    assert after.deadline_preset == DeadlinePreset.DAYS_7.value
    assert after.deadline == expected.deadline != before.deadline
    assert after.reinspect_on == expected.reinspect_on
    assert expected.deadline[:10] in editor.due_label.text()


def test_a_custom_date_shows_the_date_edit_and_sets_the_deadline(editor):
    assert editor.custom_date.isHidden()
    editor.preset.setCurrentIndex(editor.preset.findData(DeadlinePreset.CUSTOM.value))
    assert editor.custom_date.isVisible()
    day = QDate.currentDate().addDays(10)
    editor.custom_date.setDate(day)
    draft = editor.draft()
    assert draft.deadline_preset == DeadlinePreset.CUSTOM.value
    assert draft.deadline.startswith(day.toString("yyyy-MM-dd"))
    editor.preset.setCurrentIndex(editor.preset.findData(DeadlinePreset.DAYS_15.value))
    assert editor.custom_date.isHidden()


def test_a_custom_date_before_today_cannot_be_chosen(editor):
    editor.preset.setCurrentIndex(editor.preset.findData(DeadlinePreset.CUSTOM.value))
    today = clock.now().astimezone(clock.CST).date()
    editor.custom_date.setDate(QDate(today.year, today.month, today.day).addDays(-3))
    assert editor.draft().deadline[:10] >= today.isoformat()


# -- the board's model --------------------------------------------------------------------------

@pytest.fixture
def three_notices(demo_services, tmp_path):
    """Three notices of one inspection: 24 hours (then closed), 3 working days and 7 days."""
    inspection_id = _finish_with_fails(demo_services, tmp_path, fails=3)
    codes = [p.criterion_code for p in demo_services.notices.draft(inspection_id).problems]
    made = [_issue(demo_services, inspection_id, [code], preset)
            for code, preset in zip(codes, ("24h", "3wd", "7d"), strict=True)]
    demo_services.notices.reinspect(made[0].id, "fixed", "")
    return made


def test_the_notice_model_passes_the_model_tester(qtmodeltester, demo_services, three_notices):
    model = NoticeTableModel()
    model.set_rows(demo_services.notices.board())
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_overdue_notices_come_first_in_red_and_closed_ones_last_in_grey(demo_services,
                                                                        three_notices):
    closed, three_days, seven_days = three_notices
    clock.set_fixed(dt.datetime.fromisoformat(three_days.deadline) + dt.timedelta(hours=1))
    model = NoticeTableModel()
    model.set_rows(demo_services.notices.board())
    ids = [model.data(model.index(r, 0), NoticeTableModel.NOTICE_ID_ROLE) for r in range(3)]
    # The closed one's deadline is the earliest, yet an overdue open notice comes first.
    assert ids == [three_days.id, seven_days.id, closed.id]
    colours = [model.data(model.index(r, c), Qt.ItemDataRole.ForegroundRole)
               for r in range(3) for c in (0, 5)]
    red, plain, grey = colours[0:2], colours[2:4], colours[4:6]
    assert all(brush.color() == OVERDUE_COLOUR for brush in red)
    assert plain == [None, None]
    assert all(brush.color() == CLOSED_COLOUR for brush in grey)
    overdue = QCoreApplication.translate("NoticeTableModel", "%1 overdue").replace("%1", "1")
    assert model.data(model.index(0, 5)) == overdue  # "1 overdue" (days), in the UI language
    assert model.data(model.index(2, 5)) == "—"


@pytest.fixture
def in_china(monkeypatch):
    """This computer's time zone is China's (as on the field laptops)."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_on_the_board_are_local_not_utc(in_china, demo_services, finished):
    # The deadline counts from the draft, the last action is the issue: a second apart, now
    # that issuing loads its libraries first. Pinned, a minute cannot turn between them.
    clock.set_fixed(clock.now())
    notice = _issue(demo_services, finished, deadline=DeadlinePreset.IMMEDIATE.value)
    model = NoticeTableModel()
    model.set_rows(demo_services.notices.board())
    issued = dt.datetime.fromisoformat(followup.events(demo_services.store, notice.id)[-1].at)
    shown = model.data(model.index(0, NoticeTableModel.COLUMNS.index("last")))
    assert shown == issued.astimezone(clock.CST).strftime("%Y-%m-%d %H:%M")
    due = model.data(model.index(0, NoticeTableModel.COLUMNS.index("deadline")))
    # 24 hours after issuing, on the same clock as the last action.
    assert due == (issued + dt.timedelta(hours=24)).astimezone(clock.CST).strftime(
        "%Y-%m-%d %H:%M")


# -- the board ------------------------------------------------------------------------------------

def test_the_board_lists_an_issued_notice_and_records_its_receipt(board, demo_services,
                                                                  finished):
    assert board.model.rowCount() == 0
    notice = _issue(demo_services, finished)
    board.refresh()
    assert board.model.rowCount() == 1
    assert board.proxy.index(0, 0).data() == notice.number
    assert not board.buttons["received"].isEnabled()  # nothing selected yet
    assert board.buttons["escalate"].isHidden()  # escalating is the office's
    board.table.selectRow(0)
    assert board.selected_id() == notice.id
    board.buttons["received"].click()
    assert notices.get(demo_services.store, notice.id).status is NoticeStatus.RECEIVED
    status = board.proxy.index(0, NoticeTableModel.COLUMNS.index("status")).data()
    assert status == word("notice_status", "received")


def test_a_fixed_re_inspection_closes_the_notice(qtbot, board, demo_services, finished,
                                                 tmp_path):
    notice = _issue(demo_services, finished)
    board.refresh()
    board.table.selectRow(0)
    code = notice.problems[0].criterion_code
    after = make_jpeg(tmp_path / "after.jpg", dt.datetime.now(), colour=(30, 160, 60))

    def fixed(dialog: ReinspectionDialog) -> None:
        dialog.outcomes.setCurrentIndex(dialog.outcomes.findData("fixed"))
        dialog.notes.setPlainText("垃圾已清运，小广告已清除")
        dialog.add_after_files(code, [after])
        assert (dialog.outcome(), dialog.note()) == ("fixed", "垃圾已清运，小广告已清除")
        assert dialog.after_files() == {code: [after]}
        dialog.accept()

    answers = ModalAnswers((ReinspectionDialog, fixed), (QInputDialog, _type_password(PASSWORD)))
    board.buttons["reinspect"].click()  # returns once the dialogs were answered
    answers.stop()
    assert not answers.pending
    stored = notices.get(demo_services.store, notice.id)
    assert stored.status is NoticeStatus.CLOSED and not stored.is_open
    [done] = followup.reinspections(demo_services.store, notice.id)
    assert (done.outcome.value, done.note) == ("fixed", "垃圾已清运，小广告已清除")
    assert len(done.after_photo_ids) == 1 and done.pdf_sha256
    record = board._flow.preview.pdf
    assert demo_services.notices.verify(record).valid  # the signed 复查记录
    [(_code, before, after_photos)] = [p for p in demo_services.notices.before_and_after(notice.id)
                                       if p[0] == code]
    assert before and [a.id for a in after_photos] == list(done.after_photo_ids)
    board.table.selectRow(0)
    assert not board.buttons["reinspect"].isEnabled()  # a closed notice has no next step
    assert board.buttons["open"].isEnabled()


def test_search_filters_the_board(board, demo_services, tmp_path, finished):
    first = _issue(demo_services, finished)
    other = _issue(demo_services, _finish_with_fails(demo_services, tmp_path, site_index=5))
    board.refresh()
    assert board.proxy.rowCount() == 2
    board.search.setText(other.number[-9:])
    assert board.proxy.rowCount() == 1
    assert board.proxy.index(0, 0).data() == other.number != first.number


# -- printing the day's notices ------------------------------------------------------------------

def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(72)  # small page images: the test is about pages, not sharpness
    return printer


@pytest.fixture
def issued_today_and_before(demo_services, tmp_path):
    """Two notices issued today and one issued yesterday, a minute before midnight (the
    office's time; the demo certificates are valid from a day before they were made)."""
    midnight = dt.datetime.combine(dt.date.fromisoformat(clock.office_today()), dt.time(),
                                   tzinfo=clock.zone())
    clock.set_fixed((midnight - dt.timedelta(minutes=1)).astimezone(dt.UTC))
    old = _issue(demo_services, _finish_with_fails(demo_services, tmp_path, site_index=3))
    clock.set_fixed(None)
    today = [_issue(demo_services, _finish_with_fails(demo_services, tmp_path, site_index=i))
             for i in (0, 7)]
    return today, old


def test_only_the_notices_issued_today_are_collected(demo_services, issued_today_and_before):
    today, old = issued_today_and_before
    collected = [row.notice.id for row in notice_batch.issued_today(demo_services)]
    assert collected == [n.id for n in today] and old.id not in collected


def _document_pages(services, notices_today) -> list[int]:
    """The pages of the cover list (one, for two notices) and of each notice, in print order."""
    desk = services.notices
    return [1, *(_pdf_pages(desk.pdf_path(n)) for n in notices_today)]


def test_the_board_prints_the_days_notices_behind_a_cover_list_in_one_job(
        board, demo_services, tmp_path, issued_today_and_before):
    today, _old = issued_today_and_before
    board.refresh()
    assert board.buttons["print_today"].isEnabled()
    out = tmp_path / "printed.pdf"
    assert board.print_todays_notices(_pdf_printer(out))  # (a PDF printer is one-sided)
    assert _pdf_pages(out) == sum(_document_pages(demo_services, today))
    pages = _rendered(out, tmp_path)
    assert all(_ink(page) > 0.005 for page in pages)  # every page has something on it


def test_in_duplex_each_document_starts_on_a_sheet_of_its_own(demo_services, tmp_path,
                                                              issued_today_and_before):
    today, _old = issued_today_and_before
    out = tmp_path / "printed.pdf"
    rows = notice_batch.issued_today(demo_services)
    assert notice_batch.print_batch(_pdf_printer(out), demo_services, rows, duplex=True)
    documents = _document_pages(demo_services, today)
    # Every document but the last fills whole sheets: a blank back after an odd page count.
    assert _pdf_pages(out) == sum(p + p % 2 for p in documents[:-1]) + documents[-1]
    pages = _rendered(out, tmp_path)
    assert _ink(pages[0]) > 0.005 and _ink(pages[1]) == 0  # the cover list and its blank back
    starts = [sum(p + p % 2 for p in documents[:i]) for i in range(len(documents))]
    assert all(_ink(pages[start]) > 0.005 for start in starts)


def _rendered(pdf: Path, folder: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-png", str(pdf), str(folder / "page")],
                   check=True)
    return [Image.open(path) for path in sorted(folder.glob("page-*.png"))]


def _ink(page: Image.Image) -> float:
    """The share of clearly dark pixels on a page."""
    dark = sum(page.convert("L").histogram()[:160])
    return dark / (page.width * page.height)


def test_cancelling_the_print_dialog_prints_nothing(board, issued_today_and_before, tmp_path):
    board.refresh()
    asked: list[str] = []

    def cancel(dialog: QPrintDialog) -> None:
        # (This machine has no printer: Qt offers a PDF file, which has no duplex to check.)
        asked.append(dialog.printer().docName())
        dialog.printer().setOutputFileName(str(tmp_path / "never.pdf"))
        dialog.reject()

    answers = ModalAnswers((QPrintDialog, cancel))
    assert not board.print_todays_notices()
    answers.stop()
    assert len(asked) == 1 and asked[0]  # the job is named
    assert not (tmp_path / "never.pdf").exists()


def test_nothing_to_print_when_no_notice_was_issued_today(board, tmp_path):
    out = tmp_path / "printed.pdf"
    assert not board.buttons["print_today"].isEnabled()
    assert not board.print_todays_notices(_pdf_printer(out))
    assert not out.exists()


def test_the_sheet_per_document_rule_pads_odd_documents_but_not_the_last(tmp_path):
    from reports.cover_list import CoverRow, blank_page, build_cover_list

    blank = tmp_path / "blank.pdf"
    blank.write_bytes(blank_page())
    one = tmp_path / "one.pdf"
    one.write_bytes(build_cover_list([CoverRow("N1", "S", "U", "D", "已下发")], "T", "today"))
    assert notice_batch.page_count(one) == 1
    assert notice_batch.sheet_per_document([one, one, one], blank) == [one, blank, one, blank,
                                                                       one]
    assert notice_batch.sheet_per_document([one], blank) == [one]


# -- the whole flow in the main window ----------------------------------------------------------

def _wait_for_preview(qtbot, window, demo_services, inspection_id: str) -> notices.Notice:
    qtbot.waitUntil(lambda: bool(demo_services.notices.of_inspection(inspection_id))
                    and window.notice_flow.preview is not None, timeout=30_000)
    [notice] = demo_services.notices.of_inspection(inspection_id)
    return notice


def _check_issued(window, notice: notices.Notice) -> None:
    desk = window.notice_flow.desk
    pdf = desk.pdf_path(notice)
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-")
    preview = window.notice_flow.preview
    assert isinstance(preview, NoticePreview) and preview.isVisible()
    assert preview.pdf == pdf and preview.windowTitle() == notice.number
    assert preview.preview.page_count() >= 1
    verdict = desk.verify(pdf)
    assert verdict.valid, verdict.problems
    assert verdict.number == notice.number and verdict.signer_staff_no == "A07"


def test_the_whole_flow_from_the_finishing_summary_to_the_signed_pdf(window, qtbot,
                                                                     demo_services):
    assert demo_services.user.staff_no == "A07"
    view = _start(window, qtbot)
    qtbot.keyClick(view.criteria, Qt.Key.Key_2)  # the first criterion fails
    window.actions.finish.trigger()
    qtbot.waitExposed(window.summary)
    window.summary.finish_button.click()
    inspection_id = view.inspection_id
    edited: list = []

    def edit_and_issue(editor: NoticeEditor) -> None:
        editor.problem_list.setCurrentRow(0)
        editor.location.setText("北门东侧")
        edited.append(editor.draft())
        editor.accept()

    answers = ModalAnswers((NoticeEditor, edit_and_issue), (QInputDialog, _type_password(PASSWORD)))
    window.summary.notice_button.click()
    notice = _wait_for_preview(qtbot, window, demo_services, inspection_id)
    answers.stop()
    assert not answers.pending and len(answers.labels) == 1
    _check_issued(window, notice)
    assert notice.problems[0].location == "北门东侧"
    assert [p.criterion_code for p in notice.problems] == [
        p.criterion_code for p in edited[0].problems]


def test_a_wrong_password_asks_again_and_then_signs(window, qtbot, demo_services, tmp_path):
    inspection_id = _finish_with_fails(demo_services, tmp_path, site_index=2)
    answers = ModalAnswers((NoticeEditor, _accept), (QInputDialog, _type_password("wrong")),
                           (QInputDialog, _type_password(PASSWORD)))
    window.notice_flow.issue_for(inspection_id)
    notice = _wait_for_preview(qtbot, window, demo_services, inspection_id)
    answers.stop()
    assert not answers.pending
    first, again = answers.labels
    assert first != again  # the second prompt says the password did not unlock the key
    _check_issued(window, notice)
    # The failed attempt took no number (a wrong password is found before numbering).
    assert demo_services.store.db.execute("SELECT count(*) FROM notice").fetchone()[0] == 1


def test_cancelling_the_password_issues_nothing(window, qtbot, demo_services, tmp_path):
    inspection_id = _finish_with_fails(demo_services, tmp_path, site_index=2)
    answers = ModalAnswers((NoticeEditor, _accept), (QInputDialog, lambda d: d.reject()),
                           (NoticeEditor, lambda d: d.reject()))  # the editor is back: give up
    window.notice_flow.issue_for(inspection_id)  # returns once the editor was cancelled
    answers.stop()
    assert not answers.pending
    assert demo_services.notices.of_inspection(inspection_id) == []
    assert window.notice_flow.preview is None


# -- going back a step: a cancelled password keeps every edit --------------------------------

def _representative_signs(dialog: SignatureDialog) -> None:
    _draw(dialog.pad, ZIGZAG)
    dialog.name.setText("王建国")
    dialog.accept()


def _edit_everything(editor: NoticeEditor) -> notices.NoticeDraft:
    """Edit the notice as an auditor on site does (a location and a requirement, a photo
    and a problem left out, 7 days, the representative's signature); the draft it makes."""
    editor.problem_list.setCurrentRow(0)
    editor.location.setText("东侧入口处（公交站旁）")
    editor.requirement.setPlainText("立即清运垃圾，增设分类垃圾桶")
    editor.photo_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    _problem_items(editor)[1].setCheckState(Qt.CheckState.Unchecked)
    editor.preset.setCurrentIndex(editor.preset.findData(DeadlinePreset.DAYS_7.value))
    signs = ModalAnswers((SignatureDialog, _representative_signs))
    editor.receipt_button.click()  # returns once the representative signed
    signs.stop()
    return editor.draft()


def _as_shown(editor: NoticeEditor) -> tuple:
    """What the auditor sees of the edits: ticks, the first problem's fields, the receipt."""
    editor.problem_list.setCurrentRow(0)
    return ([item.checkState() for item in _problem_items(editor)], editor.location.text(),
            editor.requirement.toPlainText(),
            [editor.photo_list.item(i).checkState() for i in range(editor.photo_list.count())],
            editor.preset.currentData(), editor.receipt_label.text())


def test_cancelling_the_password_brings_the_editor_back_with_every_edit(window, qtbot,
                                                                        demo_services,
                                                                        tmp_path):
    inspection_id = _finish_with_fails(demo_services, tmp_path, site_index=2)
    drafts, shown = [], []

    def edit_and_issue(editor: NoticeEditor) -> None:
        drafts.append(_edit_everything(editor))
        shown.append(_as_shown(editor))
        editor.accept()

    def look_and_issue(editor: NoticeEditor) -> None:
        shown.append(_as_shown(editor))
        drafts.append(editor.draft())
        editor.accept()

    answers = ModalAnswers((NoticeEditor, edit_and_issue), (QInputDialog, lambda d: d.reject()),
                           (NoticeEditor, look_and_issue), (QInputDialog, _type_password(PASSWORD)))
    window.notice_flow.issue_for(inspection_id)  # returns once signing has started
    answers.stop()
    assert not answers.pending  # the editor came back after the cancelled password
    edited, kept = drafts
    assert edited.receipt.signature_png and edited.receipt.signer == "王建国"
    assert len(edited.problems) == 1 and edited.problems[0].photo_ids == ()
    assert kept == edited  # the representative's signature included
    assert shown[1] == shown[0]
    ticks, location, *_rest = shown[1]
    assert ticks == [Qt.CheckState.Checked, Qt.CheckState.Unchecked]
    assert location == "东侧入口处（公交站旁）"
    notice = _wait_for_preview(qtbot, window, demo_services, inspection_id)
    _check_issued(window, notice)
    assert notice.problems == edited.problems
    assert notice.deadline_preset == DeadlinePreset.DAYS_7.value
    assert notice.receipt.signer == "王建国"
    assert notice.receipt.signature_png == edited.receipt.signature_png


def test_cancelling_after_a_wrong_password_brings_the_editor_back_too(window, qtbot,
                                                                      demo_services, tmp_path):
    inspection_id = _finish_with_fails(demo_services, tmp_path, site_index=2)
    drafts = []

    def edit_and_issue(editor: NoticeEditor) -> None:
        drafts.append(_edit_everything(editor))
        editor.accept()

    def look_and_give_up(editor: NoticeEditor) -> None:
        drafts.append(editor.draft())
        editor.reject()

    answers = ModalAnswers((NoticeEditor, edit_and_issue), (QInputDialog, _type_password("wrong")),
                           (QInputDialog, lambda d: d.reject()), (NoticeEditor, look_and_give_up))
    window.notice_flow.issue_for(inspection_id)
    qtbot.waitUntil(lambda: len(answers.labels) == 2, timeout=30_000)  # asked again
    qtbot.waitUntil(lambda: not answers.pending, timeout=5_000)
    answers.stop()
    edited, kept = drafts
    assert kept == edited and kept.receipt.signature_png
    assert QApplication.activeModalWidget() is None  # cancelling the editor gave up
    assert demo_services.notices.of_inspection(inspection_id) == []
    assert demo_services.store.db.execute("SELECT count(*) FROM notice").fetchone()[0] == 0
    assert window.notice_flow.preview is None


def test_a_refused_notice_brings_back_the_same_editor_signature_included(window, qtbot,
                                                                         demo_services,
                                                                         tmp_path):
    inspection_id = _finish_with_fails(demo_services, tmp_path, site_index=2)
    drafts = []

    def edit_without_a_unit(editor: NoticeEditor) -> None:
        editor.unit.clear()  # refused: a notice needs its addressee
        drafts.append(_edit_everything(editor))
        editor.accept()

    def look_fix_and_issue(editor: NoticeEditor) -> None:
        drafts.append(editor.draft())
        editor.unit.setText("某某物业管理有限公司")
        editor.accept()

    answers = ModalAnswers((NoticeEditor, edit_without_a_unit),
                           (QInputDialog, _type_password(PASSWORD)), (QMessageBox, _accept),
                           (NoticeEditor, look_fix_and_issue),
                           (QInputDialog, _type_password(PASSWORD)))
    window.notice_flow.issue_for(inspection_id)
    notice = _wait_for_preview(qtbot, window, demo_services, inspection_id)
    answers.stop()
    assert not answers.pending
    edited, kept = drafts
    assert kept == edited and kept.receipt.signature_png
    _check_issued(window, notice)
    assert notice.addressee_unit == "某某物业管理有限公司"
    assert notice.problems == edited.problems
    assert notice.receipt.signature_png == edited.receipt.signature_png


def test_cancelling_the_password_brings_the_re_inspection_back_as_it_was(board, demo_services,
                                                                         finished, tmp_path):
    notice = _issue(demo_services, finished)
    board.refresh()
    board.table.selectRow(0)
    code = notice.problems[0].criterion_code
    after = make_jpeg(tmp_path / "after.jpg", dt.datetime.now(), colour=(30, 160, 60))
    chosen = []

    def partly(dialog: ReinspectionDialog) -> None:
        dialog.outcomes.setCurrentIndex(dialog.outcomes.findData("partly"))
        dialog.notes.setPlainText("垃圾已清运，小广告仍在")
        dialog.add_after_files(code, [after])
        chosen.append((dialog.outcome(), dialog.note(), dialog.after_files()))
        dialog.accept()

    def look_and_record(dialog: ReinspectionDialog) -> None:
        chosen.append((dialog.outcome(), dialog.note(), dialog.after_files()))
        dialog.accept()

    answers = ModalAnswers((ReinspectionDialog, partly), (QInputDialog, lambda d: d.reject()),
                           (ReinspectionDialog, look_and_record),
                           (QInputDialog, _type_password(PASSWORD)))
    board.buttons["reinspect"].click()  # returns once the dialogs were answered
    answers.stop()
    assert not answers.pending  # the dialog came back after the cancelled password
    first, again = chosen
    assert again == first == ("partly", "垃圾已清运，小广告仍在", {code: [after]})
    [done] = followup.reinspections(demo_services.store, notice.id)
    assert (done.outcome.value, done.note) == ("partly", "垃圾已清运，小广告仍在")
    assert len(done.after_photo_ids) == 1 and done.pdf_sha256
    assert notices.get(demo_services.store, notice.id).status is NoticeStatus.REINSPECTED
