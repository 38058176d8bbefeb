"""The GUI's crash handler: a bug becomes a log entry, a report file and a copyable dialog.

An exception nobody caught (typically raised inside a Qt slot, where it would
otherwise be printed to a console the frozen build does not have) is logged in
full, saved as ``crash-YYYYMMDD-HHMMSS.txt`` in the log directory and shown in a
:class:`CrashDialog`. A :class:`~model.errors.UserFacingError` is not a bug:
the user gets its message in a warning box instead.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QThread, Signal, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from model.appinfo import APP_NAME, VERSION
from model.errors import UserFacingError
from ui.screen_fit import resize_to_fit

log = logging.getLogger("civicaudit.crash")


class CrashDialog(QDialog):
    """Says that a bug stopped an action and that the work is safe; shows the report to copy."""

    def __init__(self, report: str, report_path: Path | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("CivicAudit stopped working"))
        if report_path is None:
            where = self.tr("The report could not be saved to a file; please copy it and send it "
                            "to your support contact.")
        else:
            where = self.tr("A report was saved as %1. Please send it to your support "
                            "contact.").replace("%1", str(report_path))
        explanation = QLabel(self.tr("CivicAudit hit an unexpected problem. The work you had "
                                     "already stored is safe: every change is saved the moment "
                                     "you make it.") + "\n\n" + where, self)
        explanation.setWordWrap(True)
        explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_view = QPlainTextEdit(report, self)
        self.report_view.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(self.tr("Copy report"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.report_view)
        layout.addWidget(buttons)
        resize_to_fit(self, 700, 480)

    def append_report(self, report: str) -> None:
        """Add the report of a later crash below the first one."""
        self.report_view.appendPlainText("\n" + report)

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.report_view.toPlainText())


class _CrashHandler(QObject):
    """Receives uncaught exceptions from any thread and shows them on the GUI thread."""

    show_requested = Signal(object, object)  # from another thread: a show method and its arguments

    def __init__(self, log_dir: Path):
        super().__init__()
        self._log_dir = log_dir
        self._dialog: CrashDialog | None = None
        self._boxes: set[QMessageBox] = set()
        self.show_requested.connect(self._on_self_show_requested)

    def handle_exception(self, exc_type, exc, tb, thread_name: str | None = None) -> None:
        """Report one uncaught exception; never raises (sys.excepthook's signature)."""
        try:
            if issubclass(exc_type, KeyboardInterrupt):
                sys.__excepthook__(exc_type, exc, tb)
            elif isinstance(exc, UserFacingError):
                log.info("refused: %s", exc)
                self._show_on_gui_thread(self._show_refusal, str(exc))
            else:
                report = _format_report(exc_type, exc, tb, thread_name)
                log.critical("uncaught exception\n%s", report)
                self._show_on_gui_thread(self._show_crash, report, self._write_report(report))
        except Exception:  # the crash handler itself must never raise: fall back to stderr
            sys.__excepthook__(exc_type, exc, tb)
            sys.__excepthook__(*sys.exc_info())

    def handle_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        """Report an exception that ended a Python thread (threading.excepthook's signature)."""
        self.handle_exception(args.exc_type, args.exc_value, args.exc_traceback,
                              args.thread.name if args.thread else None)

    def _write_report(self, report: str) -> Path | None:
        """Save the report in its own file (a second crash in the same second is appended)."""
        path = self._log_dir / datetime.now().strftime("crash-%Y%m%d-%H%M%S.txt")
        try:
            self._log_dir.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as file:
                file.write(report + "\n")
        except OSError as exc:
            log.error("could not write the crash report %s: %s", path, exc)
            return None
        return path

    def _show_on_gui_thread(self, show, *args) -> None:
        """Call ``show`` now on the GUI thread (so a failure reaches our guard), else queue it."""
        if QThread.currentThread() is self.thread():
            show(*args)
        else:
            self.show_requested.emit(show, args)

    def _on_self_show_requested(self, show, args: tuple) -> None:
        # A failure here goes to sys.excepthook, which reports it directly and then stops.
        show(*args)

    def _show_crash(self, report: str, report_path: Path | None) -> None:
        """Open the crash dialog, or add to it when one is already open."""
        if self._dialog is not None:
            self._dialog.append_report(report)
            return
        self._dialog = CrashDialog(report, report_path, _main_window())
        self._dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog.finished.connect(self._on_dialog_finished)
        self._dialog.open()

    def _on_dialog_finished(self) -> None:
        self._dialog = None

    def _show_refusal(self, message: str) -> None:
        """Tell the user what they can fix, without blocking the caller."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("CivicAudit"), message,
                          QMessageBox.StandardButton.Ok, _main_window())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._boxes.discard(box))
        self._boxes.add(box)
        box.open()


def _main_window() -> QWidget | None:
    """Return the window to put a dialog over: never a short-lived one such as a progress dialog."""
    window = QApplication.activeWindow()
    while isinstance(window, QDialog) and window.parentWidget() is not None:
        window = window.parentWidget().window()
    return window if window is not None and window.isVisible() else None


def _format_report(exc_type, exc, tb, thread_name: str | None) -> str:
    """Return the text of a crash report: when, which versions, which thread, the traceback."""
    header = (f"{APP_NAME} {VERSION} crash report, {datetime.now().isoformat(timespec='seconds')}\n"
              f"Python {platform.python_version()} on {platform.platform()}; "
              f"Qt {qVersion()}, PySide6 {pyside_version}\n"
              f"Thread: {thread_name or threading.current_thread().name}\n\n")
    return header + "".join(traceback.format_exception(exc_type, exc, tb))


def install_crash_handler(log_dir: Path) -> None:
    """Send uncaught exceptions of every thread to the crash handler (after QApplication exists)."""
    handler = _CrashHandler(Path(log_dir))
    sys.excepthook = handler.handle_exception
    threading.excepthook = handler.handle_thread_exception
