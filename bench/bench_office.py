"""Benchmark of the office: the dashboard's refresh, the rankings and the monthly bulletin PDF.

Run from the repository root::

    python bench/bench_office.py [--inspections N] [--results-per-inspection M] [--sites S]
                                 [--units U] [--notices K] [--photos P] [--reps R]
                                 [--bulletin-reps B] [--size {city,province}]
                                 [--import-inspections I] [--quick] [--explain] [--tmpdir DIR]

Every figure is printed next to a baseline measured in the same run on the same
rows, with their ratio. Not a pytest test; ``tests/test_bench_smoke.py`` only
checks that it still runs.

The world (defaults; ``--quick``: 1,000 inspections, 200 sites, 40 units, 30 notices,
5 photos, fewer runs): S sites of every shipped site type in Taiyuan's six districts (8
sub-districts each), answered for by U responsible units of their district; N
inspections × M results spread over the 12 months up to 2026-11, bulk-loaded with
``bench/bench_store.py``'s row builder (real rows of the real tables, the tallies kept
by their triggers; 95 % finished); K notices issued (``model.notices.notices.reserve`` and
``complete``, back-dated to the day of their inspection in 2026-09..2026-11, with a
signed PDF's hashes but no PDF) from finished inspections with failed criteria, then
followed up through ``model.notices.followup`` (closed, partly fixed, escalated, received,
replied, or left); P of their inspections were still open when the first failure was
photographed (a 640 × 480 JPEG ingested with ``model.photos.photos.ingest``), so the exposure
list has photos. "Now" is 2026-11-30 18:00 in China; the month measured is 2026-11.

``--size province`` (``bench/province_world.py``): a province's year instead, 10 cities of
six districts, 20,000 sites answered for by 3,840 units, every site checked once in each of
the 12 months (240,000 inspections × 60 = 14.4M results, loaded in one transaction with the
indexes and tally triggers off, then indexed and counted), the office made as the program
makes it (``tests/worlds.py``: authority and certificates), with the same notices and photos.
Its targets: dashboard refresh < 1 s, rankings < 500 ms, bulletin < 10 s, workbook < 15 s,
and section 5. ``--quick`` with it: 80 sites, 20 units.

What is measured (median of R runs; the bulletin of B):

1. Dashboard refresh for one month, grouped by district and by unit: what
   ``ui.dialogs.dashboard``'s refresh asks (``office.months`` and that module's
   ``gather``: the table of each filter's choices, the chosen table, the totals of the
   month and the month before, the 12-month trend, the 10 weakest criteria), called
   directly, without Qt widgets. Target: < 300 ms.
2. Rankings: ``rankings.standings`` by unit and by district for the month (raw rates,
   the negative list's hits, the previous month's ranks). Target: < 300 ms, as
   interactive as the dashboard.
3. The bulletin PDF of the month: ``reports.bulletin_pdf.write_bulletin`` to a file.
   Target: < 10 s.
4. The workbook of the month: ``reports.spreadsheets.write_xlsx``, against as many rows of
   flat per sheet written plainly into a write-only openpyxl workbook. Target: < 15 s.
5. (province only) The office's main window on the year's store, started in a fresh process
   as ``bench/bench_ui.py`` starts it, against a bare PySide6 window, and its peak memory.
   Targets: usable in ≤ 1.5 s and < 300 MB (``bench_ui`` holds the city's start to 1.5×
   the bare window).
6. (province only) An office import of one laptop's bundle of I inspections (default
   1,000): into the office holding the year, against the median into copies of the same
   office before the year was loaded (``bench/office_import.py``). Target: ≤ 1.2×.

Baselines: the same aggregates as plain GROUP BY queries (same periods, same
groupings, fetched, not folded into rates) on one denormalised table ``flat`` made
once in this run (``CREATE TABLE flat AS SELECT`` result ⋈ inspection ⋈ site, in a
file of its own, with one index on ``month``). The bulletin's baseline adds one
query of the notices' rows and a bare ReportLab canvas that draws as many lines of
text as the bulletin's tables have rows (in the same embedded CJK font, 45 to a
page) and the same exposure-list photos, with no layout.

``--explain`` prints SQLite's plan for the queries behind each figure.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import importlib.util  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from bench import bench_store as bs  # noqa: E402
from bench import office_import, office_world, province_world  # noqa: E402
from bench.phases import PhaseTimer  # noqa: E402
from model.office import bulletin, rankings  # noqa: E402
from model.office.dashboard import Scope  # noqa: E402
from model.office.periods import Period  # noqa: E402
from model.photos import photos  # noqa: E402
from usecases.office import OfficeDesk  # noqa: E402
from usecases.services import Services  # noqa: E402

out, ratio, report, fmt_s, fmt_ms, verdict = (bs.out, bs.ratio, bs.report, bs.fmt_s, bs.fmt_ms,
                                              bs.verdict)
median_time = bs.median_time

DASHBOARD_TARGET_S = {"city": 0.3, "province": 1.0}
RANKING_TARGET_S = {"city": 0.3, "province": 0.5}
BULLETIN_TARGET_S = 10.0
WORKBOOK_TARGET_S = 15.0
WINDOW_TARGET_S, WINDOW_MEMORY_MB = 1.5, 300.0  # the province targets (absolute)
LINES_PER_PAGE = 45


class DashboardPhases(PhaseTimer):
    """Where a refresh's time goes: each call the dashboard makes of the office desk."""

    WRAPPED = tuple((OfficeDesk, name) for name in (
        "months", "table", "totals", "trend", "weakest_criteria"))


