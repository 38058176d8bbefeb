"""Benchmark of notices: one notice with 8 problems and 6 photos, and a batch of 100.

Run from the repository root::

    python bench/bench_notice.py [--batch N] [--reps R] [--quick]

Every measurement is printed next to a baseline measured in the same run, with
their ratio. Not a pytest test; ``tests/test_bench_smoke.py`` only checks that
it still runs.

1. One notice: ``NoticeDesk.issue`` of a finished inspection's 8 failed criteria
   with 6 photos (12 MP originals, ingested first so their 1600 px previews
   exist, as after an import): checks, number, layout, photos, PAdES signature,
   atomic write and record. Baseline: the same 6 preview JPEGs drawn on 6 pages
   of a bare ReportLab canvas (no layout, no font, no signature). Targets:
   < 0.4 s and < 2 MB.
2. A batch: N notices issued one after another (the end of a field day);
   target for 100: < 40 s. Baseline: N times the bare document.
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
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from PIL import Image  # noqa: E402

from model.demo import demo  # noqa: E402
from model.photos import media  # noqa: E402
from usecases.services import Services  # noqa: E402

PROBLEMS, PHOTOS = 8, 6
PHOTO_SIZE = (4000, 3000)
ONE_TARGET_S, SIZE_TARGET_MB, BATCH_TARGET_S = 0.4, 2.0, 40.0


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def ratio(measured: float, baseline: float) -> float:
    return measured / baseline if baseline > 0 else float("inf")


def make_photo(path: Path, rng: random.Random) -> Path:
    """A 12 MP JPEG like a street photo (smooth fields, edges, mild grain) with EXIF time."""
    fields = Image.effect_noise((16, 12), 90).convert("RGB").resize(
        PHOTO_SIZE, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(PHOTO_SIZE, 12).convert("RGB")
    image = Image.blend(fields, grain, 0.15)
    exif = Image.Exif()
    exif[0x0132] = dt.datetime.now().strftime("%Y:%m:%d %H:%M:%S")
    image.save(path, "JPEG", quality=90 - rng.randrange(5), exif=exif)
    return path


def prepared(folder: Path) -> tuple[Services, str]:
    """The demo city, and a finished inspection by A07 with 8 failures and 6 photos."""
    services = Services.open(folder / "data")
    demo.load(services.store)
    services.login("A07", demo.DEMO_PASSWORD)
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
        photo = make_photo(folder / f"photo-{index}.jpg", rng)
        services.photos.add(inspection.id, [photo], codes[index % PROBLEMS])
    services.photos.make_previews()
    services.inspections.finish(inspection.id)
    return services, inspection.id


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
    parser.add_argument("--quick", action="store_true", help="smoke run: batch of 3, 2 reps")
    args = parser.parse_args(argv)
    if args.quick:
        args.batch, args.reps = 3, 2

    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-notice-") as tmp:
        out("CivicAudit notice benchmark")
        start = time.perf_counter()
        services, inspection_id = prepared(Path(tmp))
        desk = services.notices
        draft = desk.draft(inspection_id)
        photos = sum(len(p.photo_ids) for p in draft.problems)
        out(f"prepared in {time.perf_counter() - start:.1f} s: {len(draft.problems)} problems, "
            f"{photos} photos of {PHOTO_SIZE[0]} × {PHOTO_SIZE[1]}")
        previews = [media.preview_path(services.store, p.sha256)
                    for p in services.photos.of(inspection_id)]
        first = time.perf_counter()
        issued = desk.issue(draft, demo.DEMO_PASSWORD)  # pays the imports and the photo copies
        out(f"first notice in this process (imports ReportLab and pyHanko, draws the photo "
            f"copies): {time.perf_counter() - first:.2f} s")
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
        met = [one < ONE_TARGET_S, size_mb < SIZE_TARGET_MB,
               batch * 100 / args.batch < BATCH_TARGET_S]
        out(f"summary: one notice < {ONE_TARGET_S} s: {_word(met[0])} ({one * 1000:.0f} ms); "
            f"< {SIZE_TARGET_MB:.0f} MB: {_word(met[1])} ({size_mb:.2f} MB); 100 notices < "
            f"{BATCH_TARGET_S:.0f} s: {_word(met[2])} "
            f"({batch * 100 / args.batch:.1f} s for 100, from {args.batch})")
        services.close()
    return 0


def _word(ok: bool) -> str:
    return "met" if ok else "NOT MET"


if __name__ == "__main__":
    raise SystemExit(main())
