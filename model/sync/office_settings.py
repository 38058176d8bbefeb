"""The office's settings that laptops take from its bundles, so a notice looks the same
wherever it is issued: letterhead and logo, notice numbering, photo stamp, negative list.
(The time zone travels in the manifest, the revocation list as an entry of its own.)

Who may change them: the office, on its computer (each setting's module checks the role).
What travels: the stored values of :data:`KEYS` and the logo file, inside an office bundle,
read only after its signature (an office-role certificate of the authority this laptop
trusts) and every hash were verified. A laptop applies only the keys listed here, each
checked as the office's own screens check it, and a logo that is a PNG or JPEG; a value it
cannot use is left out with a note. Auditor bundles never carry them: the import reads this
entry from office bundles only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from model.notices import letterhead, notices
from model.photos.stamp import STAMP_SETTING
from model.store import audit, fileio
from model.store.db import Store

if TYPE_CHECKING:
    from model.sync.bundle_format import Entry

SETTINGS_ENTRY = "office-settings.json"
LOGO_ENTRY = "office-logo"  # the letterhead's logo, as it is stored at the office
NEGATIVE_LIST = "negative_list"  # model.office.negative_list keeps its rules under this key
KEYS = (letterhead.SETTING, notices.PATTERN_SETTING, notices.PREFIX_SETTING,
        STAMP_SETTING, NEGATIVE_LIST)
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}


def entries(store: Store) -> list[Entry]:
    """The bundle entries of the office's settings: their values (None: the default) and
    the logo file when a letterhead names one."""
    # here, not at the top: model.office reads the keys above without cryptography's x509
    from model.sync import bundle_format

    values = {key: store.get_setting(key) for key in KEYS}
    found = [bundle_format.Entry(SETTINGS_ENTRY, json.dumps(
        values, ensure_ascii=False, sort_keys=True).encode("utf-8"))]
    logo = letterhead.logo_path(store)
    if logo is not None:
        found.append(bundle_format.Entry(LOGO_ENTRY, path=logo))
    return found


def take(store: Store, db, opened, bundle: str) -> tuple[list[str], list[str]]:
    """Apply the settings of a verified office bundle inside the import's transaction;
    return (the keys that changed here, notes on values left out)."""
    if SETTINGS_ENTRY not in opened.names():
        return [], []  # a bundle of an older version: the settings stay as they are
    values = json.loads(opened.read(SETTINGS_ENTRY))
    changed, notes = [], []
    for key in KEYS:
        value = values.get(key) if isinstance(values, dict) else None
        try:
            value = _checked(store, opened, key, value)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            notes.append(f"{bundle}: the office's setting {key} was left out ({exc})")
            continue
        if value != store.get_setting(key):
            _store(db, key, value)
            audit.append(db, None, "setting.office", "setting", key, {"new": value})
            changed.append(key)
    return changed, notes


def _checked(store: Store, opened, key: str, value) -> str | None:
    """The value to store for ``key``, checked; ValueError when it cannot be used."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("not text")
    if key == letterhead.SETTING:
        return _letterhead(store, opened, value)
    if key == notices.PATTERN_SETTING:
        notices.format_number(value, "", 2026, "A07", 1)
        if "{serial" not in value or "{code" not in value:
            raise ValueError("a pattern without {code} and {serial}")
    if key == STAMP_SETTING:
        value.format(time="", site="", gps="", auditor="", hash="")
    if key == NEGATIVE_LIST:
        json.loads(value)  # model.office reads and checks the rules where it uses them
    return value


def _letterhead(store: Store, opened, value: str) -> str:
    """The letterhead as this laptop stores it: the logo saved under a name of its own
    content (an import rolled back leaves no other logo in its place)."""
    data = json.loads(value)
    settings = letterhead.LetterheadSettings(**{**data, "clauses": tuple(data.get("clauses", ()))})
    if settings.logo_file:
        if LOGO_ENTRY not in opened.names():
            raise ValueError("its logo is missing from the bundle")
        logo = opened.read(LOGO_ENTRY)
        kind = next((k for magic, k in IMAGE_MAGIC.items() if logo.startswith(magic)), None)
        if kind is None:
            raise ValueError("its logo is not a PNG or JPEG file")
        name = f"{letterhead.LOGO_NAME}-{hashlib.sha256(logo).hexdigest()[:16]}.{kind}"
        if not (store.data_dir / name).exists():
            fileio.write_atomically(store.data_dir / name, logo)
        settings = letterhead.LetterheadSettings(**{**asdict(settings), "logo_file": name})
    return json.dumps(asdict(settings), ensure_ascii=False)


def _store(db, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM setting WHERE key = ?", [key])
    else:
        db.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                   "DO UPDATE SET value = excluded.value", [key, value])
