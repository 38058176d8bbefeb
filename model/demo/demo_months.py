"""The demo city's inspections: four months of 一月一检查, made through the program's own calls.

Every month each demo auditor inspects their share of the sites (a site now and
then twice); in the current month only the days before today have passed, so
part of the sites are still to do, and the second auditor (张丽) started on three
of them this morning.
Care improves month by month in most districts and slips in one (杏花岭区), so
ranks change; a few negative-list failures are placed (spoiled food, a blocked
fire lane) so that rankings show their reasons; the veto criteria never fail
otherwise. The failures of the inspections the office sent notices for are
photographed (``model.demo.demo_photos``); ``usecases.demo`` issues the notices.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass

from model.checklist import checklist
from model.demo import demo_photos
from model.inspections import inspections
from model.inspections.inspections import Outcome
from model.office import negative_list, periods
from model.office.negative_list import Effect
from model.people.profiles import Profile
from model.progress import Progress
from model.sites.sites import Site
from model.store.db import Store

MONTHS = 4
SECOND_VISIT = 0.2
IN_PROGRESS_TODAY = 3
BEIJING = dt.timezone(dt.timedelta(hours=8))
# District → (chance a criterion passes in the first month, change per month).
DISTRICT_CARE = {"杏花岭区": (0.90, -0.035), "迎泽区": (0.86, 0.02), "小店区": (0.82, 0.025),
                 "万柏林区": (0.78, 0.03), "尖草坪区": (0.75, 0.025), "晋源区": (0.71, 0.03)}
# Months ago → how many of that month's inspections the office sent a notice for.
NOTIFIED = {3: 5, 2: 5, 1: 5, 0: 5}
# (months ago, site code, criterion, instances): negative-list failures the demo places.
PLACED = ((0, "XHL-NMSC-01", "NMSC-08", 2),   # spoiled food, where care is slipping
          (1, "JCP-NMSC-01", "NMSC-12", 1),   # a blocked fire lane
          (2, "WBL-SCCS-01", "SCCS-11", 1))   # expired goods on sale
PHOTOGRAPHED_PROBLEMS = 2
RECENT = dt.timedelta(days=10)  # this month's notified inspections are of the last days
LOCATIONS = ("东侧入口处", "北门处", "3栋2单元一楼", "西侧人行道", "南口公交站旁", "二楼楼梯间",
             "停车场东北角", "主通道中段", "后院垃圾收集点", "临街门面前")
NOTES = ("现场发现问题，已拍照取证", "已口头告知现场负责人", "问题反复出现", "")
# Never failed at random: the criteria of the negative list's zero and cap rules.
VETOED = tuple(r for r in negative_list.DEFAULT_RULES if r.effect is not Effect.DEDUCT)


@dataclass(frozen=True)
class Visit:
    """One planned inspection of the demo."""

    site: Site
    auditor: Profile
    started: dt.datetime  # UTC
    months_ago: int
    finish: bool = True
    photographed: bool = False
    placed: tuple[tuple[str, int], ...] = ()  # (criterion, instances) failed on purpose


def plan(all_sites: list[Site], auditors: list[Profile], today: dt.date,
         rng: random.Random) -> list[Visit]:
    """Every visit of the four months, oldest first (today's unfinished ones last)."""
    visits = []
    recent = dt.datetime(today.year, today.month, today.day, tzinfo=BEIJING) - RECENT
    for months_ago in range(MONTHS - 1, -1, -1):
        month = _visits_of_month(all_sites, auditors, today, months_ago, rng)
        visits += _photographed(month, NOTIFIED[months_ago], rng,
                                recent if months_ago == 0 else None)
    # This morning the last auditor started on three sites of their share still to do (the
    # others' plans for today are untouched).
    visited, last = {v.site.id for v in visits if v.months_ago == 0}, len(auditors) - 1
    waiting = [s for n, s in enumerate(all_sites)
               if n % len(auditors) == last and s.id not in visited]
    morning = dt.datetime(today.year, today.month, today.day, 8, 20, tzinfo=BEIJING)
    for j, site in enumerate(waiting[:IN_PROGRESS_TODAY]):
        visits.append(Visit(site, auditors[last],
                            (morning + dt.timedelta(minutes=25 * j)).astimezone(dt.UTC), 0,
                            finish=False))
    return sorted(visits, key=lambda v: (not v.finish, v.started))


def _visits_of_month(all_sites: list[Site], auditors: list[Profile], today: dt.date,
                     months_ago: int, rng: random.Random) -> list[Visit]:
    """A month's visits: every site once (twice now and then), on days that have passed."""
    year, month = map(int, periods.shift(today.strftime("%Y-%m"), -months_ago).split("-"))
    last_day = calendar.monthrange(year, month)[1] if months_ago else today.day - 1
    placed = {code: (criterion, n) for ago, code, criterion, n in PLACED if ago == months_ago}
    found = []
    for index, site in enumerate(all_sites):
        days = sorted(rng.randint(1, calendar.monthrange(year, month)[1])
                      for _ in range(2 if rng.random() < SECOND_VISIT else 1))
        if site.code in placed and last_day >= 1:
            days[0] = min(days[0], last_day)
        for number, day in enumerate(days):
            if day > last_day:
                continue
            moment = dt.datetime(year, month, day, rng.randint(8, 15), rng.randint(0, 59),
                                 tzinfo=BEIJING).astimezone(dt.UTC)
            forced = (placed[site.code],) if site.code in placed and number == 0 else ()
            found.append(Visit(site, auditors[index % len(auditors)], moment, months_ago,
                               placed=forced))
    return found


def _photographed(month: list[Visit], count: int, rng: random.Random,
                  since: dt.datetime | None) -> list[Visit]:
    """Mark the visits the office notified: those with placed failures, and more at random
    (from those ``since`` when there are enough, so this month's notices are recent)."""
    chosen = {id(v) for v in month if v.placed}
    others = [v for v in month if not v.placed]
    if since is not None and len([v for v in others if v.started >= since]) >= count:
        others = [v for v in others if v.started >= since]
    chosen |= {id(v) for v in rng.sample(others, max(0, min(count - len(chosen), len(others))))}
    return [Visit(v.site, v.auditor, v.started, v.months_ago, v.finish, True, v.placed)
            if id(v) in chosen else v for v in month]


def care(district: str, months_ago: int) -> float:
    """The chance a criterion passes in ``district`` that month."""
    first, step = DISTRICT_CARE.get(district, (0.8, 0.0))
    return first + step * (MONTHS - 1 - months_ago)


def inspect(store: Store, visit: Visit, rng: random.Random) -> None:
    """Run one visit: a result for every criterion, photos of the notified failures, finish.

    An unfinished visit answers only its first few criteria.
    """
    inspection = inspections.start(store, visit.site.id, visit.auditor,
                                   at=visit.started.isoformat())
    edition = checklist.load(store, inspection.edition_hash)
    criteria = edition.criteria_for(visit.site.site_type)
    chance, placed = care(visit.site.district, visit.months_ago), dict(visit.placed)
    answered = criteria if visit.finish else criteria[:len(criteria) // 3]
    moment, photographed = visit.started, 0
    for number, criterion in enumerate(answered, start=1):
        moment += dt.timedelta(minutes=rng.randint(1, 4))
        outcome, instances = _draw(rng, chance, criterion.severity, criterion.code, placed)
        if visit.photographed and number == len(answered) and not photographed \
                and not _vetoed(criterion.code):
            outcome, instances = Outcome.FAIL, 1  # a notified inspection found something
        location = rng.choice(LOCATIONS) if outcome is Outcome.FAIL else ""
        note = rng.choice(NOTES) if outcome is Outcome.FAIL else ""
        inspections.record(store, inspection.id, criterion.code, outcome, visit.auditor,
                           instances, location, note, at=moment.isoformat())
        if visit.photographed and outcome is Outcome.FAIL and (
                criterion.code in placed or photographed < PHOTOGRAPHED_PROBLEMS - len(placed)):
            picture = demo_photos.scene(f"{inspection.id}{criterion.code}", moment, visit.site,
                                        litter=3 + 2 * (instances or 1))
            demo_photos.attach(store, inspection.id, criterion.code, visit.auditor, [picture])
            photographed += 1
    if visit.finish:
        inspections.finish(store, inspection.id, visit.auditor, at=moment.isoformat())


def _draw(rng: random.Random, chance: float, severity: str, code: str,
          placed: dict[str, int]) -> tuple[Outcome, int | None]:
    """A plausible result: mostly passes, a few n.a., fails with 1–4 instances."""
    if code in placed:
        return Outcome.FAIL, placed[code]
    roll = rng.random()
    if roll < 0.05:
        return Outcome.NA, None
    fail_chance = 0.0 if _vetoed(code) else (1 - chance) * (0.8 if severity == "major" else 1.2)
    if roll < 0.05 + fail_chance:
        return Outcome.FAIL, rng.choices((1, 2, 3, 4), weights=(55, 25, 12, 8))[0]
    return Outcome.PASS, None


def _vetoed(code: str) -> bool:
    return any(rule.watches(code) for rule in VETOED)


def run(store: Store, auditors: list[Profile], all_sites: list[Site], today: dt.date,
        progress: Progress) -> int:
    """Make every visit of :func:`plan`; return how many inspections were started."""
    rng = random.Random(2026)
    visits = plan(all_sites, auditors, today, rng)
    progress.start(len(visits))
    for visit in visits:
        inspect(store, visit, rng)
        progress.advance()
    return len(visits)
