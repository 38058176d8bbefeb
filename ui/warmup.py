"""Loading what the first dialogs and the first notice need while the auditor is still looking
at the window.

The window starts without its dialogs (the summary, the notice editor and board, the photo
viewer, the sync dialogs…: each is imported where it is opened) and without ReportLab, pyHanko
and the CJK font for PDFs (~1 s of imports and font parsing on an idle machine, many seconds
on a busy one), so the first opening of each would pay for them while the auditor waits.

Once the window has been painted, :func:`warm_ui` imports the dialog modules on the GUI thread
(Qt's widget classes belong there), one per turn of the event loop, so a key pressed meanwhile
waits for one module at most. A short while later :func:`warm_in_background` loads the notice
libraries in a background thread. Python's imports are thread-safe and ReportLab's font
registration is locked (:func:`reports.notice_style.register_fonts`); nothing that thread
runs makes a Qt object, so the GUI thread is free meanwhile.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

# What issuing, previewing and verifying a notice import on first use, heaviest first.
WARM_MODULES = (
    "pyhanko.sign",
    "pyhanko.sign.validation",
    "pyhanko.pdf_utils.incremental_writer",
    "pyhanko.pdf_utils.filters",
    "pyhanko.pdf_utils.metadata.xmp_xml",
    "cryptography.hazmat.backends.openssl",
    "reports.pades",
    "reports.notice_style",
    "reports.notice_layout",
    "reports.notice_pages",
    "reports.reinspection_layout",
    "usecases.notice_documents",
)

# The window's dialogs, imported where they are opened (ui.mainwindow, ui.notice_flow,
# ui.sync_flow, the evidence panel), and the heavier parts of them listed on their own before
# them, so that no turn of the event loop imports much (Pillow, for the annotator, is the most).
DEFERRED_UI_MODULES = (
    "ui.dialogs.summary",
    "ui.dialogs.preferences",
    "ui.dialogs.shortcuts",
    "ui.widgets.signature_pad",
    "ui.dialogs.notice_editor",
    "ui.widgets.photo_view",
    "ui.dialogs.photo_viewer",
    "ui.widgets.pdf_preview",
    "ui.dialogs.notice_preview",
    "ui.dialogs.reinspection",
    "ui.dialogs.notice_board",
    "ui.dialogs.verify",
    "PIL.Image",
    "model.photos.imaging",
    "ui.dialogs.annotate",
    "ui.dialogs.card_import",
    "ui.dialogs.conflicts",
    "ui.dialogs.sync_export",
    "ui.dialogs.sync_import",
)


class _FirstPaint(QObject):
    """Runs a callback a while after the first paint of the widget it watches, then goes."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], delay_ms: int):
        super().__init__(widget)  # goes with the widget: a window closed first runs nothing
        self._callback, self._delay_ms = callback, delay_ms
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(self._delay_ms, self, self._run)
        return False

    def _run(self) -> None:
        self.deleteLater()
        self._callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None], delay_ms: int = 0) -> None:
    """Run ``callback`` on the GUI thread ``delay_ms`` after ``widget`` is first painted: for
    work the window does without while it first appears."""
    _FirstPaint(widget, callback, delay_ms)


def warm_ui(modules: Iterable[str] = DEFERRED_UI_MODULES) -> None:
    """Import ``modules`` on the GUI thread, one per turn of the event loop (a failure is
    logged: the first opening then pays, and reports its own errors)."""
    pending = list(modules)
    started = time.perf_counter()

    def step() -> None:
        if not pending:
            log.info("dialogs warmed in %.2f s", time.perf_counter() - started)
            return
        name = pending.pop(0)
        try:
            importlib.import_module(name)
        except Exception:  # warming is an optimisation, as in warm_in_background
            log.exception("warming %s failed", name)
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)


def warm() -> float:
    """Import :data:`WARM_MODULES` and register the PDF fonts; return the seconds it took."""
    started = time.perf_counter()
    from reports import notice_style, pyhanko_offline

    pyhanko_offline.prepare()  # before pyHanko: its network clients (and aiohttp) stay out
    for name in WARM_MODULES:
        importlib.import_module(name)

    notice_style.register_fonts()
    return time.perf_counter() - started


def warm_in_background() -> threading.Thread:
    """Run :func:`warm` in a daemon thread (a failure is logged: the first use then pays)."""
    def run() -> None:
        try:
            log.info("notice libraries warmed in %.2f s", warm())
        except Exception:  # warming is an optimisation: the real use reports its own errors
            log.exception("warming the notice libraries failed")

    thread = threading.Thread(target=run, name="warm-notice-libraries", daemon=True)
    thread.start()
    return thread
