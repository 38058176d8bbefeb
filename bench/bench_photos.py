"""Benchmark of evidence photos: ingest, previews, the GUI during an import, memory, a gallery.

Run from the repository root::

    python bench/bench_photos.py [--photos N] [--quick] [--profile] [--tmpdir DIR]
                                 [--keep-photos DIR]

Every figure is printed next to a baseline measured in the same run on the same
files, with their ratio. Not a pytest test; ``tests/test_bench_smoke.py`` only
checks that it still runs. The GUI parts run in child processes with
``QT_QPA_PLATFORM=offscreen`` (each a fresh process, so their memory figures
are their own); this process never imports Qt.

Photos are generated with Pillow once per run (``--keep-photos DIR`` keeps them
between runs): 50 camera-like JPEGs of 4000 × 3000 (12 MP), quality 92, about
4 MB each (a smooth scene plus per-pixel grain, so they compress like photos),
each with an sRGB colour profile and EXIF (make, model, capture time with
offset, exposure, GPS with accuracy, a unique image id), orientations 1–8 in
turn. The memory section uses 500 of 2000 × 1500 (3 MP): 25 different images,
each copied with another image id in its EXIF, so every file has its own hash.
All files are read from the page cache (they were just written), as are the
baselines'.

What is measured (sizes for the defaults; ``--quick``: 4 photos, 20 for memory,
80 thumbnails, one repetition):

1. Baselines, on the same files: (a) ``sha256`` of each file's bytes;
   (b) Pillow ``Image.open`` + ``thumbnail((320, 320))`` (draft mode: for
   4000 × 3000 the decoder scales by 1/4 while reading, as ingest does) + JPEG
   encoding to memory, single process and in a pool of as many processes as
   ingest uses (per core = pool rate ÷ processes); (c) ``vipsthumbnail -s 320``
   from Debian's ``libvips-tools`` (one process, ``VIPS_CONCURRENCY=1``, and as
   many processes as ingest uses, the files split between them); skipped, and
   said so, when it is not installed.
2. Ingest: ``Services.photos.add`` of all photos into a fresh store (hash,
   EXIF, upright 320 px thumbnail in ingest's worker processes; original
   copied, verified and fsync'd into the media store; thumbnail cached; record
   and audit event committed), median of 5 runs. Target: ingest photos/s
   divided by the number of worker processes ≥ 0.8 × baseline (b)
   single-process photos/s. Where the time goes is printed after it: CPU per
   photo of the workers and of the main process (against the cores there
   are), the main process's part of each photo (timed around
   ``model.photos.photos``'s own functions) and the worker's part (cProfile of
   ``analyse_file`` on a few photos in this process; ``--profile`` prints the
   listing), with Pillow's decode alone at the draft scale ingest asks for and
   at the next smaller one. The start of ingest's process pool is timed alone,
   and one photo alone (as from the camera). Spawned workers first run their
   parent's ``__main__`` file: while ingest and previews are measured (here and
   in the GUI children) that is made ``main.py``, as in the program, not this
   file. The baselines' pools use the platform's default start method.
3. Previews: ``Services.photos.make_previews`` (1600 px upright copies with EXIF) of
   the photos just ingested. Baseline: Pillow draft-mode 1600 px copies encoded
   to memory, in a pool of the same size. No target; reported for planning.
4. The event loop during an import (child process): the real
   ``EvidencePanel`` (camera faked off) with a ``TaskRunner`` imports the
   folder of photos exactly as a user's "Add folder": ``PhotoImporter`` runs
   ``Services.open_as(...).add_photos`` on a worker thread (which starts the
   process pool), the progress dialog appears after 500 ms, and the previews
   follow in a quiet task. A 10 ms ``QTimer`` on the GUI thread records the gaps
   between its ticks. Baseline: the same probe for 2 s with nothing running.
   Target: no gap over 100 ms, during the ingest (including the panel's
   refresh when it ends) and during the previews.
5. Memory (child process): the same import of 500 photos of 3 MP. The main
   process's peak RSS (``VmHWM``, reset through ``/proc/self/clear_refs`` before
   each phase) and the worker processes' peak RSS (``VmHWM``, read every 50 ms
   from ``/proc/<pid>/status``; their PSS too, which splits pages they share
   with other processes, such as those of libraries, between them). Baseline:
   the child's RSS with the panel shown, before the import. Target: main
   process < 400 MB.
6. A gallery of 2,000 thumbnails (child process): 2,000 photo rows (with media
   rows) whose 320 px thumbnails are in ``media/thumbs`` and whose originals do
   not exist, shown in the evidence panel's thumbnail strip, then scrolled
   page by page to the end, each page painted. Reported: time to show, time to
   scroll, the longest page, RSS; and that no original was opened (none
   exists; an audit hook counts Python ``open()`` calls on ``media/``
   outside the caches; every thumbnail drawn came from ``media/thumbs``).
   Baseline: the child's RSS before the panel, and for time, decoding the same
   thumbnails into ``QPixmap`` and scaling them to the strip's size, with
   nothing shown.
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
import functools  # noqa: E402
import hashlib  # noqa: E402
import importlib.util  # noqa: E402
import inspect  # noqa: E402
import io  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import multiprocessing  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402

from bench import phases  # noqa: E402

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # for the GUI children

import PIL  # noqa: E402
from PIL import Image, ImageChops, ImageCms, features  # noqa: E402
from PIL.ExifTags import GPS, IFD, Base  # noqa: E402
from PIL.TiffImagePlugin import IFDRational  # noqa: E402

from model import paths  # noqa: E402
from model.people.profiles import Role  # noqa: E402
from model.photos import imaging, media, photos  # noqa: E402
from model.photos.photos import Flag, IngestStatus  # noqa: E402
from model.photos.workers import PixelWorkers  # noqa: E402
from model.store.ids import new_id  # noqa: E402
from usecases.services import Services  # noqa: E402

PHOTO_SIZE = (4000, 3000)
MEMORY_SIZE = (2000, 1500)
QUALITY = 92
GRAIN = 5  # ± levels of per-pixel grain: about 4 MB per 12 MP at quality 92
GENERATOR_VERSION = 1
UID_PLACEHOLDER = b"BENCHUID" + b"0" * 24  # EXIF ImageUniqueID, 32 ASCII characters
FIRST_SHOT = dt.datetime(2026, 5, 12, 9, 0, 0)

OFFICE, AUDITOR, PASSWORD = "BENCH-O", "BENCH-A", "bench-password"
SITES_CSV = paths.resources_dir() / "demo" / "taiyuan_sites.csv"
INGEST_WORKERS = PREVIEW_WORKERS = inspect.signature(PixelWorkers).parameters["count"].default
THUMB_EDGE, PREVIEW_EDGE = imaging.THUMB_EDGE, imaging.PREVIEW_EDGE
THUMB_QUALITY = 85

INGEST_TARGET_RATIO = 0.8
STALL_TARGET_MS = 100.0
MEMORY_TARGET_MB = 400.0
PROBE_INTERVAL_MS = 10
IDLE_PROBE_MS = 2000
TAIL_MS = 300  # the probe goes on this long after the previews are made
SAMPLE_INTERVAL_S = 0.05
PANEL_SIZE = (1000, 260)
JSON_PREFIX = "BENCH-JSON "
CHILD_TIMEOUT_S = 900
PROFILE_PHOTOS = 6


def load_bench_store():
    """Import bench/bench_store.py (its report helpers)."""
    spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_store"] = module
    spec.loader.exec_module(module)
    return module


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def fmt_rate(photos_per_s: float) -> str:
    return f"{photos_per_s:.1f} photos/s"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))]


# --------------------------------------------------------------------------- /proc


def proc_status(pid: int | str, *keys: str) -> dict[str, float]:
    """Values (in MB) of ``VmRSS``-style lines of /proc/<pid>/status; {} if it is gone."""
    found = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in keys:
                found[name] = int(value.split()[0]) / 1024
    return found


def proc_pss(pid: int | str) -> float | None:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return None


def rss_mb() -> float:
    return proc_status("self", "VmRSS").get("VmRSS", 0.0)


def reset_peak_rss() -> bool:
    """Reset this process's VmHWM to its current RSS (Linux ≥ 4.0); False if not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float:
    return proc_status("self", "VmHWM").get("VmHWM", 0.0)


