"""The verify dialog's batch part: many notice PDFs checked in a row, a table and the counts.

A folder from a USB stick may hold hundreds of notices. They are checked one after another
under a window-modal progress dialog with Cancel (shown after half a second, as
``ui.tasks`` shows its own), which processes events between files, and each file's row
appears as it is done. The checks run on the GUI thread rather than through ``ui.tasks``
because the ``verify`` callable the dialog is given works on the GUI's store connection,
which stays on its thread, and one check takes ~15 ms: the window never waits longer than
that. Cancel keeps the rows already checked and says how far it got.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import sentences
from ui.itemmodels.verify_model import (
    CHECKED_ROLE,
    FILE,
    NUMBER,
    VERDICT,
    Describe,
    VerifyResultModel,
)
from ui.tasks import DIALOG_DELAY_MS
from usecases import batch_verify
from usecases.batch_verify import Checked, Outcome, Verify

GOOD_COLOUR, BAD_COLOUR = "#1b6e20", "#b3261e"  # the verify dialog's too


class BatchPanel(QWidget):
    """The table of a batch's files and the line counting its verdicts."""

    checked_chosen = Signal(object)  # the Checked of the row just selected

    def __init__(self, describe: Describe, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._running: QProgressDialog | None = None
        self.model = VerifyResultModel(describe, self)
        self.table = _table(self, self.model)
        self.table.setAccessibleName(self.tr("Files checked"))
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def run(self, verify: Verify, entries: Sequence[Path | Checked]) -> list[Checked]:
        """Check ``entries`` one by one under a progress dialog; return the files checked
        (fewer than the entries after Cancel), select the first that is not valid."""
        self.model.set_rows([])
        progress = self._running = self._progress(len(entries))
        try:
            for number, entry in enumerate(entries):
                progress.setValue(number)  # (window-modal: processes events, sees Cancel)
                if progress.wasCanceled():
                    break
                progress.setLabelText(self.tr("Verifying file %1 of %2: %3").replace(
                    "%1", str(number + 1)).replace("%2", str(len(entries)))
                    .replace("%3", _name(entry)))
                self.model.append(batch_verify.check(verify, entry))
        finally:
            self._running = None
            progress.hide()  # hide, not close: closing would cancel
            progress.deleteLater()
        checked = self.model.rows()
        self._say_summary(checked, len(entries))
        self._select_first_problem(checked)
        return checked

    @property
    def is_running(self) -> bool:
        """True while a batch is being checked."""
        return self._running is not None

    def cancel(self) -> None:
        """Stop the batch being checked after the file in hand (the rows so far stay)."""
        if self._running is not None:
            self._running.cancel()

    def _progress(self, total: int) -> QProgressDialog:
        progress = QProgressDialog(self.tr("Verifying notices…"), self.tr("Cancel"), 0, total,
                                   self.window())
        progress.setWindowTitle(self.tr("Verifying notices"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(DIALOG_DELAY_MS)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        return progress

    def _say_summary(self, checked: list[Checked], total: int) -> None:
        counted = batch_verify.counts(checked)
        text = (self.tr("%n file(s): %1 valid, %2 TAMPERED, %3 not valid, %4 cannot be "
                        "checked.", "", len(checked))
                .replace("%1", str(counted[Outcome.VALID]))
                .replace("%2", str(counted[Outcome.TAMPERED]))
                .replace("%3", str(counted[Outcome.NOT_VALID]))
                .replace("%4", str(counted[Outcome.UNCHECKED])))
        if len(checked) < total:
            text = sentences(text, self.tr("Cancelled: %n file(s) not checked.", "",
                                           total - len(checked)))
        all_valid = counted[Outcome.VALID] == total
        self.summary.setText(text)
        self.summary.setStyleSheet(
            f"color: {GOOD_COLOUR if all_valid else BAD_COLOUR}; font-weight: bold;")

    def _select_first_problem(self, checked: list[Checked]) -> None:
        row = next((n for n, c in enumerate(checked) if c.outcome is not Outcome.VALID), 0)
        if checked:
            self.table.selectRow(row)

    def _on_table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.checked_chosen.emit(current.siblingAtColumn(FILE).data(CHECKED_ROLE))

    def report_lines(self) -> list[str]:
        """The counts and one tab-separated line per file (for the clipboard)."""
        columns = range(self.model.columnCount())
        return [self.summary.text(), *("\t".join(
            str(self.model.index(row, column).data() or "") for column in columns)
            for row in range(self.model.rowCount()))]


def _table(parent: QWidget, model: VerifyResultModel) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in ((FILE, 200), (VERDICT, 150), (NUMBER, 220)):
        table.setColumnWidth(column, width)
    return table


def _name(entry: Path | Checked) -> str:
    return (entry.path if isinstance(entry, Checked) else entry).name
