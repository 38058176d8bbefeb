import sys
import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from model.errors import ValidationError
from model.store.db import open_store
from ui.tasks import TaskRunner


class Outcome:
    """What the callbacks saw, and on which thread."""

    def __init__(self):
        self.results, self.errors, self.cancelled, self.threads = [], [], 0, []

    def on_done(self, result):
        self.threads.append(QThread.currentThread())
        self.results.append(result)

    def on_error(self, exc):
        self.threads.append(QThread.currentThread())
        self.errors.append(exc)

    def on_cancelled(self):
        self.threads.append(QThread.currentThread())
        self.cancelled += 1

    def callbacks(self):
        return {"on_done": self.on_done, "on_error": self.on_error,
                "on_cancelled": self.on_cancelled}


@pytest.fixture
def runner(qapp):
    started = TaskRunner()
    yield started
    assert started.shutdown(5000)


@pytest.fixture
def window(qtbot):
    shown = QWidget()
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _progress_dialog(window):
    dialogs = window.findChildren(QProgressDialog)
    return next((d for d in dialogs if d.isVisible()), None)


def _slow(steps, progress):
    progress.start(steps)
    for _ in range(steps):
        time.sleep(0.02)
        progress.advance()
    return steps


def test_the_result_arrives_on_the_gui_thread(qtbot, qapp, runner):
    outcome = Outcome()
    worker_threads = []

    def add(a, b, progress):
        worker_threads.append(threading.current_thread())
        return a + b

    task = runner.run(add, 2, 3, **outcome.callbacks())
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert outcome.results == [5]
    assert outcome.threads == [qapp.thread()]
    assert all(thread is qapp.thread() for thread in outcome.threads)
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert not task.is_running


def test_an_exception_in_the_worker_reaches_on_error_on_the_gui_thread(qtbot, qapp, runner):
    outcome = Outcome()

    def broken(progress):
        raise ValueError("column 'site' missing")

    task = runner.run(broken, **outcome.callbacks())
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert [str(e) for e in outcome.errors] == ["column 'site' missing"]
    assert outcome.threads[0] is qapp.thread()
    assert outcome.results == [] and outcome.cancelled == 0


def test_without_on_error_an_exception_goes_to_the_crash_handler(qtbot, runner, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: seen.append((kind, exc, tb)))

    def refused(progress):
        raise ValidationError("the site name is empty")

    task = runner.run(refused)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert len(seen) == 1
    kind, exc, tb = seen[0]
    assert kind is ValidationError and str(exc) == "the site name is empty" and tb is not None


def test_a_quick_task_never_shows_a_progress_dialog(qtbot, runner, window):
    outcome = Outcome()
    task = runner.run(_slow, 3, title="Importing", parent_widget=window, **outcome.callbacks())
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    qtbot.wait(800)  # past the moment a dialog would have appeared
    assert outcome.results == [3]
    assert _progress_dialog(window) is None


def test_a_long_task_shows_a_determinate_dialog_after_half_a_second(qtbot, runner, window):
    outcome = Outcome()
    started = time.monotonic()
    task = runner.run(_slow, 75, title="Importing sites", parent_widget=window,
                      **outcome.callbacks())
    qtbot.wait(300)
    assert _progress_dialog(window) is None
    qtbot.waitUntil(lambda: _progress_dialog(window) is not None, timeout=3000)
    assert time.monotonic() - started >= 0.45
    dialog = _progress_dialog(window)
    assert dialog.labelText() == "Importing sites"
    assert dialog.windowTitle() == "Importing sites"  # says what it does, not "CivicAudit"
    assert dialog.isModal()
    qtbot.waitUntil(lambda: dialog.maximum() == 75 and dialog.value() > 0, timeout=3000)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert outcome.results == [75]
    assert _progress_dialog(window) is None


def test_the_dialog_is_a_busy_indicator_until_the_total_is_known(qtbot, runner, window):
    release = threading.Event()

    def waiting(progress):
        release.wait(10)
        progress.start(4)
        return "ok"

    task = runner.run(waiting, parent_widget=window)
    try:
        qtbot.waitUntil(lambda: _progress_dialog(window) is not None, timeout=3000)
        dialog = _progress_dialog(window)
        assert (dialog.minimum(), dialog.maximum()) == (0, 0)
    finally:
        release.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass


def _cancel_button(dialog):
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) == 1
    return buttons[0]


def test_cancel_in_the_dialog_ends_the_task_and_writes_nothing(qtbot, runner, window, tmp_path):
    data_dir = tmp_path / "data"
    open_store(data_dir).close()
    outcome = Outcome()

    def fill(progress):
        store = open_store(data_dir)  # this thread's own connection
        try:
            with store.atomic():
                store.set_setting("half_done", "yes")
                progress.start(3000)  # 30 s unless cancelled: room for a slow, busy machine
                for _ in range(3000):
                    time.sleep(0.01)
                    progress.advance()
        finally:
            store.close()

    task = runner.run(fill, title="Filling", parent_widget=window, **outcome.callbacks())
    qtbot.waitUntil(lambda: _progress_dialog(window) is not None, timeout=10_000)
    dialog = _progress_dialog(window)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        _cancel_button(dialog).click()
    assert outcome.cancelled == 1 and outcome.results == [] and outcome.errors == []
    assert _progress_dialog(window) is None
    fresh = open_store(data_dir)
    try:
        assert fresh.get_setting("half_done") is None
    finally:
        fresh.close()


def test_cancel_on_the_task_is_delivered_as_cancellation(qtbot, runner):
    outcome = Outcome()
    task = runner.run(_slow, 500, **outcome.callbacks())
    qtbot.wait(100)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.cancel()
    assert outcome.cancelled == 1 and outcome.errors == []


def test_a_worker_outliving_its_runner_ends_quietly(qtbot, qapp):
    release = threading.Event()
    ended = threading.Event()

    def waiting(progress):
        release.wait(5)
        try:
            progress.advance()
        finally:
            ended.set()

    runner = TaskRunner()
    runner.run(waiting)
    runner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(runner), timeout=3000)
    release.set()
    assert ended.wait(5)
    assert QThreadPool.globalInstance().waitForDone(5000)
