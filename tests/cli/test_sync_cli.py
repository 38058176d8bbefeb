"""USB sync from the command line: laptop → office → receipt → laptop, with real bundles."""

from __future__ import annotations

import json

from tests.cli.runner import run
from tests.cli.workflows import AUDITOR_PW, OFFICE_PW, finished_inspection


def test_export_import_receipt_round_trip(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    inspection_id = finished_inspection(laptop, tmp_path, ["ZCGD-01"])
    stick = tmp_path / "stick"
    stick.mkdir()
    exported = run(laptop, "--user", "A07", "export", "--to", str(stick), "--json",
                   password=AUDITOR_PW)
    assert exported.returncode == 0, exported.stderr
    path = json.loads(exported.stdout)["bundle"]
    imported = run(office, "--user", "O01", "import", path, "--receipt-to", str(stick), "--json",
                   password=OFFICE_PW)
    assert imported.returncode == 0, imported.stderr
    summary = json.loads(imported.stdout)
    assert summary["new"] >= 1 and summary["conflicts"] == 0 and summary["receipt"]
    again = json.loads(run(office, "--user", "O01", "import", path, "--json",
                           password=OFFICE_PW).stdout)
    assert again["already_imported"] and again["new"] == 0
    shown = json.loads(run(office, "inspections", "show", inspection_id, "--json").stdout)
    assert shown["site"] == "YZ-9" and shown["status"] == "finished"
    receipt = run(laptop, "--user", "A07", "import", summary["receipt"], password=AUDITOR_PW)
    assert receipt.returncode == 0, receipt.stderr
    assert "the office acknowledged" in receipt.stdout and "sync prune" in receipt.stdout
    twice = run(office, "--user", "O01", "import", path, password=OFFICE_PW)
    assert twice.stdout.count("imported before") == 1  # said once, not twice
    status = json.loads(run(laptop, "--user", "A07", "sync", "status", "--json",
                            password=AUDITOR_PW).stdout)
    assert status["unsynced"] == 0 and status["last_receipt"]


def test_a_damaged_bundle_is_refused_by_name(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    stick = tmp_path / "stick"
    stick.mkdir()
    path = json.loads(run(laptop, "--user", "A07", "export", "--to", str(stick), "--json",
                          password=AUDITOR_PW).stdout)["bundle"]
    with open(path, "rb") as reader:
        data = bytearray(reader.read())
    data[-200] ^= 0x55
    broken = tmp_path / "broken.cabundle"
    broken.write_bytes(bytes(data))
    result = run(office, "--user", "O01", "import", str(broken), password=OFFICE_PW)
    assert result.returncode == 2
    assert "broken.cabundle" in result.stderr and "Traceback" not in result.stderr


def test_the_office_sends_what_changed_and_everything_with_full(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    stick = tmp_path / "stick"
    stick.mkdir()
    said = json.loads(run(laptop, "--user", "A07", "export", "--to", str(stick), "--json",
                          password=AUDITOR_PW).stdout)["bundle"]  # which office bundle it holds
    assert run(office, "--user", "O01", "import", said, password=OFFICE_PW).returncode == 0
    told = run(office, "--user", "O01", "export", "--to", str(stick), password=OFFICE_PW)
    assert told.returncode == 0 and "only what changed since office bundle" in told.stdout
    changed = json.loads(run(office, "--user", "O01", "export", "--to", str(stick), "--json",
                             password=OFFICE_PW).stdout)
    # what changed since: A07's profile, made at the office from his certificate
    assert changed["since"] > 0 and changed["records"] == 1
    full = run(office, "--user", "O01", "export", "--to", str(stick), "--full", "--json",
               password=OFFICE_PW)
    assert full.returncode == 0, full.stderr
    complete = json.loads(full.stdout)
    assert complete["since"] == 0 and complete["records"] >= 4  # site, edition, profiles …
    taken = run(laptop, "--user", "A07", "import", complete["bundle"], "--json",
                password=AUDITOR_PW)
    assert taken.returncode == 0 and json.loads(taken.stdout)["unchanged"] >= 4
