"""The office's figures: periods, dashboard tables, the negative list, rankings, the bulletin."""

from __future__ import annotations

import datetime as dt

import pytest

from model.errors import PermissionDeniedError, ValidationError
from model.office import bulletin, dashboard, negative_list, rankings
from model.office.dashboard import Scope
from model.office.negative_list import Effect, NegativeRule
from model.office.periods import Period
from model.store import clock
from tests.conftest import PASSWORD
from tests.helpers import site_line, sites_csv

OCTOBER, NOVEMBER = Period.month("2026-10"), Period.month("2026-11")


def _inspect(s, site_code: str, day: str, outcomes: dict[str, tuple[str, int | None]]) -> str:
    """Finish an inspection of ``site_code`` started at noon (CST) on ``day``."""
    clock.set_fixed(dt.datetime.fromisoformat(f"{day}T12:00:00+08:00").astimezone(dt.UTC))
    inspection = s.inspections.start(site_code)
    for code, (outcome, instances) in outcomes.items():
        s.inspections.record(inspection.id, code, outcome, instances)
    s.inspections.finish(inspection.id)
    return inspection.id


@pytest.fixture
def city(auditor_services, tmp_path):
    """Two districts over two months.

    October: 迎泽区 (甲单位) all pass; 小店区 (乙单位) one fail with 2 problems.
    November: 迎泽区 one fail (1 problem); 小店区 all pass; a market of 丙单位 in
    小店区 sells stale food (NMSC-08, on the default negative list).
    """
    s = auditor_services
    s.login("O01", PASSWORD)
    s.sites.import_csv(sites_csv(tmp_path, [
        site_line("YZ-1", district="迎泽区", sub_district="柳巷街道", unit="甲单位"),
        site_line("XD-1", district="小店区", sub_district="坞城街道", unit="乙单位"),
        site_line("XD-M", name="农贸市场", site_type="NMSC", district="小店区",
                  sub_district="坞城街道", unit="丙单位")]))
    s.login("A07", PASSWORD)
    passes = {f"ZCGD-0{n}": ("pass", None) for n in (1, 2, 3)}
    _inspect(s, "YZ-1", "2026-10-10", passes)
    _inspect(s, "XD-1", "2026-10-11", {**passes, "ZCGD-02": ("fail", 2)})
    _inspect(s, "YZ-1", "2026-11-10", {**passes, "ZCGD-03": ("fail", 1)})
    _inspect(s, "XD-1", "2026-11-11", passes)
    _inspect(s, "XD-M", "2026-11-12", {"NMSC-01": ("pass", None), "NMSC-08": ("fail", 1)})
    clock.set_fixed(dt.datetime(2026, 11, 26, 4, tzinfo=dt.UTC))
    s.login("O01", PASSWORD)
    return s


# -- periods --------------------------------------------------------------------------


def test_periods_read_months_and_ranges_and_know_the_one_before():
    assert Period.parse("2026-11") == NOVEMBER
    autumn = Period.parse("2026-09..2026-11")
    assert autumn.months == ["2026-09", "2026-10", "2026-11"]
    assert autumn.previous() == Period("2026-06", "2026-08")
    assert Period.month("2026-01").previous() == Period.month("2025-12")
    assert autumn.label_zh == "2026年9月至11月"
    assert Period.parse("2025-12..2026-01").label_zh == "2025年12月至2026年1月"


@pytest.mark.parametrize("text", ["2026-13", "26-11", "abc", "", "2026-11..2026-09"])
def test_a_bad_period_is_refused_naming_it(text):
    with pytest.raises(ValidationError, match=r"2026-09|YYYY-MM|before"):
        Period.parse(text)


# -- dashboard ------------------------------------------------------------------------


def test_districts_with_rank_and_change_against_the_month_before(city):
    rows = {f.label: f for f in city.office.table(Scope(NOVEMBER), "district")}
    yingze, xiaodian = rows["迎泽区"], rows["小店区"]
    assert yingze.rates.score_rate == pytest.approx((2 + 0.66) / 3)
    assert yingze.previous.score_rate == 1.0
    assert yingze.score_change == pytest.approx((2 + 0.66) / 3 - 1.0)
    # 小店区: ZCGD ×3 pass + NMSC-01 pass + NMSC-08 fail(1) in November
    assert xiaodian.rates.score_rate == pytest.approx((4 + 0.66) / 5)
    assert (yingze.rank, xiaodian.rank) == (2, 1)
    assert (yingze.previous_rank, xiaodian.previous_rank) == (1, 2)
    assert (yingze.rank_change, xiaodian.rank_change) == (-1, 1)


