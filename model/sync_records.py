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
from collections.abc import Callable, Iterable

from model import checklist
from model.db import Store

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
    """Rows as dicts without the dropped columns (plain cursor: sqlite-utils' query costs
    several times more per row, and an inspection has dozens of results)."""
    cursor = store.db.conn.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY {order}",
                                   params)
    dropped = set(drop)
    keep = [(i, d[0]) for i, d in enumerate(cursor.description) if d[0] not in dropped]
    return [{name: row[i] for i, name in keep} for row in cursor.fetchall()]


def _upsert(db, table: str, row: dict, key: str) -> None:
    columns = list(row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
               f"({', '.join('?' * len(columns))}) ON CONFLICT ({key}) DO UPDATE SET {updates}",
               [row[c] for c in columns])


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
    _upsert(db, "site", content, "id")


def _read_assignment(store: Store, record_id: str) -> dict | None:
    return _row(store, "assignment", "id", record_id)


def _apply_assignment(store: Store, db, content: dict) -> None:
    _upsert(db, "assignment", content, "id")


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


def _media_of(store: Store, hashes: list[str]) -> list[dict]:
    return [m for sha in sorted(set(hashes))
            if (m := _row(store, "media", "sha256", sha, drop=("stored_at",))) is not None]


def _apply_inspection(store: Store, db, content: dict) -> None:
    inspection = content["inspection"]
    _upsert(db, "inspection", inspection, "id")
    _apply_media(db, content["media"])
    wanted = {r["criterion_code"] for r in content["results"]}
    for (code,) in db.execute("SELECT criterion_code FROM result WHERE inspection_id = ?",
                              [inspection["id"]]).fetchall():
        if code not in wanted:
            db.execute("DELETE FROM result WHERE inspection_id = ? AND criterion_code = ?",
                       [inspection["id"], code])
    _write_results(db, inspection, content["results"], _result_keys(store, inspection))
    _replace_photos(db, "inspection_id = ? AND reinspection_id IS NULL", [inspection["id"]],
                    content["photos"])


def _result_keys(store: Store, inspection: dict) -> dict:
    site = store.db.execute("SELECT district, sub_district, unit_name FROM site WHERE id = ?",
                            [inspection["site_id"]]).fetchone()
    return {"site": site, "categories": _categories(store, inspection["edition_hash"])}


_CATEGORIES: dict[tuple[str, str], dict[str, str]] = {}


def _categories(store: Store, edition_hash: str) -> dict[str, str]:
    """Each criterion's category in an edition (an edition never changes: cached)."""
    key = (str(store.path), edition_hash)
    if key not in _CATEGORIES:
        _CATEGORIES[key] = dict(store.db.execute(
            "SELECT code, category FROM criterion WHERE edition_hash = ?",
            [edition_hash]).fetchall())
    return _CATEGORIES[key]


RESULT_COLUMNS = ("id", "inspection_id", "criterion_code", "outcome", "instances", "location",
                  "note", "updated_at", "updated_by", "month", "district", "sub_district",
                  "site_type", "unit_name", "category", "counted")
_UPSERT_RESULT = (
    f"INSERT INTO result ({', '.join(RESULT_COLUMNS)}) VALUES "
    f"({', '.join('?' * len(RESULT_COLUMNS))}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in RESULT_COLUMNS if c != "id"))


def _write_results(db, inspection: dict, results: list[dict], derived: dict) -> None:
    """Upsert an inspection's results in one statement, with their grouping keys (the rows
    keep their local ids; the tally triggers see each change)."""
    from model.ids import new_id

    existing = dict(db.execute("SELECT criterion_code, id FROM result WHERE inspection_id = ?",
                               [inspection["id"]]).fetchall())
    district, sub_district, unit_name = derived["site"]
    counted = int(inspection["status"] == "finished")
    db.conn.executemany(_UPSERT_RESULT, [
        (existing.get(r["criterion_code"]) or new_id(), inspection["id"], r["criterion_code"],
         r["outcome"], r["instances"], r["location"], r["note"], r["updated_at"],
         r["updated_by"], inspection["month"], district, sub_district, inspection["site_type"],
         unit_name, derived["categories"].get(r["criterion_code"], ""), counted)
        for r in results])


def _apply_media(db, media: list[dict]) -> None:
    from model import clock
    for row in media:
        db.execute("INSERT OR IGNORE INTO media (" + ", ".join([*row, "stored_at"]) + ") VALUES ("
                   + ", ".join("?" * (len(row) + 1)) + ")", [*row.values(), clock.now_iso()])


def _replace_photos(db, where: str, params: list, photos: list[dict]) -> None:
    wanted = {p["id"] for p in photos}
    for (photo_id,) in db.execute(f"SELECT id FROM photo WHERE {where}", params).fetchall():
        if photo_id not in wanted:
            db.execute("DELETE FROM photo WHERE id = ?", [photo_id])
    for photo in photos:
        _upsert(db, "photo", photo, "id")


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
    "assignment": "SELECT id FROM assignment",
    "inspection": "SELECT id FROM inspection",
    "notice": "SELECT id FROM notice WHERE status NOT IN ('reserved', 'void')",
}


def read(store: Store, kind: str, record_id: str) -> dict | None:
    """A record's content as it is in this store, or None."""
    return KINDS[kind][0](store, record_id)


def apply(store: Store, db, kind: str, content: dict) -> None:
    """Make the tables hold ``content`` for this record (inside the caller's transaction)."""
    KINDS[kind][1](store, db, content)


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
