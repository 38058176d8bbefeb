"""A pad to sign on by hand: the auditor's signature and the unit representative's receipt.

Strokes are kept as vectors, not pixels: each stroke is a list of points
``(x, y, pressure)`` on a virtual sheet of ``SHEET_WIDTH`` × ``SHEET_HEIGHT``
units that the widget shows as large as it fits (same proportions, centred).
So the signature is the same whatever the window's size, and
:meth:`SignaturePad.png_bytes` renders it crisp at any height for the notice:
dark blue ink on a transparent background, cropped to what was drawn.

The mouse, a pen (pressure makes the line wider) and a finger all draw.
"""

from __future__ import annotations

import math
from itertools import pairwise

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

Point = tuple[float, float, float]  # x and y on the sheet, pressure 0..1
Stroke = list[Point]

SHEET_WIDTH, SHEET_HEIGHT = 1200.0, 500.0
BASELINE_Y = SHEET_HEIGHT * 0.74
INK = QColor("#0d2a73")  # blue-black, as a fountain pen on official papers
GUIDE = QColor("#b8bec9")
HINT = QColor("#9aa1ad")
PAPER = QColor("#ffffff")
DISABLED_PAPER = QColor("#eceef1")
BASE_WIDTH = 6.0  # sheet units at the nominal pressure
NOMINAL_PRESSURE = 0.5  # mouse and fingers report none (or always 1.0)
MIN_STEP = 1.5  # sheet units; closer points add nothing but size
# A flat stroke (a line, a dot) still renders at a sensible size, not stretched to the height.
MIN_CROP_HEIGHT = SHEET_HEIGHT * 0.25
CROP_MARGIN = 24.0  # sheet units around the ink in the PNG


def ink_width(pressure: float) -> float:
    """The line width (sheet units) for a pen pressure; the nominal pressure gives BASE_WIDTH."""
    return BASE_WIDTH * (0.4 + 1.2 * max(0.0, min(1.0, pressure)))


