"""Notices in the store: drafts, checks before a number is taken, numbering, follow-up."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from model.errors import LockedError, PermissionDeniedError, ValidationError
from model.notices import followup, notices
from model.notices.notices import NoticeStatus
from model.photos import media
from model.store import clock
from tests.conftest import PASSWORD
from tests.helpers import make_jpeg, site_line, sites_csv


@pytest.fixture
def finished(auditor_services, tmp_path):
    """A finished inspection of YZ-1 with two failed criteria, one with a photo."""
    s = auditor_services
    s.login("O01", PASSWORD)
    s.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1")]))
    s.login("A07", PASSWORD)
    inspection = s.inspections.start("YZ-1")
    s.inspections.record(inspection.id, "ZCGD-01", "fail", 2, "东侧人行道", "垃圾堆放")
    s.inspections.record(inspection.id, "ZCGD-02", "fail", 1, "", "广告牌破损")
    s.inspections.record(inspection.id, "ZCGD-03", "pass")
    s.photos.add(inspection.id, [make_jpeg(tmp_path / "p.jpg", dt.datetime.now())], "ZCGD-01")
    s.inspections.finish(inspection.id)
    return s, inspection


def _ready(draft):
    return dataclasses.replace(draft, deadline="2026-12-01T23:59:00+08:00",
                               reinspect_on="2026-12-02")


def test_a_draft_lists_the_failed_criteria_with_their_evidence(finished):
    s, inspection = finished
    draft = notices.draft_for(s.store, inspection.id)
    assert [p.criterion_code for p in draft.problems] == ["ZCGD-01", "ZCGD-02"]
    first = draft.problems[0]
    assert (first.location, first.description) == ("东侧人行道", "垃圾堆放")
    assert len(first.photo_ids) == 1
    assert draft.addressee_unit == "迎泽区城市管理局" and draft.addressee_person == "张三"
    with pytest.raises(ValidationError, match="ZCGD-03 did not fail"):
        notices.draft_for(s.store, inspection.id, ["ZCGD-03"])


def test_numbers_follow_the_pattern_and_are_never_reused(finished):
    s, inspection = finished
    s.login("O01", PASSWORD)
    s.office.set_notice_numbering(notices.DEFAULT_PATTERN, "迎泽")
    s.login("A07", PASSWORD)
    draft = _ready(notices.draft_for(s.store, inspection.id))
    first = notices.reserve(s.store, draft, s.user)
    year = clock.now().astimezone(clock.CST).year
    assert first.number == f"迎泽创城整改〔{year}〕A07-0001号"
    assert first.status is NoticeStatus.RESERVED
    notices.void(s.store, first.id, "test", s.user.id)
    second = notices.reserve(s.store, draft, s.user)
    assert second.number.endswith("A07-0002号")  # the voided number stays taken


@pytest.mark.parametrize("pattern", ["{code}-{serial:04d}{prefix.x}", "{year[0]}{code}{serial}",
                                     "{code}{serial", "{prefix}号"])
def test_a_pattern_that_cannot_make_a_number_is_refused_and_nothing_changes(finished, pattern):
    s, _ = finished
    s.login("O01", PASSWORD)
    with pytest.raises(ValidationError):
        s.office.set_notice_numbering(pattern, "迎泽")
    assert notices.number_pattern(s.store) == notices.DEFAULT_PATTERN


def test_a_reservation_left_by_a_crash_is_voided_later(finished):
    s, inspection = finished
    reserved = notices.reserve(s.store, _ready(notices.draft_for(s.store, inspection.id)), s.user)
    assert notices.void_stale(s.store) == 0  # too young: maybe still being issued
    later = clock.now() + dt.timedelta(hours=1)
    assert notices.void_stale(s.store, later) == 1
    assert notices.get(s.store, reserved.id).status is NoticeStatus.VOID


@pytest.mark.parametrize("change, message", [
    (dict(problems=()), "no failed criterion"),
    (dict(addressee_unit="  "), "no addressee"),
    (dict(deadline=""), "no deadline"),
])
def test_bad_drafts_are_refused_before_a_number_is_taken(finished, change, message):
    s, inspection = finished
    draft = dataclasses.replace(_ready(notices.draft_for(s.store, inspection.id)), **change)
    with pytest.raises(ValidationError, match=message):
        notices.reserve(s.store, draft, s.user)
    assert s.store.db["notice_serial"].count == 0 and s.store.db["notice"].count == 0


def test_an_altered_or_missing_original_is_refused(finished):
    s, inspection = finished
    draft = _ready(notices.draft_for(s.store, inspection.id))
    [photo] = s.photos.of(inspection.id, "ZCGD-01")
    original = media.original_path(s.store, photo.sha256)
    original.write_bytes(original.read_bytes() + b"x")
    with pytest.raises(ValidationError, match="altered"):
        notices.check(s.store, draft, s.user)
    original.unlink()
    with pytest.raises(ValidationError, match="missing"):
        notices.check(s.store, draft, s.user)


def test_an_unfinished_inspection_or_another_auditor_is_refused(finished):
    s, inspection = finished
    draft = _ready(notices.draft_for(s.store, inspection.id))
    s.login("O01", PASSWORD)
    with pytest.raises(PermissionDeniedError):
        notices.check(s.store, draft, s.user)


def test_the_follow_up_loop_and_the_lock_on_findings(finished):
    s, inspection = finished
    notice = notices.reserve(s.store, _ready(notices.draft_for(s.store, inspection.id)), s.user)
    notice = notices.complete(s.store, notice.id, "f" * 64, "a" * 64, "01AB", s.user)
    assert notice.status is NoticeStatus.ISSUED
    with pytest.raises(LockedError, match="notice was issued"):
        s.inspections.reopen(inspection.id, "fix a typo")
    with pytest.raises(ValidationError, match="cannot become"):
        s.notices.set_status(notice.id, "closed")
    s.notices.set_status(notice.id, "received", "张三签收")
    with pytest.raises(PermissionDeniedError):
        s.notices.escalate(notice.id, "exposure")
    after = s.notices.reinspect(notice.id, "partly", "还有一处")
    assert after.status is NoticeStatus.REINSPECTED and after.is_open
    closed = s.notices.reinspect(notice.id, "fixed", "")
    assert closed.status is NoticeStatus.CLOSED and not closed.is_open
    steps = [e.status for e in followup.events(s.store, notice.id)]
    assert steps == [NoticeStatus.ISSUED, NoticeStatus.RECEIVED, NoticeStatus.REINSPECTED,
                     NoticeStatus.CLOSED]


def test_overdue_notices_come_first(finished):
    s, inspection = finished
    draft = _ready(notices.draft_for(s.store, inspection.id))
    late = dataclasses.replace(draft, deadline="2020-01-01T23:59:00+08:00")
    on_time = notices.complete(s.store, notices.reserve(s.store, draft, s.user).id, "", "", "",
                               s.user)
    overdue = notices.complete(s.store, notices.reserve(s.store, late, s.user).id, "", "", "",
                               s.user)
    now = dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)
    assert [n.id for n in notices.listing(s.store, now=now)] == [overdue.id, on_time.id]
    assert [n.id for n in notices.listing(s.store, overdue=True, now=now)] == [overdue.id]
    assert overdue.days_left(now) < 0 and on_time.days_left(now) == 5


def test_after_photos_sit_beside_the_evidence_but_are_not_evidence(finished, tmp_path):
    s, inspection = finished
    notice = notices.reserve(s.store, _ready(notices.draft_for(s.store, inspection.id)), s.user)
    notice = notices.complete(s.store, notice.id, "f" * 64, "a" * 64, "01AB", s.user)
    evidence_before = s.photos.of(inspection.id)
    after = make_jpeg(tmp_path / "after.jpg", dt.datetime.now(), colour=(200, 40, 40))
    with pytest.raises(ValidationError, match="no problem ZCGD-03"):
        followup.record_reinspection(s.store, notice.id, "fixed", "", s.user,
                                     {"ZCGD-03": [after]})
    done = followup.record_reinspection(s.store, notice.id, "fixed", "已清理", s.user,
                                        {"ZCGD-01": [after]})
    assert len(done.after_photo_ids) == 1
    assert s.photos.of(inspection.id) == evidence_before  # the locked evidence is unchanged
    assert notices.get(s.store, notice.id).status is NoticeStatus.CLOSED
    assert followup.reinspections(s.store, notice.id) == [done]
