"""The follow-up board's rows: every issued notice, overdue first, with days left, and the
board's filter by district, unit, auditor, status and text."""

from __future__ import annotations

from PySide6.QtCore import (
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from model.notices.followup import BoardRow
from model.store import clock
from ui.itemmodels.row_table import Index, RowTable
from ui.labels import word

OVERDUE_COLOUR = QColor("#b3261e")
CLOSED_COLOUR = QColor("#6b6b6b")


class NoticeTableModel(RowTable):
    """Holds :class:`model.notices.followup.BoardRow` values; ``NOTICE_ID_ROLE`` gives a
    row's id."""

    NOTICE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    COLUMNS = ("number", "site", "district", "addressee", "deadline", "days", "status",
               "last", "auditor")

    def __init__(self, parent: QObject | None = None):
        super().__init__((), parent)
        self._headers = [self.tr("Number"), self.tr("Site"), self.tr("District"),
                         self.tr("Addressee"), self.tr("Deadline"), self.tr("Days left"),
                         self.tr("Status"), self.tr("Last action"), self.tr("Auditor")]

    def row_at(self, row: int) -> BoardRow:
        """The board row shown at ``row``."""
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, self.COLUMNS[index.column()])
        if role == self.NOTICE_ID_ROLE:
            return row.notice.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.notice.overdue():
                return QBrush(OVERDUE_COLOUR)
            return None if row.notice.is_open else QBrush(CLOSED_COLOUR)
        return None

    def _text(self, row: BoardRow, column: str) -> str:
        n = row.notice
        if column == "days":
            return self._days_text(n)
        values = {"number": n.number, "site": row.site, "district": row.district,
                  "addressee": n.addressee_unit, "deadline": n.deadline[:16].replace("T", " "),
                  "status": word("notice_status", n.status.value),
                  "last": clock.office_text(row.last_action), "auditor": row.auditor}
        return values[column]

    def _days_text(self, n) -> str:
        days = n.days_left()
        if days is None or not n.is_open:
            return "—"
        if n.overdue():
            return (self.tr("%1 overdue").replace("%1", str(-days)) if days < 0
                    else self.tr("overdue today"))
        return self.tr("due today") if days == 0 else str(days)


# What each filter of the board compares its value with.
FILTER_KEYS = {
    "district": lambda row: row.district,
    "unit": lambda row: row.notice.addressee_unit,
    "auditor": lambda row: row.auditor,
    "status": lambda row: row.notice.status.value,
}


class BoardFilter(QSortFilterProxyModel):
    """Keeps the board rows of a district, unit (addressee), auditor and status, and those
    whose text contains the search (the proxy's fixed-string filter over every column)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.criteria: dict[str, str] = {}
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_criteria(self, **criteria: str) -> None:
        """Set the filters of :data:`FILTER_KEYS` (empty strings mean any) and re-filter."""
        self.beginFilterChange()
        self.criteria = {k: v for k, v in criteria.items() if v}
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if source_parent.isValid():
            return False
        row = self.sourceModel().row_at(source_row)
        if any(FILTER_KEYS[k](row) != v for k, v in self.criteria.items()):
            return False
        return super().filterAcceptsRow(source_row, source_parent)
