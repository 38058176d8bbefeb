"""The kill harness: start the real CLI, watch it work, SIGKILL it, then look at what it left.

A :class:`Running` process has its standard output read line by line on a thread as it
comes, each line with the moment it arrived, so a test can kill it after a random delay or
the moment its Nth progress line arrives. Every kill is told where it landed (before the
work, in the middle of it, after it) by what the process had printed and left behind, and
:class:`Landings` makes sure most kills landed in the middle: a harness that always killed
too early or too late would prove nothing.

Runs are seeded: ``CIVICAUDIT_CRASH_SEED`` (with ``CIVICAUDIT_CRASH_CASES`` to pick the
cases) replays a failed run; every assertion message names the seed, the case and the kill
moment. Whatever the killed program had started (photo workers) must end with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo-pass"
SEED = int(os.environ.get("CIVICAUDIT_CRASH_SEED", "20261126"))
MID_WORK_SHARE = 0.6
LINGER_SECONDS = 5  # how long what a killed process started may take to notice and end


def case_rng(scenario: str, case: int) -> random.Random:
    """The random source of one kill case: the run's seed, the scenario and the case."""
    return random.Random(f"{SEED}/{scenario}/{case}")


def cli_env(data_dir: Path, password: str | None) -> dict[str, str]:
    """The environment of a CLI process on ``data_dir``, signed in with ``password``."""
    env = {k: v for k, v in os.environ.items() if k != "CIVICAUDIT_PASSWORD"}
    env["CIVICAUDIT_DATA_DIR"] = str(data_dir)
    if password is not None:
        env["CIVICAUDIT_PASSWORD"] = password
    return env


