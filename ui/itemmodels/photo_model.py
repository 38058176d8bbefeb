"""The evidence photos of a finding as list items: thumbnail with flag badges, name, tooltip.

``PHOTO_ROLE`` gives the :class:`model.inspections.evidence.PhotoRecord` and ``PHOTO_ID_ROLE``
its id. Photos attached to the whole inspection (no criterion) are labelled so.
The flags are drawn onto the thumbnail as small coloured badges of a word or two
("No location" …); the tooltip says what each means and what to do about it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap

from model.inspections.evidence import PhotoRecord
from model.photos.photos import Flag
from model.store import clock
from ui.labels import word

PHOTO_ROLE = Qt.ItemDataRole.UserRole + 1
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 2
THUMB_SIZE = QSize(160, 120)
BADGE_COLOURS = {
    Flag.TIME_OUTSIDE.value: "#d35400",
    Flag.NO_GPS.value: "#1f5fbf",
    Flag.NO_EXIF.value: "#6c3483",
    Flag.USED_ELSEWHERE.value: "#c0392b",
}


def badged_thumbnail(path: Path, flags: tuple[str, ...], size: QSize = THUMB_SIZE) -> QPixmap:
    """Return a thumbnail of ``size`` with one coloured badge per flag in its lower left."""
    canvas = QPixmap(size)
    canvas.fill(QColor("#d8d8d8"))
    source = QPixmap(str(path)) if path.exists() else QPixmap()
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if not source.isNull():
        scaled = source.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
        painter.drawPixmap((size.width() - scaled.width()) // 2,
                           (size.height() - scaled.height()) // 2, scaled)
    _draw_badges(painter, flags, size)
    painter.end()
    return canvas


def _draw_badges(painter: QPainter, flags: tuple[str, ...], size: QSize) -> None:
    font = QFont(painter.font())
    font.setPixelSize(12)
    font.setBold(True)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    x, y = 3, size.height() - 3
    for flag in flags:
        text = badge_text(flag)
        box = QRect(0, 0, metrics.horizontalAdvance(text) + 8, metrics.height() + 2)
        if x + box.width() > size.width():  # next row up
            x, y = 3, y - box.height() - 2
        box.moveBottomLeft(QRect(x, 0, 0, y).bottomLeft())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BADGE_COLOURS.get(flag, "#555555")))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        x += box.width() + 3


def badge_text(flag: str) -> str:
    """The word or two a flag's badge shows on the thumbnail."""
    return word("photo_badge", flag)


def flag_words(flags: tuple[str, ...]) -> list[str]:
    """The flags of a photo spelt out."""
    return [word("photo_flag", flag) for flag in flags]


def flag_help(flag: str) -> str:
    """One flag as the tooltip explains it: what it is, what it means, what to do."""
    pattern = QCoreApplication.translate("PhotoListModel", "%1: %2", "a photo's flag: its meaning")
    return pattern.replace("%1", word("photo_flag", flag)).replace(
        "%2", word("photo_flag_help", flag))


PIXMAP_CACHE_SIZE = 300  # badged thumbnails kept; redrawing one costs about 1 ms

class PhotoListModel(QAbstractListModel):
    """A list of evidence photos; thumbnails are drawn once and kept."""

    def __init__(self, thumbnail_file: Callable[[PhotoRecord], Path],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._thumbnail_file = thumbnail_file
        self._photos: list[PhotoRecord] = []
        self._pixmaps: dict[str, QPixmap] = {}

    def set_photos(self, photos: list[PhotoRecord]) -> None:
        """Replace the list (thumbnails of photos still shown are kept)."""
        self.beginResetModel()
        self._photos = list(photos)
        keep = {(p.id, p.flags) for p in self._photos}
        self._pixmaps = {k: v for k, v in self._pixmaps.items() if k in keep}
        self.endResetModel()

    def photos(self) -> list[PhotoRecord]:
        """The photos listed, in order."""
        return list(self._photos)

    def photo(self, row: int) -> PhotoRecord | None:
        """The photo in a row, or None."""
        return self._photos[row] if 0 <= row < len(self._photos) else None

    def row_of(self, photo_id: str) -> int:
        """The row of a photo, or -1."""
        return next((row for row, p in enumerate(self._photos) if p.id == photo_id), -1)

    def remove(self, photo_id: str) -> None:
        """Take one photo off the list."""
        row = self.row_of(photo_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._photos[row]
            self.endRemoveRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._photos)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        photo = self.photo(index.row()) if index.isValid() else None
        if photo is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._caption(photo)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmap(photo)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(photo)
        if role == PHOTO_ROLE:
            return photo
        if role == PHOTO_ID_ROLE:
            return photo.id
        return None

    def _caption(self, photo: PhotoRecord) -> str:
        name = photo.original_name or photo.sha256[:8]
        if photo.criterion_code is None:
            return self.tr("%1 (whole inspection)").replace("%1", name)
        return name

    def _pixmap(self, photo: PhotoRecord) -> QPixmap:
        key = (photo.id, photo.flags)
        pixmap = self._pixmaps.pop(key, None)
        if pixmap is None:
            pixmap = badged_thumbnail(self._thumbnail_file(photo), photo.flags)
        self._pixmaps[key] = pixmap  # most recently drawn last
        if len(self._pixmaps) > PIXMAP_CACHE_SIZE:  # a 2,000-photo gallery must not hold all
            del self._pixmaps[next(iter(self._pixmaps))]
        return pixmap

    def _tooltip(self, photo: PhotoRecord) -> str:
        taken = clock.office_text(photo.taken_at) or self.tr("unknown")
        lines = [photo.original_name, self.tr("Taken: %1").replace("%1", taken)]
        if photo.criterion_code is None:
            lines.append(self.tr("Attached to the whole inspection, not to one criterion"))
        lines += [flag_help(flag) for flag in photo.flags]
        if photo.annotations:
            lines.append(self.tr("%n annotation(s)", "", len(photo.annotations)))
        return "\n".join(lines)
