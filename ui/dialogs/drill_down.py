"""What is behind a figure: the findings and the inspections of its scope.

Opened from the dashboard by double-clicking a table row (the group's
:attr:`Figure.scope <model.office.dashboard.Figure.scope>`) or a weak criterion (the
dashboard's scope, that criterion only). Double-clicking a finding or an
inspection emits ``inspection_chosen`` so the main window opens it (a finding
at its criterion).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from model.office.dashboard import Scope
from ui.i18n import sentences
from ui.itemmodels.drill_model import FindingTableModel, InspectionLineModel
from ui.screen_fit import resize_to_fit
from ui.widgets.office_table import OfficeTable
from usecases.services import Services

ROW_LIMIT = 10_000  # a whole city's month fits; more would only slow the table down


class DrillDownDialog(QDialog):
    """A non-modal window listing the findings and inspections of one scope."""

    inspection_chosen = Signal(str, str)  # inspection id, criterion code ('' for none)

    def __init__(self, services: Services, scope: Scope, title: str,
                 criterion_code: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.scope, self.criterion_code = scope, criterion_code
        self.setWindowTitle(title)
        resize_to_fit(self, 1280, 600)
        self.findings = OfficeTable(FindingTableModel(self), self)
        self.findings.limit_column(FindingTableModel.REQUIREMENT, 260)
        self.findings.limit_column(FindingTableModel.NOTE, 160)
        self.inspections = OfficeTable(InspectionLineModel(self), self)
        self.tabs = QTabWidget(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.findings.activated.connect(self._on_findings_activated)
        self.inspections.activated.connect(self._on_inspections_activated)
        self._load(services, title)

    def _load(self, services: Services, title: str) -> None:
        office = services.office
        found = office.findings(self.scope, self.criterion_code, limit=ROW_LIMIT + 1)
        lines = office.inspections(self.scope)
        if self.criterion_code:  # only the inspections where this criterion failed
            failed_in = {f.inspection_id for f in found}
            lines = [line for line in lines if line.inspection_id in failed_in]
        self.findings.source.set_rows(found[:ROW_LIMIT])
        self.inspections.source.set_rows(lines)
        self.tabs.addTab(self.findings, self.tr("&Findings (%1)").replace(
            "%1", str(min(len(found), ROW_LIMIT))))
        self.tabs.addTab(self.inspections, self.tr("&Inspections (%1)").replace(
            "%1", str(len(lines))))
        heading = self.tr("%1: %2 findings in %3 inspections. Double-click one to open the "
                          "inspection in the main window.").replace("%1", title)
        heading = heading.replace("%2", str(min(len(found), ROW_LIMIT))).replace(
            "%3", str(len(lines)))
        if len(found) > ROW_LIMIT:
            heading = sentences(heading, self.tr("Only the newest %1 findings are listed.")
                                .replace("%1", str(ROW_LIMIT)))
        self.heading.setText(heading)

    def _on_findings_activated(self, index) -> None:
        finding = self.findings.row_value(index.row())
        if finding is not None:
            self.inspection_chosen.emit(finding.inspection_id, finding.criterion_code)

    def _on_inspections_activated(self, index) -> None:
        line = self.inspections.row_value(index.row())
        if line is not None:
            self.inspection_chosen.emit(line.inspection_id, "")
