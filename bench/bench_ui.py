"""Benchmark of the desktop: start-up, switching inspections, typing a note, memory.

Run from the repository root::

    python bench/bench_ui.py [--inspections N] [--quick] [--profile] [--tmpdir DIR]

It sets ``QT_QPA_PLATFORM=offscreen`` for itself and its subprocesses. Every
figure is printed next to a baseline measured in the same run, with their
ratio. Not a pytest test; ``tests/test_bench_smoke.py`` only checks that it
still runs.

The store is made once, in a subprocess (so that the row generator's memory is
not counted in this process's figures): the demo city (``model.demo.demo.load``),
then inspections by demo auditor A07 bulk-loaded with ``bench/bench_store.py``'s
``make_dataset`` and ``bulk_load`` (60 results each) up to N inspections in all
(10,000; 300 with ``--quick``). Its settings name one of A07's in-progress
inspections as open at the last exit, as for an auditor in the middle of the
day, so a start reopens it. Everything runs signed in as A07.

What is measured:

1. Start-up, each run a fresh subprocess (runs alternate, after one discarded
   warm-up of each). The time counts from just before the parent's
   ``subprocess.Popen`` (the parent passes its ``time.time()`` in argv) to the
   moment the child finds its window usable, so it includes interpreter start
   and imports. Usable: the first ``QTimer.singleShot(0)`` after ``show()``
   that runs once the window has had its first paint. Baseline: a child that
   imports PySide6, creates a QApplication and a QMainWindow of the same size
   and shows it. The measured child does what ``main.py`` and
   ``ui.app.run`` do, in their order, with sign-in done in code instead of the
   login dialog: parse the arguments, set up logging, open the store
   (``Services.open``), ``Settings``, ``create_application``, the crash handler,
   ``TaskRunner``, ``services.login`` (scrypt), ``MainWindow``, ``show``. The
   login is reported alone and the start also without it, since in a real start
   the dialog waits for the user and the hashing happens after Enter. The child
   also reports which heavy modules (ReportLab, pyHanko, Pillow, NumPy) were
   imported by then: none may be. Target: ≤ 1.5× baseline.
2. Switching inspections: ``MainWindow.open_inspection`` on random
   inspections, alone and with the repaint that follows (``processEvents``).
   Baseline: ``services.inspections.detail(id)`` on the same inspections (the data
   load). Target: < 50 ms.
3. Typing a note: a QTimer probe ticking every 10 ms records the gaps between
   its ticks while a second timer types one character into the finding
   editor's note field every 25 ms (``QTest.keyClicks``, ASCII) on the open
   in-progress inspection, whose current criterion was first marked failed;
   every keystroke stores drafts in SQLite (synchronous=FULL). Then Escape
   stores the note as the result's text, and the probe goes on for 2.5 s, which
   covers the navigator refresh the window runs 1.5 s after a result change.
   Baseline: the same probe and typing into a plain ``QPlainTextEdit``
   connected to nothing. Target: no gap over 100 ms (reported for the typing
   and, separately, for the time after Escape).
4. Memory: resident set size (``VmRSS``) after opening 100 inspections one
   after another (after the other sections, in the same process). Baseline:
   the RSS of the bare-window start-up child (and, for information, of this
   process just after the QApplication was made). Target: < 300 MB.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Only the standard library at the top: the start-up children run this file too, and the bare
# baseline must import nothing the measured child would not.
import argparse  # noqa: E402
import gc  # noqa: E402
import importlib.util  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402

os.environ["QT_QPA_PLATFORM"] = "offscreen"

SEED = 2027
AUDITOR, PASSWORD = "A07", "demo-pass"  # model.demo.demo's auditor and password
SIGN_IN_AS = "CIVICAUDIT_BENCH_SIGN_IN"  # "staff_no:password" instead (bench_office's office)
RESULTS_PER_INSPECTION = 60
WINDOW_SIZE = (1400, 860)  # the main window's default size
HEAVY_MODULES = ("reportlab", "pyhanko", "PIL", "numpy")
JSON_PREFIX = "BENCH-JSON "
CHILD_TIMEOUT_S = 300

START_TARGET_RATIO = 1.5
SWITCH_TARGET_MS = 50.0
STALL_TARGET_MS = 100.0
MEMORY_TARGET_MB = 300.0
PROBE_INTERVAL_MS = 10
KEY_INTERVAL_MS = 25
AFTER_ESCAPE_MS = 2500  # watch the event loop this long after the note is stored
# ASCII: QTest.keyClicks asserts on other characters (a Chinese IME commits whole words anyway).
TYPED = "north gate, 3F: shop sign broken, litter by the bins; told the manager. "


def load_bench_store():
    """Import bench/bench_store.py (its dataset, bulk-load and report helpers)."""
    spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_store"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def load_bench_module(name: str):
    """Import bench/<name>.py, a part of this benchmark kept in a file of its own."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rss_mb() -> float:
    """This process's resident set size now (VmRSS), or its peak where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def peak_rss_mb() -> float | None:
    """This process's peak resident set size (VmHWM), if /proc says."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))]


