"""A zoomable, pannable picture: the base of the photo viewer and the annotation editor.

Zoom is kept relative to "fit in the window" so two views of different photos
can be zoomed together (:class:`ui.dialogs.photo_viewer.PairView`): a zoom of
1.0 means the whole picture fits, 2.0 twice that. While the zoom is 1.0 the
picture follows the window's size.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImageReader, QKeyEvent, QPainter, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 1.0, 16.0
# Keys that belong to the window around the view (next/previous photo, tools), not to scrolling.
PASSED_ON_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


def load_pixmap(path: Path, longest_edge: int | None = None) -> QPixmap:
    """Read a picture upright (EXIF orientation applied), scaled down to ``longest_edge``."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    if longest_edge:
        size = reader.size()  # as stored; scaling happens before the rotation
        if size.isValid() and max(size.width(), size.height()) > longest_edge:
            reader.setScaledSize(size.scaled(longest_edge, longest_edge,
                                             Qt.AspectRatioMode.KeepAspectRatio))
    return QPixmap.fromImage(reader.read())


class PhotoView(QGraphicsView):
    """Shows one picture; wheel and keys zoom, dragging pans."""

    zoom_changed = Signal(float)  # the new zoom relative to fitting the window

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.picture = QGraphicsPixmapItem()
        self.picture.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.picture)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self._zoom = 1.0

    @property
    def zoom(self) -> float:
        """The zoom relative to fitting the window (1.0 = the whole picture fits)."""
        return self._zoom

    def set_pixmap(self, pixmap: QPixmap) -> None:
        """Show a picture, fitted to the window."""
        self.picture.setPixmap(pixmap)
        self.scene().setSceneRect(QRectF(pixmap.rect()))
        self.set_zoom(1.0)

    def image_size(self) -> tuple[int, int]:
        """Width and height of the picture shown, in its own pixels."""
        pixmap = self.picture.pixmap()
        return pixmap.width(), pixmap.height()

    def zoom_by(self, factor: float) -> None:
        """Zoom in (factor > 1) or out, keeping within sensible limits."""
        self.set_zoom(self._zoom * factor)

    def fit(self) -> None:
        """Show the whole picture."""
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float, announce: bool = True) -> None:
        """Set the zoom relative to fitting; ``announce`` emits ``zoom_changed``."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        current = self.transform().m11()
        factor = self._fit_scale() * zoom / current if current else 1.0
        self.scale(factor, factor)  # one relative step, so the point under the mouse stays
        changed = zoom != self._zoom
        self._zoom = zoom
        if changed and announce:
            self.zoom_changed.emit(zoom)

    def _fit_scale(self) -> float:
        width, height = self.image_size()
        if not width or not height:
            return 1.0
        area = self.viewport().rect()
        return min(area.width() / width, area.height() / height)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP ** steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in PASSED_ON_KEYS:
            event.ignore()  # the window decides (next/previous photo)
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.set_zoom(self._zoom, announce=False)  # "fit" keeps fitting the new size
