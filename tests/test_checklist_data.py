"""Checks on the shipped checklist edition and on its derivation script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CHECKLIST = ROOT / "resources" / "checklists" / "national-ref.json"
SCRIPT = ROOT / "tools" / "derive_checklist.py"
REFERENCE = ROOT / ".." / "shared" / "reference" / "checklist_reference.json"

METHODS = {"observe", "ask", "document"}
SEVERITIES = {"major", "minor"}
DEADLINES = {"24h", "3wd", "7d", "15d"}
BASES = {"sourced", "adapted", "inferred"}
GROUPS = {"environment", "indicator"}


@pytest.fixture(scope="module")
def checklist() -> dict:
    """The shipped checklist, parsed."""
    return json.loads(CHECKLIST.read_text(encoding="utf-8"))


def run_script(*args: str) -> subprocess.CompletedProcess:
    """Run the derivation script with ``args`` and capture its output."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_header(checklist: dict) -> None:
    assert checklist["format"] == "civicaudit-checklist/1"
    assert checklist["edition"]
    assert checklist["name"] and checklist["name_en"] and checklist["note"]


def test_categories(checklist: dict) -> None:
    categories = checklist["categories"]
    assert [c["code"] for c in categories] == [f"C{i:02d}" for i in range(1, 12)]
    assert all(c["group"] in GROUPS for c in categories)
    assert sum(c["group"] == "environment" for c in categories) == 8
    assert all(c["name_zh"].strip() and c["name_en"].strip() for c in categories)


def test_site_types(checklist: dict) -> None:
    codes = [s["code"] for s in checklist["site_types"]]
    assert len(codes) == 30
    assert len(set(codes)) == len(codes)
    assert all(
        s["name_zh"].strip() and s["name_en"].strip() for s in checklist["site_types"]
    )


def test_criteria_codes_and_references(checklist: dict) -> None:
    criteria = checklist["criteria"]
    assert len(criteria) >= 300
    codes = [c["code"] for c in criteria]
    assert len(set(codes)) == len(codes)
    site_codes = {s["code"] for s in checklist["site_types"]}
    category_codes = {c["code"] for c in checklist["categories"]}
    for criterion in criteria:
        assert criterion["site_type"] in site_codes, criterion["code"]
        assert criterion["category"] in category_codes, criterion["code"]


def test_criteria_enums_and_texts(checklist: dict) -> None:
    for criterion in checklist["criteria"]:
        code = criterion["code"]
        assert criterion["method"] in METHODS, code
        assert criterion["severity"] in SEVERITIES, code
        assert criterion["deadline"] in DEADLINES, code
        assert criterion["basis"] in BASES, code
        assert criterion["text_zh"].strip(), code
        assert criterion["text_en"].strip(), code


def test_script_reproduces_shipped_file(tmp_path: Path) -> None:
    if not REFERENCE.is_file():
        pytest.skip(f"shared reference not available: {REFERENCE}")
    output = tmp_path / "national-ref.json"
    result = run_script("--reference", str(REFERENCE), "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert output.read_bytes() == CHECKLIST.read_bytes()


def test_script_rejects_invalid_reference(tmp_path: Path) -> None:
    if not REFERENCE.is_file():
        pytest.skip(f"shared reference not available: {REFERENCE}")
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(reference[:-1], ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "out.json"
    result = run_script("--reference", str(broken), "--output", str(output))
    assert result.returncode != 0
    assert "site types" in result.stderr
    assert not output.exists()
