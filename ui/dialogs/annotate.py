"""The annotation editor: mark what is wrong on an evidence photo, then save the shapes.

Tools Arrow, Circle, Rectangle and Text (keys A, C, R, T; S or Escape goes back
to selecting), drawn with the mouse; a shape is selected by clicking it or in
the list and removed with Delete; Ctrl+Z undoes. Save stores the shapes through
``Services.photos.annotate`` in relative coordinates; the originals stay as they
were, and the viewer and notices draw the shapes on copies.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from model.inspections.evidence import PhotoRecord
from model.photos.imaging import MAX_ANNOTATION_TEXT, MAX_ANNOTATIONS, PREVIEW_EDGE
from ui.screen_fit import resize_to_fit
from ui.widgets.annotation_canvas import ARROW, CIRCLE, RECT, SELECT, TEXT, AnnotationCanvas
from ui.widgets.photo_view import load_pixmap
from usecases.services import Services

log = logging.getLogger(__name__)


class AnnotationEditor(QDialog):
    """Edits the annotations of one photo; ``annotations_saved`` says they were stored."""

    annotations_saved = Signal(str)  # photo id

    def __init__(self, services: Services, photo: PhotoRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self.photo = services, photo
        self.setWindowTitle(self.tr("Annotate %1").replace("%1", photo.original_name))
        resize_to_fit(self, 1100, 760)
        self.canvas = AnnotationCanvas(self)
        self.shape_list = QListWidget(self)
        self.shape_list.setMaximumWidth(260)
        self.colours = self._colour_box()
        self.hint = QLabel(self)
        self.tools = self._tool_actions()
        self.delete_action = self._action(self.tr("&Delete shape"), "Delete",
                                          self.delete_selected)
        self.undo_action = self._action(self.tr("&Undo"), QKeySequence.StandardKey.Undo,
                                        self.canvas.undo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self._connect()
        self.canvas.set_pixmap(self._clean_picture())
        self.canvas.set_shapes(list(photo.annotations))
        self.choose_tool(ARROW)

    def _tool_actions(self) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions = {}
        for tool, text, key in ((SELECT, self.tr("&Select"), "S"),
                                (ARROW, self.tr("&Arrow"), "A"),
                                (CIRCLE, self.tr("&Circle"), "C"),
                                (RECT, self.tr("&Rectangle"), "R"),
                                (TEXT, self.tr("&Text"), "T")):
            action = self._action(text, key, lambda _=False, t=tool: self.choose_tool(t))
            action.setCheckable(True)
            group.addAction(action)
            actions[tool] = action
        return actions

    def _action(self, text: str, key, handler) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(handler)
        self.addAction(action)
        return action

    def _colour_box(self) -> QComboBox:
        box = QComboBox(self)
        for name, colour in ((self.tr("Red"), "#e00000"), (self.tr("Yellow"), "#ffd500"),
                             (self.tr("Blue"), "#1565c0")):  # (white: the outline is white)
            swatch = QPixmap(14, 14)
            swatch.fill(colour)
            box.addItem(swatch, name, colour)
        box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return box

    def _lay_out(self) -> None:
        toolbar = QToolBar(self)
        toolbar.addActions(list(self.tools.values()))
        toolbar.addSeparator()
        toolbar.addWidget(self.colours)
        toolbar.addSeparator()
        toolbar.addActions([self.delete_action, self.undo_action])
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Shapes (double-click to add words):"), self))
        side.addWidget(self.shape_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.canvas, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addLayout(row, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.canvas.shapes_changed.connect(self._on_canvas_shapes_changed)
        self.canvas.selection_changed.connect(self._on_canvas_selection_changed)
        self.canvas.text_requested.connect(self._on_canvas_text_requested)
        self.canvas.limit_reached.connect(self._on_canvas_limit_reached)
        self.shape_list.currentRowChanged.connect(self._on_shape_list_current_row_changed)
        self.shape_list.itemDoubleClicked.connect(self._on_shape_list_item_double_clicked)
        self.colours.currentIndexChanged.connect(self._on_colours_current_index_changed)

    def _clean_picture(self) -> QPixmap:
        """The photo upright and without any drawing (the shapes are drawn live on top)."""
        return load_pixmap(self._services.photos.preview(self.photo.id), PREVIEW_EDGE)

    # -- what the user does -----------------------------------------------------------

    def choose_tool(self, tool: str) -> None:
        """Make a tool current."""
        self.tools[tool].setChecked(True)
        self.canvas.set_tool(tool)
        hints = {SELECT: self.tr("Click a shape to select it; Delete removes it. Drag to pan."),
                 TEXT: self.tr("Click where the words should go.")}
        self.hint.setText(hints.get(tool, self.tr("Drag on the photo to draw.")))

    def delete_selected(self) -> None:
        """Remove the selected shape."""
        self.canvas.delete_selected()

    def save(self) -> None:
        """Store the shapes and close."""
        self._services.photos.annotate(self.photo.id, self.canvas.shapes)
        self.annotations_saved.emit(self.photo.id)
        self.accept()

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        """Ask for words (replaced in tests); None when cancelled."""
        answer, ok = QInputDialog.getText(self, title, label, text=text)
        return answer.strip()[:MAX_ANNOTATION_TEXT] if ok else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Single keys reach here when the window's shortcuts are silent (no active window)."""
        pressed = QKeySequence(event.keyCombination())
        for action in [*self.tools.values(), self.delete_action, self.undo_action]:
            if any(key.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                   for key in action.shortcuts()):
                action.trigger()
                return
        if event.key() == Qt.Key.Key_Escape and self.canvas.tool != SELECT:
            self.choose_tool(SELECT)
            return
        super().keyPressEvent(event)

    # -- slots ---------------------------------------------------------------------------

    def _on_canvas_shapes_changed(self) -> None:
        names = {ARROW: self.tr("Arrow"), CIRCLE: self.tr("Circle"), RECT: self.tr("Rectangle"),
                 TEXT: self.tr("Text")}
        self.shape_list.blockSignals(True)
        self.shape_list.clear()
        for number, shape in enumerate(self.canvas.shapes, start=1):
            words = f" “{shape['text']}”" if shape["text"] else ""
            self.shape_list.addItem(f"{number}. {names[shape['kind']]}{words}")
        self.shape_list.blockSignals(False)
        self.undo_action.setEnabled(self.canvas.can_undo)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(
            self.tr("%1 of %2 shapes").replace("%1", str(len(self.canvas.shapes)))
            .replace("%2", str(MAX_ANNOTATIONS)))

    def _on_canvas_selection_changed(self, index: int) -> None:
        self.shape_list.blockSignals(True)
        self.shape_list.setCurrentRow(index)
        self.shape_list.blockSignals(False)
        self.delete_action.setEnabled(index >= 0)

    def _on_shape_list_current_row_changed(self, row: int) -> None:
        self.canvas.select(row)

    def _on_shape_list_item_double_clicked(self, _item) -> None:
        index = self.shape_list.currentRow()
        shape = self.canvas.shapes[index]
        text = self.ask_text(self.tr("Words"), self.tr("Words on this shape:"), shape["text"])
        if text is not None and (text or shape["kind"] != TEXT):
            self.canvas.set_text(index, text)

    def _on_canvas_text_requested(self, x: float, y: float) -> None:
        text = self.ask_text(self.tr("Text"), self.tr("Words to write on the photo:"))
        if text:
            self.canvas.add_shape({"kind": TEXT, "x1": x, "y1": y, "x2": x, "y2": y,
                                   "text": text, "colour": self.canvas.colour})

    def _on_canvas_limit_reached(self) -> None:
        self.hint.setText(self.tr("A photo holds at most %1 shapes.")
                          .replace("%1", str(MAX_ANNOTATIONS)))

    def _on_colours_current_index_changed(self, _index: int) -> None:
        self.canvas.colour = self.colours.currentData()
