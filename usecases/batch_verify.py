"""Checking many notice PDFs in one go: ``notice verify`` given several files or folders, and
the verify dialog's folder mode.

A folder stands for every PDF under it (``.pdf`` in any case, subfolders too), sorted by path
so that two runs list the same files in the same order. Each file gets its own verdict from
the ``verify`` callable it is given (``NoticeDesk.verify``, which reads the trusted
authorities and revocations afresh for each file: 0.05 ms of its ~15 ms, not worth a cache).
A file that cannot be checked (missing, unreadable, not a PDF) is an answer of its own, never
a reason to stop checking the others.
"""

from __future__ import annotations

import enum
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from model.errors import InputFileError, UserFacingError, ValidationError
from reports.verdict import NoticeVerdict

Verify = Callable[[Path], NoticeVerdict]
MISSING = "no such file or folder; check the path (and that the stick is still plugged in)"
NOT_CHECKABLE = "check that it is a notice PDF, and copy it from its source again"
EMPTY_FOLDER = "no PDF files in this folder or its subfolders; choose the folder the notices are in"


class Outcome(enum.Enum):
    """A file's verdict in one word, the worst last."""

    VALID = "valid"
    TAMPERED = "TAMPERED"
    NOT_VALID = "not valid"
    UNCHECKED = "cannot check"


@dataclass(frozen=True)
class Checked:
    """One file of a batch: its verdict, or why it could not be checked (and what to do)."""

    path: Path
    verdict: NoticeVerdict | None = None
    problem: str = ""  # set when there is no verdict

    @property
    def outcome(self) -> Outcome:
        """The verdict in one word (the same words as one file's headline)."""
        if self.verdict is None:
            return Outcome.UNCHECKED
        if self.verdict.valid:
            return Outcome.VALID
        return Outcome.TAMPERED if self.verdict.tampered else Outcome.NOT_VALID

    @property
    def number(self) -> str:
        """The notice number the PDF carries, or ""."""
        return self.verdict.number if self.verdict else ""

    @property
    def first_problem(self) -> str:
        """The first thing wrong with the file, or "" for a valid one."""
        if self.verdict is None:
            return self.problem
        return self.verdict.problems[0] if self.verdict.problems else ""


def to_check(paths: Sequence[Path]) -> list[Path | Checked]:
    """What checking ``paths`` means: each file as given (missing ones too, they are reported
    when checked), each folder's PDFs, and a :class:`Checked` for a folder that has none or
    cannot be read. A file named twice is checked once.

    Raises :class:`ValidationError` naming the folder when nothing is left to check because
    every path was a folder without PDFs (or one that cannot be read).
    """
    entries: list[Path | Checked] = []
    for path in map(Path, paths):
        entries += _in_folder(path) if path.is_dir() else [path]
    if entries and all(isinstance(e, Checked) for e in entries):
        raise ValidationError(f"{entries[0].path}: {entries[0].problem}.")
    return _once(entries)


def _in_folder(folder: Path) -> list[Path | Checked]:
    unreadable: list[Checked] = []

    def note(error: OSError) -> None:
        unreadable.append(Checked(Path(error.filename or folder), problem=(
            f"the folder cannot be read ({error.strerror or error}); {NOT_CHECKABLE}")))

    found = sorted(Path(top) / name for top, _dirs, names in os.walk(folder, onerror=note)
                   for name in names if name.lower().endswith(".pdf"))
    if not found and not unreadable:
        return [Checked(folder, problem=EMPTY_FOLDER)]
    return [*found, *unreadable]


def _once(entries: list[Path | Checked]) -> list[Path | Checked]:
    seen: set[Path] = set()
    kept = []
    for entry in entries:
        key = (entry.path if isinstance(entry, Checked) else entry).absolute()
        if key not in seen:
            seen.add(key)
            kept.append(entry)
    return kept


def check(verify: Verify, entry: Path | Checked) -> Checked:
    """Check one entry of :func:`to_check`; a file that cannot be checked says why."""
    if isinstance(entry, Checked):
        return entry
    if not entry.exists():
        return Checked(entry, problem=MISSING)
    try:
        return Checked(entry, verdict=verify(entry))
    except InputFileError as exc:  # a problem that already says what to do is left alone
        said = exc.problem if "; " in exc.problem else f"{exc.problem}; {NOT_CHECKABLE}"
        return Checked(entry, problem=said)
    except UserFacingError as exc:
        return Checked(entry, problem=str(exc))


def check_all(verify: Verify, entries: Iterable[Path | Checked]) -> Iterator[Checked]:
    """Check the entries one by one, yielding each answer as it comes."""
    for entry in entries:
        yield check(verify, entry)


def counts(checked: Iterable[Checked]) -> dict[Outcome, int]:
    """How many files got each outcome (every outcome listed, zeros too)."""
    found = Counter(c.outcome for c in checked)
    return {outcome: found[outcome] for outcome in Outcome}
