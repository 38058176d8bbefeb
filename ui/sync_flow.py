"""The Sync menu: export to and import from USB, conflicts, pruning photo originals, and the
status line that says how much is not synced yet.

The main window creates one :class:`SyncFlow` and calls it from its Sync menu.
It opens the dialogs, and after anything that changed records (an import, a
resolved conflict) emits :attr:`SyncFlow.data_changed` so the window reloads
what it shows.

The status line ("12 unsynced · last receipt … · 0 conflicts") comes from
``Services.sync.status()``, which looks at every record (about 45 ms on the
demo city, growing with the store) and records a new version of each record
edited since (a write). It therefore runs on the GUI thread — on a worker it
would race the GUI's own writes ("database is locked") — and only when the
window opens, after each sync action, and once a minute, never per edit.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget
from shiboken6 import isValid

from model.store import clock
from ui.tasks import TaskRunner
from ui.warmup import after_first_paint
from usecases.services import Services

# The dialogs are imported on first use (ui.warmup loads them once the window is painted): the
# window's start does not wait for them.
if TYPE_CHECKING:
    from ui.dialogs.conflicts import ConflictDialog
    from ui.dialogs.sync_export import ExportDialog
    from ui.dialogs.sync_import import ImportDialog

STATUS_INTERVAL_MS = 60_000
log = logging.getLogger(__name__)


class SyncFlow(QObject):
    """Opens the sync dialogs for the window and keeps its sync status label current."""

    data_changed = Signal()  # records changed under the window (an import, a resolution)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget):
        super().__init__(parent)
        self._services, self._tasks, self._window = services, tasks, parent
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self.status_label = QLabel(parent)
        self.status_label.setContentsMargins(12, 0, 4, 0)  # apart from the window's own label
        self.status_label.setToolTip(self.tr(
            "Changes the office has not acknowledged with a receipt, the last receipt, and "
            "records changed on two machines. Updated after each sync and every minute."))
        self._timer = QTimer(self)
        self._timer.setInterval(STATUS_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        after_first_paint(parent, self.refresh_status)  # once the window is up, not before

    # -- the menu's commands ---------------------------------------------------------------

    def export(self) -> ExportDialog:
        """Open the export dialog."""
        from ui.dialogs.sync_export import ExportDialog

        self.export_dialog = self._replace(self.export_dialog, ExportDialog(
            self._services, self._tasks, self._window))
        self.export_dialog.exported.connect(self.refresh_status)
        self.export_dialog.open()
        return self.export_dialog

    def import_bundles(self) -> ImportDialog:
        """Open the import dialog."""
        from ui.dialogs.sync_import import ImportDialog

        self.import_dialog = self._replace(self.import_dialog, ImportDialog(
            self._services, self._tasks, self._window))
        self.import_dialog.imported.connect(self._on_import_dialog_imported)
        self.import_dialog.conflicts_requested.connect(self.show_conflicts)
        self.import_dialog.open()
        return self.import_dialog

    def show_conflicts(self) -> ConflictDialog:
        """Open the conflict dialog (over the import dialog when that is open)."""
        from ui.dialogs.conflicts import ConflictDialog

        parent = self.import_dialog if self._visible(self.import_dialog) else self._window
        self.conflict_dialog = self._replace(self.conflict_dialog,
                                             ConflictDialog(self._services, parent))
        self.conflict_dialog.resolved.connect(self._on_conflict_dialog_resolved)
        self.conflict_dialog.open()
        return self.conflict_dialog

    def prune_photos(self) -> int:
        """Delete the photo originals the office acknowledged, after asking; how many went."""
        count = len(self._services.sync.prunable())
        kept = self._kept_text()
        if count == 0:
            self.inform(self.tr("Nothing to delete"), self.tr(
                "No photo original may be deleted yet. Only originals the office has "
                "acknowledged with a receipt are deleted, of finished inspections without an "
                "open notice.") + kept)
            return 0
        question = self.tr("Delete %n photo original(s) from this laptop? The office holds "
                           "them (its receipt says so). Previews and thumbnails stay.", "",
                           count) + kept
        if not self.confirm(self.tr("Delete photo originals"), question):
            return 0
        deleted = self._services.sync.prune(confirmed=True)
        self._window.statusBar().showMessage(
            self.tr("%n photo original(s) deleted.", "", deleted), 6000)
        return deleted

    def _kept_text(self) -> str:
        """Which originals stay and why, as a paragraph to add (empty when none stay)."""
        kept = self._services.sync.kept()
        if not kept.total:
            return ""
        return "\n\n" + self.tr(
            "%1 originals stay on this laptop: %2 not yet acknowledged by the office (export, "
            "then import its receipt), %3 of unfinished inspections, %4 of inspections with "
            "an open notice (the evidence stays until the notice is closed).").replace(
            "%1", str(kept.total)).replace("%2", str(kept.unacknowledged)).replace(
            "%3", str(kept.unfinished)).replace("%4", str(kept.open_notice))

    # -- the status line -------------------------------------------------------------------

    def refresh_status(self) -> None:
        """Show the sync status now (see the module text for what it costs)."""
        started = time.perf_counter()
        if self._services.user is None or not isValid(self.status_label):
            return
        if self._services.user.is_office:
            text = self.tr("%n sync conflict(s)", "", len(self._services.sync.conflicts()))
        else:
            text = self.status_text(self._services.sync.status())
        self.status_label.setText(text)
        log.debug("sync status in %.0f ms", (time.perf_counter() - started) * 1000)

    def status_text(self, status: dict) -> str:
        """The status line of an auditor's laptop for a ``sync_status()`` dict."""
        receipt = clock.office_text(status["last_receipt"])
        return " · ".join((
            self.tr("%n unsynced", "", status["unsynced"]),
            self.tr("last receipt %1").replace("%1", receipt) if receipt
            else self.tr("no receipt yet"),
            self.tr("%n conflict(s)", "", status["conflicts"])))

    def _on_timer_timeout(self) -> None:
        if QApplication.activeModalWidget() is not None:
            return  # a dialog or a task's progress is up: its own end refreshes the line
        try:
            self.refresh_status()
        except Exception:  # a status line must never interrupt work; the log keeps the cause
            log.exception("the sync status could not be refreshed")

    # -- questions (replaceable in tests) ---------------------------------------------------

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question."""
        answer = QMessageBox.question(self._window, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        """Tell the user something."""
        QMessageBox.information(self._window, title, text)

    # -- slots and helpers -------------------------------------------------------------------

    def _on_import_dialog_imported(self, summary) -> None:
        self.refresh_status()
        if not summary.already_imported:
            self.data_changed.emit()

    def _on_conflict_dialog_resolved(self, _kind: str, _record_id: str) -> None:
        self.refresh_status()
        self.data_changed.emit()

    @staticmethod
    def _visible(dialog: QDialog | None) -> bool:
        return dialog is not None and isValid(dialog) and dialog.isVisible()

    @staticmethod
    def _replace(old: QDialog | None, new: QDialog) -> QDialog:
        """Use ``new``; an earlier dialog of the same kind is closed and freed."""
        if old is not None and isValid(old):
            old.deleteLater()
        return new
