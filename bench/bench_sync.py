"""Benchmark of USB sync: an auditor's export, the office's import, the same import again, memory.

Run from the repository root::

    python bench/bench_sync.py [--inspections N] [--results-per-inspection M] [--photos P]
                               [--photo-size WxH] [--reps R] [--quick] [--profile]
                               [--tmpdir DIR]

Every figure is printed next to a baseline measured in the same run on the same
files, with their ratio. The machine this runs on may be a shared VM whose speed
drifts by tens of percent within a minute, so the throughputs are paired: each
timed export and import run is preceded immediately by a baseline run of its
own, the run's ratio is its bundle MB/s over its own baseline's photo MB/s, and
the ratio reported (and judged) is the median of those per-run ratios, printed
with their range; the baseline figure beside it is the median of the paired
baselines. Not a pytest test; ``tests/test_bench_smoke.py`` only checks that it
still runs.

The world, set up as in ``tests/model/test_sync.py``: an office store (profiles
O01 and A07, the 72 demo sites of Taiyuan, its certificate authority and its
own certificate) and an auditor's laptop (profile A07, key pair, certificate
issued by the office) that has imported the office's bundle (sites, checklist,
profiles). On the laptop, N inspections with M results each are bulk-loaded as
``bench/bench_store.py`` does (real rows of the real tables; the tallies kept
by their triggers), and P photos are added with ``Services.photos.add`` to P/2
of them (two each), which are then finished with ``Services.inspections.finish``;
so the originals, media rows and photo rows are real. Every inspection is
finished. The photos are JPEGs of ``--photo-size`` pixels (default 1600x1200,
300–500 KB each; 4000x3000, a phone's, makes them about 2.3 MB): 8 different
images (quality 83–90), each file with its own EXIF (capture time, GPS, a
unique image id), so every file has its own hash. The office and laptop stores
are closed once made and copied for each run, so every run starts from the same
state.

What is measured (defaults: 1,000 inspections × 60 results, 500 photos, median
of 3 runs; ``--quick``: 50 inspections, 20 photos, one run):

0. Baseline: ``cp`` of the laptop's photo originals into an empty folder, then
   ``sha256sum`` of the copies (subprocesses, no fsync), in MB/s of photo bytes.
   One run here, as a warm-up and for reference; the ratios use the baselines
   paired with the timed runs of sections 1 and 2.
1. Export: ``Services.sync.export`` to a folder, on a fresh copy of the laptop
   each run (so each run versions every record, as the first export after a
   field day does): observing each record's version, ``records.jsonl``, the zip
   with the originals stored, fsync, read-back verification, rename. MB/s of
   bundle file. Target: median of the paired ratios ≥ 0.5×. An export repeated on the same laptop
   (versions already made) is reported too.
2. Import: ``Services.sync.import_bundle`` of that bundle by the office, on a fresh
   copy of the office store each run: signature and every entry's hash
   checked, ``records.jsonl`` parsed, originals extracted (fsync'd), everything
   merged in one transaction. MB/s of bundle. Target: median of the paired
   ratios ≥ 0.5×.
3. The same bundle imported again by the same office (a no-op that still
   verifies the bundle). Target: < 10 % of the first import's time.
4. Memory of one export and one import: the Python heap's peak (tracemalloc,
   in runs of their own since it slows Python down) and the growth of the
   process's peak RSS (``VmHWM``, reset through ``/proc/self/clear_refs``, minus
   the RSS before; taken in the first timed run). Target: both < 10 % of the
   bundle's size ("flat": streamed, not loaded whole).

After each timed operation, where its time went (functions of ``model.sync.sync_export``,
``model.sync.sync_import``, ``model.sync.bundle_write``, ``model.sync.bundle_open``,
``model.sync.sync_records`` and ``model.sync.sync_versions`` wrapped with
timers, mean per run). ``--profile`` adds a cProfile listing of one export and
one import.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import cProfile  # noqa: E402
import datetime as dt  # noqa: E402
import importlib.util  # noqa: E402
import io  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import struct  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
import zipfile  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from PIL import Image  # noqa: E402

from bench import phases  # noqa: E402
from model import paths  # noqa: E402
from model.checklist import checklist  # noqa: E402
from model.inspections import tallies  # noqa: E402
from model.photos import imaging, media  # noqa: E402
from model.sites import sites  # noqa: E402
from model.store.ids import new_id  # noqa: E402
from model.sync import (  # noqa: E402
    bundle_format,
    bundle_open,
    bundle_write,
    sync_export,
    sync_import,
    sync_records,
    sync_versions,
)
from tests import worlds  # noqa: E402
from usecases.services import Services  # noqa: E402

SEED = 2026
PASSWORD = "bench-sync-pass"
SITES_CSV = paths.resources_dir() / "demo" / "taiyuan_sites.csv"
PHOTO_SIZE = (1600, 1200)  # the default of --photo-size
DISTINCT_IMAGES = 8
QUALITIES = (83, 84, 85, 86, 87, 88, 89, 90)  # 300–500 KB at 1600 × 1200, 2.3 MB at 4000 × 3000
PHOTOS_PER_INSPECTION = 2
FIRST_SHOT = dt.datetime(2026, 10, 12, 9, 0, 0)

THROUGHPUT_TARGET = 0.5  # × baseline
AGAIN_TARGET = 0.10  # of the first import
MEMORY_TARGET = 0.10  # of the bundle's size
MB = 1e6


def load_bench_store():
    """Import bench/bench_store.py (its row generators and report helpers)."""
    spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_store"] = module
    spec.loader.exec_module(module)
    return module


bs = load_bench_store()
out, ratio, report, fmt_s, verdict = bs.out, bs.ratio, bs.report, bs.fmt_s, bs.verdict


def mb_s(size: float, seconds: float) -> float:
    return size / MB / seconds if seconds > 0 else float("inf")


def fmt_rate(size: float, seconds: float) -> str:
    return f"{mb_s(size, seconds):.1f} MB/s ({size / MB:.0f} MB in {fmt_s(seconds)})"


# --------------------------------------------------------------------------- /proc


def proc_mb(key: str) -> float:
    """A ``VmRSS``-style value of this process, in MB (0 where /proc is missing)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name == key:
                return int(value.split()[0]) / 1024
    return 0.0


