"""Looking at evidence photos large: one at a time, or before and after side by side.

:class:`PhotoViewer` shows the rendered copy (upright, with annotations and,
when "Show stamp" is on, the time/place stamp) of each photo of the list it was
opened with: the wheel and Ctrl+= / Ctrl+- / Ctrl+0 zoom, dragging pans,
Left/Right and PageUp/PageDown go to the previous or next photo.
:class:`PairView` puts two photos side by side with their zoom kept together
(re-inspections: the problem, then the fix).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.inspections.evidence import PhotoRecord
from model.store import clock
from ui.busy import busy_cursor
from ui.itemmodels.photo_model import flag_words
from ui.screen_fit import resize_to_fit
from ui.widgets.photo_view import ZOOM_STEP, PhotoView, load_pixmap
from usecases.services import Services

PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp}
NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_PageDown}


class PhotoViewer(QDialog):
    """One photo of a list, large; the keys step through the list."""

    def __init__(self, services: Services, photos: list[PhotoRecord], current: int = 0,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evidence photo"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        resize_to_fit(self, 1000, 760)
        self._services = services
        self.photos = list(photos)
        self.current = -1
        self.view = PhotoView(self)
        self.stamp = QCheckBox(self.tr("Show &stamp"), self)
        self.stamp.setChecked(True)
        self.stamp.toggled.connect(self._on_stamp_toggled)
        self.metadata = QLabel(self)
        self.metadata.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.position = QLabel(self)
        self._zoom_keys = {
            QKeySequence("Ctrl+="): lambda: self.view.zoom_by(ZOOM_STEP),
            QKeySequence("Ctrl++"): lambda: self.view.zoom_by(ZOOM_STEP),
            QKeySequence("Ctrl+-"): lambda: self.view.zoom_by(1 / ZOOM_STEP),
            QKeySequence("Ctrl+0"): self.view.fit,
        }
        self._lay_out()
        self.go_to(current)

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        for text, tip, handler in (
                ("◀", self.tr("Previous photo (Left, PageUp)"), self.previous),
                ("▶", self.tr("Next photo (Right, PageDown)"), self.next),
                ("+", self.tr("Zoom in (Ctrl+=, wheel)"), lambda: self.view.zoom_by(ZOOM_STEP)),
                ("−", self.tr("Zoom out (Ctrl+-, wheel)"),
                 lambda: self.view.zoom_by(1 / ZOOM_STEP)),
                (self.tr("Fit"), self.tr("Whole photo (Ctrl+0)"), self.view.fit)):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addWidget(self.position)
        row.addStretch()
        row.addWidget(self.stamp)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.metadata)
        layout.addLayout(row)
        self.view.setFocus()

    def photo(self) -> PhotoRecord | None:
        """The photo shown."""
        return self.photos[self.current] if 0 <= self.current < len(self.photos) else None

    def go_to(self, row: int) -> None:
        """Show the photo in ``row`` of the list (clamped to the list)."""
        if not self.photos:
            return
        row = max(0, min(row, len(self.photos) - 1))
        if row != self.current:
            self.current = row
            self._show()

    def next(self) -> None:
        """Show the next photo."""
        self.go_to(self.current + 1)

    def previous(self) -> None:
        """Show the previous photo."""
        self.go_to(self.current - 1)

    def _show(self) -> None:
        photo = self.photo()
        with busy_cursor():
            path = self._services.photos.copy(photo.id, self.stamp.isChecked())
            self.view.set_pixmap(load_pixmap(path))
        self.metadata.setText(metadata_text(photo))
        self.position.setText(f"{self.current + 1} / {len(self.photos)}")
        self.setWindowTitle(self.tr("Evidence photo: %1").replace("%1", photo.original_name))

    def _on_stamp_toggled(self, _checked: bool) -> None:
        if self.photo():
            zoom = self.view.zoom
            self._show()
            self.view.set_zoom(zoom)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in PREVIOUS_KEYS and plain:
            self.previous()
            return
        if event.key() in NEXT_KEYS and plain:
            self.next()
            return
        pressed = QKeySequence(event.keyCombination())
        for keys, handler in self._zoom_keys.items():
            if keys.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                handler()
                return
        super().keyPressEvent(event)


def metadata_text(photo: PhotoRecord) -> str:
    """File name, capture time, criterion and flags of a photo, on one line."""
    taken = clock.office_text(photo.taken_at) or QCoreApplication.translate(
        "PhotoViewer", "unknown time")
    where = photo.criterion_code or QCoreApplication.translate("PhotoViewer", "whole inspection")
    parts = [photo.original_name,
             QCoreApplication.translate("PhotoViewer", "taken %1").replace("%1", taken), where]
    return "  ·  ".join(parts + flag_words(photo.flags))


class PairView(QWidget):
    """Two photos side by side (before and after) whose zoom goes together."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.before, self.after = PhotoView(self), PhotoView(self)
        self.before_caption, self.after_caption = QLabel(self), QLabel(self)
        self.before.zoom_changed.connect(self._on_before_zoom_changed)
        self.after.zoom_changed.connect(self._on_after_zoom_changed)
        layout = QHBoxLayout(self)
        for caption, view in ((self.before_caption, self.before),
                              (self.after_caption, self.after)):
            column = QVBoxLayout()
            column.addWidget(caption)
            column.addWidget(view, 1)
            layout.addLayout(column)

    def show_pair(self, before: PhotoRecord, after: PhotoRecord, stamp: bool = True) -> None:
        """Show the photo of the problem on the left and of the fix on the right."""
        for view, caption, photo, label in (
                (self.before, self.before_caption, before, self.tr("Before: %1")),
                (self.after, self.after_caption, after, self.tr("After: %1"))):
            view.set_pixmap(load_pixmap(self._services.photos.copy(photo.id, stamp)))
            caption.setText(label.replace("%1", metadata_text(photo)))

    def _on_before_zoom_changed(self, zoom: float) -> None:
        self.after.set_zoom(zoom, announce=False)

    def _on_after_zoom_changed(self, zoom: float) -> None:
        self.before.set_zoom(zoom, announce=False)
