"""Small builders shared by tests: CSV files and a populated store."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from model.store import clock

SITE_HEADER = "点位编号,点位名称,点位类型,区县,街道,地址,责任单位,负责人,联系电话,纬度,经度"


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8-sig") -> Path:
    """Write lines as a CSV file in the given encoding and return its path."""
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def site_line(code: str, name: str = "测试点位", site_type: str = "ZCGD",
              district: str = "迎泽区", sub_district: str = "柳巷街道",
              unit: str = "迎泽区城市管理局", gps: str = "37.86,112.56") -> str:
    """Return one site CSV line with sensible defaults."""
    return (f"{code},{name},{site_type},{district},{sub_district},地址1号,{unit},张三,"
            f"13900000000,{gps}")


def sites_csv(tmp_path: Path, lines: list[str], name: str = "sites.csv") -> Path:
    """Write a site CSV with the standard header."""
    return write_csv(tmp_path / name, [SITE_HEADER, *lines])


def make_jpeg(path: Path, taken: dt.datetime | None = None, gps: bool = True,
              size=(800, 600), colour=(40, 120, 200)) -> Path:
    """A JPEG with camera-like EXIF (make, capture time, GPS near Taiyuan) unless ``taken`` is None.

    ``taken`` is a moment (a naive one is this computer's local time, as ``datetime.now()``
    gives); it is written, without an offset, as the office's wall-clock time, as a camera
    set to the local clock writes it. White stripes give it some structure, so copies in
    other colours differ in every way.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, colour)
    for x in range(0, size[0], 40):
        image.paste((255, 255, 255), (x, 0, x + 4, size[1]))
    exif = Image.Exif()
    if taken is not None:
        exif[0x010F] = "TestCam"
        wall = clock.office_moment(taken if taken.tzinfo else taken.astimezone())
        exif.get_ifd(0x8769)[0x9003] = wall.strftime("%Y:%m:%d %H:%M:%S")
        if gps:
            exif.get_ifd(0x8825).update({1: "N", 2: (37.0, 51.0, 36.0), 3: "E",
                                         4: (112.0, 33.0, 0.0)})
    image.save(path, "JPEG", exif=exif.tobytes() if taken is not None else b"")
    return path


def made_once(tmp_path_factory, name: str, build: Callable[[Path], object]) -> Path:
    """``build(folder)`` run once for the whole run, not once per test worker: the workers of
    ``pytest -n`` share the folder, the first to come builds it under a file lock and the
    others wait for it (pytest-xdist's own recipe). Tests must only copy what it holds.
    Where file locks are missing (Windows), each process builds its own."""
    try:
        import fcntl
    except ImportError:
        folder = tmp_path_factory.mktemp(name) / name
        build(folder)
        return folder
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder, done = root / "made-once" / name, root / "made-once" / f"{name}.done"
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(root / "made-once" / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build a crash left halfway
            build(folder)
            done.touch()
    return folder


def copy_of(made: Path, folder: Path) -> Path:
    """A copy of the data directory ``made`` in ``folder``, for a test to change as it likes."""
    return Path(shutil.copytree(made, folder / made.name))
