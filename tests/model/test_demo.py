import datetime as dt

import pytest

from model.demo import demo
from model.office import dashboard, rankings
from model.office.dashboard import Scope
from model.office.periods import Period
from model.store import audit
from usecases.services import Services

TAIYUAN_DISTRICTS = {"小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区"}
TODAY = dt.date(2026, 11, 26)
MONTHS = ["2026-08", "2026-09", "2026-10", "2026-11"]


@pytest.fixture(scope="module")
def demo_services(tmp_path_factory):
    services = Services.open(tmp_path_factory.mktemp("demo"))
    demo.load(services.store, today=TODAY)
    yield services
    services.close()


def _counts(services):
    db = services.store.db
    return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("profile", "site", "inspection", "result", "photo", "assignment",
                          "audit_event")}


def _score_rates(services, month):
    return {f.label: f.rates.score_rate
            for f in dashboard.table(services.store, Scope(Period.month(month)), "district")}


def test_the_demo_city_has_six_districts_and_enough_sites_and_types(demo_services):
    found = demo_services.sites.search()
    assert len(found) >= 60
    assert {s.district for s in found} == TAIYUAN_DISTRICTS
    assert len({s.site_type for s in found}) >= 12
    assert all(s.unit_name and s.unit_person and s.unit_phone for s in found)
    roles = sorted(p.role.value for p in demo_services.people.all())
    assert roles == ["auditor", "auditor", "office"]


def test_every_demo_profile_signs_in_with_the_documented_password(demo_services):
    for profile in demo_services.people.all():
        assert demo_services.login(profile.staff_no, demo.DEMO_PASSWORD) == profile


def test_four_months_each_with_plausible_results_in_every_district(demo_services):
    assert dashboard.months_with_data(demo_services.store) == MONTHS[::-1]
    for month in MONTHS:
        rates = _score_rates(demo_services, month)
        assert set(rates) == TAIYUAN_DISTRICTS, month
        assert all(0.6 < rate < 1.0 for rate in rates.values()), (month, rates)
    sites = len(demo_services.sites.search())
    for month in MONTHS[:-1]:  # 一月一检查: every site at least once in a past month
        inspected = {i.site_code for i in demo_services.inspections.listing(month=month)}
        assert len(inspected) == sites, month


def test_this_month_is_under_way_with_a_few_inspections_started_this_morning(demo_services):
    current = demo_services.inspections.listing(month="2026-11")
    unfinished = [i for i in current if i.status.value == "in_progress"]
    assert len(unfinished) == 3
    assert all(i.started_at.startswith("2026-11-26") for i in unfinished)
    finished = [i for i in current if i.status.value == "finished"]
    assert all(i.started_at < "2026-11-26" for i in finished)
    assert len({i.site_code for i in finished}) < len(demo_services.sites.search())
    earlier = [i for i in demo_services.inspections.listing() if i.started_at < "2026-11"]
    assert {i.status.value for i in earlier} == {"finished"}


def test_care_improves_in_most_districts_and_slips_in_one_so_ranks_change(demo_services):
    first, last = _score_rates(demo_services, MONTHS[0]), _score_rates(demo_services, MONTHS[-1])
    better = {d for d in TAIYUAN_DISTRICTS if last[d] > first[d]}
    assert len(better) >= 4 and "杏花岭区" not in better
    table = dashboard.table(demo_services.store, Scope(Period.month(MONTHS[-1])), "district")
    assert any(f.rank_change for f in table)


def test_the_negative_list_strikes_in_the_months_it_was_set_off(demo_services):
    def hits(month):
        return {s.label: [h.rule.code for h in s.hits] for s in rankings.standings(
            demo_services.store, Scope(Period.month(month)), "district") if s.hits}
    now, before = hits("2026-11"), hits("2026-10")
    assert "FM-01" in now["杏花岭区"]          # spoiled food at 杏岭便民农贸市场
    assert "FM-02" in before["尖草坪区"]        # a blocked fire lane at 光社综合农贸市场
    assert "FM-01" in hits("2026-09")["万柏林区"]
    standings = rankings.standings(demo_services.store, Scope(Period.month("2026-11")),
                                   "district")
    assert standings[-1].label == "杏花岭区" and standings[-1].last
    assert standings[-1].score_rate == 0.0


def test_the_notified_inspections_have_photos_of_their_failures(demo_services):
    rows = demo_services.store.db.execute(
        "SELECT p.inspection_id, p.criterion_code, r.outcome, i.status, p.flags FROM photo p"
        " JOIN result r ON r.inspection_id = p.inspection_id"
        " AND r.criterion_code = p.criterion_code"
        " JOIN inspection i ON i.id = p.inspection_id").fetchall()
    assert 20 <= len(rows) <= 50
    assert {outcome for _, _, outcome, _, _ in rows} == {"fail"}
    assert {status for _, _, _, status, _ in rows} == {"finished"}
    assert len({inspection for inspection, *_ in rows}) == sum(demo.demo_months.NOTIFIED.values())
    assert not any("time_outside" in flags for *_, flags in rows)


def test_today_four_sites_are_planned_for_each_auditor_those_under_way_first(demo_services):
    planned = demo_services.store.db.execute(
        "SELECT a.site_id, EXISTS (SELECT 1 FROM inspection i WHERE i.site_id = a.site_id"
        " AND i.status = 'in_progress') FROM assignment a WHERE a.planned_on = ?",
        [TODAY.isoformat()]).fetchall()
    assert len(planned) == 2 * demo.TODAY_PER_AUDITOR
    assert sum(busy for _, busy in planned) == 3


def test_loading_the_demo_twice_adds_nothing(demo_services):
    before = _counts(demo_services)
    summary = demo.load(demo_services.store, today=dt.date(2026, 11, 27))
    assert (summary.profiles_created, summary.sites.created, summary.inspections_created) == (
        0, 0, 0)
    assert _counts(demo_services) == before


def test_the_demo_leaves_an_intact_audit_log(demo_services):
    assert audit.verify(demo_services.store.db).ok