def reset_peak_rss() -> bool:
    """Reset this process's VmHWM to its current RSS (Linux ≥ 4.0); False if not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


@contextlib.contextmanager
def rss_growth() -> Iterator[dict]:
    """Measure how far the peak RSS rose above the RSS before (MB, in ``found["growth"]``)."""
    found = {"reset": reset_peak_rss()}
    before = proc_mb("VmRSS")
    yield found
    found["growth"] = max(0.0, proc_mb("VmHWM") - before) if found["reset"] else float("nan")


@contextlib.contextmanager
def heap_peak() -> Iterator[dict]:
    """Measure the Python heap's peak above its size before (bytes, in ``found["peak"]``)."""
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    found = {}
    try:
        yield found
    finally:
        found["peak"] = tracemalloc.get_traced_memory()[1] - before
        tracemalloc.stop()


# --------------------------------------------------------------------------- timing


class PhaseTimer(phases.PhaseTimer):
    """Wraps functions of the sync modules to add up the time spent in them."""

    WRAPPED = ((sync_export, "_local_events"), (sync_export, "json_bytes"),
               (bundle_write, "_write_part"), (bundle_write, "_verify_part"),
               (bundle_write, "_publish"), (bundle_open, "open_bundle"),
               (bundle_open.OpenedBundle, "hash_entries"), (sync_import, "_events"),
               (sync_import, "_extract_files"), (sync_import, "_merge_all"), (sync_records, "read"),
               (sync_records, "apply"), (sync_records, "apply_many"),
               (tallies.BulkTallies, "_finish"), (sync_versions, "observe"),
               (sync_versions, "merge"), (sync_records, "read_many"),
               (sync_versions.Observer, "observe"))


def median_run(times: list[float]) -> float:
    return statistics.median(times)


# --------------------------------------------------------------------------- photos


