"""Benchmark of the store: bulk load, roll-ups and loading one inspection.

Run from the repository root::

    python bench/bench_store.py [--inspections N] [--results-per-inspection M] [--quick]

Every measurement is printed next to a baseline measured in the same run on the
same rows, with their ratio, so numbers from different machines can be compared
by ratio. Not a pytest test; ``tests/test_bench_smoke.py`` only checks that it
still runs.

What is measured (sizes for the defaults, 10,000 inspections × 60 results):

1. Bulk load: 10,000 inspections and 600,000 results written into a fresh store
   in one ``store.atomic()`` transaction, the way a sync-bundle import would:
   through the store's sqlite-utils ``insert_all`` and, for comparison, one
   ``executemany`` per table. Baseline: the same result rows ``executemany``'d
   into one plain table (same columns, no keys, no indexes) in a fresh on-disk
   file with the store's pragmas (WAL, synchronous=FULL).
2. Roll-ups: ``model.checklist.scoring.rollup`` by district, by unit, and by district for
   one month. Baseline: the same GROUP BY on one plain table holding the same
   rows in ``sqlite3.connect(':memory:')``. Targets: ≤ 3× baseline and < 100 ms.
3. Loading one inspection: ``model.inspections.inspections.detail`` on random inspections
   (checklist edition cached, as in the running app; the first load with the
   edition not yet cached is reported too). Baseline: ``SELECT * FROM result
   WHERE inspection_id = ?`` on the same store. Target: < 20 ms.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import importlib.metadata  # noqa: E402
import itertools  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from model import paths  # noqa: E402
from model.checklist import checklist, scoring  # noqa: E402
from model.inspections import inspections  # noqa: E402
from model.people import profiles  # noqa: E402
from model.people.profiles import Role  # noqa: E402
from model.sites import sites  # noqa: E402
from model.store import db as store_db  # noqa: E402
from model.store.ids import new_id  # noqa: E402

SEED = 2026
MONTHS = ("2026-09", "2026-10", "2026-11")
FILTER_MONTH = MONTHS[1]
FINISHED_SHARE = 0.95
BEIJING = dt.timezone(dt.timedelta(hours=8))
PASSWORD = "bench-password"
SITES_CSV = paths.resources_dir() / "demo" / "taiyuan_sites.csv"
LOCATIONS = ("东侧入口处", "北门处", "3栋2单元一楼", "西侧人行道", "南口公交站旁", "二楼楼梯间")
NOTES = ("现场发现问题，已拍照取证", "已口头告知现场负责人", "问题反复出现", "")

ROLLUP_TARGET_RATIO = 3.0
ROLLUP_TARGET_MS = 100.0
DETAIL_TARGET_MS = 20.0

INSPECTION_COLUMNS = ("id", "site_id", "auditor_id", "edition_hash", "status", "started_at",
                      "finished_at", "month", "site_type")
RESULT_COLUMNS = ("id", "inspection_id", "criterion_code", "outcome", "instances", "location",
                  "note", "updated_at", "updated_by", "month", "district", "sub_district",
                  "site_type", "unit_name", "category", "counted")
SITE_ID, AUDITOR_ID = INSPECTION_COLUMNS.index("site_id"), INSPECTION_COLUMNS.index("auditor_id")
UPDATED_BY = RESULT_COLUMNS.index("updated_by")
# The aggregate scoring.rollup runs, on a plain table; {key} is the grouping expression.
BASELINE_ROLLUP_SQL = ("SELECT {key}, outcome, min(instances, 3), count(*), sum(instances)"
                       " FROM plain WHERE {where} GROUP BY 1, 2, 3")


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Run ``fn`` ``repeat`` times; return the median wall time in seconds and the last result."""
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds >= 0.01 else f"{seconds * 1000:.2f} ms"


def ratio(measured: float, baseline: float) -> float:
    return measured / baseline if baseline > 0 else float("inf")