def test_every_dimension_gives_groups_that_add_up_to_the_totals(city):
    scope = Scope(NOVEMBER)
    totals = city.office.totals(scope)
    assert (totals.inspections, totals.sites, totals.rates.failed) == (3, 3, 2)
    for by in dashboard.DIMENSIONS:
        figures = city.office.table(scope, by)
        assert sum(f.rates.applicable for f in figures) == totals.rates.applicable, by
    assert {f.label for f in city.office.table(scope, "sub-district")} == {
        "迎泽区 柳巷街道", "小店区 坞城街道"}


def test_a_figure_clicks_through_to_its_findings_and_inspections(city):
    market = next(f for f in city.office.table(Scope(NOVEMBER), "unit") if f.label == "丙单位")
    findings = city.office.findings(market.scope)
    assert [(f.site_code, f.criterion_code, f.instances) for f in findings] == [
        ("XD-M", "NMSC-08", 1)]
    assert findings[0].criterion_text and findings[0].auditor == "李明"
    assert [line.site_code for line in city.office.inspections(market.scope)] == ["XD-M"]
    district = Scope(NOVEMBER, district="小店区")
    assert {line.site_code for line in city.office.inspections(district)} == {"XD-1", "XD-M"}


def test_trend_lists_every_month_with_gaps_and_weakest_criteria_come_first(city):
    trend = city.office.trend(Scope(NOVEMBER), months=3)
    assert [month for month, _ in trend] == ["2026-09", "2026-10", "2026-11"]
    assert trend[0][1] is None and trend[1][1].failed == 1
    weakest = city.office.weakest_criteria(Scope(NOVEMBER))
    assert weakest[0].code == "NMSC-08" and weakest[0].fail_rate == 1.0
    assert {w.code for w in weakest} == {"NMSC-08", "ZCGD-03"}


def test_an_empty_month_gives_empty_figures_not_a_division_by_zero(city):
    empty = Scope(Period.month("2025-01"))
    assert city.office.totals(empty).rates.score_rate is None
    assert city.office.totals(empty).inspections == 0
    assert city.office.table(empty, "unit") == []
    assert city.office.standings(empty, "district") == []
    assert city.office.findings(empty) == [] and city.office.weakest_criteria(empty) == []


def test_a_site_missing_from_the_register_still_shows_its_findings(city):
    city.store.db.execute("PRAGMA foreign_keys = OFF")
    city.store.db.execute("DELETE FROM site WHERE code = 'XD-M'")
    findings = city.office.findings(Scope(NOVEMBER, unit_name="丙单位"))
    assert [(f.site_code, f.unit_name, f.district) for f in findings] == [("", "丙单位", "小店区")]


# -- negative list and rankings ----------------------------------------------------------


def test_the_negative_list_zeroes_the_unit_and_says_why(city):
    units = {s.label: s for s in city.office.standings(Scope(NOVEMBER), "unit")}
    market = units["丙单位"]
    assert market.figure.rates.score_rate == pytest.approx((1 + 0.66) / 2)
    assert market.score_rate == 0.0
    assert [(h.rule.code, h.failed, h.site_codes) for h in market.hits] == [
        ("FM-01", 1, ("XD-M",))]
    assert market.rank == 3 and market.last
    assert not units["乙单位"].last and units["乙单位"].rank == 1


def test_rules_cap_and_deduct_and_need_their_threshold(city):
    scope = Scope(NOVEMBER)
    rules = [NegativeRule("T-1", "cap", ("NMSC-*",), Effect.CAP, 0.5),
             NegativeRule("T-2", "deduct", ("ZCGD-03",), Effect.DEDUCT, 0.1),
             NegativeRule("T-3", "twice", ("ZCGD-03",), Effect.ZERO, threshold=2)]
    city.office.set_negative_rules(rules)
    units = {s.label: s for s in city.office.standings(scope, "unit")}
    assert units["丙单位"].score_rate == 0.5
    assert units["甲单位"].score_rate == pytest.approx((2 + 0.66) / 3 - 0.1)
    assert [h.rule.code for h in units["甲单位"].hits] == ["T-2"]
    assert negative_list.rules(city.store) == rules


