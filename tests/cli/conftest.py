"""Fixtures for the CLI tests: real data directories driven through ``main.py``."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import run
from tests.cli.workflows import AUDITOR_PW, OFFICE_PW
from tests.helpers import site_line, sites_csv


@pytest.fixture(scope="module")
def office_and_laptop(tmp_path_factory):
    """Two data directories: the office's and an auditor's laptop, certificate installed."""
    base = tmp_path_factory.mktemp("notice-cli")
    office, laptop = base / "office", base / "laptop"
    # the first profile of each store; on the laptop a local office profile sets it up
    # (one password there: a new profile takes the password given to the command)
    for data_dir, who, pw in ((office, "O01", OFFICE_PW), (laptop, "L00", AUDITOR_PW)):
        created = run(data_dir, "profile", "create", "--name", f"人{who}", "--staff-no", who,
                      "--role", "office", password=pw)
        assert created.returncode == 0, created.stderr
    created = run(laptop, "--user", "L00", "profile", "create", "--name", "李明", "--staff-no",
                  "A07", "--role", "auditor", password=AUDITOR_PW)
    assert created.returncode == 0, created.stderr
    sites = run(laptop, "--user", "L00", "sites", "import",
                str(sites_csv(base, [site_line("YZ-9")])), password=AUDITOR_PW)
    assert sites.returncode == 0, sites.stderr
    assert run(office, "--user", "O01", "ca", "init", "--name", "迎泽区创城办",
               password=OFFICE_PW).returncode == 0
    request, cert = base / "a07.csr", base / "a07.pem"
    assert run(laptop, "--user", "A07", "keys", "request", "--out", str(request),
               password=AUDITOR_PW).returncode == 0
    issued = run(office, "--user", "O01", "ca", "issue", str(request), "--out", str(cert),
                 password=OFFICE_PW)
    assert issued.returncode == 0, issued.stderr
    installed = run(laptop, "--user", "A07", "keys", "install", str(cert), password=AUDITOR_PW)
    assert installed.returncode == 0, installed.stderr
    # the office signs receipts and its own bundles too
    own_request, own_cert = base / "o01.csr", base / "o01.pem"
    for args in (("keys", "request", "--out", str(own_request)),
                 ("ca", "issue", str(own_request), "--out", str(own_cert)),
                 ("keys", "install", str(own_cert))):
        done = run(office, "--user", "O01", *args, password=OFFICE_PW)
        assert done.returncode == 0, done.stderr
    return office, laptop


