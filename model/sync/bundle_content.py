"""Checking what a verified bundle carries before the import uses it.

A bundle's signature proves who sent it, not that its content is what CivicAudit
writes: another program, an older or newer one, or a bug on the sending side may
have made it. Everything read from its entries is checked here (or, for records,
guarded while they are applied) and a misfit becomes an :class:`InputFileError`
naming the bundle, never a crash; the import's transaction then changes nothing.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from model.errors import InputFileError

log = logging.getLogger(__name__)

SEND_AGAIN = "ask the sender to export again"
EVENT_KEYS = ("seq", "id", "at", "actor_id", "action", "entity", "entity_id", "detail", "hash")
# What applying a record whose content does not fit the tables raises (a missing or
# mistyped field, a broken reference, a number SQLite cannot hold).
CONTENT_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError,
                  RecursionError, sqlite3.IntegrityError, sqlite3.InterfaceError)
_SCALARS = (str, int, float, type(None))


def events(path: Path | str, raw: bytes, name: str) -> list[dict]:
    """The audit events of entry ``name``: a list of objects with scalar fields EVENT_KEYS."""
    try:
        found = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise InputFileError(path, f"{name} is malformed ({exc}); {SEND_AGAIN}") from None
    if not isinstance(found, list) or not all(map(_is_event, found)):
        raise InputFileError(path, f"{name} is not a list of audit events; {SEND_AGAIN}")
    return found


def _is_event(event) -> bool:
    return (isinstance(event, dict) and all(key in event for key in EVENT_KEYS)
            and all(isinstance(event[key], _SCALARS) for key in EVENT_KEYS))


def receipt(path: Path | str, raw: bytes | None, name: str) -> dict:
    """A receipt's body: for_device, for_sequence, versions [[kind, id, rev] …], media [sha …]."""
    try:
        body = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):
        body = None
    if not _is_receipt(body):
        raise InputFileError(path, f"{name} is missing or not a receipt CivicAudit writes; ask "
                                   "the office to import your bundle again for a new receipt")
    return body


def _is_receipt(body) -> bool:
    return (isinstance(body, dict) and isinstance(body.get("for_device"), str)
            and type(body.get("for_sequence")) is int
            and isinstance(body.get("versions"), list) and isinstance(body.get("media"), list)
            and all(isinstance(v, list) and len(v) == 3 and all(isinstance(p, str) for p in v)
                    for v in body["versions"])
            and all(isinstance(sha, str) for sha in body["media"]))


@contextlib.contextmanager
def applying(path: Path | str, kind: str, record_id: str) -> Iterator[None]:
    """Turn a record that does not fit the tables into the bundle's fault, not a crash.

    The caller's transaction rolls back; the details stay in the log file.
    """
    try:
        yield
    except CONTENT_ERRORS as exc:
        log.info("%s: %s record %s does not fit", path, kind, record_id, exc_info=True)
        raise InputFileError(path, f"its {kind} record {record_id} is not one this program can "
                                   f"use ({type(exc).__name__}: {exc}); {SEND_AGAIN}") from None
