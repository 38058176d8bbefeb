"""Starting the GUI: the QApplication, fonts, translations, Qt logging and the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from model import paths
from model.appinfo import APP_NAME, APP_ORGANISATION, VERSION
from model.services import Services
from ui.fonts import register_fonts
from ui.i18n import DEFAULT_LANGUAGE, install_translators
from ui.mainwindow import MainWindow

qt_log = logging.getLogger("qt")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _route_qt_message(kind, context, message) -> None:
    """Send Qt's own messages to our log file (the frozen build has no console)."""
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), message)


def create_application(language: str = DEFAULT_LANGUAGE) -> QApplication:
    """Return the QApplication with our names, font and translations installed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ORGANISATION)
    app.setApplicationVersion(VERSION)
    register_fonts(app)
    app._translators = install_translators(app, language)
    return app


def run(args) -> int:
    """Open the store, show the main window and run the event loop; return its exit code."""
    qInstallMessageHandler(_route_qt_message)
    app = create_application(args.lang or DEFAULT_LANGUAGE)
    services = Services.open(paths.data_dir(args.data_dir))
    try:
        window = MainWindow(services)
        window.show()
        return app.exec()
    finally:
        services.close()