def machine_busy_s() -> float:
    """CPU seconds all processes have used since boot (/proc/stat), or 0."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def is_resource_tracker(pid: int) -> bool:
    """multiprocessing's resource tracker, a child that is no pool worker."""
    with contextlib.suppress(OSError):
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    return False


def child_pids() -> set[int]:
    """The live children of this process (of any of its threads) but the resource tracker."""
    pids: set[int] = set()
    for entry in Path("/proc/self/task").glob("*/children"):
        with contextlib.suppress(OSError):
            pids.update(int(p) for p in entry.read_text().split())
    return {pid for pid in pids if not is_resource_tracker(pid)}


class Sampler(threading.Thread):
    """Reads this process's RSS and its children's RSS, peak RSS and PSS every 50 ms."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, float, dict[int, tuple[float, float, float]]]] = []
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(SAMPLE_INTERVAL_S):
            kids = {}
            for pid in child_pids():
                status = proc_status(pid, "VmRSS", "VmHWM")
                if "VmHWM" in status:
                    kids[pid] = (status["VmRSS"], status["VmHWM"], proc_pss(pid) or 0.0)
            self.samples.append((time.perf_counter(), rss_mb(), kids))

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def summary(self, start: float, end: float) -> dict:
        """Peak figures of the samples taken between ``start`` and ``end``."""
        within = [s for s in self.samples if start <= s[0] < end]
        peaks: dict[int, list[float]] = {}
        for _, _, kids in within:
            for pid, (_rss, hwm, pss) in kids.items():
                best = peaks.setdefault(pid, [0.0, 0.0])
                best[0], best[1] = max(best[0], hwm), max(best[1], pss)
        concurrent = max((sum(k[0] for k in kids.values()) for _, _, kids in within), default=0)
        return {"main_rss_max": max((s[1] for s in within), default=0.0),
                "workers": len(peaks),
                "workers_hwm": sorted(p[0] for p in peaks.values()),
                "workers_pss": sorted(p[1] for p in peaks.values()),
                "workers_rss_concurrent": concurrent}


# --------------------------------------------------------------------------- photos


@functools.cache
def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_exif(index: int, size: tuple[int, int]) -> bytes:
    """EXIF as a phone writes it: camera, capture time with offset, exposure, GPS, image id."""
    taken = (FIRST_SHOT + dt.timedelta(minutes=2 * index)).strftime("%Y:%m:%d %H:%M:%S")
    exif = Image.Exif()
    exif.update({Base.Make: "BenchCam", Base.Model: "BC-12 Pro", Base.DateTime: taken,
                 Base.Orientation: index % 8 + 1})
    exif.get_ifd(IFD.Exif).update({
        Base.DateTimeOriginal: taken, Base.DateTimeDigitized: taken,
        Base.OffsetTimeOriginal: "+08:00", Base.OffsetTime: "+08:00",
        Base.ExposureTime: IFDRational(1, 250), Base.FNumber: IFDRational(18, 10),
        Base.ISOSpeedRatings: 100, Base.FocalLength: IFDRational(42, 10),
        Base.ExifImageWidth: size[0], Base.ExifImageHeight: size[1],
        Base.ImageUniqueID: UID_PLACEHOLDER.decode("ascii")})
    exif.get_ifd(IFD.GPSInfo).update({
        GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: (37.0, 51.0, 36.0 + index % 50 / 10),
        GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: (112.0, 33.0, 12.0 + index % 40 / 10),
        GPS.GPSHPositioningError: IFDRational(5, 1)})
    return exif.tobytes()


def scene(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Smooth colour areas, finer texture and per-pixel grain: compresses like a photo."""
    width, height = size

    def field(cells: tuple[int, int]) -> Image.Image:
        small = Image.frombytes("RGB", cells, rng.randbytes(cells[0] * cells[1] * 3))
        return small.resize(size, Image.Resampling.BILINEAR)

    base = Image.blend(field((16, 12)), field((width // 5, height // 5)), 0.3)
    lut = [128 + (v * (2 * GRAIN + 1)) // 256 - GRAIN for v in range(256)]
    grain = Image.frombytes("L", size, rng.randbytes(width * height)).point(lut)
    return ImageChops.add(base, Image.merge("RGB", (grain, grain, grain)), scale=1.0,
                          offset=-128)


def photo_name(index: int) -> str:
    return f"IMG_{index:04d}.jpg"


def write_copies(job: tuple[str, tuple[int, int], int, list[int]]) -> int:
    """Pool job: make one image and write it as each of ``indices``, each with its own id."""
    folder, size, base, indices = job
    rng = random.Random(f"civicaudit-bench-{size[0]}x{size[1]}-{base}")
    buffer = io.BytesIO()
    scene(size, rng).save(buffer, "JPEG", quality=QUALITY, exif=camera_exif(base, size),
                          icc_profile=srgb_profile())
    data = buffer.getvalue()
    if data.count(UID_PLACEHOLDER) != 1:
        raise RuntimeError("the image id placeholder is not unique in the JPEG")
    written = 0
    for index in indices:
        uid = f"BENCH{index:027d}".encode("ascii")
        (Path(folder) / photo_name(index)).write_bytes(data.replace(UID_PLACEHOLDER, uid))
        written += len(data)
    return written


def photo_set(folder: Path, count: int, size: tuple[int, int], distinct: int) -> list[Path]:
    """Return ``count`` photos in ``folder``, made now unless a finished set is there."""
    manifest = {"count": count, "size": list(size), "distinct": distinct, "quality": QUALITY,
                "grain": GRAIN, "generator": GENERATOR_VERSION, "pillow": PIL.__version__}
    files = [folder / photo_name(i) for i in range(count)]
    done = folder / "manifest.json"
    if done.exists() and json.loads(done.read_text()) == manifest and all(
            f.exists() for f in files):
        return files
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(str(folder), size, base, list(range(base, count, distinct)))
            for base in range(min(distinct, count))]
    with ProcessPoolExecutor(usable_cpus()) as pool:
        list(pool.map(write_copies, jobs))
    done.write_text(json.dumps(manifest))
    return files


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def unique_copy(source: Path, target: Path, index: int) -> Path:
    """A copy of a generated photo with another image id (so another hash)."""
    uid = f"BENCH{index:027d}".encode("ascii")
    data = source.read_bytes()
    start = data.index(b"BENCH")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data[:start] + uid + data[start + len(uid):])
    return target


# --------------------------------------------------------------------------- store


def fresh_services(data_dir: Path) -> tuple[Services, str]:
    """A new store with an office, an auditor (signed in), the demo sites and one inspection."""
    services = Services.open(data_dir)
    services.people.create("基准办公室", OFFICE, Role.OFFICE, PASSWORD, "创城办")
    services.login(OFFICE, PASSWORD)
    services.people.create("基准巡检员", AUDITOR, Role.AUDITOR, PASSWORD, "督查一组")
    services.sites.import_csv(SITES_CSV)
    services.login(AUDITOR, PASSWORD)
    site = services.sites.search()[0]
    return services, services.inspections.start(site.id).id


# --------------------------------------------------------------------------- baselines


def hash_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pillow_thumbnail(path: Path) -> int:
    """Baseline (b): Image.open + thumbnail((320, 320)) (draft mode) + JPEG to memory."""
    with Image.open(path) as image:
        image.thumbnail((THUMB_EDGE, THUMB_EDGE))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=THUMB_QUALITY)
    return len(buffer.getvalue())


def pillow_preview(path: Path) -> int:
    """Baseline for previews: draft-mode decode to ≥ 1600 px, resize, JPEG to memory."""
    with Image.open(path) as image:
        image.draft("RGB", (PREVIEW_EDGE, PREVIEW_EDGE * image.height // image.width))
        image.thumbnail((PREVIEW_EDGE, PREVIEW_EDGE))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=THUMB_QUALITY)
    return len(buffer.getvalue())


@contextlib.contextmanager
def workers_start_like_the_app() -> Iterator[None]:
    """Make spawned workers run main.py as their __mp_main__, as the app's workers do.

    A spawned worker first runs its parent's ``__main__`` file; here that would be this
    benchmark, whose imports are not the program's, so the measured start-up would be wrong.
    """
    main = sys.modules["__main__"]
    saved = main.__dict__.get("__file__")
    main.__file__ = str(ROOT / "main.py")
    try:
        yield
    finally:
        main.__file__ = saved


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_of(reps: int, fn: Callable[[], object]) -> float:
    return statistics.median(timed(fn) for _ in range(reps))


def in_pool(fn: Callable, files: list[Path], workers: int) -> None:
    """Run ``fn`` over the files in a new pool (its start counted, as ingest's is)."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(fn, files))


class CpuClock:
    """CPU seconds used meanwhile by this process, by its children (ended ones, and live ones
    such as the session's photo workers, read from /proc), and by everything else on the
    machine (from /proc/stat; 0 where there is none)."""

    def __enter__(self) -> CpuClock:
        self._main, self._children = time.process_time(), self._children_now()
        self._machine, self._wall = machine_busy_s(), time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.main = time.process_time() - self._main
        self.children = self._children_now() - self._children
        self.wall = time.perf_counter() - self._wall
        busy = machine_busy_s() - self._machine
        self.others = max(0.0, busy - self.main - self.children) if busy else 0.0

    @property
    def others_share(self) -> float:
        """Other processes' CPU meanwhile, as a share of one core."""
        return self.others / self.wall if self.wall > 0 else 0.0

    @staticmethod
    def _children_now() -> float:
        try:
            import resource
        except ImportError:  # Windows: the workers' CPU is not counted
            return 0.0
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime + sum(map(live_cpu_s, child_pids()))


def live_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a live process has used so far; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def vips_thumbnails(vips: str, files: list[Path], out_dir: Path, processes: int) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "VIPS_CONCURRENCY": "1"}
    pattern = f"{out_dir}/%s.jpg[Q={THUMB_QUALITY}]"
    running = [subprocess.Popen([vips, "-s", str(THUMB_EDGE), "-o", pattern,
                                 *map(str, files[k::processes])], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for k in range(processes)]
    for proc in running:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"vipsthumbnail failed: {err.decode(errors='replace')}")


def section_baselines(bs, args, files: list[Path], tmp: Path) -> dict:
    n, reps = len(files), args.reps
    mb = sum(f.stat().st_size for f in files) / 1e6
    bs.out(f"1. baselines on the same {n} photos ({mb / n:.1f} MB each; median of {reps})")
    found = {}
    section_clock = CpuClock().__enter__()
    t = median_of(reps, lambda: [hash_file(f) for f in files])
    found["sha"] = rate(n, t)
    bs.out(f"(a) sha256 of the bytes: {fmt_rate(found['sha'])} ({mb / t:.0f} MB/s)")
    pillow_thumbnail(files[0])  # warm up the decoder in this process
    found["pillow"] = rate(n, median_of(reps, lambda: [pillow_thumbnail(f) for f in files]))
    with CpuClock() as cpu:
        found["pillow_pool"] = rate(n, median_of(
            reps, lambda: in_pool(pillow_thumbnail, files, INGEST_WORKERS)))
    found["pillow_pool_cpu"] = cpu.children / (n * reps)
    bs.out(f"(b) Pillow draft-mode {THUMB_EDGE} px thumbnails, one process: "
           f"{fmt_rate(found['pillow'])} ({1000 / found['pillow']:.0f} ms a photo)")
    bs.out(f"    the same in a pool of {INGEST_WORKERS} processes: "
           f"{fmt_rate(found['pillow_pool'])}, "
           f"{fmt_rate(found['pillow_pool'] / INGEST_WORKERS)} per process (CPU "
           f"{1000 * found['pillow_pool_cpu']:.0f} ms a photo)")
    vips = shutil.which("vipsthumbnail")
    if vips is None:
        bs.out("(c) vipsthumbnail: not installed (apt-get install -y libvips-tools); skipped")
    else:
        version = subprocess.run([vips, "--vips-version"], capture_output=True, text=True,
                                 check=False).stdout.strip()
        for processes in (1, INGEST_WORKERS):
            t = median_of(reps, lambda p=processes: vips_thumbnails(
                vips, files, tmp / f"vips-{p}", p))
            found[f"vips_{processes}"] = rate(n, t)
        bs.out(f"(c) vipsthumbnail -s {THUMB_EDGE} ({version}, VIPS_CONCURRENCY=1, upright), "
               f"one process: {fmt_rate(found['vips_1'])}; {INGEST_WORKERS} processes: "
               f"{fmt_rate(found[f'vips_{INGEST_WORKERS}'])}, "
               f"{fmt_rate(found[f'vips_{INGEST_WORKERS}'] / INGEST_WORKERS)} per process")
    section_clock.__exit__(None, None, None)
    bs.out(f"   (other processes on the machine used {section_clock.others_share:.0%} of a core "
           "meanwhile)")
    bs.out()
    return found


# --------------------------------------------------------------------------- ingest


class PhaseTimer(phases.PhaseTimer):
    """Wraps functions of model.photos.photos / model.photos.media to add up their time."""

    WRAPPED = ((photos, "_ingest_one"), (media, "store_original"), (media, "write_bytes"),
               (photos, "_already_attached"), (photos, "_flags"), (photos, "_record"))


def ingest_once(folder: Path, files: list[Path], timer: PhaseTimer | None = None
                ) -> tuple[float, CpuClock, Services, str, list]:
    services, inspection_id = fresh_services(folder)
    started(services.workers)  # as the app does once its window is up
    with timer.installed() if timer else contextlib.nullcontext(), CpuClock() as cpu:
        start = time.perf_counter()
        outcomes = services.photos.add(inspection_id, files)
        seconds = time.perf_counter() - start
    return seconds, cpu, services, inspection_id, outcomes


def started(workers: PixelWorkers) -> None:
    """Start every worker process and wait until each has run a job."""
    workers.warm()
    list(workers.map(time.sleep, [0.05] * 2 * workers.count))  # long enough for each to take one


def statuses(outcomes) -> str:
    counts = Counter(o.status.value for o in outcomes)
    return ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))