def base_images(size: tuple[int, int]) -> list[bytes]:
    """A few different JPEGs of ``size`` (smooth fields and grain, as photos compress)."""
    images = []
    for index in range(DISTINCT_IMAGES):
        fields = Image.effect_noise((16, 12), 90).convert("RGB").resize(
            size, Image.Resampling.BICUBIC)
        grain = Image.effect_noise(size, 25).convert("RGB")
        buffer = io.BytesIO()
        Image.blend(fields, grain, 0.2).save(buffer, "JPEG",
                                             quality=QUALITIES[index % len(QUALITIES)])
        images.append(buffer.getvalue())
    return images


def exif_segment(index: int) -> bytes:
    """An APP1 segment with camera-like EXIF: make, capture time, GPS near Taiyuan, unique id."""
    exif = Image.Exif()
    exif[0x010F] = "BenchCam"
    taken = FIRST_SHOT + dt.timedelta(minutes=3 * index)
    exif.get_ifd(0x8769).update({0x9003: taken.strftime("%Y:%m:%d %H:%M:%S"),
                                 0xA420: f"BENCHSYNC{index:023d}"})
    exif.get_ifd(0x8825).update({1: "N", 2: (37.0, 51.0, 36.0 + index % 20), 3: "E",
                                 4: (112.0, 33.0, float(index % 50))})
    payload = exif.tobytes()
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def write_photos(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    """``count`` JPEG files, each a base image with its own EXIF segment after JFIF's APP0."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = base_images(size)
    files = []
    for index in range(count):
        jpeg = bases[index % len(bases)]
        after_app0 = 4 + struct.unpack(">H", jpeg[4:6])[0]  # SOI, then APP0 and its length
        path = folder / f"IMG_{index:04d}.jpg"
        path.write_bytes(jpeg[:after_app0] + exif_segment(index) + jpeg[after_app0:])
        files.append(path)
    return files


# --------------------------------------------------------------------------- the world


@dataclass
class World:
    """Closed stores to copy for each run, and what is in them."""

    office_dir: Path
    laptop_dir: Path
    originals: list[Path]  # the laptop's photo originals
    photo_bytes: int  # their total size
    inspections: int
    results: int
    photos: int


def open_as(folder: Path, staff_no: str) -> Services:
    services = Services.open(folder)
    services.login(staff_no, PASSWORD)
    return services


def make_office(folder: Path) -> Services:
    """An office with two profiles, the demo sites, its authority and its own certificate."""
    return worlds.make_office(folder, PASSWORD, SITES_CSV)


def make_laptop(folder: Path, office: Services, stick: Path) -> Services:
    """A laptop enrolled with the office that has imported the office's bundle."""
    laptop = worlds.make_laptop(folder, office, PASSWORD)
    worlds.receive_office_bundle(office, [laptop], stick, PASSWORD)
    return laptop


def make_rows(laptop: Services, n: int, m: int, unfinished: int) -> tuple[list, list]:
    """Inspection and result rows (bench_store's columns); the first ``unfinished`` are left
    in progress so that photos can be added to them."""
    store, auditor_id = laptop.store, laptop.user.id
    rng = random.Random(SEED)
    edition_hash = checklist.active_hash(store)
    edition = checklist.load(store, edition_hash)
    all_sites = sites.search(store)
    plans = {s.site_type: bs.criterion_plan(edition, s.site_type, m) for s in all_sites}
    minute = dt.timedelta(minutes=1)
    inspection_rows, result_rows = [], []
    for index in range(n):
        site, month = rng.choice(all_sites), rng.choice(bs.MONTHS)
        started, finished = bs.start_time(rng, month), index >= unfinished
        inspection_id = new_id()
        inspection_rows.append((
            inspection_id, site.id, auditor_id, edition_hash,
            "finished" if finished else "in_progress", started.isoformat(),
            (started + m * minute).isoformat() if finished else None, month, site.site_type))
        for j, (code, category) in enumerate(plans[site.site_type]):
            outcome, instances = bs.draw(rng)
            location, note = ((rng.choice(bs.LOCATIONS), rng.choice(bs.NOTES))
                              if outcome == "fail" else ("", ""))
            result_rows.append((
                new_id(), inspection_id, code, outcome, instances, location, note,
                (started + j * minute).isoformat(), auditor_id, month, site.district,
                site.sub_district, site.site_type, site.unit_name, category, int(finished)))
    return inspection_rows, result_rows


def fill_laptop(laptop: Services, args, photo_files: list[Path]) -> int:
    """Bulk-load the inspections, add the photos, finish the rest; return the results made."""
    with_photos = -(-len(photo_files) // PHOTOS_PER_INSPECTION)
    inspection_rows, result_rows = make_rows(laptop, args.inspections,
                                             args.results_per_inspection, with_photos)
    with laptop.store.atomic() as db:
        db.conn.executemany(bs.insert_sql("inspection", bs.INSPECTION_COLUMNS), inspection_rows)
        db.conn.executemany(bs.insert_sql("result", bs.RESULT_COLUMNS), result_rows)
    laptop.warm_workers()
    for index, row in enumerate(inspection_rows[:with_photos]):
        files = photo_files[index * PHOTOS_PER_INSPECTION:(index + 1) * PHOTOS_PER_INSPECTION]
        outcomes = laptop.photos.add(row[0], files)
        refused = [o for o in outcomes if o.photo_id is None]
        if refused:
            raise RuntimeError(f"a generated photo was not stored: {refused[0]}")
        laptop.inspections.finish(row[0])
    return len(result_rows)


def make_world(args, tmp: Path) -> World:
    stick = tmp / "stick-office"
    stick.mkdir()
    office = make_office(tmp / "office")
    laptop = make_laptop(tmp / "laptop", office, stick)
    try:
        photo_files = write_photos(tmp / "camera", args.photos, args.photo_size)
        results = fill_laptop(laptop, args, photo_files)
        hashes = [r[0] for r in laptop.store.db.execute("SELECT sha256 FROM media")]
        originals = [media.original_path(laptop.store, sha) for sha in hashes]
    finally:
        laptop.close()
        office.close()
    shutil.rmtree(tmp / "camera")
    photo_bytes = sum(p.stat().st_size for p in originals)
    return World(tmp / "office", tmp / "laptop", originals, photo_bytes, args.inspections,
                 results, len(originals))


@contextlib.contextmanager
def copy_of(source: Path, target: Path, staff_no: str) -> Iterator[Services]:
    """A copy of a closed store, signed in; removed afterwards."""
    shutil.copytree(source, target)
    services = open_as(target, staff_no)
    try:
        yield services
    finally:
        services.close()
        shutil.rmtree(target, ignore_errors=True)


# --------------------------------------------------------------------------- sections


def machine_header(args, tmp: Path) -> None:
    out("CivicAudit sync benchmark")
    out(f"{bs.machine()}; python {platform.python_version()}")
    out(f"temp dir {tmp}")


def section_world(args, tmp: Path) -> World:
    start = time.perf_counter()
    world = make_world(args, tmp)
    width, height = args.photo_size
    out(f"world made in {fmt_s(time.perf_counter() - start)}: {world.inspections:,} finished "
        f"inspections, {world.results:,} results, {world.photos} photos of {width} × {height} "
        f"({world.photo_bytes / MB:.0f} MB, {world.photo_bytes / world.photos / 1e3:.0f} KB "
        f"each) on the laptop")
    out()
    return world


def baseline_once(originals: list[Path], folder: Path) -> float:
    """``cp`` the files into an empty folder and ``sha256sum`` the copies; return seconds."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    start = time.perf_counter()
    subprocess.run(["cp", "--", *map(str, originals), str(folder)], check=True)
    copies = [str(folder / p.name) for p in originals]
    subprocess.run(["sha256sum", "--", *copies], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    shutil.rmtree(folder)
    return seconds


@dataclass
class PairedRuns:
    """Timed runs, each paired with a baseline measured just before it."""

    seconds: list[float] = field(default_factory=list)
    base_rates: list[float] = field(default_factory=list)  # photo MB/s of each run's baseline

    def measure_baseline(self, world: World, tmp: Path) -> None:
        """Run this run's baseline; call it immediately before the timed operation."""
        seconds = baseline_once(world.originals, tmp / "baseline")
        self.base_rates.append(mb_s(world.photo_bytes, seconds))

    def ratios(self, size: int) -> list[float]:
        """Each run's bundle MB/s over its own baseline's photo MB/s."""
        return [ratio(mb_s(size, t), base)
                for t, base in zip(self.seconds, self.base_rates, strict=True)]


def report_paired(what: str, size: int, runs: PairedRuns) -> dict:
    """Print a timed operation's line; return its median time, rate and ratio."""
    seconds, ratios = median_run(runs.seconds), runs.ratios(size)
    found = {"seconds": seconds, "rate": mb_s(size, seconds), "ratio": statistics.median(ratios),
             "base_rate": statistics.median(runs.base_rates)}
    spread = f" (runs {min(ratios):.2g}–{max(ratios):.2g}×)" if len(ratios) > 1 else ""
    out(f"{what}: {fmt_rate(size, seconds)}  (baseline: cp + sha256sum just before each run, "
        f"median {found['base_rate']:.1f} MB/s; ratio {found['ratio']:.2g}×{spread})")
    return found


def section_baseline(world: World, tmp: Path) -> None:
    """One baseline run, as a warm-up and to say what the paired baselines are."""
    seconds = baseline_once(world.originals, tmp / "baseline")
    out(f"0. baseline: cp of the {world.photos} photo originals into an empty folder + "
        f"sha256sum of the copies: {fmt_rate(world.photo_bytes, seconds)} (one warm-up run). "
        f"Each timed export and import run below has a baseline run of its own just before "
        f"it; the ratios below are medians of those per-run ratios")
    out()


def print_export_phases(timer: PhaseTimer, total: float) -> None:
    reading = timer.mean("read") + timer.mean("read_many")
    versioning = timer.mean("observe")
    parts = [("records read and versioned (read + observe)", reading + versioning),
             ("records.jsonl and events encoded", timer.mean("_json")),
             ("audit events read", timer.mean("_local_events")),
             ("zip written + fsync (_write_part)", timer.mean("_write_part")),
             ("read back and verified (_verify_part)", timer.mean("_verify_part")),
             ("rename + folder fsync", timer.mean("_publish"))]
    rest = total - sum(t for _, t in parts)
    out("   where the time went (mean per run): " + "; ".join(
        f"{what} {fmt_s(t)}" for what, t in parts) + f"; the rest {fmt_s(rest)}")
    out(f"   (of the versions: records read {fmt_s(reading)}, versioned by observe "
        f"{fmt_s(versioning)})")


def section_export(args, world: World, tmp: Path) -> dict:
    """Time cold exports on fresh laptop copies; return the bundle, rate, ratio, RSS growth."""
    out(f"1. export: Services.sync.export of everything on a fresh copy of the laptop "
        f"(median of {args.reps})")
    timer, runs, found = PhaseTimer(), PairedRuns(), {}
    for rep in range(args.reps):
        stick = tmp / f"stick-{rep}"
        stick.mkdir()
        with copy_of(world.laptop_dir, tmp / "laptop-run", "A07") as laptop:
            runs.measure_baseline(world, tmp)
            with timer.installed(), rss_growth() as rss:
                start = time.perf_counter()
                path, counts = laptop.sync.export(stick, PASSWORD)
                runs.seconds.append(time.perf_counter() - start)
            if rep == 0:
                found.update(bundle=path, counts=counts, rss=rss["growth"])
                start = time.perf_counter()
                laptop.sync.export(tmp / "stick-0", PASSWORD)
                found["repeat"] = time.perf_counter() - start
        if rep:
            shutil.rmtree(stick)
    size = found["bundle"].stat().st_size
    found["size"] = size
    found.update(report_paired(f"export of {found['counts']['records']:,} records and "
                               f"{found['counts']['media']} originals", size, runs))
    print_export_phases(timer, statistics.mean(runs.seconds))
    records, deflated = zip_member_sizes(found["bundle"], sync_export.RECORDS_ENTRY)
    found["records_json"] = records
    out(f"   bundle {size / MB:.1f} MB, of which records.jsonl {records / MB:.1f} MB "
        f"({deflated / MB:.1f} MB deflated); a second export on the same laptop (versions "
        f"already made): {fmt_rate(size, found['repeat'])}")
    out()
    return found


def zip_member_sizes(path: Path, name: str) -> tuple[int, int]:
    """A member's size and its size in the zip."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
        return info.file_size, info.compress_size


def print_import_phases(timer: PhaseTimer, total: float) -> None:
    parts = [("verified: signature (open_bundle)", timer.mean("open_bundle")),
             ("entries hashed (hash_entries; a bundle seen before)", timer.mean("hash_entries")),
             ("events read", timer.mean("_events")),
             ("originals hashed, copied and fsynced on a second thread during the merge "
              "(_extract_files)", timer.mean("_extract_files")),
             ("merged in one transaction (_merge_all)", timer.mean("_merge_all"))]
    rest = total - sum(t for what, t in parts if "second thread" not in what)
    out("   where the time went (mean per run): " + "; ".join(
        f"{what} {fmt_s(t)}" for what, t in parts) + f"; the rest {fmt_s(rest)}")
    inner = [("local records read", timer.mean("read")), ("observe", timer.mean("observe")),
             ("merge of versions", timer.mean("merge")),
             ("records applied to the tables", timer.mean("apply") + timer.mean("apply_many")),
             ("tallies added back", timer.mean("_finish"))]
    merge_rest = timer.mean("_merge_all") - sum(t for _, t in inner)
    out("   (of the merge: " + "; ".join(f"{what} {fmt_s(t)}" for what, t in inner)
        + f"; events, commit and the rest {fmt_s(merge_rest)})")


def section_import(args, world: World, tmp: Path, exported: dict) -> dict:
    """Time imports into fresh office copies, then the same bundle again; return figures."""
    out(f"2. import: Services.sync.import_bundle of that bundle by a fresh copy of the office "
        f"(median of {args.reps})")
    timer, runs, found = PhaseTimer(), PairedRuns(), {}
    path, size = exported["bundle"], exported["size"]
    for rep in range(args.reps):
        with copy_of(world.office_dir, tmp / "office-run", "O01") as office:
            runs.measure_baseline(world, tmp)
            with timer.installed(), rss_growth() as rss:
                start = time.perf_counter()
                summary = office.sync.import_bundle(path)
                runs.seconds.append(time.perf_counter() - start)
            if rep == 0:
                found.update(summary=summary, rss=rss["growth"], first=runs.seconds[0])
                found["again"], found["again_summary"] = import_again(office, path)
    summary = found["summary"]
    found.update(report_paired(f"import ({summary.counts['new']:,} new records, "
                               f"{summary.media_copied} originals copied)", size, runs))
    print_import_phases(timer, statistics.mean(runs.seconds))
    out()
    out("3. the same bundle imported again by the same office")
    report(f"import again (already imported: {found['again_summary'].already_imported})",
           fmt_s(found["again"]), "the first import", fmt_s(found["first"]),
           ratio(found["again"], found["first"]))
    out()
    return found


def import_again(office: Services, path: Path) -> tuple[float, sync_import.ImportSummary]:
    start = time.perf_counter()
    summary = office.sync.import_bundle(path)
    return time.perf_counter() - start, summary


def section_memory(world: World, tmp: Path, exported: dict, imported: dict) -> dict:
    """Heap peaks of one export and one import (runs of their own); return name -> ratios."""
    out("4. memory: Python heap peak (tracemalloc, a run of its own) and peak RSS growth "
        "(first timed run)")
    stick = tmp / "stick-memory"
    stick.mkdir()
    with copy_of(world.laptop_dir, tmp / "laptop-memory", "A07") as laptop, heap_peak() as heap:
        laptop.sync.export(stick, PASSWORD)
    export_peak = heap["peak"]
    shutil.rmtree(stick)
    with copy_of(world.office_dir, tmp / "office-memory", "O01") as office, heap_peak() as heap:
        office.sync.import_bundle(exported["bundle"])
    import_peak = heap["peak"]
    size = exported["size"]
    found = {}
    for what, peak, rss in (("export", export_peak, exported["rss"]),
                            ("import", import_peak, imported["rss"])):
        worst = max(peak / MB, rss)
        report(f"{what} memory: heap peak {peak / MB:.1f} MB, RSS growth {rss:.1f} MB",
               f"worst {worst:.1f} MB", "the bundle's size", f"{size / MB:.1f} MB",
               ratio(worst * MB, size))
        found[what] = ratio(worst * MB, size)
    records = exported["counts"]["records"]
    out(f"   heap peak per record: export {export_peak / records / 1e3:.0f} KB, import "
        f"{import_peak / records / 1e3:.0f} KB ({records:,} records, records.jsonl "
        f"{exported['records_json'] / MB:.1f} MB); the originals are streamed in "
        f"{bundle_format.CHUNK // 1024} KB chunks")
    out()
    return found


def section_profile(world: World, tmp: Path, exported: dict) -> None:
    """cProfile listings of one export and one import (``--profile``)."""
    stick = tmp / "stick-profile"
    stick.mkdir()
    with copy_of(world.laptop_dir, tmp / "laptop-profile", "A07") as laptop:
        profile_call("export", lambda: laptop.sync.export(stick, PASSWORD))
    with copy_of(world.office_dir, tmp / "office-profile", "O01") as office:
        profile_call("import", lambda: office.sync.import_bundle(exported["bundle"]))
    shutil.rmtree(stick)


def profile_call(what: str, fn: Callable[[], object]) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(fn)
    for order in ("tottime", "cumulative"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(25)
        out(f"--- cProfile of one {what}, by {order}")
        out(text.getvalue().rstrip())
    out()


def summary(exported: dict, imported: dict, memory: dict) -> None:
    export_r, import_r = exported["ratio"], imported["ratio"]  # medians of the paired ratios
    again = ratio(imported["again"], imported["first"])
    parts = [f"export ≥ {THROUGHPUT_TARGET:g}× baseline: "
             f"{verdict(export_r >= THROUGHPUT_TARGET)} ({export_r:.2g}×)",
             f"import ≥ {THROUGHPUT_TARGET:g}× baseline: "
             f"{verdict(import_r >= THROUGHPUT_TARGET)} ({import_r:.2g}×)",
             f"import again < {AGAIN_TARGET:.0%} of the first: "
             f"{verdict(again < AGAIN_TARGET)} ({again:.1%})"]
    for what, r in memory.items():
        parts.append(f"{what} memory < {MEMORY_TARGET:.0%} of the bundle: "
                     f"{verdict(r < MEMORY_TARGET)} ({r:.1%})")
    out("summary: " + "; ".join(parts))


def photo_size(text: str) -> tuple[int, int]:
    """``--photo-size``: ``WxH``, two positive integers within what the app accepts."""
    match = re.fullmatch(r"([0-9]+)[x×]([0-9]+)", text.strip().lower())
    width, height = (int(match[1]), int(match[2])) if match else (0, 0)
    if width < 1 or height < 1:
        raise argparse.ArgumentTypeError(
            f"expected WxH, two positive integers such as 4000x3000, not {text!r}")
    if width * height > imaging.MAX_PIXELS:
        raise argparse.ArgumentTypeError(
            f"{text} is more than the {imaging.MAX_PIXELS:,} pixels the app accepts")
    return width, height


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=1_000)
    parser.add_argument("--results-per-inspection", type=int, default=60)
    parser.add_argument("--photos", type=int, default=500)
    parser.add_argument("--photo-size", type=photo_size, default=PHOTO_SIZE, metavar="WxH",
                        help="the photos' width and height in pixels (default: "
                             f"{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}; a phone's: 4000x3000)")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 50 inspections, 20 photos, one run")
    parser.add_argument("--profile", action="store_true",
                        help="also print cProfile listings of one export and one import")
    parser.add_argument("--tmpdir", type=Path, default=None,
                        help="where to make the temporary directory (default: the system's)")
    args = parser.parse_args(argv)
    if args.quick:
        args.inspections, args.photos, args.reps = 50, 20, 1
    if args.photos < 1 or args.reps < 1 or args.results_per_inspection < 1:
        parser.error("--photos, --reps and --results-per-inspection must be at least 1")
    if args.inspections * PHOTOS_PER_INSPECTION < args.photos:
        parser.error(f"at most {PHOTOS_PER_INSPECTION} photos per inspection")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-sync-", dir=args.tmpdir) as name:
        tmp = Path(name)
        machine_header(args, tmp)
        world = section_world(args, tmp)
        section_baseline(world, tmp)
        exported = section_export(args, world, tmp)
        imported = section_import(args, world, tmp, exported)
        memory = section_memory(world, tmp, exported, imported)
        if args.profile:
            section_profile(world, tmp, exported)
        summary(exported, imported, memory)
    out(f"(benchmark took {fmt_s(time.perf_counter() - started)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