def test_ties_share_a_rank_and_more_last_places_can_be_marked(city):
    city.office.set_last_places(2)
    marked = [s.label for s in city.office.standings(Scope(NOVEMBER), "unit") if s.last]
    assert marked == ["甲单位", "丙单位"]
    city.office.set_last_places(0)
    assert not any(s.last for s in city.office.standings(Scope(NOVEMBER), "unit"))


def test_only_the_office_changes_the_rules(city):
    city.login("A07", PASSWORD)
    with pytest.raises(PermissionDeniedError):
        city.office.set_negative_rules([])
    with pytest.raises(PermissionDeniedError):
        city.office.set_last_places(3)


@pytest.mark.parametrize(("text", "message"), [
    ("not json", "not JSON"),
    ('{"code": "x"}', "list of rules"),
    ('[{"code": "A", "name": "n", "criteria": ["X"]}]', "rule 1 has no effect"),
    ('[{"code": "A", "name": "n", "criteria": ["X"], "effect": "burn"}]', "zero, cap, deduct"),
    ('[{"code": "A", "name": "n", "criteria": ["X"], "effect": "cap", "value": 5}]', "between"),
    ('[{"code": "A", "name": "n", "criteria": [], "effect": "zero"}]', "at least one"),
    ('[{"code": "A", "name": "n", "criteria": ["X"], "effect": "zero"},'
     ' {"code": "A", "name": "m", "criteria": ["Y"], "effect": "zero"}]', "used twice"),
])
def test_a_broken_rule_file_is_refused_naming_the_rule(text, message):
    with pytest.raises(ValidationError, match=message):
        negative_list.from_json(text, "rules.json")


def test_only_known_dimensions_are_ranked(city):
    with pytest.raises(ValidationError, match="district"):
        rankings.standings(city.store, Scope(NOVEMBER), "category")
    with pytest.raises(ValidationError, match="district"):
        dashboard.table(city.store, Scope(NOVEMBER), "colour")


# -- bulletin --------------------------------------------------------------------------


def test_the_bulletin_gathers_the_month(city):
    made = city.office.bulletin(NOVEMBER)
    assert not made.empty and made.totals.inspections == 3
    assert made.previous_totals.inspections == 2
    # the stale food at 丙单位's market zeroes 小店区 too: the list applies to districts
    assert [s.label for s in made.districts] == ["迎泽区", "小店区"]
    assert made.districts[-1].last and made.districts[-1].hits[0].rule.code == "FM-01"
    assert made.problems == bulletin.ProblemCounts(0, 0, 0, 0)
    assert [m for m, _ in made.trend][-2:] == ["2026-10", "2026-11"]
    assert city.office.bulletin(Period.month("2025-01")).empty


def test_a_standing_compares_adjusted_scores_with_the_month_before(city):
    units = {s.label: s for s in city.office.standings(Scope(NOVEMBER), "unit")}
    yingze = units["甲单位"]
    assert yingze.previous_score_rate == 1.0
    assert yingze.score_change == pytest.approx((2 + 0.66) / 3 - 1.0)
    assert units["丙单位"].previous_score_rate is None and units["丙单位"].score_change is None


def test_groups_list_what_has_results_for_the_filters(city):
    assert sorted(city.office.groups(Scope(NOVEMBER), "unit")) == [
        (("丙单位",), "丙单位"), (("乙单位",), "乙单位"), (("甲单位",), "甲单位")]
    assert city.office.groups(Scope(NOVEMBER, district="迎泽区"), "unit") == [
        (("甲单位",), "甲单位")]
    assert city.office.groups(Scope(Period.month("2025-01")), "district") == []


# -- every district, inspected or not -------------------------------------------------------

def test_a_district_without_inspections_is_listed_last_and_not_ranked(city, tmp_path):
    city.sites.import_csv(sites_csv(tmp_path, [
        site_line("XH-1", district="杏花岭区", sub_district="鼓楼街道", unit="丁单位")],
        name="more-sites.csv"))
    figures = dashboard.table(city.store, Scope(NOVEMBER), "district")
    assert sorted(f.label for f in figures[:-1]) == ["小店区", "迎泽区"]
    assert figures[-1].label == "杏花岭区"
    idle = figures[-1]
    assert (idle.inspected, idle.rank, idle.rates.score_rate) == (False, None, None)
    assert all(f.inspected and f.rank is not None for f in figures[:-1])
    standings = rankings.standings(city.store, Scope(NOVEMBER), "district")
    assert [s.label for s in standings][-1] == "杏花岭区"
    assert (standings[-1].rank, standings[-1].last) == (None, False)
    assert len([s for s in standings if s.rank is not None]) == 2
    # a month without any finished inspection has nothing to list (the screens say so)
    assert dashboard.table(city.store, Scope(Period.month("2026-12")), "district") == []
    # narrowed to markets: only districts that have a market in the register
    markets = dashboard.table(city.store, Scope(NOVEMBER, site_type="NMSC"), "district")
    assert [(f.label, f.inspected) for f in markets] == [("小店区", True)]


