"""Bulk actions of the follow-up board: re-inspections assigned, notices escalated together."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from model.errors import PermissionDeniedError, ValidationError
from model.notices import followup, notices
from model.notices.followup import Refusal
from model.notices.notices import NoticeStatus
from model.people.profiles import Role
from model.sites import assignments
from model.store import clock
from tests.conftest import PASSWORD
from tests.helpers import site_line, sites_csv


@pytest.fixture
def city(office, tmp_path):
    """An office, auditors A07 and A08, three sites and one issued notice per site (by A07)."""
    office.people.create("李明", "A07", Role.AUDITOR, PASSWORD, "督查一组")
    office.people.create("张丽", "A08", Role.AUDITOR, PASSWORD, "督查二组")
    office.sites.import_csv(sites_csv(tmp_path, [
        site_line("YZ-1"), site_line("YZ-2", unit="迎泽区市场监管局"),
        site_line("XD-1", district="小店区", unit="小店区住建局")]))
    office.login("A07", PASSWORD)
    issued = {code: _issue(office, code) for code in ("YZ-1", "YZ-2", "XD-1")}
    office.login("O01", PASSWORD)
    return office, issued


def _issue(s, site_code: str) -> notices.Notice:
    inspection = s.inspections.start(site_code)
    s.inspections.record(inspection.id, "ZCGD-01", "fail", 1, "东门", "垃圾")
    s.inspections.finish(inspection.id)
    deadline = (clock.now() + dt.timedelta(days=3)).astimezone(clock.CST)
    draft = dataclasses.replace(notices.draft_for(s.store, inspection.id),
                                deadline=deadline.isoformat(),
                                reinspect_on=deadline.date().isoformat())
    reserved = notices.reserve(s.store, draft, s.user)
    return notices.complete(s.store, reserved.id, "f" * 64, "a" * 64, "01", s.user)


def _profile_id(s, staff_no: str) -> str:
    return next(p.id for p in s.people.all() if p.staff_no == staff_no)


def _events(s, action: str) -> list[dict]:
    return list(s.store.db.query("SELECT * FROM audit_event WHERE action = ? ORDER BY seq",
                                 [action]))


def test_assigned_re_inspections_reach_the_auditors_navigator_on_the_day(city):
    s, issued = city
    a08 = _profile_id(s, "A08")
    day = (dt.date.fromisoformat(clock.office_today()) + dt.timedelta(days=2)).isoformat()
    chosen = [issued["YZ-1"].id, issued["XD-1"].id]
    outcome = s.notices.assign_reinspections(chosen, a08, day)
    assert outcome.done == tuple(chosen) and outcome.refused == ()
    planned = assignments.for_auditor(s.store, a08, day[:7])
    assert sorted((s.sites.get(a.site_id).code, a.planned_on) for a in planned) == [
        ("XD-1", day), ("YZ-1", day)]
    assert len(_events(s, "notice.reinspection_assigned")) == 2
    s.login("A08", PASSWORD)
    on_the_day = s.inspections.navigator(today=day)
    assert [(o.site.code, o.priority.value) for o in on_the_day[:2]] == [
        ("XD-1", "today"), ("YZ-1", "today")]


def test_a_closed_notice_gets_no_re_inspection_and_the_others_do(city):
    s, issued = city
    s.login("A07", PASSWORD)
    s.notices.reinspect(issued["YZ-2"].id, "fixed", "")
    s.login("O01", PASSWORD)
    a07 = _profile_id(s, "A07")
    day = clock.office_today()
    outcome = s.notices.assign_reinspections([issued["YZ-2"].id, issued["YZ-1"].id], a07, day)
    assert outcome.done == (issued["YZ-1"].id,)
    assert outcome.refused == ((issued["YZ-2"].id, Refusal.CLOSED),)
    assert {s.sites.get(a.site_id).code for a in assignments.for_auditor(s.store, a07, day[:7])} \
        == {"YZ-1"}


def test_re_inspections_need_the_office_an_auditor_and_a_day_not_past(city):
    s, issued = city
    a07, o01 = _profile_id(s, "A07"), _profile_id(s, "O01")
    ids = [issued["YZ-1"].id]
    yesterday = (dt.date.fromisoformat(clock.office_today()) - dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match="has passed"):
        s.notices.assign_reinspections(ids, a07, yesterday)
    with pytest.raises(ValidationError, match="not a date"):
        s.notices.assign_reinspections(ids, a07, "next tuesday")
    with pytest.raises(ValidationError, match="auditor"):
        s.notices.assign_reinspections(ids, o01, clock.office_today())
    s.login("A07", PASSWORD)
    with pytest.raises(PermissionDeniedError):
        s.notices.assign_reinspections(ids, a07, clock.office_today())
    with pytest.raises(PermissionDeniedError):  # the model refuses too, not only the service
        followup.assign_reinspections(s.store, ids, a07, clock.office_today(), s.user)
    assert s.store.db["assignment"].count == 0


def test_escalating_many_changes_the_open_ones_and_says_why_not_the_others(city):
    s, issued = city
    s.login("A07", PASSWORD)
    s.notices.reinspect(issued["YZ-2"].id, "fixed", "")  # closed
    s.login("O01", PASSWORD)
    s.notices.escalate(issued["XD-1"].id, "bulletin")  # escalated before
    before = {n.id: n.updated_at for n in s.notices.listing()}
    ids = [issued["YZ-1"].id, issued["YZ-2"].id, issued["XD-1"].id, "no-such-notice"]
    outcome = s.notices.escalate_many(ids, "exposure")
    assert outcome.done == (issued["YZ-1"].id,)
    assert dict(outcome.refused) == {issued["YZ-2"].id: Refusal.CLOSED,
                                     issued["XD-1"].id: Refusal.ALREADY_ESCALATED,
                                     "no-such-notice": Refusal.NOT_FOUND}
    after = {n.id: n for n in s.notices.listing()}
    assert after[issued["YZ-1"].id].status is NoticeStatus.ESCALATED
    assert followup.events(s.store, issued["YZ-1"].id)[-1].note == "exposure"
    for refused in (issued["YZ-2"].id, issued["XD-1"].id):
        assert after[refused].updated_at == before[refused]  # nothing changed for them


def test_escalating_many_is_one_transaction(city, monkeypatch):
    s, issued = city
    real = followup.escalate
    calls = []

    def failing_second(store, notice_id, level, actor):
        calls.append(notice_id)
        if len(calls) == 2:
            raise OSError("disk gone")
        return real(store, notice_id, level, actor)

    monkeypatch.setattr(followup, "escalate", failing_second)
    with pytest.raises(OSError):
        s.notices.escalate_many([n.id for n in issued.values()], "bulletin")
    assert {n.status for n in s.notices.listing()} == {NoticeStatus.ISSUED}  # the first rolled back


def test_only_the_office_escalates_in_bulk(city):
    s, issued = city
    s.login("A07", PASSWORD)
    with pytest.raises(PermissionDeniedError):
        followup.escalate_many(s.store, [issued["YZ-1"].id], "bulletin", s.user)
    assert s.notices.listing()[0].status is NoticeStatus.ISSUED