class RankingPhases(PhaseTimer):
    """Where a ranking's time goes: the rates (tally) and the negative list (results)."""

    WRAPPED = ((rankings.dashboard, "tables"), (rankings.negative_list, "hits"))


@dataclass(frozen=True)
class Figure:
    """One measured figure, its baseline and its target."""

    name: str
    seconds: float
    baseline: float
    target: float | None


# --------------------------------------------------------------------------- baseline


FLAT = ("CREATE TABLE flat AS SELECT r.inspection_id, r.criterion_code, r.outcome,"
        " r.instances, r.month, r.district, r.sub_district, r.site_type, r.unit_name,"
        " r.category, r.counted, i.site_id, coalesce(s.code, '') AS site_code"
        " FROM store.result r JOIN store.inspection i ON i.id = r.inspection_id"
        " LEFT JOIN store.site s ON s.id = i.site_id")
KEYS = {"district": "district", "sub-district": "district || char(31) || sub_district",
        "site-type": "site_type", "unit": "unit_name", "category": "category",
        "month": "month"}
IN_PERIOD = "counted = 1 AND month BETWEEN ? AND ?"
GROUPED = ("SELECT {key}, outcome, min(instances, 3), count(*), sum(instances) FROM flat"
           f" WHERE {IN_PERIOD} GROUP BY 1, 2, 3")
TOTALS = ("SELECT outcome, min(instances, 3), count(*), sum(instances) FROM flat"
          f" WHERE {IN_PERIOD} GROUP BY 1, 2")
DISTINCT = ("SELECT count(DISTINCT inspection_id), count(DISTINCT site_id) FROM flat"
            f" WHERE {IN_PERIOD}")
WEAKEST = ("SELECT criterion_code, sum(outcome = 'fail') AS failed, sum(outcome != 'na'),"
           " sum(CASE WHEN outcome = 'fail' THEN max(instances, 1) ELSE 0 END) FROM flat"
           f" WHERE {IN_PERIOD} GROUP BY criterion_code HAVING failed > 0"
           " ORDER BY failed DESC, failed * 1.0 / sum(outcome != 'na') DESC, criterion_code"
           " LIMIT ?")
MONTHS = "SELECT DISTINCT month FROM flat WHERE counted = 1 ORDER BY month DESC"
HITS = ("SELECT {key}, criterion_code, count(*), group_concat(DISTINCT site_code) FROM flat"
        f" WHERE {IN_PERIOD} AND outcome = 'fail' GROUP BY 1, 2")
