"""Others hold the ends of the chain: the office checks that a laptop's audit log only grows.

A laptop's audit log is hash-chained (:mod:`model.store.audit`), but whoever holds the laptop's
SQLite file can rewrite the whole chain and its anchor, and :func:`model.store.audit.verify` on
that laptop cannot tell. What he cannot rewrite is what the office already holds: every
bundle states its sender's chain head (sequence number and hash) inside the signed
manifest and carries the events since the last receipt; the office keeps those events and
the newest head per device. At each import the office checks that

- the bundle's events chain to each other and to the events it already holds;
- every event it already holds comes back with the same hash;
- a newer bundle's head is not behind the head an earlier bundle stated;

and reports the first event that no longer matches. The import still goes on (the work
in the bundle is real): the finding is shown, written to the office's own audit log and
kept in the import's record, for a person to act on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from model.store import audit, clock

HEAD_KEY = "audit_head"


@dataclass(frozen=True)
class Break:
    """Where a laptop's history stopped matching what the office holds: the first event
    that no longer matches, and what is wrong with it (a sentence for logs and the CLI)."""

    event: int
    problem: str


def head(db) -> dict:
    """This store's audit-chain head, as bundles state it: ``{"seq": n, "hash": h}``."""
    row = db.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
    return {"seq": row[0], "hash": row[1]} if row else {"seq": 0, "hash": audit.GENESIS_HASH}


def check(db, device_id: str, bundle_sequence: int, events: list[dict],
          claimed: dict | None) -> Break | None:
    """Compare a laptop's events and stated head with what this office holds; return the
    first mismatch, or None. Call before the events are stored."""
    held = dict(db.execute("SELECT seq, hash FROM remote_event WHERE device_id = ?",
                           [device_id]).fetchall())
    problem = _chain_problem(sorted(events, key=lambda e: e["seq"]), held)
    known = db.execute("SELECT bundle_sequence, seq, hash FROM sync_chain_head WHERE "
                       "device_id = ?", [device_id]).fetchone()
    if problem is None and events and _is_head(claimed):
        last = max(events, key=lambda e: e["seq"])
        if (last["seq"], last["hash"]) != (claimed["seq"], claimed["hash"]):
            problem = Break(min(claimed["seq"], last["seq"]) + 1,
                            f"the bundle states event {claimed['seq']} as its newest but "
                            f"carries events up to {last['seq']}")
    if problem is None and claimed is not None and known is not None:
        problem = _head_problem(bundle_sequence, claimed, known)
    return problem


def record(db, device_id: str, bundle_sequence: int, claimed: dict | None) -> None:
    """Keep the head a bundle stated when it is newer than the one held for its device."""
    if not _is_head(claimed):
        return
    db.execute("INSERT INTO sync_chain_head (device_id, bundle_sequence, seq, hash, "
               "acknowledged_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET "
               "bundle_sequence = excluded.bundle_sequence, seq = excluded.seq, hash = "
               "excluded.hash, acknowledged_at = excluded.acknowledged_at "
               "WHERE excluded.bundle_sequence > sync_chain_head.bundle_sequence",
               [device_id, bundle_sequence, claimed["seq"], claimed["hash"], clock.now_iso()])


def report(db, actor_id: str, device_id: str, sender: str, found: Break) -> None:
    """Write a finding to this office's audit log, where it stays."""
    audit.append(db, actor_id, "sync.history_rewritten", "device", device_id,
                 {"sender": sender, "event": found.event, "problem": found.problem})


def _chain_problem(events: list[dict], held: dict[int, str]) -> Break | None:
    """The first event that does not follow the one before it, or differs from the one held."""
    for position, event in enumerate(events):
        seq = event["seq"]
        if seq in held and held[seq] != event["hash"]:
            return Break(seq, f"event {seq} differs from the event {seq} the office received "
                              "before")
        prev = _prev_hash(events, position, held)
        if prev is not None and _recomputed(event, prev) != event["hash"]:
            return Break(seq, f"event {seq} does not follow the event before it")
    return None


def _prev_hash(events: list[dict], position: int, held: dict[int, str]) -> str | None:
    """The hash event ``position`` must chain to, when the office knows it."""
    seq = events[position]["seq"]
    if seq == 1:
        return audit.GENESIS_HASH
    if position and events[position - 1]["seq"] == seq - 1:
        return events[position - 1]["hash"]
    return held.get(seq - 1)


def _recomputed(event: dict, prev: str) -> str | None:
    try:
        detail = json.loads(event["detail"])
    except (TypeError, ValueError, RecursionError):
        return None
    return audit.event_hash(event["seq"], event["id"], event["at"], event["actor_id"],
                            event["action"], event["entity"], event["entity_id"], detail, prev)


def _head_problem(bundle_sequence: int, claimed: dict, known: tuple) -> Break | None:
    known_bundle, known_seq, known_hash = known
    if not _is_head(claimed):
        return Break(known_seq + 1, "the bundle does not state its audit-chain head")
    if bundle_sequence <= known_bundle:
        return None  # an older bundle arriving late: its head is behind, rightly
    if claimed["seq"] < known_seq:
        return Break(claimed["seq"] + 1, f"the log now ends at event {claimed['seq']}, but "
                                         f"event {known_seq} was received before")
    if claimed["seq"] == known_seq and claimed["hash"] != known_hash:
        return Break(known_seq, f"event {known_seq} differs from the event {known_seq} the "
                                "office received before")
    return None


def _is_head(claimed) -> bool:
    return (isinstance(claimed, dict) and type(claimed.get("seq")) is int
            and isinstance(claimed.get("hash"), str))
