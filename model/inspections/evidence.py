"""Evidence photos as the inspection view needs them: which photos back which finding.

Photos are stored by content hash in the media store (``media/ab/cdef…``);
ingest, derived previews and thumbnails belong to the photo work. This module
reads the records and tells which failed criteria still lack evidence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from model.store.db import Store


@dataclass(frozen=True)
class PhotoRecord:
    """A photo attached to an inspection, and to one criterion when ``criterion_code`` is set."""

    id: str
    sha256: str
    inspection_id: str
    criterion_code: str | None
    original_name: str
    taken_at: str | None
    flags: tuple[str, ...]
    annotations: tuple[dict, ...] = ()


def photos_for(store: Store, inspection_id: str,
               criterion_code: str | None = None) -> list[PhotoRecord]:
    """Return the photos of an inspection, or of one of its criteria, oldest first."""
    sql = "SELECT * FROM photo WHERE inspection_id = ? AND reinspection_id IS NULL"
    params = [inspection_id]
    if criterion_code is not None:
        sql += " AND criterion_code = ?"
        params.append(criterion_code)
    return [_record(r) for r in store.db.query(sql + " ORDER BY id", params)]


def records(store: Store, photo_ids: list[str] | tuple[str, ...]) -> list[PhotoRecord]:
    """Return the photos with these ids (evidence or after-photos), in the order given."""
    found = {r["id"]: _record(r) for r in store.db.query(
        f"SELECT * FROM photo WHERE id IN ({', '.join('?' * len(photo_ids))})",
        list(photo_ids))} if photo_ids else {}
    return [found[i] for i in photo_ids if i in found]


def _record(r: dict) -> PhotoRecord:
    return PhotoRecord(r["id"], r["sha256"], r["inspection_id"], r["criterion_code"],
                       r["original_name"], r["taken_at"], tuple(json.loads(r["flags"])),
                       tuple(json.loads(r["annotations"])))


def photo_counts(store: Store, inspection_id: str) -> dict[str, int]:
    """Return how many photos each criterion of an inspection has."""
    rows = store.db.execute(
        "SELECT criterion_code, count(*) FROM photo WHERE inspection_id = ?"
        " AND criterion_code IS NOT NULL AND reinspection_id IS NULL GROUP BY 1",
        [inspection_id])
    return dict(rows.fetchall())
