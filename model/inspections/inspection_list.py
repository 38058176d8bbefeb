"""Lists of inspections with their rates, for the navigator and ``inspections list``.

Rates come from ``inspection_tally`` (kept by triggers), read by the ids of the
inspections listed: a page of a site's inspections reads a few hundred tally
rows, whatever the size of the store, and never a result.
"""

from __future__ import annotations

import json
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


@dataclass(frozen=True)
class Page:
    """Some of a site's inspections, newest first, and how many the site has in all."""

    summaries: list[InspectionSummary]
    total: int


def summaries(store: Store, site_id: str | None = None, month: str | None = None,
              auditor_id: str | None = None, inspection_id: str | None = None,
              with_failed: bool = True, limit: int | None = None,
              after: tuple[str, str] | None = None) -> list[InspectionSummary]:
    """Return inspections matching the filters, newest first, with rates.

    ``limit`` and ``after`` (the ``started_at`` and id of the last row already listed)
    read one page at a time. ``with_failed`` also lists each inspection's failed
    criterion codes (one more query over their failed results).
    """
    clauses, params = [], []
    for column, value in (("i.site_id", site_id), ("i.month", month),
                          ("i.auditor_id", auditor_id), ("i.id", inspection_id)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if after:
        clauses.append("(i.started_at < ? OR (i.started_at = ? AND i.id < ?))")
        params += [after[0], after[0], after[1]]
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = list(store.db.query(
        "SELECT i.*, s.code AS site_code, s.name AS site_name, s.district, p.name AS auditor"
        " FROM inspection i JOIN site s ON s.id = i.site_id JOIN profile p ON p.id = i.auditor_id"
        f" {where} ORDER BY i.started_at DESC, i.id DESC"
        + (" LIMIT ?" if limit is not None else ""),
        params + ([limit] if limit is not None else [])))
    wanted = json.dumps([row["id"] for row in rows])
    tallies = _tallies(store, wanted)
    failed = _failed(store, wanted) if with_failed else {}
    return [_summary(row, tallies.get(row["id"], ([], 0)), failed.get(row["id"], ()))
            for row in rows]


def site_page(store: Store, site_id: str, limit: int,
              after: tuple[str, str] | None = None) -> Page:
    """Return up to ``limit`` of a site's inspections older than ``after`` (``started_at``
    and id of the last one listed; None for the newest), without failed criteria."""
    total = store.db.execute("SELECT count(*) FROM inspection WHERE site_id = ?",
                             [site_id]).fetchone()[0]
    return Page(summaries(store, site_id=site_id, with_failed=False, limit=limit, after=after),
                total)


_WANTED = "inspection_id IN (SELECT value FROM json_each(?))"


def _tallies(store: Store, wanted: str) -> dict[str, tuple[list, int]]:
    """Return {inspection id: (tally triples, problem instances)} from the kept counts of
    the inspections in ``wanted`` (a JSON list of ids)."""
    found: dict[str, tuple[list, int]] = defaultdict(lambda: ([], 0))
    for inspection_id, outcome, bucket, n, instances in store.db.execute(
            "SELECT inspection_id, outcome, bucket, n, instances FROM inspection_tally"
            f" WHERE {_WANTED} AND n > 0", [wanted]):
        tally, problems = found[inspection_id]
        tally.append((outcome, bucket, n))
        found[inspection_id] = (tally, problems + (instances if outcome == "fail" else 0))
    return found


def _failed(store: Store, wanted: str) -> dict[str, list[str]]:
    """Return {inspection id: failed criterion codes in code order} of the inspections in
    ``wanted`` (a JSON list of ids)."""
    failed: dict[str, list[str]] = defaultdict(list)
    for inspection_id, code in store.db.execute(
            f"SELECT inspection_id, criterion_code FROM result WHERE {_WANTED}"
            " AND outcome = 'fail' ORDER BY criterion_code", [wanted]):
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
