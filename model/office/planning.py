"""Planning the month's checks (一月一检查): pick sites, share them out among auditors, save.

The office picks sites by district and site type, or draws a random sample of
a given size per type as the mock assessments do (the same seed draws the same
sites, so a draw can be repeated and checked), shares them out evenly among the
chosen auditors keeping a district with one auditor where it can, and saves the
plan in one transaction. The assignments then go out in the office's sync
bundle to the auditors' laptops, where the navigator lists them.

Removing an assignment that has gone out in a bundle leaves a tombstone version
(:func:`model.sync.sync_device.record_removals`): the next office bundle takes it off the
auditor's laptop too.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from model.errors import NotFoundError, PermissionDeniedError, ValidationError
from model.office.periods import check_month
from model.people import profiles
from model.people.profiles import Profile
from model.sites import assignments, sites
from model.sites.assignments import Assignment
from model.sites.sites import Site
from model.store.db import Store
from model.store.ids import new_id
from model.sync import sync_device, sync_versions


def candidates(store: Store, districts: Iterable[str] = (),
               site_types: Iterable[str] = ()) -> list[Site]:
    """The sites in any of ``districts`` and of any of ``site_types`` (empty: no filter),
    by district, sub-district and code."""
    wanted_districts, wanted_types = set(districts), set(site_types)
    return [s for s in sites.search(store)
            if (not wanted_districts or s.district in wanted_districts)
            and (not wanted_types or s.site_type in wanted_types)]


def sample(found: Iterable[Site], per_type: int, seed: int) -> list[Site]:
    """A random sample of ``per_type`` sites of each site type, the same for the same seed
    and sites; a type with fewer sites gives them all (see :func:`shortfalls`)."""
    if per_type < 1:
        raise ValidationError(f"A sample of {per_type} sites per type draws nothing; "
                              "choose 1 or more.")
    chosen = []
    for site_type, group in sorted(_by_type(found).items()):
        # one generator per type: a type's draw does not depend on which other types are in
        rng = random.Random(f"{seed}:{site_type}")
        chosen += group if len(group) <= per_type else rng.sample(group, per_type)
    return sorted(chosen, key=_site_order)


def shortfalls(found: Iterable[Site], per_type: int) -> dict[str, int]:
    """The site types with fewer than ``per_type`` sites, and how many they have."""
    return {t: len(g) for t, g in sorted(_by_type(found).items()) if len(g) < per_type}


def distribute(found: Iterable[Site], auditor_ids: list[str]) -> dict[str, str]:
    """Share sites out among auditors: site id → auditor id.

    Balanced (the counts differ by at most one, the first auditors taking the extra
    sites), and a district's sites stay with one auditor where the counts allow it: the
    largest districts are placed first, each with the auditor whose room fits it best; a
    district too big for any room fills the roomiest one and its rest goes on (sites of a
    sub-district stay together as far as the split allows)."""
    auditor_ids = list(dict.fromkeys(auditor_ids))
    if not auditor_ids:
        raise ValidationError("Choose at least one auditor to share the sites out to.")
    ordered = sorted(found, key=_site_order)
    whole, extra = divmod(len(ordered), len(auditor_ids))
    room = {a: whole + (i < extra) for i, a in enumerate(auditor_ids)}
    by_district: dict[str, list[Site]] = defaultdict(list)
    for site in ordered:
        by_district[site.district].append(site)
    plan: dict[str, str] = {}
    for _district, group in sorted(by_district.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        while group:
            auditor = _best_room(room, auditor_ids, len(group))
            taken, group = group[:room[auditor]], group[room[auditor]:]
            room[auditor] -= len(taken)
            plan.update((s.id, auditor) for s in taken)
    return plan


def _best_room(room: dict[str, int], order: list[str], size: int) -> str:
    """The auditor whose room fits ``size`` most tightly, else the one with most room."""
    fitting = [a for a in order if room[a] >= size]
    if fitting:
        return min(fitting, key=lambda a: room[a])
    return max(order, key=lambda a: room[a])


@dataclass(frozen=True)
class PlanSummary:
    """What saving a plan did."""

    month: str
    new: int                     # assignments created
    already_planned: int         # the same site for the same auditor this month: left as it was
    with_other_auditor: int      # new ones whose site another auditor also has this month
    by_auditor: dict[str, int]   # auditor id → assignments created


def plan(store: Store, month: str, pairs: Iterable[tuple[str, str]] | Mapping[str, str],
         actor: Profile) -> PlanSummary:
    """Save (site id, auditor id) pairs (or :func:`distribute`'s mapping) as the month's
    assignments, in one transaction (office only). Unknown sites or auditors refuse the
    whole plan; pairs already planned stay as they were and are counted."""
    if not actor.is_office:
        raise PermissionDeniedError("Only the office plans the month's checks.")
    month = check_month(month)
    if isinstance(pairs, Mapping):
        pairs = pairs.items()
    pairs = list(dict.fromkeys((str(s), str(a)) for s, a in pairs))
    _check_pairs(store, pairs)
    existing = assignments.in_month(store, month)
    planned = {(a.site_id, a.auditor_id) for a in existing}
    holders = defaultdict(set)
    for a in existing:
        holders[a.site_id].add(a.auditor_id)
    new = [Assignment(new_id(), s, a, month, None) for s, a in pairs if (s, a) not in planned]
    by_auditor: dict[str, int] = defaultdict(int)
    for a in new:
        by_auditor[a.auditor_id] += 1
    if new:
        with store.atomic() as db:
            assignments.add_all(db, new, actor.id)
    return PlanSummary(month, len(new), len(pairs) - len(new),
                       sum(1 for a in new if holders[a.site_id] - {a.auditor_id}),
                       dict(by_auditor))


def held_by_others(store: Store, month: str, pairs: Iterable[tuple[str, str]]) -> set[str]:
    """The sites of ``pairs`` that another auditor than the paired one already has in
    ``month``: saving them gives the site two auditors."""
    holders = defaultdict(set)
    for a in assignments.in_month(store, check_month(month)):
        holders[a.site_id].add(a.auditor_id)
    return {site for site, auditor in pairs if holders[site] - {auditor}}


def _check_pairs(store: Store, pairs: list[tuple[str, str]]) -> None:
    known_sites = {s.id for s in sites.search(store)}
    unknown = sorted({s for s, _a in pairs} - known_sites)
    if unknown:
        raise NotFoundError(f"No site with id {', '.join(unknown[:5])}; nothing was planned.")
    for auditor_id in sorted({a for _s, a in pairs}):
        try:
            auditor = profiles.get(store, auditor_id)
        except NotFoundError:
            raise NotFoundError(f"No profile with id {auditor_id}; nothing was planned.") from None
        if auditor.is_office:
            raise ValidationError(f"{auditor.name} ({auditor.staff_no}) is an office profile, "
                                  "not an auditor; nothing was planned.")


@dataclass(frozen=True)
class PlanLine:
    """One assignment of a month's plan, for the plan's list."""

    assignment_id: str
    site: Site
    auditor: Profile
    planned_on: str | None
    sent: bool  # gone out in an office bundle already


def month_plan(store: Store, month: str) -> list[PlanLine]:
    """The month's assignments with their sites and auditors, by auditor, day and site."""
    month = check_month(month)
    all_sites = {s.id: s for s in sites.search(store)}
    people = {p.id: p for p in profiles.all_profiles(store)}
    lines = [PlanLine(a.id, all_sites[a.site_id], people[a.auditor_id], a.planned_on,
                      _sent(store, a.id))
             for a in assignments.in_month(store, month)
             if a.site_id in all_sites and a.auditor_id in people]
    return sorted(lines, key=lambda line: (line.auditor.staff_no, line.planned_on or "~",
                                           _site_order(line.site)))


class Removal(StrEnum):
    """Why an assignment was not removed (the UI words it)."""

    NOT_FOUND = "not_found"  # removed already


@dataclass(frozen=True)
class RemoveSummary:
    """What removing assignments did."""

    removed: tuple[str, ...]
    refused: tuple[tuple[str, Removal], ...] = ()
    withdrawn: tuple[str, ...] = ()  # of the removed, those sent out: laptops drop them next


def remove(store: Store, assignment_ids: Iterable[str], actor: Profile) -> RemoveSummary:
    """Remove assignments in one transaction (office only); those sent out already leave
    a tombstone that the next office bundle carries to the laptops."""
    if not actor.is_office:
        raise PermissionDeniedError("Only the office changes the month's plan.")
    wanted = list(dict.fromkeys(assignment_ids))
    stored = {a.id: a for a in assignments.by_ids(store, wanted)}
    refused = [(i, Removal.NOT_FOUND) for i in wanted if i not in stored]
    gone = [stored[i] for i in wanted if i in stored]
    sent = [a.id for a in gone if _sent(store, a.id)]
    if gone:
        with store.atomic() as db:
            assignments.delete_all(db, gone, actor.id)
            sync_device.record_removals(store, db, "assignment", sent)
    return RemoveSummary(tuple(a.id for a in gone), tuple(refused), tuple(sent))


def _sent(store: Store, assignment_id: str) -> bool:
    """Whether an export has versioned the assignment (it went out in a bundle)."""
    return sync_versions.current(store, "assignment", assignment_id) is not None


def _by_type(found: Iterable[Site]) -> dict[str, list[Site]]:
    groups: dict[str, list[Site]] = defaultdict(list)
    for site in sorted(found, key=lambda s: s.code):
        groups[site.site_type].append(site)
    return groups


def _site_order(site: Site) -> tuple[str, str, str]:
    return (site.district, site.sub_district, site.code)
