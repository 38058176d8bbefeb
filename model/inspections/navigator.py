"""What the auditor's navigator lists: the sites with their state this month.

Sites planned for today come first, then the rest of the auditor's
assignments for the month, then every other site. A site's status is that of
its newest inspection in the month (any auditor).

An office's store holds a province: tens of thousands of sites and years of their
inspections. So the list is one query that filters, orders and pages in SQL
(:class:`SiteFilter`, ``limit``, ``offset``). A site's newest inspection of the
month, whether it has inspections at all and whether it was inspected on a day
are each one index seek per site (``inspection_by_site``). No inspection list is
read here: a site's are read a page at a time
(:func:`model.inspections.inspection_list.site_page`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from enum import StrEnum

from model.sites import sites
from model.store import clock
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
    inspected: bool = False  # the site has inspections (of any month)


@dataclass(frozen=True)
class SiteFilter:
    """The navigator's filters ('' = any): text in the code, name or address; a district,
    sub-district, site type, status this month; a day the site was planned or inspected on."""

    text: str = ""
    district: str = ""
    sub_district: str = ""
    site_type: str = ""
    status: str = ""
    day: str = ""


ANY = SiteFilter()
_PRIORITY = (Priority.TODAY, Priority.THIS_MONTH, Priority.OTHER)  # by the query's number
_SITE_COLUMNS = tuple(f.name for f in fields(sites.Site))
# ?1 = period, ?2 = auditor, ?3 = today, ?4 and ?5 = the month's bounds (_month_bounds).
# The sites chosen, with their plan this month ...
_CHOSEN = (
    "SELECT s.*, a.planned_on, CASE WHEN a.planned_on = ?3 THEN 0 WHEN a.id IS NOT NULL"
    " THEN 1 ELSE 2 END AS priority FROM site s"
    " LEFT JOIN assignment a ON a.site_id = s.id AND a.auditor_id = ?2 AND a.period = ?1")
# ... and, for the page listed only, their newest inspection this month, sought per site
# in the month's part of ``inspection_by_site`` (a join with the month's inspections
# would scan them per site).
_NEWEST = ("SELECT id FROM inspection WHERE site_id = {site} AND started_at >= ?4"
           " AND started_at < ?5 AND month = ?1 ORDER BY started_at DESC, id DESC LIMIT 1")
_LISTED = (
    "SELECT p.*, coalesce(l.status, 'not_started') AS status, l.id AS latest_id,"
    " l.started_at AS latest_started_at,"
    " EXISTS (SELECT 1 FROM inspection i WHERE i.site_id = p.id) AS inspected"
    " FROM ({page}) p LEFT JOIN inspection l ON l.id = (" + _NEWEST.format(site="p.id") + ")"
    " ORDER BY p.priority, p.code")


def overviews(store: Store, auditor_id: str, period: str, today: str,
              chosen: SiteFilter = ANY, limit: int | None = None,
              offset: int = 0) -> list[SiteOverview]:
    """Return the sites ``chosen`` for ``auditor_id`` in ``period`` (YYYY-MM), today's plan
    first, then by code; ``limit`` of them from ``offset`` on (None: all)."""
    where, params = _where(chosen)
    page = _CHOSEN + where + " ORDER BY priority, s.code"
    bounds = [] if limit is None else [limit, offset]
    if bounds:
        page += f" LIMIT ?{6 + len(params)} OFFSET ?{7 + len(params)}"
    return [_overview(row) for row in store.db.query(
        _LISTED.format(page=page), [period, auditor_id, today, *_month_bounds(period),
                                    *params, *bounds])]


def count(store: Store, auditor_id: str, period: str, today: str,
          chosen: SiteFilter = ANY) -> int:
    """Return how many sites :func:`overviews` lists in all."""
    if chosen == ANY:
        return store.db.execute("SELECT count(*) FROM site").fetchone()[0]
    where, params = _where(chosen)
    return store.db.execute(f"SELECT count(*) FROM ({_CHOSEN}{where})",
                            [period, auditor_id, today, *_month_bounds(period),
                             *params]).fetchone()[0]


def _where(chosen: SiteFilter) -> tuple[str, list]:
    """The WHERE clause (numbered parameters after the query's five) for ``chosen``."""
    clauses, params = [], []

    def add(clause: str, *values) -> None:
        first = 6 + len(params)
        clauses.append(clause.format(*range(first, first + len(values))))
        params.extend(values)

    if chosen.text:  # as a search box finds it: a piece of "code name address", any case
        add("instr(lower(s.code || ' ' || s.name || ' ' || s.address), lower(?{0})) > 0",
            chosen.text)
    for column in ("district", "sub_district", "site_type"):
        if getattr(chosen, column):
            add(f"s.{column} = ?{{0}}", getattr(chosen, column))
    if chosen.status:  # (the one filter that seeks every site's newest inspection)
        add("coalesce((SELECT status FROM inspection WHERE id = (" + _NEWEST.format(site="s.id")
            + ")), 'not_started') = ?{0}", chosen.status)
    if chosen.day:
        start, end = _day_bounds(chosen.day)
        add("(a.planned_on = ?{0} OR EXISTS (SELECT 1 FROM inspection i WHERE"
            " i.site_id = s.id AND i.started_at >= ?{1} AND i.started_at < ?{2}))",
            chosen.day, start, end)
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), params


