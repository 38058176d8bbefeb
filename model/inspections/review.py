"""The summary shown when an inspection is finished: score, failures, gaps.

It tells the auditor what a notice would be built from (the failed criteria),
what is still unanswered, and which failures have no photo yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.checklist.checklist import Criterion
from model.checklist.scoring import Rates
from model.inspections import evidence, inspections
from model.inspections.inspections import CriterionLine, Outcome
from model.store.db import Store


@dataclass(frozen=True)
class Review:
    """What an inspection found, for the finishing summary."""

    inspection: inspections.Inspection
    site_name: str
    rates: Rates
    failed: tuple[CriterionLine, ...]
    unanswered: tuple[Criterion, ...]
    missing_evidence: tuple[str, ...]


def review(store: Store, inspection_id: str) -> Review:
    """Return the summary of one inspection."""
    detail = inspections.detail(store, inspection_id)
    counts = evidence.photo_counts(store, inspection_id)
    failed = tuple(line for line in detail.lines
                   if line.result and line.result.outcome is Outcome.FAIL)
    return Review(
        inspection=detail.inspection,
        site_name=f"{detail.site.code} {detail.site.name}",
        rates=detail.rates,
        failed=failed,
        unanswered=tuple(line.criterion for line in detail.lines if line.result is None),
        missing_evidence=tuple(line.criterion.code for line in failed
                               if not counts.get(line.criterion.code)),
    )