def report(what: str, measured: str, baseline_what: str, baseline: str, r: float) -> None:
    out(f"{what}: {measured}  (baseline: {baseline_what} {baseline}, ratio {r:.2g}×)")


# --------------------------------------------------------------------------- data


@dataclass
class Dataset:
    """Rows to bulk-load, as tuples in INSPECTION_COLUMNS / RESULT_COLUMNS order.

    Ids are made once (UUIDv7 is slow to make in bulk); :meth:`bound_to` swaps in
    the site and profile ids of a particular store.
    """

    inspections: list[tuple]
    results: list[tuple]
    site_codes: list[str]  # per inspection
    auditor_id: str
    site_ids: dict[str, str]  # code -> id in the store the rows were made for

    def bound_to(self, site_ids: dict[str, str], auditor_id: str) -> Dataset:
        """Return the same rows with another store's site and auditor ids."""
        if site_ids == self.site_ids and auditor_id == self.auditor_id:
            return self
        rows = []
        for row, code in zip(self.inspections, self.site_codes, strict=True):
            row = list(row)
            row[SITE_ID], row[AUDITOR_ID] = site_ids[code], auditor_id
            rows.append(tuple(row))
        results = [(*r[:UPDATED_BY], auditor_id, *r[UPDATED_BY + 1:]) for r in self.results]
        return Dataset(rows, results, self.site_codes, auditor_id, site_ids)


def criterion_plan(edition: checklist.Edition, site_type: str, m: int) -> list[tuple[str, str]]:
    """Return ``m`` (criterion code, category) pairs for a site type.

    The real criteria first; shipped site types have 8–14, so the rest are
    synthetic codes cycling through the categories the real criteria use.
    """
    real = [(c.code, c.category) for c in edition.criteria_for(site_type)]
    categories = [category for _, category in real] or [edition.categories[0].code]
    synthetic = ((f"{site_type}-S{k:03d}", categories[k % len(categories)])
                 for k in itertools.count(1))
    return list(itertools.islice(itertools.chain(real, synthetic), m))


def start_time(rng: random.Random, month: str) -> dt.datetime:
    """A working-hours moment (Beijing time) in ``month``, as UTC."""
    year, mon = map(int, month.split("-"))
    moment = dt.datetime(year, mon, rng.randint(1, 28), rng.randint(8, 16), rng.randint(0, 59),
                         tzinfo=BEIJING)
    return moment.astimezone(dt.UTC)


def draw(rng: random.Random) -> tuple[str, int]:
    """An outcome: ~85 % pass, 10 % fail with 1–4 instances, 5 % n.a."""
    roll = rng.random()
    if roll < 0.85:
        return "pass", 0
    if roll < 0.95:
        return "fail", rng.choices((1, 2, 3, 4), weights=(55, 25, 12, 8))[0]
    return "na", 0


def make_dataset(store: store_db.Store, auditor_id: str, n: int, m: int,
                 months: tuple[str, ...] = MONTHS) -> Dataset:
    """Make ``n`` inspections with ``m`` results each for the sites of ``store``, spread
    over ``months``."""
    rng = random.Random(SEED)
    edition_hash = checklist.active_hash(store)
    edition = checklist.load(store, edition_hash)
    all_sites = sites.search(store)
    plans = {s.site_type: criterion_plan(edition, s.site_type, m) for s in all_sites}
    minute = dt.timedelta(minutes=1)
    insp_rows, result_rows, codes = [], [], []
    for _ in range(n):
        site = rng.choice(all_sites)
        month = rng.choice(months)
        started = start_time(rng, month)
        finished = rng.random() < FINISHED_SHARE
        inspection_id = new_id()
        insp_rows.append((inspection_id, site.id, auditor_id, edition_hash,
                          "finished" if finished else "in_progress", started.isoformat(),
                          (started + m * minute).isoformat() if finished else None, month,
                          site.site_type))
        codes.append(site.code)
        for j, (code, category) in enumerate(plans[site.site_type]):
            outcome, instances = draw(rng)
            location, note = ((rng.choice(LOCATIONS), rng.choice(NOTES)) if outcome == "fail"
                              else ("", ""))
            result_rows.append((
                new_id(), inspection_id, code, outcome, instances, location, note,
                (started + j * minute).isoformat(), auditor_id, month, site.district,
                site.sub_district, site.site_type, site.unit_name, category, int(finished)))
    site_ids = {s.code: s.id for s in all_sites}
    return Dataset(insp_rows, result_rows, codes, auditor_id, site_ids)


