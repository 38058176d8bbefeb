"""``notice verify`` over many files and folders in one process: a line per file, the counts,
the worst file's exit status, the JSON list; one file alone answers as it always did.

The notices are the real signed PDFs ``main.py demo`` issued (in a copy of its data folder,
so each is recorded there and verifies as valid).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from reports.verdict import NoticeVerdict
from tests.cli.runner import run
from tests.helpers import copy_of
from usecases import batch_verify

VERDICT_KEYS = {*NoticeVerdict.__dataclass_fields__, "valid", "tampered"}


@pytest.fixture(scope="module")
def laptop(demo_made_by_cli, tmp_path_factory):
    """A copy of the demo city's data folder (A07's laptop, notices issued and recorded)."""
    return copy_of(demo_made_by_cli, tmp_path_factory.mktemp("verify-batch"))


@pytest.fixture(scope="module")
def signed(laptop) -> list[tuple[Path, str]]:
    """Three of the demo's signed notice PDFs and their numbers, in number order."""
    numbers = {n["pdf_sha256"]: n["number"]
               for n in json.loads(run(laptop, "notice", "list", "--json").stdout)}
    found = [(pdf, numbers[hashlib.sha256(pdf.read_bytes()).hexdigest()])
             for pdf in (laptop / "notices").glob("*.pdf")
             if hashlib.sha256(pdf.read_bytes()).hexdigest() in numbers]
    return sorted(found, key=lambda each: each[1])[:3]


def _tampered(source: Path, target: Path) -> Path:
    """A copy with one byte flipped inside the first page's content stream."""
    data = bytearray(source.read_bytes())
    data[data.find(b"stream", 1000) + 30] ^= 0x20
    target.write_bytes(bytes(data))
    return target


def _unsigned(target: Path) -> Path:
    """A real PDF that is no signed notice at all."""
    page = canvas.Canvas(str(target))
    page.drawString(72, 720, "Not a notice")
    page.save()
    return target


@pytest.fixture
def stick(tmp_path, signed):
    """A stick: a folder with two notices, an unsigned PDF and (in a subfolder, suffix in
    capitals) a third notice; beside it a tampered copy, a text file; and the numbers."""
    folder = tmp_path / "stick" / "notices"
    (folder / "sub").mkdir(parents=True)
    for (pdf, _number), name in zip(signed, ("a.pdf", "b.pdf", "sub/c.PDF"), strict=True):
        shutil.copy(pdf, folder / name)
    _unsigned(folder / "plain.pdf")
    (folder / "readme.txt").write_text("not checked: not a PDF by its name")
    tampered = _tampered(signed[0][0], tmp_path / "stick" / "tampered.pdf")
    text = tmp_path / "stick" / "letter.pdf"
    text.write_text("a letter, not a PDF")
    return folder, tampered, text, [number for _pdf, number in signed]


def test_files_and_folders_get_a_line_each_then_the_counts(laptop, stick, tmp_path):
    folder, tampered, text, numbers = stick
    missing = tmp_path / "gone.pdf"
    done = run(laptop, "notice", "verify", str(folder), str(tampered), str(missing), str(text))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[:7] == [
        f"{folder / 'a.pdf'}: valid ({numbers[0]})",
        f"{folder / 'b.pdf'}: valid ({numbers[1]})",
        f"{folder / 'plain.pdf'}: not valid: the document is not signed",
        f"{folder / 'sub' / 'c.PDF'}: valid ({numbers[2]})",
        lines[4], lines[5], lines[6]]
    assert lines[4].startswith(f"{tampered}: TAMPERED ({numbers[0]}): ")
    assert lines[5] == (f"{missing}: cannot check: no such file or folder; check the path (and "
                        "that the stick is still plugged in)")
    assert lines[6].startswith(f"{text}: cannot check: not a PDF file; check that it is a notice")
    assert lines[7:] == ["Checked 7 files: 3 valid, 1 TAMPERED, 1 not valid, 2 cannot check."]


