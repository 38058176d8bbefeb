"""What travels in a sync bundle: each kind of record as plain JSON, read from and written to
the tables.

A *record* is the unit that is versioned and merged: a profile's public part
(never its password), a site, a checklist edition (by content hash; never
changes), an assignment, an inspection with its results and evidence photos,
a notice with its items, follow-up steps, re-inspections and after-photos, an
office authority's certificate and the certificate roster entries. ``read``
returns a record's content (``None`` when it does not exist here); ``apply``
makes the tables say exactly that content, inside the caller's transaction.
Kinds are applied in ``ORDER`` so that what a record refers to exists first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from model.checklist import checklist
from model.inspections.tallies import BulkTallies
from model.sites import sites
from model.store import clock
from model.store.db import Store

ORDER = ("authority", "certificate", "profile", "edition", "site", "assignment",
         "inspection", "notice")
UNUSABLE_PASSWORD = "!synced"  # a profile from another machine cannot sign in here


def canonical(content: dict) -> str:
    """The one text of a record's content that revisions are computed from."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _row(store: Store, table: str, key: str, value: str, drop: Iterable[str] = ()) -> dict | None:
    rows = _rows(store, table, f"{key} = ?", [value], key, drop)
    return rows[0] if rows else None


def _rows(store: Store, table: str, where: str, params: list, order: str,
          drop: Iterable[str] = ()) -> list[dict]:
    """Rows as dicts without the dropped columns, which are not even read (plain cursor:
    sqlite-utils' query costs several times more per row, and an inspection has dozens of
    results)."""
    columns = ", ".join(_columns(store, table, tuple(drop))) if drop else "*"
    cursor = store.db.conn.execute(f"SELECT {columns} FROM {table} WHERE {where} "
                                   f"ORDER BY {order}", params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _columns(store: Store, table: str, drop: tuple[str, ...]) -> list[str]:
    """A table's columns in order, without ``drop`` (the schema may have grown: asked)."""
    cursor = store.db.conn.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cursor.description if d[0] not in drop]


def _upsert(db, table: str, row: dict, key: str) -> None:
    _upsert_all(db, table, [row], key)


def _upsert_all(db, table: str, rows: list[dict], key: str) -> None:
    """Insert or update rows by ``key``, one statement per set of columns.

    Column names come from the bundle's content, so each must be one of the
    table's own columns before it is put into SQL (a ValueError otherwise, which
    the import turns into a refusal of the bundle).
    """
    known = _table_columns(db, table)
    by_columns: dict[tuple[str, ...], list[tuple]] = {}
    for row in rows:
        by_columns.setdefault(tuple(row), []).append(tuple(row.values()))
    for columns, values in by_columns.items():
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"{table} has no column {', '.join(map(repr, unknown))}")
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
        db.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                            f"({', '.join('?' * len(columns))}) ON CONFLICT ({key}) DO UPDATE "
                            f"SET {updates}", values)


_COLUMNS: dict[str, frozenset[str]] = {}  # every open store is at the latest schema


def _table_columns(db, table: str) -> frozenset[str]:
    """The columns of one of our tables, as SQLite knows them."""
    if table not in _COLUMNS:
        _COLUMNS[table] = frozenset(
            row[1] for row in db.conn.execute(f"PRAGMA table_info({table})"))
    return _COLUMNS[table]


# -- simple kinds -----------------------------------------------------------------------


def _read_profile(store: Store, record_id: str) -> dict | None:
    return _row(store, "profile", "id", record_id, drop=("password_hash",))


def _apply_profile(store: Store, db, content: dict) -> None:
    exists = db.execute("SELECT 1 FROM profile WHERE id = ?", [content["id"]]).fetchone()
    if exists:
        db["profile"].update(content["id"], {k: v for k, v in content.items() if k != "id"})
    else:
        db["profile"].insert({**content, "password_hash": UNUSABLE_PASSWORD})


def _read_site(store: Store, record_id: str) -> dict | None:
    return _row(store, "site", "id", record_id)


