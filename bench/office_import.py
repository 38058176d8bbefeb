"""A day's bundle imported by a big office store and by a new one: ``bench_office`` section 5.

Before the province's year is loaded into the office's store (``bench/province_world.py``),
:func:`prepare` enrols a laptop with that office (``tests/worlds.py``: authority,
certificates, the office's bundle imported by the laptop), bulk-loads ``count`` finished
inspections of 60 results on the laptop (``bench_sync.make_rows``), exports the laptop's
signed bundle, and keeps a copy of the office store as it is then (the "new" office).
:func:`measure` then imports that bundle into copies of the new office (the baseline, median
of ``reps``) and once into the office holding the year, which it leaves changed: run it last.
Target: the big store's import no slower than 1.2 × the new one's.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from bench import bench_store as bs
from bench.bench_sync import make_rows
from model.store import db as store_db
from tests import worlds
from usecases.services import Services

TARGET_RATIO = 1.2


@dataclass(frozen=True)
class Day:
    """The laptop's bundle and the office store as it was before the year was loaded."""

    bundle: Path
    new_office: Path
    inspections: int
    results: int


def prepare(office: Services, folder: Path, password: str, count: int) -> Day:
    """Enrol a laptop with ``office``, fill and export it, and keep a copy of the office
    store as it is now (SQLite's backup of the open store)."""
    stick = folder / "stick"
    stick.mkdir(parents=True)
    laptop = worlds.make_laptop(folder / "laptop", office, password)
    worlds.receive_office_bundle(office, [laptop], stick, password)
    inspection_rows, result_rows = make_rows(laptop, count, 60, 0)
    with laptop.store.atomic() as db:
        db.conn.executemany(bs.insert_sql("inspection", bs.INSPECTION_COLUMNS), inspection_rows)
        db.conn.executemany(bs.insert_sql("result", bs.RESULT_COLUMNS), result_rows)
    bundle, _ = laptop.sync.export(stick, password)
    laptop.close()
    copy = folder / "new-office"
    backup(office.store, copy)
    return Day(bundle, copy, len(inspection_rows), len(result_rows))


def backup(store: store_db.Store, target: Path) -> None:
    """A consistent copy of an open store's folder (SQLite's backup for the database)."""
    shutil.copytree(store.data_dir, target, ignore=shutil.ignore_patterns("*.db*"))
    destination = sqlite3.connect(target / store.path.name)
    with destination:
        store.db.conn.backup(destination)
    destination.close()


def import_seconds(folder: Path, bundle: Path, password: str) -> float:
    """Open the office store in ``folder`` as O01 and time the import of ``bundle``."""
    office = Services.open(folder)
    try:
        office.login("O01", password)
        start = time.perf_counter()
        office.sync.import_bundle(bundle)
        return time.perf_counter() - start
    finally:
        office.close()


def measure(day: Day, big: Services, tmp: Path, password: str, reps: int) -> tuple[float, float]:
    """(seconds into the office holding the year, median seconds into a new office)."""
    baseline = []
    for rep in range(reps):
        copy = tmp / f"new-office-{rep}"
        shutil.copytree(day.new_office, copy)
        baseline.append(import_seconds(copy, day.bundle, password))
        shutil.rmtree(copy)
    big.login("O01", password)
    start = time.perf_counter()
    big.sync.import_bundle(day.bundle)
    return time.perf_counter() - start, statistics.median(baseline)
