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
from dataclasses import dataclass, field

from model.store import clock
from model.store.db import Store
from model.sync.sync_records import canonical

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
    # the content's canonical text when it was made already (not part of the version)
    text: str | None = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict:
        """The bundle's JSON form."""
        return {"kind": self.kind, "id": self.id, "rev": self.rev,
                "ancestry": list(self.ancestry), "content": self.content,
                "stamp": self.stamp, "device": self.device_id}

    def as_line(self) -> bytes:
        """The bundle's JSON form as canonical text (keys sorted, no spaces, UTF-8): the
        content's text is spliced in where it was made already, not encoded again."""
        text = self.text if self.text is not None else canonical(self.content)
        return (f'{{"ancestry":{canonical(list(self.ancestry))},"content":{text},'
                f'"device":{canonical(self.device_id)},"id":{canonical(self.id)},'
                f'"kind":{canonical(self.kind)},"rev":{canonical(self.rev)},'
                f'"stamp":{canonical(self.stamp)}}}').encode()

    @classmethod
    def from_json(cls, data: dict, text: str | None = None) -> Version:
        """Read a version from a bundle (KeyError/TypeError on a malformed one)."""
        return cls(str(data["kind"]), str(data["id"]), str(data["rev"]),
                   tuple(str(r) for r in data["ancestry"]), dict(data["content"]),
                   str(data["stamp"]), str(data["device"]), text)

    @classmethod
    def from_line(cls, line: bytes) -> Version:
        """Read a version from its bundle line (ValueError, KeyError or TypeError on a
        malformed one). A line as :meth:`as_line` writes it keeps its content's text, so
        the merge hashes that instead of encoding the content again; any other valid JSON
        line is read whole."""
        text = line.decode("utf-8")
        split = _split_line(text)
        if split is None:
            return cls.from_json(json.loads(text))
        data, content_text = split
        return cls.from_json(data, content_text)


def _split_line(text: str) -> tuple[dict, str] | None:
    """A line laid out as :meth:`Version.as_line` writes it, as its JSON and its content's
    text; None for any other layout."""
    try:
        if not text.startswith(_LINE_START):
            return None
        ancestry, end = _DECODER.raw_decode(text, len(_LINE_START))
        if not text.startswith(_CONTENT_KEY, end):
            return None
        start = end + len(_CONTENT_KEY)
        content, stop = _DECODER.raw_decode(text, start)
        if not isinstance(content, dict) or not text.startswith(",", stop):
            return None
        rest = json.loads("{" + text[stop + 1:])
    except ValueError:
        return None
    return {**rest, "ancestry": ancestry, "content": content}, text[start:stop]


_DECODER = json.JSONDecoder()
_LINE_START, _CONTENT_KEY = '{"ancestry":', ',"content":'


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
    cursor = store.db.conn.execute(
        "SELECT rev, ancestry, content, stamp, device_id FROM sync_head WHERE kind = ? AND "
        "id = ? ORDER BY current DESC, stamp DESC, rev DESC", [kind, record_id])
    return [Version(kind, record_id, rev, tuple(json.loads(ancestry)), json.loads(text), stamp,
                    device, text)  # the stored text is the canonical one
            for rev, ancestry, text, stamp, device in cursor.fetchall()]


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
    version = _successor(kind, record_id, content, text, digest, device_id,
                         head.rev if head else None, head.ancestry if head else ())
    if head is not None:
        db.execute("DELETE FROM sync_head WHERE kind = ? AND id = ? AND rev = ?",
                   [kind, record_id, head.rev])
    _remember(db, version, digest, current_flag=1, text=text)
    return version


def _successor(kind: str, record_id: str, content: dict, text: str, digest: str,
               device_id: str, head_rev: str | None, head_ancestry: tuple) -> Version:
    """The new version of a record edited here, descending from its current head."""
    parents = [head_rev] if head_rev else []
    ancestry = tuple(dict.fromkeys([*parents, *head_ancestry]))
    return Version(kind, record_id, make_rev(digest, parents), ancestry[:ANCESTRY_LIMIT],
                   content, clock.now_iso(), device_id, text)