def _apply_site(store: Store, db, content: dict) -> None:
    """Sites come before inspections in a bundle, so the tally triggers are still on when
    a moved site's results take its new district, sub-district or unit."""
    before = _row(store, "site", "id", content["id"])
    _upsert(db, "site", content, "id")
    if before is not None:
        sites.update_result_keys(db, content["id"], {
            key: content[key] for key in sites.KEYS_ON_RESULTS
            if key in content and content[key] != before[key]})


def _read_assignment(store: Store, record_id: str) -> dict | None:
    return _row(store, "assignment", "id", record_id)


def _apply_assignment(store: Store, db, content: dict) -> None:
    if content.get(REMOVED):
        db.execute("DELETE FROM assignment WHERE id = ?", [content["id"]])
    else:
        _upsert(db, "assignment", content, "id")


REMOVED = "removed"


def tombstone(record_id: str) -> dict:
    """The content of a removed record's last version: applied, it removes the record. Only
    assignments are ever removed (the office takes a site off an auditor's month)."""
    return {"id": record_id, REMOVED: True}


def _read_edition(store: Store, record_id: str) -> dict | None:
    exists = db_has(store, "checklist_edition", "content_hash", record_id)
    return checklist.to_json(checklist.load(store, record_id)) if exists else None


def _apply_edition(store: Store, db, content: dict) -> None:
    checklist.install(store, checklist.from_json(content, source="sync"), actor_id=None)


def _read_authority(store: Store, record_id: str) -> dict | None:
    return _row(store, "authority", "id", record_id, drop=("key_pem",))


def _apply_authority(store: Store, db, content: dict) -> None:
    if not db.execute("SELECT 1 FROM authority WHERE id = ?", [content["id"]]).fetchone():
        db["authority"].insert({**content, "key_pem": None})


def _read_certificate(store: Store, record_id: str) -> dict | None:
    return _row(store, "certificate", "serial", record_id)


def _apply_certificate(store: Store, db, content: dict) -> None:
    _upsert(db, "certificate", content, "serial")


def db_has(store: Store, table: str, key: str, value: str) -> bool:
    """Whether a row with this key exists."""
    return store.db.execute(f"SELECT 1 FROM {table} WHERE {key} = ?",
                            [value]).fetchone() is not None


# -- inspections: the row, its results and its evidence photos ---------------------------

RESULT_DERIVED = ("id", "month", "district", "sub_district", "site_type", "unit_name",
                  "category", "counted")


def _read_inspection(store: Store, record_id: str) -> dict | None:
    row = _row(store, "inspection", "id", record_id)
    if row is None:
        return None
    photos = _rows(store, "photo", "inspection_id = ?", [record_id], "id")
    return {
        "inspection": row,
        "results": _rows(store, "result", "inspection_id = ?", [record_id], "criterion_code",
                         drop=RESULT_DERIVED),
        "photos": [p for p in photos if p["reinspection_id"] is None],
        "media": _media_of(store, [p["sha256"] for p in photos]),
    }


def _read_inspections(store: Store, record_ids: list[str]) -> Iterator[tuple[str, dict | None]]:
    """:func:`_read_inspection` of several inspections with one query per table."""
    within = [json.dumps(record_ids)]
    rows = {r["id"]: r for r in _rows(store, "inspection", f"id {_IN_JSON}", within, "id")}
    results = _grouped(_rows(store, "result", f"inspection_id {_IN_JSON}", within,
                             "inspection_id, criterion_code", drop=RESULT_DERIVED))
    photos = _grouped(_rows(store, "photo", f"inspection_id {_IN_JSON}", within,
                            "inspection_id, id"))
    hashes = sorted({p["sha256"] for group in photos.values() for p in group})
    media = {m["sha256"]: m for m in _rows(store, "media", f"sha256 {_IN_JSON}",
                                           [json.dumps(hashes)], "sha256", drop=("stored_at",))}
    for record_id in record_ids:
        mine = photos.get(record_id, [])
        yield record_id, None if record_id not in rows else {
            "inspection": rows[record_id],
            "results": results.get(record_id, []),
            "photos": [p for p in mine if p["reinspection_id"] is None],
            "media": [media[sha] for sha in sorted({p["sha256"] for p in mine}) if sha in media],
        }


