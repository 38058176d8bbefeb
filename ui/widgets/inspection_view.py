"""The inspection view: a header with live counts, the criteria list and the finding editor.

Keyboard first: the criteria list takes the marking keys (actions added to it
with a widget shortcut context), Up/Down skip category rows, Enter goes to the
location field and Escape comes back. A pass or not applicable moves on to the
next unanswered criterion (a setting); a fail stays, since its count, location
and note come next. Where the cursor is (criterion and field) is reported, so
a restart comes back to it. Every change goes through the
:class:`ui.results.ResultController`, so it is stored at once and undoable;
text being typed is kept as a draft at every keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QSplitter, QTreeView, QVBoxLayout, QWidget

from model.inspections import drafts
from model.inspections.inspections import InspectionDetail, Outcome, Status
from ui.columns import fit_columns
from ui.itemmodels.criteria_model import CODE_ROLE, CriteriaModel
from ui.labels import percent
from ui.results import ResultController
from ui.screen_fit import ScrollingPart
from ui.widgets.finding_editor import FindingEditor
from usecases.services import Services


class CriteriaView(QTreeView):
    """The criteria list: Up/Down move between criteria only; marking keys act on the current one.

    The marking actions are added to this widget. Their shortcuts normally fire
    through Qt's shortcut map; when the window is not the active one (no window
    manager, a remote session) the shortcut map stays silent, so a key that
    reaches this list is matched against the actions here as well.
    """

    edit_requested = Signal()
    focused = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and plain:
            self.step(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        action = self._action_for(event)
        if action is not None:
            action.trigger()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.edit_requested.emit()
            return
        super().keyPressEvent(event)

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        """Return the enabled action of this list whose single-key shortcut was pressed."""
        ignored = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        if event.modifiers() & ~ignored:
            return None
        pressed = QKeySequence(event.key())
        for action in self.actions():
            if action.isEnabled() and any(
                    key.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                    for key in action.shortcuts()):
                return action
        return None

    def step(self, delta: int) -> None:
        """Move to the previous or next criterion, skipping category rows."""
        model: CriteriaModel = self.model()
        codes = model.codes()
        if not codes:
            return
        current = self.currentIndex().data(CODE_ROLE)
        position = codes.index(current) + delta if current in codes else 0
        self.select_code(codes[max(0, min(position, len(codes) - 1))])

    def select_code(self, code: str) -> None:
        """Make a criterion current and visible."""
        index = self.model().index_of(code)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)


class InspectionView(QWidget):
    """One inspection being worked on (or looked at, when finished).

    ``cursor_moved(inspection_id, code, field)`` tells where the cursor now is:
    ``field`` is "list", "location" or "note".
    """

    counts_changed = Signal()
    cursor_moved = Signal(str, str, str)

    def __init__(self, services: Services, results: ResultController,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self._results = services, results
        self.detail: InspectionDetail | None = None
        self.advance_after_mark = True  # the window sets it from the settings
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.counts = QLabel(self)
        self.model = CriteriaModel(self)
        self.criteria = CriteriaView(self)
        self.criteria.setModel(self.model)
        self.criteria.setUniformRowHeights(True)
        self.criteria.setAllColumnsShowFocus(True)
        self.criteria.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        # code, result and count as wide as their words; the criterion takes what is left
        fit_columns(self.criteria, stretch=CriteriaModel.TEXT,
                    widths={CriteriaModel.TEXT: 16, CriteriaModel.LOCATION: 8})
        self.editor = FindingEditor(services, self)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.criteria)
        splitter.addWidget(ScrollingPart(self.editor, splitter))  # scrolls on a small screen
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.counts)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.criteria.selectionModel().currentChanged.connect(self._on_criteria_current_changed)
        self.criteria.edit_requested.connect(self.edit_texts)
        self.editor.outcome_chosen.connect(self.mark)
        self.editor.instances_changed.connect(self._on_editor_instances_changed)
        self.editor.text_edited.connect(self._on_editor_text_edited)
        self.editor.texts_committed.connect(self._on_editor_texts_committed)
        self.editor.escape_pressed.connect(self.criteria.setFocus)
        self.editor.field_focused.connect(self._report_cursor)
        self.criteria.focused.connect(self._on_criteria_focused)
        self._results.result_changed.connect(self._on_results_result_changed)

    # -- what is shown --------------------------------------------------------

    @property
    def inspection_id(self) -> str | None:
        """The id of the inspection shown, if any."""
        return self.detail.inspection.id if self.detail else None

    @property
    def editable(self) -> bool:
        """True while the shown inspection is in progress and belongs to the signed-in user."""
        return bool(self.detail and self.detail.inspection.status is Status.IN_PROGRESS
                    and self._services.user
                    and self.detail.inspection.auditor_id == self._services.user.id)

    def set_show_gloss(self, show: bool) -> None:
        """Show each criterion's text in the other language under it, or not (a setting)."""
        self.editor.set_show_gloss(show)

    def current_code(self) -> str | None:
        """Return the code of the current criterion."""
        return self.criteria.currentIndex().data(CODE_ROLE)

    def show_inspection(self, inspection_id: str | None, code: str | None = None) -> None:
        """Show an inspection, with ``code`` (else the first unanswered criterion) current."""
        self._commit_texts()
        self.detail = self._services.inspections.detail(inspection_id) if inspection_id else None
        categories = {c.code: c for c in self._services.checklists.edition(
            self.detail.inspection.edition_hash).categories} if self.detail else {}
        self.model.set_detail(self.detail, categories)
        self.criteria.expandAll()
        for row in range(self.model.rowCount()):
            self.criteria.setFirstColumnSpanned(row, QModelIndex(), True)
        self._update_header()
        if self.detail:
            codes = self.model.codes()
            self.criteria.select_code(code if code in codes
                                      else self._first_unanswered() or codes[0])
        self._show_current()

    def refresh(self) -> None:
        """Reload the shown inspection from the store (after finishing or reopening)."""
        if self.detail:
            self.show_inspection(self.detail.inspection.id, self.current_code())

    def _first_unanswered(self, after: str | None = None) -> str | None:
        codes = self.model.codes()
        start = codes.index(after) + 1 if after in codes else 0
        for code in codes[start:] + codes[:start]:
            line = self.model.line(code)
            if line and line.result is None:
                return code
        return None

    def _update_header(self) -> None:
        if not self.detail:
            self.header.setText(self.tr("No inspection open. Choose a site on the left and "
                                        "press Enter to start or continue one."))
            self.counts.setText("")
            return
        d = self.detail
        state = (self.tr("in progress") if d.inspection.status is Status.IN_PROGRESS
                 else self.tr("finished, locked"))
        self.header.setText(
            f"<b>{d.site.code} {d.site.name}</b>  ·  {d.site.district} {d.site.sub_district}"
            f"  ·  {d.auditor_name}  ·  {state}")
        answered = sum(1 for line in d.lines if line.result)
        self.counts.setText(
            self.tr("Answered %1 of %2  ·  pass rate %3  ·  score rate %4  ·  failed %5")
            .replace("%1", str(answered)).replace("%2", str(len(d.lines)))
            .replace("%3", percent(d.rates.pass_rate)).replace("%4", percent(d.rates.score_rate))
            .replace("%5", str(d.rates.failed)))
        self.counts_changed.emit()

    def _show_current(self) -> None:
        code = self.current_code()
        line = self.model.line(code) if code else None
        location = note = None
        if line and self.editable:
            location = self._services.drafts.get(self._draft_key(code, "location"))
            note = self._services.drafts.get(self._draft_key(code, "note"))
        self.editor.show_criterion(line.criterion if line else None,
                                   line.result if line else None, location, note,
                                   self.editable)
        self.editor.evidence.show_for(self.inspection_id, code, self.editable)

    # -- actions the window's menus and keys trigger ---------------------------

    def mark(self, outcome: Outcome) -> None:
        """Mark the current criterion, keeping the texts typed for it.

        With :attr:`advance_after_mark`, a pass or not applicable then moves on to
        the next unanswered criterion (the list takes the keys again); a fail stays,
        because its problem count (+/−), location and note (Enter) are typed next.
        """
        code = self.current_code()
        if not code or not self.editable:
            return
        outcome = Outcome(outcome)
        location, note = self.editor.texts()
        self._results.set_outcome(self.inspection_id, code, outcome, location, note)
        self._discard_drafts(code)
        if self.advance_after_mark and outcome is not Outcome.FAIL:
            self.next_unanswered()

    def change_instances(self, delta: int) -> None:
        """Add to or take from the problem count of the current (failed) criterion."""
        code = self.current_code()
        line = self.model.line(code) if code else None
        if line and line.result and self.editable:
            self._results.set_instances(self.inspection_id, code, line.result.instances + delta)

    def clear_current(self) -> None:
        """Return the current criterion to unanswered."""
        code = self.current_code()
        if code and self.editable:
            self._results.clear(self.inspection_id, code)

    def edit_texts(self) -> None:
        """Go to the location field of the current criterion."""
        if self.current_code() and self.editable:
            self.editor.focus_texts()

    def next_unanswered(self) -> None:
        """Jump to the next criterion without a result."""
        code = self._first_unanswered(after=self.current_code())
        if code:
            self.criteria.select_code(code)
        self.criteria.setFocus()

    def focus_field(self, field: str) -> None:
        """Put the cursor back in ``field`` of the current criterion ("location" or "note" at
        the end of its text; anything else, or a locked inspection: the list)."""
        if field in ("location", "note") and self.current_code() and self.editable:
            self.editor.focus_field(field)
        else:
            self.criteria.setFocus()

    # -- slots -----------------------------------------------------------------

    def _on_criteria_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._commit_texts(previous.data(CODE_ROLE) if previous.isValid() else None)
        self._show_current()
        fields = {"location": self.editor.location, "note": self.editor.note}
        self._report_cursor(next((f for f, w in fields.items() if w.hasFocus()), "list"))

    def _on_criteria_focused(self) -> None:
        self._report_cursor("list")

    def _report_cursor(self, field: str) -> None:
        code = self.current_code()
        if code and self.inspection_id:
            self.cursor_moved.emit(self.inspection_id, code, field)

    def _on_editor_instances_changed(self, value: int) -> None:
        code = self.current_code()
        if code and self.editable:
            self._results.set_instances(self.inspection_id, code, value)

    def _on_editor_text_edited(self, location: str, note: str) -> None:
        code = self.current_code()
        if code and self.editable:
            self._services.drafts.save(self._draft_key(code, "location"), location)
            self._services.drafts.save(self._draft_key(code, "note"), note)

    def _on_editor_texts_committed(self, location: str, note: str) -> None:
        self._commit_texts()

    def _on_results_result_changed(self, inspection_id: str, code: str) -> None:
        if inspection_id != self.inspection_id:
            return
        self.detail = self._services.inspections.detail(inspection_id)
        line = next(x for x in self.detail.lines if x.criterion.code == code)
        self.model.update_line(line)
        self._update_header()
        if code == self.current_code():
            self._show_current()

    # -- drafts ------------------------------------------------------------------

    def _draft_key(self, code: str, field: str) -> str:
        return drafts.draft_key(self.inspection_id, code, field)

    def _commit_texts(self, code: str | None = None) -> None:
        """Store typed location and note of ``code`` (default: current) if they changed."""
        code = code or self.current_code()
        if not code or not self.editable:
            return
        location = self._services.drafts.get(self._draft_key(code, "location"))
        note = self._services.drafts.get(self._draft_key(code, "note"))
        if location is None and note is None:
            return
        line = self.model.line(code)
        stored = line.result if line else None
        if stored is None:
            return  # no outcome yet: the texts stay drafts until the criterion is marked
        self._results.set_texts(self.inspection_id, code,
                                (location if location is not None else stored.location).strip(),
                                (note if note is not None else stored.note).strip())
        self._discard_drafts(code)

    def _discard_drafts(self, code: str) -> None:
        for field in ("location", "note"):
            self._services.drafts.discard(self._draft_key(code, field))