class Observer:
    """:func:`observe` for many records of one kind (an export): the kind's heads are read
    in one query, new versions written in batches; call :meth:`flush` before reading
    ``sync_head`` again. Gives the same versions and rows as :func:`observe`."""

    BATCH = 100  # versions held before they are written (their texts are in memory)

    def __init__(self, store: Store, db, kind: str, device_id: str):
        self._store, self._db, self._kind, self._device = store, db, kind, device_id
        self._heads: dict[str, _Head] = {}
        for row in db.conn.execute(
                "SELECT id, rev, content_hash, ancestry, stamp, device_id, current FROM "
                "sync_head WHERE kind = ? ORDER BY id, current DESC, stamp DESC, rev DESC",
                [kind]):
            self._heads.setdefault(row[0], _Head(*row[1:]))
        self._made: list[tuple[tuple, str | None]] = []  # (sync_head row, the old head's rev)

    def observe(self, record_id: str, content: dict | None) -> Version | None:
        """As :func:`observe` for one record of this kind."""
        head = self._heads.get(record_id)
        if content is None:
            return current(self._store, self._kind, record_id) if head else None
        text = canonical(content)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if head is not None and head.current and head.content_hash == digest:
            return Version(self._kind, record_id, head.rev, tuple(json.loads(head.ancestry)),
                           content, head.stamp, head.device_id, text)
        version = _successor(self._kind, record_id, content, text, digest, self._device,
                             head.rev if head else None,
                             tuple(json.loads(head.ancestry)) if head else ())
        self._made.append((_head_row(version, digest, 1, text), head.rev if head else None))
        if len(self._made) >= self.BATCH:
            self.flush()
        return version

    def flush(self) -> None:
        """Write the versions made so far."""
        made, self._made = self._made, []
        self._db.conn.executemany(
            "DELETE FROM sync_head WHERE kind = ? AND id = ? AND rev = ?",
            [(*row[:2], old) for row, old in made if old is not None])
        self._db.conn.executemany(
            "INSERT OR IGNORE INTO sync_rev (kind, id, rev) VALUES (?, ?, ?)",
            [row[:3] for row, _old in made])
        self._db.conn.executemany(_INSERT_HEAD, [row for row, _old in made])


@dataclass(frozen=True)
class _Head:
    """A head as :class:`Observer` reads it (the content stays in the table)."""

    rev: str
    content_hash: str
    ancestry: str  # JSON
    stamp: str
    device_id: str
    current: int


def merge(store: Store, db, version: Version, prefer_incoming: bool = False) -> Merged:
    """Merge a version from another store (see the module docstring). With
    ``prefer_incoming`` (records the sender is the authority on) a competing local head is
    superseded instead of kept as a conflict."""
    conn = db.conn
    seen = conn.execute("SELECT 1 FROM sync_rev WHERE kind = ? AND id = ? AND rev = ?",
                        [version.kind, version.id, version.rev]).fetchone()
    if seen:
        return Merged("unchanged", None)
    before = heads(store, version.kind, version.id)
    conn.executemany("INSERT OR IGNORE INTO sync_rev (kind, id, rev) VALUES (?, ?, ?)",
                     [(version.kind, version.id, rev) for rev in version.ancestry])
    superseded = {h.rev for h in before if prefer_incoming or h.rev in set(version.ancestry)}
    remaining = [h for h in before if h.rev not in superseded]
    conn.executemany("DELETE FROM sync_head WHERE kind = ? AND id = ? AND rev = ?",
                     [(version.kind, version.id, rev) for rev in superseded])
    text = version.text if version.text is not None else canonical(version.content)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not before:  # the first head of the record is its current one
        _remember(db, version, digest, current_flag=1, text=text)
        return Merged("new", version.content)
    _remember(db, version, digest, current_flag=0, text=text)
    winner = max([*remaining, version], key=lambda v: (v.stamp, v.rev))
    _set_current(db, version.kind, version.id, winner.rev)
    outcome = "conflict" if remaining else "updated"
    return Merged(outcome, winner.content if winner.rev != before[0].rev else None)


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


_INSERT_HEAD = ("INSERT OR REPLACE INTO sync_head (kind, id, rev, content_hash, ancestry, content,"
                " stamp, device_id, current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _head_row(version: Version, digest: str, current_flag: int, text: str | None) -> tuple:
    return (version.kind, version.id, version.rev, digest, json.dumps(list(version.ancestry)),
            text if text is not None else canonical(version.content), version.stamp,
            version.device_id, current_flag)


def _remember(db, version: Version, digest: str, current_flag: int,
              text: str | None = None) -> None:
    db.conn.execute("INSERT OR IGNORE INTO sync_rev (kind, id, rev) VALUES (?, ?, ?)",
                    [version.kind, version.id, version.rev])
    db.conn.execute(_INSERT_HEAD, _head_row(version, digest, current_flag, text))


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
