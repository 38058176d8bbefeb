"""The verify dialog's table of a batch: one row per PDF checked, in the order checked.

Each row is a :class:`usecases.batch_verify.Checked`; ``CHECKED_ROLE`` gives it (the dialog
shows its full verdict when the row is selected). The verdict column's words and colour come
from the dialog (its ``headline_of``), so a row says exactly what the headline says.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from ui.itemmodels.row_table import ROOT, Index, RowTable
from usecases.batch_verify import Checked

CHECKED_ROLE = Qt.ItemDataRole.UserRole + 1
FILE, VERDICT, NUMBER, PROBLEM = range(4)
Describe = Callable[[Checked], tuple[str, str]]  # the verdict's words and colour


class VerifyResultModel(RowTable):
    """Checked PDFs: file name, verdict, notice number, first problem."""

    def __init__(self, describe: Describe, parent: QObject | None = None):
        super().__init__([self.tr("File"), self.tr("Verdict"), self.tr("Notice number"),
                          self.tr("First problem")], parent)
        self._describe = describe

    def append(self, checked: Checked) -> None:
        """Add the row of a file just checked."""
        row = len(self._rows)
        self.beginInsertRows(ROOT, row, row)
        self._rows.append(checked)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        checked: Checked = self._rows[index.row()]
        column = index.column()
        if role == CHECKED_ROLE:
            return checked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(checked, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(checked.path) if column == FILE else self._text(checked, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == VERDICT:
            return QColor(self._describe(checked)[1])
        return None

    def _text(self, checked: Checked, column: int) -> str:
        if column == FILE:
            return checked.path.name
        if column == VERDICT:
            return self._describe(checked)[0]
        return checked.number if column == NUMBER else checked.first_problem