class SignaturePad(QWidget):
    """A white sheet with a baseline to sign on; keeps the strokes, undoes, renders a PNG."""

    signature_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._strokes: list[Stroke] = []
        self._drawing = False
        self.setMinimumSize(480, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Signature pad"))

    def sizeHint(self) -> QSize:
        return QSize(600, 250)

    # -- the strokes -----------------------------------------------------------------

    def is_empty(self) -> bool:
        """True while nothing is drawn."""
        return not self._strokes

    def strokes(self) -> list[Stroke]:
        """A copy of the strokes: lists of ``(x, y, pressure)`` on the virtual sheet."""
        return [list(stroke) for stroke in self._strokes]

    def set_strokes(self, strokes: list[Stroke]) -> None:
        """Show strokes kept earlier (from :meth:`strokes`)."""
        self._strokes = [[(float(x), float(y), float(p)) for x, y, p in stroke]
                         for stroke in strokes if stroke]
        self._drawing = False
        self._changed()

    def clear(self) -> None:
        """Wipe the sheet."""
        if self._strokes:
            self._strokes.clear()
            self._changed()

    def undo_stroke(self) -> bool:
        """Take back the last stroke; False when there is none."""
        if not self._strokes:
            return False
        self._strokes.pop()
        self._drawing = False
        self._changed()
        return True

    def _changed(self) -> None:
        self.update()
        self.signature_changed.emit()

    # -- drawing: mouse, pen and finger ------------------------------------------------

    def _begin(self, position: QPointF, pressure: float) -> None:
        self._strokes.append([self._sheet_point(position, pressure)])
        self._drawing = True
        self.update()

    def _extend(self, position: QPointF, pressure: float) -> None:
        if not self._drawing:
            return
        point = self._sheet_point(position, pressure)
        last = self._strokes[-1][-1]
        if math.hypot(point[0] - last[0], point[1] - last[1]) >= MIN_STEP:
            self._strokes[-1].append(point)
            self.update()

    def _end(self, position: QPointF, pressure: float) -> None:
        if self._drawing:
            self._extend(position, pressure)
            self._drawing = False
            self.signature_changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), NOMINAL_PRESSURE)
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position(), NOMINAL_PRESSURE)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position(), NOMINAL_PRESSURE)
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepted, so Qt does not also send the same movement as mouse events.
        handlers = {QEvent.Type.TabletPress: self._begin, QEvent.Type.TabletMove: self._extend,
                    QEvent.Type.TabletRelease: self._end}
        handler = handlers.get(event.type())
        if handler:
            handler(event.position(), event.pressure())
        event.accept()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent):
            self._on_touch(event)
            return True
        return super().event(event)

    def _on_touch(self, event: QTouchEvent) -> None:
        """The first finger draws; accepting the touch stops Qt making mouse events of it."""
        event.accept()
        if event.type() == QEvent.Type.TouchCancel:
            self._drawing = False
            return
        if not event.points():
            return
        position = event.points()[0].position()
        if event.type() == QEvent.Type.TouchBegin:
            self._begin(position, NOMINAL_PRESSURE)
        elif event.type() == QEvent.Type.TouchUpdate:
            self._extend(position, NOMINAL_PRESSURE)
        elif event.type() == QEvent.Type.TouchEnd:
            self._end(position, NOMINAL_PRESSURE)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_stroke()
            return
        super().keyPressEvent(event)

    # -- the sheet inside the widget ----------------------------------------------------

    def sheet_rect(self) -> QRectF:
        """Where the virtual sheet sits in the widget: as large as fits, centred."""
        scale = self._scale()
        width, height = SHEET_WIDTH * scale, SHEET_HEIGHT * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _scale(self) -> float:
        return min(self.width() / SHEET_WIDTH, self.height() / SHEET_HEIGHT)

    def _sheet_point(self, position: QPointF, pressure: float) -> Point:
        """A widget position on the sheet, kept inside it."""
        sheet, scale = self.sheet_rect(), self._scale()
        x = (position.x() - sheet.left()) / scale
        y = (position.y() - sheet.top()) / scale
        return (round(min(SHEET_WIDTH, max(0.0, x)), 1),
                round(min(SHEET_HEIGHT, max(0.0, y)), 1), round(pressure, 3))

    # -- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        sheet = self.sheet_rect()
        painter.fillRect(sheet, PAPER if self.isEnabled() else DISABLED_PAPER)
        painter.setPen(QPen(self.palette().mid(), 1))
        painter.drawRect(sheet.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.translate(sheet.topLeft())
        painter.scale(self._scale(), self._scale())
        self._paint_guide(painter)
        paint_strokes(painter, self._strokes, INK if self.isEnabled() else HINT)
        if self.hasFocus():
            self._paint_focus(painter)
        painter.end()

    def _paint_guide(self, painter: QPainter) -> None:
        """The baseline with a cross at its start, and the hint while the sheet is empty."""
        left, right = SHEET_WIDTH * 0.06, SHEET_WIDTH * 0.94
        painter.setPen(QPen(GUIDE, 2.5))
        painter.drawLine(QPointF(left, BASELINE_Y), QPointF(right, BASELINE_Y))
        cross, x0, y0 = 14.0, left + 6, BASELINE_Y - 34
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + cross, y0 + cross))
        painter.drawLine(QPointF(x0 + cross, y0), QPointF(x0, y0 + cross))
        if self._strokes:
            return
        font = QFont(self.font())
        font.setPixelSize(52)
        painter.setFont(font)
        painter.setPen(HINT)
        painter.drawText(QRectF(left, BASELINE_Y + 16, right - left, 90),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         self.tr("Sign here"))

    def _paint_focus(self, painter: QPainter) -> None:
        pen = QPen(self.palette().highlight(), 3 / self._scale())
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, 0, SHEET_WIDTH, SHEET_HEIGHT).adjusted(2, 2, -2, -2))

    # -- the PNG for the notice ------------------------------------------------------------

    def ink_rect(self) -> QRectF:
        """The sheet area covered by ink, as painted (empty rectangle when nothing is drawn)."""
        covered = QRectF()
        for stroke in self._strokes:
            for path, width in _pieces(stroke):
                half = width / 2
                covered = covered.united(path.boundingRect().adjusted(-half, -half, half, half))
        return covered

    def png_bytes(self, height_px: int = 240) -> bytes:
        """The signature as a PNG ``height_px`` high: ink cropped to what was drawn, transparent.

        Raises ValueError when nothing is drawn (check :meth:`is_empty` first).
        """
        if self.is_empty():
            raise ValueError("the signature pad is empty")
        crop = _crop_rect(self.ink_rect())
        scale = height_px / crop.height()
        image = QImage(max(1, math.ceil(crop.width() * scale)), height_px,
                       QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-crop.topLeft())
        paint_strokes(painter, self._strokes, INK)
        painter.end()
        return _png(image)


def _crop_rect(ink: QRectF) -> QRectF:
    """The ink with a margin, at least MIN_CROP_HEIGHT high (centred on the ink)."""
    crop = ink.adjusted(-CROP_MARGIN, -CROP_MARGIN, CROP_MARGIN, CROP_MARGIN)
    if crop.height() < MIN_CROP_HEIGHT:
        grow = (MIN_CROP_HEIGHT - crop.height()) / 2
        crop.adjust(0, -grow, 0, grow)
    return crop


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def paint_strokes(painter: QPainter, strokes: list[Stroke], colour: QColor) -> None:
    """Draw strokes in sheet units, smoothed, wider where the pen pressed harder."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in strokes:
        for path, width in _pieces(stroke):
            painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawPath(path)


def _pieces(stroke: Stroke) -> list[tuple[QPainterPath, float]]:
    """A stroke as pieces of path, each with its own width (the pressure changes along it).

    Each piece is a curve from one midpoint to the next, bent towards the point
    between, so the line is smooth through the pen's samples; round caps hide
    the joins. A single point is a dot: a very short line whose round caps make
    it round (Qt paints nothing for a line of length zero).
    """
    points = [QPointF(x, y) for x, y, _p in stroke]
    if len(points) == 1:
        path = QPainterPath(points[0])
        path.lineTo(points[0] + QPointF(0.01, 0))
        return [(path, ink_width(stroke[0][2]))]
    middles = [(a + b) / 2 for a, b in pairwise(points)]
    pieces = []
    for index, (start, end) in enumerate(zip([points[0], *middles], [*middles, points[-1]],
                                             strict=True)):
        path = QPainterPath(start)
        if 0 < index < len(points) - 1:
            path.quadTo(points[index], end)
        else:
            path.lineTo(end)
        pieces.append((path, ink_width(stroke[index][2])))
    return pieces
