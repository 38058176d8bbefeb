"""Use cases about inspections: marking a site's checklist, finishing, reopening, reading."""

from __future__ import annotations

from model.errors import NotFoundError
from model.inspections import inspection_list, inspections, navigator, review
from model.inspections.navigator import ANY, SiteFilter
from model.notices import notices
from model.sites import sites
from model.store import clock
from usecases.desk import Desk


class InspectionDesk(Desk):
    """An auditor's inspections: start, mark, clear, finish, reopen; lists and summaries."""

    def start(self, site_id: str) -> inspections.Inspection:
        """Start inspecting a site as the signed-in profile."""
        return inspections.start(self.store, site_id, self._signed_in())

    def record(self, inspection_id: str, criterion_code: str, outcome: str,
               instances: int | None = None, location: str = "",
               note: str = "") -> inspections.ResultChange:
        """Store one criterion's result at once."""
        return inspections.record(self.store, inspection_id, criterion_code, outcome,
                                  self._signed_in(), instances, location, note)

    def clear(self, inspection_id: str, criterion_code: str) -> inspections.ResultChange:
        """Return a criterion to unanswered."""
        return inspections.clear(self.store, inspection_id, criterion_code, self._signed_in())

    def finish(self, inspection_id: str) -> inspections.Inspection:
        """Finish and lock an inspection."""
        return inspections.finish(self.store, inspection_id, self._signed_in())

    def reopen(self, inspection_id: str, reason: str) -> inspections.Inspection:
        """Reopen a finished inspection, giving the reason (not once a notice was issued)."""
        notices.ensure_reopenable(self.store, inspection_id)
        return inspections.reopen(self.store, inspection_id, reason, self._signed_in())

    def result(self, inspection_id: str, criterion_code: str) -> inspections.Result | None:
        """One stored result, or None when the criterion is unanswered."""
        return inspections.result_of(self.store, inspection_id, criterion_code)

    def detail(self, inspection_id: str) -> inspections.InspectionDetail:
        """An inspection with its criteria, results and rates."""
        return inspections.detail(self.store, inspection_id)

    def exists(self, inspection_id: str) -> bool:
        """True when an inspection with this id is stored."""
        return inspections.exists(self.store, inspection_id)

    def listing(self, site_id: str | None = None, month: str | None = None,
                with_failed: bool = True) -> list[inspection_list.InspectionSummary]:
        """Inspections, newest first, optionally of one site (id or code) and month."""
        if site_id:
            site_id = sites.get(self.store, site_id).id
        return inspection_list.summaries(self.store, site_id, month, with_failed=with_failed)

    def summary(self, inspection_id: str) -> inspection_list.InspectionSummary:
        """One inspection's list line."""
        found = inspection_list.summaries(self.store, inspection_id=inspection_id)
        if not found:
            raise NotFoundError(f"No inspection with id {inspection_id}.")
        return found[0]

    def review(self, inspection_id: str) -> review.Review:
        """The finishing summary of an inspection."""
        return review.review(self.store, inspection_id)

    def navigator(self, today: str | None = None, chosen: SiteFilter = ANY,
                  limit: int | None = None, offset: int = 0) -> list[navigator.SiteOverview]:
        """The sites ``chosen`` with this month's state, the signed-in auditor's plan first;
        ``limit`` of them from ``offset`` on (None: all)."""
        today = today or clock.office_today()
        return navigator.overviews(self.store, self._signed_in().id, today[:7], today, chosen,
                                   limit, offset)

    def navigator_count(self, chosen: SiteFilter = ANY,
                        today: str | None = None) -> int:
        """How many sites :meth:`navigator` lists in all for ``chosen``."""
        today = today or clock.office_today()
        return navigator.count(self.store, self._signed_in().id, today[:7], today, chosen)

    def navigator_filters(self, district: str = "") -> dict[str, list[str]]:
        """The districts, site types and sub-districts (of ``district``) the filters offer."""
        return navigator.filter_values(self.store, district)

    def site_page(self, site_id: str, limit: int,
                  after: tuple[str, str] | None = None) -> inspection_list.Page:
        """A page of a site's inspections with their rates, newest first, after the one
        whose ``started_at`` and id are ``after``; and how many the site has."""
        return inspection_list.site_page(self.store, site_id, limit, after)

    def inspected_on(self, day: str) -> set[str]:
        """The ids of the sites with an inspection started on ``day`` (YYYY-MM-DD)."""
        return navigator.inspected_on(self.store, day)

    def site_of(self, inspection_id: str) -> str | None:
        """The id of an inspection's site (None for no such inspection)."""
        return navigator.site_of(self.store, inspection_id)
