"""Every file of the bad-input corpus (tests/corpus) through the real CLI, in a real process.

For each case: a fresh copy of the prepared store; the import command; then a non-zero exit
(unless the case is documented as accepted), the file's name and the reason in the output,
no traceback, and — unless an accepted case adds to it — every table, the audit log and the
files of the data directory exactly as before.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus import make_corpus
from tests.corpus.store_state import files_of, row_count, store_digest
from tests.corpus.world import PASSWORD

ROOT = Path(__file__).resolve().parents[1]
SPECS = make_corpus.specs()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict:
    """The corpus, built once: {case name: Case}."""
    cases = make_corpus.build(tmp_path_factory.mktemp("corpus"))
    return {case.name: case for case in cases}


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``main.py --data-dir DATA_DIR ARGS`` as a user would, password from the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICAUDIT_")}
    env["CIVICAUDIT_PASSWORD"] = PASSWORD
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300)


def fresh_copy(case, tmp_path: Path) -> Path:
    """A copy of the case's prepared store to run on (the prepared one stays as it is)."""
    return Path(shutil.copytree(case.store, tmp_path / "data",
                                ignore=shutil.ignore_patterns("logs")))


@pytest.mark.parametrize("name", [spec.name for spec in SPECS])
def test_a_corpus_file_is_refused_by_name_and_changes_nothing(corpus, tmp_path, name):
    case = corpus[name]
    data_dir = fresh_copy(case, tmp_path)
    database = data_dir / "civicaudit.db"
    tables, events, files = store_digest(database), row_count(database, "audit_event"), \
        files_of(data_dir)

    done = cli(data_dir, *case.args)
    output = done.stdout + done.stderr

    assert "Traceback" not in output, output
    assert done.returncode == (0 if case.accepted else 2), output
    assert case.accepted or case.file.name in output, output
    said = output.replace(str(case.file), "")  # a reason must be said, not be in the name
    for reason in case.reasons:
        assert reason in said, f"{reason!r} not in: {output}"
    if case.changes_store:
        return
    assert row_count(database, "audit_event") == events, "the audit log grew"
    assert store_digest(database) == tables
    assert files_of(data_dir) == files


def test_the_corpus_has_at_least_40_cases_across_every_importer(corpus):
    assert len(corpus) >= 40
    kinds = {case.importer for case in corpus.values()}
    assert kinds == {"sites", "checklist", "photos", "bundle", "pdf"}
    assert all(case.file.exists() for case in corpus.values())


def test_formula_cells_taken_from_the_corpus_are_neutralised_by_every_export(corpus, tmp_path):
    """The formula-like cells a site list may carry are stored as text, and every
    spreadsheet written from them starts them with an apostrophe."""
    case = corpus["sites-formulas.csv"]
    data_dir = fresh_copy(case, tmp_path)
    assert cli(data_dir, *case.args).returncode == 0
    listed = cli(data_dir, "sites", "list", "--search", "F-", "--json").stdout
    for formula in ("=CMD()", "+SUM(1,2)", "@x", "-1+1"):
        assert f'"name": "{formula}"' in listed
    exported = tmp_path / "sites.csv"
    assert cli(data_dir, "sites", "export", str(exported)).returncode == 0
    text = exported.read_text("utf-8-sig")
    for formula in ("'=CMD()", "'+SUM(1,2)", "'@x", "'-1+1"):
        assert f"{formula}," in text or f'"{formula}",' in text, text
    for line in text.splitlines()[1:]:
        assert not line.startswith(("=", "+", "@", "-")), line
        assert ",=" not in line and ",+" not in line and ",@" not in line, line


def test_formula_cells_are_neutralised_by_the_office_spreadsheets(corpus, tmp_path):
    """A finding at a site of the corpus's formula list, with formulas as its location and
    note: the findings CSV and the workbook keep every one of them as text."""
    import datetime as dt
    import json

    from openpyxl import load_workbook

    case = corpus["sites-formulas.csv"]
    data_dir = fresh_copy(case, tmp_path)
    assert cli(data_dir, *case.args).returncode == 0
    started = cli(data_dir, "--user", "A07", "inspections", "start", "F-0", "--json")
    inspection = json.loads(started.stdout)["id"]
    for args in (("record", inspection, "ZCGD-01", "fail", "--location=@x", "--note=-1+1"),
                 ("finish", inspection)):
        done = cli(data_dir, "--user", "A07", "inspections", *args)
        assert done.returncode == 0, done.stderr
    listed = json.loads(cli(data_dir, "inspections", "list", "--json").stdout)
    start = next(i["started_at"] for i in listed if i["id"] == inspection)
    month = dt.datetime.fromisoformat(start).astimezone().strftime("%Y-%m")
    table, book = tmp_path / "findings.csv", tmp_path / "findings.xlsx"
    for args in (("csv", "--table", "findings", "--out", str(table)), ("xlsx", "--out", str(book))):
        done = cli(data_dir, "report", *args, "--month", month)
        assert done.returncode == 0, done.stderr
    row = next(r for r in csv.reader(table.read_text("utf-8-sig").splitlines()) if "F-0" in r)
    assert {"'=CMD()", "'@x", "'-1+1"} <= set(row), row
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    sheet = load_workbook(book)["问题清单"]
    found = [cell for line in sheet.iter_rows() for cell in line
             if isinstance(cell.value, str) and cell.value in ("=CMD()", "@x", "-1+1")]
    assert len(found) >= 4  # the site name and unit, the location and the note
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)


def test_a_formula_in_a_checklist_is_neutralised_by_its_export(corpus, tmp_path):
    case = corpus["checklist-formulas.csv"]
    data_dir = fresh_copy(case, tmp_path)
    assert cli(data_dir, *case.args).returncode == 0
    exported = tmp_path / "checklist.csv"
    assert cli(data_dir, "checklist", "export", str(exported)).returncode == 0
    text = exported.read_text("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
