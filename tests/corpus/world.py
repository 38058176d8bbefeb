"""The small world the corpus needs: an office, an auditor's laptop and a stranger office.

Made with the real use cases (``model.services``), in process, because the hostile bundles
and PDFs must be forged from real ones and re-signed with real keys. After :func:`build`
the office has imported the laptop's first bundle; the laptop holds a second, unimported
bundle, a signed notice and an open inspection to add photos to. Every store's last user
is the one the corpus signs in as, so signing in changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from model.people import authority, keys
from model.people.keys import SigningCredential
from model.people.profiles import Role
from tests import worlds
from tests.helpers import make_jpeg, site_line, sites_csv
from usecases.services import Services

PASSWORD = "corpus-pass"
OFFICE_USER, AUDITOR_USER = "O01", "A07"


@dataclass(frozen=True)
class World:
    """Paths and keys of the world: what the corpus forges its files from."""

    office: Path                      # data directory: the office (imported bundle_1)
    laptop: Path                      # data directory: A07's laptop
    bundle_1: Path                    # auditor bundle, already imported at the office
    bundle_2: Path                    # auditor bundle, not yet imported
    office_bundle: Path               # the office's bundle for laptops
    notice_pdf: Path                  # a signed notice the laptop recorded
    open_inspection: str              # an unfinished inspection of A07 on the laptop
    auditor: SigningCredential        # A07's key and certificate (from our office)
    revoked: SigningCredential        # A08's, revoked by the office
    stranger: SigningCredential       # B01's, from another office
    office_signer: SigningCredential  # O01's own (the office signs receipts)
    stranger_authority_id: str


def build(root: Path) -> World:
    """Make the three stores under ``root`` and return what the corpus needs of them."""
    stick = root / "stick"
    stick.mkdir(parents=True)
    office = _office(root / "office", "迎泽区创城办", "O01", ["YZ-1", "YZ-2"], root)
    laptop = worlds.make_laptop(root / "laptop", office, PASSWORD, staff_no=AUDITOR_USER)
    stranger_office = _office(root / "stranger", "小店区创城办", "O09", ["XD-1"], root)
    try:
        office_bundle, _ = office.sync.export(stick, PASSWORD)
        laptop.sync.import_bundle(office_bundle)
        notice_pdf = _inspect_and_notify(laptop, "YZ-1", root)
        bundle_1, _ = laptop.sync.export(stick, PASSWORD)
        office.sync.import_bundle(bundle_1)
        _inspect(laptop, "YZ-2", root)
        bundle_2, _ = laptop.sync.export(stick, PASSWORD)
        open_inspection = laptop.inspections.start("YZ-1").id
        laptop.photos.make_previews()
        world = World(
            office=office.store.data_dir, laptop=laptop.store.data_dir, bundle_1=bundle_1,
            bundle_2=bundle_2, office_bundle=office_bundle, notice_pdf=notice_pdf,
            open_inspection=open_inspection, auditor=_credential(laptop),
            revoked=_revoked_credential(office), stranger=_stranger(stranger_office),
            office_signer=_credential(office),
            stranger_authority_id=authority.trusted_authorities(stranger_office.store)[0].id)
        office.login(OFFICE_USER, PASSWORD)  # the last user of each store, as the corpus runs
        return world
    finally:
        for services in (office, laptop, stranger_office):
            services.close()


def _office(folder: Path, name: str, staff_no: str, site_codes: list[str],
            root: Path) -> Services:
    """An office store: its profile, A07's, sites, its authority and own key."""
    sites = sites_csv(root, [site_line(code) for code in site_codes], name=f"{staff_no}-sites.csv")
    return worlds.make_office(folder, PASSWORD, sites, name=name, staff_no=staff_no)


def _inspect(laptop: Services, site: str, root: Path) -> str:
    """A finished inspection with one failed criterion and its photo; return its id."""
    inspection = laptop.inspections.start(site)
    laptop.inspections.record(inspection.id, "ZCGD-01", "fail", 1, "东门", "垃圾")
    laptop.inspections.record(inspection.id, "ZCGD-03", "pass")
    photo = make_jpeg(root / "photos" / f"{site}.jpg", dt.datetime.now())
    laptop.photos.add(inspection.id, [photo], "ZCGD-01")
    laptop.inspections.finish(inspection.id)
    return inspection.id


def _inspect_and_notify(laptop: Services, site: str, root: Path) -> Path:
    """A finished inspection and the signed notice issued for it: the notice's PDF."""

    inspection = _inspect(laptop, site, root)
    desk = laptop.notices
    issued = desk.issue(desk.draft(inspection), PASSWORD)
    return issued.pdf


def _credential(services: Services) -> SigningCredential:
    return keys.signing_credential(services.store, services.user, PASSWORD)


def _revoked_credential(office: Services) -> SigningCredential:
    """A08's credential, issued by the office and then revoked by it."""
    auditor = office.people.create("张丽", "A08", Role.AUDITOR, PASSWORD, "督查二组")
    request = keys.request_key(office.store, auditor, PASSWORD)
    chain = office.credentials.issue(request, "a08.csr", PASSWORD)
    keys.install_certificate(office.store, auditor, chain, "a08.pem")
    credential = keys.signing_credential(office.store, auditor, PASSWORD)
    office.credentials.revoke(credential.serial, "laptop lost", PASSWORD)
    return credential


def _stranger(stranger_office: Services) -> SigningCredential:
    """B01's credential from the other office's authority."""
    auditor = stranger_office.people.create("赵六", "B01", Role.AUDITOR, PASSWORD, "小店督查")
    request = keys.request_key(stranger_office.store, auditor, PASSWORD)
    chain = stranger_office.credentials.issue(request, "b01.csr", PASSWORD)
    keys.install_certificate(stranger_office.store, auditor, chain, "b01.pem")
    return keys.signing_credential(stranger_office.store, auditor, PASSWORD)
