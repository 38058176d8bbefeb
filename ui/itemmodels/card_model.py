"""The new photos of a card as a checkable list, with thumbnails loaded when first shown.

``CardPhotoModel`` asks for thumbnails through ``thumbnails_wanted`` the first
time a view wants a row's picture (so only rows scrolled into view cost
anything); :func:`load_thumbnails` makes them on a worker thread and
:meth:`CardPhotoModel.set_thumbnails` shows them. ``DayFilter`` hides photos
from other days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QImageReader, QPixmap

from ui.card_scan import CardPhoto

THUMB_EDGE = 128


def load_thumbnails(paths: list[str], progress) -> dict[str, QImage]:
    """Worker job: small upright images of photo files (unreadable ones are left out)."""
    progress.start(len(paths))
    images = {}
    for path in paths:
        reader = QImageReader(path)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid():
            reader.setScaledSize(size.scaled(THUMB_EDGE, THUMB_EDGE,
                                             Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            images[path] = image
        progress.advance()
    return images


class CardPhotoModel(QAbstractListModel):
    """Photo files offered for import, each checkable."""

    PATH_ROLE = Qt.ItemDataRole.UserRole + 1
    DAY_ROLE = Qt.ItemDataRole.UserRole + 2
    thumbnails_wanted = Signal(list)  # paths (str) whose thumbnails are not loaded

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._photos: list[CardPhoto] = []
        self._checked: list[bool] = []
        self._thumbnails: dict[str, QPixmap] = {}
        self._asked: set[str] = set()
        self._wanted: list[str] = []
        self._placeholder = QPixmap(THUMB_EDGE, THUMB_EDGE)
        self._placeholder.fill(QColor("#d8d8d8"))
        self._ask_timer = QTimer(self)
        self._ask_timer.setSingleShot(True)
        self._ask_timer.timeout.connect(self._on_ask_timer_timeout)

    def set_photos(self, photos: list[CardPhoto]) -> None:
        """Replace the list; nothing is checked."""
        self.beginResetModel()
        self._photos = list(photos)
        self._checked = [False] * len(self._photos)
        self.endResetModel()

    def set_checked(self, rows: list[int], checked: bool) -> None:
        """Check or uncheck rows."""
        for row in rows:
            if 0 <= row < len(self._photos) and self._checked[row] != checked:
                self._checked[row] = checked
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def set_thumbnails(self, images: dict[str, QImage]) -> None:
        """Show thumbnails made by :func:`load_thumbnails`."""
        for row, photo in enumerate(self._photos):
            image = images.get(str(photo.path))
            if image is not None:
                self._thumbnails[str(photo.path)] = QPixmap.fromImage(image)
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._photos)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._photos):
            return None
        photo = self._photos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{photo.path.name}\n{photo.modified.strftime('%Y-%m-%d %H:%M')}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self._checked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(photo.path)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{photo.path}\n{QLocale().formattedDataSize(photo.size)}"
        if role == self.PATH_ROLE:
            return photo.path
        if role == self.DAY_ROLE:
            return photo.modified.date()
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(THUMB_EDGE + 32, THUMB_EDGE + 48)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.set_checked([index.row()], checked)
        return True

    def _thumbnail(self, path: Path) -> QPixmap:
        key = str(path)
        if key in self._thumbnails:
            return self._thumbnails[key]
        if key not in self._asked:
            self._asked.add(key)
            self._wanted.append(key)
            self._ask_timer.start(0)  # rows painted together are asked for together
        return self._placeholder

    def _on_ask_timer_timeout(self) -> None:
        wanted, self._wanted = self._wanted, []
        if wanted:
            self.thumbnails_wanted.emit(wanted)


class DayFilter(QSortFilterProxyModel):
    """Shows only the photos of one day (all when the day is None)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._day: dt.date | None = None

    def set_day(self, day: dt.date | None) -> None:
        """Filter by this day, or not at all."""
        self.beginFilterChange()
        self._day = day
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._day is None:
            return True
        day = self.sourceModel().index(source_row, 0, source_parent).data(CardPhotoModel.DAY_ROLE)
        return day == self._day