def section_ingest(bs, args, files: list[Path], base: dict, tmp: Path) -> dict:
    n = len(files)
    bs.out(f"2. ingest: Services.photos.add of the {n} photos into a fresh store "
           f"({INGEST_WORKERS} worker processes, started beforehand as the app starts them "
           f"when its window opens; median of {args.ingest_reps})")
    runs, cpus, timer = [], [], PhaseTimer()
    services = None
    for rep in range(args.ingest_reps):
        if services is not None:
            services.close()
            shutil.rmtree(tmp / f"ingest-{rep - 1}")
        last = rep == args.ingest_reps - 1
        seconds, cpu, services, inspection_id, outcomes = ingest_once(
            tmp / f"ingest-{rep}", files, timer if last else None)
        runs.append(seconds)
        cpus.append((cpu.main / n, cpu.children / n, cpu.others_share))
    t = statistics.median(runs)
    speed = rate(n, t)
    per_worker = speed / INGEST_WORKERS
    r = bs.ratio(per_worker, base["pillow"])
    bs.report("ingest (hash + EXIF + stored original + upright thumbnail + record), per worker "
              "process", f"{fmt_rate(per_worker)} ({fmt_rate(speed)} in all)",
              "(b) Pillow thumbnails, one process", fmt_rate(base["pillow"]), r)
    bs.out(f"   against (b) in a pool of {INGEST_WORKERS}: ratio "
           f"{bs.ratio(speed, base['pillow_pool']):.2g}×; against (a) sha256 alone: "
           f"{bs.ratio(speed, base['sha']):.2g}×"
           + (f"; against (c) vipsthumbnail, {INGEST_WORKERS} processes: "
              f"{bs.ratio(speed, base[f'vips_{INGEST_WORKERS}']):.2g}×"
              if f"vips_{INGEST_WORKERS}" in base else ""))
    bs.out(f"   (runs: {', '.join(bs.fmt_s(s) for s in runs)}; outcomes of the last: "
           f"{statuses(outcomes)})")
    start_cost = pool_start_cost()
    main_cpu = statistics.median(c[0] for c in cpus)
    workers_cpu = statistics.median(c[1] for c in cpus)
    cores = usable_cpus()
    bs.out(f"   CPU a photo: workers {bs.fmt_ms(workers_cpu)}, main process "
           f"{bs.fmt_ms(main_cpu)}, together {bs.fmt_ms(workers_cpu + main_cpu)} "
           f"(the (b) pool's workers: {bs.fmt_ms(base['pillow_pool_cpu'])}); {cores} cores "
           f"allow at most {fmt_rate(cores / (workers_cpu + main_cpu))}; other processes on "
           f"the machine used {statistics.median(c[2] for c in cpus):.0%} of a core meanwhile")
    bs.out(f"   the pool's start ({INGEST_WORKERS} workers started by '{pool_start_method()}', "
           f"each running main.py and importing model.photos before its first photo), measured "
           f"alone with nothing to do: {bs.fmt_ms(start_cost.wall)}, CPU "
           f"{bs.fmt_ms(start_cost.children)} ({bs.fmt_ms(start_cost.children / n)} of the CPU "
           "a photo above); the app pays it once a session, when its window opens, not per import")
    print_main_phases(bs, timer, runs[-1], n)
    print_worker_phases(bs, files, base, args.profile)
    single = section_single_photo(bs, services, inspection_id, files[0], tmp, base)
    bs.out()
    return {"rate": speed, "per_worker": per_worker, "ratio": r, "services": services,
            "others": statistics.median(c[2] for c in cpus),
            "inspection_id": inspection_id, "single": single}


