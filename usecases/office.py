"""The office's use cases on the merged store: figures, rankings, the negative list, bulletins,
and the office's settings (letterhead, numbering, time zone).

``Services.office`` hands one out. Reading figures is open to every profile
(an auditor may look at their own city's standings); changing the negative
list or the number of marked last places is the office's. The PDF and
spreadsheet files themselves are written by ``reports`` (``reports.bulletin_pdf``,
``reports.spreadsheets``) from what this desk returns.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from model.checklist import scoring
from model.checklist.scoring import Rates
from model.errors import PermissionDeniedError, ValidationError
from model.notices import letterhead, notices
from model.office import bulletin, dashboard, negative_list, rankings
from model.office.dashboard import Figure, Finding, InspectionLine, Scope, Totals, WeakCriterion
from model.office.negative_list import NegativeRule
from model.office.periods import Period
from model.office.rankings import Standing
from model.store import audit, timezone
from usecases.desk import Desk


class OfficeDesk(Desk):
    """What the office's screens, reports and CLI commands ask of the store."""

    def months(self) -> list[str]:
        """Months with counted results, newest first."""
        return dashboard.months_with_data(self.store)

    def groups(self, scope: Scope, by: str) -> list[tuple[tuple[str, ...], str]]:
        """The groups of ``by`` with results in scope (for filter choices)."""
        return dashboard.groups(self.store, scope, by)

    def totals(self, scope: Scope) -> Totals:
        """Rates of everything in scope, with the number of inspections and sites."""
        return dashboard.totals(self.store, scope)

    def table(self, scope: Scope, by: str) -> list[Figure]:
        """Raw rates per group of ``by``, ranked by them, with the previous period beside
        them (before any negative list)."""
        return dashboard.table(self.store, scope, by)

    def figures(self, scope: Scope, by: str) -> list[Figure]:
        """The dashboard's table: :meth:`table`, except that ranked groups (districts,
        sub-districts, units) have the score and rank after the negative list, as the
        rankings, the bulletin and the workbook give them."""
        if by in rankings.RANKABLE:
            return rankings.as_figures(self.store, scope, by)
        return self.table(scope, by)

    def trend(self, scope: Scope, months: int = 12) -> list[tuple[str, Rates | None]]:
        """Rates month by month up to the scope's last month."""
        return dashboard.trend(self.store, scope, months)

    def weakest_criteria(self, scope: Scope, limit: int = 10) -> list[WeakCriterion]:
        """The criteria failed most often in scope."""
        return dashboard.weakest_criteria(self.store, scope, limit)

    def findings(self, scope: Scope, criterion_code: str | None = None,
                 limit: int | None = None) -> list[Finding]:
        """The failed criteria behind a figure."""
        return dashboard.findings(self.store, scope, criterion_code, limit)

    def inspections(self, scope: Scope) -> list[InspectionLine]:
        """The inspections behind a figure."""
        return dashboard.inspections(self.store, scope)

    def standings(self, scope: Scope, by: str) -> list[Standing]:
        """The ranking of districts, sub-districts or units, last places marked."""
        return rankings.standings(self.store, scope, by)

    def bulletin(self, period: Period, now: dt.datetime | None = None) -> bulletin.Bulletin:
        """Everything the monthly bulletin prints."""
        return bulletin.gather(self.store, period, now)

    def negative_rules(self) -> list[NegativeRule]:
        """The negative-list rules in force."""
        return negative_list.rules(self.store)

    def set_negative_rules(self, rules: list[NegativeRule]) -> None:
        """Replace the negative list (office only)."""
        negative_list.set_rules(self.store, rules, self._signed_in())

    def last_places(self) -> int:
        """How many of the lowest ranks are marked."""
        return rankings.last_places(self.store)

    def set_last_places(self, count: int) -> None:
        """Set how many of the lowest ranks are marked (office only; 0 marks none)."""
        actor = self._signed_in()
        if not actor.is_office:
            raise PermissionDeniedError("Only the office sets how many last places are marked.")
        if not 0 <= count <= 20:
            raise ValidationError(f"{count} last places cannot be marked; choose 0 to 20.")
        with self.store.atomic() as db:
            self.store.set_setting(rankings.LAST_PLACES_SETTING, str(count))
            audit.append(db, actor.id, "ranking.last_places", "setting",
                         rankings.LAST_PLACES_SETTING, {"new": count})

    def score(self, by: str, month: str | None = None) -> list[scoring.GroupScore]:
        """Ranked pass and score rates grouped by a dimension."""
        return scoring.rollup(self.store, by, month)

    def verify_audit(self) -> audit.VerifyReport:
        """Check the audit log's hash chain."""
        return audit.verify(self.store.db)

    # -- the office's settings (they go out to the laptops in the next office bundle) --

    def notice_letterhead(self) -> letterhead.LetterheadSettings:
        """The office's letterhead as stored (defaults until the office sets one)."""
        return letterhead.get(self.store)

    def letterhead_logo(self) -> Path | None:
        """The letterhead's logo file, if one is set and still there."""
        return letterhead.logo_path(self.store)

    def notice_numbering(self) -> tuple[str, str]:
        """The office's numbering pattern and prefix, as :meth:`set_notice_numbering` takes."""
        return (notices.number_pattern(self.store),
                self.store.get_setting(notices.PREFIX_SETTING, "") or "")

    def set_notice_settings(self, settings: letterhead.LetterheadSettings, logo: Path | None,
                            pattern: str, prefix: str) -> letterhead.LetterheadSettings:
        """Set the letterhead and the numbering together: both or, when either is refused,
        neither (the office's settings window saves them with one button)."""
        with self.store.atomic():
            self.set_notice_numbering(pattern, prefix)
            return self.set_letterhead(settings, logo)

    def set_letterhead(self, settings: letterhead.LetterheadSettings,
                       logo: Path | None = None) -> letterhead.LetterheadSettings:
        """Set the office's letterhead (text, logo, fixed clauses)."""
        return letterhead.set_letterhead(self.store, settings, self._office(), logo)

    def set_notice_numbering(self, pattern: str, prefix: str) -> None:
        """Set the office's numbering pattern and prefix."""
        notices.set_numbering(self.store, pattern, prefix, self._office())

    def zone(self) -> str:
        """The office's time zone (an IANA name), in which every time prints and shows."""
        return timezone.office_zone(self.store)

    def set_zone(self, name: str) -> str:
        """Set the office's time zone (office only)."""
        user = self._signed_in()
        if not user.is_office:
            raise PermissionDeniedError("Only the office sets the time zone.")
        return timezone.set_office_zone(self.store, name, user.id)
