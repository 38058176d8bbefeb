"""The window starts without its dialogs and loads them once it has been painted.

Measured in a fresh interpreter (the test process has long imported everything): the window
is shown as the program shows it (``ui.app._show_window``). Straight after, none of the
dialogs (nor Pillow, which only the annotator and the photo copies need) may be imported:
each is imported where it opens. Then the event loop runs, and the warm-up imports them all
on the GUI thread, the first of them only after the window's first paint, so that the first
opening of a dialog is as quick as it was when the start imported everything.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from model.demo import demo
from tests.conftest import TEST_SCRYPT_N

pytestmark = pytest.mark.processes

# What the first window does not show: every dialog its menus, its evidence panel and its
# status bar open, and Pillow.
DEFERRED = (
    "PIL",
    "model.photos.imaging",
    "ui.dialogs.annotate",
    "ui.dialogs.card_import",
    "ui.dialogs.conflicts",
    "ui.dialogs.first_run",
    "ui.dialogs.notice_board",
    "ui.dialogs.notice_editor",
    "ui.dialogs.notice_preview",
    "ui.dialogs.photo_viewer",
    "ui.dialogs.preferences",
    "ui.dialogs.reinspection",
    "ui.dialogs.shortcuts",
    "ui.dialogs.signature",
    "ui.dialogs.summary",
    "ui.dialogs.sync_export",
    "ui.dialogs.sync_import",
    "ui.dialogs.verify",
)
# ... of which the warm-up loads all but the first start's dialog (no use once signed in).
WARMED = tuple(name for name in DEFERRED if name != "ui.dialogs.first_run")

CHILD = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from model.people import keyseal, profiles
    profiles.SCRYPT_N = keyseal.SCRYPT_N = int(sys.argv[2])  # the store was made at this cost
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtTest import QTest
    from ui import app as ui_app
    from ui.mainwindow import MainWindow
    from ui.settings import Settings
    from ui.tasks import TaskRunner
    from usecases.services import Services

    deferred, warmed = json.loads(sys.argv[3]), json.loads(sys.argv[4])  # not model.demo: Pillow
    def loaded(names):
        return sorted(name for name in names if name in sys.modules)

    painted, first_import = [], []
    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and isinstance(watched, MainWindow):
                painted.append(True)
            return False
    class FirstImport:  # notes whether the window was painted when the first one is imported
        def find_spec(self, name, path=None, target=None):
            if name in deferred and not first_import:
                first_import.append({"module": name, "painted": bool(painted)})
            return None
    sys.meta_path.insert(0, FirstImport())

    folder = Path(sys.argv[1])
    app = ui_app.create_application("zh_CN")
    paint_watch = FirstPaint()
    app.installEventFilter(paint_watch)
    services = Services.open(folder)
    services.login("A07", sys.argv[5])
    tasks = TaskRunner(app)
    window = ui_app._show_window(services, Settings(folder), tasks, False, False)
    at_show = loaded(deferred)
    deadline = time.monotonic() + 60
    while loaded(warmed) != sorted(warmed) and time.monotonic() < deadline:
        QTest.qWait(50)
    print(json.dumps({"at_show": at_show, "warmed": loaded(warmed),
                      "first_import": first_import}))
    tasks.shutdown()
    services.close()
""")


def test_the_window_starts_without_its_dialogs_and_loads_them_once_painted(demo_template,
                                                                             tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(demo_template, folder)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(TEST_SCRYPT_N), json.dumps(DEFERRED),
         json.dumps(WARMED), demo.DEMO_PASSWORD],
        capture_output=True, text=True, timeout=180, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["at_show"] == [], "the window imported these before it was shown"
    assert result["warmed"] == sorted(WARMED), "the warm-up left these to their first opening"
    assert result["first_import"] and result["first_import"][0]["painted"], (
        f"{result['first_import']} was imported before the window's first paint")