def print_main_phases(bs, timer: PhaseTimer, total: float, n: int) -> None:
    s = timer.seconds
    main = s["_ingest_one"]
    parts = (("copy + hash + fsync of the original", s["store_original"]),
             ("thumbnail write + fsync", s["write_bytes"]),
             ("duplicate check", s["_already_attached"]), ("flags", s["_flags"]),
             ("record + audit event, commit", s["_record"]))
    bs.out(f"   where the last run's {bs.fmt_s(total)} went, per photo: main process "
           f"{bs.fmt_ms(main / n)} (" + ", ".join(f"{what} {bs.fmt_ms(v / n)}" for what, v in parts)
           + f"); waiting for the workers and the rest {bs.fmt_ms((total - main) / n)}")


PROFILED = {  # function name -> what it is, for the worker's part
    ("exifmeta.py", "read_meta"): "EXIF",
    ("ImageFile.py", "load"): "decode (draft)",
    ("Image.py", "thumbnail"): "resize to 320 px",
    ("Image.py", "transpose"): "orientation",
    ("Image.py", "save"): "JPEG encode",
    ("media.py", "sha256_of"): "sha256",
    ("Image.py", "open"): "open (header)",
}


def print_worker_phases(bs, files: list[Path], base: dict, show_profile: bool) -> None:
    """cProfile analyse_file (the worker's job) on a few photos in this process."""
    sample = files[:PROFILE_PHOTOS]
    photos.analyse_file(sample[0])  # warm up
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for path in sample:
        photos.analyse_file(path)
    profiler.disable()
    wall = (time.perf_counter() - start) / len(sample)
    stats = pstats.Stats(profiler)
    found = Counter()
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        key = (Path(filename).name, name)
        if key in PROFILED:
            found[PROFILED[key]] += cumulative / len(sample)
    bs.out(f"   worker's part, per photo (analyse_file under cProfile, {len(sample)} photos, "
           f"one process): {bs.fmt_ms(wall)} against {bs.fmt_ms(1 / base['pillow'])} for (b); "
           + ", ".join(f"{what} {bs.fmt_ms(found[what])}" for what in dict.fromkeys(
               PROFILED.values())))
    sizes = {}
    for edge in (2 * THUMB_EDGE, THUMB_EDGE):
        sizes[edge] = decode_at(sample[0], edge)
        start = time.perf_counter()
        for path in sample:
            decode_at(path, edge)
        sizes[edge] += ((time.perf_counter() - start) / len(sample),)
    (w4, h4, t4), (w8, h8, t8) = sizes[2 * THUMB_EDGE], sizes[THUMB_EDGE]
    bs.out(f"   Pillow decode + LANCZOS to {THUMB_EDGE} px alone: drafting for {2 * THUMB_EDGE} px "
           f"(as ingest asks) decodes {w4} × {h4}, {bs.fmt_ms(t4)}; drafting for {THUMB_EDGE} px "
           f"decodes {w8} × {h8}, {bs.fmt_ms(t8)}")
    if show_profile:
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(25)
        for line in buffer.getvalue().splitlines():
            bs.out("   | " + line)


