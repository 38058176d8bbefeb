"""Fixtures for the CLI tests: real data directories driven through ``main.py``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import run
from tests.cli.workflows import AUDITOR_PW, OFFICE_PW
from tests.helpers import copy_of, made_once, site_line, sites_csv


@pytest.fixture(scope="module")
def office_and_laptop(enrolled_office_and_laptop, tmp_path_factory):
    """Two data directories: the office's and an auditor's laptop, certificate installed and
    the office's sites received, as an office enrols a laptop. Each module has its own copy
    (its tests may change them) of the pair made once per session."""
    base = tmp_path_factory.mktemp("office-and-laptop")
    return tuple(copy_of(made, base) for made in enrolled_office_and_laptop)


@pytest.fixture(scope="session")
def enrolled_office_and_laptop(tmp_path_factory):
    """The pair ``office_and_laptop`` copies, made through ``main.py`` once per run
    (``made_once``); never change it."""
    base = made_once(tmp_path_factory, "office-and-laptop", _enrol_pair)
    return base / "office", base / "laptop"


def _enrol_pair(base: Path) -> None:
    """The office O01 with its authority and certificate, and A07's laptop enrolled."""
    base.mkdir(parents=True)
    office, laptop = base / "office", base / "laptop"
    # the first profile of each store; on the laptop a local office profile sets it up
    # (A07's password is given as the new profile's own: here the same as L00's)
    for data_dir, who, pw in ((office, "O01", OFFICE_PW), (laptop, "L00", AUDITOR_PW)):
        created = run(data_dir, "profile", "create", "--name", f"人{who}", "--staff-no", who,
                      "--role", "office", password=pw)
        assert created.returncode == 0, created.stderr
    created = run(laptop, "--user", "L00", "profile", "create", "--name", "李明", "--staff-no",
                  "A07", "--role", "auditor", password=AUDITOR_PW, new_password=AUDITOR_PW)
    assert created.returncode == 0, created.stderr
    sites = run(office, "--user", "O01", "sites", "import",
                str(sites_csv(base, [site_line("YZ-9")])), password=OFFICE_PW)
    assert sites.returncode == 0, sites.stderr
    assert run(office, "--user", "O01", "ca", "init", "--name", "迎泽区创城办",
               password=OFFICE_PW).returncode == 0
    # the office signs receipts and its own bundles with an office-role certificate
    _enrol(office, "O01", OFFICE_PW, office, base / "o01", "office")
    _enrol(laptop, "A07", AUDITOR_PW, office, base / "a07", "auditor")
    stick = base / "stick"
    stick.mkdir()
    exported = run(office, "--user", "O01", "export", "--to", str(stick), "--json",
                   password=OFFICE_PW)
    assert exported.returncode == 0, exported.stderr
    received = run(laptop, "--user", "A07", "import", json.loads(exported.stdout)["bundle"],
                   password=AUDITOR_PW)
    assert received.returncode == 0, received.stderr


def _enrol(data_dir, who: str, password: str, office, base, role: str) -> None:
    """``who`` requests a key, the office issues a certificate for ``role``, ``who``
    installs it."""
    request, cert = base.with_suffix(".csr"), base.with_suffix(".pem")
    done = run(data_dir, "--user", who, "keys", "request", "--out", str(request),
               password=password)
    assert done.returncode == 0, done.stderr
    done = run(office, "--user", "O01", "ca", "issue", str(request), "--out", str(cert),
               "--role", role, password=OFFICE_PW)
    assert done.returncode == 0, done.stderr
    done = run(data_dir, "--user", who, "keys", "install", str(cert), password=password)
    assert done.returncode == 0, done.stderr