def emit_json(payload: dict) -> None:
    sys.stdout.write(JSON_PREFIX + json.dumps(payload) + "\n")
    sys.stdout.flush()


def read_json(stdout: str) -> dict:
    for line in stdout.splitlines():
        if line.startswith(JSON_PREFIX):
            return json.loads(line[len(JSON_PREFIX):])
    raise RuntimeError("the child printed no result")


def run_child(*argv: str) -> tuple[dict, float]:
    """Run this file as a child; return its JSON result and the wall time of the whole run."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *argv]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          timeout=CHILD_TIMEOUT_S, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"child {argv[0]} failed ({done.returncode}):\n{done.stderr}")
    return read_json(done.stdout), wall


# --------------------------------------------------------------------------- children


def child_build(data_dir: str, inspections: int) -> None:
    """Make the store: the demo city, then A07's inspections bulk-loaded up to ``inspections``."""
    bs = load_bench_store()
    from model.demo import demo
    from ui import settings as declared
    from usecases.services import Services

    timings = {}
    t = time.perf_counter()
    services = Services.open(Path(data_dir))
    demo.load(services.store)
    timings["demo"] = time.perf_counter() - t
    auditor = services.login(AUDITOR, PASSWORD)
    store = services.store
    existing = store.db.execute("SELECT count(*) FROM inspection").fetchone()[0]
    t = time.perf_counter()
    data = bs.make_dataset(store, auditor.id, max(0, inspections - existing),
                           RESULTS_PER_INSPECTION)
    timings["generate"] = time.perf_counter() - t
    timings["load"] = bs.bulk_load(store, data, "executemany")["total"]
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    open_id = _in_progress_inspection(services, auditor.id)
    settings = declared.Settings(Path(data_dir))
    settings.set(declared.OPEN_INSPECTION, open_id)
    counts = {name: store.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
              for name in ("inspection", "result", "site")}
    services.close()
    emit_json({"timings": timings, "counts": counts, "demo_inspections": existing,
               "open_inspection": open_id})


def _in_progress_inspection(services, auditor_id: str) -> str:
    """The newest in-progress inspection of the auditor (one is started if there is none)."""
    row = services.store.db.execute(
        "SELECT id FROM inspection WHERE status = 'in_progress' AND auditor_id = ?"
        " ORDER BY started_at DESC LIMIT 1", [auditor_id]).fetchone()
    if row:
        return row[0]
    return services.inspections.start(services.sites.search()[0].id).id


def child_start(kind: str, t0: float, data_dir: str | None, profile: bool) -> None:
    """Start a bare window or the real program; report times since ``t0`` (parent's clock)."""
    marks = {"python": time.time() - t0}  # interpreter up, this file's stdlib imports done
    importers = watch_heavy_imports()

    def mark(name: str) -> None:
        marks[name] = time.time() - t0

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    login = 0.0
    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        mark("imports")
        app = QApplication(sys.argv[:1])
        mark("application")
        window = QMainWindow()
        window.resize(*WINDOW_SIZE)
        mark("window")
    else:
        app, window, login = _start_program(data_dir, mark)
    _report_when_usable(app, window, {"marks": marks, "login": login, "importers": importers},
                        mark, profiler)