def decode_at(path: Path, edge: int) -> tuple[int, int]:
    """Decode a JPEG in draft mode for a long edge of ``edge`` and resize it to a thumbnail
    (LANCZOS, as ingest does); return the size decoded."""
    with Image.open(path) as image:
        image.draft("RGB", (edge, max(1, edge * image.height // image.width)))
        image.load()
        decoded = image.size
        image.thumbnail((THUMB_EDGE, THUMB_EDGE), Image.Resampling.LANCZOS)
        return decoded


def section_single_photo(bs, services: Services, inspection_id: str, source: Path, tmp: Path,
                         base: dict) -> dict:
    """One photo alone, as each camera capture is imported, and what starting the pool costs."""
    one = unique_copy(source, tmp / "single" / "one.jpg", 900_001)
    t = timed(lambda: services.photos.add(inspection_id, [one]))
    bs.report("   one photo alone (as from the camera), whole ingest", bs.fmt_ms(t),
              "(b) for one photo", bs.fmt_ms(1 / base["pillow"]), bs.ratio(t, 1 / base["pillow"]))
    return {"one": t}


def pool_start_cost() -> CpuClock:
    """Start ingest's pool, give each worker a trivial job, stop it: wall and CPU time."""
    with CpuClock() as cpu, PixelWorkers(INGEST_WORKERS) as workers:
        started(workers)
    return cpu


# --------------------------------------------------------------------------- previews


def section_previews(bs, args, files: list[Path], ingest: dict) -> dict:
    services = ingest["services"]
    bs.out(f"3. previews: services.photos.make_previews ({PREVIEW_EDGE} px upright copies with "
           f"EXIF) of the photos just ingested ({PREVIEW_WORKERS} worker processes)")
    start = time.perf_counter()
    made = services.photos.make_previews()
    t = time.perf_counter() - start
    derived = media.root(services.store) / "derived"
    copies = len(list(derived.glob("*.jpg"))) if derived.is_dir() else 0
    services.close()
    base_t = median_of(args.reps, lambda: in_pool(pillow_preview, files, PREVIEW_WORKERS))
    speed, base_speed = rate(made, t), rate(len(files), base_t)
    bs.report(f"previews ({made} made: the {len(files)} and the single photo; with them "
              f"{copies} stamped {photos.PRINT_EDGE} px print copies, as an auditor's laptop "
              "makes them)", fmt_rate(speed),
              f"Pillow draft-mode {PREVIEW_EDGE} px to memory, pool of {PREVIEW_WORKERS}",
              fmt_rate(base_speed), bs.ratio(speed, base_speed))
    bs.out()
    return {"rate": speed}


# --------------------------------------------------------------------------- GUI children


def emit_json(payload: dict) -> None:
    sys.stdout.write(JSON_PREFIX + json.dumps(payload) + "\n")
    sys.stdout.flush()


def run_child(*argv: str) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *argv]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          timeout=CHILD_TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child {argv[0]} failed ({done.returncode}):\n{done.stderr}")
    for line in done.stdout.splitlines():
        if line.startswith(JSON_PREFIX):
            return json.loads(line[len(JSON_PREFIX):])
    raise RuntimeError(f"child {argv[0]} printed no result:\n{done.stderr}")


def gap_summary(gaps: list[float]) -> dict:
    return {"max": max(gaps, default=0.0), "p99": percentile(gaps, 0.99), "count": len(gaps)}


def child_import(data_dir: str, folder: str) -> None:
    """Import a folder through the evidence panel; probe the event loop, sample memory."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from ui.app import create_application
    from ui.camera import FakeCameraSource
    from ui.tasks import TaskRunner
    from ui.widgets.evidence_panel import EvidencePanel

    app = create_application("zh_CN")
    services, inspection_id = fresh_services(Path(data_dir))
    tasks = TaskRunner(app)
    panel = EvidencePanel(services, camera=FakeCameraSource(available=False))
    panel.set_tasks(tasks)
    panel.resize(*PANEL_SIZE)
    panel.show()
    QTest.qWaitForWindowExposed(panel)
    panel.show_for(inspection_id, None, editable=True)
    app.processEvents()

    ticks: list[float] = []
    probe = QTimer(interval=PROBE_INTERVAL_MS, timerType=Qt.TimerType.PreciseTimer)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    sampler = Sampler()
    sampler.start()
    loop = QEventLoop()
    marks: dict[str, float] = {}
    peaks: dict[str, float] = {}
    outcomes: list = []

    def mark(name: str) -> None:
        marks[name] = time.perf_counter()

    ticks.append(time.perf_counter())
    probe.start()
    mark("idle")
    QTimer.singleShot(IDLE_PROBE_MS, loop.quit)
    loop.exec()
    mark("idle_end")  # gaps from here on count for the import (its start included)
    rss_before = rss_mb()
    peak_reset = reset_peak_rss()

    def on_imported(_inspection_id: str, result: list) -> None:
        mark("imported")
        outcomes.extend(result)
        peaks["ingest"] = peak_rss_mb()
        reset_peak_rss()
        if not any(o.status is IngestStatus.STORED for o in result):
            QTimer.singleShot(TAIL_MS, loop.quit)  # no previews will follow

    def on_previews(_made: int) -> None:
        mark("previews")
        peaks["previews"] = peak_rss_mb()
        QTimer.singleShot(TAIL_MS, loop.quit)

    panel.importer.photos_imported.connect(on_imported)
    panel.importer.previews_made.connect(on_previews)
    panel.importer.import_failed.connect(lambda _id: (mark("failed"), loop.quit()))
    QTimer.singleShot(CHILD_TIMEOUT_S * 1000 - 60_000, loop.quit)
    mark("start")
    started = panel.import_files([Path(folder)])
    loop.exec()
    mark("end")
    probe.stop()
    sampler.stop()
    shown = panel.model.rowCount()
    tasks.shutdown()
    panel.hide()
    services.close()

    def gaps(start: str, end: str) -> list[float]:
        lo, hi = marks.get(start), marks.get(end)
        if lo is None or hi is None:
            return []
        return [b - a for a, b in itertools.pairwise(ticks) if lo <= a < hi]

    imported = marks.get("imported", marks["end"])
    previews = marks.get("previews", marks["end"])
    emit_json({
        "started": started, "failed": "failed" in marks,
        "statuses": statuses(outcomes), "stored": len(outcomes), "shown": shown,
        "ingest_s": imported - marks["start"],
        "previews_s": previews - imported if "previews" in marks else None,
        "idle": gap_summary(gaps("idle", "idle_end")),
        "ingest": gap_summary(gaps("idle_end", "imported")),
        "previews": gap_summary(gaps("imported", "end")),
        "rss_before": rss_before, "peak_reset": peak_reset, "peaks": peaks,
        "mem_ingest": sampler.summary(marks["start"], imported),
        "mem_previews": sampler.summary(imported, marks["end"]),
    })


def section_stall(bs, folder: Path, n: int, tmp: Path) -> dict:
    bs.out(f"4. the event loop while the evidence panel imports the folder of {n} photos "
           f"(child process; probe every {PROBE_INTERVAL_MS} ms)")
    found = run_child("import", str(tmp / "stall-data"), str(folder))
    idle = found["idle"]
    what = f"the probe with nothing running ({IDLE_PROBE_MS / 1000:g} s)"
    for phase, name in (("ingest", "during the ingest (and the panel's refresh)"),
                        ("previews", "during the previews that follow")):
        g = found[phase]
        bs.report(f"longest gap {name}", bs.fmt_ms(g["max"]), what, bs.fmt_ms(idle["max"]),
                  bs.ratio(g["max"], idle["max"]))
        bs.report("   99th percentile gap", bs.fmt_ms(g["p99"]), what, bs.fmt_ms(idle["p99"]),
                  bs.ratio(g["p99"], idle["p99"]))
    previews = (f"; previews {bs.fmt_s(found['previews_s'])} "
                f"({fmt_rate(rate(n, found['previews_s']))})" if found["previews_s"] else "")
    bs.out(f"   (ingest through the panel {bs.fmt_s(found['ingest_s'])}, "
           f"{fmt_rate(rate(n, found['ingest_s']))}{previews}; outcomes: {found['statuses']}; "
           f"{found['shown']} thumbnails listed after; {found['ingest']['count']} + "
           f"{found['previews']['count']} probe gaps)")
    if not found["started"] or found["failed"]:
        bs.out("   WARNING: the import did not start or failed")
    bs.out()
    return found


def section_memory(bs, folder: Path, n: int, tmp: Path) -> dict:
    bs.out(f"5. memory while the evidence panel imports {n} photos of "
           f"{MEMORY_SIZE[0] * MEMORY_SIZE[1] / 1e6:.0f} MP, then makes their previews "
           f"(child process)")
    found = run_child("import", str(tmp / "memory-data"), str(folder))
    before = found["rss_before"]
    what = "the child with the panel shown, before the import"
    results = {}
    for phase, name in (("ingest", "ingest"), ("previews", "previews")):
        mem = found[f"mem_{phase}"]
        peak = found["peaks"].get(phase) if found["peak_reset"] else None
        main = peak if peak else mem["main_rss_max"]
        results[phase] = {"main": main, "workers": sum(mem["workers_hwm"]),
                          "workers_pss": sum(mem["workers_pss"])}
        bs.report(f"main process, peak RSS during the {name}", f"{main:.0f} MB", what,
                  f"{before:.0f} MB", bs.ratio(main, before))
        hwm = " + ".join(f"{v:.0f}" for v in mem["workers_hwm"]) or "none seen"
        pss = " + ".join(f"{v:.0f}" for v in mem["workers_pss"]) or "-"
        bs.out(f"   {mem['workers']} worker processes, peak RSS (VmHWM) {hwm} = "
               f"{sum(mem['workers_hwm']):.0f} MB (peak PSS {pss} = "
               f"{sum(mem['workers_pss']):.0f} MB, shared pages split); main + workers "
               f"{main + sum(mem['workers_hwm']):.0f} MB")
    previews = f", previews {bs.fmt_s(found['previews_s'])}" if found["previews_s"] else ""
    bs.out(f"   (ingest {bs.fmt_s(found['ingest_s'])}, "
           f"{fmt_rate(rate(n, found['ingest_s']))}{previews}; outcomes: {found['statuses']}; "
           f"main RSS sampled at most {found['mem_ingest']['main_rss_max']:.0f} MB; "
           f"peak {'from VmHWM reset per phase' if found['peak_reset'] else 'sampled'})")
    bs.out()
    return results


def make_gallery(tmp: Path, count: int, thumbs: list[Path]) -> tuple[Path, str]:
    """A store with ``count`` photo rows whose thumbnails exist and whose originals do not."""
    data_dir = tmp / "gallery-data"
    services, inspection_id = fresh_services(data_dir)
    store = services.store
    auditor = services.user.id
    thumb_bytes = [t.read_bytes() for t in thumbs]
    flag_sets = ([], [Flag.NO_GPS.value], [], [Flag.TIME_OUTSIDE.value], [],
                 [Flag.NO_EXIF.value, Flag.NO_GPS.value])
    media_rows, photo_rows = [], []
    now = dt.datetime.now(dt.UTC).isoformat()
    for i in range(count):
        sha = hashlib.sha256(f"gallery-{i}".encode()).hexdigest()
        target = media.thumbnail_path(store, sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(thumb_bytes[i % len(thumb_bytes)])
        media_rows.append({"sha256": sha, "size": 4_000_000, "width": 4000, "height": 3000,
                           "orientation": 1, "has_exif": 1, "original_name": photo_name(i),
                           "stored_at": now})
        photo_rows.append({"id": new_id(), "sha256": sha, "inspection_id": inspection_id,
                           "criterion_code": None, "original_name": photo_name(i),
                           "taken_at": (FIRST_SHOT + dt.timedelta(seconds=i)).isoformat(),
                           "flags": json.dumps(flag_sets[i % len(flag_sets)]),
                           "created_at": now, "created_by": auditor, "annotations": "[]"})
    with store.atomic() as db:
        db["media"].insert_all(media_rows)
        db["photo"].insert_all(photo_rows)
    services.close()
    return data_dir, inspection_id


def child_gallery(data_dir: str, inspection_id: str) -> None:
    """Show the photos of an inspection in the evidence panel and scroll to the end."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QPixmap
    from PySide6.QtTest import QTest

    from ui.app import create_application
    from ui.camera import FakeCameraSource
    from ui.itemmodels import photo_model
    from ui.widgets.evidence_panel import EvidencePanel

    app = create_application("zh_CN")
    services = Services.open(Path(data_dir))
    services.login(AUDITOR, PASSWORD)
    root = media.root(services.store)
    caches = {root / name for name in ("thumbs", "previews", "derived", "tmp")}
    originals_on_disk = sum(1 for p in root.glob("??/*") if p.is_file())
    opened = Counter()

    def audit(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], str | os.PathLike):
            path = Path(os.fspath(args[0]))
            if path.is_relative_to(root) and not any(path.is_relative_to(c) for c in caches):
                opened["original"] += 1

    sys.addaudithook(audit)
    drawn = Counter()
    real_badged = photo_model.badged_thumbnail

    def badged(path: Path, flags, *rest):
        drawn["thumbs" if path.parent == root / "thumbs" and path.exists() else "other"] += 1
        return real_badged(path, flags, *rest)

    photo_model.badged_thumbnail = badged
    original_of = services.photos.original

    def counted_original(photo):
        opened["asked"] += 1
        return original_of(photo)

    services.photos.original = counted_original

    panel = EvidencePanel(services, camera=FakeCameraSource(available=False))
    panel.resize(*PANEL_SIZE)
    panel.show()
    QTest.qWaitForWindowExposed(panel)
    app.processEvents()
    rss_before = rss_mb()
    reset_peak_rss()
    start = time.perf_counter()
    panel.show_for(inspection_id, None, editable=False)
    view = panel.thumbnails
    view.viewport().repaint()
    app.processEvents()
    show_t = time.perf_counter() - start
    at_first_paint = drawn.total()
    horizontal = view.horizontalScrollBar()
    bar = horizontal if horizontal.maximum() > 0 else view.verticalScrollBar()
    steps = []
    scroll_start = time.perf_counter()
    value = 0
    while True:
        step_start = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()
        app.processEvents()
        steps.append(time.perf_counter() - step_start)
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + bar.pageStep())
    scroll_t = time.perf_counter() - scroll_start
    last = panel.model.index(panel.model.rowCount() - 1, 0)
    last_visible = view.viewport().rect().intersects(view.visualRect(last))
    rss_after, peak = rss_mb(), peak_rss_mb()
    rows = panel.model.rowCount()
    thumb_files = [services.photos.thumbnail(p) for p in panel.model.photos()]
    panel.hide()

    size = QSize(photo_model.THUMB_SIZE)
    start = time.perf_counter()
    for path in thumb_files:
        QPixmap(str(path)).scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
    decode_t = time.perf_counter() - start
    services.close()
    emit_json({"rows": rows, "show_s": show_t, "at_first_paint": at_first_paint,
               "scroll_s": scroll_t, "pages": len(steps), "max_page_s": max(steps),
               "last_visible": last_visible, "rss_before": rss_before, "rss_after": rss_after,
               "peak": peak, "decode_s": decode_t, "drawn": dict(drawn),
               "originals_on_disk": originals_on_disk, "opened": dict(opened)})


