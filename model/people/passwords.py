"""Changing a profile's password, and with it the passphrase of the keys it locks.

A profile's password is also the passphrase of its signing key and, for an office
profile, of the office authority's key (by design: one secret to remember). So a
new password is stored and those keys are sealed again under it in one transaction:
a crash between the two can never leave a key locked with a password nobody knows.
(This lives apart from ``model.people.profiles`` because ``model.people.key_store`` builds on
that module.)
"""

from __future__ import annotations

from model.errors import AuthenticationError, ValidationError
from model.people import key_store, profiles
from model.people.profiles import Profile
from model.store.db import Store


def change_password(store: Store, profile: Profile, old: str, new: str) -> None:
    """Set ``profile``'s password to ``new`` when ``old`` is right; re-seal its keys."""
    if not profiles.password_matches(store, profile, old):
        raise AuthenticationError("The current password is wrong.")
    profiles.check_new_password(new)
    if new == old:
        raise ValidationError("The new password must differ from the current one.")
    with store.atomic() as db:
        profiles.set_password(db, profile, new)
        key_store.reseal_for_new_password(db, profile, old, new)
