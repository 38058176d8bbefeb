"""Planning the month: candidates, random samples per type, sharing out, saving, and the plan
reaching the auditor's laptop in the office's bundle."""

from __future__ import annotations

from collections import Counter

import pytest

from model.errors import NotFoundError, PermissionDeniedError, ValidationError
from model.office import planning
from model.office.planning import Removal
from model.people.profiles import Role
from model.sites import assignments
from model.sites.sites import Site
from tests import worlds
from tests.conftest import PASSWORD
from tests.helpers import site_line, sites_csv
from tests.model.sync_world import PW
from usecases.services import Services

DISTRICTS = {"YZ": "迎泽区", "XD": "小店区", "JY": "晋源区"}


def _sites(prefix: str, count: int, site_type: str = "ZCGD") -> list[str]:
    return [site_line(f"{prefix}-{site_type}-{n:02d}", site_type=site_type,
                      district=DISTRICTS[prefix]) for n in range(count)]


@pytest.fixture
def city(office, tmp_path):
    """Office O01, auditors A07, A08, A09; 10 sites in 迎泽区, 6 in 小店区, 2 in 晋源区 (two
    site types)."""
    for name, staff_no in (("李明", "A07"), ("张丽", "A08"), ("赵强", "A09")):
        office.people.create(name, staff_no, Role.AUDITOR, PASSWORD, "督查组")
    types = sorted(office.checklists.site_types())
    lines = (_sites("YZ", 7, types[0]) + _sites("YZ", 3, types[1]) + _sites("XD", 6, types[0])
             + _sites("JY", 2, types[1]))
    office.sites.import_csv(sites_csv(tmp_path, lines))
    return office, types


def _ids(s: Services, *staff_nos: str) -> list[str]:
    by_staff = {p.staff_no: p.id for p in s.people.all()}
    return [by_staff[n] for n in staff_nos]


def _fake_sites(counts: dict[str, int]) -> list[Site]:
    """Sites in memory: ``counts`` is district → number of sites (two sub-districts each)."""
    return [Site(f"{d}-{n}", f"{d}-{n:03d}", "点位", "ZCGD", d, f"{d}街道{n % 2}", "", "单位",
                 "", "", None, None) for d, count in counts.items() for n in range(count)]


# -- picking sites ----------------------------------------------------------------------------

def test_candidates_are_filtered_by_district_and_type(city):
    s, types = city
    assert len(planning.candidates(s.store)) == 18
    yz = planning.candidates(s.store, districts=["迎泽区"])
    assert len(yz) == 10 and {x.district for x in yz} == {"迎泽区"}
    mixed = planning.candidates(s.store, districts=["迎泽区", "晋源区"], site_types=[types[1]])
    assert sorted(x.code for x in mixed) == sorted(
        [f"YZ-{types[1]}-{n:02d}" for n in range(3)] + [f"JY-{types[1]}-{n:02d}" for n in range(2)])
    assert planning.candidates(s.store, districts=["不存在区"]) == []


def test_a_sample_draws_n_per_type_the_same_for_the_same_seed(city):
    s, types = city
    every = planning.candidates(s.store)
    first = planning.sample(every, 4, seed=7)
    assert Counter(x.site_type for x in first) == {types[0]: 4, types[1]: 4}
    assert [x.id for x in planning.sample(list(reversed(every)), 4, seed=7)] == [
        x.id for x in first]  # the order the sites come in does not matter
    draws = {tuple(x.id for x in planning.sample(every, 4, seed=seed)) for seed in range(8)}
    assert len(draws) > 1  # other seeds draw other sites
    assert planning.shortfalls(every, 4) == {}


def test_a_type_with_fewer_sites_than_asked_gives_them_all_and_is_reported(city):
    s, types = city
    every = planning.candidates(s.store)  # 13 of the first type, 5 of the second
    drawn = planning.sample(every, 6, seed=1)
    assert Counter(x.site_type for x in drawn) == {types[0]: 6, types[1]: 5}
    assert planning.shortfalls(every, 6) == {types[1]: 5}
    with pytest.raises(ValidationError):
        planning.sample(every, 0, seed=1)


