"""Lists of inspections with their rates, for the navigator and ``inspections list``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from model.db import Store
from model.inspections import Status
from model.scoring import Rates, rates


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
              auditor_id: str | None = None) -> list[InspectionSummary]:
    """Return inspections matching the filters, newest first, with rates and failed criteria."""
    clauses, params = [], []
    for column, value in (("i.site_id", site_id), ("i.month", month),
                          ("i.auditor_id", auditor_id)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = list(store.db.query(
        "SELECT i.*, s.code AS site_code, s.name AS site_name, s.district, p.name AS auditor"
        " FROM inspection i JOIN site s ON s.id = i.site_id JOIN profile p ON p.id = i.auditor_id"
        f" {where} ORDER BY i.started_at DESC, i.id DESC", params))
    tallies, failed = _tallies(store, [r["id"] for r in rows])
    return [_summary(row, tallies[row["id"]], failed[row["id"]]) for row in rows]


def _tallies(store: Store, ids: list[str]):
    """Return per-inspection result tallies and failed criterion codes, in chunked queries."""
    tallies: dict[str, list] = defaultdict(list)
    failed: dict[str, list] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for inspection_id, outcome, instances, code in store.db.execute(
                "SELECT inspection_id, outcome, instances, criterion_code FROM result"
                f" WHERE inspection_id IN ({marks}) ORDER BY criterion_code", chunk):
            tallies[inspection_id].append((outcome, instances, 1))
            if outcome == "fail":
                failed[inspection_id].append(code)
    return tallies, failed


def _summary(row: dict, tally: list, failed: list) -> InspectionSummary:
    return InspectionSummary(
        id=row["id"], site_id=row["site_id"], site_code=row["site_code"],
        site_name=row["site_name"], district=row["district"], auditor_id=row["auditor_id"],
        auditor_name=row["auditor"],
        started_at=row["started_at"], finished_at=row["finished_at"],
        status=Status(row["status"]), rates=rates(tally), failed_criteria=tuple(failed),
    )
