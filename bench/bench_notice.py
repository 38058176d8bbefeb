"""Benchmark of notices: one notice with 8 problems and 10 photos, a batch of 100, and
``notice create`` from the command line.

Run from the repository root::

    python bench/bench_notice.py [--batch N] [--reps R] [--quick]

Every measurement is printed next to a baseline measured in the same run, with
their ratio. Not a pytest test; ``tests/test_bench_smoke.py`` only checks that
it still runs. The photos look like a phone's (:func:`make_photo`: 12 MP, about
3 MB, fine detail all over; ``--quick`` makes them 1200 × 900).

1. One notice: ``NoticeDesk.issue`` of a finished inspection's 8 failed criteria
   with 10 photos (ingested first so their 1600 px previews exist, as after an
   import): checks, number, layout, photos, PAdES signature, atomic write and
   record. Baseline: the same 10 preview JPEGs drawn on 10 pages of a bare
   ReportLab canvas (no layout, no font, no signature). Targets: < 0.4 s and
   < 2 MB.
2. A batch: N notices issued one after another (the end of a field day);
   target for 100: < 40 s. Baseline: N times the bare document.
3. ``main.py notice create`` of another such inspection, in a process of its own
   (start, imports, sign-in, key unsealed at the shipped cost, the photo copies,
   the PDF, the export): the first one, whose printed photo copies are made
   then, and the next ones. Baseline: ``main.py notice list`` (the same start
   and sign-in, then a read). Target: < 1.5 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import datetime as dt  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from PIL import Image  # noqa: E402

from model.demo import demo  # noqa: E402
from model.photos import media  # noqa: E402
from usecases.services import Services  # noqa: E402

PROBLEMS, PHOTOS = 8, 10
PHOTO_SIZE, QUICK_PHOTO_SIZE = (4000, 3000), (1200, 900)
ONE_TARGET_S, SIZE_TARGET_MB, BATCH_TARGET_S, COMMAND_TARGET_S = 0.4, 2.0, 40.0, 1.5


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def ratio(measured: float, baseline: float) -> float:
    return measured / baseline if baseline > 0 else float("inf")


def make_photo(path: Path, rng: random.Random, size: tuple[int, int] = PHOTO_SIZE) -> Path:
    """A JPEG like a phone's street photo, with EXIF time: smooth fields, fine detail all over
    (leaves, brick, gravel: what makes real photos large) and sensor grain; 12 MP is about
    3 MB, as a phone's."""
    fields = _noise((16, 12), 90).resize(size, Image.Resampling.BICUBIC)
    detail = _noise((size[0] // 4, size[1] // 4), 60).resize(size, Image.Resampling.BICUBIC)
    image = Image.blend(Image.blend(fields, detail, 0.5), _noise(size, 12), 0.15)
    exif = Image.Exif()
    exif[0x0132] = dt.datetime.now().strftime("%Y:%m:%d %H:%M:%S")
    image.save(path, "JPEG", quality=90 - rng.randrange(5), exif=exif)
    return path


def _noise(size: tuple[int, int], sigma: float) -> Image.Image:
    """Colour noise: each channel of its own."""
    return Image.merge("RGB", [Image.effect_noise(size, sigma) for _ in range(3)])


def prepared(folder: Path, size: tuple[int, int]) -> tuple[Services, str]:
    """The demo city, and a finished inspection by A07 with 8 failures and 10 photos."""
    services = Services.open(folder / "data")
    demo.load(services.store)
    services.login("A07", demo.DEMO_PASSWORD)
    return services, failed_inspection(services, folder, size, "photo")


def failed_inspection(services: Services, folder: Path, size: tuple[int, int],
                      prefix: str) -> str:
    """A new finished inspection of a ZCGD site by A07: 8 failures and 10 photos."""
    site = next(s for s in services.sites.search() if s.site_type == "ZCGD")
    inspection = services.inspections.start(site.id)
    detail = services.inspections.detail(inspection.id)
    codes = [line.criterion.code for line in detail.lines][:PROBLEMS]
    for index, code in enumerate(codes):
        services.inspections.record(inspection.id, code, "fail", 1 + index % 3,
                                    f"{index + 1}号楼东侧",
                                    "现场发现垃圾堆放、乱贴小广告，影响市容环境。")
    rng = random.Random(2026)
    for index in range(PHOTOS):
        photo = make_photo(folder / f"{prefix}-{index}.jpg", rng, size)
        services.photos.add(inspection.id, [photo], codes[index % PROBLEMS])
    services.photos.make_previews()
    services.inspections.finish(inspection.id)
    return inspection.id


def command_line(folder: Path, services: Services, size: tuple[int, int],
                 reps: int) -> dict:
    """Section 3: ``notice create`` and its baseline ``notice list`` as processes."""
    inspection_id = failed_inspection(services, folder, size, "cli")
    data_dir = str(services.store.data_dir)
    env = {**os.environ, "CIVICAUDIT_PASSWORD": demo.DEMO_PASSWORD}

    def run(*argv: str) -> float:
        command = [sys.executable, str(ROOT / "main.py"), "--data-dir", data_dir,
                   "--user", "A07", *argv]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr}")
        return time.perf_counter() - started
    services.close()  # the processes take the store
    create = [run("notice", "create", inspection_id, "--out", str(folder / f"cli-{n}.pdf"))
              for n in range(reps + 1)]
    listing = [run("notice", "list") for _ in range(reps)]
    return {"first": create[0], "again": statistics.median(create[1:]),
            "list": statistics.median(listing),
            "size": (folder / "cli-0.pdf").stat().st_size}


def bare_document(previews: list[Path]) -> bytes:
    """Baseline: the same preview JPEGs, one per page of a plain canvas."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rl_config.useA85 = 0
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for preview in previews:
        pdf.drawImage(str(preview), 40, 200, width=500, height=375)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: small photos, batch of 2, 1 rep")
    args = parser.parse_args(argv)
    if args.quick:
        args.batch, args.reps = 2, 1

    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-notice-") as tmp:
        out("CivicAudit notice benchmark")
        start = time.perf_counter()
        size = QUICK_PHOTO_SIZE if args.quick else PHOTO_SIZE
        services, inspection_id = prepared(Path(tmp), size)
        desk = services.notices
        draft = desk.draft(inspection_id)
        photos = sum(len(p.photo_ids) for p in draft.problems)
        out(f"prepared in {time.perf_counter() - start:.1f} s: {len(draft.problems)} problems, "
            f"{photos} photos of {size[0]} × {size[1]}")
        previews = [media.preview_path(services.store, p.sha256)
                    for p in services.photos.of(inspection_id)]
        first = time.perf_counter()
        issued = desk.issue(draft, demo.DEMO_PASSWORD)  # pays the imports and the fonts
        out(f"first notice in this process (imports ReportLab and pyHanko, parses the fonts; "
            f"the photo copies were drawn with the previews): {time.perf_counter() - first:.2f} s")
        one_times, sizes = [], []
        for _ in range(args.reps):
            t0 = time.perf_counter()
            issued = desk.issue(draft, demo.DEMO_PASSWORD)
            one_times.append(time.perf_counter() - t0)
            sizes.append(issued.pdf.stat().st_size)
        base_times = []
        for _ in range(args.reps):
            t0 = time.perf_counter()
            bare = bare_document(previews)
            base_times.append(time.perf_counter() - t0)
        one, base = statistics.median(one_times), statistics.median(base_times)
        size_mb = statistics.median(sizes) / 1e6
        out(f"1. one notice ({len(draft.problems)} problems, {photos} photos), build + sign + "
            f"record: {one * 1000:.0f} ms, {size_mb:.2f} MB  (baseline: the {len(previews)} "
            f"previews on a bare ReportLab canvas {base * 1000:.0f} ms, "
            f"{len(bare) / 1e6:.2f} MB; ratio {ratio(one, base):.2g}×)")
        verdict = desk.verify(issued.pdf)
        out(f"   the last one verifies: {verdict.valid}; median of {args.reps}")
        t0 = time.perf_counter()
        for _ in range(args.batch):
            desk.issue(dataclasses.replace(draft), demo.DEMO_PASSWORD)
        batch = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in range(args.batch):
            bare_document(previews)
        batch_base = time.perf_counter() - t0
        out(f"2. a batch of {args.batch} notices: {batch:.1f} s  (baseline: {args.batch} bare "
            f"documents {batch_base:.1f} s, ratio {ratio(batch, batch_base):.2g}×)")
        cli = command_line(Path(tmp), services, size, args.reps)
        out(f"3. main.py notice create ({PROBLEMS} problems, {PHOTOS} photos), a process of "
            f"its own: first {cli['first']:.2f} s, then {cli['again']:.2f} s, "
            f"{cli['size'] / 1e6:.2f} MB  (baseline: main.py notice list {cli['list']:.2f} s; "
            f"ratio {ratio(cli['first'], cli['list']):.2g}× and "
            f"{ratio(cli['again'], cli['list']):.2g}×)")
        met = [one < ONE_TARGET_S, size_mb < SIZE_TARGET_MB,
               batch * 100 / args.batch < BATCH_TARGET_S, cli["first"] < COMMAND_TARGET_S]
        out(f"summary: one notice < {ONE_TARGET_S} s: {_word(met[0])} ({one * 1000:.0f} ms); "
            f"< {SIZE_TARGET_MB:.0f} MB: {_word(met[1])} ({size_mb:.2f} MB); 100 notices < "
            f"{BATCH_TARGET_S:.0f} s: {_word(met[2])} "
            f"({batch * 100 / args.batch:.1f} s for 100, from {args.batch}); notice create "
            f"< {COMMAND_TARGET_S} s from the command line: {_word(met[3])} "
            f"({cli['first']:.2f} s)")
    return 0


def _word(ok: bool) -> str:
    return "met" if ok else "NOT MET"


if __name__ == "__main__":
    raise SystemExit(main())