# -- sharing out ------------------------------------------------------------------------------

@pytest.mark.parametrize("counts, auditors", [
    ({"A": 10, "B": 6, "C": 2}, 3), ({"A": 5, "B": 5, "C": 5, "D": 5}, 2),
    ({"A": 1}, 3), ({"A": 17, "B": 1, "C": 1, "D": 4}, 4), ({}, 2), ({"A": 9}, 1),
])
def test_sharing_out_is_balanced(counts, auditors):
    found = _fake_sites(counts)
    plan = planning.distribute(found, [f"p{i}" for i in range(auditors)])
    assert set(plan) == {x.id for x in found}
    loads = Counter(plan.values())
    per = [loads.get(f"p{i}", 0) for i in range(auditors)]
    assert max(per) - min(per) <= 1


def test_a_district_stays_with_one_auditor_where_the_counts_allow():
    found = _fake_sites({"A": 6, "B": 3, "C": 3})
    plan = planning.distribute(found, ["p1", "p2"])
    holders = {d: {plan[x.id] for x in found if x.district == d} for d in "ABC"}
    assert all(len(h) == 1 for h in holders.values()), holders
    assert holders["B"] == holders["C"] != holders["A"]


def test_a_district_too_big_for_one_share_is_split_along_sub_districts():
    found = _fake_sites({"A": 8})
    plan = planning.distribute(found, ["p1", "p2"])
    assert Counter(plan.values()) == {"p1": 4, "p2": 4}
    by_sub = {x.sub_district: {plan[y.id] for y in found if y.sub_district == x.sub_district}
              for x in found}
    assert all(len(h) == 1 for h in by_sub.values())  # each half is one sub-district


def test_sharing_out_needs_an_auditor():
    with pytest.raises(ValidationError):
        planning.distribute(_fake_sites({"A": 2}), [])


# -- saving and removing -----------------------------------------------------------------------

def test_a_plan_is_saved_once_and_saving_it_again_adds_nothing(city):
    s, _types = city
    a07, a08 = _ids(s, "A07", "A08")
    chosen = planning.candidates(s.store, districts=["小店区"])
    pairs = list(planning.distribute(chosen, [a07, a08]).items())
    summary = s.planning.save("2026-12", pairs)
    assert (summary.new, summary.already_planned, summary.with_other_auditor) == (6, 0, 0)
    assert summary.by_auditor == {a07: 3, a08: 3}
    again = s.planning.save("2026-12", pairs)
    assert (again.new, again.already_planned) == (0, 6)
    assert s.store.db["assignment"].count == 6
    events = s.store.db.execute("SELECT count(*) FROM audit_event WHERE action = "
                                "'assignment.plan'").fetchone()[0]
    assert events == 6
    lines = s.planning.month("2026-12")
    assert [(line.auditor.staff_no, line.site.district, line.sent) for line in lines] == [
        ("A07", "小店区", False)] * 3 + [("A08", "小店区", False)] * 3
    assert s.planning.month("2027-01") == []


def test_a_site_given_to_a_second_auditor_is_counted(city):
    s, _types = city
    a07, a08 = _ids(s, "A07", "A08")
    site = planning.candidates(s.store)[0]
    s.planning.save("2026-12", [(site.id, a07)])
    summary = s.planning.save("2026-12", [(site.id, a08)])
    assert (summary.new, summary.with_other_auditor) == (1, 1)


def test_a_bad_plan_is_refused_whole(city):
    s, _types = city
    a07, o01 = _ids(s, "A07", "O01")
    site = planning.candidates(s.store)[0]
    with pytest.raises(NotFoundError, match="no-site"):
        s.planning.save("2026-12", [(site.id, a07), ("no-site", a07)])
    with pytest.raises(ValidationError, match="office profile"):
        s.planning.save("2026-12", [(site.id, a07), (site.id, o01)])
    with pytest.raises(ValidationError, match="not a month"):
        s.planning.save("2026-13", [(site.id, a07)])
    assert s.store.db["assignment"].count == 0