# --------------------------------------------------------------------------- stores


def fresh_store(folder: Path) -> tuple[store_db.Store, str]:
    """Open a new store with the shipped checklist, an office, an auditor and the demo sites."""
    store = store_db.open_store(folder)
    checklist.ensure_shipped(store)
    office = profiles.create(store, "基准办公室", "BENCH-O", Role.OFFICE, PASSWORD)
    auditor = profiles.create(store, "基准巡检员", "BENCH-A", Role.AUDITOR, PASSWORD)
    sites.import_csv(store, SITES_CSV, office.id)
    return store, auditor.id


def site_ids_of(store: store_db.Store) -> dict[str, str]:
    return {s.code: s.id for s in sites.search(store)}


def _placeholders(columns: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in columns)


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_placeholders(columns)})"


def bulk_load(store: store_db.Store, data: Dataset, method: str) -> dict[str, float]:
    """Write the dataset into ``store`` in one transaction; return timings in seconds."""
    t0 = time.perf_counter()
    with store.atomic() as db:
        if method == "insert_all":
            db["inspection"].insert_all(itertools.chain([INSPECTION_COLUMNS], data.inspections))
            t1 = time.perf_counter()
            db["result"].insert_all(itertools.chain([RESULT_COLUMNS], data.results))
        else:
            db.conn.executemany(insert_sql("inspection", INSPECTION_COLUMNS), data.inspections)
            t1 = time.perf_counter()
            db.conn.executemany(insert_sql("result", RESULT_COLUMNS), data.results)
        t2 = time.perf_counter()
    t3 = time.perf_counter()
    return {"total": t3 - t0, "inspections": t1 - t0, "results": t2 - t1, "commit": t3 - t2}


def baseline_load(path: Path, rows: list[tuple]) -> float:
    """executemany the result rows into one plain table in a fresh file; return seconds."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"CREATE TABLE plain ({', '.join(RESULT_COLUMNS)})")
        conn.commit()
        start = time.perf_counter()
        with conn:
            conn.executemany(insert_sql("plain", RESULT_COLUMNS), rows)
        return time.perf_counter() - start
    finally:
        conn.close()


def memory_table(rows: list[tuple]) -> sqlite3.Connection:
    """The same result rows in one plain table of an in-memory database."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE plain ({', '.join(RESULT_COLUMNS)})")
    with conn:
        conn.executemany(insert_sql("plain", RESULT_COLUMNS), rows)
    return conn


# --------------------------------------------------------------------------- sections


