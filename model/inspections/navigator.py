"""What the auditor's navigator lists: every site with its state this month.

Sites planned for today come first, then the rest of the auditor's
assignments for the month, then every other site. A site's status is that of
its newest inspection in the month (any auditor).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from model.sites import assignments, sites
from model.store.db import Store


class SiteStatus(StrEnum):
    """Where a site stands in the month."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class Priority(StrEnum):
    """Why a site is near the top of the list."""

    TODAY = "today"
    THIS_MONTH = "this_month"
    OTHER = "other"


@dataclass(frozen=True)
class SiteOverview:
    """One navigator row."""

    site: sites.Site
    priority: Priority
    planned_on: str | None
    status: SiteStatus
    latest_inspection_id: str | None
    latest_started_at: str | None


def overviews(store: Store, auditor_id: str, period: str, today: str) -> list[SiteOverview]:
    """Return every site for ``auditor_id`` in ``period`` (YYYY-MM), today's plan first."""
    plan = {a.site_id: a.planned_on for a in assignments.for_auditor(store, auditor_id, period)}
    latest = _latest_inspections(store, period)
    rows = []
    for site in sites.search(store):
        inspection = latest.get(site.id)
        rows.append(SiteOverview(
            site=site,
            priority=_priority(site.id in plan, plan.get(site.id), today),
            planned_on=plan.get(site.id),
            status=_status(inspection),
            latest_inspection_id=inspection["id"] if inspection else None,
            latest_started_at=inspection["started_at"] if inspection else None,
        ))
    order = {Priority.TODAY: 0, Priority.THIS_MONTH: 1, Priority.OTHER: 2}
    return sorted(rows, key=lambda r: (order[r.priority], r.site.code))


def _priority(assigned: bool, planned_on: str | None, today: str) -> Priority:
    if planned_on == today:
        return Priority.TODAY
    return Priority.THIS_MONTH if assigned else Priority.OTHER


def _status(inspection: dict | None) -> SiteStatus:
    if inspection is None:
        return SiteStatus.NOT_STARTED
    if inspection["status"] == "in_progress":
        return SiteStatus.IN_PROGRESS
    return SiteStatus.FINISHED


def _latest_inspections(store: Store, period: str) -> dict[str, dict]:
    """Return each site's newest inspection of the month."""
    latest: dict[str, dict] = {}
    for row in store.db.query(
            "SELECT id, site_id, status, started_at FROM inspection WHERE month = ?"
            " ORDER BY started_at, id", [period]):
        latest[row["site_id"]] = row
    return latest
