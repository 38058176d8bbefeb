"""A base for item models with two levels: groups (top rows) and the items inside them.

Subclasses say how many groups and items there are and what each shows; the
index bookkeeping lives here once. A top row's internal id is ``TOP``; a child
row's internal id is its group's row.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt

TOP = 0xFFFFFFFF


class TwoLevelModel(QAbstractItemModel):
    """Groups → items; subclasses set ``COLUMNS`` and ``CONTEXT`` and implement the hooks."""

    COLUMNS: tuple[str, ...] = ()
    CONTEXT = ""

    def group_count(self) -> int:
        """How many top rows there are."""
        raise NotImplementedError

    def item_count(self, group: int) -> int:
        """How many children a top row has."""
        raise NotImplementedError

    def group_data(self, group: int, column: int, role):
        """What a top row shows."""
        raise NotImplementedError

    def item_data(self, group: int, row: int, column: int, role):
        """What a child row shows."""
        raise NotImplementedError

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() if parent.isValid() else TOP)

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, TOP)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return self.group_count()
        if parent.internalId() == TOP and parent.column() == 0:
            return self.item_count(parent.row())
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == TOP:
            if index.row() >= self.group_count():
                return None
            return self.group_data(index.row(), index.column(), role)
        group = index.internalId()
        if group >= self.group_count() or index.row() >= self.item_count(group):
            return None
        return self.item_data(group, index.row(), index.column(), role)

    def is_group(self, index: QModelIndex) -> bool:
        """True for a top row."""
        return index.isValid() and index.internalId() == TOP