def section_gallery(bs, count: int, thumbs: list[Path], tmp: Path) -> dict:
    bs.out(f"6. a gallery of {count:,} thumbnails in the evidence panel (child process; "
           f"originals absent)")
    data_dir, inspection_id = make_gallery(tmp, count, thumbs)
    found = run_child("gallery", str(data_dir), inspection_id)
    decode = found["decode_s"]
    bs.report(f"show the {found['rows']:,} photos (model reset and first paint)",
              bs.fmt_ms(found["show_s"]), "decoding every thumbnail into a QPixmap, scaled",
              bs.fmt_s(decode), bs.ratio(found["show_s"], decode))
    bs.report(f"scroll to the end, {found['pages']} pages each painted",
              bs.fmt_s(found["scroll_s"]), "the same decoding", bs.fmt_s(decode),
              bs.ratio(found["scroll_s"], decode))
    bs.out(f"   longest page {bs.fmt_ms(found['max_page_s'])}; thumbnails drawn at the first "
           f"paint: {found['at_first_paint']}; the last photo "
           f"{'is' if found['last_visible'] else 'is NOT'} in view at the end")
    bs.report("RSS after scrolling", f"{found['rss_after']:.0f} MB",
              "the child with the empty panel shown", f"{found['rss_before']:.0f} MB",
              bs.ratio(found["rss_after"], found["rss_before"]))
    bs.out(f"   (peak {found['peak']:.0f} MB; {found['rss_after'] - found['rss_before']:.0f} MB "
           f"more for {found['rows']:,} thumbnails)")
    opened, drawn = found["opened"], found["drawn"]
    no_original = (found["originals_on_disk"] == 0 and not opened.get("original")
                   and not opened.get("asked") and not drawn.get("other"))
    bs.out(f"   originals on disk: {found['originals_on_disk']}; Python open() of media/ outside "
           f"the caches: {opened.get('original', 0)}; photo_original asked: "
           f"{opened.get('asked', 0)}; thumbnails drawn from media/thumbs: "
           f"{drawn.get('thumbs', 0)}, from anywhere else: {drawn.get('other', 0)} -> "
           f"{'no original was opened' if no_original else 'AN ORIGINAL WAS NEEDED'}")
    bs.out()
    return {"no_original": no_original, "scroll_s": found["scroll_s"],
            "max_page_s": found["max_page_s"], "rss": found["rss_after"]}


