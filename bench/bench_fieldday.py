"""Benchmark of a field day's exchange: two laptops and an office, all through the command line.

Run from the repository root::

    python bench/bench_fieldday.py [--inspections N] [--photos-per-notice P] [--problems K]
                                   [--photo-size WxH] [--reps R] [--quick] [--tmpdir DIR]

The day of issue 18, as its users run it. Two auditors, A07 (李明) and A08 (张丽), each
inspect N sites on their laptops (default 15, so 30 in all), photograph the K failed
criteria of each inspection (default 2; P photos per inspection, default 10: 300 in all,
phone-size noisy 4000 × 3000 JPEGs of about 3.2–3.4 MB with EXIF capture time and GPS,
every file its own bytes) and issue a signed notice with those photos for each inspection
(30 notices). In the evening each laptop exports to the USB stick, the office imports both
bundles and writes a receipt for each, each laptop imports its receipt, and the office
verifies the notice PDFs the auditors copied onto the stick. Target: the whole exchange
(two exports, two imports with their receipts, verifying 30 notices) < 60 s on the idle
2-core machine. ``--quick`` (the smoke run): one inspection per laptop with 4 photos of
640 × 480, one run.

Every phase is printed next to a baseline measured in the same run, with their ratio. Not a
pytest test; ``tests/test_bench_smoke.py`` only checks that it still runs.

Setup (timed and printed, not part of the exchange), every step a ``main.py`` process:

- Photos: ``bench_notice.make_photo`` draws 10 base images once (fields, fine detail and
  grain, as a phone's street photo compresses), while the office and laptops enrol; each
  file is a base's JPEG with an EXIF segment of its own spliced in after JFIF's APP0, no
  re-encoding: capture time (office wall clock, with its offset) during the field day, GPS
  a few metres from its site, camera make and model, a unique image id.
- The office: ``profile create`` (O01, then A07 and A08 on its roster), ``sites import``
  of the 72 demo sites, ``ca init``, its own office-role certificate (``keys request``,
  ``ca issue --role office``, ``keys install``: it signs receipts and its bundles), ``enrol
  prepare``. Each laptop ``enrol join`` (fingerprint given), the office ``enrol issue``
  and ``export``, each laptop ``import`` (its certificate comes with it).
- The field work, both laptops at once as two auditors work: per inspection ``inspections
  start``, ``inspections record-batch`` (every criterion of the site type: K failed, the
  rest passed), ``photos add --criterion`` per failed criterion, ``inspections finish``,
  ``notice create``.

The exchange, on fresh copies of the three data directories each run (median and range of
R runs, default 3), each phase the processes a user runs:

1.–2. ``export --to STICK`` on each laptop.
3.–4. ``import BUNDLE --receipt-to STICK`` at the office, then ``import RECEIPT`` on the
   laptop that sent the bundle.
5. ``notice verify STICK/notices`` at the office, one process for the notice PDFs copied
   from the laptops' data directories (the copying is not timed).

Baselines, paired: just before each phase, ``cp`` of the bytes the phase carries into an
empty folder + ``sha256sum`` of the copies (as ``bench_sync``: the laptop's photo originals
for 1–4, the notice PDFs for 5), plus one bare ``python -c pass`` per process of the phase
(what starting Python costs). A phase's ratio is the median of its per-run ratios; the whole
exchange is set against the sum of its phases' baselines.

Checked after every run, and the exit status is 1 if anything is wrong: the office holds
every inspection, notice and photo (with its original), it copied every original from the
bundles, each receipt acknowledges its laptop's bundle, and verify says every notice valid.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import csv  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import struct  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from PIL import Image  # noqa: E402
from PIL.ExifTags import GPS, IFD, Base  # noqa: E402

from bench.bench_notice import make_photo  # noqa: E402
from bench.bench_store import fmt_s, machine, out, ratio, verdict  # noqa: E402
from bench.bench_sync import baseline_once, photo_size  # noqa: E402
from model import paths  # noqa: E402
from model.checklist import checklist  # noqa: E402
from model.photos import media  # noqa: E402
from model.store import clock, db  # noqa: E402

SEED = 2026
OFFICE_PW, AUDITOR_PW = "fieldday-office", "fieldday-auditor"
ORGANISATION = "迎泽区创城办"
OFFICE_STAFF = ("O01", "王建国")
AUDITORS = (("A07", "李明", "督查一组"), ("A08", "张丽", "督查二组"))
SITES_CSV = paths.resources_dir() / "demo" / "taiyuan_sites.csv"
PHOTO_SIZE, QUICK_PHOTO_SIZE = (4000, 3000), (640, 480)
DISTINCT_PHOTOS = 10
TARGET_S = 60.0  # the whole exchange
MB = 1e6


class FieldDayError(Exception):
    """A command of the field day failed, or the office does not hold what was sent."""


class Ledger:
    """The wall time and count of the main.py commands run, by command (``photos add``)."""

    def __init__(self):
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self._lock = threading.Lock()  # two laptops' commands end at once

    def clear(self) -> None:
        self.seconds.clear()
        self.calls.clear()

    def add(self, args: tuple[str, ...], seconds: float) -> None:
        command = " ".join(a for a in args[:2] if re.fullmatch(r"[a-z][a-z-]*", a))
        with self._lock:
            self.seconds[command] += seconds
            self.calls[command] += 1

    def means(self) -> str:
        """``command mean × count`` for each command, slowest first."""
        order = sorted(self.calls, key=lambda c: -self.seconds[c] / self.calls[c])
        return ", ".join(f"{c} {fmt_s(self.seconds[c] / self.calls[c])} × {self.calls[c]}"
                         for c in order)


LEDGER = Ledger()


# --------------------------------------------------------------------------- main.py


@dataclass(frozen=True)
class Cli:
    """``main.py`` on one data directory, as one profile (if any), run as a user runs it."""

    data_dir: Path
    staff_no: str | None = None
    password: str | None = None

    def run(self, *args: str, stdin: str | None = None, new_password: str | None = None,
            check: bool = True) -> str:
        """Run ``main.py ARGS`` to its end; return its standard output (if it failed, only
        when not ``check``)."""
        command = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(self.data_dir)]
        if self.staff_no:
            command += ["--user", self.staff_no]
        feed = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
        start = time.perf_counter()
        done = subprocess.run([*command, *args], cwd=ROOT, env=self._env(new_password),
                              capture_output=True, text=True, encoding="utf-8", timeout=900,
                              check=False, **feed)
        LEDGER.add(args, time.perf_counter() - start)
        if check and done.returncode != 0:
            raise FieldDayError(f"main.py {' '.join(args)} on {self.data_dir.name} failed "
                                f"(exit {done.returncode}):\n{done.stdout[-2000:]}"
                                f"{done.stderr[-2000:]}")
        return done.stdout

    def json(self, *args: str, **kwargs) -> dict | list:
        """Run ``main.py ARGS --json``; return what it printed."""
        return json.loads(self.run(*args, "--json", **kwargs))

    def _env(self, new_password: str | None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICAUDIT_")}
        if self.password is not None:
            env["CIVICAUDIT_PASSWORD"] = self.password
        if new_password is not None:
            env["CIVICAUDIT_NEW_PASSWORD"] = new_password
        return env

    def copied_to(self, folder: Path) -> Cli:
        """The same profile on a copy of this data directory in ``folder``."""
        target = folder / self.data_dir.name
        shutil.copytree(self.data_dir, target)
        return Cli(target, self.staff_no, self.password)


def both(work, items: list) -> list:
    """``work(item)`` for each item, two at a time (two laptops at once); results in order."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(work, items))


