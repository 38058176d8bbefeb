"""Text being typed, saved at every keystroke so that nothing typed is ever lost.

A note or location is a result change (audited) only when editing ends; until
then it lives here. After a crash or a screen lock the editor finds its draft
and carries on. Drafts belong to the profile that typed them.
"""

from __future__ import annotations

from model.store import clock
from model.store.db import Store


def draft_key(inspection_id: str, criterion_code: str, field: str) -> str:
    """Return the key of the draft of one field of one result."""
    return f"{inspection_id}/{criterion_code}/{field}"


def save(store: Store, profile_id: str, key: str, value: str) -> None:
    """Store (or replace) a draft."""
    with store.atomic() as db:
        db.execute(
            "INSERT INTO draft (key, profile_id, value, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
            " profile_id = excluded.profile_id, updated_at = excluded.updated_at",
            [key, profile_id, value, clock.now_iso()])


def get(store: Store, profile_id: str, key: str) -> str | None:
    """Return a draft's text, or None."""
    row = store.db.execute("SELECT value FROM draft WHERE key = ? AND profile_id = ?",
                           [key, profile_id]).fetchone()
    return row[0] if row else None


def discard(store: Store, key: str) -> None:
    """Forget a draft (its text was stored, or deliberately thrown away)."""
    with store.atomic() as db:
        db.execute("DELETE FROM draft WHERE key = ?", [key])


def all_for(store: Store, profile_id: str, prefix: str = "") -> dict[str, str]:
    """Return a profile's drafts whose key starts with ``prefix``."""
    rows = store.db.execute("SELECT key, value FROM draft WHERE profile_id = ? AND key LIKE ?",
                            [profile_id, prefix + "%"])
    return dict(rows.fetchall())
