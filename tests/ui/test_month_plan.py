"""The month planner over the demo city: filters, samples, the share-out preview, saving,
and the month's plan with removal."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from model.demo import demo
from ui.dialogs.month_plan import MonthPlanDialog, default_month
from ui.itemmodels.plan_model import ID_ROLE, CandidateModel, PlanLineModel, ShareModel

MONTH = "2027-02"


@pytest.fixture
def office(demo_services):
    demo_services.login("O01", demo.DEMO_PASSWORD)
    return demo_services


@pytest.fixture
def planner(qtbot, office):
    dialog = MonthPlanDialog(office, None)
    qtbot.addWidget(dialog)
    dialog.set_month(MONTH)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _tick(widget, texts: set[str], state=Qt.CheckState.Checked) -> None:
    for i in range(widget.count()):
        if widget.item(i).text() in texts or widget.item(i).data(Qt.ItemDataRole.UserRole) \
                in texts:
            widget.item(i).setCheckState(state)


def _candidates(dialog: MonthPlanDialog) -> list:
    return dialog.candidates.checked_sites()


@pytest.mark.parametrize("today, month", [
    ("2026-11-20", "2026-11"), ("2026-11-21", "2026-12"), ("2026-12-28", "2027-01"),
    ("2027-01-01", "2027-01"),
])
def test_the_month_defaults_to_next_month_late_in_a_month(today, month):
    assert default_month(dt.date.fromisoformat(today)) == month


def test_the_models_pass_the_model_tester(qtmodeltester, office):
    found = office.planning.candidates(("迎泽区",))
    names = {a.id: a.name for a in office.people.auditors()}
    candidates = CandidateModel()
    candidates.set_sites(found, {found[0].id: "李明"}, {})
    qtmodeltester.check(candidates)
    share = ShareModel()
    share.set_share(found, {s.id: next(iter(names)) for s in found}, names, {})
    qtmodeltester.check(share)
    office.planning.save(MONTH, [(found[0].id, next(iter(names)))])
    lines = PlanLineModel()
    lines.set_lines(office.planning.month(MONTH), {})
    assert lines.rowCount() == 1
    qtmodeltester.check(lines)


def test_districts_and_types_narrow_the_candidates(planner, office):
    every = len(office.planning.candidates())
    assert planner.candidates.site_count() == every == len(_candidates(planner))
    _tick(planner.districts, {"晋源区"})
    assert {s.district for s in _candidates(planner)} == {"晋源区"}
    one_type = _candidates(planner)[0].site_type
    _tick(planner.site_types, {one_type})
    assert {(s.district, s.site_type) for s in _candidates(planner)} == {("晋源区", one_type)}


def test_a_sample_per_type_is_drawn_again_with_the_same_seed(planner):
    _tick(planner.districts, {"迎泽区", "小店区"})
    planner.sample_size.setValue(2)
    planner.seed.setValue(11)
    planner.sample_check.setChecked(True)
    first = [s.id for s in _candidates(planner)]
    per_type = Counter(s.site_type for s in _candidates(planner))
    assert max(per_type.values()) == 2
    assert "2" in planner.candidate_note.text() and "11" in planner.candidate_note.text()
    if min(per_type.values()) < 2:  # short types are said
        assert planner.candidate_note.toolTip()
    planner.seed.setValue(12)
    planner.seed.setValue(11)
    assert [s.id for s in _candidates(planner)] == first


def test_the_preview_shares_sites_out_evenly_and_one_row_can_be_changed(qtbot, planner, office):
    _tick(planner.districts, {"晋源区", "尖草坪区"})
    shares = planner.share.counts()
    assert sorted(shares.values()) == [12, 12]  # two districts, two auditors, one each
    by_district = {}
    for row in range(planner.share.rowCount()):
        district = planner.share.index(row, 2).data()
        by_district.setdefault(district, set()).add(
            planner.share.index(row, ShareModel.AUDITOR_COLUMN).data(Qt.ItemDataRole.EditRole))
    assert all(len(holders) == 1 for holders in by_district.values())
    a07 = next(a.id for a in office.people.auditors() if a.staff_no == "A07")
    a08 = next(a.id for a in office.people.auditors() if a.staff_no == "A08")
    moved = next(r for r in range(planner.share.rowCount())
                 if planner.share.index(r, ShareModel.AUDITOR_COLUMN).data(
                     Qt.ItemDataRole.EditRole) == a08)
    moved_site = planner.share.index(moved, 0).data(ID_ROLE)
    assert planner.share.setData(planner.share.index(moved, ShareModel.AUDITOR_COLUMN), a07)
    assert sorted(planner.share.counts().values()) == [11, 13]
    assert "13" in planner.share_note.text()
    with qtbot.waitSignal(planner.plan_saved):
        planner.save_button.click()
    assert "24" in planner.outcome.text()
    saved = {(line.site.id, line.auditor.id) for line in office.planning.month(MONTH)}
    assert len(saved) == 24 and (moved_site, a07) in saved
    # saved sites are now marked as planned and start unticked
    assert _candidates(planner) == []
    assert planner.candidates.index(0, 4).data()  # "already planned" names the auditor
    assert not planner.save_button.isEnabled()


def test_unticking_an_auditor_gives_all_to_the_other(planner, office):
    _tick(planner.districts, {"晋源区"})
    _tick(planner.auditors, {a.id for a in office.people.auditors() if a.staff_no == "A08"},
          Qt.CheckState.Unchecked)
    assert list(planner.share.counts().values()) == [12]
    _tick(planner.auditors, {a.id for a in office.people.auditors()}, Qt.CheckState.Unchecked)
    assert planner.share.counts() == {} and not planner.save_button.isEnabled()


def test_the_months_plan_lists_assignments_and_removes_them(qtbot, planner, office):
    _tick(planner.districts, {"晋源区"})
    planner.save_button.click()
    planner.tabs.setCurrentIndex(1)
    assert planner.lines.rowCount() == 12
    selection = planner.line_table.selectionModel()
    for row in (0, 1, 2):
        selection.select(planner.lines.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    assert planner.remove_button.isEnabled()
    with qtbot.waitSignal(planner.plan_saved):
        planner.remove_button.click()
    assert planner.lines.rowCount() == 9 == len(office.planning.month(MONTH))
    assert "3" in planner.plan_note.text()
    assert len(_candidates(planner)) == 3  # back among the candidates, ticked


def test_sent_assignments_are_removed_and_the_note_says_to_export(qtbot, planner, office,
                                                                  tmp_path):
    _tick(planner.districts, {"晋源区"})
    planner.save_button.click()
    office.sync.export(tmp_path, demo.DEMO_PASSWORD)  # the plan goes out
    planner.set_month(MONTH)
    planner.tabs.setCurrentIndex(1)
    assert all(line.sent for line in office.planning.month(MONTH))
    planner.line_table.selectionModel().select(
        planner.lines.index(0, 0), QItemSelectionModel.SelectionFlag.Select
        | QItemSelectionModel.SelectionFlag.Rows)
    assert planner.remove_button.isEnabled()
    with qtbot.waitSignal(planner.plan_saved):
        planner.remove_button.click()
    assert planner.lines.rowCount() == 11 == len(office.planning.month(MONTH))
    told = planner.tr("%1 of them had been sent out: export the office bundle to take them off "
                      "the laptops.").replace("%1", "1")
    assert told in planner.plan_note.text()


def test_an_auditor_sees_the_plan_but_cannot_save_or_remove(qtbot, office):
    office.login("A07", demo.DEMO_PASSWORD)
    dialog = MonthPlanDialog(office, None)
    qtbot.addWidget(dialog)
    dialog.set_month(MONTH)
    assert dialog.share.rowCount() > 0
    assert not dialog.save_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert dialog.save_button.toolTip()


def test_sites_another_auditor_has_are_left_out_unless_the_clerk_ticks_them(qtbot, planner,
                                                                              office):
    a07, a08 = (next(a.id for a in office.people.auditors() if a.staff_no == n)
                for n in ("A07", "A08"))
    _tick(planner.districts, {"晋源区"})
    _tick(planner.auditors, {a08}, Qt.CheckState.Unchecked)
    planner.save_button.click()  # all twelve to A07
    assert not planner.taken_check.isVisible()
    _tick(planner.auditors, {a07}, Qt.CheckState.Unchecked)
    _tick(planner.auditors, {a08})
    planner.candidates.set_all(True)  # the same sites again, now for A08
    assert planner.taken_check.isVisible() and not planner.taken_check.isChecked()
    assert "12" in planner.taken_check.text()
    planner.save_button.click()
    assert {line.auditor.id for line in office.planning.month(MONTH)} == {a07}
    assert planner.tr("%n site(s) another auditor already has was/were left out.", "",
                      12) in planner.outcome.text()
    planner.candidates.set_all(True)
    planner.taken_check.setChecked(True)  # the clerk wants both auditors there
    with qtbot.waitSignal(planner.plan_saved):
        planner.save_button.click()
    assert Counter(line.auditor.id for line in office.planning.month(MONTH)) == {a07: 12,
                                                                                  a08: 12}
