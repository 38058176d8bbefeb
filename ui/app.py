"""Starting the GUI: application, fonts, translations, crash handler, sign-in, main window."""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from model import paths
from model.appinfo import APP_NAME, APP_ORGANISATION, VERSION
from ui import settings as declared
from ui import warmup
from ui.diagnostics import install_crash_handler
from ui.dialogs.login import LoginDialog
from ui.fonts import register_fonts
from ui.i18n import DEFAULT_LANGUAGE, set_language
from ui.mainwindow import MainWindow
from ui.settings import Settings
from ui.single_instance import SingleInstance
from ui.tasks import TaskRunner
from usecases.services import Services

qt_log = logging.getLogger("qt")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


# Said by the offscreen platform plugin whenever a window is shown; not a problem of ours.
# (QtMultimedia also reports every optional codec library it does not find, at start.)
_HARMLESS = ("This plugin does not support propagateSizeHints()",)
WARM_DIALOGS_AFTER_MS = 500  # after the first paint; the dialogs' modules, one per turn
WARM_WORKERS_AFTER_MS = 1500
WARM_NOTICES_AFTER_MS = 3000  # after the photo workers: both take CPU
MAKE_PREVIEWS_AFTER_MS = 5000
# For start-up benchmarks (bench/bench_start.py): sign in from the environment instead of the
# login dialog, print the moment the window is usable ("usable <unix time>") and quit.
START_PROBE = "CIVICAUDIT_START_PROBE"


def _route_qt_message(kind, context, message) -> None:
    """Send Qt's own messages to our log file (the frozen build has no console)."""
    harmless = message in _HARMLESS or (context.category or "").startswith("qt.multimedia")
    level = logging.DEBUG if harmless else _QT_LEVELS.get(kind, logging.WARNING)
    qt_log.log(level, message)


def create_application(language: str = DEFAULT_LANGUAGE) -> QApplication:
    """Return the QApplication with our names, font and translations installed."""
    qInstallMessageHandler(_route_qt_message)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ORGANISATION)
    app.setApplicationVersion(VERSION)
    register_fonts(app)
    set_language(app, language)
    return app


def sign_in(services: Services) -> tuple[bool, bool]:
    """First run: create a profile; later: pick a profile and log in.

    Returns (signed in, the demo city was asked for).
    """
    if not services.people.all():
        # loaded on first use: only a new data folder asks (and joining the office is heavy)
        from ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(services)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return accepted, accepted and dialog.wants_demo()
    return LoginDialog(services).exec() == QDialog.DialogCode.Accepted, False


def _probe_sign_in(services: Services, args) -> tuple[bool, bool]:
    """Sign in as --user with $CIVICAUDIT_PASSWORD (start-up benchmarks only)."""
    services.login(args.user or services.last_user(), os.environ.get("CIVICAUDIT_PASSWORD", ""))
    return True, False


def _report_usable() -> None:
    """The window has been shown and the event loop is idle: say when, and quit."""
    sys.stdout.write(f"usable {time.time():.6f}\n")
    sys.stdout.flush()
    QApplication.instance().quit()


def _already_open(instance: SingleInstance) -> bool:
    """True when another window holds the data folder: it was asked forward, or the user
    was told which program holds it."""
    if instance.claim():
        return False
    if not instance.ask_first_to_raise():
        QMessageBox.warning(None, APP_NAME, QApplication.translate(
            "Start", "CivicAudit is already open on this data folder (program %1) and does not "
            "answer. Close it, or wait for it, then start again.").replace(
            "%1", instance.holder()))
    return True


def _bring_forward() -> None:
    """Show this program's window (or its sign-in) above the others: a second start asked."""
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    window = QApplication.activeModalWidget() or next(
        (w for w in shown if isinstance(w, MainWindow)), shown[0] if shown else None)
    if window is None:
        return
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def run(args) -> int:
    """Open the store, sign in, show the main window and run the event loop."""
    data_dir = paths.data_dir(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir)
    app = create_application(args.lang or settings.get(declared.LANGUAGE))
    instance = SingleInstance(data_dir, app)
    if _already_open(instance):
        return 0
    instance.raise_asked.connect(_bring_forward)
    try:
        return _run_window(args, data_dir, settings, app)
    finally:
        instance.release()


def _run_window(args, data_dir, settings: Settings, app: QApplication) -> int:
    """Sign in and show the window, again after each sign-out, until the window quits."""
    services = Services.open(data_dir)
    install_crash_handler(data_dir / "logs")
    tasks = TaskRunner(app)
    probe = os.environ.get(START_PROBE) == "1"
    try:
        signed_in, wants_demo = _probe_sign_in(services, args) if probe else sign_in(services)
        while signed_in:
            window = _show_window(services, settings, tasks, probe, wants_demo)
            code = app.exec()
            if not window.switching_user:
                return code
            window.deleteLater()
            services.user = None  # signed out: the next profile signs in with its password
            signed_in, wants_demo = sign_in(services)
        return 0
    finally:
        tasks.shutdown()
        services.close()


def _show_window(services: Services, settings: Settings, tasks: TaskRunner, probe: bool,
                 wants_demo: bool) -> MainWindow:
    """The main window of the signed-in profile, shown, with what follows its first show."""
    window = MainWindow(services, settings, tasks)
    warmup.after_first_paint(window, warmup.warm_ui, WARM_DIALOGS_AFTER_MS)
    window.show()
    window.activateWindow()  # without a window manager nothing else gives it the keyboard
    if probe:
        QTimer.singleShot(0, _report_usable)
    # photo workers take ~0.5 s of CPU to start: after the window, before the first import
    QTimer.singleShot(WARM_WORKERS_AFTER_MS, services.warm_workers)
    QTimer.singleShot(WARM_NOTICES_AFTER_MS, warmup.warm_in_background)
    # previews the command line left to the window (photos add returns without them)
    QTimer.singleShot(MAKE_PREVIEWS_AFTER_MS, window.make_missing_previews)
    if wants_demo:
        window.load_demo()
    return window
