"""Use cases of the office's month plan: pick or sample sites, share them out, save.

The month-plan window and ``plan`` on the command line take the same steps through
this desk: :meth:`PlanningDesk.pick` (the sites, sampled or not), :meth:`share`
(who checks what) and :meth:`save`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from model.office import planning
from model.sites import assignments
from model.sites.sites import Site
from usecases.desk import Desk


@dataclass(frozen=True)
class Picked:
    """The sites a plan may take: all that match, or a sample of each site type."""

    sites: list[Site]
    sample: int | None = None  # sites per type, when sampled
    seed: int | None = None
    shortfalls: dict[str, int] = field(default_factory=dict)  # type → all it had, when short


class PlanningDesk(Desk):
    """The month's assignments of sites to auditors (office only for changes)."""

    def candidates(self, districts: tuple[str, ...] = (),
                   site_types: tuple[str, ...] = ()) -> list[Site]:
        """The sites a month's plan may pick from, filtered by districts and site types."""
        return planning.candidates(self.store, districts, site_types)

    def pick(self, districts: tuple[str, ...] = (), site_types: tuple[str, ...] = (),
             sample: int | None = None, seed: int = 1) -> Picked:
        """The matching sites, or a random sample of ``sample`` per site type drawn with
        ``seed`` (the same seed draws the same sites)."""
        found = self.candidates(districts, site_types)
        if sample is None or not found:
            return Picked(found)
        return Picked(planning.sample(found, sample, seed), sample, seed,
                      planning.shortfalls(found, sample))

    @staticmethod
    def share(chosen: Iterable[Site], auditor_ids: list[str]) -> dict[str, str]:
        """Share sites out among auditors, balanced, districts kept together: site → auditor."""
        return planning.distribute(chosen, auditor_ids)

    def save(self, month: str, pairs: list[tuple[str, str]] | dict[str, str]
             ) -> planning.PlanSummary:
        """Save (site id, auditor id) pairs as the month's assignments (office only)."""
        return planning.plan(self.store, month, pairs, self._office())

    def held_by_others(self, month: str, pairs: Iterable[tuple[str, str]]) -> set[str]:
        """The sites of (site id, auditor id) ``pairs`` another auditor already has in
        ``month``, to ask before saving them."""
        return planning.held_by_others(self.store, month, pairs)

    def plan_site(self, site_id: str, auditor_id: str, period: str,
                  planned_on: str | None = None) -> assignments.Assignment:
        """Plan one site for an auditor in a month (office only)."""
        return assignments.assign(self.store, site_id, auditor_id, period, planned_on,
                                  self._office().id)

    def month(self, month: str) -> list[planning.PlanLine]:
        """The month's assignments with their sites and auditors."""
        return planning.month_plan(self.store, month)

    def remove(self, assignment_ids: list[str]) -> planning.RemoveSummary:
        """Remove assignments (office only); sent ones leave the laptops with the next
        office bundle."""
        return planning.remove(self.store, assignment_ids, self._office())
