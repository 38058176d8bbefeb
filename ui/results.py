"""Changing results, undoably: every change is stored at once and pushed on one undo stack.

The stack spans inspections, so undo works after switching to another
inspection; ``result_changed`` tells the window which inspection and criterion
to show. A command makes its change before it is pushed (an error then reaches
the user instead of vanishing inside ``QUndoStack.push``), so its first
``redo`` does nothing. Finishing or reopening an inspection clears the stack:
a locked inspection cannot be changed by undo.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model.inspections.inspections import Outcome, Result
from usecases.services import Services


@dataclass(frozen=True)
class ResultState:
    """What a result holds; ``None`` in its place means unanswered."""

    outcome: Outcome
    instances: int = 0
    location: str = ""
    note: str = ""

    @classmethod
    def of(cls, result: Result | None) -> ResultState | None:
        """Return the state of a stored result (None for none)."""
        if result is None:
            return None
        return cls(result.outcome, result.instances, result.location, result.note)


def _describe(code: str, state: ResultState | None) -> str:
    """The undo menu's words for a change, e.g. "Mark ZCGD-06 fail"."""
    if state is None:
        return QCoreApplication.translate("ResultController", "Clear %1").replace("%1", code)
    labels = {Outcome.PASS: QCoreApplication.translate("ResultController", "pass"),
              Outcome.FAIL: QCoreApplication.translate("ResultController", "fail"),
              Outcome.NA: QCoreApplication.translate("ResultController", "not applicable")}
    return QCoreApplication.translate("ResultController", "Mark %1 %2").replace(
        "%1", code).replace("%2", labels[state.outcome])


class _ResultCommand(QUndoCommand):
    """One stored change of one result, with the state before it."""

    def __init__(self, controller: ResultController, inspection_id: str, code: str,
                 old: ResultState | None, new: ResultState | None):
        super().__init__(_describe(code, new))
        self._controller, self._inspection_id, self._code = controller, inspection_id, code
        self._old, self._new = old, new
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._controller.store_state(self._inspection_id, self._code, self._new)

    def undo(self) -> None:
        self._controller.store_state(self._inspection_id, self._code, self._old)


class ResultController(QObject):
    """The one way the UI changes results."""

    result_changed = Signal(str, str)

    def __init__(self, services: Services, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self.undo_stack = QUndoStack(self)

    def state(self, inspection_id: str, code: str) -> ResultState | None:
        """Return the stored state of one result."""
        return ResultState.of(self._services.inspections.result(inspection_id, code))

    def set_outcome(self, inspection_id: str, code: str, outcome: Outcome,
                    location: str = "", note: str = "") -> None:
        """Mark a criterion; a fail starts with one instance, texts are kept."""
        old = self.state(inspection_id, code)
        instances = 0
        if outcome is Outcome.FAIL:
            instances = old.instances if old and old.outcome is Outcome.FAIL else 1
        keep = old or ResultState(outcome)
        self.change(inspection_id, code, ResultState(
            outcome, instances, location or keep.location, note or keep.note))

    def set_instances(self, inspection_id: str, code: str, instances: int) -> None:
        """Change the problem count of a failed criterion."""
        old = self.state(inspection_id, code)
        if old is None or old.outcome is not Outcome.FAIL:
            return
        self.change(inspection_id, code, replace(old, instances=max(1, instances)))

    def set_texts(self, inspection_id: str, code: str, location: str, note: str) -> bool:
        """Store location and note of an answered criterion; False if it has no result yet."""
        old = self.state(inspection_id, code)
        if old is None:
            return False
        self.change(inspection_id, code, replace(old, location=location, note=note))
        return True

    def clear(self, inspection_id: str, code: str) -> None:
        """Return a criterion to unanswered."""
        self.change(inspection_id, code, None)

    def change(self, inspection_id: str, code: str, new: ResultState | None) -> None:
        """Store ``new`` now and push it on the undo stack (nothing if unchanged)."""
        old = self.state(inspection_id, code)
        if old == new:
            return
        self.store_state(inspection_id, code, new)
        self.undo_stack.push(_ResultCommand(self, inspection_id, code, old, new))

    def store_state(self, inspection_id: str, code: str, state: ResultState | None) -> None:
        """Write a state to the store and announce it (used by commands too)."""
        if state is None:
            self._services.inspections.clear(inspection_id, code)
        else:
            self._services.inspections.record(inspection_id, code, state.outcome.value,
                                              state.instances or None, state.location, state.note)
        self.result_changed.emit(inspection_id, code)

    def forget_history(self) -> None:
        """Drop undo history (after finishing or reopening an inspection)."""
        self.undo_stack.clear()
