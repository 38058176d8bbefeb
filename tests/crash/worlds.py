"""Stores for the kill tests of a bundle import: a laptop filled with work, and the import itself.

Shared by ``tests/cli/test_sync_kill.py`` and ``tests/crash/test_bundle_import.py``: filling a
laptop with finished inspections fast (results bulk-loaded into the real tables, so the tally
triggers run, as ``bench/bench_sync.py`` does), starting ``import`` as a real process, and
reading a store back as exact dumps or as tables without the columns every run fills its own way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from model.checklist import checklist
from model.sites import sites
from model.store.ids import new_id
from tests.crash.harness import ROOT
from tests.helpers import make_jpeg
from usecases.services import Services

# columns a complete import fills differently on every run: local ids of new rows, clocks,
# and the audit chain over them; everything else must come out the same
VOLATILE = {"result": {"id"}, "media": {"stored_at"}, "sync_peer": {"imported_at"},
            "audit_event": {"id", "at", "prev_hash", "hash"},
            "sync_chain_head": {"acknowledged_at"}, "notice_received": {"received_at"}}
# settings of that kind: the office's device id (made by its first import) and the audit
# chain's head
VOLATILE_SETTINGS = ("sync.device_id", "audit_head")

INSPECTION_COLUMNS = ("id", "site_id", "auditor_id", "edition_hash", "status", "started_at",
                      "finished_at", "month", "site_type")
RESULT_COLUMNS = ("id", "inspection_id", "criterion_code", "outcome", "instances", "location",
                  "note", "updated_at", "updated_by", "month", "district", "sub_district",
                  "site_type", "unit_name", "category", "counted")


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
            f"({', '.join('?' * len(columns))})")


def fill(laptop: Path, camera: Path, password: str, count: int, with_photos: int,
         seed: int) -> None:
    """Give A07 ``count`` inspections of the laptop's first site: rows bulk-loaded into the
    real tables (the tally triggers run), the first ``with_photos`` with a photo added and
    finished by the services, the rest finished already."""
    services = Services.open(laptop)
    try:
        services.login("A07", password)
        store, auditor = services.store, services.user.id
        site = sites.search(store)[0]
        edition = checklist.active_hash(store)
        criteria = checklist.load(store, edition).criteria_for(site.site_type)
        rng = random.Random(seed)
        inspections, results = [], []
        for index in range(count):
            started = dt.datetime(2026, 10, 1 + index % 28, 9, index % 60, tzinfo=dt.UTC)
            finished = index >= with_photos
            inspection_id = new_id()
            inspections.append((inspection_id, site.id, auditor, edition,
                                "finished" if finished else "in_progress", started.isoformat(),
                                started.isoformat() if finished else None, "2026-10",
                                site.site_type))
            for criterion in criteria:
                outcome = rng.choice(("pass", "pass", "pass", "fail", "na"))
                results.append((new_id(), inspection_id, criterion.code, outcome,
                                rng.randint(1, 4) if outcome == "fail" else 0, "", "",
                                started.isoformat(), auditor, "2026-10", site.district,
                                site.sub_district, site.site_type, site.unit_name,
                                criterion.category, int(finished)))
        with store.atomic() as db:
            db.conn.executemany(_insert("inspection", INSPECTION_COLUMNS), inspections)
            db.conn.executemany(_insert("result", RESULT_COLUMNS), results)
        for index, row in enumerate(inspections[:with_photos]):
            photo = make_jpeg(camera / f"{index}.jpg", dt.datetime(2026, 10, 1, 9, index),
                              size=(1200, 900), colour=(index * 10 % 256, 90, 160))
            assert services.photos.add(row[0], [photo])[0].photo_id is not None
            services.inspections.finish(row[0])
    finally:
        services.close()


def start_import(data_dir: Path, bundle: Path, who: str, password: str) -> subprocess.Popen:
    """``main.py --user WHO import BUNDLE`` as a running process (stderr piped)."""
    env = {k: v for k, v in os.environ.items() if k != "CIVICAUDIT_PASSWORD"}
    env.update(CIVICAUDIT_DATA_DIR=str(data_dir), CIVICAUDIT_PASSWORD=password)
    return subprocess.Popen([sys.executable, "main.py", "--user", who, "import", str(bundle)],
                            cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def import_to_end(data_dir: Path, bundle: Path, who: str, password: str) -> float:
    """Run the import to its end; return how long the process took."""
    start = time.perf_counter()
    process = start_import(data_dir, bundle, who, password)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    return time.perf_counter() - start


def _connect(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / "civicaudit.db")


def dump(data_dir: Path) -> list[str]:
    """Every row of every table, exactly."""
    conn = _connect(data_dir)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def tables(data_dir: Path) -> dict[str, list[tuple]]:
    """Every table's rows without the columns a run fills its own way (``VOLATILE``).

    Versions the store made of its own records name its device and the moment, so they are
    compared without them. An import's summary in ``sync_peer`` counts the originals it
    wrote and those it found in place; a run after a killed one finds in place what the
    killed run had written, so only their sum is compared.
    """
    conn = _connect(data_dir)
    try:
        own = conn.execute("SELECT value FROM setting WHERE key = 'sync.device_id'").fetchone()
        found = {}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")
                       if row[1] not in VOLATILE.get(table, ())]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            if own and table == "sync_head":
                rows = [_own_version(columns, row, own[0]) for row in rows]
            if table == "setting":
                rows = [(key, None if key in VOLATILE_SETTINGS else value) for key, value in rows]
            if table == "sync_peer":
                summary = columns.index("summary")
                rows = [(*row[:summary], _media_total(row[summary]), *row[summary + 1:])
                        for row in rows]
            found[table] = sorted(rows, key=repr)
        return found
    finally:
        conn.close()


def _own_version(columns: list[str], row: tuple, own_device: str) -> tuple:
    """A version this store made of its own records (the office observes what it holds when
    it first imports) names its device, made by that import, and when: neither compares."""
    if row[columns.index("device_id")] != own_device:
        return row
    return tuple(None if column in ("device_id", "stamp") else value
                 for column, value in zip(columns, row, strict=True))


def _media_total(summary: str) -> str:
    data = json.loads(summary)
    if isinstance(data, dict) and "media_copied" in data:
        data["media_copied"] += data.pop("media_present", 0)
    return json.dumps(data, sort_keys=True)


def assert_sound(data_dir: Path, context: str = "") -> None:
    """The database is intact and every original it refers to is there, byte for byte."""
    conn = _connect(data_dir)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], context
        hashes = {sha for (sha,) in conn.execute("SELECT sha256 FROM media UNION "
                                                 "SELECT sha256 FROM photo").fetchall()}
    finally:
        conn.close()
    for sha in hashes:
        original = data_dir / "media" / sha[:2] / sha[2:]
        assert original.is_file(), f"{sha} is referenced but missing{context}"
        assert hashlib.sha256(original.read_bytes()).hexdigest() == sha, context