def run_as_child(argv: list[str]) -> int:
    kind = argv[0]
    with workers_start_like_the_app():
        if kind == "import":
            child_import(argv[1], argv[2])
        elif kind == "gallery":
            child_gallery(argv[1], argv[2])
        else:
            raise SystemExit(f"unknown child {kind!r}")
    return 0


# --------------------------------------------------------------------------- main


def section_photos(bs, args, tmp: Path) -> tuple[list[Path], list[Path]]:
    keep = args.keep_photos or tmp
    start = time.perf_counter()
    main_set = photo_set(keep / f"photos-{args.photos}", args.photos, PHOTO_SIZE, args.photos)
    memory_set = photo_set(keep / f"memory-{args.memory_photos}", args.memory_photos,
                           MEMORY_SIZE, min(args.memory_photos, args.memory_distinct))
    took = time.perf_counter() - start
    mb = [f.stat().st_size / 1e6 for f in main_set]
    small = statistics.mean(f.stat().st_size / 1e6 for f in memory_set)
    bs.out(f"photos: {len(main_set)} of {PHOTO_SIZE[0]} × {PHOTO_SIZE[1]}, quality {QUALITY}, "
           f"{statistics.mean(mb):.1f} MB on average ({min(mb):.1f}–{max(mb):.1f}), "
           f"orientations 1–8, EXIF time/GPS/camera, sRGB profile; {len(memory_set)} of "
           f"{MEMORY_SIZE[0]} × {MEMORY_SIZE[1]} ({small:.1f} MB, "
           f"{min(args.memory_photos, args.memory_distinct)} images, the rest copies with "
           f"another image id); ready in {bs.fmt_s(took)}"
           + (f" (kept in {keep})" if args.keep_photos else ""))
    bs.out()
    return main_set, memory_set