def bare_start() -> float:
    """Seconds for ``python -c pass``: what starting a process of Python costs."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


# --------------------------------------------------------------------------- photos


def base_jpegs(folder: Path, size: tuple[int, int]) -> list[bytes]:
    """DISTINCT_PHOTOS phone-like JPEGs (``bench_notice.make_photo``), without their EXIF."""
    rng = random.Random(SEED)
    bases = []
    for index in range(DISTINCT_PHOTOS):
        path = make_photo(folder / f"base-{index}.jpg", rng, size)
        bases.append(without_exif(path.read_bytes()))
        path.unlink()
    return bases


def without_exif(jpeg: bytes) -> bytes:
    """The JPEG without its EXIF APP1 segments (walks SOI's segments up to the scan)."""
    kept, at = [jpeg[:2]], 2
    while jpeg[at + 1] != 0xDA:  # start of scan: entropy-coded data follows
        end = at + 2 + struct.unpack(">H", jpeg[at + 2:at + 4])[0]
        if jpeg[at + 1] != 0xE1 or jpeg[at + 4:at + 10] != b"Exif\0\0":
            kept.append(jpeg[at:end])
        at = end
    return b"".join(kept) + jpeg[at:]


def with_exif(jpeg: bytes, segment: bytes) -> bytes:
    """``segment`` spliced in after SOI and JFIF's APP0, where cameras write it."""
    after = 2
    if jpeg[2:4] == b"\xff\xe0":
        after = 4 + struct.unpack(">H", jpeg[4:6])[0]
    return jpeg[:after] + segment + jpeg[after:]


def exif_segment(taken: dt.datetime, lat: float, lon: float, unique: str) -> bytes:
    """An APP1 segment as a phone writes it: make, model, capture time with its offset, GPS,
    a unique image id."""
    stamp, offset = taken.strftime("%Y:%m:%d %H:%M:%S"), taken.isoformat()[-6:]
    exif = Image.Exif()
    exif[Base.Make], exif[Base.Model], exif[Base.DateTime] = "BenchPhone", "FD-12MP", stamp
    exif.get_ifd(IFD.Exif).update({Base.DateTimeOriginal: stamp, Base.OffsetTimeOriginal: offset,
                                   Base.ImageUniqueID: unique})
    exif.get_ifd(IFD.GPSInfo).update({GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: dms(lat),
                                      GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: dms(lon)})
    payload = exif.tobytes()  # starts with Exif\0\0
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def dms(degrees: float) -> tuple[float, float, float]:
    """Degrees as EXIF's degrees, minutes and seconds."""
    whole, minutes = int(degrees), (degrees - int(degrees)) * 60
    return float(whole), float(int(minutes)), round((minutes - int(minutes)) * 60, 3)


# --------------------------------------------------------------------------- the field day


@dataclass(frozen=True)
class Site:
    """A demo site: its code, type and position."""

    code: str
    site_type: str
    lat: float
    lon: float


@dataclass
class Visit:
    """One inspection of the field day: its site, results, photos; ids once it happened."""

    site: Site
    results: str  # record-batch's input
    photos: dict[str, list[Path]]  # failed criterion -> its photo files
    inspection_id: str = ""
    notice_id: str = ""


def demo_sites() -> list[Site]:
    """The sites of the demo city's CSV that have a position (the photos are taken there)."""
    with SITES_CSV.open(encoding="utf-8-sig", newline="") as reader:
        rows = list(csv.reader(reader))[1:]
    return [Site(r[0], r[2], float(r[9]), float(r[10])) for r in rows if r[9] and r[10]]


def field_sites(count: int) -> list[Site]:
    """``count`` different demo sites, drawn once."""
    return random.Random(SEED).sample(demo_sites(), count)


def plan_visits(args, sites: list[Site], camera: Path, bases: list[bytes]) -> list[Visit]:
    """The visits of one laptop: results to record and photo files written to ``camera``."""
    rng = random.Random(f"{SEED}-{camera.name}")
    edition = checklist.shipped_editions()[0]
    first_shot = clock.office_moment(dt.datetime.now(dt.UTC))
    visits = []
    for number, site in enumerate(sites):
        codes = [c.code for c in edition.criteria_for(site.site_type)]
        failed = rng.sample(codes, args.problems)
        results = "".join(f"{c},fail,{rng.randint(1, 3)}\n" if c in failed else f"{c},pass\n"
                          for c in codes)
        shots = [first_shot + dt.timedelta(minutes=number, seconds=10 * k)
                 for k in range(args.photos_per_notice)]
        files = [write_photo(camera / f"{number:02d}" / f"IMG_{number:02d}{k:02d}.jpg", site,
                             taken, bases[rng.randrange(len(bases))], rng)
                 for k, taken in enumerate(shots)]
        visits.append(Visit(site, results, {c: files[i::args.problems]
                                            for i, c in enumerate(failed)}))
    return visits


def write_photo(path: Path, site: Site, taken: dt.datetime, jpeg: bytes,
                rng: random.Random) -> Path:
    """A base JPEG with its own EXIF: ``taken``, a few metres from ``site``, a unique id."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lat, lon = (site.lat + rng.uniform(-2e-4, 2e-4), site.lon + rng.uniform(-2e-4, 2e-4))
    unique = f"{rng.getrandbits(128):032x}"  # as ImageUniqueID: 128 bits in hex
    path.write_bytes(with_exif(jpeg, exif_segment(taken, lat, lon, unique)))
    return path


def inspect(laptop: Cli, visit: Visit, printed: Path) -> None:
    """One visit as the auditor records it: start, results, photos, finish, notice."""
    visit.inspection_id = laptop.json("inspections", "start", visit.site.code)["id"]
    laptop.run("inspections", "record-batch", visit.inspection_id, stdin=visit.results)
    for code, files in visit.photos.items():
        added = laptop.json("photos", "add", visit.inspection_id, *map(str, files),
                            "--criterion", code)
        odd = [a for a in added if a["status"] != "stored" or a["flags"]]
        if odd:
            raise FieldDayError(f"a generated photo was not stored cleanly: {odd[0]}")
    laptop.run("inspections", "finish", visit.inspection_id)
    notice = laptop.json("notice", "create", visit.inspection_id,
                         "--out", str(printed / f"{visit.site.code}.pdf"))
    visit.notice_id = notice["id"]


# --------------------------------------------------------------------------- the world


@dataclass
class World:
    """The data directories after the field day, closed, and what they hold."""

    office: Cli
    laptops: list[Cli]
    visits: dict[str, list[Visit]]  # staff number -> its laptop's visits
    originals: dict[str, list[Path]]  # staff number -> its laptop's photo originals

    def expected(self) -> dict[str, set[str]]:
        """The ids of every inspection and notice of the field day."""
        visits = [v for laptop in self.visits.values() for v in laptop]
        return {"inspections": {v.inspection_id for v in visits},
                "notices": {v.notice_id for v in visits}}

    def notice_pdfs(self, laptop: Cli) -> list[Path]:
        """The signed PDFs the laptop keeps in its data directory."""
        return [laptop.data_dir / "notices" / f"{v.notice_id}.pdf"
                for v in self.visits[laptop.staff_no]]


def set_up_office(world: Path) -> tuple[Cli, str]:
    """The office's profiles, sites, authority and certificate, and its enrolment stick."""
    folder, stick = world / "office", world / "enrol-stick"
    stick.mkdir()
    Cli(folder, password=OFFICE_PW).run("profile", "create", "--name", OFFICE_STAFF[1],
                                        "--staff-no", OFFICE_STAFF[0], "--role", "office",
                                        "--organisation", ORGANISATION)
    office = Cli(folder, OFFICE_STAFF[0], OFFICE_PW)
    for staff_no, name, team in AUDITORS:
        office.run("profile", "create", "--name", name, "--staff-no", staff_no, "--role",
                   "auditor", "--organisation", team, new_password=AUDITOR_PW)
    office.run("sites", "import", str(SITES_CSV))
    office.run("ca", "init", "--name", ORGANISATION)
    # the office signs receipts and its own bundles with an office-role certificate
    request, cert = world / "o01.csr", world / "o01.pem"
    office.run("keys", "request", "--out", str(request))
    office.run("ca", "issue", str(request), "--out", str(cert), "--role", "office")
    office.run("keys", "install", str(cert))
    said = office.run("enrol", "prepare", "--to", str(stick))
    fingerprint = re.search(r"([0-9A-F]{2}(?::[0-9A-F]{2}){7})", said).group(1)
    return office, fingerprint.replace(":", "")


def enrol(world: Path) -> tuple[Cli, list[Cli]]:
    """The office and the two laptops, enrolled by USB stick (``main.py enrol``)."""
    office, fingerprint = set_up_office(world)
    stick = world / "enrol-stick"
    laptops = [Cli(world / staff_no, staff_no, AUDITOR_PW) for staff_no, _, _ in AUDITORS]
    both(lambda laptop: Cli(laptop.data_dir).run(
        "enrol", "join", str(stick), "--staff-no", laptop.staff_no, "--fingerprint",
        fingerprint, new_password=AUDITOR_PW), laptops)
    office.run("enrol", "issue", "--from", str(stick))
    bundle = office.json("export", "--to", str(stick))["bundle"]
    both(lambda laptop: laptop.run("import", bundle), laptops)
    return office, laptops


def photo_originals(data_dir: Path) -> list[Path]:
    """The photo originals a data directory holds (``media/ab/cdef…``)."""
    return sorted(p for p in (data_dir / media.MEDIA_DIRNAME).glob("[0-9a-f][0-9a-f]/*"))


def make_world(args, world: Path) -> World:
    """Photos, the enrolled office and laptops, and the field work, printing each step. The
    office and laptops are enrolled (processes) while the base photos are drawn (here)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        enrolling = pool.submit(timed, enrol, world)
        start = time.perf_counter()
        bases = base_jpegs(world, args.photo_size)
        drawn = time.perf_counter() - start
        sites = field_sites(args.inspections * len(AUDITORS))
        visits = {staff_no: plan_visits(args, sites[n::len(AUDITORS)],
                                        world / f"camera-{staff_no}", bases)
                  for n, (staff_no, _, _) in enumerate(AUDITORS)}
        written = time.perf_counter() - start - drawn
        (office, laptops), enrolled = enrolling.result()
    files = sorted(world.glob("camera-*/*/*.jpg"))
    size = sum(p.stat().st_size for p in files)
    out(f"   photos: {DISTINCT_PHOTOS} base images of {args.photo_size[0]} × "
        f"{args.photo_size[1]} (bench_notice.make_photo) in {fmt_s(drawn)}; {len(files)} "
        f"files, each with its own EXIF spliced in, {size / len(files) / MB:.2f} MB each, "
        f"written in {fmt_s(written)}")
    out(f"   meanwhile the office and {len(laptops)} laptops enrolled through main.py (profiles, "
        f"sites, authority, enrol prepare, join, issue, export, import): {fmt_s(enrolled)}")
    field_work(args, world, laptops, visits)
    for folder in world.glob("camera-*"):
        shutil.rmtree(folder)
    return World(office, laptops, visits,
                 {laptop.staff_no: photo_originals(laptop.data_dir) for laptop in laptops})


def timed(work, *args, **kwargs):
    """``work(*args, **kwargs)`` and the seconds it took."""
    start = time.perf_counter()
    return work(*args, **kwargs), time.perf_counter() - start


def field_work(args, world: Path, laptops: list[Cli], visits: dict[str, list[Visit]]) -> None:
    """Every visit through main.py, both laptops at once."""
    start = time.perf_counter()
    LEDGER.clear()
    printed = world / "printed"
    printed.mkdir()

    def day(laptop: Cli) -> None:
        for visit in visits[laptop.staff_no]:
            inspect(laptop, visit, printed)
    both(day, laptops)
    count = sum(len(v) for v in visits.values())
    processes = count * (4 + args.problems)
    out(f"   field work through main.py, both laptops at once: {count} inspections, "
        f"{count * args.photos_per_notice} photos, {count} notices ({processes} processes: "
        f"start, record-batch, photos add × {args.problems}, finish, notice create): "
        f"{fmt_s(time.perf_counter() - start)}")
    out(f"      each command, mean wall time with two laptops at once: {LEDGER.means()}")


# --------------------------------------------------------------------------- the exchange


@dataclass
class Run:
    """One exchange: each phase's time beside its baseline (copy + hash, process starts)."""

    seconds: dict[str, float] = field(default_factory=dict)
    copying: dict[str, float] = field(default_factory=dict)
    starting: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    found: dict[str, object] = field(default_factory=dict)

    def baseline(self, phase: str, files: list[Path], processes: int, scratch: Path) -> None:
        """Measure the phase's baseline; call it just before the phase."""
        self.copying[phase] = baseline_once(files, scratch)
        self.starting[phase] = sum(bare_start() for _ in range(processes))

    def expect(self, ok: bool, problem: str) -> None:
        if not ok:
            self.problems.append(problem)


def exchange(world: World, folder: Path) -> Run:
    """Two exports, two imports with their receipts and the verification, on fresh copies."""
    office = world.office.copied_to(folder)
    laptops = [laptop.copied_to(folder) for laptop in world.laptops]
    os.sync()  # the copies' pages written out now, not during a timed phase
    stick, scratch, run = folder / "stick", folder / "baseline", Run()
    stick.mkdir()
    bundles = [export(run, world, laptop, stick, scratch) for laptop in laptops]
    for laptop, bundle in zip(laptops, bundles, strict=True):
        import_with_receipt(run, world, office, laptop, bundle, stick, scratch)
    notices = stick / "notices"
    notices.mkdir()
    pdfs = [shutil.copy2(pdf, notices) for laptop in laptops for pdf in world.notice_pdfs(laptop)]
    run.baseline("verify", [Path(p) for p in pdfs], 1, scratch)
    said, run.seconds["verify"] = timed(office.run, "notice", "verify", str(notices),
                                        check=False)  # its last line says what is wrong
    check_verified(run, said, len(pdfs))
    check_office(run, world, office.data_dir)
    run.found["notice_mb"] = sum(Path(p).stat().st_size for p in pdfs) / len(pdfs) / MB
    return run


def export(run: Run, world: World, laptop: Cli, stick: Path, scratch: Path) -> dict:
    """Phase: the laptop exports to the stick."""
    phase = f"export {laptop.staff_no}"
    run.baseline(phase, world.originals[laptop.staff_no], 1, scratch)
    exported, run.seconds[phase] = timed(laptop.json, "export", "--to", str(stick))
    run.found[f"{phase} bundle"] = Path(exported["bundle"]).stat().st_size
    run.expect(exported["media"] == len(world.originals[laptop.staff_no]),
               f"{laptop.staff_no}'s bundle holds {exported['media']} originals")
    return exported


def import_with_receipt(run: Run, world: World, office: Cli, laptop: Cli, exported: dict,
                        stick: Path, scratch: Path) -> None:
    """Phase: the office imports the laptop's bundle and writes a receipt; the laptop imports
    the receipt."""
    phase = f"import {laptop.staff_no}"
    sent = len(world.originals[laptop.staff_no])
    run.baseline(phase, world.originals[laptop.staff_no], 2, scratch)
    imported, at_office = timed(office.json, "import", exported["bundle"], "--receipt-to",
                                str(stick))
    receipt, on_laptop = timed(laptop.json, "import", imported["receipt"])
    run.seconds[phase] = at_office + on_laptop
    run.found.update({f"{phase} new": imported["new"], f"{phase} at office": at_office,
                      f"{phase} receipt": on_laptop})
    run.expect(imported["media_copied"] == sent and not imported["conflicts"],
               f"the office copied {imported['media_copied']} of {laptop.staff_no}'s {sent} "
               f"originals, {imported['conflicts']} conflicts")
    run.expect(receipt["kind"] == "receipt" and receipt["acknowledges"] == exported["sequence"],
               f"{laptop.staff_no}'s receipt acknowledges bundle {receipt['acknowledges']}, "
               f"not {exported['sequence']}")


def check_verified(run: Run, said: str, count: int) -> None:
    """Verify's last line says every notice valid."""
    counted = re.search(r"Checked (\d+) files?: (\d+) valid", said)
    valid = int(counted[2]) if counted and int(counted[1]) == count else 0
    run.found["valid"] = valid
    run.expect(valid == count, f"verify: {said.strip().splitlines()[-1]}")


def check_office(run: Run, world: World, office_dir: Path) -> None:
    """The office holds every inspection, notice and photo of the day, originals present."""
    expected = world.expected()
    # Read-only and without the store's migrations: other work may change the checkout while
    # this runs, and what the processes wrote is what counts.
    path = (office_dir / db.DB_FILENAME).as_uri()
    with contextlib.closing(sqlite3.connect(f"{path}?mode=ro", uri=True)) as conn:
        for what, table in (("inspections", "inspection"), ("notices", "notice")):
            ids = sorted(expected[what])
            held = conn.execute(f"SELECT count(*) FROM {table} WHERE id IN "
                                f"({','.join('?' * len(ids))})", ids).fetchone()[0]
            run.found[what] = held
            run.expect(held == len(ids), f"the office holds {held} of {len(ids)} {what}")
        ids = sorted(expected["inspections"])
        hashes = [r[0] for r in conn.execute(
            f"SELECT sha256 FROM photo WHERE inspection_id IN ({','.join('?' * len(ids))})", ids)]
    originals = office_dir / media.MEDIA_DIRNAME
    present = sum((originals / sha[:2] / sha[2:]).is_file() for sha in hashes)
    sent = sum(len(o) for o in world.originals.values())
    run.found["photos"] = present
    run.expect(len(hashes) == present == sent,
               f"the office holds {len(hashes)} photos, {present} originals, of {sent}")


# --------------------------------------------------------------------------- report


PHASES = (*(f"export {a[0]}" for a in AUDITORS), *(f"import {a[0]}" for a in AUDITORS), "verify")


def describe(phase: str, world: World, first: Run) -> tuple[str, str]:
    """What a phase does, and what its baseline is."""
    staff_no = phase.split()[-1]
    if phase == "verify":
        count = sum(len(v) for v in world.visits.values())
        return (f"notice verify of the {count} notices on the stick ({first.found['notice_mb']:.2f}"
                f" MB each), one process at the office; it says {first.found['valid']} valid",
                f"cp + sha256sum of the {count} PDFs + 1 bare python start")
    photos, size = len(world.originals[staff_no]), first.found.get(f"export {staff_no} bundle")
    if phase.startswith("export"):
        inspected = plural(len(world.visits[staff_no]), "inspection")
        return (f"export on {staff_no}'s laptop ({inspected}, {photos} photos; bundle "
                f"{size / MB:.0f} MB)",
                f"cp + sha256sum of its {photos} originals + 1 bare python start")
    return (f"import of {staff_no}'s bundle at the office ({first.found[f'{phase} new']} new "
            f"records, {photos} originals), receipt written, imported on {staff_no}'s laptop",
            f"cp + sha256sum of its {photos} originals + 2 bare python starts")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def spread(values: list[float], unit: str = " s") -> str:
    if len(values) < 2:
        return ""
    return f" (runs {min(values):.2f}–{max(values):.2f}{unit})"


def report_phase(number: int, what: str, base_what: str, seconds: list[float],
                 copying: list[float], starting: list[float]) -> None:
    bases = [c + s for c, s in zip(copying, starting, strict=True)]
    ratios = [ratio(t, b) for t, b in zip(seconds, bases, strict=True)]
    out(f"{number}. {what}: {fmt_s(statistics.median(seconds))}{spread(seconds)}  (baseline: "
        f"{base_what}, just before each run: {fmt_s(statistics.median(bases))}, of which cp + "
        f"sha256sum {fmt_s(statistics.median(copying))} and starts "
        f"{fmt_s(statistics.median(starting))}; ratio {statistics.median(ratios):.2g}×"
        f"{spread(ratios, '×')})")


def report_runs(world: World, runs: list[Run]) -> list[float]:
    """Print every phase and the whole exchange; return the exchange's times."""
    for number, phase in enumerate(PHASES, start=1):
        what, base_what = describe(phase, world, runs[0])
        report_phase(number, what, base_what, [r.seconds[phase] for r in runs],
                     [r.copying[phase] for r in runs], [r.starting[phase] for r in runs])
        if phase.startswith("import"):
            parts = [statistics.median(r.found[f"{phase} {part}"] for r in runs)
                     for part in ("at office", "receipt")]
            out(f"   of which the office's import {fmt_s(parts[0])}, the receipt's on the "
                f"laptop {fmt_s(parts[1])} (medians)")
    totals = [sum(r.seconds.values()) for r in runs]
    report_phase(len(PHASES) + 1, f"the whole exchange (1–{len(PHASES)})",
                 "the phases' baselines together", totals, [sum(r.copying.values()) for r in runs],
                 [sum(r.starting.values()) for r in runs])
    return totals


def report_checks(world: World, runs: list[Run]) -> bool:
    """Print what the office holds after the runs; return whether it is all there."""
    expected, last = world.expected(), runs[-1].found
    sent = sum(len(o) for o in world.originals.values())
    problems = [p for r in runs for p in r.problems]
    out(f"correctness: after {'every' if len(runs) > 1 else 'the'} run the office holds "
        f"{last['inspections']} of {len(expected['inspections'])} inspections, "
        f"{last['notices']} of {len(expected['notices'])} notices and {last['photos']} of "
        f"{sent} photos with their originals; each receipt acknowledges its bundle; verify "
        f"says {last['valid']} of {len(expected['notices'])} valid: "
        + ("correct" if not problems else "WRONG: " + "; ".join(problems)))
    return not problems


# --------------------------------------------------------------------------- main


def machine_header(tmp: Path) -> None:
    out("CivicAudit field-day benchmark")
    out(f"{machine()}; python {platform.python_version()}; "
        f"load average {os.getloadavg()[0]:.2f}")
    out(f"temp dir {tmp}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=15, help="per laptop (default 15)")
    parser.add_argument("--photos-per-notice", type=int, default=10)
    parser.add_argument("--problems", type=int, default=2,
                        help="failed criteria per inspection, its photos shared among them")
    parser.add_argument("--photo-size", type=photo_size, default=PHOTO_SIZE, metavar="WxH",
                        help=f"default {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}, a phone's")
    parser.add_argument("--reps", type=int, default=3, help="exchanges, each on fresh copies")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: one inspection per laptop, 4 photos of 640 × 480, "
                             "one run")
    parser.add_argument("--tmpdir", type=Path, default=None,
                        help="where to make the temporary directory (default: the system's)")
    args = parser.parse_args(argv)
    if args.quick:
        args.inspections, args.photos_per_notice, args.reps = 1, 4, 1
        args.photo_size = QUICK_PHOTO_SIZE
    if min(args.inspections, args.reps, args.problems) < 1:
        parser.error("--inspections, --reps and --problems must be at least 1")
    if args.photos_per_notice < args.problems:
        parser.error("every failed criterion needs a photo: --photos-per-notice ≥ --problems")
    sites = len(demo_sites())
    if args.inspections * len(AUDITORS) > sites:
        parser.error(f"the demo city has {sites} sites with a position: at most "
                     f"{sites // len(AUDITORS)} inspections per laptop")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-fieldday-", dir=args.tmpdir) as name:
        tmp = Path(name).resolve()  # the processes run in the repository's root
        machine_header(tmp)
        try:
            return run_bench(args, tmp, started)
        except FieldDayError as exc:
            out(f"FAILED: {exc}")
            return 1


def run_bench(args, tmp: Path, started: float) -> int:
    out("setup (not part of the exchange):")
    world_folder = tmp / "world"
    world_folder.mkdir()
    start = time.perf_counter()
    world = make_world(args, world_folder)
    out(f"   setup took {fmt_s(time.perf_counter() - start)}; a bare python -c pass: "
        f"{bare_start() * 1000:.0f} ms")
    out()
    out(f"the exchange through main.py, on fresh copies of the three data directories "
        f"(median of {args.reps}; each phase's baseline measured just before it)")
    runs = []
    for rep in range(args.reps):
        folder = tmp / f"run-{rep}"
        folder.mkdir()
        runs.append(exchange(world, folder))
        shutil.rmtree(folder)
    totals = report_runs(world, runs)
    correct = report_checks(world, runs)
    total = statistics.median(totals)
    notices = sum(len(v) for v in world.visits.values())
    out(f"summary: the whole exchange ({notices} notices, "
        f"{sum(len(o) for o in world.originals.values())} photos) < {TARGET_S:.0f} s: "
        f"{verdict(total < TARGET_S)} ({fmt_s(total)}, median of {len(runs)}; slowest run "
        f"{fmt_s(max(totals))})")
    out(f"(benchmark took {fmt_s(time.perf_counter() - started)})")
    return 0 if correct else 1


if __name__ == "__main__":
    sys.exit(main())
