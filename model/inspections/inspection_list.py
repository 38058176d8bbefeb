"""Lists of inspections with their rates, for the navigator and ``inspections list``.

Rates come from ``inspection_tally`` (kept by triggers), so listing ten
thousand inspections reads tens of thousands of tally rows, not every result.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from model.checklist.scoring import Rates, rates
from model.inspections.inspections import Status
from model.store.db import Store


@dataclass(frozen=True)
class InspectionSummary:
    """One line of an inspection list."""

    id: str
    site_id: str
    site_code: str
    site_name: str
    district: str
    auditor_id: str
    auditor_name: str
    started_at: str
    finished_at: str | None
    status: Status
    rates: Rates
    failed_criteria: tuple[str, ...]


def summaries(store: Store, site_id: str | None = None, month: str | None = None,
              auditor_id: str | None = None, inspection_id: str | None = None,
              with_failed: bool = True) -> list[InspectionSummary]:
    """Return inspections matching the filters, newest first, with rates.

    ``with_failed`` also lists each inspection's failed criterion codes (one
    more query over the failed results).
    """
    clauses, params = [], []
    for column, value in (("i.site_id", site_id), ("i.month", month),
                          ("i.auditor_id", auditor_id), ("i.id", inspection_id)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = list(store.db.query(
        "SELECT i.*, s.code AS site_code, s.name AS site_name, s.district, p.name AS auditor"
        " FROM inspection i JOIN site s ON s.id = i.site_id JOIN profile p ON p.id = i.auditor_id"
        f" {where} ORDER BY i.started_at DESC, i.id DESC", params))
    wanted = {row["id"] for row in rows}
    tallies = _tallies(store, wanted, inspection_id)
    failed = _failed(store, wanted, inspection_id) if with_failed else {}
    return [_summary(row, tallies.get(row["id"], ([], 0)), failed.get(row["id"], ()))
            for row in rows]


def _tallies(store: Store, wanted: set[str], only: str | None) -> dict[str, tuple[list, int]]:
    """Return {inspection id: (tally triples, problem instances)} from the kept counts."""
    sql = "SELECT inspection_id, outcome, bucket, n, instances FROM inspection_tally WHERE n > 0"
    params = []
    if only:
        sql += " AND inspection_id = ?"
        params.append(only)
    found: dict[str, tuple[list, int]] = defaultdict(lambda: ([], 0))
    for inspection_id, outcome, bucket, n, instances in store.db.execute(sql, params):
        if inspection_id in wanted:
            tally, problems = found[inspection_id]
            tally.append((outcome, bucket, n))
            found[inspection_id] = (tally, problems + (instances if outcome == "fail" else 0))
    return found


def _failed(store: Store, wanted: set[str], only: str | None) -> dict[str, list[str]]:
    """Return {inspection id: failed criterion codes in code order}."""
    sql = "SELECT inspection_id, criterion_code FROM result WHERE outcome = 'fail'"
    params = []
    if only:
        sql += " AND inspection_id = ?"
        params.append(only)
    failed: dict[str, list[str]] = defaultdict(list)
    for inspection_id, code in store.db.execute(sql + " ORDER BY criterion_code", params):
        if inspection_id in wanted:
            failed[inspection_id].append(code)
    return failed


def _summary(row: dict, tally: tuple[list, int], failed) -> InspectionSummary:
    return InspectionSummary(
        id=row["id"], site_id=row["site_id"], site_code=row["site_code"],
        site_name=row["site_name"], district=row["district"], auditor_id=row["auditor_id"],
        auditor_name=row["auditor"], started_at=row["started_at"],
        finished_at=row["finished_at"], status=Status(row["status"]),
        rates=rates(tally[0], tally[1]), failed_criteria=tuple(failed),
    )