def machine() -> str:
    """The machine line every benchmark prints: usable and present cores, architecture, OS."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return (f"machine: nproc {usable} (cpu_count {os.cpu_count()}), {platform.machine()}, "
            f"{platform.system()} {platform.release()}")


def machine_header(args: argparse.Namespace, tmp: Path) -> None:
    out("CivicAudit store benchmark")
    out(machine())
    out(f"python {platform.python_version()} ({platform.python_implementation()}), "
        f"sqlite {sqlite3.sqlite_version}, "
        f"sqlite-utils {importlib.metadata.version('sqlite-utils')}")
    out(f"data: {args.inspections:,} inspections × {args.results_per_inspection} results, "
        f"{len(MONTHS)} months, {FINISHED_SHARE:.0%} finished; temp dir {tmp}")
    out()


def section_bulk_load(args, tmp: Path) -> tuple[store_db.Store, Dataset]:
    """Measure bulk loads; return the last loaded store (kept open) and its rows."""
    out("1. bulk load (one store.atomic() transaction, fresh store each time)")
    t = time.perf_counter()
    store, auditor_id = fresh_store(tmp / "store-0")
    setup = time.perf_counter() - t
    t = time.perf_counter()
    data = make_dataset(store, auditor_id, args.inspections, args.results_per_inspection)
    n_results = len(data.results)
    out(f"   (store setup: shipped checklist, 2 profiles, {len(data.site_ids)} sites via "
        f"import_csv {fmt_s(setup)}; generating rows {fmt_s(time.perf_counter() - t)})")

    base = [baseline_load(tmp / f"baseline-{i}.db", data.results) for i in range(args.load_reps)]
    base_t = statistics.median(base)
    base_what = f"plain executemany into one table (median of {len(base)})"

    runs: list[tuple[str, store_db.Store, Dataset]] = [("executemany", store, data)]
    for method, index in (("insert_all", 1),):
        other, other_auditor = fresh_store(tmp / f"store-{index}")
        runs.append((method, other, data.bound_to(site_ids_of(other), other_auditor)))
    for method, target, rows in runs:
        timing = bulk_load(target, rows, method)
        report(f"bulk load {n_results:,} results ({method})", fmt_s(timing["total"]),
               base_what, fmt_s(base_t), ratio(timing["total"], base_t))
        out(f"   of which {len(rows.inspections):,} inspections {fmt_s(timing['inspections'])},"
            f" results {fmt_s(timing['results'])}, commit {fmt_s(timing['commit'])}")
    for _, target, _ in runs[:-1]:
        target.close()
    db_file = tmp / "store-1" / store_db.DB_FILENAME
    wal = db_file.with_name(db_file.name + "-wal")
    wal_mb = wal.stat().st_size / 1e6 if wal.exists() else 0.0
    out(f"   store file after load: {db_file.stat().st_size / 1e6:.0f} MB "
        f"(WAL {wal_mb:.0f} MB); baseline file "
        f"{(tmp / 'baseline-0.db').stat().st_size / 1e6:.0f} MB")
    out()
    return runs[-1][1], runs[-1][2]


def rollup_totals(groups: list[scoring.GroupScore]) -> tuple[int, int, int, int]:
    return (sum(g.rates.passed for g in groups), sum(g.rates.failed for g in groups),
            sum(g.rates.not_applicable for g in groups), len(groups))


def baseline_totals(rows: list[tuple]) -> tuple[int, int, int, int]:
    counts = {"pass": 0, "fail": 0, "na": 0}
    for _, outcome, _, n, _ in rows:
        counts[outcome] += n
    return counts["pass"], counts["fail"], counts["na"], len({r[0] for r in rows})


def section_rollups(args, store: store_db.Store, data: Dataset) -> dict[str, tuple[float, float]]:
    """Measure roll-ups against a plain in-memory GROUP BY; return name -> (time, baseline)."""
    out(f"2. roll-ups (median of {args.rollup_reps})")
    memory = memory_table(data.results)
    cases = (
        ("by district", "district", None, "district", "counted = 1", []),
        ("by unit", "unit", None, "unit_name", "counted = 1", []),
        (f"by district, month {FILTER_MONTH}", "district", FILTER_MONTH, "district",
         "counted = 1 AND month = ?", [FILTER_MONTH]),
    )
    found, mismatches = {}, 0
    try:
        for name, by, month, key, where, params in cases:
            sql = BASELINE_ROLLUP_SQL.format(key=key, where=where)
            base_t, base_rows = median_time(
                lambda sql=sql, params=params: memory.execute(sql, params).fetchall(),
                args.rollup_reps)
            t, groups = median_time(lambda by=by, month=month: scoring.rollup(store, by, month),
                                    args.rollup_reps)
            report(f"roll-up {name} ({len(groups)} groups)", fmt_ms(t),
                   "plain GROUP BY on one in-memory table", fmt_ms(base_t), ratio(t, base_t))
            if rollup_totals(groups) != baseline_totals(base_rows):
                mismatches += 1
                out(f"   WARNING: roll-up totals {rollup_totals(groups)} differ from the "
                    f"baseline's {baseline_totals(base_rows)}")
            found[name] = (t, base_t)
    finally:
        memory.close()
    if not mismatches:
        out("   (each roll-up's group count and pass/fail/n.a. totals match its baseline)")
    out()
    return found


def section_detail(args, store: store_db.Store, data: Dataset) -> float:
    """Measure inspections.detail on random inspections; return the median (cached edition)."""
    out(f"3. load one inspection with its results ({args.detail_samples} random inspections)")
    rng = random.Random(SEED + 1)
    ids = [rng.choice(data.inspections)[0] for _ in range(args.detail_samples)]
    conn = store.db.conn

    first = []
    for inspection_id in ids[:args.first_load_samples]:
        for key in [k for k in checklist._EDITION_CACHE if k[0] == str(store.path)]:
            del checklist._EDITION_CACHE[key]
        start = time.perf_counter()
        inspections.detail(store, inspection_id)
        first.append(time.perf_counter() - start)

    plain, loaded = [], []
    for inspection_id in ids:
        start = time.perf_counter()
        conn.execute("SELECT * FROM result WHERE inspection_id = ?", [inspection_id]).fetchall()
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        inspections.detail(store, inspection_id)
        loaded.append(time.perf_counter() - start)
    base_t, t = statistics.median(plain), statistics.median(loaded)
    report("inspections.detail, edition cached", f"median {fmt_ms(t)} (max {fmt_ms(max(loaded))})",
           "SELECT * FROM result WHERE inspection_id = ?", f"median {fmt_ms(base_t)}",
           ratio(t, base_t))
    report(f"inspections.detail, first load (edition not cached, median of {len(first)})",
           fmt_ms(statistics.median(first)), "same SELECT", fmt_ms(base_t),
           ratio(statistics.median(first), base_t))
    out()
    return t


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def summary(rollups: dict[str, tuple[float, float]], detail_t: float) -> None:
    parts = []
    for name, (t, base_t) in rollups.items():
        r = ratio(t, base_t)
        parts.append(f"roll-up {name} ≤ {ROLLUP_TARGET_RATIO:g}× baseline: "
                     f"{verdict(r <= ROLLUP_TARGET_RATIO)} ({r:.2g}×)")
        parts.append(f"roll-up {name} < {ROLLUP_TARGET_MS:g} ms: "
                     f"{verdict(t * 1000 < ROLLUP_TARGET_MS)} ({fmt_ms(t)})")
    parts.append(f"detail < {DETAIL_TARGET_MS:g} ms: "
                 f"{verdict(detail_t * 1000 < DETAIL_TARGET_MS)} ({fmt_ms(detail_t)})")
    out("summary: " + "; ".join(parts))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=10_000)
    parser.add_argument("--results-per-inspection", type=int, default=60)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 250 inspections and fewer repetitions")
    parser.add_argument("--tmpdir", type=Path, default=None,
                        help="where to make the temporary directory (default: the system's)")
    args = parser.parse_args(argv)
    if args.inspections < 1 or args.results_per_inspection < 1:
        parser.error("--inspections and --results-per-inspection must be at least 1")
    if args.quick:
        args.inspections = min(args.inspections, 250)
    args.load_reps = 1 if args.quick else 3
    args.rollup_reps = 3 if args.quick else 7
    args.detail_samples = 10 if args.quick else 50
    args.first_load_samples = 3 if args.quick else 5
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-", dir=args.tmpdir) as name:
        tmp = Path(name)
        machine_header(args, tmp)
        store, data = section_bulk_load(args, tmp)
        try:
            rollups = section_rollups(args, store, data)
            detail_t = section_detail(args, store, data)
        finally:
            store.close()
        summary(rollups, detail_t)
    out(f"(benchmark took {fmt_s(time.perf_counter() - started)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
