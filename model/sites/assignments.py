"""The office's plan: which auditor checks which site in which month (一月一检查).

An assignment may name a day (``planned_on``); the auditor's navigator lists
today's sites first. The office plans a month in bulk (:mod:`model.office.planning`)
and the assignments go out in the office's sync bundle; here they are stored
and read.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.store import audit, clock
from model.store.db import Store
from model.store.ids import new_id


@dataclass(frozen=True)
class Assignment:
    """One site planned for one auditor in one month, optionally on a given day."""

    id: str
    site_id: str
    auditor_id: str
    period: str
    planned_on: str | None


def assign(store: Store, site_id: str, auditor_id: str, period: str,
           planned_on: str | None, actor_id: str | None) -> Assignment:
    """Plan a site for an auditor in ``period`` (YYYY-MM); planning it again moves the day."""
    existing = _find(store, site_id, auditor_id, period)
    with store.atomic() as db:
        if existing is None:
            assignment = Assignment(new_id(), site_id, auditor_id, period, planned_on)
            db["assignment"].insert({**assignment.__dict__, "created_by": actor_id,
                                     "created_at": clock.now_iso()})
        else:
            assignment = Assignment(existing.id, site_id, auditor_id, period, planned_on)
            db["assignment"].update(existing.id, {"planned_on": planned_on})
        audit.append(db, actor_id, "assignment.plan", "assignment", assignment.id,
                     {"old": existing.planned_on if existing else None, "new": planned_on})
    return assignment


def for_auditor(store: Store, auditor_id: str, period: str) -> list[Assignment]:
    """Return an auditor's assignments of a month, planned days first."""
    rows = store.db.query(
        "SELECT id, site_id, auditor_id, period, planned_on FROM assignment"
        " WHERE auditor_id = ? AND period = ? ORDER BY planned_on IS NULL, planned_on",
        [auditor_id, period])
    return [Assignment(**row) for row in rows]


def _find(store: Store, site_id: str, auditor_id: str, period: str) -> Assignment | None:
    rows = list(store.db.query(
        "SELECT id, site_id, auditor_id, period, planned_on FROM assignment"
        " WHERE site_id = ? AND auditor_id = ? AND period = ?", [site_id, auditor_id, period]))
    return Assignment(**rows[0]) if rows else None


def in_month(store: Store, period: str) -> list[Assignment]:
    """Every auditor's assignments of a month."""
    rows = store.db.query(
        "SELECT id, site_id, auditor_id, period, planned_on FROM assignment WHERE period = ?"
        " ORDER BY auditor_id, planned_on IS NULL, planned_on, site_id", [period])
    return [Assignment(**row) for row in rows]


def add_all(db, planned: list[Assignment], actor_id: str | None) -> None:
    """Insert new assignments, an audit event each, inside the caller's transaction (a month's
    plan is hundreds of rows: one statement, not one transaction per row)."""
    at = clock.now_iso()
    db["assignment"].insert_all([{**a.__dict__, "created_by": actor_id, "created_at": at}
                                 for a in planned])
    for a in planned:
        audit.append(db, actor_id, "assignment.plan", "assignment", a.id,
                     {"old": None, "new": a.planned_on, "site": a.site_id,
                      "auditor": a.auditor_id, "period": a.period}, at=at)


def delete_all(db, removed: list[Assignment], actor_id: str | None) -> None:
    """Delete assignments, an audit event each, inside the caller's transaction."""
    db.conn.executemany("DELETE FROM assignment WHERE id = ?", [(a.id,) for a in removed])
    for a in removed:
        audit.append(db, actor_id, "assignment.remove", "assignment", a.id,
                     {"site": a.site_id, "auditor": a.auditor_id, "period": a.period})


def by_ids(store: Store, assignment_ids: list[str]) -> list[Assignment]:
    """The stored assignments among ``assignment_ids``."""
    if not assignment_ids:
        return []
    marks = ", ".join("?" * len(assignment_ids))
    rows = store.db.query("SELECT id, site_id, auditor_id, period, planned_on FROM assignment"
                          f" WHERE id IN ({marks})", list(assignment_ids))
    return [Assignment(**row) for row in rows]
