"""``inspections record-batch``: scripted entry of results, each line reported once stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from model.people.profiles import Role
from tests.cli.runner import ROOT
from tests.helpers import site_line, sites_csv
from usecases.services import Services

PW = "batch-pass"


def _run(data_dir, *args, stdin=None):
    env = {k: v for k, v in os.environ.items() if k != "CIVICAUDIT_PASSWORD"}
    env.update(CIVICAUDIT_DATA_DIR=str(data_dir), CIVICAUDIT_PASSWORD=PW)
    return subprocess.run([sys.executable, "main.py", "--user", "A07", *args], cwd=ROOT, env=env,
                          input=stdin, capture_output=True, text=True, timeout=120,
                          stdin=None if stdin is not None else subprocess.DEVNULL)


@pytest.fixture
def inspection(tmp_path):
    """A data directory where A07 has started an inspection of a street (ZCGD) site."""
    data_dir = tmp_path / "data"
    services = Services.open(data_dir)
    try:
        services.people.create("王建国", "O01", Role.OFFICE, PW)
        services.login("O01", PW)
        services.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-9")]))
        services.people.create("李明", "A07", Role.AUDITOR, PW)
        services.login("A07", PW)
        return data_dir, services.inspections.start("YZ-9").id
    finally:
        services.close()


def _results(data_dir, inspection_id) -> dict:
    shown = json.loads(_run(data_dir, "inspections", "show", inspection_id, "--json").stdout)
    return {r["criterion"]: (r["outcome"], r["instances"]) for r in shown["results"]
            if r["outcome"]}


def test_each_good_line_is_stored_and_reported_and_bad_lines_are_named_and_skipped(inspection):
    data_dir, inspection_id = inspection
    lines = ("# morning round\n"
             "ZCGD-01,pass\n"
             "ZCGD-06,fail,2\n"
             "\n"
             "ZCGD-02,maybe\n"         # line 5: no such outcome
             "NOPE-99,fail\n"          # line 6: not on this checklist
             "ZCGD-03,fail,many\n"     # line 7: instances not a number
             "ZCGD-04\n"               # line 8: too few fields
             "ZCGD-01,na\n")
    done = _run(data_dir, "inspections", "record-batch", inspection_id, stdin=lines)
    assert done.returncode == 2, done.stderr
    assert done.stdout.splitlines() == ["stored ZCGD-01 pass 0", "stored ZCGD-06 fail 2",
                                        "stored ZCGD-01 na 0", "done: 3 stored, 4 skipped"]
    errors = done.stderr.splitlines()
    assert [e.split(":")[0] for e in errors] == ["line 5", "line 6", "line 7", "line 8"]
    assert "NOPE-99" in errors[1] and "many" in errors[2]
    assert _results(data_dir, inspection_id) == {"ZCGD-01": ("na", 0), "ZCGD-06": ("fail", 2)}


def test_lines_come_from_a_file_too_and_a_clean_batch_exits_0(inspection, tmp_path):
    data_dir, inspection_id = inspection
    source = tmp_path / "marks.csv"
    source.write_bytes("ZCGD-02,fail,3\r\nZCGD-05,pass,0\r\n".encode("utf-8-sig"))  # Excel's
    done = _run(data_dir, "inspections", "record-batch", inspection_id, "--from", str(source))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "done: 2 stored, 0 skipped"
    assert _results(data_dir, inspection_id) == {"ZCGD-02": ("fail", 3), "ZCGD-05": ("pass", 0)}


def test_an_unknown_inspection_or_a_missing_file_stops_before_any_line(inspection, tmp_path):
    data_dir, inspection_id = inspection
    unknown = _run(data_dir, "inspections", "record-batch", "no-such-id", stdin="ZCGD-01,pass\n")
    assert unknown.returncode == 2 and unknown.stderr.count("no-such-id") == 1
    missing = _run(data_dir, "inspections", "record-batch", inspection_id, "--from",
                   str(tmp_path / "absent.csv"))
    assert missing.returncode == 2 and "absent.csv" in missing.stderr
    assert _results(data_dir, inspection_id) == {}