@pytest.mark.parametrize("which, code, counts", [
    (("a.pdf", "b.pdf", "sub/c.PDF"), 0, "3 valid, 0 TAMPERED, 0 not valid, 0 cannot check"),
    (("a.pdf", "plain.pdf"), 2, "1 valid, 0 TAMPERED, 1 not valid, 0 cannot check"),
    (("a.pdf", "../tampered.pdf"), 2, "1 valid, 1 TAMPERED, 0 not valid, 0 cannot check"),
    (("a.pdf", "nothing-here.pdf"), 2, "1 valid, 0 TAMPERED, 0 not valid, 1 cannot check"),
])
def test_the_exit_status_is_the_worst_files(laptop, stick, which, code, counts):
    folder = stick[0]
    done = run(laptop, "notice", "verify", *(str(folder / name) for name in which))
    assert done.returncode == code, done.stdout
    assert done.stdout.splitlines()[-1] == f"Checked {len(which)} files: {counts}."


def test_json_lists_each_file_then_the_counts(laptop, stick, tmp_path):
    folder, tampered, text, numbers = stick
    done = run(laptop, "notice", "verify", str(folder / "a.pdf"), str(tampered), str(text),
               str(folder / "plain.pdf"), "--json")
    assert done.returncode == 2, done.stderr
    answer = json.loads(done.stdout)
    assert set(answer) == {"files", "summary"}
    valid, changed, unreadable, plain = answer["files"]
    assert set(valid) == VERDICT_KEYS | {"outcome"}
    assert (valid["outcome"], valid["valid"], valid["number"]) == ("valid", True, numbers[0])
    assert (changed["outcome"], changed["tampered"], changed["path"]) == (
        "TAMPERED", True, str(tampered))
    assert unreadable == {"path": str(text), "outcome": "cannot check", "valid": False,
                          "tampered": False, "error": unreadable["error"]}
    assert "not a PDF file" in unreadable["error"]
    assert (plain["outcome"], plain["is_notice"]) == ("not valid", False)
    assert answer["summary"] == {"files": 4, "valid": 1, "tampered": 1, "not_valid": 1,
                                 "cannot_check": 1}


def test_one_file_alone_answers_as_before(laptop, stick):
    folder, _tampered, _text, numbers = stick
    pdf = folder / "a.pdf"
    done = run(laptop, "notice", "verify", str(pdf))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{pdf}: VALID: authentic and unaltered"
    assert lines[1] == f"  [ok] CivicAudit notice {numbers[0]}"
    assert len(lines) == 11 and all(line.startswith("  [ok] ") for line in lines[1:])
    single = json.loads(run(laptop, "notice", "verify", str(pdf), "--json").stdout)
    assert set(single) == VERDICT_KEYS and single["valid"] and single["path"] == str(pdf)


def test_a_folder_with_one_pdf_still_gets_the_list_and_the_counts(laptop, stick, tmp_path):
    folder = stick[0]
    done = run(laptop, "notice", "verify", str(folder / "sub"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "Checked 1 file: 1 valid, 0 TAMPERED, 0 not valid, 0 cannot check.")


def test_an_empty_folder_is_an_error_naming_it(laptop, tmp_path):
    empty = tmp_path / "empty stick"
    (empty / "DCIM").mkdir(parents=True)
    (empty / "DCIM" / "photo.jpg").write_bytes(b"\xff\xd8")
    done = run(laptop, "notice", "verify", str(empty))
    assert done.returncode == 2
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert str(empty) in done.stderr and "no PDF files" in done.stderr


def test_an_empty_folder_beside_other_files_is_one_failed_line(laptop, stick, tmp_path):
    folder = stick[0]
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run(laptop, "notice", "verify", str(folder / "a.pdf"), str(empty))
    assert done.returncode == 2
    assert done.stdout.splitlines()[1].startswith(f"{empty}: cannot check: no PDF files")


def test_folders_are_searched_in_path_order_and_each_file_once(stick):
    folder = stick[0]
    entries = batch_verify.to_check([folder, folder / "b.pdf", folder / "sub"])
    assert entries == [folder / "a.pdf", folder / "b.pdf", folder / "plain.pdf",
                       folder / "sub" / "c.PDF"]
