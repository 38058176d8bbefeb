"""Benchmark of the frozen bundle: start to a usable window against the same program from source.

Run from the repository root after ``pyinstaller build.spec``::

    python bench/bench_start.py [--dist dist/CivicAudit] [--runs N] [--quick]

Not a pytest test. Both programs start on the same demo store (made once with
``main.py demo``), offscreen, with ``CIVICAUDIT_START_PROBE=1``: the program
signs in as A07 from the environment instead of the login dialog, shows its
main window and prints ``usable <unix time>`` from the first event-loop turn
after ``show()``, then quits (``ui/app.py``). The time counts from just before
the parent's ``subprocess.Popen`` to that moment, so it includes interpreter
start, imports and (frozen) unpacking. Runs alternate source and frozen after
one discarded warm-up of each; the median is reported.

Figures: the frozen start, printed next to the baseline (the same program from
source, ``python main.py``), with the ratio; target ≤ 1.2×. The bundle's size
on disk (bytes of every file, symbolic links not followed; ``tools/bundle_size.py``) and of
the zip a user copies; targets ≤ 200 MB and ≤ 90 MB (MiB, as ``bundle_size`` counts).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TARGET, SIZE_TARGET_MIB, ZIP_TARGET_MIB = 1.2, 200, 90


def out(line: str = "") -> None:
    """One line of the report."""
    sys.stdout.write(line + "\n")


def bundle_bytes(folder: Path) -> int:
    """Bytes of every regular file under ``folder`` (links counted once, as files they are not)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def start_once(command: list[str], data_dir: Path) -> float:
    """Seconds from Popen to the child's 'usable' line."""
    env = {**os.environ, "CIVICAUDIT_START_PROBE": "1", "CIVICAUDIT_PASSWORD": "demo-pass",
           "QT_QPA_PLATFORM": "offscreen", "CIVICAUDIT_DATA_DIR": str(data_dir)}
    started = time.time()
    done = subprocess.run([*command, "--data-dir", str(data_dir), "--user", "A07"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("usable ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{command[0]} did not report a usable window (exit {done.returncode}):"
                         f"\n{done.stdout}\n{done.stderr}")
    return float(lines[-1].split()[1]) - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "CivicAudit")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="2 runs each")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    frozen = args.dist / ("CivicAudit.exe" if sys.platform == "win32" else "CivicAudit")
    if not frozen.is_file():
        out(f"no frozen program at {frozen}; build it first: pyinstaller build.spec")
        return 2
    out("CivicAudit start-up benchmark: frozen bundle against source")
    out(f"machine: nproc {os.cpu_count()}, {platform.machine()}, {platform.system()} "
        f"{platform.release()}; python {platform.python_version()}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-start-") as folder:
        data_dir = Path(folder) / "data"
        made = subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), "demo"],
                              cwd=ROOT, capture_output=True, text=True, check=False)
        if made.returncode != 0:
            raise SystemExit(f"the demo store could not be made:\n{made.stderr}")
        commands = {"source": [sys.executable, "main.py"], "frozen": [str(frozen)]}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(runs + 1):
            for name, command in commands.items():
                seconds = start_once(command, data_dir)
                if run:  # the first run of each warms the disk cache and is discarded
                    times[name].append(seconds)
    source, frozen_start = (statistics.median(times[n]) for n in ("source", "frozen"))
    ratio = frozen_start / source
    sys.path.insert(0, str(ROOT))
    from tools import bundle_size

    size, zipped = bundle_bytes(args.dist) / 2**20, bundle_size.zip_size(args.dist) / 2**20
    out(f"start to a usable window, median of {runs}: frozen {frozen_start:.2f} s  "
        f"(baseline: from source {source:.2f} s, ratio {ratio:.2f}×)")
    out(f"   all runs: source {', '.join(f'{t:.2f}' for t in times['source'])}; "
        f"frozen {', '.join(f'{t:.2f}' for t in times['frozen'])}")
    out(f"bundle size: {size:.1f} MiB in {args.dist}, zipped {zipped:.1f} MiB")
    verdicts = (("frozen start ≤ 1.2× source", ratio <= START_TARGET, f"{ratio:.2f}×"),
                (f"bundle ≤ {SIZE_TARGET_MIB} MiB", size <= SIZE_TARGET_MIB, f"{size:.1f} MiB"),
                (f"zip ≤ {ZIP_TARGET_MIB} MiB", zipped <= ZIP_TARGET_MIB, f"{zipped:.1f} MiB"))
    out("summary: " + "; ".join(f"{what}: {'met' if ok else 'NOT MET'} ({value})"
                                for what, ok, value in verdicts))
    out(f"(benchmark took {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
