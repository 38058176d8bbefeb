"""The follow-up board's rows: every issued notice, overdue first, with days left."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from model import clock
from model.followup import BoardRow
from ui.labels import word

OVERDUE_COLOUR = QColor("#b3261e")
CLOSED_COLOUR = QColor("#6b6b6b")
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class NoticeTableModel(QAbstractTableModel):
    """Holds :class:`model.followup.BoardRow` values; ``NOTICE_ID_ROLE`` gives a row's id."""

    NOTICE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    COLUMNS = ("number", "site", "district", "addressee", "deadline", "days", "status",
               "last", "auditor")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[BoardRow] = []
        self._headers = (self.tr("Number"), self.tr("Site"), self.tr("District"),
                         self.tr("Addressee"), self.tr("Deadline"), self.tr("Days left"),
                         self.tr("Status"), self.tr("Last action"), self.tr("Auditor"))

    def set_rows(self, rows: list[BoardRow]) -> None:
        """Replace every row (the board is small: a few hundred notices at most)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> BoardRow:
        """The board row shown at ``row``."""
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
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
            days = n.days_left()
            if days is None or not n.is_open:
                return "—"
            return (self.tr("%1 overdue").replace("%1", str(-days)) if n.overdue()
                    else str(days))
        values = {"number": n.number, "site": row.site, "district": row.district,
                  "addressee": n.addressee_unit, "deadline": n.deadline[:16].replace("T", " "),
                  "status": word("notice_status", n.status.value),
                  "last": clock.local_text(row.last_action), "auditor": row.auditor}
        return values[column]