def _overview(row: dict) -> SiteOverview:
    return SiteOverview(
        site=sites.Site(**{c: row[c] for c in _SITE_COLUMNS}),
        priority=_PRIORITY[row["priority"]], planned_on=row["planned_on"],
        status=SiteStatus(row["status"]), latest_inspection_id=row["latest_id"],
        latest_started_at=row["latest_started_at"], inspected=bool(row["inspected"]))


def filter_values(store: Store, district: str = "") -> dict[str, list[str]]:
    """The values the filters offer: every district and site type of the register, and the
    sub-districts (of ``district`` if given), each sorted."""
    def distinct(column: str, where: str = "", params=()) -> list[str]:
        return [row[0] for row in store.db.execute(
            f"SELECT DISTINCT {column} FROM site{where} ORDER BY {column}", list(params))]
    return {"district": distinct("district"), "site_type": distinct("site_type"),
            "sub_district": distinct("sub_district", " WHERE district = ?", [district])
            if district else distinct("sub_district")}


def inspected_on(store: Store, day: str) -> set[str]:
    """Return the ids of the sites with an inspection started on ``day`` (YYYY-MM-DD, the
    office's calendar)."""
    return {row[0] for row in store.db.execute(
        "SELECT id FROM site WHERE EXISTS (SELECT 1 FROM inspection"
        " WHERE site_id = site.id AND started_at >= ? AND started_at < ?)",
        list(_day_bounds(day)))}


def _month_bounds(period: str) -> tuple[str, str]:
    """UTC times around a month (YYYY-MM) that hold every inspection of it: from two days
    before its first midnight to two days after its last (an inspection's ``month`` was
    reckoned in the zone of its day, which the office may have changed since)."""
    first = dt.date.fromisoformat(f"{period}-01")
    after = (first + dt.timedelta(days=31)).replace(day=1)
    margin = dt.timedelta(days=2)
    return _utc_midnight(first - margin), _utc_midnight(after + margin)


def _day_bounds(day: str) -> tuple[str, str]:
    """The UTC times (as records keep them) from the office's midnight starting ``day`` to
    the next."""
    first = dt.date.fromisoformat(day)
    return _utc_midnight(first), _utc_midnight(first + dt.timedelta(days=1))


def _utc_midnight(day: dt.date) -> str:
    """The office's midnight starting ``day``, as the ISO text in UTC that records keep."""
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=clock.zone())
    return midnight.astimezone(dt.UTC).isoformat()


def site_of(store: Store, inspection_id: str) -> str | None:
    """Return the id of the site an inspection is of (None for no such inspection)."""
    row = store.db.execute("SELECT site_id FROM inspection WHERE id = ?",
                           [inspection_id]).fetchone()
    return row[0] if row else None
