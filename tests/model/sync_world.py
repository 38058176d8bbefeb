"""An office and two enrolled laptops exchanging real signed bundles, for the sync tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from model.people.profiles import Role
from tests import worlds
from tests.helpers import make_jpeg, site_line, sites_csv
from usecases.services import Services

PW = "sync-pass"


def build(tmp_path: Path) -> Iterator[tuple[Services, dict[str, Services], Path]]:
    """An office (with sites and its authority) and two laptops enrolled, office data synced:
    yields (office, {staff no: laptop}, stick) and closes the stores afterwards."""
    office = worlds.make_office(
        tmp_path / "office", PW, sites_csv(tmp_path, [site_line("YZ-1"), site_line("YZ-2"),
                                                      site_line("XD-1", district="小店区")]))
    office.people.create("张丽", "A08", Role.AUDITOR, PW, "督查二组")
    laptops = {staff_no: worlds.make_laptop(tmp_path / staff_no, office, PW, staff_no=staff_no,
                                            name=name, team="督查组")
               for staff_no, name in (("A07", "李明"), ("A08", "张丽"))}
    stick = tmp_path / "stick"
    stick.mkdir()
    worlds.receive_office_bundle(office, list(laptops.values()), stick, PW)
    yield office, laptops, stick
    for services in (office, *laptops.values()):
        services.close()


def inspect(laptop: Services, site: str, tmp: Path, fails: list[str]) -> str:
    """A finished inspection of ``site``: ``fails`` failed, ZCGD-03 passed, and one photo of
    the first failure (its own: two inspections in the same second never share a photo)."""
    inspection = laptop.inspections.start(site)
    for code in fails:
        laptop.inspections.record(inspection.id, code, "fail", 1, "东门", "垃圾")
    laptop.inspections.record(inspection.id, "ZCGD-03", "pass")
    colour = tuple(hashlib.sha256(inspection.id.encode()).digest()[:3])
    photo = make_jpeg(tmp / f"{inspection.id}.jpg", dt.datetime.now(), colour=colour)
    laptop.photos.add(inspection.id, [photo], fails[0])
    laptop.inspections.finish(inspection.id)
    return inspection.id


def open_copy(folder: Path) -> Iterator[tuple[Services, dict[str, Services], Path]]:
    """Open a copy of a built world in ``folder`` as :func:`build` left it, each store signed
    in as its user: yields (office, {staff no: laptop}, stick), closes them afterwards."""
    office = Services.open(folder / "office")
    office.login("O01", PW)
    laptops = {}
    for staff_no in ("A07", "A08"):
        laptops[staff_no] = Services.open(folder / staff_no)
        laptops[staff_no].login(staff_no, PW)
    yield office, laptops, folder / "stick"
    for services in (office, *laptops.values()):
        services.close()


@pytest.fixture
def world(sync_world_built, tmp_path):
    """An office (with sites and its authority) and two laptops enrolled, office data synced:
    (office, {staff no: laptop}, stick), a copy of its own of the world built once per test
    process. Take it into a test module as ``world = world``."""
    shutil.copytree(sync_world_built, tmp_path, dirs_exist_ok=True)
    yield from open_copy(tmp_path)