def test_only_the_office_plans_and_removes(city):
    s, _types = city
    [a07] = _ids(s, "A07")
    site = planning.candidates(s.store)[0]
    s.planning.save("2026-12", [(site.id, a07)])
    s.login("A07", PASSWORD)
    with pytest.raises(PermissionDeniedError):
        s.planning.save("2026-12", [(site.id, a07)])
    with pytest.raises(PermissionDeniedError):
        planning.remove(s.store, [s.planning.month("2026-12")[0].assignment_id], s.user)
    assert s.store.db["assignment"].count == 1


def test_removing_unsent_assignments(city):
    s, _types = city
    a07, a08 = _ids(s, "A07", "A08")
    chosen = planning.candidates(s.store, districts=["晋源区"])
    s.planning.save("2026-12", [(chosen[0].id, a07), (chosen[1].id, a08)])
    first, second = s.planning.month("2026-12")
    summary = s.planning.remove([first.assignment_id, "gone"])
    assert summary.removed == (first.assignment_id,)
    assert summary.refused == (("gone", Removal.NOT_FOUND),)
    assert [line.assignment_id for line in s.planning.month("2026-12")] == [second.assignment_id]


# -- the plan reaches the laptop ------------------------------------------------------------

@pytest.fixture
def office_and_laptop(tmp_path):
    """An office with sites, its authority and auditors A07, A08; A07's laptop enrolled."""
    office = worlds.make_office(tmp_path / "office", PW,
                                sites_csv(tmp_path, _sites("YZ", 4) + _sites("XD", 4)))
    office.people.create("张丽", "A08", Role.AUDITOR, PW, "督查二组")
    laptop = worlds.make_laptop(tmp_path / "A07", office, PW, team="督查组")
    yield office, laptop
    office.close()
    laptop.close()


def test_a_planned_month_reaches_the_auditors_navigator(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    a07, a08 = _ids(office, "A07", "A08")
    chosen = planning.candidates(office.store)
    office.planning.save("2026-12", planning.distribute(chosen, [a07, a08]))
    mine = {line.site.code for line in office.planning.month("2026-12") if line.auditor.id == a07}
    assert len(mine) == 4
    stick = tmp_path / "stick"
    stick.mkdir()
    bundle_path, _counts = office.sync.export(stick, PW)
    assert all(line.sent for line in office.planning.month("2026-12"))
    laptop.login("A07", PW)
    laptop.sync.import_bundle(bundle_path)
    listed = laptop.inspections.navigator(today="2026-12-03")
    planned = {o.site.code for o in listed if o.priority.value == "this_month"}
    assert planned == mine
    assert [o.site.code for o in listed[:4]] == sorted(mine)  # the plan comes first

    # removing a sent assignment sends a tombstone: the next office bundle takes it off
    sent = next(line for line in office.planning.month("2026-12") if line.auditor.id == a07)
    summary = office.planning.remove([sent.assignment_id])
    assert summary.removed == summary.withdrawn == (sent.assignment_id,)
    assert not assignments.by_ids(office.store, [sent.assignment_id])
    again, _counts = office.sync.export(stick, PW)
    laptop.sync.import_bundle(again)
    assert not assignments.by_ids(laptop.store, [sent.assignment_id])
    listed = laptop.inspections.navigator(today="2026-12-03")
    assert {o.site.code for o in listed if o.priority.value == "this_month"} \
        == mine - {sent.site.code}
    laptop.sync.import_bundle(again)                       # a second time changes nothing
    laptop.sync.import_bundle(bundle_path)                 # nor does the old plan arriving late
    assert not assignments.by_ids(laptop.store, [sent.assignment_id])
    office.planning.save("2026-12", [(sent.site.id, a07)])  # planned again: a new assignment
    laptop.sync.import_bundle(office.sync.export(stick, PW)[0])
    again_mine = assignments.for_auditor(laptop.store, a07, "2026-12")
    assert sent.site.id in {a.site_id for a in again_mine} and len(again_mine) == len(mine)
