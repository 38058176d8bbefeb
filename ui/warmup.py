"""Loading what the first notice needs while the auditor is still looking at the window.

The window starts without ReportLab, pyHanko and the CJK font for PDFs (they cost ~1 s of
imports and font parsing on an idle machine, many seconds on a busy one), so the first signed
notice, re-inspection record or verification would pay for them while the auditor waits. A
short while after the window is shown, :func:`warm_in_background` loads them in a background
thread. Python's imports are thread-safe and ReportLab's font registration is locked
(:func:`reports.notice_style.register_fonts`); nothing here makes a Qt object, so the GUI
thread is free meanwhile.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time

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


def warm() -> float:
    """Import :data:`WARM_MODULES` and register the PDF fonts; return the seconds it took."""
    started = time.perf_counter()
    for name in WARM_MODULES:
        importlib.import_module(name)
    from reports import notice_style

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
