"""A sortable, read-only table for the office's screens; Ctrl+C copies the selected rows.

The rows go to the clipboard as tab-separated text with the column headers
first, so they paste into a spreadsheet as they look on screen. A row is
*activated* (``activated``) by a double-click or by Enter. Its rows are as tall as its
font asks, in the sunlight mode's large text too.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui import theme
from ui.itemmodels.figure_model import RowTableModel

WIDTH_SAMPLE_ROWS = 150  # rows a column's width is measured from (Qt's default: 1,000)


class OfficeTable(QTableView):
    """A table view over a :class:`RowTableModel` through its own sorting proxy."""

    def __init__(self, model: RowTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(RowTableModel.SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # model order until a header is clicked
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()  # it still sets the rows' height: see changeEvent
        self._fit_rows_to_font()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Qt measures 1,000 rows of each column for its width, several times per refresh: a
        # province's 3,821 units froze the window for seconds. A sample of them is enough.
        header.setResizeContentsPrecision(WIDTH_SAMPLE_ROWS)
        header.setStretchLastSection(True)

    def stretch_column(self, column: int) -> None:
        """Give the spare width to ``column`` (a name or a text) instead of the last column."""
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def limit_column(self, column: int, width: int) -> None:
        """Keep a long text column at ``width`` pixels (elided; the user may widen it)."""
        self.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(column, width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows_to_font()

    def _fit_rows_to_font(self) -> None:
        """Rows as tall as the text (the style's default does not follow the font)."""
        self.verticalHeader().setDefaultSectionSize(theme.row_height(self.font()))

    def row_value(self, proxy_row: int):
        """The value (Figure, Standing, Finding …) shown at ``proxy_row``."""
        return self.proxy.index(proxy_row, 0).data(RowTableModel.ROW_ROLE)

    def selected_values(self) -> list:
        """The values of the selected rows, top to bottom."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [self.row_value(row) for row in rows]

    def selected_text(self) -> str:
        """The selected rows as tab-separated lines, headers first ('' when nothing is selected)."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        if not rows:
            return ""
        model: QAbstractItemModel = self.proxy
        columns = [c for c in range(model.columnCount()) if not self.isColumnHidden(c)]
        lines = ["\t".join(str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                           for c in columns)]
        for row in rows:
            lines.append("\t".join(_cell(model.index(row, c).data()) for c in columns))
        return "\n".join(lines) + "\n"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            text = self.selected_text()
            if text:
                QGuiApplication.clipboard().setText(text)
            event.accept()
            return
        super().keyPressEvent(event)


def _cell(value) -> str:
    """A cell as one line of text (tabs and line breaks would split it)."""
    return " ".join(str(value or "").split())
