"""The criteria of one inspection, grouped by category, with their results.

Top-level rows are categories (not selectable); their children are criteria.
``CODE_ROLE`` gives a criterion's code, ``OUTCOME_ROLE`` its outcome value
(or None). Failed criteria are drawn bold on a red tint so they stand out.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from model.checklist.checklist import Category
from model.inspections.inspections import CriterionLine, InspectionDetail, Outcome
from ui.itemmodels.two_level import TwoLevelModel
from ui.labels import criterion_text, in_ui_language

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
OUTCOME_ROLE = Qt.ItemDataRole.UserRole + 2
CONTEXT = "CriteriaModel"
FAIL_TINT = QColor("#fde2e1")
FAIL_TEXT = QColor("#a4000f")
PASS_TEXT = QColor("#1b6e20")
NA_TEXT = QColor("#6b6b6b")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


OUTCOME_LABELS = {
    Outcome.PASS: QT_TRANSLATE_NOOP("CriteriaModel", "Pass"),
    Outcome.FAIL: QT_TRANSLATE_NOOP("CriteriaModel", "Fail"),
    Outcome.NA: QT_TRANSLATE_NOOP("CriteriaModel", "N/A"),
}


class CriteriaModel(TwoLevelModel):
    """Categories → criteria of one inspection."""

    CONTEXT = CONTEXT
    COLUMNS = (
        QT_TRANSLATE_NOOP("CriteriaModel", "Code"),
        QT_TRANSLATE_NOOP("CriteriaModel", "Criterion"),
        QT_TRANSLATE_NOOP("CriteriaModel", "Result"),
        QT_TRANSLATE_NOOP("CriteriaModel", "Problems"),
        QT_TRANSLATE_NOOP("CriteriaModel", "Location"),
    )
    TEXT, LOCATION = 1, 4  # the long text columns

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._groups: list[tuple[Category, list[CriterionLine]]] = []
        self._where: dict[str, tuple[int, int]] = {}

    def set_detail(self, detail: InspectionDetail | None, categories: dict[str, Category]) -> None:
        """Show an inspection (or nothing), its criteria grouped in the categories' order."""
        self.beginResetModel()
        by_category: dict[str, list[CriterionLine]] = {}
        for line in detail.lines if detail else []:
            by_category.setdefault(line.criterion.category, []).append(line)
        order = {code: n for n, code in enumerate(categories)}
        self._groups = [(categories.get(code, Category(code, code)), lines)
                        for code, lines in sorted(by_category.items(),
                                                  key=lambda item: order.get(item[0], 99))]
        self._where = {}
        for g, (_, lines) in enumerate(self._groups):
            for r, line in enumerate(lines):
                self._where[line.criterion.code] = (g, r)
        self.endResetModel()

    def update_line(self, line: CriterionLine) -> None:
        """Replace one criterion's result and repaint its row."""
        where = self._where.get(line.criterion.code)
        if where is None:
            return
        group, row = where
        self._groups[group][1][row] = line
        self.dataChanged.emit(self.index(row, 0, self.index(group, 0)),
                              self.index(row, len(self.COLUMNS) - 1, self.index(group, 0)))
        self.dataChanged.emit(self.index(group, 0), self.index(group, 0))  # its "answered" count

    def index_of(self, code: str) -> QModelIndex:
        """Return the first-column index of a criterion."""
        where = self._where.get(code)
        if where is None:
            return QModelIndex()
        return self.index(where[1], 0, self.index(where[0], 0))

    def codes(self) -> list[str]:
        """Return every criterion code in display order."""
        return [line.criterion.code for _, lines in self._groups for line in lines]

    def line(self, code: str) -> CriterionLine | None:
        """Return a criterion's line."""
        where = self._where.get(code)
        return self._groups[where[0]][1][where[1]] if where else None

    # -- TwoLevelModel hooks -----------------------------------------------------

    def group_count(self) -> int:
        return len(self._groups)

    def item_count(self, group: int) -> int:
        return len(self._groups[group][1])

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_group(index):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def group_data(self, group: int, column: int, role):
        return self._category_data(group, column, role)

    def item_data(self, group: int, row: int, column: int, role):
        return self._line_data(self._groups[group][1][row], column, role)

    def _category_data(self, group: int, column: int, role):
        category, lines = self._groups[group]
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            answered = sum(1 for line in lines if line.result)
            name = in_ui_language(category.name_zh, category.name_en)
            return f"{name}  ({answered}/{len(lines)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _line_data(self, line: CriterionLine, column: int, role):
        result = line.result
        outcome = result.outcome if result else None
        if role == CODE_ROLE:
            return line.criterion.code
        if role == OUTCOME_ROLE:
            return outcome.value if outcome else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TEXT:
            return criterion_text(line.criterion)
        if role == Qt.ItemDataRole.BackgroundRole and outcome is Outcome.FAIL:
            return QBrush(FAIL_TINT)
        if role == Qt.ItemDataRole.ForegroundRole and outcome is not None:
            colour = {Outcome.FAIL: FAIL_TEXT, Outcome.PASS: PASS_TEXT, Outcome.NA: NA_TEXT}
            return QBrush(colour[outcome])
        if role == Qt.ItemDataRole.FontRole and outcome is Outcome.FAIL:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _display(line: CriterionLine, column: int) -> str | None:
        result = line.result
        if column == 0:
            return line.criterion.code
        if column == CriteriaModel.TEXT:
            return criterion_text(line.criterion)
        if result is None:
            return "—" if column == 2 else ""
        values = {2: _tr(OUTCOME_LABELS[result.outcome]),
                  3: str(result.instances) if result.outcome is Outcome.FAIL else "",
                  4: result.location}
        return values.get(column)
