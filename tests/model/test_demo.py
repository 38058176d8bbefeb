import datetime as dt

import pytest

from model import audit, demo
from model.services import Services

TAIYUAN_DISTRICTS = {"小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区"}


@pytest.fixture(scope="module")
def demo_services(tmp_path_factory):
    services = Services.open(tmp_path_factory.mktemp("demo"))
    demo.load(services.store, today=dt.date(2026, 11, 26))
    yield services
    services.close()


def _counts(services):
    db = services.store.db
    return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("profile", "site", "inspection", "result", "audit_event")}


def test_the_demo_city_has_six_districts_and_enough_sites_and_types(demo_services):
    found = demo_services.search_sites()
    assert len(found) >= 60
    assert {s.district for s in found} == TAIYUAN_DISTRICTS
    assert len({s.site_type for s in found}) >= 12
    assert all(s.unit_name and s.unit_person and s.unit_phone for s in found)
    roles = sorted(p.role.value for p in demo_services.profiles())
    assert roles == ["auditor", "auditor", "office"]


def test_every_demo_profile_signs_in_with_the_documented_password(demo_services):
    for profile in demo_services.profiles():
        assert demo_services.login(profile.staff_no, demo.DEMO_PASSWORD) == profile


def test_the_demo_month_has_plausible_results_in_every_district(demo_services):
    groups = demo_services.score("district")
    assert {g.key for g in groups} == TAIYUAN_DISTRICTS
    for group in groups:
        assert 0.5 < group.rates.pass_rate < 1.0
        assert group.rates.score_rate >= group.rates.pass_rate
    statuses = {i.status.value for i in demo_services.list_inspections()}
    assert statuses == {"finished", "in_progress"}


def test_loading_the_demo_twice_adds_nothing(demo_services):
    before = _counts(demo_services)
    summary = demo.load(demo_services.store, today=dt.date(2026, 11, 27))
    assert (summary.profiles_created, summary.sites.created, summary.inspections_created) == (
        0, 0, 0)
    assert _counts(demo_services) == before


def test_the_demo_leaves_an_intact_audit_log(demo_services):
    assert audit.verify(demo_services.store.db).ok
