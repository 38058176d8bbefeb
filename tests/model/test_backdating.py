"""Notices and their follow-up recorded at a given time (the demo back-dates its notices)."""

from __future__ import annotations

import dataclasses

import pytest

from model.notices import followup, notices
from model.notices.notices import NoticeStatus
from model.store import audit
from tests.conftest import PASSWORD
from tests.helpers import site_line, sites_csv

ISSUED = "2025-12-31T17:30:00+00:00"  # 2026-01-01 01:30 in China: the number's year is 2026


@pytest.fixture
def notice(auditor_services, tmp_path):
    """A notice issued (reserved and completed) at ISSUED, by auditor A07."""
    s = auditor_services
    s.login("O01", PASSWORD)
    s.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1")]))
    s.login("A07", PASSWORD)
    inspection = s.inspections.start("YZ-1")
    s.inspections.record(inspection.id, "ZCGD-01", "fail", 2, "东侧人行道", "垃圾堆放")
    s.inspections.finish(inspection.id)
    draft = dataclasses.replace(notices.draft_for(s.store, inspection.id),
                                deadline="2026-01-05T23:59:00+08:00", reinspect_on="2026-01-06")
    reserved = notices.reserve(s.store, draft, s.user, at=ISSUED)
    issued = notices.complete(s.store, reserved.id, "f" * 64, "a" * 64, "01", s.user, at=ISSUED)
    return s, issued


def test_a_notice_issued_at_a_given_time_records_it_and_numbers_in_its_year(notice):
    s, issued = notice
    assert issued.issued_at == issued.updated_at == ISSUED
    assert "〔2026〕" in issued.number
    assert [(e.status, e.at) for e in followup.events(s.store, issued.id)] == [
        (NoticeStatus.ISSUED, ISSUED)]


def test_follow_up_steps_keep_the_times_given(notice):
    s, issued = notice
    received, escalated = "2026-01-02T02:00:00+00:00", "2026-01-08T03:00:00+00:00"
    fixed = "2026-01-09T04:00:00+00:00"
    followup.set_status(s.store, issued.id, "received", "签收", s.user, at=received)
    s.login("O01", PASSWORD)
    followup.escalate(s.store, issued.id, "bulletin", s.user, at=escalated)
    s.login("A07", PASSWORD)
    done = followup.record_reinspection(s.store, issued.id, "fixed", "已整改", s.user, at=fixed)
    assert (done.at, done.inspected_on) == (fixed, fixed)
    assert [(e.status, e.at) for e in followup.events(s.store, issued.id)] == [
        (NoticeStatus.ISSUED, ISSUED), (NoticeStatus.RECEIVED, received),
        (NoticeStatus.ESCALATED, escalated), (NoticeStatus.CLOSED, fixed)]
    assert notices.get(s.store, issued.id).updated_at == fixed
    assert audit.verify(s.store.db).ok


def test_without_a_time_the_steps_are_recorded_now(notice):
    s, issued = notice
    moved = followup.set_status(s.store, issued.id, "replied", "", s.user)
    assert moved.updated_at > ISSUED
