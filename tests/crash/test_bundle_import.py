"""(c) The office imports an auditor's bundle and is killed at random: all or nothing.

The laptop is the demo city with 1,000 more finished inspections of A07 (bulk-loaded as in
``tests/cli/test_sync_kill.py``, whose helpers ``tests/crash/worlds.py`` holds), a dozen of
them with photos; the office is the demo city as loaded. ``--user O01 import BUNDLE`` is
SIGKILLed after a random delay over the measured import, or at a random moment after it
opened the bundle. The office must then be exactly as before (every row) or exactly as
after a complete import, with every original it refers to present and whole, tallies equal
to a recount and the audit chain verifying; running the import again must give the same
tables and the same media files as an uninterrupted import, leaving no temporary file.
"""

from __future__ import annotations

import json
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.crash import checks
from tests.crash.harness import (
    DB_FILE,
    DEMO_PASSWORD,
    SEED,
    Kills,
    Landings,
    Running,
    can_watch_files,
    case_rng,
    cli,
    copy_store,
    count_rows,
    has_open,
    needs_sigkill,
    poll,
)
from tests.crash.worlds import assert_sound, dump, fill, tables
from usecases.services import Services

pytestmark = [needs_sigkill, can_watch_files]

SCENARIO = "bundle"
KILLS, INSPECTIONS, WITH_PHOTOS = 10, 1000, 12
LANDINGS = Landings(SCENARIO)
IMPORTS = "SELECT count(*) FROM sync_peer"


@dataclass(frozen=True)
class Exchange:
    """The office before the import, the bundle, and what an uninterrupted import gives."""

    office: Path
    bundle: Path
    before: list[str]                # every row of the office, exactly
    complete: dict[str, list[tuple]]  # its tables after a complete import
    media_files: set[str]            # and the files of its media folder
    opened_at: float                 # when the uninterrupted run opened the bundle
    committed_at: float              # and when its import became visible


def _import(bundle: Path) -> list[str]:
    return ["--user", "O01", "import", str(bundle)]


def _media_files(data_dir: Path) -> set[str]:
    root = data_dir / "media"
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def exchange(demo_store, tmp_path_factory) -> Exchange:
    """A07's big bundle from a copy of the demo city, the office (another copy) it goes to,
    and an uninterrupted import of it with its timing."""
    base = tmp_path_factory.mktemp("bundle")
    laptop = copy_store(demo_store, base / "laptop")
    fill(laptop, base / "camera", DEMO_PASSWORD, INSPECTIONS, WITH_PHOTOS, SEED)
    stick = base / "stick"
    stick.mkdir()
    exported = cli(laptop, "--user", "A07", "export", "--to", str(stick), "--json")
    assert exported.returncode == 0, exported.stderr
    bundle = Path(json.loads(exported.stdout)["bundle"]).resolve()
    office = copy_store(demo_store, base / "office")
    signed_in = Services.open(office)  # as an import does first: it remembers who signed in
    try:
        signed_in.login("O01", DEMO_PASSWORD)
    finally:
        signed_in.close()
    reference = copy_store(office, base / "reference")
    running = Running(reference, *_import(bundle))
    opened = poll(lambda: has_open(running.process.pid, bundle), running, interval=0.001)
    committed = poll(lambda: count_rows(reference / DB_FILE, IMPORTS) > 0, running)
    assert running.wait() == 0, running.stderr
    complete = tables(reference)
    assert len(complete["inspection"]) >= INSPECTIONS
    return Exchange(office, bundle, dump(office), complete, _media_files(reference), opened,
                    committed)


class _Opening:
    """Watches for the moment the import opens the bundle (its work begins there)."""

    def __init__(self, running: Running, bundle: Path):
        self.seen = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(running, bundle))
        self._thread.start()

    def _watch(self, running: Running, bundle: Path) -> None:
        poll(lambda: has_open(running.process.pid, bundle), running, interval=0.001)
        if running.process.poll() is None:
            self.seen.set()

    def join(self) -> None:
        self._thread.join()


def _kill(exchange: Exchange, case: int, running: Running, opening: _Opening) -> str:
    rng = case_rng(SCENARIO, case)
    # a run may go faster than the measured one: aim at the first four fifths of the work
    span = 0.8 * (exchange.committed_at - exchange.opened_at)
    if rng.random() < 1 / 3:  # start-up time varies most: mostly count from the opening
        delay = rng.uniform(exchange.opened_at, exchange.opened_at + span)
        running.kill_after(delay)
        return f"after {delay:.3f} s"
    delay = rng.uniform(0, span)
    opening.seen.wait(timeout=60)
    running.kill_after(running.elapsed() + delay)
    return f"{delay:.3f} s after it opened the bundle"


@pytest.fixture(scope="module")
def kills(exchange, tmp_path_factory) -> Kills:
    """Every kill case, run (two at a time) and checked."""
    return Kills(KILLS, lambda case: _kill_and_check(
        exchange, case, tmp_path_factory.mktemp(f"bundle-{case}")))


@pytest.mark.parametrize("case", range(KILLS))
def test_a_killed_import_leaves_the_office_as_before_or_complete(kills, case):
    kills.check(case)


def _kill_and_check(exchange: Exchange, case: int, tmp_path: Path) -> None:
    work = copy_store(exchange.office, tmp_path / "office")
    running = Running(work, *_import(exchange.bundle))
    opening = _Opening(running, exchange.bundle)
    plan = _kill(exchange, case, running, opening)
    running.wait()
    opening.join()
    where = f"seed {SEED}, case {case}, kill planned {plan}, {running.moment()}"
    assert not running.left_behind, f"{where}: what it started outlived the killed program"
    assert_sound(work, f" ({where})")
    assert checks.problems(work) == [], where
    if dump(work) == exchange.before:
        complete = False
    else:
        assert tables(work) == exchange.complete, f"{where}: the office is neither as before " \
                                                  "nor as after a complete import"
        complete = True
    if complete or running.ended_by_itself:
        LANDINGS.record(case, "after")
    else:
        LANDINGS.record(case, "mid" if opening.seen.is_set() else "before")

    rerun = cli(work, *_import(exchange.bundle))
    assert rerun.returncode == 0, f"{where}: {rerun.stderr}"
    assert_sound(work, f" ({where})")
    assert checks.problems(work) == [], where
    assert tables(work) == exchange.complete, where
    assert _media_files(work) == exchange.media_files, (
        f"{where}: media files differ from an uninterrupted import's: "
        f"{sorted(_media_files(work) ^ exchange.media_files)[:5]}")
    shutil.rmtree(tmp_path)  # a failed case keeps its store, to be looked at


def test_most_kills_landed_mid_import(kills):
    LANDINGS.assert_mostly_mid(KILLS)
    print(LANDINGS.summary())  # noqa: T201 (the run's record, shown with -s or -rA)
