"""The follow-up board for the office: filters by district, unit and auditor, overdue first,
and the bulk actions (re-inspections assigned, notices escalated) on a real demo store."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget

from model.demo import demo
from model.notices import notices
from model.notices.notices import NoticeStatus
from model.store import clock
from tests.ui.test_notice_ui import ModalAnswers
from ui.dialogs.board_actions import ReinspectionPlanDialog
from ui.dialogs.notice_board import NoticeBoard
from ui.itemmodels.notice_model import OVERDUE_COLOUR, BoardFilter, NoticeTableModel
from ui.labels import named
from ui.notice_flow import NoticeFlow

DAYS = NoticeTableModel.COLUMNS.index("days")


def _issue(s, site, days: int) -> notices.Notice:
    """A notice (no PDF: the board needs none) on ``site`` by the signed-in auditor, due in
    ``days`` days (negative: overdue)."""
    inspection = s.inspections.start(site.id)
    code = s.inspections.detail(inspection.id).lines[0].criterion.code
    s.inspections.record(inspection.id, code, "fail", 1, "东门", "垃圾")
    s.inspections.finish(inspection.id)
    due = (clock.now() + dt.timedelta(days=days)).astimezone(clock.CST)
    draft = dataclasses.replace(notices.draft_for(s.store, inspection.id),
                                deadline=due.isoformat(), reinspect_on=due.date().isoformat())
    return notices.complete(s.store, notices.reserve(s.store, draft, s.user).id, "", "", "",
                            s.user)


@pytest.fixture
def city(demo_services):
    """Four notices: A07 in 迎泽区 (one overdue by 3 days) and 小店区, A08 in 小店区 and 晋源区
    (that one closed); the office signed in."""
    s = demo_services
    by_district = {}
    for site in s.sites.search():
        by_district.setdefault(site.district, []).append(site)
    made = {"yz": _issue(s, by_district["迎泽区"][0], -3),
            "xd7": _issue(s, by_district["小店区"][0], 5)}
    s.login("A08", demo.DEMO_PASSWORD)
    made["xd8"] = _issue(s, by_district["小店区"][1], 2)
    made["jy"] = _issue(s, by_district["晋源区"][0], 4)
    s.notices.reinspect(made["jy"].id, "fixed", "")
    s.login("O01", demo.DEMO_PASSWORD)
    return s, made


@pytest.fixture
def board(qtbot, city):
    host = QWidget()
    qtbot.addWidget(host)
    s, _made = city
    dialog = NoticeBoard(s, NoticeFlow(s, None, host), host)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda title, question: True
    dialog.refresh()
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _shown(board: NoticeBoard) -> list[str]:
    return [board.proxy.index(r, 0).data(NoticeTableModel.NOTICE_ID_ROLE)
            for r in range(board.proxy.rowCount())]


def _choose(board: NoticeBoard, name: str, value: str) -> None:
    combo = board.filters[name]
    index = combo.findData(value)
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert index > 0, f"{value} not offered in {name}: {offered}"
    combo.setCurrentIndex(index)


def _select(board: NoticeBoard, ids: list[str]) -> None:
    selection = board.table.selectionModel()
    selection.clearSelection()
    for row in range(board.proxy.rowCount()):
        index = board.proxy.index(row, 0)
        if index.data(NoticeTableModel.NOTICE_ID_ROLE) in ids:
            selection.select(index, QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)


def test_the_filters_offer_what_is_on_the_board_and_narrow_it(board, city):
    _s, made = city
    offered = {name: sorted(board.filters[name].itemData(i)
                            for i in range(1, board.filters[name].count()))
               for name in ("district", "unit", "auditor")}
    assert offered["district"] == sorted(["迎泽区", "小店区", "晋源区"])
    assert offered["auditor"] == sorted(["李明", "张丽"])
    assert offered["unit"] == sorted({n.addressee_unit for n in made.values()})
    assert len(_shown(board)) == 4
    _choose(board, "district", "小店区")
    assert sorted(_shown(board)) == sorted([made["xd7"].id, made["xd8"].id])
    _choose(board, "auditor", "张丽")
    assert _shown(board) == [made["xd8"].id]
    assert board.summary.text().startswith(
        QCoreApplication.translate("NoticeBoard", "%n notice(s) · %1 open · %2 overdue", "", 1)
        .replace("%1", "1").replace("%2", "0"))
    board.filters["district"].setCurrentIndex(0)  # all districts, still 张丽's
    assert sorted(_shown(board)) == sorted([made["xd8"].id, made["jy"].id])
    _choose(board, "unit", made["jy"].addressee_unit)
    assert _shown(board) == [made["jy"].id]
    board.refresh()  # a reload keeps what the user chose
    assert board.filters["unit"].currentData() == made["jy"].addressee_unit
    assert _shown(board) == [made["jy"].id]
    board.filters["unit"].setCurrentIndex(0)
    board.search.setText(made["xd7"].number[-9:])  # the search works with the filters
    assert _shown(board) == []
    board.filters["auditor"].setCurrentIndex(0)
    assert _shown(board) == [made["xd7"].id]


def test_overdue_notices_come_first_in_red_with_the_days_overdue(board, city):
    _s, made = city
    first = board.proxy.index(0, DAYS)
    assert first.data(NoticeTableModel.NOTICE_ID_ROLE) == made["yz"].id
    assert first.data() == QCoreApplication.translate(
        "NoticeTableModel", "%1 overdue").replace("%1", "3")
    assert first.data() == "逾期 3 天"  # in the UI language
    assert first.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    assert board.proxy.index(1, DAYS).data() == "2"  # then the nearest deadline
    assert board.proxy.index(3, DAYS).data() == "—"  # the closed one last


def test_the_filter_passes_the_model_tester(qtmodeltester, city):
    s, _made = city
    model = NoticeTableModel()
    model.set_rows(s.notices.board())
    proxy = BoardFilter()
    proxy.setSourceModel(model)
    proxy.set_criteria(district="小店区")
    assert proxy.rowCount() == 2
    qtmodeltester.check(proxy)


def test_escalating_several_changes_the_open_ones_and_says_why_not_the_closed(board, city):
    s, made = city
    _select(board, [made["yz"].id, made["xd8"].id, made["jy"].id])
    assert board.buttons["escalate"].isEnabled() and board.buttons["assign"].isEnabled()
    assert not board.buttons["received"].isEnabled()  # steps act on one notice
    asked = []
    board.confirm = lambda title, question: asked.append(question) or True
    exposure = next(a for a in board.buttons["escalate"].menu().actions()
                    if "曝光台" in a.text())
    exposure.trigger()
    assert asked and "3" in asked[0]
    status = {n.id: n.status for n in s.notices.listing()}
    assert status[made["yz"].id] is status[made["xd8"].id] is NoticeStatus.ESCALATED
    assert status[made["jy"].id] is NoticeStatus.CLOSED
    assert status[made["xd7"].id] is NoticeStatus.ISSUED  # not selected
    assert made["jy"].number in board.feedback.text()
    _select(board, [made["yz"].id])
    assert not board.buttons["escalate"].isEnabled()  # escalated already


def test_a_refused_escalation_changes_nothing(board, city):
    s, made = city
    _select(board, [made["yz"].id])
    board.confirm = lambda title, question: False
    board.buttons["escalate"].menu().actions()[0].trigger()
    assert {n.status for n in s.notices.listing() if n.id != made["jy"].id} == {NoticeStatus.ISSUED}


def test_assigning_re_inspections_puts_the_sites_in_the_auditors_day(qtbot, board, city):
    s, made = city
    _select(board, [made["yz"].id, made["xd7"].id, made["jy"].id])
    day = (dt.date.fromisoformat(clock.office_today()) + dt.timedelta(days=1)).isoformat()

    offered = []

    def plan(dialog: ReinspectionPlanDialog) -> None:
        offered.extend(dialog.auditor.itemText(i) for i in range(dialog.auditor.count()))
        dialog.auditor.setCurrentIndex(dialog.auditor.findText(named("张丽", "A08")))
        dialog.day.setDate(dialog.day.date().fromString(day, "yyyy-MM-dd"))
        dialog.accept()

    answers = ModalAnswers((ReinspectionPlanDialog, plan))
    try:
        board.buttons["assign"].click()
    finally:
        answers.stop()
    assert not answers.pending
    assert sorted(offered) == [named("张丽", "A08"), named("李明", "A07")]  # auditors only
    assert made["jy"].number in board.feedback.text()  # closed: no re-inspection
    assert "张丽" in board.feedback.text() and day in board.feedback.text()
    s.login("A08", demo.DEMO_PASSWORD)
    today = [o.site.id for o in s.inspections.navigator(today=day) if o.priority.value == "today"]
    sites = {n: notices.site_of(s.store, made[n]).id for n in ("yz", "xd7", "jy")}
    assert sites["yz"] in today and sites["xd7"] in today and sites["jy"] not in today


def test_an_auditor_has_no_bulk_actions(qtbot, city):
    s, made = city
    s.login("A07", demo.DEMO_PASSWORD)
    host = QWidget()
    qtbot.addWidget(host)
    board = NoticeBoard(s, NoticeFlow(s, None, host), host)
    qtbot.addWidget(board)
    board.refresh()
    _select(board, [made["yz"].id, made["xd7"].id])
    for name in ("assign", "escalate"):
        assert board.buttons[name].isHidden() and not board.buttons[name].isEnabled()


def test_the_planner_offers_the_issuing_auditor_and_the_notices_day(board, city):
    _s, made = city
    _select(board, [made["yz"].id, made["xd7"].id])  # both issued by 李明
    seen = []

    def look(dialog: ReinspectionPlanDialog) -> None:
        seen.append((dialog.auditor.currentText(), dialog.day_text()))
        dialog.reject()

    answers = ModalAnswers((ReinspectionPlanDialog, look))
    try:
        board.buttons["assign"].click()
    finally:
        answers.stop()
    # 迎泽区's re-inspection day has passed (overdue): the earliest day offered is today
    assert seen == [(named("李明", "A07"), clock.office_today())]
    assert board.feedback.text() == ""  # cancelled: nothing done