_IN_JSON = "IN (SELECT value FROM json_each(?))"


def _grouped(rows: list[dict]) -> dict[str, list[dict]]:
    """Rows by their inspection, in the order given."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["inspection_id"], []).append(row)
    return groups


def _media_of(store: Store, hashes: list[str]) -> list[dict]:
    return [m for sha in sorted(set(hashes))
            if (m := _row(store, "media", "sha256", sha, drop=("stored_at",))) is not None]


def _apply_inspection(store: Store, db, content: dict) -> None:
    _apply_inspections(store, db, [content])


def _apply_inspections(store: Store, db, contents: list[dict]) -> None:
    """Make the tables hold these inspections (distinct ids), each with exactly its results
    and evidence photos, in one statement per table for all of them: an import applies
    thousands, each with dozens of results."""
    inspections = [content["inspection"] for content in contents]
    _upsert_all(db, "inspection", inspections, "id")
    _apply_media(db, [m for content in contents for m in content["media"]])
    within = [json.dumps([inspection["id"] for inspection in inspections])]
    existing: dict[str, dict[str, str]] = {inspection["id"]: {} for inspection in inspections}
    for inspection_id, code, row_id in db.conn.execute(
            f"SELECT inspection_id, criterion_code, id FROM result WHERE inspection_id "
            f"{_IN_JSON}", within):
        existing[inspection_id][code] = row_id
    keys = _ResultKeys(store)
    rows = [row for inspection, content in zip(inspections, contents, strict=True)
            for row in _result_rows(inspection, content["results"], keys)]
    _write_results(db, rows, existing)
    _replace_photos(db, f"inspection_id {_IN_JSON} AND reinspection_id IS NULL", within,
                    [p for content in contents for p in content["photos"]])


class _ResultKeys:
    """What a result row repeats from its site and its edition, read once per site and
    edition (an edition never changes: its categories are cached for the process)."""

    def __init__(self, store: Store):
        self._store = store
        self._sites: dict[str, tuple] = {}

    def site(self, site_id: str) -> tuple:
        """(district, sub_district, unit_name) of a site (TypeError if it is not here)."""
        if site_id not in self._sites:
            found = self._store.db.execute("SELECT district, sub_district, unit_name FROM site "
                                           "WHERE id = ?", [site_id]).fetchone()
            if found is None:
                raise TypeError(f"site {site_id!r} is not in this database")
            self._sites[site_id] = tuple(found)
        return self._sites[site_id]

    def categories(self, edition_hash: str) -> dict[str, str]:
        """Each criterion's category in an edition."""
        return _categories(self._store, edition_hash)


_CATEGORIES: dict[tuple[str, str], dict[str, str]] = {}


def _categories(store: Store, edition_hash: str) -> dict[str, str]:
    key = (str(store.path), edition_hash)
    if key not in _CATEGORIES:
        _CATEGORIES[key] = dict(store.db.execute(
            "SELECT code, category FROM criterion WHERE edition_hash = ?",
            [edition_hash]).fetchall())
    return _CATEGORIES[key]


RESULT_COLUMNS = ("id", "inspection_id", "criterion_code", "outcome", "instances", "location",
                  "note", "updated_at", "updated_by", "month", "district", "sub_district",
                  "site_type", "unit_name", "category", "counted")
_INSERT_RESULT = (f"INSERT INTO result ({', '.join(RESULT_COLUMNS)}) VALUES "
                  f"({', '.join('?' * len(RESULT_COLUMNS))})")
_UPDATE_RESULT = (f"UPDATE result SET {', '.join(f'{c} = ?' for c in RESULT_COLUMNS[1:])} "
                  "WHERE id = ?")


