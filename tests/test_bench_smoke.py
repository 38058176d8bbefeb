"""Smoke tests: the benchmarks still run (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run_quick(script: str, *more: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--quick", *more],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )


def test_bench_store_quick_runs():
    done = _run_quick("bench_store.py")
    assert done.returncode == 0, done.stderr
    assert "roll-up" in done.stdout
    assert "ratio" in done.stdout


def test_bench_ui_quick_runs():
    done = _run_quick("bench_ui.py")
    assert done.returncode == 0, done.stderr
    assert "ratio" in done.stdout
    assert "summary:" in done.stdout
    assert "warm: first notice editor" in done.stdout  # section 5, the first openings


def test_bench_photos_quick_runs():
    done = _run_quick("bench_photos.py")
    assert done.returncode == 0, done.stderr
    assert "ratio" in done.stdout
    assert "summary:" in done.stdout


def test_bench_notice_quick_runs():
    done = _run_quick("bench_notice.py")
    assert done.returncode == 0, done.stderr
    assert "ratio" in done.stdout
    assert "verifies: True" in done.stdout


def test_bench_sync_quick_runs():
    done = _run_quick("bench_sync.py")
    assert done.returncode == 0, done.stderr
    assert "ratio" in done.stdout
    assert "already imported: True" in done.stdout
    assert "summary:" in done.stdout


def test_bench_office_quick_runs():
    done = _run_quick("bench_office.py")
    assert done.returncode == 0, done.stderr
    assert "ratio" in done.stdout
    assert "dashboard refresh by unit" in done.stdout
    assert "summary:" in done.stdout


def test_bench_keys_quick_runs():
    done = _run_quick("bench_keys.py")
    assert done.returncode == 0, done.stderr
    assert "ratio" in done.stdout
    assert "summary:" in done.stdout


def test_bench_verify_quick_runs():
    done = _run_quick("bench_verify.py")
    assert done.returncode == 0, done.stderr
    assert "ratio" in done.stdout
    assert "3 valid, 0 TAMPERED" in done.stdout
    assert "summary:" in done.stdout


def test_bench_fieldday_quick_runs():
    done = _run_quick("bench_fieldday.py")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "ratio" in done.stdout
    assert "5. notice verify of the 2 notices" in done.stdout
    assert "the whole exchange (1–5)" in done.stdout
    assert "verify says 2 of 2 valid: correct" in done.stdout
    assert "summary:" in done.stdout


def test_bench_office_province_quick_runs():
    done = _run_quick("bench_office.py", "--size", "province")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "960 inspections × 60 = 57,600 results" in done.stdout
    assert "60 groups" in done.stdout  # ten cities of six districts
    assert "usable office window" in done.stdout and "peak memory" in done.stdout
    assert "6. office import of one laptop's bundle (20 inspections" in done.stdout
    assert "summary:" in done.stdout
