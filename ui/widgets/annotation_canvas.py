"""Drawing annotations on a photo: arrows, circles, rectangles and text, kept as vector shapes.

A shape is the model's dict ``{"kind", "x1", "y1", "x2", "y2", "text", "colour"}``
with coordinates relative to the picture (0..1), so it is the same on the
preview, the printed notice and any other size. The canvas draws them the way
``model.photos.imaging.render_derived`` will (pixel = relative × (size − 1), strokes
and text sized to the picture), lets the mouse draw new ones with the current
tool, and selects and deletes them. ``shapes`` is the truth; the graphics
items are redrawn from it after every change.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from model.photos.imaging import DEFAULT_COLOUR, MAX_ANNOTATIONS
from ui.widgets.photo_view import PhotoView

SELECT, ARROW, CIRCLE, RECT, TEXT = "select", "arrow", "circle", "rect", "text"
DRAWN_KINDS = (ARROW, CIRCLE, RECT)
MIN_DRAG_PIXELS = 6  # on screen; a shorter drag is a click
INDEX_KEY = 0  # QGraphicsItem.data key holding the shape's index


class AnnotationCanvas(PhotoView):
    """A photo with editable vector annotations."""

    shapes_changed = Signal()
    selection_changed = Signal(int)  # index of the selected shape, -1 for none
    text_requested = Signal(float, float)  # the text tool was clicked here (relative)
    limit_reached = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.shapes: list[dict] = []
        self.tool = SELECT
        self.colour = DEFAULT_COLOUR
        self._items: list[QGraphicsItem] = []
        self._history: list[list[dict]] = []
        self._drag_start: QPointF | None = None
        self._drag_screen_start = None
        self._sketch: QGraphicsPathItem | None = None
        self.scene().selectionChanged.connect(self._on_scene_selection_changed)

    # -- the shapes ----------------------------------------------------------------

    def set_shapes(self, shapes: list[dict]) -> None:
        """Show stored shapes (forgetting the undo history)."""
        self.shapes = [dict(s) for s in shapes]
        self._history.clear()
        self._redraw()

    def add_shape(self, shape: dict) -> bool:
        """Add a shape; False when the limit is reached."""
        if len(self.shapes) >= MAX_ANNOTATIONS:
            self.limit_reached.emit()
            return False
        self._remember()
        self.shapes.append(shape)
        self._redraw()
        self.select(len(self.shapes) - 1)
        return True

    def set_text(self, index: int, text: str) -> None:
        """Change the words of a shape (a label on an arrow, circle or box)."""
        if 0 <= index < len(self.shapes) and self.shapes[index]["text"] != text:
            self._remember()
            self.shapes[index] = {**self.shapes[index], "text": text}
            self._redraw()
            self.select(index)

    def delete_selected(self) -> bool:
        """Delete the selected shape; False when none is selected."""
        index = self.selected_index()
        if index < 0:
            return False
        self._remember()
        del self.shapes[index]
        self._redraw()
        return True

    def undo(self) -> bool:
        """Go back one change; False when there is nothing to undo."""
        if not self._history:
            return False
        self.shapes = self._history.pop()
        self._redraw()
        return True

    @property
    def can_undo(self) -> bool:
        """True when a change can be undone."""
        return bool(self._history)

    def _remember(self) -> None:
        self._history.append([dict(s) for s in self.shapes])

    # -- selection -------------------------------------------------------------------

    def selected_index(self) -> int:
        """Index of the selected shape, or -1."""
        selected = self.scene().selectedItems()
        return selected[0].data(INDEX_KEY) if selected else -1

    def select(self, index: int) -> None:
        """Select one shape (-1: none)."""
        for number, item in enumerate(self._items):
            item.setSelected(number == index)

    def _on_scene_selection_changed(self) -> None:
        self.selection_changed.emit(self.selected_index())

    # -- drawing with the mouse ----------------------------------------------------------

    def set_tool(self, tool: str) -> None:
        """Choose what a drag draws (``SELECT`` selects and pans)."""
        self.tool = tool
        drawing = tool != SELECT
        self.setDragMode(QGraphicsView.DragMode.NoDrag if drawing
                         else QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if drawing
                                  else Qt.CursorShape.OpenHandCursor)

    def relative(self, point: QPointF) -> tuple[float, float]:
        """A scene point as relative coordinates, kept inside the picture."""
        width, height = self.image_size()
        x = point.x() / max(1, width - 1)
        y = point.y() / max(1, height - 1)
        return round(min(1.0, max(0.0, x)), 4), round(min(1.0, max(0.0, y)), 4)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.tool == SELECT or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = self.mapToScene(event.position().toPoint())
        if self.tool == TEXT:
            self.text_requested.emit(*self.relative(point))
            return
        self._drag_start, self._drag_screen_start = point, event.position()
        self._sketch = QGraphicsPathItem()
        self._sketch.setPen(self._pen(self.colour))
        self.scene().addItem(self._sketch)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._sketch is None:
            super().mouseMoveEvent(event)
            return
        shape = self._dragged_shape(self.mapToScene(event.position().toPoint()))
        self._sketch.setPath(self._geometry(shape))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._sketch is None:
            super().mouseReleaseEvent(event)
            return
        self.scene().removeItem(self._sketch)
        self._sketch = None
        moved = event.position() - self._drag_screen_start
        if math.hypot(moved.x(), moved.y()) >= MIN_DRAG_PIXELS:
            self.add_shape(self._dragged_shape(self.mapToScene(event.position().toPoint())))
        self._drag_start = None

    def _dragged_shape(self, end: QPointF) -> dict:
        x1, y1 = self.relative(self._drag_start)
        x2, y2 = self.relative(end)
        return {"kind": self.tool, "x1": x1, "y1": y1, "x2": x2, "y2": y2, "text": "",
                "colour": self.colour}

    # -- painting, as the model's renderer will -----------------------------------------

    def _scene_point(self, x: float, y: float) -> QPointF:
        width, height = self.image_size()
        return QPointF(x * (width - 1), y * (height - 1))

    def _line_width(self) -> float:
        return max(2, round(max(self.image_size()) * 0.005))

    def _text_pixels(self) -> int:
        return max(12, round(max(self.image_size()) * 0.03))

    def _pen(self, colour: str) -> QPen:
        pen = QPen(QColor(colour), self._line_width())
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        return pen

    def _geometry(self, shape: dict) -> QPainterPath:
        start = self._scene_point(shape["x1"], shape["y1"])
        end = self._scene_point(shape["x2"], shape["y2"])
        path = QPainterPath()
        if shape["kind"] == CIRCLE:
            path.addEllipse(QRectF(start, end).normalized())
        elif shape["kind"] == RECT:
            path.addRect(QRectF(start, end).normalized())
        elif shape["kind"] == ARROW:
            path.moveTo(start)
            path.lineTo(end)
            path.addPolygon(self._arrow_head(start, end))
            path.closeSubpath()
        return path

    def _arrow_head(self, start: QPointF, end: QPointF) -> QPolygonF:
        dx, dy = end.x() - start.x(), end.y() - start.y()
        length = math.hypot(dx, dy)
        head = min(length, max(self._line_width() * 4, max(self.image_size()) * 0.025))
        angle = math.atan2(dy, dx)
        wings = [QPointF(end.x() - head * math.cos(angle + turn),
                         end.y() - head * math.sin(angle + turn)) for turn in (0.45, -0.45)]
        return QPolygonF([end, *wings, end])

    def _redraw(self) -> None:
        for item in self._items:
            self.scene().removeItem(item)
        self._items = [self._item(index, shape) for index, shape in enumerate(self.shapes)]
        self.shapes_changed.emit()
        self.selection_changed.emit(self.selected_index())

    def _item(self, index: int, shape: dict) -> QGraphicsItem:
        colour = QColor(shape["colour"])
        if shape["kind"] == TEXT:
            item = self._label(shape["text"], colour)
            item.setPos(self._scene_point(shape["x1"], shape["y1"]))
        else:
            item = QGraphicsPathItem(self._geometry(shape))
            item.setPen(self._pen(shape["colour"]))
            if shape["kind"] == ARROW:
                item.setBrush(QBrush(colour))
            if shape["text"]:
                self._attach_label(item, shape, colour)
        item.setData(INDEX_KEY, index)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.scene().addItem(item)
        return item

    def _attach_label(self, item: QGraphicsPathItem, shape: dict, colour: QColor) -> None:
        """A label sits above what it names: at an arrow's tail, over a box's corner."""
        label = self._label(shape["text"], colour, item)
        start = self._scene_point(shape["x1"], shape["y1"])
        end = self._scene_point(shape["x2"], shape["y2"])
        at = start if shape["kind"] == ARROW else QRectF(start, end).normalized().topLeft()
        label.setPos(at.x(), at.y() - label.boundingRect().height() - self._line_width())

    def _label(self, text: str, colour: QColor,
               parent: QGraphicsItem | None = None) -> QGraphicsSimpleTextItem:
        """Words in ``colour`` over a white outline, legible on any background (as printed)."""
        font = QFont(self.font())
        font.setPixelSize(self._text_pixels())
        white = QColor("white")
        halo = QGraphicsSimpleTextItem(text, parent)
        halo.setFont(font)
        halo.setBrush(white)
        halo.setPen(QPen(white, 2 * max(1, self._text_pixels() // 12)))
        words = QGraphicsSimpleTextItem(text, halo)
        words.setFont(font)
        words.setBrush(colour)
        words.setPen(Qt.PenStyle.NoPen)
        return halo
