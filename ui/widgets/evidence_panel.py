"""The photos backing one finding, as thumbnails (filled by photo import)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from model.evidence import PhotoRecord
from model.services import Services

THUMB_SIZE = QSize(120, 90)


class EvidencePanel(QWidget):
    """Thumbnails of the photos attached to the current criterion, with their flags."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.caption = QLabel(self)
        self.thumbnails = QListWidget(self)
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setIconSize(THUMB_SIZE)
        self.thumbnails.setFlow(QListWidget.Flow.LeftToRight)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setFixedHeight(THUMB_SIZE.height() + 44)
        self.thumbnails.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.thumbnails)
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Maximum)
        self.show_photos([])

    def show_for(self, inspection_id: str | None, criterion_code: str | None) -> None:
        """Show the photos of one criterion of an inspection (nothing when either is None)."""
        photos = (self._services.photos(inspection_id, criterion_code)
                  if inspection_id and criterion_code else [])
        self.show_photos(photos)

    def show_photos(self, photos: list[PhotoRecord]) -> None:
        """Fill the strip with thumbnails; a photo without a cached thumbnail shows its name."""
        self.thumbnails.clear()
        for photo in photos:
            item = QListWidgetItem(self._icon(photo), photo.original_name or photo.sha256[:8])
            flags = ", ".join(photo.flags)
            item.setToolTip(f"{photo.original_name}\n{photo.taken_at or ''}\n{flags}".strip())
            self.thumbnails.addItem(item)
        if photos:
            self.caption.setText(self.tr("Evidence: %n photo(s)", "", len(photos)))
        else:
            self.caption.setText(self.tr("Evidence: no photos for this criterion yet"))

    def _icon(self, photo: PhotoRecord) -> QIcon:
        path = self._services.thumbnail_file(photo)
        pixmap = QPixmap(str(path)) if path.exists() else QPixmap()
        if pixmap.isNull():
            pixmap = QPixmap(THUMB_SIZE)
            pixmap.fill(Qt.GlobalColor.lightGray)
        return QIcon(pixmap)