class _HeavyImportWatcher:
    """A meta-path finder that only notes which file first imported a heavy module."""

    def __init__(self, found: dict[str, str]):
        self.found = found

    def find_spec(self, name, path=None, target=None):
        if name in HEAVY_MODULES and name not in self.found:
            frame = sys._getframe(1)
            while frame and "importlib" in frame.f_code.co_filename:
                frame = frame.f_back
            where = Path(frame.f_code.co_filename) if frame else Path("?")
            self.found[name] = f"{where.parent.name}/{where.name}:{frame.f_lineno if frame else 0}"
        return None  # the normal finders do the importing


def watch_heavy_imports() -> dict[str, str]:
    """Start noting who imports a heavy module; return the dict that fills in."""
    found: dict[str, str] = {}
    sys.meta_path.insert(0, _HeavyImportWatcher(found))
    return found


def _start_program(data_dir: str, mark):
    """What main.py → ui.app.run do up to a shown window, signing in in code."""
    import main as entry
    from cli.parser import build_parser
    from model import paths
    from ui import app as ui_app
    from ui import settings as declared
    from ui.diagnostics import install_crash_handler
    from ui.mainwindow import MainWindow
    from ui.tasks import TaskRunner
    from usecases.services import Services

    mark("imports")
    args = build_parser().parse_args(["--data-dir", data_dir])
    folder = paths.data_dir(args.data_dir)
    entry.setup_logging(folder, args.verbose)
    services = Services.open(folder)
    mark("services")
    settings = declared.Settings(folder)
    app = ui_app.create_application(args.lang or settings.get(declared.LANGUAGE))
    install_crash_handler(folder / "logs")
    tasks = TaskRunner(app)
    mark("application")
    started = time.time()
    who, _, password = os.environ.get(SIGN_IN_AS, f"{AUDITOR}:{PASSWORD}").partition(":")
    services.login(who, password)
    login = time.time() - started
    mark("login")
    window = MainWindow(services, settings, tasks)
    mark("window")
    window._bench_keep = (services, tasks)  # keep them alive until the child exits
    return app, window, login


