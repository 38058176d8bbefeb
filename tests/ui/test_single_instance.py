"""One window per data folder: a second start, a real second process, brings the first
window forward instead of opening another."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ui.single_instance import SingleInstance

ROOT = Path(__file__).resolve().parents[2]
SECOND_START = (
    "import sys; from PySide6.QtCore import QCoreApplication; "
    "from ui.single_instance import SingleInstance; app = QCoreApplication([]); "
    "s = SingleInstance(sys.argv[1]); "
    "print('claimed' if s.claim() else 'raised' if s.ask_first_to_raise() else "
    "'refused by ' + s.holder())")
# a window that holds the folder but hangs: it claims it and never runs its event loop
HUNG_START = (
    "import sys, time; from PySide6.QtCore import QCoreApplication; "
    "from ui.single_instance import SingleInstance; app = QCoreApplication([]); "
    "s = SingleInstance(sys.argv[1]); print('claimed' if s.claim() else 'not claimed', "
    "flush=True); time.sleep(60)")


def _second_start(qtbot, data_dir: Path) -> str:
    """Start a second process on ``data_dir`` while this one keeps serving; its verdict."""
    second = subprocess.Popen([sys.executable, "-c", SECOND_START, str(data_dir)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    out, err = second.communicate()
    assert second.returncode == 0, err
    return out.strip()


@pytest.fixture
def first(qapp, tmp_path):
    instance = SingleInstance(tmp_path / "data")
    assert instance.claim()
    yield instance
    instance.release()


def test_a_second_start_asks_the_first_window_forward(qtbot, first, tmp_path):
    with qtbot.waitSignal(first.raise_asked, timeout=30_000):
        verdict = _second_start(qtbot, tmp_path / "data")
    assert verdict == "raised"


def test_another_data_folder_is_not_held(qtbot, first, tmp_path):
    assert _second_start(qtbot, tmp_path / "other") == "claimed"


def test_after_the_first_window_closes_the_folder_is_free(qtbot, first, tmp_path):
    first.release()
    assert _second_start(qtbot, tmp_path / "data") == "claimed"


def test_a_holder_that_does_not_answer_is_named(qtbot, tmp_path):
    hung = subprocess.Popen([sys.executable, "-c", HUNG_START, str(tmp_path / "data")],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert hung.stdout.readline().strip() == "claimed"
        verdict = _second_start(qtbot, tmp_path / "data")
        assert verdict.startswith("refused by ") and str(hung.pid) in verdict
    finally:
        hung.kill()
        hung.wait()
