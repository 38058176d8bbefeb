"""The table of inspections the main window lists."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)

from model import clock
from model.inspection_list import InspectionSummary
from model.inspections import Status

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


CONTEXT = "InspectionTableModel"


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


class InspectionTableModel(QAbstractTableModel):
    """Rows of :class:`InspectionSummary`; ``ID_ROLE`` gives an inspection's id."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("InspectionTableModel", "Site"),
        QT_TRANSLATE_NOOP("InspectionTableModel", "District"),
        QT_TRANSLATE_NOOP("InspectionTableModel", "Auditor"),
        QT_TRANSLATE_NOOP("InspectionTableModel", "Started"),
        QT_TRANSLATE_NOOP("InspectionTableModel", "Status"),
        QT_TRANSLATE_NOOP("InspectionTableModel", "Pass rate"),
        QT_TRANSLATE_NOOP("InspectionTableModel", "Score rate"),
        QT_TRANSLATE_NOOP("InspectionTableModel", "Failed"),
    )

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[InspectionSummary] = []

    def set_rows(self, rows: list[InspectionSummary]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return QCoreApplication.translate(CONTEXT, self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == SORT_ROLE:
            return self._sort_value(row, index.column())
        return None

    def _display(self, row: InspectionSummary, column: int) -> str | None:
        values = (f"{row.site_code} {row.site_name}", row.district, row.auditor_name,
                  clock.local_text(row.started_at), self._status(row.status),
                  _percent(row.rates.pass_rate), _percent(row.rates.score_rate),
                  str(len(row.failed_criteria)))
        return values[column] if 0 <= column < len(values) else None

    def _sort_value(self, row: InspectionSummary, column: int):
        rates = {5: row.rates.pass_rate, 6: row.rates.score_rate, 7: len(row.failed_criteria)}
        if column in rates:
            value = rates[column]
            return -1.0 if value is None else float(value)
        return self._display(row, column)

    @staticmethod
    def _status(status: Status) -> str:
        if status is Status.FINISHED:
            return QCoreApplication.translate("InspectionTableModel", "Finished")
        return QCoreApplication.translate("InspectionTableModel", "In progress")