NOTICE_ROWS = ("SELECT n.id, n.number, n.status, n.deadline, n.addressee_unit, s.district,"
               " s.code, s.name, t.criterion_code, t.location, t.description, t.photo_ids"
               " FROM notice n JOIN notice_item t ON t.notice_id = n.id"
               " JOIN inspection i ON i.id = n.inspection_id LEFT JOIN site s ON s.id ="
               " i.site_id WHERE n.status NOT IN ('reserved', 'void')")


def make_flat(store_path: Path, flat_path: Path) -> tuple[sqlite3.Connection, float]:
    """The baseline's denormalised table in a file of its own; return it and the seconds."""
    start = time.perf_counter()
    conn = sqlite3.connect(flat_path)
    conn.execute("ATTACH DATABASE ? AS store", [str(store_path)])
    with conn:
        conn.execute(FLAT)
        conn.execute("CREATE INDEX flat_by_month ON flat (month)")
    conn.execute("DETACH DATABASE store")
    conn.execute("ANALYZE")
    return conn, time.perf_counter() - start


def _run(conn: sqlite3.Connection, sql: str, params: list) -> list[tuple]:
    return conn.execute(sql, params).fetchall()


def grouped(conn, by: str, period: Period) -> list[tuple]:
    return _run(conn, GROUPED.format(key=KEYS[by]), [period.first, period.last])


def totals(conn, period: Period) -> list[tuple]:
    return (_run(conn, TOTALS, [period.first, period.last])
            + _run(conn, DISTINCT, [period.first, period.last]))


def hits(conn, by: str, period: Period) -> list[tuple]:
    return _run(conn, HITS.format(key=KEYS[by]), [period.first, period.last])


def baseline_dashboard(conn, period: Period, by: str) -> int:
    """The dashboard refresh's aggregates on ``flat``; return the number of rows fetched."""
    rows = _run(conn, MONTHS, [])
    for dimension in ("district", "site-type", "unit", by):
        rows += grouped(conn, dimension, period) + grouped(conn, dimension, period.previous())
    rows += totals(conn, period) + totals(conn, period.previous())
    rows += grouped(conn, "month", period.trailing(12))
    rows += _run(conn, WEAKEST, [period.first, period.last, 10])
    return len(rows)


def baseline_ranking(conn, period: Period, by: str) -> int:
    """A ranking's aggregates on ``flat``; return the number of rows fetched."""
    return len(baseline_ranking_rows(conn, period, by))


def baseline_bulletin_rows(conn, store_conn, period: Period) -> list[tuple]:
    """What the bulletin gathers, as plain queries: rates, hits, trend, weakest, notices."""
    rows = totals(conn, period) + totals(conn, period.previous())
    for by in ("district", "unit"):
        rows += baseline_ranking_rows(conn, period, by)
    for by in ("category", "site-type"):
        rows += grouped(conn, by, period) + grouped(conn, by, period.previous())
    rows += grouped(conn, "month", period.trailing(bulletin.TREND_MONTHS))
    rows += _run(conn, WEAKEST, [period.first, period.last, 10])
    return rows + store_conn.execute(NOTICE_ROWS).fetchall()


def baseline_ranking_rows(conn, period: Period, by: str) -> list[tuple]:
    rows = []
    for each in (period, period.previous()):
        rows += grouped(conn, by, each) + hits(conn, by, each)
    return rows


