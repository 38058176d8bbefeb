"""An office and two enrolled laptops exchanging real signed bundles, for the sync tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from model.people.profiles import Role
from model.services import Services
from tests.helpers import make_jpeg, site_line, sites_csv

PW = "sync-pass"


def enrol(office: Services, laptop: Services, staff_no: str, tmp: Path) -> None:
    """The auditor's key on the laptop, its certificate from the office (first contact)."""
    laptop.login(staff_no, PW)
    request = laptop.request_key(PW)
    office.login("O01", PW)
    chain = office.issue_certificate(request, "request", PW)
    laptop.install_certificate(chain, "certificate")


def build(tmp_path: Path) -> Iterator[tuple[Services, dict[str, Services], Path]]:
    """An office (with sites and its authority) and two laptops enrolled, office data synced:
    yields (office, {staff no: laptop}, stick) and closes the stores afterwards."""
    office = Services.open(tmp_path / "office")
    office.create_profile("王建国", "O01", Role.OFFICE, PW, "创城办")
    office.login("O01", PW)
    office.create_profile("李明", "A07", Role.AUDITOR, PW, "督查一组")
    office.create_profile("张丽", "A08", Role.AUDITOR, PW, "督查二组")
    office.import_sites(sites_csv(tmp_path, [site_line("YZ-1"), site_line("YZ-2"),
                                             site_line("XD-1", district="小店区")]))
    office.init_authority("迎泽区创城办", PW)
    office.install_certificate(office.issue_certificate(office.request_key(PW), "o", PW,
                                                        role="office"), "o")
    laptops = {}
    for staff_no, name in (("A07", "李明"), ("A08", "张丽")):
        laptop = Services.open(tmp_path / staff_no)
        laptop.create_profile(name, staff_no, Role.AUDITOR, PW, "督查组")
        enrol(office, laptop, staff_no, tmp_path)
        laptops[staff_no] = laptop
    office.login("O01", PW)
    stick = tmp_path / "stick"
    stick.mkdir()
    office_bundle, _ = office.export_bundle(stick, PW)
    for staff_no, laptop in laptops.items():
        laptop.login(staff_no, PW)
        laptop.import_bundle(office_bundle)
    yield office, laptops, stick
    for services in (office, *laptops.values()):
        services.close()


def inspect(laptop: Services, site: str, tmp: Path, fails: list[str]) -> str:
    """A finished inspection of ``site``: ``fails`` failed, ZCGD-03 passed, and one photo of
    the first failure (its own: two inspections in the same second never share a photo)."""
    inspection = laptop.start_inspection(site)
    for code in fails:
        laptop.record_result(inspection.id, code, "fail", 1, "东门", "垃圾")
    laptop.record_result(inspection.id, "ZCGD-03", "pass")
    colour = tuple(hashlib.sha256(inspection.id.encode()).digest()[:3])
    photo = make_jpeg(tmp / f"{inspection.id}.jpg", dt.datetime.now(), colour=colour)
    laptop.add_photos(inspection.id, [photo], fails[0])
    laptop.finish_inspection(inspection.id)
    return inspection.id


@pytest.fixture
def world(tmp_path):
    """An office (with sites and its authority) and two laptops enrolled, office data synced:
    (office, {staff no: laptop}, stick). Take it into a test module as ``world = world``."""
    yield from build(tmp_path)