def _result_rows(inspection: dict, results: list[dict], keys: _ResultKeys) -> Iterator[tuple]:
    """An inspection's results as rows of ``result`` without their local id, with the
    grouping keys the office's figures read (RESULT_DERIVED)."""
    district, sub_district, unit_name = keys.site(inspection["site_id"])
    counted = int(inspection["status"] == "finished")
    categories = keys.categories(inspection["edition_hash"])
    for r in results:
        code = r["criterion_code"]
        yield (inspection["id"], code, r["outcome"], r["instances"], r["location"], r["note"],
               r["updated_at"], r["updated_by"], inspection["month"], district, sub_district,
               inspection["site_type"], unit_name, categories.get(code, ""), counted)


def _write_results(db, rows: list[tuple], existing: dict[str, dict[str, str]]) -> None:
    """Write result rows (from :func:`_result_rows`) of the inspections in ``existing`` (their
    present result ids by criterion code): rows already there keep their local ids and are
    updated, the others inserted, and results no longer wanted deleted; one statement each."""
    from model.store.ids import new_ids

    wanted = {(row[0], row[1]) for row in rows}
    db.conn.executemany("DELETE FROM result WHERE id = ?", [
        (row_id,) for inspection_id, codes in existing.items()
        for code, row_id in codes.items() if (inspection_id, code) not in wanted])
    updates = [(*row, existing[row[0]][row[1]]) for row in rows if row[1] in existing[row[0]]]
    new_rows = [row for row in rows if row[1] not in existing[row[0]]]
    db.conn.executemany(_UPDATE_RESULT, updates)
    db.conn.executemany(_INSERT_RESULT, [(row_id, *row) for row_id, row
                                         in zip(new_ids(len(new_rows)), new_rows, strict=True)])


def _apply_media(db, media: list[dict]) -> None:
    from model.store import clock
    by_columns: dict[tuple[str, ...], list[tuple]] = {}
    now = clock.now_iso()
    for row in media:
        by_columns.setdefault(tuple(row), []).append((*row.values(), now))
    for columns, values in by_columns.items():
        db.conn.executemany(f"INSERT OR IGNORE INTO media ({', '.join(columns)}, stored_at) "
                            f"VALUES ({', '.join('?' * (len(columns) + 1))})", values)


def _replace_photos(db, where: str, params: list, photos: list[dict]) -> None:
    wanted = {p["id"] for p in photos}
    db.conn.executemany("DELETE FROM photo WHERE id = ?", [
        (photo_id,) for (photo_id,) in db.conn.execute(f"SELECT id FROM photo WHERE {where}",
                                                       params).fetchall()
        if photo_id not in wanted])
    _upsert_all(db, "photo", photos, "id")


# -- notices: the notice, items, follow-up steps, re-inspections and after-photos ----------


def _read_notice(store: Store, record_id: str) -> dict | None:
    row = _row(store, "notice", "id", record_id)
    if row is None:
        return None
    reinspections = _rows(store, "reinspection", "notice_id = ?", [record_id], "at, id")
    ids = [r["id"] for r in reinspections]
    after = (_rows(store, "photo", f"reinspection_id IN ({', '.join('?' * len(ids))})", ids,
                   "id") if ids else [])
    return {
        "notice": row,
        "items": _rows(store, "notice_item", "notice_id = ?", [record_id], "position"),
        "events": _rows(store, "notice_event", "notice_id = ?", [record_id], "at, id"),
        "reinspections": reinspections,
        "after_photos": after,
        "media": _media_of(store, [p["sha256"] for p in after]),
    }


def _apply_notice(store: Store, db, content: dict) -> None:
    notice = content["notice"]
    _upsert(db, "notice", notice, "id")
    db.execute("INSERT OR IGNORE INTO notice_received (notice_id, received_at) VALUES (?, ?)",
               [notice["id"], clock.now_iso()])
    db.execute("DELETE FROM notice_item WHERE notice_id = ?", [notice["id"]])
    db["notice_item"].insert_all(content["items"])
    for event in content["events"]:
        _upsert(db, "notice_event", event, "id")
    for reinspection in content["reinspections"]:
        _upsert(db, "reinspection", reinspection, "id")
    _apply_media(db, content["media"])
    ids = [r["id"] for r in content["reinspections"]]
    if ids:
        _replace_photos(db, f"reinspection_id IN ({', '.join('?' * len(ids))})", ids,
                        content["after_photos"])


