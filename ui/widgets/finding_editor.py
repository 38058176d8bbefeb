"""The editor of the current criterion: outcome, problem count, location, note, evidence.

The criterion is shown in the UI's language (its English text in the English UI), with how
it is checked; its text in the other language is shown under it only when the auditor asks
for it (a setting).

It only shows and collects; :class:`ui.widgets.inspection_view.InspectionView`
stores what it collects. Text being typed is reported on every keystroke
(``text_edited``) so it can be kept as a draft, and once more when editing
ends (``texts_committed``).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from model.checklist.checklist import Criterion
from model.inspections.inspections import MAX_INSTANCES, MAX_TEXT, Outcome, Result
from ui.labels import criterion_gloss, criterion_text, word
from ui.widgets.evidence_panel import EvidencePanel
from usecases.services import Services


class _FieldKeys(QObject):
    """Watches the text fields: Escape hands focus back, leaving the note ends its editing,
    entering a field is reported (the window remembers where the cursor was)."""

    escape_pressed = Signal()
    note_left = Signal()
    field_entered = Signal(str)

    def __init__(self, note: QPlainTextEdit, parent: QObject):
        super().__init__(parent)
        self._note = note

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return True
        if event.type() == QEvent.Type.FocusOut and watched is self._note:
            self.note_left.emit()
        if event.type() == QEvent.Type.FocusIn:
            self.field_entered.emit("note" if watched is self._note else "location")
        return False


class FindingEditor(QWidget):
    """Shows one criterion with its result and collects changes to it."""

    outcome_chosen = Signal(object)
    instances_changed = Signal(int)
    text_edited = Signal(str, str)
    texts_committed = Signal(str, str)
    escape_pressed = Signal()
    field_focused = Signal(str)  # "location" or "note"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.method = QLabel(self)
        self.gloss = QLabel(self)  # the criterion in the other language (a setting)
        self.gloss.setWordWrap(True)
        self.gloss.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.gloss.setVisible(False)
        self._show_gloss = False
        self._outcome: Outcome | None = None  # the stored outcome the buttons show
        self._group = QButtonGroup(self)
        self.buttons = self._outcome_buttons()
        self.instances = QSpinBox(self)
        self.instances.setRange(1, MAX_INSTANCES)
        self.instances.valueChanged.connect(self._on_instances_value_changed)
        self.location = QLineEdit(self)
        self.location.setMaxLength(MAX_TEXT)
        self.location.setPlaceholderText(self.tr("e.g. 3栋2单元一楼, north gate"))
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(self.tr("What was found"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(140)
        self.evidence = EvidencePanel(services, self)
        self._connect_texts()
        self._lay_out()
        self.show_criterion(None, None)

    def _outcome_buttons(self) -> dict[Outcome, QPushButton]:
        labels = {Outcome.PASS: self.tr("&1 Pass"), Outcome.FAIL: self.tr("&2 Fail"),
                  Outcome.NA: self.tr("&3 Not applicable")}
        buttons = {}
        for outcome, text in labels.items():
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setObjectName(f"outcome_{outcome.value}")
            button.clicked.connect(lambda _=False, o=outcome: self._on_outcome_clicked(o))
            self._group.addButton(button)
            buttons[outcome] = button
        return buttons

    def _connect_texts(self) -> None:
        keys = _FieldKeys(self.note, self)
        for field in (self.location, self.note):
            field.installEventFilter(keys)
        keys.escape_pressed.connect(self.escape_pressed)
        keys.field_entered.connect(self.field_focused)
        keys.note_left.connect(self._on_editing_finished)
        self.location.textEdited.connect(self._on_text_edited)
        self.note.textChanged.connect(self._on_text_edited)
        self.location.editingFinished.connect(self._on_editing_finished)

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        form = QFormLayout()
        form.addRow(self.tr("Problems:"), self.instances)
        form.addRow(self.tr("&Location:"), self.location)
        form.addRow(self.tr("N&ote:"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.method)
        layout.addWidget(self.gloss)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.evidence)
        layout.addStretch()

    def show_criterion(self, criterion: Criterion | None, result: Result | None,
                       location: str | None = None, note: str | None = None,
                       editable: bool = True) -> None:
        """Show a criterion and its result; ``location``/``note`` override with drafts."""
        self._loading = True
        self._show_texts(criterion)
        outcome = result.outcome if result else None
        self._show_outcome(outcome)
        for button in self.buttons.values():
            button.setEnabled(bool(criterion) and editable)
        self.instances.setValue(result.instances if outcome is Outcome.FAIL else 1)
        self.instances.setEnabled(outcome is Outcome.FAIL and editable)
        self.location.setText(location if location is not None
                              else (result.location if result else ""))
        self.note.setPlainText(note if note is not None else (result.note if result else ""))
        for field in (self.location, self.note):
            field.setReadOnly(not editable)
            field.setEnabled(bool(criterion))
        self._loading = False

    def set_show_gloss(self, show: bool) -> None:
        """Show or hide the criterion's text in the other language under it."""
        self._show_gloss = show
        self.gloss.setVisible(show and bool(self.gloss.text()))

    def _show_texts(self, criterion: Criterion | None) -> None:
        if criterion is None:
            self.heading.setText(self.tr("Choose a criterion in the list above."))
            self.method.setText("")
            self.gloss.setText("")
        else:
            text = escape(criterion_text(criterion), quote=False)
            self.heading.setText(f"<b>{escape(criterion.code, quote=False)}</b>  {text}")
            deadline = self.tr("default deadline: %1").replace(
                "%1", word("deadline", criterion.deadline))
            self.method.setText(f"{word('method', criterion.method)} · "
                                f"{word('severity', criterion.severity)} · {deadline}")
            self.gloss.setText(criterion_gloss(criterion))
        self.set_show_gloss(self._show_gloss)

    def _show_outcome(self, outcome: Outcome | None) -> None:
        """Press exactly the button of ``outcome``; none while the criterion is unanswered."""
        self._outcome = outcome
        self._group.setExclusive(False)  # an exclusive group cannot release its last button
        for key, button in self.buttons.items():
            button.setChecked(key is outcome)
        self._group.setExclusive(True)

    def focus_texts(self) -> None:
        """Put the cursor in the location field (Enter from the criteria list)."""
        self.location.setFocus()
        self.location.selectAll()

    def focus_field(self, field: str) -> None:
        """Put the cursor at the end of the location or the note (back where typing stopped)."""
        if field == "note":
            self.note.setFocus()
            self.note.moveCursor(QTextCursor.MoveOperation.End)
        else:
            self.location.setFocus()
            self.location.end(False)

    def texts(self) -> tuple[str, str]:
        """Return the location and note as typed."""
        return self.location.text().strip(), self.note.toPlainText().strip()

    def _on_outcome_clicked(self, outcome: Outcome) -> None:
        self.outcome_chosen.emit(outcome)
        # Storing it has shown the new outcome (show_criterion); if nothing was stored, the
        # click must not leave a button pressed that the stored result does not have.
        self._show_outcome(self._outcome)

    def _on_instances_value_changed(self, value: int) -> None:
        if not self._loading:
            self.instances_changed.emit(value)

    def _on_text_edited(self, *_args) -> None:
        if not self._loading:
            self.text_edited.emit(self.location.text(), self.note.toPlainText())

    def _on_editing_finished(self) -> None:
        if not self._loading:
            self.texts_committed.emit(*self.texts())
