"""The one path for slow work: a plain function on a worker thread, with progress and Cancel.

``TaskRunner.run(fn, *args, on_done=…)`` calls ``fn(*args, progress=progress)`` in
``QThreadPool.globalInstance()``. ``progress`` is a Qt-free
:class:`model.progress.Progress`: the function calls ``progress.start(total)`` once
it knows how much there is and ``progress.advance()`` as it goes; after Cancel,
``advance``/``check`` raise :class:`~model.progress.Cancelled`, which must unwind
through the function's ``store.atomic()`` block so nothing is written. The result,
the exception or the cancellation comes back on the GUI thread. A window-modal
progress dialog appears only if the work is still running after half a second.

Rules for such a function: it never touches a widget, and it opens its own database
connection (``usecases.services.Services.open(data_dir)`` or ``model.store.db.open_store``)
and closes it before returning, because an SQLite connection belongs to the thread
that opened it. Never pass the GUI's ``Services`` or ``Store`` to it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import sys
import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from model.progress import Cancelled, Progress

DIALOG_DELAY_MS = 500  # quicker work shows no dialog at all
UPDATE_INTERVAL_S = 0.05  # a tight loop must not flood the GUI thread with updates
DONE, FAILED, CANCELLED = "done", "failed", "cancelled"
log = logging.getLogger(__name__)


class Task(QObject):
    """One run of a function, as the GUI thread sees it: its dialog, its callbacks, Cancel.

    Made by :meth:`TaskRunner.run`; lives on the GUI thread only.
    """

    finished = Signal()  # after on_done, on_error or on_cancelled was called

    def __init__(self, progress: Progress, title: str, parent_widget: QWidget | None, *,
                 on_done: Callable | None, on_error: Callable | None,
                 on_cancelled: Callable | None, quiet: bool = False):
        super().__init__()
        self._progress = progress
        self._title = title
        self._parent_widget = parent_widget
        self._when_done, self._when_failed, self._when_cancelled = on_done, on_error, on_cancelled
        self._running = True
        self._dialog: QProgressDialog | None = None
        self._updating_dialog = False
        self._dialog_timer = QTimer(self)
        self._dialog_timer.setSingleShot(True)
        self._dialog_timer.timeout.connect(self._on_dialog_timer_timeout)
        if not quiet:
            self._dialog_timer.start(DIALOG_DELAY_MS)

    @property
    def is_running(self) -> bool:
        """True until the function has returned, failed or stopped."""
        return self._running

    def cancel(self) -> None:
        """Ask the function to stop at its next progress check."""
        self._progress.cancel()

    def _on_dialog_timer_timeout(self) -> None:
        if not self._running:
            return
        self._dialog = QProgressDialog(self._parent_widget)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setLabelText(self._title)
        self._dialog.setWindowTitle(self._title.rstrip("…."))  # what it does, not the program
        self._dialog.setAutoReset(False)
        self._dialog.setAutoClose(False)
        self._dialog.setRange(0, 0)  # busy indicator until progress.start(total)
        self._dialog.canceled.connect(self._on_dialog_canceled)
        self._show_progress(self._progress.done, self._progress.total)
        self._dialog.show()

    def _on_dialog_canceled(self) -> None:
        log.info("task %r: cancel asked for", self._title)
        self.cancel()

    def _show_progress(self, done: int, total: int) -> None:
        """Update the dialog (a window-modal QProgressDialog processes events in setValue)."""
        if self._dialog is None or total <= 0 or self._progress.cancelled:
            return  # (after Cancel, setValue would show the dialog again)
        self._updating_dialog = True
        self._dialog.setMaximum(total)
        self._dialog.setValue(min(done, total))
        self._updating_dialog = False
        if not self._running:  # the task ended during setValue's event processing
            self._close_dialog()

    def _close_dialog(self) -> None:
        if self._dialog is None or self._updating_dialog:
            return
        dialog, self._dialog = self._dialog, None
        dialog.hide()  # hide, not close: closing would emit canceled
        dialog.deleteLater()

    def _end(self, outcome: str, value: object) -> None:
        """Close the dialog and call the callback for how the function ended."""
        self._running = False
        self._dialog_timer.stop()
        self._close_dialog()
        log.debug("task %r ended: %s", self._title, outcome)
        try:
            if outcome == DONE and self._when_done is not None:
                self._when_done(value)
            elif outcome == CANCELLED and self._when_cancelled is not None:
                self._when_cancelled()
            elif outcome == FAILED:
                (self._when_failed or _report_bug)(value)
        finally:
            self.finished.emit()


class TaskRunner(QObject):
    """Starts functions in the thread pool and keeps their tasks alive until they end."""

    _worker_progressed = Signal(int, int, int)  # task id, done, total (from a worker thread)
    _worker_ended = Signal(int, str, object)  # task id, outcome, result or exception

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks: dict[int, Task] = {}
        self._ids = itertools.count(1)
        self._worker_progressed.connect(self._on_worker_progressed,
                                        Qt.ConnectionType.QueuedConnection)
        self._worker_ended.connect(self._on_worker_ended, Qt.ConnectionType.QueuedConnection)

    def run(self, fn: Callable, *args, on_done: Callable | None = None,
            on_error: Callable | None = None, on_cancelled: Callable | None = None,
            title: str = "", parent_widget: QWidget | None = None,
            quiet: bool = False) -> Task:
        """Start ``fn(*args, progress=…)`` on a worker thread and return its task.

        ``on_done(result)``, ``on_error(exception)`` and ``on_cancelled()`` are called on
        the GUI thread. Without ``on_error`` an exception goes to ``sys.excepthook``
        (the crash handler, which shows a UserFacingError as a plain message).
        A ``quiet`` task never shows a progress dialog (background upkeep such as
        making previews, which nobody waits for).
        """
        task_id = next(self._ids)
        progress = Progress(on_update=_throttled(
            _unless_deleted(partial(self._worker_progressed.emit, task_id))))
        task = Task(progress, title, parent_widget, on_done=on_done, on_error=on_error,
                    on_cancelled=on_cancelled, quiet=quiet)
        self._tasks[task_id] = task
        # The worker holds the runner's signals only, never the task, so no QObject is
        # freed on the worker thread.
        QThreadPool.globalInstance().start(
            partial(_work, fn, args, progress,
                    _unless_deleted(partial(self._worker_ended.emit, task_id))))
        return task

    def cancel_all(self) -> None:
        """Ask every running task to stop."""
        for task in self._tasks.values():
            task.cancel()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel every task and wait for the workers (at exit); False if some still run."""
        self.cancel_all()
        return QThreadPool.globalInstance().waitForDone(timeout_ms)

    @Slot(int, int, int)
    def _on_worker_progressed(self, task_id: int, done: int, total: int) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            task._show_progress(done, total)

    @Slot(int, str, object)
    def _on_worker_ended(self, task_id: int, outcome: str, value: object) -> None:
        self._tasks.pop(task_id)._end(outcome, value)


def _work(fn: Callable, args: tuple, progress: Progress, report_end: Callable) -> None:
    """Run ``fn`` on a worker thread and report how it ended (all a worker thread does)."""
    try:
        result = fn(*args, progress=progress)
    except Cancelled:
        report_end(CANCELLED, None)
    except Exception as exc:  # every failure, bugs included, is delivered to the GUI thread
        report_end(FAILED, exc)
    else:
        report_end(DONE, result)


def _throttled(emit: Callable[[int, int], None]) -> Callable[[int, int], None]:
    """Return an ``on_update`` that passes the start, the end and one update per interval."""
    last = 0.0

    def on_update(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done == 0 or done == total or now - last >= UPDATE_INTERVAL_S:
            last = now
            emit(done, total)
    return on_update


def _unless_deleted(emit: Callable) -> Callable:
    """Wrap a runner signal's ``emit`` for a worker: once the runner is deleted, nobody listens."""
    def call(*args) -> None:
        with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
            emit(*args)
    return call


def _report_bug(exc: BaseException) -> None:
    """Hand an exception nobody handled to the crash handler."""
    sys.excepthook(type(exc), exc, exc.__traceback__)
