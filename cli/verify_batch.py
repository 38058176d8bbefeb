"""``notice verify`` over several files or folders: one line per file, then the counts.

One process checks them all (a process spends 1-3 s starting and importing pyHanko, a check
~15 ms). The exit status is the worst file's, with the single-file command's codes: 0 when
every file is valid; 2 when any is not valid, tampered, or cannot be checked (the code of a
problem the user can fix, as one unreadable file gives).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.output import emit, emit_json
from usecases import batch_verify
from usecases.batch_verify import Checked, Outcome

if TYPE_CHECKING:
    from usecases.services import Services

EXIT_CODES = {Outcome.VALID: 0, Outcome.TAMPERED: 2, Outcome.NOT_VALID: 2, Outcome.UNCHECKED: 2}


def verify_many(paths: list[Path], as_json: bool, services: Services) -> int:
    """Check every PDF of ``paths`` (files, folders searched for PDFs); return the exit code."""
    entries = batch_verify.to_check(paths)
    checked = []
    for one in batch_verify.check_all(services.notices.verify, entries):
        checked.append(one)
        if not as_json:
            emit(line(one))
            sys.stdout.flush()  # a long run shows each file as it is done
    counted = batch_verify.counts(checked)
    if as_json:
        emit_json({"files": [as_dict(c) for c in checked],
                   "summary": {"files": len(checked), **{_key(o): n for o, n in counted.items()}}})
    else:
        emit(summary(counted))
    return max(EXIT_CODES[c.outcome] for c in checked)


def line(one: Checked) -> str:
    """``PATH: verdict (number): first problem``, the parts that are known."""
    text = f"{one.path}: {one.outcome.value}"
    if one.number:
        text += f" ({one.number})"
    return f"{text}: {one.first_problem}" if one.first_problem else text


def summary(counted: dict[Outcome, int]) -> str:
    """``Checked N files: a valid, b TAMPERED, c not valid, d cannot check.``"""
    total = sum(counted.values())
    return (f"Checked {total} file{'s' if total != 1 else ''}: "
            + ", ".join(f"{n} {o.value}" for o, n in counted.items()) + ".")


def as_dict(one: Checked) -> dict:
    """One file as JSON: the single-file command's object, or the path and why it was not
    checked; ``outcome`` added to both."""
    if one.verdict is None:
        return {"path": str(one.path), "outcome": one.outcome.value, "error": one.problem,
                "valid": False, "tampered": False}
    verdict = one.verdict
    return {**dataclasses.asdict(verdict), "valid": verdict.valid, "tampered": verdict.tampered,
            "outcome": one.outcome.value}


def _key(outcome: Outcome) -> str:
    """An outcome as a JSON key: valid, tampered, not_valid, cannot_check."""
    return outcome.value.lower().replace(" ", "_")
