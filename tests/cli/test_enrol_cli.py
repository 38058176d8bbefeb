"""A new laptop joins the office through ``main.py enrol`` alone: prepare, join (the
fingerprint compared), issue, and the certificate with the next office bundle."""

from __future__ import annotations

import json
import re

from tests.cli.runner import run
from tests.cli.workflows import OFFICE_PW
from tests.helpers import copy_of

OWN = "zhou-jiu-own"


def test_a_new_laptop_joins_the_office_from_the_stick(enrolled_office_and_laptop, tmp_path):
    office = copy_of(enrolled_office_and_laptop[0], tmp_path)
    laptop, stick = tmp_path / "new-laptop", tmp_path / "stick"
    stick.mkdir()
    o01 = ("--user", "O01")
    made = run(office, *o01, "profile", "create", "--name", "周九", "--staff-no", "A09",
               "--role", "auditor", password=OFFICE_PW, new_password="not-used-here")
    assert made.returncode == 0, made.stderr
    prepared = run(office, *o01, "enrol", "prepare", "--to", str(stick), password=OFFICE_PW)
    assert prepared.returncode == 0, prepared.stderr
    fingerprint = re.search(r"([0-9A-F]{2}(?::[0-9A-F]{2}){7})", prepared.stdout).group(1)
    join = ("enrol", "join", str(stick), "--staff-no", "A09", "--fingerprint")
    wrong = run(laptop, *join, "00:11:22:33", new_password=OWN)
    assert wrong.returncode == 2 and "does not match" in wrong.stderr
    assert not list(stick.glob("civicaudit-request-*"))  # nothing changed, nothing written
    joined = run(laptop, *join, fingerprint, new_password=OWN)
    assert joined.returncode == 0, joined.stderr
    assert "Joined as 周九 (A09)" in joined.stdout
    issued = run(office, *o01, "enrol", "issue", "--from", str(stick), password=OFFICE_PW)
    assert issued.returncode == 0 and "A09 — certificate" in issued.stdout, issued.stderr
    exported = run(office, *o01, "export", "--to", str(stick), "--json", password=OFFICE_PW)
    bundle = json.loads(exported.stdout)["bundle"]
    received = run(laptop, "--user", "A09", "import", bundle, password=OWN)
    assert received.returncode == 0 and "is installed" in received.stdout, received.stderr
    signed = run(laptop, "--user", "A09", "export", "--to", str(tmp_path), password=OWN)
    assert signed.returncode == 0, signed.stderr  # A09 signs with the certificate it received
