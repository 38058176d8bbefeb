"""The rows behind a figure: its findings (failed criteria) and its inspections.

Both are :class:`~ui.itemmodels.figure_model.RowTableModel` tables over the
frozen values ``services.office.findings`` and ``.inspections`` return;
``ROW_ROLE`` gives the value, whose ``inspection_id`` the drill-down opens.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from model.office.dashboard import Finding, InspectionLine
from model.store import clock
from ui.itemmodels.figure_model import Column, RowTableModel, group_name, percent

UNKNOWN = -1.0


def _when(started_at: str) -> str:
    return clock.office_text(started_at)


class FindingTableModel(RowTableModel):
    """Failed criteria, newest inspection first: where, what, how many, who found it."""

    REQUIREMENT, NOTE = 7, 10  # long texts

    def __init__(self, parent: QObject | None = None):
        super().__init__(self._finding_columns(), parent)

    def _site(self, finding: Finding) -> str:
        return finding.site_code or self.tr("(deleted site)")

    def _finding_columns(self) -> list[Column]:
        def text(fn, numeric=False):
            return {"text": fn, "sort": fn, "numeric": numeric}
        return [
            Column(self.tr("Inspected"), **text(lambda f: _when(f.started_at))),
            Column(self.tr("Site"), **text(self._site)),
            Column(self.tr("Site name"), **text(lambda f: f.site_name)),
            Column(self.tr("District"), **text(lambda f: group_name(f.district))),
            Column(self.tr("Sub-district"), **text(lambda f: f.sub_district)),
            Column(self.tr("Responsible unit"), **text(lambda f: group_name(f.unit_name))),
            Column(self.tr("Criterion"), **text(lambda f: f.criterion_code)),
            Column(self.tr("Requirement"), **text(lambda f: f.criterion_text),
                   tooltip=lambda f: f.criterion_text),
            Column(self.tr("Instances"), lambda f: str(f.instances), lambda f: f.instances),
            Column(self.tr("Location"), **text(lambda f: f.location)),
            Column(self.tr("Note"), **text(lambda f: f.note), tooltip=lambda f: f.note or None),
            Column(self.tr("Auditor"), **text(lambda f: f.auditor)),
        ]


class InspectionLineModel(RowTableModel):
    """Finished inspections with their own rates, newest first."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(self._inspection_columns(), parent)

    def _site(self, line: InspectionLine) -> str:
        return line.site_code or self.tr("(deleted site)")

    def _inspection_columns(self) -> list[Column]:
        def text(fn):
            return {"text": fn, "sort": fn, "numeric": False}

        def rate(fn):
            return {"text": lambda i: percent(fn(i)),
                    "sort": lambda i: UNKNOWN if fn(i) is None else fn(i)}
        return [
            Column(self.tr("Inspected"), **text(lambda i: _when(i.started_at))),
            Column(self.tr("Site"), **text(self._site)),
            Column(self.tr("Site name"), **text(lambda i: i.site_name)),
            Column(self.tr("District"), **text(lambda i: i.district)),
            Column(self.tr("Responsible unit"), **text(lambda i: i.unit_name)),
            Column(self.tr("Auditor"), **text(lambda i: i.auditor)),
            Column(self.tr("Score rate"), **rate(lambda i: i.rates.score_rate)),
            Column(self.tr("Pass rate"), **rate(lambda i: i.rates.pass_rate)),
            Column(self.tr("Failed"), lambda i: str(i.rates.failed), lambda i: i.rates.failed),
            Column(self.tr("Problems"), lambda i: str(i.rates.problems),
                   lambda i: i.rates.problems),
        ]