def cli(data_dir: Path, *args: str, password: str | None = DEMO_PASSWORD,
        stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run ``main.py ARGS`` to its end."""
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT,
                          env=cli_env(data_dir, password), input=stdin,
                          stdin=None if stdin is not None else subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=180)


class Running:
    """A CLI process whose output lines are collected as they come, and that can be killed."""

    def __init__(self, data_dir: Path, *args: str, password: str | None = DEMO_PASSWORD,
                 stdin: str | None = None,
                 on_line: Callable[[int, str], bool] | None = None):
        self.started = time.perf_counter()
        self.lines: list[tuple[float, str]] = []
        self.stderr = ""
        self.killed_at: float | None = None
        self.left_behind = False
        self._on_line = on_line  # returns True to kill right after that line
        self._lock = threading.Lock()
        self.process = subprocess.Popen(
            [sys.executable, "main.py", *args], cwd=ROOT, env=cli_env(data_dir, password),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)  # its own process group: what it starts can be found
        if stdin is not None:  # small enough for the pipe's buffer: written at once
            self.process.stdin.write(stdin)
            self.process.stdin.close()
        self._readers = [threading.Thread(target=self._read_out, daemon=True),
                         threading.Thread(target=self._read_err, daemon=True)]
        for reader in self._readers:
            reader.start()

    def elapsed(self) -> float:
        """Seconds since the process was started."""
        return time.perf_counter() - self.started

    def _read_out(self) -> None:
        for line in self.process.stdout:
            with self._lock:
                self.lines.append((self.elapsed(), line.rstrip("\n")))
                count = len(self.lines)
            if self._on_line is not None and self._on_line(count, line):
                self.kill()

    def _read_err(self) -> None:
        self.stderr = self.process.stderr.read()

    def kill(self) -> None:
        """SIGKILL the process now, unless it has ended already."""
        with self._lock:
            if self.killed_at is None and self.process.poll() is None:
                self.killed_at = self.elapsed()
                os.kill(self.process.pid, signal.SIGKILL)

    def kill_after(self, delay: float) -> None:
        """Kill the process ``delay`` seconds after it started (if it still runs then)."""
        while self.elapsed() < delay and self.process.poll() is None:
            time.sleep(min(0.002, max(delay - self.elapsed(), 0)))
        self.kill()

    def wait(self, timeout: float = 180) -> int:
        """Wait for the process and for its output to be read to the end; its exit code.

        Every process it started holds its output pipes, so output that does not end soon
        after the process means something it started outlived it (``left_behind``); those
        are killed then, by the process group, so that no test leaves processes running.
        """
        code = self.process.wait(timeout=timeout)
        deadline = time.perf_counter() + LINGER_SECONDS
        for reader in self._readers:
            reader.join(max(deadline - time.perf_counter(), 0))
        self.left_behind = any(reader.is_alive() for reader in self._readers)
        if self.left_behind:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            for reader in self._readers:
                reader.join(timeout)
        return code

    @property
    def ended_by_itself(self) -> bool:
        """True when the process exited before any kill."""
        return self.killed_at is None

    def text(self) -> list[str]:
        """The output lines, without their arrival times."""
        return [line for _at, line in self.lines]

    def moment(self) -> str:
        """Where the kill came, for assertion messages."""
        if self.killed_at is None:
            return f"not killed: it ended by itself after {self.elapsed():.3f} s"
        return f"killed at {self.killed_at:.3f} s after {len(self.lines)} output lines"


def run_until(data_dir: Path, *args: str, kill: Callable[[Running], None],
              **options) -> Running:
    """Start ``main.py ARGS``, let ``kill`` decide when to kill it, wait for it to end."""
    running = Running(data_dir, *args, **options)
    kill(running)
    running.wait()
    return running


def poll(predicate: Callable[[], bool], running: Running, interval: float = 0.003) -> float:
    """Wait until ``predicate()`` holds or the process ends; return the elapsed time then."""
    while not predicate() and running.process.poll() is None:
        time.sleep(interval)
    return running.elapsed()


def count_rows(db_file: Path, sql: str, params: tuple = ()) -> int:
    """One count read from a separate connection (WAL: it never blocks the writer)."""
    if not db_file.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql, params).fetchone()[0]
    except sqlite3.OperationalError:  # the file is being created or migrated
        return 0
    finally:
        conn.close()


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Landings:
    """Where the kills of one scenario landed: before the work, in it, or after it."""

    scenario: str
    seen: dict[int, str] = field(default_factory=dict)

    def record(self, case: int, where: str) -> None:
        """Note where case ``case``'s kill landed (``before``, ``mid`` or ``after``)."""
        assert where in ("before", "mid", "after"), where
        self.seen[case] = where

    def summary(self) -> str:
        """E.g. ``results: 15 kills, 12 mid-work, 2 before, 1 after (seed 20261126)``."""
        counts = {w: sum(1 for v in self.seen.values() if v == w)
                  for w in ("mid", "before", "after")}
        return (f"{self.scenario}: {len(self.seen)} kills, {counts['mid']} mid-work, "
                f"{counts['before']} before, {counts['after']} after (seed {SEED})")

    def assert_mostly_mid(self, expected: int) -> None:
        """Most kills (``MID_WORK_SHARE``) must have landed inside the work."""
        if len(self.seen) < expected:  # a selection (-k) ran only some cases
            return
        mid = sum(1 for v in self.seen.values() if v == "mid")
        assert mid >= MID_WORK_SHARE * len(self.seen), (
            f"too few kills landed mid-work: {self.summary()}; {sorted(self.seen.items())}")


DB_FILE = "civicaudit.db"
needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of a data directory (the database, media, notices); return it."""
    shutil.copytree(source, target)
    return target


def has_open(pid: int, path: Path) -> bool:
    """True while process ``pid`` has ``path`` open (Linux: its ``/proc/PID/fd``)."""
    target = str(path)
    try:
        descriptors = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for descriptor in descriptors:
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/{pid}/fd/{descriptor}") == target:
                return True
    return False


can_watch_files = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(),
                                     reason="needs /proc to see which files a process opened")


def has_children(pid: int) -> bool:
    """True while process ``pid`` has a process of its own running (Linux: ``/proc``)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            # "PID (COMMAND) STATE PPID …": the command may hold spaces and parentheses
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                return True
    return False


PARALLEL = int(os.environ.get("CIVICAUDIT_CRASH_PARALLEL", "2"))
ONLY = os.environ.get("CIVICAUDIT_CRASH_CASES")  # e.g. "3,7": replay only these cases


class Kills:
    """The kill cases of a scenario, run two at a time before its tests look at them.

    A killed program spends much of its life starting up or waiting for the disk, so two
    cases side by side take little longer than one; each case's own test then re-raises
    what went wrong in it (``check``). Cases that build on each other (``chains``: lists
    of cases on one store) run in their order, chains side by side. ``CIVICAUDIT_CRASH_CASES``
    runs only the cases named (with the seed, a failure replays), and
    ``CIVICAUDIT_CRASH_PARALLEL=1`` runs one case at a time.
    """

    def __init__(self, count: int, run_case: Callable[[int], None],
                 chains: list[list[int]] | None = None):
        chosen = set(range(count)) if not ONLY else {int(c) for c in ONLY.split(",")}
        chains = chains or [[case] for case in range(count)]
        self._errors: dict[int, Exception | None] = {}
        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            for chain in chains:
                pool.submit(self._run_chain, [c for c in chain if c in chosen], run_case)

    def _run_chain(self, chain: list[int], run_case: Callable[[int], None]) -> None:
        for case in chain:
            try:
                run_case(case)
                self._errors[case] = None
            except Exception as error:  # re-raised by the case's own test
                self._errors[case] = error

    def check(self, case: int) -> None:
        """Re-raise what failed in case ``case``; skip a case not run."""
        if case not in self._errors:
            pytest.skip(f"not among CIVICAUDIT_CRASH_CASES={ONLY}")
        if self._errors[case] is not None:
            raise self._errors[case]
