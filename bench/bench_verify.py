"""Benchmark of verifying a stick of notices: one process for all of them against one each.

Run from the repository root::

    python bench/bench_verify.py [--notices N] [--reps R] [--quick]

Every measurement is printed next to a baseline measured in the same run, with
their ratio. Not a pytest test; ``tests/test_bench_smoke.py`` only checks that
it still runs.

N distinct notices (default 30) are issued in this process as in
``bench/bench_notice.py`` (``NoticeDesk.issue`` over the demo city: 3 failed
criteria, 2 photos, each notice its own number, signature and bytes) and copied
into a folder, as an office receives them on a USB stick. Then, as the user runs it:

1. ``python main.py notice verify FOLDER``: every notice in one process (start,
   imports, pyHanko, N checks). Target for 30: < 3 s.
2. Baseline: the old way, ``python main.py notice verify FILE`` once per notice
   (N processes, each paying start and imports).

For reference: one single-file process, and one check in-process (the work each
file really costs). Medians of R runs for 1; the baseline runs once.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from bench.bench_notice import make_photo  # noqa: E402
from model.demo import demo  # noqa: E402
from usecases.services import Services  # noqa: E402

FAILS, PHOTOS = 3, 2
# A notice prints its photos from the 1600 px previews: a larger original makes the same PDF
# and only takes longer to generate.
PHOTO_SIZE = (1600, 1200)
TARGET_S, TARGET_FOR = 3.0, 30  # 30 notices verified in one process in under 3 s


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def ratio(measured: float, baseline: float) -> float:
    return measured / baseline if baseline > 0 else float("inf")


def issued_notices(folder: Path, count: int) -> tuple[Services, list[Path]]:
    """The demo city with ``count`` notices A07 issued, copied to ``folder/stick``."""
    services = Services.open(folder / "data")
    demo.load(services.store)
    services.login("A07", demo.DEMO_PASSWORD)
    site = next(s for s in services.sites.search() if s.site_type == "ZCGD")
    inspection = services.inspections.start(site.id)
    codes = [line.criterion.code for line in services.inspections.detail(inspection.id).lines]
    for index, code in enumerate(codes[:FAILS]):
        services.inspections.record(inspection.id, code, "fail", 1, f"{index + 1}号楼东侧",
                                    "现场发现垃圾堆放、乱贴小广告，影响市容环境。")
    rng = random.Random(2026)
    for index in range(PHOTOS):
        photo = make_photo(folder / f"photo-{index}.jpg", rng, PHOTO_SIZE)
        services.photos.add(inspection.id, [photo], codes[index % FAILS])
    services.photos.make_previews()
    services.inspections.finish(inspection.id)
    draft = services.notices.draft(inspection.id)
    stick = folder / "stick"
    stick.mkdir()
    pdfs = []
    for number in range(count):
        issued = services.notices.issue(dataclasses.replace(draft), demo.DEMO_PASSWORD)
        pdfs.append(services.notices.export(issued.notice, stick / f"notice-{number + 1:03}.pdf"))
    return services, pdfs


def verify_process(data_dir: Path, *paths: Path) -> tuple[float, str]:
    """Seconds for ``main.py notice verify PATHS`` from start to exit, and its output."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), "notice",
                           "verify", *map(str, paths)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=600, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"notice verify failed (exit {done.returncode}):\n{done.stdout}\n"
                         f"{done.stderr}")
    return seconds, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=TARGET_FOR)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 notices, 1 rep")
    args = parser.parse_args(argv)
    if args.quick:
        args.notices, args.reps = 3, 1

    with tempfile.TemporaryDirectory(prefix="civicaudit-bench-verify-") as tmp:
        out("CivicAudit notice verification benchmark")
        start = time.perf_counter()
        services, pdfs = issued_notices(Path(tmp), args.notices)
        data_dir, stick = Path(tmp) / "data", pdfs[0].parent
        size = sum(p.stat().st_size for p in pdfs) / len(pdfs) / 1e6
        out(f"prepared in {time.perf_counter() - start:.1f} s: {len(pdfs)} signed notices of "
            f"{size:.2f} MB ({FAILS} problems, {PHOTOS} photos) in {stick.name}/")
        in_process = []
        for pdf in pdfs:
            t0 = time.perf_counter()
            assert services.notices.verify(pdf).valid
            in_process.append(time.perf_counter() - t0)
        services.close()
        batch_runs = []
        for _ in range(args.reps):
            seconds, said = verify_process(data_dir, stick)
            batch_runs.append(seconds)
        batch = statistics.median(batch_runs)
        t0 = time.perf_counter()
        for pdf in pdfs:
            verify_process(data_dir, pdf)
        baseline = time.perf_counter() - t0
        out(f"1. one process for the folder of {len(pdfs)}: {batch:.2f} s  (baseline: "
            f"{len(pdfs)} processes of one file each {baseline:.2f} s; ratio "
            f"{ratio(batch, baseline):.2g}×)")
        out(f"   it says: {said.splitlines()[-1]}  (median of {args.reps})")
        single, _said = verify_process(data_dir, pdfs[0])
        check = statistics.median(in_process)
        out(f"   for reference: one single-file process {single:.2f} s; one check in-process "
            f"{check * 1000:.0f} ms (median of {len(pdfs)})")
        scaled = batch if len(pdfs) == TARGET_FOR else single + (batch - single) * (
            TARGET_FOR - 1) / max(len(pdfs) - 1, 1)
        out(f"summary: {TARGET_FOR} notices in one process < {TARGET_S:.0f} s: "
            f"{_word(scaled < TARGET_S)} ({scaled:.2f} s"
            + ("" if len(pdfs) == TARGET_FOR else f", estimated from {len(pdfs)}") + ")")
    return 0


def _word(ok: bool) -> str:
    return "met" if ok else "NOT MET"


if __name__ == "__main__":
    raise SystemExit(main())
