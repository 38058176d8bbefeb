"""This installation in USB sync: its device id, what it has not synced, its local changes.

Every bundle names the device that sent it and counts that device's bundles
(``SEQUENCE_SETTING``). Records removed here and conflicts resolved here become
versions like any other edit, so the next bundle carries them.
"""

from __future__ import annotations

from model.people.profiles import Profile
from model.store import audit
from model.store.db import Store
from model.store.ids import new_id
from model.sync import (
    sync_records,
    sync_versions,
)

DEVICE_SETTING = "sync.device_id"
SEQUENCE_SETTING = "sync.sequence"


def device_id(store: Store) -> str:
    """This installation's id (made on first use; bundles name their sending device)."""
    found = store.get_setting(DEVICE_SETTING)
    if found is None:
        found = new_id()
        store.set_setting(DEVICE_SETTING, found)
    return found


def record_removals(store: Store, db, kind: str, record_ids: list[str]) -> None:
    """Give removed records that went out in a bundle a tombstone version (inside the
    caller's transaction, which deleted their rows): it travels like any other version and
    removes the record wherever it is merged."""
    me = device_id(store)
    for record_id in record_ids:
        sync_versions.observe(store, db, kind, record_id, sync_records.tombstone(record_id), me)


def own_device(store: Store) -> str | None:
    """This installation's id if it has one yet; reading it never makes one (an import
    makes it inside its transaction, so a failed or killed import leaves no trace)."""
    return store.get_setting(DEVICE_SETTING)


def status(store: Store) -> dict:
    """Unsynced changes (changes no receipt acknowledged yet), the last export and receipt,
    open conflicts — for the status line: a few indexed reads, nothing written."""
    last, exported, acked = store.db.execute(
        "SELECT max(receipt_at), max(created_at), "
        "max(CASE WHEN receipt_at IS NOT NULL THEN events_upto END) FROM sync_export").fetchone()
    unsynced = store.db.execute("SELECT count(*) FROM audit_event WHERE seq > ? AND action "
                                "NOT LIKE 'sync.%'", [acked or 0]).fetchone()[0]
    conflicts = store.db.execute("SELECT count(*) FROM sync_head WHERE current = 0").fetchone()[0]
    return {"unsynced": unsynced, "last_receipt": last, "last_export": exported,
            "conflicts": conflicts}


def resolve_conflict(store: Store, kind: str, record_id: str, keep_rev: str,
                     actor: Profile) -> None:
    """Keep one of a record's competing versions; the others are superseded everywhere."""
    with store.atomic() as db:
        version = sync_versions.resolve(store, db, kind, record_id, keep_rev, device_id(store))
        sync_records.apply(store, db, kind, version.content)
        audit.append(db, actor.id, "sync.resolve", kind, record_id, {"kept": keep_rev})