def _report_when_usable(app, window, payload: dict, mark, profiler) -> None:
    """Show the window; at the first singleShot(0) after show that follows a paint, report."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    state = {"painted": False, "idle": False}

    def finish() -> None:
        mark("usable")
        if profiler is not None:
            profiler.disable()
        payload.update(heavy=sorted(name for name in HEAVY_MODULES
                                    if sys.modules.get(name) is not None),
                       modules=len(sys.modules), rss_mb=rss_mb(), peak_rss_mb=peak_rss_mb(),
                       painted_before_idle=state["painted_at_idle"])
        if profiler is not None:
            payload["profile"] = _profile_text(profiler)
        emit_json(payload)
        os._exit(0)  # no teardown: nothing after "usable" is measured

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and not state["painted"]:
                state["painted"] = True
                mark("first paint")
                if state["idle"]:
                    QTimer.singleShot(0, finish)
            return False

    def on_idle() -> None:
        state["idle"] = True
        state["painted_at_idle"] = state["painted"]
        if state["painted"]:
            finish()

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    window.show()
    mark("shown")
    QTimer.singleShot(0, on_idle)
    app.exec()


def _profile_text(profiler, limit: int = 30) -> str:
    import io
    import pstats

    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(limit)
    return stream.getvalue()


def run_as_child(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "build":
        child_build(argv[1], int(argv[2]))
    elif kind == "first":
        load_bench_module("ui_first_openings").child_first(argv[1], argv[2], _start_program,
                                                            emit_json)
    else:
        child_start(kind, float(argv[1]), argv[2] if len(argv) > 2 else None,
                    "--profile" in argv)
    return 0


# --------------------------------------------------------------------------- sections


def build_store(bs, args, data_dir: Path) -> dict:
    t = time.perf_counter()
    built, _ = run_child("build", str(data_dir), str(args.inspections))
    c, tm = built["counts"], built["timings"]
    bs.out(f"store: {c['inspection']:,} inspections ({built['demo_inspections']} of the demo "
           f"city, the rest A07's with {RESULTS_PER_INSPECTION} results each), "
           f"{c['result']:,} results, {c['site']} sites; built in a subprocess in "
           f"{bs.fmt_s(time.perf_counter() - t)} (demo {bs.fmt_s(tm['demo'])}, generating rows "
           f"{bs.fmt_s(tm['generate'])}, bulk load {bs.fmt_s(tm['load'])})")
    bs.out()
    return built


def start_once(kind: str, data_dir: Path, profile: bool = False) -> dict:
    argv = [kind, repr(time.time()), str(data_dir)]
    if profile:
        argv.append("--profile")
    result, wall = run_child(*argv)
    result["wall"] = wall
    return result


def section_start(bs, args, data_dir: Path) -> dict:
    """Alternate bare and real starts; return medians."""
    bs.out(f"1. start-up to a usable window (fresh subprocesses, median of {args.start_reps} "
           "each after a discarded warm-up; times from just before Popen, so interpreter "
           "start included)")
    runs = {"bare": [], "program": []}
    for n in range(args.start_reps + 1):
        for kind in runs:
            result = start_once(kind, data_dir)
            if n:
                runs[kind].append(result)

    def med(kind: str, key: str) -> float:
        return statistics.median(r["marks"][key] for r in runs[kind])

    bare, prog = runs["bare"], runs["program"]
    bare_t = med("bare", "usable")
    prog_t = med("program", "usable")
    login = statistics.median(r["login"] for r in prog)
    without = statistics.median(r["marks"]["usable"] - r["login"] for r in prog)
    what = "bare PySide6 QMainWindow shown"
    bs.report("usable main window, 10k store" if args.inspections >= 10_000
              else f"usable main window, {args.inspections:,}-inspection store",
              bs.fmt_s(prog_t), what, bs.fmt_s(bare_t), bs.ratio(prog_t, bare_t))
    bs.report("   the same less the sign-in (scrypt)", bs.fmt_s(without), what, bs.fmt_s(bare_t),
              bs.ratio(without, bare_t))
    bs.out(f"   sign-in (services.login, scrypt): median {bs.fmt_ms(login)}")
    bs.out("   program phases (median, s since Popen): "
           + ", ".join(f"{k} {med('program', k):.2f}" for k in prog[0]["marks"]))
    bs.out("   bare phases (median, s since Popen): "
           + ", ".join(f"{k} {med('bare', k):.2f}" for k in bare[0]["marks"]))
    bs.out(f"   whole child run incl. exit (parent's wall time, median): program "
           f"{bs.fmt_s(statistics.median(r['wall'] for r in prog))}, bare "
           f"{bs.fmt_s(statistics.median(r['wall'] for r in bare))}")
    heavy = sorted({m for r in prog for m in r["heavy"]})
    by = {m: r["importers"].get(m, "?") for r in prog for m in r["heavy"]}
    bs.out(f"   heavy modules imported by then: "
           f"{', '.join(f'{m} (by {by[m]})' for m in heavy) if heavy else 'none'} "
           f"(checked: {', '.join(HEAVY_MODULES)}); modules loaded: program "
           f"{prog[0]['modules']}, bare {bare[0]['modules']}")
    late = {kind: sum(not r["painted_before_idle"] for r in runs[kind]) for kind in runs}
    bs.out(f"   (first paint = the window's first paint event; usable once a singleShot(0) runs "
           f"after it. The first singleShot(0) after show() came before the first paint in "
           f"{late['program']} of {len(prog)} program and {late['bare']} of {len(bare)} bare "
           "runs)")
    if args.profile:
        profiled = start_once("program", data_dir, profile=True)
        bs.out("   cProfile of one program start (imports to usable, cumulative):")
        for line in profiled["profile"].splitlines():
            bs.out("   | " + line)
    bs.out()
    return {"ratio": bs.ratio(prog_t, bare_t), "ratio_without_login": bs.ratio(without, bare_t),
            "heavy": heavy, "bare_rss": statistics.median(r["rss_mb"] for r in bare),
            "program_rss": statistics.median(r["rss_mb"] for r in prog)}


class Gui:
    """The real window in this process, set up as the program sets it up."""

    def __init__(self, data_dir: Path):
        from ui import settings as declared
        from ui.app import create_application
        from ui.mainwindow import MainWindow
        from ui.tasks import TaskRunner
        from usecases.services import Services

        self.app = create_application("zh_CN")
        self.rss_after_application = rss_mb()
        self.services = Services.open(data_dir)
        self.services.login(AUDITOR, PASSWORD)
        self.tasks = TaskRunner(self.app)
        self.window = MainWindow(self.services, declared.Settings(data_dir), self.tasks)
        self.window.show()
        from PySide6.QtTest import QTest

        QTest.qWaitForWindowExposed(self.window)
        self.window.activateWindow()
        self.app.processEvents()
        self.rss_after_window = rss_mb()

    def inspection_ids(self) -> list[str]:
        rows = self.services.store.db.execute("SELECT id FROM inspection ORDER BY id")
        return [row[0] for row in rows]

    def close(self) -> None:
        self.window.hide()
        self.services.close()


def section_switch(bs, args, gui: Gui, profile: bool) -> dict:
    ids = random.Random(SEED).sample(gui.inspection_ids(), args.switches)
    bs.out(f"2. switching inspections ({len(ids)} random inspections, in this process)")
    base = []
    for inspection_id in ids:
        start = time.perf_counter()
        gui.services.inspections.detail(inspection_id)
        base.append(time.perf_counter() - start)
    calls, shown = [], []
    for inspection_id in ids:
        start = time.perf_counter()
        gui.window.open_inspection(inspection_id)
        called = time.perf_counter()
        gui.app.processEvents()
        calls.append(called - start)
        shown.append(time.perf_counter() - start)
    last_shown = gui.window.inspection_view.inspection_id
    base_t = statistics.median(base)
    what = "services.inspections.detail(id)"
    for name, times in (("window.open_inspection(id)", calls),
                        ("   the same with the repaint after it", shown)):
        bs.report(name, f"median {bs.fmt_ms(statistics.median(times))} "
                  f"(max {bs.fmt_ms(max(times))})", what,
                  f"median {bs.fmt_ms(base_t)} (max {bs.fmt_ms(max(base))})",
                  bs.ratio(statistics.median(times), base_t))
    if last_shown != ids[-1]:
        bs.out("   WARNING: the window does not show the last inspection opened")
    if profile:
        profile_switches(bs, gui, ids)
    bs.out()
    return {"median": statistics.median(shown), "max": max(shown)}


def profile_switches(bs, gui: Gui, ids: list[str]) -> None:
    """Switch through the same inspections again under cProfile (not timed) and print it."""
    import cProfile

    profiler = cProfile.Profile()
    for inspection_id in ids:
        profiler.enable()
        gui.window.open_inspection(inspection_id)
        gui.app.processEvents()
        profiler.disable()
    bs.out("   cProfile of the same switches, again, with their repaints (cumulative):")
    for line in _profile_text(profiler, 25).splitlines():
        bs.out("   | " + line)


@dataclass
class Typing:
    """What the probe saw while a text was typed and then left with Escape."""

    gaps: list[float]  # between probe ticks while typing, in seconds
    after_gaps: list[float]  # from Escape to the end of the tail
    keys: list[float]  # time each keystroke took
    escape: float  # time the Escape took


def type_and_probe(app, widget, text: str, tail_ms: int) -> Typing:
    """Type ``text`` into ``widget``, one character per KEY_INTERVAL_MS, then press Escape.

    A probe timer ticks every PROBE_INTERVAL_MS all along and for ``tail_ms`` after the Escape.
    """
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    ticks, keys, escape = [], [], {}
    remaining = list(text)
    loop = QEventLoop()
    probe = QTimer(interval=PROBE_INTERVAL_MS, timerType=Qt.TimerType.PreciseTimer)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    typist = QTimer(interval=KEY_INTERVAL_MS, timerType=Qt.TimerType.PreciseTimer)

    def type_one() -> None:
        start = time.perf_counter()
        if remaining:
            QTest.keyClicks(widget, remaining.pop(0))
            keys.append(time.perf_counter() - start)
            return
        typist.stop()
        QTest.keyClick(widget, Qt.Key.Key_Escape)
        escape.update(at=start, took=time.perf_counter() - start)
        QTimer.singleShot(tail_ms, loop.quit)

    typist.timeout.connect(type_one)
    widget.setFocus()
    app.processEvents()
    ticks.append(time.perf_counter())
    probe.start()
    typist.start()
    loop.exec()
    probe.stop()
    pairs = list(itertools.pairwise(ticks))
    return Typing([b - a for a, b in pairs if b <= escape["at"]],
                  [b - a for a, b in pairs if b > escape["at"]], keys, escape["took"])


def section_typing(bs, args, gui: Gui, open_id: str) -> dict:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit

    from model.inspections import drafts
    from model.inspections.inspections import Outcome

    text = (TYPED * (args.keys // len(TYPED) + 1))[:args.keys]
    tail_ms = AFTER_ESCAPE_MS
    bs.out(f"3. typing a note ({len(text)} characters, one every {KEY_INTERVAL_MS} ms, probe "
           f"timer every {PROBE_INTERVAL_MS} ms), then Escape and {tail_ms} ms more")
    plain = QPlainTextEdit()
    plain.resize(600, 200)
    plain.show()
    QTest.qWaitForWindowExposed(plain)
    base = type_and_probe(gui.app, plain, text, tail_ms)
    plain.hide()
    plain.deleteLater()

    window, view = gui.window, gui.window.inspection_view
    window.open_inspection(open_id)
    window.activateWindow()
    view.mark(Outcome.FAIL)  # so that Escape stores the note as the result's text
    QTest.qWait(200)  # let the mark's repaint settle
    note, code = view.editor.note, view.current_code()
    note.clear()
    typed = type_and_probe(gui.app, note, text, tail_ms)
    draft = gui.services.drafts.get(drafts.draft_key(open_id, code, "note"))
    stored = gui.services.inspections.result(open_id, code)

    what = "plain QPlainTextEdit"
    bs.report("longest gap between probe ticks while typing", bs.fmt_ms(max(typed.gaps)), what,
              bs.fmt_ms(max(base.gaps)), bs.ratio(max(typed.gaps), max(base.gaps)))
    p99, base_p99 = percentile(typed.gaps, 0.99), percentile(base.gaps, 0.99)
    bs.report("   99th percentile gap", bs.fmt_ms(p99), what, bs.fmt_ms(base_p99),
              bs.ratio(p99, base_p99))
    key_t, base_key_t = statistics.median(typed.keys), statistics.median(base.keys)
    bs.report("   one keystroke (drafts of location and note stored in SQLite)",
              f"median {bs.fmt_ms(key_t)} (max {bs.fmt_ms(max(typed.keys))})", what,
              f"median {bs.fmt_ms(base_key_t)}", bs.ratio(key_t, base_key_t))
    bs.report("Escape (the note becomes the result's text)", bs.fmt_ms(typed.escape), what,
              bs.fmt_ms(base.escape), bs.ratio(typed.escape, base.escape))
    after, base_after = max(typed.after_gaps), max(base.after_gaps)
    bs.report(f"   longest gap in the {tail_ms} ms after Escape (stored note, navigator row "
              "updated)", bs.fmt_ms(after), what,
              bs.fmt_ms(base_after), bs.ratio(after, base_after))
    ok = draft is None and stored is not None and stored.note == text.strip()
    bs.out(f"   ({len(typed.gaps)} probe gaps while typing; inspection editable: "
           f"{view.editable}; the typed note "
           f"{'was stored as the result text' if ok else 'was NOT stored as typed'})")
    bs.out()
    return {"max": max(typed.gaps), "after": after}


def section_memory(bs, args, gui: Gui, start: dict) -> dict:
    ids = random.Random(SEED + 1).sample(gui.inspection_ids(), args.memory_opens)
    bs.out(f"4. memory after opening {len(ids)} inspections in turn (after sections 2 and 3)")
    halfway = None
    for n, inspection_id in enumerate(ids, 1):
        gui.window.open_inspection(inspection_id)
        gui.app.processEvents()
        if n == len(ids) // 2:
            gc.collect()
            halfway = rss_mb()
    gc.collect()
    rss = rss_mb()
    bare = start["bare_rss"]
    bs.report("RSS", f"{rss:.0f} MB", "RSS of the bare-window start-up child", f"{bare:.0f} MB",
              bs.ratio(rss, bare))
    peak = peak_rss_mb()
    bs.out(f"   this process: {gui.rss_after_application:.0f} MB just after the QApplication, "
           f"{gui.rss_after_window:.0f} MB with the main window shown, {halfway:.0f} MB after "
           f"{len(ids) // 2} openings, {rss:.0f} MB after {len(ids)}"
           + (f"; peak {peak:.0f} MB" if peak else "")
           + f"; the program's start-up child: {start['program_rss']:.0f} MB")
    bs.out()
    return {"rss": rss}


def summary(bs, start: dict, switch: dict, typing: dict, memory: dict, first: dict) -> None:
    v = bs.verdict
    parts = [
        f"start ≤ {START_TARGET_RATIO:g}× bare window: "
        f"{v(start['ratio'] <= START_TARGET_RATIO)} ({start['ratio']:.2f}×)",
        f"the same less sign-in: {v(start['ratio_without_login'] <= START_TARGET_RATIO)} "
        f"({start['ratio_without_login']:.2f}×)",
        f"no heavy module at start: {v(not start['heavy'])}"
        + (f" ({', '.join(start['heavy'])})" if start["heavy"] else ""),
        f"switch < {SWITCH_TARGET_MS:g} ms: median {v(switch['median'] * 1000 < SWITCH_TARGET_MS)}"
        f" ({bs.fmt_ms(switch['median'])}), max {v(switch['max'] * 1000 < SWITCH_TARGET_MS)}"
        f" ({bs.fmt_ms(switch['max'])})",
        f"no stall > {STALL_TARGET_MS:g} ms while typing: "
        f"{v(typing['max'] * 1000 <= STALL_TARGET_MS)} ({bs.fmt_ms(typing['max'])}), "
        f"nor after leaving the note: {v(typing['after'] * 1000 <= STALL_TARGET_MS)} "
        f"({bs.fmt_ms(typing['after'])})",
        f"RSS < {MEMORY_TARGET_MB:g} MB: {v(memory['rss'] < MEMORY_TARGET_MB)} "
        f"({memory['rss']:.0f} MB)",
        f"first notice editor < 1 s: {v(first['editor'] < 1.0)} ({bs.fmt_ms(first['editor'])}; "
        f"{bs.fmt_ms(first['cold_editor'])} before the warm-up), first signed notice after the "
        f"warm-up {bs.fmt_ms(first['notice'][0])} against {bs.fmt_ms(first['notice'][1])} the "
        f"second time ({bs.fmt_ms(first['cold_notice'][0])} without it)",
    ]
    bs.out("summary: " + "; ".join(parts))


def header(bs, args, tmp: Path) -> None:
    import sqlite3

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    from PySide6 import __version__ as pyside_version

    bs.out("CivicAudit desktop benchmark")
    bs.out(f"machine: nproc {usable} (cpu_count {os.cpu_count()}), {platform.machine()}, "
           f"{platform.system()} {platform.release()}")
    bs.out(f"python {platform.python_version()}, PySide6 {pyside_version}, sqlite "
           f"{sqlite3.sqlite_version}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}; "
           f"temp dir {tmp}")
    bs.out()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=10_000,
                        help="inspections in the store in all, the demo city's included")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 300 inspections and fewer repetitions")
    parser.add_argument("--profile", action="store_true",
                        help="also print cProfile listings of one start and of the switches")
    parser.add_argument("--tmpdir", type=Path, default=None,
                        help="where to make the temporary directory (default: the system's)")
    args = parser.parse_args(argv)
    if args.inspections < 1:
        parser.error("--inspections must be at least 1")
    if args.quick:
        args.inspections = min(args.inspections, 300)
    args.start_reps = 1 if args.quick else 5
    args.switches = 8 if args.quick else 50
    args.keys = 30 if args.quick else 200
    args.memory_opens = 8 if args.quick else 100
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return run_as_child(argv[1:])
    args = parse_args(argv)
    bs = load_bench_store()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-ui-", dir=args.tmpdir) as name:
        tmp = Path(name)
        data_dir = tmp / "data"
        header(bs, args, tmp)
        built = build_store(bs, args, data_dir)
        start = section_start(bs, args, data_dir)
        gui = Gui(data_dir)
        try:
            ids_total = len(gui.inspection_ids())
            args.switches = min(args.switches, ids_total)
            args.memory_opens = min(args.memory_opens, ids_total)
            switch = section_switch(bs, args, gui, args.profile)
            typing = section_typing(bs, args, gui, built["open_inspection"])
            memory = section_memory(bs, args, gui, start)
        finally:
            gui.close()
        first = load_bench_module("ui_first_openings").section_first_openings(
            bs, run_child, data_dir)
        summary(bs, start, switch, typing, memory, first)
    bs.out(f"(benchmark took {bs.fmt_s(time.perf_counter() - started)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