def bare_canvas(lines: list[str], photo_files: list[Path], target: Path) -> int:
    """Draw ``lines`` (45 a page) and the photos on a bare ReportLab canvas; return pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from reports import notice_style

    notice_style.register_fonts()
    canvas = Canvas(str(target), pagesize=A4)
    pages = 0
    for start in range(0, len(lines), LINES_PER_PAGE):
        canvas.setFont(notice_style.FONT, 9)
        for number, line in enumerate(lines[start:start + LINES_PER_PAGE]):
            canvas.drawString(20 * mm, A4[1] - (20 + 5.5 * number) * mm, line[:90])
        canvas.showPage()
        pages += 1
    for start in range(0, len(photo_files), 4):
        for number, path in enumerate(photo_files[start:start + 4]):
            canvas.drawImage(str(path), 20 * mm, A4[1] - (75 + 62 * number) * mm,
                             width=62 * mm, height=46 * mm)
        canvas.showPage()
        pages += 1
    canvas.save()
    return pages


# --------------------------------------------------------------------------- sections


def machine_header(args, tmp: Path) -> None:
    out("CivicAudit office benchmark")
    out(f"{bs.machine()}; python {platform.python_version()}, "
        f"sqlite {sqlite3.sqlite_version}; load average {_load()}")
    out(f"temp dir {tmp}")


def _load() -> str:
    with contextlib.suppress(OSError, AttributeError):
        return " ".join(f"{value:.1f}" for value in os.getloadavg())
    return "unknown"


def section_world(args, tmp: Path) -> office_world.World:
    start = time.perf_counter()
    build = province_world.make if args.size == "province" else office_world.make
    world = build(tmp / "store", args)
    store = world.store
    count = store.db.execute
    results = count("SELECT count(*) FROM result").fetchone()[0]
    month_results = count("SELECT count(*) FROM result WHERE month = ? AND counted = 1",
                          [office_world.MONTH]).fetchone()[0]
    tally = count("SELECT count(*) FROM result_tally").fetchone()[0]
    districts = count("SELECT count(DISTINCT district) FROM site").fetchone()[0]
    overdue = len(world.overdue)
    out(f"world made in {fmt_s(time.perf_counter() - start)} "
        f"(of which the bulk load {fmt_s(world.load_seconds)}): "
        f"{world.inspections:,} inspections × {args.results_per_inspection} = {results:,} "
        f"results over 12 months ({office_world.MONTHS[0]}..{office_world.MONTHS[-1]}), "
        f"{month_results:,} counted in {office_world.MONTH}; {world.sites:,} sites of "
        f"{world.site_types} types, {world.units:,} units, {districts} districts; "
        f"{world.notices} notices "
        f"({overdue} overdue at {office_world.NOW:%Y-%m-%d %H:%M} CST), {world.photos} photos; "
        f"result_tally {tally:,} rows; the database file {_file_gb(world.store.path)}")
    out()
    return world


def _file_gb(path: Path) -> str:
    size = path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(
        f"{path.name}-*"))
    return f"{size / 1e9:.2f} GB" if size >= 1e8 else f"{size / 1e6:.0f} MB"


def section_baseline(world: office_world.World, tmp: Path) -> sqlite3.Connection:
    conn, seconds = make_flat(world.store.path, tmp / "flat.db")
    rows = conn.execute("SELECT count(*) FROM flat").fetchone()[0]
    out(f"baseline table: CREATE TABLE flat AS SELECT result ⋈ inspection ⋈ site "
        f"({rows:,} rows, index on month) in {fmt_s(seconds)}")
    out()
    return conn


def _phases(timer: PhaseTimer) -> str:
    return "; ".join(f"{name} {fmt_ms(timer.mean(name))} ({timer.calls[name] // timer.runs}×)"
                     for _, name in timer.WRAPPED if timer.calls[name])


def office_desk(world) -> OfficeDesk:
    """The office's desk on the world's store, acting as its office profile."""
    session = Services(world.store)
    session.user = world.office
    return session.office


def section_dashboard(args, world, conn) -> list[Figure]:
    from ui.dialogs.dashboard import gather  # the refresh as the dialog runs it

    out(f"1. dashboard refresh for {office_world.MONTH}: office.months + "
        f"ui.dialogs.dashboard.gather (median of {args.reps})")
    desk, scope = office_desk(world), Scope(office_world.PERIOD)
    figures = []
    for by in ("district", "unit"):
        timer = DashboardPhases()

        def refresh(by=by, timer=timer):
            with timer.installed():
                desk.months()
                return gather(desk, scope, by)

        t, snapshot = median_time(refresh, args.reps)
        base_t, fetched = median_time(
            lambda by=by: baseline_dashboard(conn, office_world.PERIOD, by), args.reps)
        report(f"refresh by {by} ({len(snapshot.figures)} groups)", fmt_ms(t),
               f"the same aggregates on flat ({fetched:,} rows fetched)", fmt_ms(base_t),
               ratio(t, base_t))
        out(f"   where the time went (mean per refresh): {_phases(timer)}")
        figures.append(Figure(f"dashboard refresh by {by}", t, base_t,
                              DASHBOARD_TARGET_S[args.size]))
    out()
    return figures


def section_rankings(args, world, conn) -> list[Figure]:
    out(f"2. rankings for {office_world.MONTH}: rankings.standings with the negative list "
        f"(median of {args.reps})")
    scope, figures = Scope(office_world.PERIOD), []
    for by in ("unit", "district"):
        timer = RankingPhases()

        def rank(by=by, timer=timer):
            with timer.installed():
                return rankings.standings(world.store, scope, by)

        t, standings = median_time(rank, args.reps)
        base_t, fetched = median_time(
            lambda by=by: baseline_ranking(conn, office_world.PERIOD, by), args.reps)
        hit = sum(1 for s in standings if s.hits)
        report(f"standings by {by} ({len(standings)} ranked, {hit} with negative-list hits)",
               fmt_ms(t), f"the same aggregates on flat ({fetched:,} rows)", fmt_ms(base_t),
               ratio(t, base_t))
        out(f"   where the time went (mean per ranking): {_phases(timer)}")
        figures.append(Figure(f"standings by {by}", t, base_t,
                              RANKING_TARGET_S[args.size]))
    out()
    return figures


def section_bulletin(args, world, conn, tmp: Path) -> list[Figure]:
    out(f"3. bulletin PDF of {office_world.MONTH}: reports.bulletin_pdf.write_bulletin "
        f"(median of {args.bulletin_reps})")
    if importlib.util.find_spec("reports.bulletin_pdf") is None:
        out("   SKIPPED: reports/bulletin_pdf.py is not there yet (it is being written); "
            "run this again when it is")
        out()
        return []
    from reports import bulletin_exposure, bulletin_pdf

    written, times = None, []
    for rep in range(args.bulletin_reps):
        start = time.perf_counter()
        written = bulletin_pdf.write_bulletin(world.store, office_world.PERIOD,
                                              tmp / f"bulletin-{rep}.pdf", office_world.NOW)
        times.append(time.perf_counter() - start)
    t = statistics.median(times)
    gathered = bulletin.gather(world.store, office_world.PERIOD, office_world.NOW)
    line_count = _table_lines(gathered, bulletin_exposure)
    previews = [photos.preview_of(world.store, pid)
                for pid in bulletin_exposure.photo_ids_shown(gathered.overdue)]
    store_conn = sqlite3.connect(world.store.path)

    def baseline(rep: int = 0) -> int:
        rows = baseline_bulletin_rows(conn, store_conn, office_world.PERIOD)
        lines = [" ".join(str(v) for v in rows[i % len(rows)]) for i in range(line_count)]
        return bare_canvas(lines, previews, tmp / f"bare-{rep}.pdf")

    base_times, base_pages = [], 0
    for rep in range(args.bulletin_reps):
        start = time.perf_counter()
        base_pages = baseline(rep)
        base_times.append(time.perf_counter() - start)
    store_conn.close()
    base_t = statistics.median(base_times)
    report(f"bulletin: {written.pages} pages, {written.size_bytes / 1e6:.1f} MB, "
           f"{line_count} table rows, {len(previews)} photos", fmt_s(t),
           f"GROUP BYs on flat + bare canvas ({base_pages} pages)", fmt_s(base_t),
           ratio(t, base_t))
    gather_t, _ = median_time(lambda: bulletin.gather(world.store, office_world.PERIOD,
                                                      office_world.NOW), args.bulletin_reps)
    out(f"   of which gathering the figures (model.office.bulletin.gather) {fmt_s(gather_t)}, "
        f"the layout and the file {fmt_s(t - gather_t)}; runs {', '.join(map(fmt_s, times))}")
    out()
    return [Figure("bulletin PDF", t, base_t, BULLETIN_TARGET_S)]


def section_workbook(args, world, conn, tmp: Path) -> list[Figure]:
    """The month's workbook as ``report xlsx`` writes it, against the same number of rows of
    each sheet fetched from flat and written plain into a write-only openpyxl workbook."""
    from reports import spreadsheets

    out(f"4. workbook of {office_world.MONTH}: reports.spreadsheets.write_xlsx "
        f"(median of {args.bulletin_reps})")
    times, written = [], None
    for rep in range(args.bulletin_reps):
        start = time.perf_counter()
        written = spreadsheets.write_xlsx(world.store, office_world.PERIOD,
                                          tmp / f"workbook-{rep}.xlsx", now=office_world.NOW)
        times.append(time.perf_counter() - start)
    t = statistics.median(times)
    base_t, _ = median_time(lambda: bare_workbook(conn, written.rows, tmp / "bare.xlsx"),
                            args.bulletin_reps)
    sheets = ", ".join(f"{name} {count:,}" for name, count in written.rows.items())
    report(f"workbook: {written.size_bytes / 1e6:.1f} MB, rows {sheets}", fmt_s(t),
           "as many flat rows into a bare write-only workbook", fmt_s(base_t), ratio(t, base_t))
    out()
    return [Figure("workbook", t, base_t, WORKBOOK_TARGET_S)]


def bare_workbook(conn, rows: dict[str, int], target: Path) -> int:
    """Write, for each sheet, its number of rows of flat (11 columns) plainly; return cells."""
    from openpyxl import Workbook

    workbook, cells = Workbook(write_only=True), 0
    for name, count in rows.items():
        sheet = workbook.create_sheet(name)
        for row in conn.execute("SELECT * FROM flat WHERE outcome = 'fail' LIMIT ?", [count]):
            sheet.append(row)
            cells += len(row)
    workbook.save(target)
    return cells


def section_window(args, world) -> list[Figure]:
    """The office's main window on the year's store, started as bench_ui starts it (a fresh
    process, signed in in code, until the first idle turn after the first paint), against a
    bare PySide6 window; and the peak memory at that moment."""
    from bench import bench_ui  # its start-up children (it sets Qt offscreen)

    out("5. the office's main window on this store: start to usable, bench_ui's child "
        f"(median of {1 if args.quick else args.reps} each, after a discarded warm-up)")
    os.environ[bench_ui.SIGN_IN_AS] = f"{world.office.staff_no}:{office_world.PASSWORD}"
    runs, reps = {"bare": [], "program": []}, 1 if args.quick else args.reps
    for rep in range(reps + 1):
        for kind in runs:
            result = bench_ui.start_once(kind, world.store.data_dir)
            if rep:
                runs[kind].append(result)
    t, base_t = (statistics.median(r["marks"]["usable"] for r in runs[kind])
                 for kind in ("program", "bare"))
    peak = max(r["peak_rss_mb"] or r["rss_mb"] for r in runs["program"])
    report("usable office window", fmt_s(t), "bare PySide6 window", fmt_s(base_t),
           ratio(t, base_t))
    out(f"   peak memory of the program at that moment: {peak:.0f} MB (target < "
        f"{WINDOW_MEMORY_MB:.0f} MB: {verdict(peak < WINDOW_MEMORY_MB)}); marks of one run: "
        + ", ".join(f"{k} {v:.2f}" for k, v in runs["program"][0]["marks"].items()))
    out()
    return [Figure("office window usable", t, base_t, WINDOW_TARGET_S)]


def section_import(args, world, tmp: Path) -> list[Figure]:
    """A day's bundle into the office holding the year against into a new office (last: it
    changes the store)."""
    day = world.day
    out(f"6. office import of one laptop's bundle ({day.inspections:,} inspections, "
        f"{day.results:,} results): bench.office_import")
    t, base_t = office_import.measure(day, world.services, tmp, office_world.PASSWORD,
                                      args.reps)
    report("into the office holding the year", fmt_s(t),
           f"into a new office (median of {args.reps})", fmt_s(base_t), ratio(t, base_t))
    out()
    return [Figure(f"import into the year's store (target {office_import.TARGET_RATIO:g}× the "
                   "new office's)", t, base_t, base_t * office_import.TARGET_RATIO)]


def _table_lines(gathered: bulletin.Bulletin, exposure) -> int:
    """How many rows the bulletin's tables print (the exposure list as it cuts it)."""
    overdue = min(len(gathered.overdue), exposure.WITH_PHOTOS + exposure.LISTED)
    return (len(gathered.districts) + len(gathered.units) + len(gathered.categories)
            + len(gathered.site_types) + len(gathered.weakest) + len(gathered.trend) + overdue)


