import logging
import sys
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from model.appinfo import VERSION
from model.errors import ValidationError
from ui.diagnostics import CrashDialog, install_crash_handler

pytestmark = pytest.mark.qt_no_exception_capture
translate = QCoreApplication.translate


@pytest.fixture
def log_dir(tmp_path, monkeypatch, qapp):
    """A fresh log directory with the crash handler installed (the hooks are restored after)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    folder = tmp_path / "logs"
    install_crash_handler(folder)
    yield folder
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, CrashDialog | QMessageBox):
            widget.close()


def _visible(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _label_text(widget):
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def _raise_later(exc):
    def slot():
        raise exc
    QTimer.singleShot(0, slot)


def test_a_crash_in_a_slot_writes_a_report_and_opens_the_crash_dialog(qtbot, log_dir, caplog):
    _raise_later(RuntimeError("scoring table is inconsistent"))
    qtbot.waitUntil(lambda: len(_visible(CrashDialog)) == 1, timeout=3000)
    dialog = _visible(CrashDialog)[0]
    reports = list(log_dir.glob("crash-*.txt"))
    assert len(reports) == 1
    report = reports[0].read_text("utf-8")
    assert "Traceback (most recent call last)" in report
    assert "RuntimeError: scoring table is inconsistent" in report
    assert VERSION in report and "Qt " in report and "Python " in report
    shown = dialog.report_view.toPlainText()
    assert "scoring table is inconsistent" in shown
    assert dialog.report_view.isReadOnly()
    assert str(reports[0]) in _label_text(dialog)
    assert dialog.windowTitle() == translate("CrashDialog", "CivicAudit stopped working")
    crash_records = [r for r in caplog.records if r.name == "civicaudit.crash"]
    assert [r.levelno for r in crash_records] == [logging.CRITICAL]
    assert "scoring table is inconsistent" in crash_records[0].getMessage()
    assert "Traceback" in crash_records[0].getMessage() and VERSION in crash_records[0].getMessage()


def test_copy_report_puts_the_report_on_the_clipboard(qtbot, log_dir):
    QGuiApplication.clipboard().clear()
    _raise_later(KeyError("district"))
    qtbot.waitUntil(lambda: len(_visible(CrashDialog)) == 1, timeout=3000)
    dialog = _visible(CrashDialog)[0]
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "KeyError: 'district'" in copied and "Traceback" in copied
    assert copied == dialog.report_view.toPlainText()


def test_a_second_crash_is_added_to_the_open_dialog_not_shown_in_another(qtbot, log_dir):
    _raise_later(RuntimeError("first problem"))
    qtbot.waitUntil(lambda: len(_visible(CrashDialog)) == 1, timeout=3000)
    dialog = _visible(CrashDialog)[0]
    _raise_later(RuntimeError("second problem"))
    qtbot.waitUntil(lambda: "second problem" in dialog.report_view.toPlainText(), timeout=3000)
    qtbot.wait(100)
    assert _visible(CrashDialog) == [dialog]
    assert "first problem" in dialog.report_view.toPlainText()
    written = "".join(path.read_text("utf-8") for path in log_dir.glob("crash-*.txt"))
    assert "first problem" in written and "second problem" in written


def test_after_the_dialog_is_closed_the_next_crash_opens_a_new_one(qtbot, log_dir):
    _raise_later(RuntimeError("first problem"))
    qtbot.waitUntil(lambda: len(_visible(CrashDialog)) == 1, timeout=3000)
    _visible(CrashDialog)[0].reject()
    _raise_later(RuntimeError("later problem"))
    qtbot.waitUntil(lambda: len(_visible(CrashDialog)) == 1, timeout=3000)
    text = _visible(CrashDialog)[0].report_view.toPlainText()
    assert "later problem" in text and "first problem" not in text


def test_a_user_facing_error_shows_a_warning_not_a_crash(qtbot, log_dir, caplog):
    caplog.set_level(logging.INFO, logger="civicaudit.crash")
    _raise_later(ValidationError("The site name is empty. Type a name and save again."))
    qtbot.waitUntil(lambda: len(_visible(QMessageBox)) == 1, timeout=3000)
    box = _visible(QMessageBox)[0]
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "The site name is empty. Type a name and save again."
    assert _visible(CrashDialog) == []
    assert not log_dir.exists() or not list(log_dir.glob("crash-*.txt"))
    assert [r.levelno for r in caplog.records if r.name == "civicaudit.crash"] == [logging.INFO]
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: _visible(QMessageBox) == [], timeout=3000)


def test_an_unwritable_log_dir_still_shows_the_dialog(qtbot, tmp_path, monkeypatch, qapp):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    install_crash_handler(blocker / "logs")
    _raise_later(RuntimeError("disk trouble"))
    qtbot.waitUntil(lambda: len(_visible(CrashDialog)) == 1, timeout=3000)
    dialog = _visible(CrashDialog)[0]
    qtbot.addWidget(dialog)
    assert "disk trouble" in dialog.report_view.toPlainText()
    assert translate("CrashDialog", "The report could not be saved to a file; please copy it "
                     "and send it to your support contact.") in _label_text(dialog)


def test_a_crash_in_a_python_thread_is_shown_on_the_gui_thread(qtbot, log_dir):
    def work():
        raise RuntimeError("thread trouble")

    thread = threading.Thread(target=work, name="importer")
    thread.start()
    thread.join(5)
    qtbot.waitUntil(lambda: len(_visible(CrashDialog)) == 1, timeout=3000)
    text = _visible(CrashDialog)[0].report_view.toPlainText()
    assert "thread trouble" in text and "Thread: importer" in text


def test_a_failing_handler_falls_back_to_stderr_and_never_raises(log_dir, monkeypatch, capsys):
    def broken_dialog(*args):
        raise OSError("no display")

    monkeypatch.setattr("ui.diagnostics.CrashDialog", broken_dialog)
    try:
        raise RuntimeError("original problem")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert "RuntimeError: original problem" in err and "OSError: no display" in err