def pool_start_method() -> str:
    """How ingest's worker processes are started (fork, spawn, forkserver)."""
    with PixelWorkers(1) as workers:
        return workers._current()._mp_context.get_start_method()


def header(bs, tmp: Path) -> None:
    from PySide6 import __version__ as pyside_version

    bs.out("CivicAudit photo benchmark")
    bs.out(f"machine: nproc {usable_cpus()} (cpu_count {os.cpu_count()}), {platform.machine()}, "
           f"{platform.system()} {platform.release()}")
    turbo = features.check_feature("libjpeg_turbo")
    bs.out(f"python {platform.python_version()}, Pillow {PIL.__version__} (libjpeg-turbo "
           f"{features.version_feature('libjpeg_turbo') if turbo else 'no'}), PySide6 "
           f"{pyside_version}; ingest workers {INGEST_WORKERS}, preview workers "
           f"{PREVIEW_WORKERS} (pools started by '{pool_start_method()}', the baselines' by "
           f"'{multiprocessing.get_start_method()}'); "
           f"temp dir {tmp}")
    bs.out()


def summary(bs, ingest: dict, stall: dict, memory: dict, gallery: dict) -> None:
    v = bs.verdict
    parts = [
        f"ingest per worker ≥ {INGEST_TARGET_RATIO:g}× (b): "
        f"{v(ingest['ratio'] >= INGEST_TARGET_RATIO)} ({ingest['ratio']:.2f}×, "
        f"{fmt_rate(ingest['rate'])} with {INGEST_WORKERS} workers, other processes using "
        f"{ingest['others']:.0%} of a core meanwhile)",
        f"no stall > {STALL_TARGET_MS:g} ms during the import: "
        f"{v(stall['ingest']['max'] * 1000 <= STALL_TARGET_MS)} "
        f"({bs.fmt_ms(stall['ingest']['max'])}), nor during the previews: "
        f"{v(stall['previews']['max'] * 1000 <= STALL_TARGET_MS)} "
        f"({bs.fmt_ms(stall['previews']['max'])})",
        f"main RSS < {MEMORY_TARGET_MB:g} MB while importing: "
        f"{v(memory['ingest']['main'] < MEMORY_TARGET_MB)} ({memory['ingest']['main']:.0f} MB; "
        f"with workers {memory['ingest']['main'] + memory['ingest']['workers']:.0f} MB), "
        f"while making previews: {v(memory['previews']['main'] < MEMORY_TARGET_MB)} "
        f"({memory['previews']['main']:.0f} MB)",
        f"gallery opens no original: {v(gallery['no_original'])} "
        f"(scroll {bs.fmt_s(gallery['scroll_s'])}, RSS {gallery['rss']:.0f} MB)",
    ]
    bs.out("summary: " + "; ".join(parts))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=50, help="12 MP photos to ingest")
    parser.add_argument("--memory-photos", type=int, default=500,
                        help="3 MP photos for the memory section")
    parser.add_argument("--thumbnails", type=int, default=2000, help="photos in the gallery")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 4 photos, 20 for memory, 80 thumbnails, one run each")
    parser.add_argument("--profile", action="store_true",
                        help="also print the cProfile listing of the worker's job")
    parser.add_argument("--tmpdir", type=Path, default=None,
                        help="where to make the temporary directory (default: the system's)")
    parser.add_argument("--keep-photos", type=Path, default=None,
                        help="keep the generated photos in this folder and reuse them")
    args = parser.parse_args(argv)
    if min(args.photos, args.memory_photos, args.thumbnails) < 1:
        parser.error("--photos, --memory-photos and --thumbnails must be at least 1")
    if args.quick:
        args.photos = min(args.photos, 4)
        args.memory_photos = min(args.memory_photos, 20)
        args.thumbnails = min(args.thumbnails, 80)
    args.reps = 1 if args.quick else 3
    args.ingest_reps = 1 if args.quick else 5
    args.memory_distinct = 5 if args.quick else 25
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return run_as_child(argv[1:])
    args = parse_args(argv)
    bs = load_bench_store()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-photos-", dir=args.tmpdir) as name:
        tmp = Path(name)
        header(bs, tmp)
        files, memory_files = section_photos(bs, args, tmp)
        base = section_baselines(bs, args, files, tmp)
        with workers_start_like_the_app():
            ingest = section_ingest(bs, args, files, base, tmp)
            thumbs = sorted(media.root(ingest["services"].store).glob("thumbs/*.jpg"))
            section_previews(bs, args, files, ingest)
        stall = section_stall(bs, files[0].parent, len(files), tmp)
        memory = section_memory(bs, memory_files[0].parent, len(memory_files), tmp)
        gallery = section_gallery(bs, args.thumbnails, thumbs, tmp)
        summary(bs, ingest, stall, memory, gallery)
    bs.out(f"(benchmark took {bs.fmt_s(time.perf_counter() - started)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
