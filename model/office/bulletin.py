"""What the monthly bulletin (通报) says, gathered from the store; reports.bulletin_pdf prints it.

A bulletin covers one period: its scores and ranks by district and by unit,
the categories and site types, the trend of the months before, the weakest
criteria, how many problems were dispatched on notices and how many of them
are fixed, open and overdue, and the overdue problems themselves (with their
photos) for the exposure list (曝光台).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from model.checklist.scoring import Rates
from model.errors import NotFoundError
from model.notices import notices
from model.office import dashboard, rankings
from model.office.dashboard import Figure, Scope, Totals, WeakCriterion
from model.office.periods import Period
from model.office.rankings import Standing
from model.sites import sites
from model.store import clock
from model.store.db import Store

TREND_MONTHS = 6


@dataclass(frozen=True)
class ProblemCounts:
    """Problems on the notices issued in the period, by where they are now."""

    found: int
    fixed: int
    open: int
    overdue: int


@dataclass(frozen=True)
class OverdueProblem:
    """One problem of an open notice past its deadline: a line of the exposure list."""

    notice_id: str
    notice_number: str
    unit: str
    district: str
    site_code: str
    site_name: str
    criterion_code: str
    criterion_text: str
    location: str
    description: str
    deadline: str
    days_overdue: int
    photo_ids: tuple[str, ...]


@dataclass(frozen=True)
class Bulletin:
    """Everything the bulletin of one period prints."""

    period: Period
    made_at: dt.datetime
    totals: Totals
    previous_totals: Totals
    districts: list[Standing]
    units: list[Standing]
    categories: list[Figure]
    site_types: list[Figure]
    trend: list[tuple[str, Rates | None]]
    weakest: list[WeakCriterion]
    problems: ProblemCounts
    overdue: list[OverdueProblem]

    @property
    def empty(self) -> bool:
        """True when nothing was inspected in the period."""
        return self.totals.inspections == 0


def gather(store: Store, period: Period, now: dt.datetime | None = None) -> Bulletin:
    """Collect the bulletin of ``period`` as the store stands at ``now``."""
    now = now or clock.now()
    scope = Scope(period)
    issued = [n for n in notices.listing(store, now=now)
              if clock.month_of(n.issued_at) <= period.last]
    in_period = [n for n in issued if clock.month_of(n.issued_at) >= period.first]
    return Bulletin(
        period=period, made_at=now,
        totals=dashboard.totals(store, scope),
        previous_totals=dashboard.totals(store, scope.previous()),
        districts=rankings.standings(store, scope, "district"),
        units=rankings.standings(store, scope, "unit"),
        categories=dashboard.table(store, scope, "category"),
        site_types=dashboard.table(store, scope, "site-type"),
        trend=dashboard.trend(store, scope, TREND_MONTHS),
        weakest=dashboard.weakest_criteria(store, scope, 10),
        problems=_counts(in_period, now),
        overdue=_overdue(store, issued, now))


def _counts(issued: list[notices.Notice], now: dt.datetime) -> ProblemCounts:
    def problems(selected) -> int:
        return sum(len(n.problems) for n in selected)
    return ProblemCounts(
        found=problems(issued),
        fixed=problems(n for n in issued if n.status is notices.NoticeStatus.CLOSED),
        open=problems(n for n in issued if n.is_open),
        overdue=problems(n for n in issued if n.overdue(now)))


def _overdue(store: Store, issued: list[notices.Notice], now: dt.datetime
             ) -> list[OverdueProblem]:
    texts = dashboard.criterion_texts(store)
    lines = []
    for notice in sorted((n for n in issued if n.overdue(now)), key=lambda n: n.deadline):
        site = _site(store, notice)
        late = -(notice.days_left(now) or 0)
        for problem in notice.problems:
            lines.append(OverdueProblem(
                notice.id, notice.number, notice.addressee_unit,
                site.district if site else "", site.code if site else "",
                site.name if site else "", problem.criterion_code,
                texts.get(problem.criterion_code, ""), problem.location, problem.description,
                notice.deadline, late, problem.photo_ids))
    return lines


def _site(store: Store, notice: notices.Notice) -> sites.Site | None:
    """The site of a notice, or None when it is no longer in the register."""
    try:
        return notices.site_of(store, notice)
    except NotFoundError:
        return None
