"""One set of figures: the dashboard, the rankings, the bulletin and the workbook give every
district the same score (after the negative list) and the same rank for the same month.

The city (:mod:`tests.reports.office_city`) has a negative-list hit in November: 小店区's
score is capped at 50 %, which puts it behind 迎泽区.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from model.office.dashboard import Scope
from model.office.periods import Period
from model.people.profiles import Role
from reports import spreadsheets
from tests.reports.office_city import NOW, PASSWORD, build_city
from usecases.services import Services

NOVEMBER = Period.month("2026-11")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    base = tmp_path_factory.mktemp("agree")
    build_city(base / "data", base)
    services = Services.open(base / "data")
    services.login("O01", PASSWORD)
    assert services.user.role is Role.OFFICE
    yield services
    services.close()


def _workbook_ranking(city, tmp_path) -> dict[str, tuple]:
    made = spreadsheets.write_xlsx(city.store, NOVEMBER, tmp_path / "figures.xlsx", now=NOW)
    sheet = load_workbook(made.path, read_only=True)["区县排名"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    rank, name, score = (header.index(h) for h in ("排名", "名称", "得分率"))
    return {row[name]: (row[rank], round(row[score], 4)) for row in rows[1:] if row[name]}


def test_every_district_has_one_score_and_one_rank_everywhere(city, tmp_path):
    scope = Scope(NOVEMBER)
    standings = {s.label: (s.rank, round(s.score_rate, 4), s.hits)
                 for s in city.office.standings(scope, "district")}
    hit = [name for name, (_, _, hits) in standings.items() if hits]
    assert hit == ["小店区"], "the city's negative-list hit must be there to compare"
    dashboard = {f.label: (f.rank, round(f.rates.score_rate, 4))
                 for f in city.office.figures(scope, "district")}
    bulletin = {s.label: (s.rank, round(s.score_rate, 4))
                for s in city.office.bulletin(NOVEMBER, NOW).districts}
    ranked = {name: (rank, score) for name, (rank, score, _) in standings.items()}
    assert dashboard == ranked == bulletin == _workbook_ranking(city, tmp_path)
    assert ranked["小店区"][1] <= 0.5 and ranked["小店区"][0] == 2


def test_the_dashboard_says_where_the_negative_list_changed_a_score(city):
    figures = {f.label: f for f in city.office.figures(Scope(NOVEMBER), "district")}
    capped, clean = figures["小店区"], figures["迎泽区"]
    assert capped.hits and capped.raw_score_rate > capped.rates.score_rate
    assert not clean.hits and clean.raw_score_rate == clean.rates.score_rate
