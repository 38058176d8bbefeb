"""The append-only, hash-chained audit log.

Every change to inspection data appends an event (who, when, what, old → new).
Each event's hash covers its own fields and the previous event's hash, and the
newest hash is also kept as an anchor in the ``setting`` table, so changing,
deleting or re-ordering any event — the newest included — is detected by
:func:`verify`, unless whoever holds the SQLite file rewrites the rest of the
chain and the anchor to match: a store cannot vouch for itself. That is caught
by others: each bundle states its sender's chain head and the office checks
that a laptop's chain still extends what it received (:mod:`model.sync.sync_chain`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sqlite_utils import Database

from model.store import clock
from model.store.ids import new_id

GENESIS_HASH = "0" * 64
HEAD_SETTING = "audit_head"


@dataclass(frozen=True)
class Event:
    """One audit event as stored."""

    seq: int
    id: str
    at: str
    actor_id: str | None
    action: str
    entity: str
    entity_id: str
    detail: dict
    prev_hash: str
    hash: str


@dataclass
class VerifyReport:
    """The outcome of :func:`verify`: ``ok`` is False when any problem was found."""

    events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the chain is intact."""
        return not self.problems


def event_hash(seq, event_id, at, actor_id, action, entity, entity_id, detail, prev_hash) -> str:
    """Return the sha256 over an event's fields and the previous hash, canonically encoded."""
    payload = json.dumps(
        [seq, event_id, at, actor_id, action, entity, entity_id, detail, prev_hash],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(
    db: Database,
    actor_id: str | None,
    action: str,
    entity: str,
    entity_id: str,
    detail: dict,
    at: str | None = None,
) -> Event:
    """Append one event; call inside the transaction that makes the change it describes."""
    last = db.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    event_id, at = new_id(), at or clock.now_iso()
    digest = event_hash(seq, event_id, at, actor_id, action, entity, entity_id, detail, prev_hash)
    db.execute(
        "INSERT INTO audit_event (seq, id, at, actor_id, action, entity, entity_id, detail,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, event_id, at, actor_id, action, entity, entity_id,
         json.dumps(detail, ensure_ascii=False, sort_keys=True), prev_hash, digest],
    )
    db.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [HEAD_SETTING, f"{seq}:{digest}"],
    )
    return Event(seq, event_id, at, actor_id, action, entity, entity_id, detail, prev_hash, digest)


def events(db: Database, entity_id: str | None = None) -> list[Event]:
    """Return events in order, optionally only those about one record."""
    sql = "SELECT * FROM audit_event"
    params: list = []
    if entity_id is not None:
        sql += " WHERE entity_id = ?"
        params.append(entity_id)
    rows = db.query(sql + " ORDER BY seq", params)
    return [Event(**{**row, "detail": json.loads(row["detail"])}) for row in rows]


def verify(db: Database) -> VerifyReport:
    """Recompute the chain and report every event that was changed, removed or re-ordered."""
    report = VerifyReport()
    expected_prev, expected_seq = GENESIS_HASH, 1
    for row in db.query("SELECT * FROM audit_event ORDER BY seq"):
        report.events += 1
        _check_event(row, expected_seq, expected_prev, report)
        expected_prev, expected_seq = row["hash"], row["seq"] + 1
    _check_head(db, expected_seq - 1, expected_prev, report)
    return report


def _check_event(row: dict, expected_seq: int, expected_prev: str, report: VerifyReport) -> None:
    """Add a problem to ``report`` for each way one event breaks the chain."""
    seq = row["seq"]
    if seq != expected_seq:
        report.problems.append(f"events {expected_seq}–{seq - 1} are missing")
    if row["prev_hash"] != expected_prev:
        report.problems.append(f"event {seq} does not follow the event before it")
    try:
        detail = json.loads(row["detail"])
    except ValueError:
        report.problems.append(f"event {seq} has an unreadable detail field")
        return
    recomputed = event_hash(
        seq, row["id"], row["at"], row["actor_id"], row["action"],
        row["entity"], row["entity_id"], detail, row["prev_hash"],
    )
    if recomputed != row["hash"]:
        report.problems.append(f"event {seq} was altered after it was written")


def _check_head(db: Database, last_seq: int, last_hash: str, report: VerifyReport) -> None:
    """Compare the chain's end with the stored anchor, catching removal of the newest events."""
    row = db.execute("SELECT value FROM setting WHERE key = ?", [HEAD_SETTING]).fetchone()
    if row is None:
        if last_seq:
            report.problems.append("the audit log's anchor is missing")
        return
    head_seq, _, head_hash = row[0].partition(":")
    if int(head_seq) != last_seq or head_hash != last_hash:
        report.problems.append(
            f"the log ends at event {last_seq} but event {head_seq} was recorded as the newest"
        )