def test_whole_period_figures_from_the_month_tallies_equal_those_from_the_results(city):
    """A whole period's totals, trend and weakest criteria come from migration 13's month-sized
    tallies; narrowed to a group they come from ``result_tally`` and the results. Both ways
    give the same figures, also after a result changes and an inspection is reopened."""
    store = city.store

    def by_results(scope: Scope):
        """The same figures, every one read from the results themselves."""
        where, params = scope.where()
        rows = store.db.execute(
            f"SELECT outcome, min(instances, 3), count(*), sum(instances) FROM result"
            f" WHERE {where} GROUP BY 1, 2", params).fetchall()
        problems = sum(max(i, n) for o, _, n, i in rows if o == "fail")
        counted = store.db.execute(
            f"SELECT count(DISTINCT r.inspection_id), count(DISTINCT i.site_id) FROM result r"
            f" JOIN inspection i ON i.id = r.inspection_id WHERE {scope.where('r')[0]}",
            params).fetchone()
        weak = store.db.execute(
            f"SELECT criterion_code, sum(outcome = 'fail'), sum(outcome != 'na'),"
            f" sum(CASE WHEN outcome = 'fail' THEN max(instances, 1) ELSE 0 END) FROM result"
            f" WHERE {where} GROUP BY 1 HAVING sum(outcome = 'fail') > 0", params).fetchall()
        return (dashboard.scoring.rates(((o, b, n) for o, b, n, _ in rows), problems),
                *counted, sorted(weak))

    def by_tallies(scope: Scope):
        totals = dashboard.totals(store, scope)
        weak = sorted((w.code, w.failed, w.applicable, w.problems)
                      for w in dashboard.weakest_criteria(store, scope, limit=100))
        return totals.rates, totals.inspections, totals.sites, weak

    def agree():
        for period in (OCTOBER, NOVEMBER, Period.parse("2026-10..2026-11")):
            assert by_tallies(Scope(period)) == by_results(Scope(period))
        trend = dict(dashboard.trend(store, Scope(NOVEMBER), months=3))
        assert trend == {"2026-09": None, **{p.first: by_results(Scope(p))[0]
                                            for p in (OCTOBER, NOVEMBER)}}

    agree()
    assert dashboard.totals(store, Scope(NOVEMBER)).inspections == 3
    november = dashboard.inspections(store, Scope(NOVEMBER))
    first = next(line.inspection_id for line in november if line.site_code == "YZ-1")
    city.login("A07", PASSWORD)
    city.inspections.reopen(first, "复核")
    agree()  # its results no longer count
    assert dashboard.totals(store, Scope(NOVEMBER)).inspections == 2
    city.inspections.record(first, "ZCGD-03", "fail", 4)
    city.inspections.record(first, "ZCGD-01", "na")
    city.inspections.finish(first)
    agree()
    assert dashboard.totals(store, Scope(NOVEMBER)).rates.problems == 5


def test_whole_period_figures_read_neither_the_results_nor_the_wide_tally(city):
    """What a province's dashboard pays for: a month's figures read month-sized tallies."""
    seen: list[str] = []
    city.store.db.conn.set_trace_callback(seen.append)
    try:
        dashboard.totals(city.store, Scope(NOVEMBER))
        dashboard.trend(city.store, Scope(NOVEMBER))
        dashboard.weakest_criteria(city.store, Scope(NOVEMBER))
        for by in ("district", "unit", "site-type", "category"):
            dashboard.table(city.store, Scope(NOVEMBER), by)
        dashboard.table(city.store, Scope(NOVEMBER, district="小店区"), "unit")
    finally:
        city.store.db.conn.set_trace_callback(None)
    read = " ".join(seen)
    assert "month_tally" in read and "criterion_tally" in read
    assert "inspection_group_tally" in read and "unit_tally" in read and "kind_tally" in read
    assert "result_tally" not in read and "FROM result " not in read
