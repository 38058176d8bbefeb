"""Versions of synced records, and the merge that makes bundle imports order-independent.

Every version of a record has a ``rev``: a hash of its content and of the revs it
replaced (its parents), and carries its ``ancestry`` (all revs it descends from).
A store keeps every rev it has seen (``sync_rev``) and the *heads*: versions no
other seen version descends from (``sync_head``). Merging a version:

- already seen → nothing changes (the same bundle twice, or an old version late);
- otherwise the heads it descends from are dropped and it becomes a head; the
  head applied to the tables is the greatest by (stamp, rev), the others are
  *conflicts* — kept, listed, and resolved by a person, never silently lost.

The heads depend only on the set of versions seen, not on their order, so any
bundles in any order, any number of times, leave the same data. A local edit is
noticed when a record's content no longer matches its current head: it becomes a
new version whose parent is that head.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from model import clock
from model.db import Store
from model.sync_records import canonical

ANCESTRY_LIMIT = 200  # revs carried per version; older ones are settled everywhere by then


@dataclass(frozen=True)
class Version:
    """One version of one record, as it travels in a bundle."""

    kind: str
    id: str
    rev: str
    ancestry: tuple[str, ...]
    content: dict
    stamp: str
    device_id: str

    def as_json(self) -> dict:
        """The bundle's JSON form."""
        return {"kind": self.kind, "id": self.id, "rev": self.rev,
                "ancestry": list(self.ancestry), "content": self.content,
                "stamp": self.stamp, "device": self.device_id}

    @classmethod
    def from_json(cls, data: dict) -> Version:
        """Read a version from a bundle (KeyError/TypeError on a malformed one)."""
        return cls(str(data["kind"]), str(data["id"]), str(data["rev"]),
                   tuple(str(r) for r in data["ancestry"]), dict(data["content"]),
                   str(data["stamp"]), str(data["device"]))


@dataclass(frozen=True)
class Merged:
    """What merging one version did."""

    outcome: str  # "new", "updated", "unchanged" or "conflict"
    applied: dict | None  # the content now in the tables, when it changed


def content_hash(content: dict) -> str:
    """sha256 of a content's canonical text."""
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def make_rev(digest: str, parents: list[str]) -> str:
    """A version's name: its content and what it replaced."""
    text = digest + ":" + ",".join(sorted(parents))
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:32]


def heads(store: Store, kind: str, record_id: str) -> list[Version]:
    """The record's heads, the current one first."""
    rows = store.db.query("SELECT * FROM sync_head WHERE kind = ? AND id = ? "
                          "ORDER BY current DESC, stamp DESC, rev DESC", [kind, record_id])
    return [_version(r) for r in rows]


def current(store: Store, kind: str, record_id: str) -> Version | None:
    """The head applied to the tables, if the record was versioned yet."""
    found = heads(store, kind, record_id)
    return found[0] if found else None


def observe(store: Store, db, kind: str, record_id: str, content: dict | None,
            device_id: str) -> Version | None:
    """Version the record's content as it is in the tables now (a local edit makes a new
    version descending from the current head); return the current version."""
    if content is None:
        return current(store, kind, record_id)
    text = canonical(content)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if _current_digest(db, kind, record_id) == digest:
        return current(store, kind, record_id)
    head = current(store, kind, record_id)
    parents = [head.rev] if head else []
    ancestry = tuple(dict.fromkeys([*parents, *(head.ancestry if head else ())]))
    version = Version(kind, record_id, make_rev(digest, parents), ancestry[:ANCESTRY_LIMIT],
                      content, clock.now_iso(), device_id)
    if head is not None:
        db.execute("DELETE FROM sync_head WHERE kind = ? AND id = ? AND rev = ?",
                   [kind, record_id, head.rev])
    _remember(db, version, digest, current_flag=1, text=text)
    return version


