"""The office, its authority and enrolled laptops: one way to build them, for tests and benches.

An office here is a store with its office profile (signed in), an auditor profile A07, its
sites, its certificate authority and its own office-role certificate (the office signs
receipts and its bundles). A laptop is a store whose auditor holds a key and the certificate
the office issued for it. Everything goes through the real use cases; nothing here imports
pytest, so ``bench/`` builds the same worlds.
"""

from __future__ import annotations

from pathlib import Path

from model.people.profiles import Role
from usecases.services import Services


def make_office(folder: Path, password: str, sites_csv: Path, *, name: str = "迎泽区创城办",
                staff_no: str = "O01") -> Services:
    """An office store: its profile (signed in), A07's, the sites of ``sites_csv``, its
    authority named ``name`` and its own office-role certificate."""
    office = Services.open(folder)
    office.people.create("王建国", staff_no, Role.OFFICE, password, name)
    office.login(staff_no, password)
    office.people.create("李明", "A07", Role.AUDITOR, password, "督查一组")
    office.sites.import_csv(sites_csv)
    office.credentials.init_authority(name, password)
    enrol(office, office, staff_no, password, role="office")
    return office


def enrol(office: Services, laptop: Services, staff_no: str, password: str, *,
          role: str = "auditor") -> None:
    """``staff_no`` on ``laptop`` requests a key, the office (signed in) issues a certificate
    for ``role``, the laptop installs it (first contact); ``laptop`` is left signed in as
    ``staff_no``. The office may enrol its own profile: pass it as both."""
    if laptop.user is None or laptop.user.staff_no != staff_no:
        laptop.login(staff_no, password)
    request = laptop.credentials.request(password)
    chain = office.credentials.issue(request, f"{staff_no}.csr", password, role=role)
    laptop.credentials.install(chain, f"{staff_no}.pem")


def make_laptop(folder: Path, office: Services, password: str, *, staff_no: str = "A07",
                name: str = "李明", team: str = "督查一组") -> Services:
    """A laptop whose auditor ``staff_no`` is enrolled with ``office``, signed in."""
    laptop = Services.open(folder)
    laptop.people.create(name, staff_no, Role.AUDITOR, password, team)
    enrol(office, laptop, staff_no, password)
    return laptop


def receive_office_bundle(office: Services, laptops: list[Services], stick: Path,
                          password: str) -> Path:
    """The office exports its bundle to ``stick`` and every laptop imports it."""
    bundle, _ = office.sync.export(stick, password)
    for laptop in laptops:
        laptop.sync.import_bundle(bundle)
    return bundle
