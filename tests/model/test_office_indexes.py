"""The office's month queries use the indexes made for them (migration 9), and the negative
list fetches only the failures its rules watch."""

from __future__ import annotations

import sqlite3

from model.office import dashboard, negative_list
from model.office.dashboard import Scope
from model.office.negative_list import Effect, NegativeRule
from model.office.periods import Period
from model.store import db

MONTH = Scope(Period.month("2026-11"))
YEAR = Scope(Period.parse("2025-12..2026-11"))


def _plan(store, sql: str, params: list) -> str:
    return " | ".join(row[-1] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_a_month_is_an_equality_and_a_run_of_months_a_range():
    assert MONTH.where("r") == ("r.counted = 1 AND r.month = ?", ["2026-11"])
    assert YEAR.where() == ("counted = 1 AND month BETWEEN ? AND ?", ["2025-12", "2026-11"])
    assert MONTH.narrowed(district="迎泽区").where()[1] == ["2026-11", "迎泽区"]


def test_the_trend_and_the_weakest_criteria_read_their_indexes_alone(data_dir):
    store = db.open_store(data_dir)
    try:
        where, params = YEAR.where()
        trend = _plan(store, "SELECT month, outcome, bucket, sum(n), sum(instances) FROM "
                      f"result_tally WHERE {where} GROUP BY 1, 2, 3", params)
        assert "COVERING INDEX result_tally_by_month" in trend and "TEMP B-TREE" not in trend
        where, params = MONTH.where()
        # a whole month's weakest criteria come from criterion_tally (migration 13), in order
        weakest = _plan(store, "SELECT criterion_code, sum(n * (outcome = 'fail')) FROM "
                        f"criterion_tally WHERE {where} GROUP BY criterion_code", params)
        assert "USING PRIMARY KEY" in weakest and "TEMP B-TREE" not in weakest
        # the negative list's failures from the index of failures alone (migration 14)
        failures = _plan(store, "SELECT criterion_code, count(*) FROM result WHERE "
                         f"{where} AND outcome = 'fail' AND criterion_code IN ('A', 'B') "
                         "GROUP BY criterion_code", params)
        assert "COVERING INDEX result_failures_by_criterion" in failures
        r_where, r_params = MONTH.where("r")
        behind = _plan(store, "SELECT count(*) FROM inspection WHERE id IN (SELECT "
                       f"r.inspection_id FROM result r WHERE {r_where})", r_params)
        assert "COVERING INDEX result_by_month_inspection" in behind
    finally:
        store.close()


def test_the_sql_filter_of_the_watched_criteria_agrees_with_the_rules():
    rules = [NegativeRule("A", "a", ("NMSC-*", "ZCGD-09"), Effect.ZERO),
             NegativeRule("B", "b", ("SQ-1*",), Effect.CAP, 0.5)]
    codes = ["NMSC-01", "NMSC-12", "nmsc-01", "NMSCX", "ZCGD-09", "ZCGD-091", "SQ-10", "SQ-1",
             "SQ-2", "XNMSC-01", ""]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE r (criterion_code TEXT)")
    conn.executemany("INSERT INTO r VALUES (?)", [(c,) for c in codes])
    condition, params = negative_list._watched_sql(rules, "criterion_code")
    chosen = {row[0] for row in conn.execute(f"SELECT criterion_code FROM r WHERE {condition}",
                                             params)}
    assert chosen == {c for c in codes if any(rule.watches(c) for rule in rules)}
    assert chosen == {"NMSC-01", "NMSC-12", "ZCGD-09", "SQ-10", "SQ-1"}


def test_the_months_with_data_skip_emptied_and_uncounted_months(data_dir):
    store = db.open_store(data_dir)
    try:
        assert dashboard.months_with_data(store) == []
        rows = [("2026-01", 1, 4), ("2026-03", 1, 0), ("2026-05", 0, 9), ("2026-07", 1, 2),
                ("2026-07", 0, 1)]
        with store.atomic() as conn:
            for number, (month, counted, n) in enumerate(rows):
                conn.execute("INSERT INTO result_tally VALUES (?, '迎泽区', '', 'ZCGD', ?, 'C01',"
                             " 'pass', 0, ?, ?, 0)", [month, f"单位{number}", counted, n])
        assert dashboard.months_with_data(store) == ["2026-07", "2026-01"]
    finally:
        store.close()
