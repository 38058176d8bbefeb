"""The auditor's day: plan, navigator, drafts, finishing review, cancellable demo."""

import datetime as dt

import pytest

from model.demo import demo
from model.errors import PermissionDeniedError
from model.inspections.navigator import Priority, SiteStatus
from model.progress import Cancelled, Progress
from tests.conftest import PASSWORD
from tests.helpers import site_line, sites_csv

TODAY = "2026-11-26"


@pytest.fixture
def planned(auditor_services, tmp_path):
    s = auditor_services
    s.login("O01", PASSWORD)
    s.sites.import_csv(sites_csv(tmp_path, [site_line(c) for c in ("A-1", "A-2", "A-3", "A-4")]))
    auditor = next(p for p in s.people.all() if p.staff_no == "A07")
    s.planning.plan_site(s.sites.get("A-3").id, auditor.id, "2026-11", TODAY)
    s.planning.plan_site(s.sites.get("A-2").id, auditor.id, "2026-11")
    s.login("A07", PASSWORD)
    return s


def test_the_navigator_lists_todays_plan_first_then_the_month(planned):
    rows = planned.inspections.navigator(TODAY)
    assert [r.site.code for r in rows] == ["A-3", "A-2", "A-1", "A-4"]
    assert [r.priority for r in rows[:3]] == [Priority.TODAY, Priority.THIS_MONTH,
                                              Priority.OTHER]


def test_the_navigator_shows_this_months_status(planned):
    inspection = planned.inspections.start("A-1")
    day = inspection.started_at[:10]
    statuses = {r.site.code: r.status for r in planned.inspections.navigator(day)}
    assert statuses["A-1"] is SiteStatus.IN_PROGRESS
    assert statuses["A-2"] is SiteStatus.NOT_STARTED
    planned.inspections.finish(inspection.id)
    row = next(r for r in planned.inspections.navigator(day) if r.site.code == "A-1")
    assert row.status is SiteStatus.FINISHED and row.latest_inspection_id == inspection.id


def test_replanning_moves_the_day_instead_of_duplicating(planned):
    planned.login("O01", PASSWORD)
    auditor = next(p for p in planned.people.all() if p.staff_no == "A07")
    planned.planning.plan_site(planned.sites.get("A-3").id, auditor.id, "2026-11", "2026-11-27")
    count = planned.store.db.execute("SELECT count(*) FROM assignment").fetchone()[0]
    assert count == 2


def test_only_the_office_plans(planned):
    with pytest.raises(PermissionDeniedError):
        planned.planning.plan_site(planned.sites.get("A-1").id, planned.user.id, "2026-11")


def test_drafts_survive_a_new_connection_and_belong_to_their_author(planned, data_dir):
    from usecases.services import Services

    planned.drafts.save("i/ZCGD-06/note", "北门处有烟头")
    again = Services.open(data_dir)
    again.login("A07", PASSWORD)
    assert again.drafts.get("i/ZCGD-06/note") == "北门处有烟头"
    again.login("O01", PASSWORD)
    assert again.drafts.get("i/ZCGD-06/note") is None
    again.close()
    planned.drafts.discard("i/ZCGD-06/note")
    assert planned.drafts.get("i/ZCGD-06/note") is None


def test_the_review_lists_failures_gaps_and_missing_evidence(planned):
    inspection = planned.inspections.start("A-1")
    planned.inspections.record(inspection.id, "ZCGD-01", "pass")
    planned.inspections.record(inspection.id, "ZCGD-06", "fail", 2)
    summary = planned.inspections.review(inspection.id)
    assert [line.criterion.code for line in summary.failed] == ["ZCGD-06"]
    assert summary.missing_evidence == ("ZCGD-06",)
    assert len(summary.unanswered) == len(planned.checklists.edition().criteria_for("ZCGD")) - 2
    assert summary.rates.score_rate == pytest.approx((1 + 0.33) / 2)


def test_a_cancelled_demo_load_writes_nothing(services):
    progress = Progress()
    seen = []

    def cancel_half_way(done, total):
        seen.append(done)
        if done == total // 2:
            progress.cancel()

    def counts():
        return [services.store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("profile", "site", "inspection", "assignment", "audit_event")]

    before = counts()
    progress._on_update = cancel_half_way
    with pytest.raises(Cancelled):
        demo.load(services.store, today=dt.date(2026, 11, 26), progress=progress)
    assert counts() == before
    assert seen and max(seen) < progress.total


def test_the_demo_plans_four_sites_for_each_auditor_today(services):
    demo.load(services.store, today=dt.date(2026, 11, 26))
    for staff_no in ("A07", "A08"):
        services.login(staff_no, demo.DEMO_PASSWORD)
        today = [r for r in services.inspections.navigator("2026-11-26")
                 if r.priority is Priority.TODAY]
        assert len(today) == demo.TODAY_PER_AUDITOR
