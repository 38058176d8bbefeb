"""A kill during ``import`` leaves the office as before the import, and running it again
completes it: the real CLI in a subprocess, SIGKILLed at random moments of a real import.

The laptop holds enough inspections (results bulk-loaded as ``bench/bench_sync.py`` does,
photos added and inspections finished through the services) for its bundle to take a good
part of a second to import. Kills land at seeded random moments: one while the process starts
and checks the bundle, then one in each quarter of the merge's measured time (counted from
when the import begins writing originals, so a slow start does not push them past the end).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest

from tests.cli.runner import run
from tests.cli.workflows import AUDITOR_PW, OFFICE_PW
from tests.crash.worlds import assert_sound, dump, fill, start_import, tables

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

SEED = 20261126
INSPECTIONS, WITH_PHOTOS = 1500, 24
KILLS = 5


@pytest.fixture(scope="module")
def big_bundle(office_and_laptop, tmp_path_factory):
    """The office (its data directory, untouched) and a big auditor's bundle for it."""
    office, laptop = office_and_laptop
    base = tmp_path_factory.mktemp("kill")
    fill(laptop, base / "camera", AUDITOR_PW, INSPECTIONS, WITH_PHOTOS, SEED)
    stick = base / "stick"
    stick.mkdir()
    exported = run(laptop, "--user", "A07", "export", "--to", str(stick), "--json",
                   password=AUDITOR_PW)
    assert exported.returncode == 0, exported.stderr
    return office, Path(json.loads(exported.stdout)["bundle"]), base


def _merge_started(data_dir: Path, process, start: float) -> float:
    """Wait until the import writes its first original (its merge is under way) or ends;
    return the seconds since ``start``."""
    while not (data_dir / "media").exists() and process.poll() is None:
        time.sleep(0.002)
    return time.perf_counter() - start


def _import(data_dir: Path, bundle: Path) -> tuple[float, float]:
    """Run the import to its end; return when its merge started and how long it took."""
    start = time.perf_counter()
    process = start_import(data_dir, bundle, "O01", OFFICE_PW)
    merging = _merge_started(data_dir, process, start)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    return merging, time.perf_counter() - start


def test_a_killed_import_leaves_the_office_as_before_and_running_it_again_completes_it(
        big_bundle, tmp_path):
    office, bundle, _base = big_bundle
    before_dump, before = dump(office), tables(office)
    reference = tmp_path / "reference"
    shutil.copytree(office, reference)
    merging, duration = _import(reference, bundle)
    complete = tables(reference)
    assert complete != before
    assert len(complete["result"]) - len(before["result"]) >= INSPECTIONS * 10
    rng = random.Random(SEED)
    states = []
    for kill in range(KILLS):
        work = tmp_path / f"office-{kill}"
        shutil.copytree(office, work)
        start = time.perf_counter()
        process = start_import(work, bundle, "O01", OFFICE_PW)
        if kill == 0:  # while it starts, signs in and checks the bundle
            time.sleep(rng.uniform(0, merging))
        else:  # while it merges: one kill in each quarter of the merge's measured time
            _merge_started(work, process, start)
            time.sleep(rng.uniform(kill - 1, kill) * (duration - merging) / (KILLS - 1))
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        assert_sound(work)
        if dump(work) == before_dump:
            states.append("interrupted" if (work / "media").exists() else "before")
        else:
            assert tables(work) == complete, "a killed import left the office in between"
            states.append("complete")
        rerun = run(work, "--user", "O01", "import", str(bundle), password=OFFICE_PW)
        assert rerun.returncode == 0, rerun.stderr
        assert_sound(work)
        assert tables(work) == complete
        shutil.rmtree(work)
    assert "interrupted" in states, (f"no kill landed inside the import ({states}; the merge "
                                     f"started at {merging:.2f} s of {duration:.2f} s)")
