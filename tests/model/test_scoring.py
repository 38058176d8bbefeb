import pytest

from model.checklist import scoring
from model.checklist.scoring import GroupScore, instance_rule, pass_rule, rank, rates
from model.errors import ValidationError
from tests.conftest import PASSWORD
from tests.helpers import site_line, sites_csv


@pytest.mark.parametrize(("outcome", "instances", "share"), [
    ("pass", 0, 1.0), ("fail", 1, 0.66), ("fail", 2, 0.33), ("fail", 3, 0.0),
    ("fail", 7, 0.0), ("fail", 0, 0.66), ("na", 0, None),
])
def test_the_instance_rule(outcome, instances, share):
    assert instance_rule(outcome, instances) == share


@pytest.mark.parametrize(("outcome", "share"), [("pass", 1.0), ("fail", 0.0), ("na", None)])
def test_the_pass_rule(outcome, share):
    assert pass_rule(outcome, 5 if outcome == "fail" else 0) == share


def test_not_applicable_results_do_not_count():
    result = rates([("pass", 0, 3), ("fail", 1, 1), ("na", 0, 6)])
    assert (result.applicable, result.answered, result.not_applicable) == (4, 10, 6)
    assert result.pass_rate == pytest.approx(0.75)
    assert result.score_rate == pytest.approx((3 + 0.66) / 4)


def test_rates_of_nothing_applicable_are_none_not_a_division_by_zero():
    assert rates([("na", 0, 3)]).pass_rate is None
    assert rates([]).score_rate is None


def test_problem_instances_are_summed():
    assert rates([("fail", 2, 3), ("fail", 5, 1), ("pass", 0, 4)]).problems == 11


def _group(key, score, passed):
    return GroupScore(key, key, scoring.Rates(1, 1, 0, 0, passed, score), None)


def test_ranking_orders_by_score_then_pass_rate_and_shares_ties():
    ranked = rank([_group("c", 0.5, 0.5), _group("a", 0.9, 0.8), _group("b", 0.9, 0.8),
                   _group("d", 0.5, 0.6), _group("e", None, None)])
    assert [(g.key, g.rank) for g in ranked] == [
        ("a", 1), ("b", 1), ("d", 3), ("c", 4), ("e", None)]


@pytest.fixture
def scored(auditor_services, tmp_path):
    """Two districts: 小店区 has a 2-instance fail, 迎泽区 passes; one inspection unfinished."""
    s = auditor_services
    s.login("O01", PASSWORD)
    s.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1", district="迎泽区", unit="甲单位"),
                                            site_line("XD-1", district="小店区", unit="乙单位"),
                                            site_line("XD-2", district="小店区", unit="乙单位")]))
    s.login("A07", PASSWORD)
    for code, outcomes in (("YZ-1", ["pass", "pass", "na"]), ("XD-1", ["pass", "fail", "pass"])):
        inspection = s.inspections.start(code)
        for n, outcome in enumerate(outcomes, start=1):
            s.inspections.record(inspection.id, f"ZCGD-{n:02d}", outcome,
                                 2 if outcome == "fail" else None)
        s.inspections.finish(inspection.id)
    unfinished = s.inspections.start("XD-2")
    s.inspections.record(unfinished.id, "ZCGD-01", "fail", 5)
    return s


def test_rollup_by_district_counts_finished_inspections_only(scored):
    by_district = {g.key: g for g in scored.office.score("district")}
    assert set(by_district) == {"迎泽区", "小店区"}
    assert by_district["迎泽区"].rates.score_rate == 1.0 and by_district["迎泽区"].rank == 1
    xd = by_district["小店区"]
    assert (xd.rates.passed, xd.rates.failed, xd.rates.problems) == (2, 1, 2)
    assert xd.rates.score_rate == pytest.approx((2 + 0.33) / 3)
    assert xd.rank == 2


def test_rollup_by_every_dimension(scored):
    month = scored.inspections.listing()[0].started_at[:7]
    for by in scoring.DIMENSIONS:
        groups = scored.office.score(by)
        assert groups, by
        assert sum(g.rates.applicable for g in groups) == 5
    assert {g.label for g in scored.office.score("category")} <= {
        c.name_zh for c in scored.checklists.edition().categories}
    assert scored.office.score("site-type")[0].label == "主次干道、商业大街"
    assert [g.key for g in scored.office.score("sub-district")] == [
        "迎泽区 柳巷街道", "小店区 柳巷街道"]
    assert [g.key for g in scored.office.score("month")] == [month]


def test_a_month_without_inspections_gives_an_empty_rollup(scored):
    assert scored.office.score("district", month="1999-01") == []


def test_reopening_takes_results_out_of_the_rollup(scored):
    finished = next(i for i in scored.inspections.listing() if i.site_code == "XD-1")
    scored.inspections.reopen(finished.id, "复核")
    assert {g.key for g in scored.office.score("district")} == {"迎泽区"}


def test_an_unknown_dimension_is_refused(scored):
    with pytest.raises(ValidationError, match="district"):
        scored.office.score("planet")
