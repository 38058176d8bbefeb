"""Smoke test: the store benchmark still runs (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_store_quick_runs():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_store.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "roll-up" in done.stdout
    assert "ratio" in done.stdout
