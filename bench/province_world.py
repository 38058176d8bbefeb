"""The province-year for ``bench/bench_office.py --size province``: every site checked every month.

Ten cities of six districts each; ``args.sites`` sites (20,000) answered for by
``args.units`` units; each site inspected once in each of the 12 months up to 2026-11
with ``args.results_per_inspection`` results (60): 240,000 inspections and 14.4 million
results, as many as a province's office gathers in a year. The office's part (photos,
notices, their follow-up) is added by ``bench/office_world.py``'s own calls.

Built in minutes, not hours: the rows are made month by month and streamed into one
transaction with the results' secondary indexes dropped and the tally triggers off
(``model.inspections.tallies.loading``); the indexes are made again and the tallies
counted once at the end, so the store comes out as the program would have written it.
The rollback journal (not the write-ahead log) holds the transaction: pages appended to
a growing file need no journal, so nothing is written twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from bench import bench_store as bs
from bench import office_import, office_world
from model.checklist import checklist
from model.inspections import tallies
from model.notices import notices
from model.people import profiles
from model.sites import sites
from model.store import db as store_db
from model.store.ids import new_ids
from tests import worlds

CITIES = ("太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市",
          "忻州市", "临汾市")
DISTRICTS = tuple(f"{city}{district}" for city in CITIES for district in office_world.DISTRICTS)
BUILD_CACHE_KIB = 1 << 20  # 1 GiB of page cache while the indexes are made
MINUTE = dt.timedelta(minutes=1)


def make(folder: Path, args) -> office_world.World:
    """Build the province in ``folder``: sites, a year of rounds, then the office's part."""
    rng = random.Random(bs.SEED)
    types = shipped_site_types(folder.parent / "types")
    path = office_world.write_sites(folder.parent / "sites.csv", args.sites, args.units, types,
                                    rng, DISTRICTS)
    services = worlds.make_office(folder, office_world.PASSWORD, path)
    store, office = services.store, services.user
    auditor = profiles.find(store, "A07")
    day = office_import.prepare(services, folder.parent / "day", office_world.PASSWORD,
                                args.import_inspections)
    start = time.perf_counter()
    count = load_rounds(store, auditor.id, args.results_per_inspection, rng)
    load_seconds = time.perf_counter() - start
    chosen = notice_inspections(store, args.notices)
    photographed = reopen(store, chosen[:args.photos])
    office_world.photograph(store, auditor, photographed, {
        row[0]: row[office_world.FINISHED_AT] for row, _code in photographed})
    office_world.issue(store, auditor, office, [inspection_id for inspection_id, _ in chosen])
    overdue = [n for n in notices.listing(store, now=office_world.NOW)
               if n.overdue(office_world.NOW)]
    return office_world.World(store, office, auditor, count, args.sites, len(types), args.units,
                              len(chosen), len(photographed), overdue, load_seconds,
                              services, day)


def shipped_site_types(folder: Path) -> list[str]:
    """The site types of the shipped checklist (read from a scratch store)."""
    scratch = store_db.open_store(folder)
    try:
        checklist.ensure_shipped(scratch)
        return sorted(checklist.known_site_types(scratch))
    finally:
        scratch.close()
        shutil.rmtree(folder, ignore_errors=True)


def load_rounds(store: store_db.Store, auditor_id: str, m: int, rng: random.Random) -> int:
    """Every site inspected once a month for the 12 months, ``m`` results each; returns the
    number of inspections written."""
    edition_hash = checklist.active_hash(store)
    edition = checklist.load(store, edition_hash)
    all_sites = sites.search(store)
    plans = {s.site_type: bs.criterion_plan(edition, s.site_type, m) for s in all_sites}
    conn = store.db.conn
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA foreign_keys = OFF")  # the rows are made here from the store's own ids
    conn.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
    written = 0
    with store.atomic() as db, tallies.loading(db), indexes_off(conn, "result"):
        for month in office_world.MONTHS:
            rows = [inspection_row(rng, site, auditor_id, edition_hash, month, m)
                    for site in all_sites]
            conn.executemany(bs.insert_sql("inspection", bs.INSPECTION_COLUMNS), rows)
            conn.executemany(bs.insert_sql("result", bs.RESULT_COLUMNS),
                             result_rows(rng, rows, all_sites, plans))
            written += len(rows)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -2000")
    return written


