"""The demo city's notices: issued through the notice desk, back-dated, in every state."""

from __future__ import annotations

import datetime as dt

import pytest

from model.demo import demo
from model.inspections import inspections
from model.notices import followup, notices
from model.notices.notices import NoticeStatus
from model.office import bulletin
from model.office.periods import Period
from model.store import audit, clock
from tests.helpers import make_jpeg
from tests.reports import pdf_tools
from usecases.services import Services

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=clock.CST)  # when the demo was loaded
CUTOFF = dt.datetime(2026, 11, 26, 8, 0, tzinfo=clock.CST)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The demo city with its notices, loaded at noon on TODAY; and how many were issued."""
    services = Services.open(tmp_path_factory.mktemp("demo-notices"))
    clock.set_fixed(NOW.astimezone(dt.UTC))
    try:
        demo.load(services.store, today=TODAY)
        issued = services.demo.issue_notices()
    finally:
        clock.set_fixed(None)
    yield services, issued
    services.close()


def _notices(services):
    return notices.listing(services.store, now=NOW)


def test_a_notice_for_every_notified_inspection_in_every_state(loaded):
    services, issued = loaded
    found = _notices(services)
    assert issued == len(found) == sum(demo.demo_months.NOTIFIED.values())
    assert {n.status for n in found} == {
        NoticeStatus.ISSUED, NoticeStatus.RECEIVED, NoticeStatus.REPLIED,
        NoticeStatus.REINSPECTED, NoticeStatus.ESCALATED, NoticeStatus.CLOSED}
    overdue = [n for n in found if n.overdue(NOW)]
    assert len(overdue) >= 4
    assert any(n.is_open and not n.overdue(NOW) for n in found)
    assert found[:len(overdue)] == overdue  # overdue first, as the board shows them
    assert all(p.photo_ids for n in found for p in n.problems)


def test_notices_are_dated_after_their_inspection_and_their_steps_in_order(loaded):
    services, _ = loaded
    for notice in _notices(services):
        inspection = inspections.get(services.store, notice.inspection_id)
        assert inspection.finished_at < notice.issued_at < inspection.finished_at[:10] + "T23:59"
        assert clock.month_of(notice.issued_at) == inspection.month
        times = [e.at for e in followup.events(services.store, notice.id)]
        assert times == sorted(times) and times[0] == notice.issued_at
        assert dt.datetime.fromisoformat(times[-1]) <= CUTOFF
        assert notice.updated_at == times[-1]
    months = {clock.month_of(n.issued_at) for n in _notices(services)}
    assert months == {"2026-08", "2026-09", "2026-10", "2026-11"}


def test_closed_and_partly_fixed_notices_have_signed_reinspection_records(loaded):
    services, _ = loaded
    desk = services.notices
    for notice in _notices(services):
        done = followup.reinspections(services.store, notice.id)
        if notice.status in (NoticeStatus.CLOSED, NoticeStatus.REINSPECTED):
            assert done and done[-1].after_photo_ids and done[-1].pdf_sha256
            record = desk.store.data_dir / "notices" / f"reinspection-{done[-1].id}.pdf"
            assert record.exists()
        else:
            assert not done


def test_an_issued_pdf_verifies_and_prints_the_day_it_was_issued(loaded):
    services, _ = loaded
    oldest = min(_notices(services), key=lambda n: n.issued_at)
    desk = services.notices
    verdict = desk.verify(desk.pdf_path(oldest))
    assert verdict.signed and verdict.intact and verdict.trusted and verdict.fingerprint_ok
    day = clock.office_moment(oldest.issued_at)
    printed = pdf_tools.squeezed(pdf_tools.text(desk.pdf_path(oldest)))
    assert f"{day.year}年{day.month}月{day.day}日" in printed
    assert oldest.number in printed


def test_a_demo_notice_is_signed_at_the_time_it_prints_as_issued(loaded):
    """A back-dated demo notice (or re-inspection record) is signed when it says it was."""
    services, _ = loaded
    desk = services.notices
    for notice in _notices(services)[:6]:
        verdict = desk.verify(desk.pdf_path(notice))
        signed = dt.datetime.fromisoformat(verdict.signed_at)
        assert signed == dt.datetime.fromisoformat(notice.issued_at)
        assert clock.office_date(signed) < TODAY  # not the day the demo was loaded
    closed = next(n for n in _notices(services) if n.status is NoticeStatus.CLOSED)
    done = followup.reinspections(services.store, closed.id)[-1]
    record = desk.store.data_dir / "notices" / f"reinspection-{done.id}.pdf"
    signed_at = desk.verify(record).signed_at
    assert dt.datetime.fromisoformat(signed_at) == dt.datetime.fromisoformat(done.inspected_on)


def test_the_bulletin_of_this_month_lists_overdue_problems_with_photos(loaded):
    services, _ = loaded
    gathered = bulletin.gather(services.store, Period.month("2026-11"), NOW)
    assert gathered.overdue and all(line.photo_ids for line in gathered.overdue)
    assert gathered.problems.found > 0 and gathered.problems.open > 0


def test_loading_again_adds_nothing_and_the_audit_log_holds(loaded):
    services, _ = loaded
    before = [services.store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("notice", "notice_event", "reinspection", "photo", "audit_event")]
    assert services.demo.issue_notices() == 0
    after = [services.store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("notice", "notice_event", "reinspection", "photo", "audit_event")]
    assert after == before
    assert audit.verify(services.store.db).ok


def test_without_the_demo_there_is_nothing_to_issue(services):
    assert services.demo.issue_notices() == 0


def test_an_inspection_made_in_the_demo_city_afterwards_gets_no_demo_notice(loaded, tmp_path):
    services, _ = loaded
    services.login("A07", demo.DEMO_PASSWORD)
    site = services.sites.search()[0]
    inspection = services.inspections.start(site.id)
    code = services.inspections.detail(inspection.id).lines[0].criterion.code
    services.inspections.record(inspection.id, code, "fail", 1, "北门处", "")
    services.photos.add(inspection.id, [make_jpeg(tmp_path / "mine.jpg", dt.datetime.now())],
                        code)
    services.inspections.finish(inspection.id)
    assert services.demo.issue_notices() == 0
    assert services.notices.of_inspection(inspection.id) == []