def section_explain(world) -> None:
    """SQLite's plan for each distinct statement a refresh by unit and a ranking by unit run
    (caught with the connection's trace callback, parameters filled in)."""
    out(f"query plans (EXPLAIN QUERY PLAN) of the statements run for {office_world.MONTH}:")
    from ui.dialogs.dashboard import gather

    desk, scope = office_desk(world), Scope(office_world.PERIOD)
    seen: list[str] = []
    conn = world.store.db.conn
    conn.set_trace_callback(seen.append)
    try:
        desk.months()
        gather(desk, scope, "unit")
        rankings.standings(world.store, scope, "unit")
    finally:
        conn.set_trace_callback(None)
    shapes: dict[str, str] = {}
    for sql in seen:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            shapes.setdefault(" ".join(sql.split())[:60], sql)
    for head, sql in shapes.items():
        plan = conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        out(f"   {head}…: " + " | ".join(row[-1] for row in plan))
    out()


def summary(figures: list[Figure]) -> None:
    parts = []
    for figure in figures:
        seconds = fmt_s(figure.seconds) if figure.seconds >= 1 else fmt_ms(figure.seconds)
        target = (f"{figure.target:.3g} s" if figure.target >= 1
                  else f"{figure.target * 1000:.3g} ms")
        parts.append(f"{figure.name} < {target}: {verdict(figure.seconds < figure.target)} "
                     f"({seconds}, {ratio(figure.seconds, figure.baseline):.2g}× baseline)")
    out("summary: " + "; ".join(parts))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=17_000)
    parser.add_argument("--results-per-inspection", type=int, default=60)
    parser.add_argument("--sites", type=int, default=1_000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--notices", type=int, default=300)
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--bulletin-reps", type=int, default=3)
    parser.add_argument("--import-inspections", type=int, default=1_000,
                        help="province: the inspections of the laptop bundle section 5 imports")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 1,000 inspections, 200 sites, 30 notices, few runs")
    parser.add_argument("--size", choices=("city", "province"), default="city",
                        help="province: 10 cities × 2,000 sites, each checked every month for "
                             "12 months (240,000 inspections, 14.4M results; --inspections is "
                             "then sites × 12), 3,840 units; built by bench/province_world.py")
    parser.add_argument("--explain", action="store_true",
                        help="print SQLite's query plans of the month's queries")
    parser.add_argument("--tmpdir", type=Path, default=None,
                        help="where to make the temporary directory (default: the system's)")
    args = parser.parse_args(argv)
    if min(args.inspections, args.results_per_inspection, args.sites, args.units) < 1:
        parser.error("--inspections, --results-per-inspection, --sites and --units must be "
                     "at least 1")
    if args.size == "province":
        args.sites, args.units, args.reps, args.bulletin_reps = 20_000, 3_840, 3, 1
        if args.quick:
            args.sites, args.units, args.import_inspections = 80, 20, 20
        args.inspections = args.sites * len(office_world.MONTHS)
    if args.quick:
        args.inspections, args.sites = min(args.inspections, 1_000), min(args.sites, 200)
        args.units, args.notices = min(args.units, 40), min(args.notices, 30)
        args.photos, args.reps, args.bulletin_reps = min(args.photos, 5), 3, 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-office-", dir=args.tmpdir) as name:
        tmp = Path(name)
        machine_header(args, tmp)
        world = section_world(args, tmp)
        conn = section_baseline(world, tmp)
        try:
            figures = section_dashboard(args, world, conn)
            figures += section_rankings(args, world, conn)
            figures += section_bulletin(args, world, conn, tmp)
            figures += section_workbook(args, world, conn, tmp)
            if world.day is not None:
                figures += section_window(args, world)
                figures += section_import(args, world, tmp)
            if args.explain:
                section_explain(world)
        finally:
            conn.close()
            world.store.close()
        summary(figures)
    out(f"(benchmark took {fmt_s(time.perf_counter() - started)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