def inspection_row(rng: random.Random, site: sites.Site, auditor_id: str, edition_hash: str,
                   month: str, m: int) -> tuple:
    """One inspection of ``site`` in ``month`` (95 % finished), in INSPECTION_COLUMNS order."""
    started = bs.start_time(rng, month)
    finished = rng.random() < bs.FINISHED_SHARE
    return (new_ids(1)[0], site.id, auditor_id, edition_hash,
            "finished" if finished else "in_progress", started.isoformat(),
            (started + m * MINUTE).isoformat() if finished else None, month, site.site_type)


def result_rows(rng: random.Random, inspections: list[tuple], all_sites: list[sites.Site],
                plans: dict[str, list[tuple[str, str]]]) -> Iterator[tuple]:
    """The results of each inspection (outcomes drawn as ``bench_store`` draws them), in
    RESULT_COLUMNS order, made as they are written."""
    status, started_at = (bs.INSPECTION_COLUMNS.index(c) for c in ("status", "started_at"))
    for row, site in zip(inspections, all_sites, strict=True):
        plan, counted = plans[site.site_type], int(row[status] == "finished")
        started = dt.datetime.fromisoformat(row[started_at])
        auditor_id, month = row[bs.AUDITOR_ID], row[bs.INSPECTION_COLUMNS.index("month")]
        for result_id, j, (code, category) in zip(new_ids(len(plan)), range(len(plan)), plan,
                                                   strict=True):
            outcome, instances = bs.draw(rng)
            location, note = ((rng.choice(bs.LOCATIONS), rng.choice(bs.NOTES))
                              if outcome == "fail" else ("", ""))
            yield (result_id, row[0], code, outcome, instances, location, note,
                   (started + j * MINUTE).isoformat(), auditor_id, month, site.district,
                   site.sub_district, site.site_type, site.unit_name, category, counted)


@contextlib.contextmanager
def indexes_off(conn, table: str) -> Iterator[None]:
    """Drop ``table``'s own indexes (not its keys) for the block; make them again after."""
    made = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                        " AND tbl_name = ? AND sql IS NOT NULL", [table]).fetchall()
    for name, _sql in made:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in made:
        conn.execute(sql)


def notice_inspections(store: store_db.Store, count: int) -> list[tuple[str, str]]:
    """The earliest finished inspections of the notice months with a failed real criterion:
    (inspection id, the first such criterion's code), ``count`` of them."""
    real = [c.code for c in checklist.load(store, checklist.active_hash(store)).criteria]
    months = office_world.NOTICE_MONTHS
    marks = ", ".join("?" for _ in real)
    return store.db.execute(
        "SELECT r.inspection_id, min(r.criterion_code) FROM result r"
        " JOIN inspection i ON i.id = r.inspection_id"
        f" WHERE r.month BETWEEN ? AND ? AND r.counted = 1 AND r.outcome = 'fail'"
        f" AND r.criterion_code IN ({marks}) GROUP BY r.inspection_id"
        " ORDER BY min(i.started_at), r.inspection_id LIMIT ?",
        [months[0], months[-1], *real, count]).fetchall()


def reopen(store: store_db.Store, chosen: list[tuple[str, str]]) -> list[tuple[tuple, str]]:
    """Put the ``chosen`` inspections back in progress (to photograph them, as
    ``office_world.reopened`` does before the load); their rows as they were, with the code."""
    columns = ", ".join(bs.INSPECTION_COLUMNS)
    reopened = []
    with store.atomic() as db:
        for inspection_id, code in chosen:
            row = db.execute(f"SELECT {columns} FROM inspection WHERE id = ?",
                             [inspection_id]).fetchone()
            db.execute("UPDATE inspection SET status = 'in_progress', finished_at = NULL"
                       " WHERE id = ?", [inspection_id])
            db.execute("UPDATE result SET counted = 0 WHERE inspection_id = ?", [inspection_id])
            reopened.append((tuple(row), code))
    return reopened
