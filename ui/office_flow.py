"""The Office menu: dashboard, rankings, month planning and the bulletin and spreadsheet exports.

The main window creates one :class:`OfficeFlow` and calls it from its Office
menu. Each command opens its dialog (made on first use and kept, so a
dashboard keeps its period and filters between openings); the dialog modules
are imported on first use so that the office's screens (and QtCharts) cost an
auditor's start-up nothing. After a plan changes assignments the flow emits
:attr:`OfficeFlow.data_changed` so the window reloads its navigator.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ui.tasks import TaskRunner
from usecases.services import Services


class OfficeFlow(QObject):
    """Opens the office's dialogs for the window."""

    data_changed = Signal()  # assignments or notices changed under the window

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget):
        super().__init__(parent)
        self._services, self._tasks, self._window = services, tasks, parent
        self._dialogs: dict[str, QDialog] = {}

    def show_dashboard(self) -> None:
        """The dashboard: rates by group with rank and change, trends, weakest criteria."""
        from ui.dialogs.dashboard import DashboardDialog

        def make() -> QDialog:
            dialog = DashboardDialog(self._services, self._tasks, self._window)
            dialog.inspection_chosen.connect(self._on_dialog_inspection_chosen)
            return dialog
        self._show("dashboard", make)

    def show_rankings(self) -> None:
        """The rankings of districts and units with the negative list applied."""
        from ui.dialogs.rankings import RankingsDialog

        def make() -> QDialog:
            dialog = RankingsDialog(self._services, self._window)
            dialog.inspection_chosen.connect(self._on_dialog_inspection_chosen)
            return dialog
        self._show("rankings", make)

    def _on_dialog_inspection_chosen(self, inspection_id: str, criterion_code: str) -> None:
        """A click-through reached an inspection: the window opens it (at the criterion)."""
        self._window.open_inspection(inspection_id, criterion_code or None)

    def plan_month(self) -> None:
        """Plan the month's checks: pick or sample sites and assign auditors."""
        from ui.dialogs.month_plan import MonthPlanDialog

        def make() -> QDialog:
            dialog = MonthPlanDialog(self._services, self._window)
            dialog.plan_saved.connect(self.data_changed)
            return dialog
        self._show("plan", make)

    def manage_sites(self) -> None:
        """The site list: import a CSV with a preview of every row, or export it."""
        from ui.dialogs.site_import import SiteImportDialog

        def make() -> QDialog:
            dialog = SiteImportDialog(self._services, self._window)
            dialog.sites_imported.connect(self.data_changed)
            return dialog
        self._show("sites", make)

    def manage_checklists(self) -> None:
        """The checklist editions: import local changes with a preview, export, activate."""
        from ui.dialogs.checklist_editions import ChecklistDialog

        def make() -> QDialog:
            dialog = ChecklistDialog(self._services, self._window)
            dialog.editions_changed.connect(self.data_changed)
            return dialog
        self._show("checklists", make)

    def enrol_laptops(self) -> None:
        """Prepare a USB drive for new laptops; issue the requests they left on it."""
        from ui.dialogs.laptop_enrolment import LaptopEnrolmentDialog
        self._show("enrol", lambda: LaptopEnrolmentDialog(self._services, self._window))

    def manage_staff(self) -> None:
        """The office's roster: every profile, and a new auditor or office clerk added."""
        from ui.dialogs.staff import StaffDialog
        self._show("staff", lambda: StaffDialog(self._services, self._window))

    def notice_settings(self) -> None:
        """The notices' letterhead, logo, clauses and numbering, which laptops receive."""
        from ui.dialogs.notice_settings import NoticeSettingsDialog
        self._show("notice_settings", lambda: NoticeSettingsDialog(self._services,
                                                                    self._window))

    def export_reports(self) -> None:
        """Write the month's bulletin PDF or its spreadsheet (xlsx / CSV)."""
        from ui.dialogs.report_export import ReportExportDialog
        self._show("reports", lambda: ReportExportDialog(self._services, self._tasks,
                                                         self._window))

    def dialog(self, name: str) -> QDialog | None:
        """The dialog opened under ``name`` ("dashboard", "plan", "sites", "staff", …), if it
        was opened."""
        return self._dialogs.get(name)

    def _show(self, name: str, make) -> None:
        dialog = self._dialogs.get(name)
        if dialog is None:
            dialog = self._dialogs[name] = make()
        if hasattr(dialog, "refresh"):
            dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
