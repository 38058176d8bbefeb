"""A profile's drawn signature (the image printed on its notices), recorded once."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from model.errors import ValidationError
from model.people.profiles import Profile
from model.store import audit, clock
from model.store.db import Store

MAX_BYTES = 512 * 1024


def set_signature(store: Store, profile: Profile, png: bytes) -> None:
    """Keep the signed-in profile's drawn signature (a PNG from the signature pad)."""
    _check_png(png)
    at = clock.now_iso()
    with store.atomic() as db:
        db.execute("INSERT INTO signature_image (profile_id, png, drawn_at) VALUES (?, ?, ?) "
                   "ON CONFLICT (profile_id) DO UPDATE SET png = excluded.png, "
                   "drawn_at = excluded.drawn_at", [profile.id, png, at])
        audit.append(db, profile.id, "profile.signature", "profile", profile.id,
                     {"new": {"bytes": len(png)}}, at=at)


def signature_of(store: Store, profile_id: str) -> bytes | None:
    """The profile's drawn signature, or None until one is drawn."""
    row = store.db.execute("SELECT png FROM signature_image WHERE profile_id = ?",
                           [profile_id]).fetchone()
    return bytes(row[0]) if row else None


def _check_png(png: bytes) -> None:
    if not png or len(png) > MAX_BYTES:
        raise ValidationError("The drawn signature is empty or too large; draw it again.")
    try:
        with Image.open(io.BytesIO(png)) as image:
            if image.format != "PNG":
                raise ValidationError("The drawn signature must be a PNG image.")
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(f"The drawn signature is not a readable image ({exc}).") from None
