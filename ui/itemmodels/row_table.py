"""The one base of our read-only tables: a list of row values under a row of headers.

The dashboard's figures, the drill-down, the negative-list rules, the month plan's
tables and the follow-up board all show a plain list of frozen values, replaced whole
on refresh. This base holds the list and the headers and answers Qt's questions about
their shape; a subclass says what a cell shows (``data``) and what its rows are.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class RowTable(QAbstractTableModel):
    """A read-only table of rows under ``headers``; ``data`` is the subclass's."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None):
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list = []

    def set_rows(self, rows: Sequence) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        """The rows in model order."""
        return list(self._rows)

    def row_at(self, row: int):
        """The value shown at ``row``."""
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def set_header(self, column: int, header: str) -> None:
        """Rename a column."""
        self._headers[column] = header
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def _valid(self, index: Index) -> bool:
        """True when ``index`` is a cell of this table (``data`` never raises)."""
        return (index.isValid() and 0 <= index.row() < len(self._rows)
                and 0 <= index.column() < len(self._headers))