# -- the registry --------------------------------------------------------------------------

Reader = Callable[[Store, str], dict | None]
Applier = Callable[[Store, object, dict], None]
KINDS: dict[str, tuple[Reader, Applier]] = {
    "authority": (_read_authority, _apply_authority),
    "certificate": (_read_certificate, _apply_certificate),
    "profile": (_read_profile, _apply_profile),
    "edition": (_read_edition, _apply_edition),
    "site": (_read_site, _apply_site),
    "assignment": (_read_assignment, _apply_assignment),
    "inspection": (_read_inspection, _apply_inspection),
    "notice": (_read_notice, _apply_notice),
}
ID_QUERIES = {
    "authority": "SELECT id FROM authority",
    "certificate": "SELECT serial FROM certificate",
    "profile": "SELECT id FROM profile",
    "edition": "SELECT content_hash FROM checklist_edition",
    "site": "SELECT id FROM site",
    # with the removed ones whose tombstone still travels (their row is gone)
    "assignment": "SELECT id FROM assignment UNION SELECT id FROM sync_head WHERE kind = "
                  "'assignment' AND current = 1",
    "inspection": "SELECT id FROM inspection",
    "notice": "SELECT id FROM notice WHERE status NOT IN ('reserved', 'void')",
}


def read(store: Store, kind: str, record_id: str) -> dict | None:
    """A record's content as it is in this store, or None."""
    return KINDS[kind][0](store, record_id)


READ_BATCH = 50  # inspections read together (their results are held in memory at once)


def read_many(store: Store, kind: str,
              record_ids: list[str]) -> Iterator[tuple[str, dict | None]]:
    """(id, :func:`read`'s content) of each record in turn; inspections are read a batch at
    a time, one query per table instead of several per record."""
    if kind != "inspection":
        for record_id in record_ids:
            yield record_id, read(store, kind, record_id)
        return
    for start in range(0, len(record_ids), READ_BATCH):
        yield from _read_inspections(store, record_ids[start:start + READ_BATCH])


def apply(store: Store, db, kind: str, content: dict,
          tallies: BulkTallies | None = None) -> None:
    """Make the tables hold ``content`` for this record (inside the caller's transaction);
    with ``tallies`` (:func:`model.inspections.tallies.bulk`) an inspection's results leave
    the roll-up tallies to it instead of the triggers."""
    if tallies is not None and kind == "inspection":
        tallies.touch(content["inspection"]["id"])
    KINDS[kind][1](store, db, content)


def apply_many(store: Store, db, kind: str, contents: list[dict],
               tallies: BulkTallies | None = None) -> None:
    """:func:`apply` of several records of one kind with distinct ids; inspections are
    written together, one statement per table."""
    if kind != "inspection":
        for content in contents:
            apply(store, db, kind, content, tallies)
        return
    if tallies is not None:
        for content in contents:
            tallies.touch(content["inspection"]["id"])
    _apply_inspections(store, db, contents)


def ids(store: Store, kind: str) -> list[str]:
    """Every record of a kind in this store."""
    return [row[0] for row in store.db.execute(ID_QUERIES[kind])]


def media_hashes(content: dict) -> list[str]:
    """The originals a record's photos need."""
    return [m["sha256"] for m in content.get("media", ())]


def stamp_of(kind: str, content: dict) -> str:
    """When the record last changed, as best the content tells (orders conflicting versions)."""
    if kind == "inspection":
        times = [content["inspection"]["started_at"], content["inspection"]["finished_at"] or ""]
        times += [r["updated_at"] for r in content["results"]]
        return max(times)
    if kind == "notice":
        return content["notice"]["updated_at"]
    return content.get("updated_at") or content.get("created_at") or ""
