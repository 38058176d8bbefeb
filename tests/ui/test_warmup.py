"""The first signed notice does not wait for imports: the window warms them after sign-in.

Measured in a fresh interpreter (the test process has long imported everything): the window
is shown as the program shows it (``ui.app._show_window``), the event loop runs past the
warm-up's delay, and then a notice is issued. Nothing of ReportLab, pyHanko, lxml or the
notice's document assembly may still be imported by that issue; and the window itself must
not have imported them before it was shown (the start stays light).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import TEST_SCRYPT_N

pytestmark = pytest.mark.processes

CHILD = textwrap.dedent("""
    import json, sys, threading
    from pathlib import Path
    from model.people import keyseal, profiles
    profiles.SCRYPT_N = keyseal.SCRYPT_N = int(sys.argv[2])  # the store was made at this cost
    from PySide6.QtTest import QTest
    from model.demo import demo
    from ui import app as ui_app
    from ui.settings import Settings
    from ui.tasks import TaskRunner
    from usecases.services import Services

    FAMILIES = ("reportlab", "pyhanko", "lxml", "usecases.notice_documents", "aiohttp")
    def loaded():
        return sorted(m for m in sys.modules if m.split(".")[0] in FAMILIES or m in FAMILIES)

    folder = Path(sys.argv[1])
    app = ui_app.create_application("zh_CN")
    services = Services.open(folder)
    services.login("A07", demo.DEMO_PASSWORD)
    tasks = TaskRunner(app)
    window = ui_app._show_window(services, Settings(folder), tasks, False, False)
    QTest.qWait(50)
    at_start = loaded()
    QTest.qWait(ui_app.WARM_NOTICES_AFTER_MS + 200)
    for thread in threading.enumerate():
        if thread.name == "warm-notice-libraries":
            thread.join(60)
    before = set(loaded())
    inspection = services.store.db.execute(
        "SELECT DISTINCT r.inspection_id FROM result r JOIN inspection i"
        " ON i.id = r.inspection_id JOIN profile p ON p.id = i.auditor_id"
        " WHERE r.outcome = 'fail' AND i.status = 'finished' AND p.staff_no = 'A07'"
        " AND i.id NOT IN (SELECT inspection_id FROM notice) LIMIT 1").fetchone()[0]
    services.notices.issue(services.notices.draft(inspection, None), demo.DEMO_PASSWORD)
    print(json.dumps({"at_start": at_start, "warmed": sorted(before),
                      "by_the_issue": sorted(set(loaded()) - before)}))
    tasks.shutdown()
    services.close()
""")


def test_the_first_notice_finds_its_libraries_loaded(demo_template, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(demo_template, folder)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(TEST_SCRYPT_N)],
        capture_output=True, text=True, timeout=180, check=False,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["at_start"] == [], "the window imported notice libraries before it was shown"
    assert "reportlab" in result["warmed"] and "pyhanko" in result["warmed"]
    assert "aiohttp" not in result["warmed"], "pyHanko's network clients came with it"
    assert result["by_the_issue"] == [], "the first notice still imported these"
