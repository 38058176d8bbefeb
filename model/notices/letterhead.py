"""The office's letterhead for notices: issuer line, title, logo, fixed clauses, copies line.

Business configuration, so it lives in the database (and travels to the
laptops with the office's bundle), not in code. The logo is kept as a file in
the data directory, checked to be a PNG or JPEG an office can print.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from model.errors import InputFileError, PermissionDeniedError
from model.people.profiles import Profile
from model.store import audit
from model.store.db import Store

SETTING = "notice.letterhead"
LOGO_NAME = "letterhead-logo"
DEFAULT_ISSUER = "创建全国文明城市指挥部办公室"


@dataclass(frozen=True)
class LetterheadSettings:
    """What the office prints at the top and bottom of its notices."""

    issuer: str = DEFAULT_ISSUER
    title: str = "整改通知书"
    clauses: tuple[str, ...] = ()
    copies_to: str = ""
    logo_file: str = ""  # file name inside the data directory, or ""


def get(store: Store) -> LetterheadSettings:
    """The office's letterhead (defaults until the office sets one)."""
    data = json.loads(store.get_setting(SETTING) or "{}")
    data["clauses"] = tuple(data.get("clauses", ()))
    return LetterheadSettings(**data)


def logo_path(store: Store) -> Path | None:
    """The logo file, if the office set one and it is still there."""
    name = get(store).logo_file
    path = store.data_dir / name if name else None
    return path if path and path.exists() else None


def set_letterhead(store: Store, settings: LetterheadSettings, actor: Profile,
                   logo: Path | None = None) -> LetterheadSettings:
    """Set the letterhead (office only); a logo file given is checked and copied in."""
    if not actor.is_office:
        raise PermissionDeniedError("Only the office sets the letterhead.")
    if logo is not None:
        settings = LetterheadSettings(**{**asdict(settings), "logo_file": _adopt_logo(store, logo)})
    with store.atomic() as db:
        value = json.dumps(asdict(settings), ensure_ascii=False)
        db.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                   "DO UPDATE SET value = excluded.value", [SETTING, value])
        audit.append(db, actor.id, "notice.letterhead", "setting", SETTING,
                     {"new": asdict(settings)})
    return get(store)


def _adopt_logo(store: Store, logo: Path) -> str:
    from PIL import Image, UnidentifiedImageError  # Pillow, only when a logo is set

    try:
        with Image.open(logo) as image:
            kind = image.format
            image.verify()
    except FileNotFoundError:
        raise InputFileError(logo, "no such file") from None
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise InputFileError(logo, f"not a readable image ({exc})") from None
    if kind not in ("PNG", "JPEG"):
        raise InputFileError(logo, f"the logo must be a PNG or JPEG file, not {kind}")
    name = f"{LOGO_NAME}.{'png' if kind == 'PNG' else 'jpg'}"
    (store.data_dir / name).write_bytes(logo.read_bytes())
    return name
