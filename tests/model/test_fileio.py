"""The one way files are written: whole or not at all, nothing left behind."""

from __future__ import annotations

import pytest

from model.errors import OutputFileError
from model.store import fileio


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "notice.pdf"
    fileio.write_atomically(target, b"first")
    fileio.write_atomically(target, b"second, longer")
    assert target.read_bytes() == b"second, longer"
    assert sorted(p.name for p in target.parent.iterdir()) == ["notice.pdf"]


def test_a_failed_block_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), fileio.atomic_output(target) as part:
        part.write_bytes(b"half")
        raise RuntimeError("the stick was pulled")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_a_write_that_cannot_happen_names_the_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    with pytest.raises(OutputFileError) as caught:
        fileio.write_atomically(blocker / "notice.pdf", b"x")
    assert "notice.pdf" in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]