def merge(store: Store, db, version: Version, prefer_incoming: bool = False) -> Merged:
    """Merge a version from another store (see the module docstring). With
    ``prefer_incoming`` (records the sender is the authority on) a competing local head is
    superseded instead of kept as a conflict."""
    seen = db.execute("SELECT 1 FROM sync_rev WHERE kind = ? AND id = ? AND rev = ?",
                      [version.kind, version.id, version.rev]).fetchone()
    if seen:
        return Merged("unchanged", None)
    before = heads(store, version.kind, version.id)
    for rev in version.ancestry:
        db.execute("INSERT OR IGNORE INTO sync_rev (kind, id, rev) VALUES (?, ?, ?)",
                   [version.kind, version.id, rev])
    superseded = {h.rev for h in before if prefer_incoming or h.rev in set(version.ancestry)}
    remaining = [h for h in before if h.rev not in superseded]
    for rev in superseded:
        db.execute("DELETE FROM sync_head WHERE kind = ? AND id = ? AND rev = ?",
                   [version.kind, version.id, rev])
    text = canonical(version.content)
    _remember(db, version, hashlib.sha256(text.encode("utf-8")).hexdigest(), current_flag=0,
              text=text)
    winner = max([*remaining, version], key=lambda v: (v.stamp, v.rev))
    old_current = before[0].rev if before else None
    _set_current(db, version.kind, version.id, winner.rev)
    if not before:
        return Merged("new", winner.content)
    outcome = "conflict" if remaining else "updated"
    return Merged(outcome, winner.content if winner.rev != old_current else None)


def resolve(store: Store, db, kind: str, record_id: str, keep_rev: str,
            device_id: str) -> Version:
    """Settle a conflict: the kept version's content becomes a new version that descends from
    every head, so every store that merges it drops the conflict too."""
    found = heads(store, kind, record_id)
    kept = next(h for h in found if h.rev == keep_rev)
    parents = [h.rev for h in found]
    ancestry = tuple(dict.fromkeys([*parents, *(r for h in found for r in h.ancestry)]))
    digest = content_hash(kept.content)
    version = Version(kind, record_id, make_rev(digest, parents), ancestry[:ANCESTRY_LIMIT],
                      kept.content, clock.now_iso(), device_id)
    db.execute("DELETE FROM sync_head WHERE kind = ? AND id = ?", [kind, record_id])
    _remember(db, version, digest, current_flag=1)
    return version


def conflicts(store: Store) -> list[tuple[Version, Version]]:
    """Every record with competing versions: (the version in the tables, another one)."""
    rows = store.db.query("SELECT * FROM sync_head WHERE current = 0 ORDER BY kind, id, rev")
    found = []
    for row in rows:
        other = _version(row)
        found.append((current(store, other.kind, other.id), other))
    return found


def _remember(db, version: Version, digest: str, current_flag: int,
              text: str | None = None) -> None:
    db.execute("INSERT OR IGNORE INTO sync_rev (kind, id, rev) VALUES (?, ?, ?)",
               [version.kind, version.id, version.rev])
    db.execute("INSERT OR REPLACE INTO sync_head (kind, id, rev, content_hash, ancestry, content,"
               " stamp, device_id, current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [version.kind, version.id, version.rev, digest, json.dumps(list(version.ancestry)),
                text if text is not None else canonical(version.content), version.stamp,
                version.device_id, current_flag])


def _current_digest(db, kind: str, record_id: str) -> str | None:
    row = db.execute("SELECT content_hash FROM sync_head WHERE kind = ? AND id = ? AND "
                     "current = 1", [kind, record_id]).fetchone()
    return row[0] if row else None


def _set_current(db, kind: str, record_id: str, rev: str) -> None:
    db.execute("UPDATE sync_head SET current = (rev = ?) WHERE kind = ? AND id = ?",
               [rev, kind, record_id])


def _version(row: dict) -> Version:
    return Version(row["kind"], row["id"], row["rev"], tuple(json.loads(row["ancestry"])),
                   json.loads(row["content"]), row["stamp"], row["device_id"])
