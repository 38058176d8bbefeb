"""The office's time zone: the one zone every notice, photo caption, sheet and screen uses.

An IANA name (``Asia/Shanghai`` unless the office sets another) kept in the store's
``setting`` table, so it travels to the laptops in the office's bundle. Opening a store
makes it the process's zone (:func:`model.store.clock.set_zone`); a laptop set to UTC still
prints the inspection time and the photo times the office reads.
"""

from __future__ import annotations

import zoneinfo

from model.errors import ValidationError
from model.store import audit, clock
from model.store.db import Store

SETTING = "office.time_zone"


def office_zone(store: Store) -> str:
    """The office's zone name (``Asia/Shanghai`` until the office sets one)."""
    return store.get_setting(SETTING) or clock.DEFAULT_ZONE


def check_zone(name: str) -> str:
    """Return ``name`` when it is an IANA zone this computer knows; else ValidationError."""
    cleaned = name.strip()
    if cleaned not in zoneinfo.available_timezones():
        raise ValidationError(f"{name!r} is not a time zone; use an IANA name such as "
                              f"{clock.DEFAULT_ZONE} or Asia/Urumqi.")
    return cleaned


def adopt(store: Store) -> str:
    """Make the store's office zone the process's zone (when a store is opened); return it.

    A stored name this computer does not know (a laptop with older zone data) leaves
    the default zone in place rather than refusing to open the data.
    """
    name = office_zone(store)
    try:
        clock.set_zone(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        clock.set_zone(clock.DEFAULT_ZONE)
        return clock.DEFAULT_ZONE
    return name


def set_office_zone(store: Store, name: str, actor_id: str) -> str:
    """The office sets its time zone (audited as ``actor_id``; the use case checks that it is
    an office profile); return the stored name."""
    return _store_zone(store, name, actor_id)


def apply_office_zone(store: Store, name: str) -> str:
    """Take the zone a verified office bundle brings (no sign-in check; validated, audited)."""
    return _store_zone(store, name, None)


def _store_zone(store: Store, name: str, actor_id: str | None) -> str:
    name = check_zone(name)
    if store.get_setting(SETTING) != name:  # the same zone again (every bundle) is no event
        with store.atomic() as db:
            audit.append(db, actor_id, "setting.time_zone", "setting", SETTING,
                         {"old": office_zone(store), "new": name})
            store.set_setting(SETTING, name)
    clock.set_zone(name)
    return name
