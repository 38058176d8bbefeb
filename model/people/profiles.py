"""Auditor and office profiles, their roles and password checks.

Passwords are hashed with scrypt (memory-hard, in the standard library); the
same parameters seal the private keys the password unlocks (``model.people.keyseal``).
No message or log line ever contains a stored hash or says which half of a login
was wrong.

New passwords have at least :data:`MIN_PASSWORD_LENGTH` characters. A shorter one
set before that rule still signs in, but :func:`must_change` then says the profile
has to choose a new one (``model.people.passwords``) before doing anything else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import uuid
from dataclasses import dataclass
from enum import StrEnum

from model.errors import AuthenticationError, NotFoundError, ValidationError
from model.store import audit, clock
from model.store.db import Store

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSWORD_LENGTH = 8
LAST_USER_SETTING = "last_user"
PROFILE_NAMESPACE = uuid.UUID("6f1d3c52-2a41-5c7e-9b0e-2b5c3a7d9e10")  # CivicAudit profiles


class Role(StrEnum):
    """What a profile may do: auditors inspect; the office also administers."""

    AUDITOR = "auditor"
    OFFICE = "office"


@dataclass(frozen=True)
class Profile:
    """A person who signs in. Carries no password material."""

    id: str
    name: str
    staff_no: str
    organisation: str
    role: Role

    @property
    def is_office(self) -> bool:
        """True for office profiles."""
        return self.role is Role.OFFICE


def hash_password(password: str) -> str:
    """Return a self-describing scrypt hash of ``password`` with a fresh salt."""
    salt = os.urandom(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(
        ["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)]
    )


def check_password(stored: str, password: str) -> bool:
    """Return True when ``password`` matches the ``stored`` hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """Run scrypt with enough memory allowance for the parameters."""
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=32
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def profile_id(staff_no: str) -> str:
    """A person's record id, the same on every machine: derived from the staff number, which
    the office hands out once. (Other records get time-ordered ids made where they are
    created; a person is created on the office's computer and on a laptop alike, and USB
    sync must see one record, not two with the same staff number.)"""
    return str(uuid.uuid5(PROFILE_NAMESPACE, staff_no.strip().upper()))


def create(
    store: Store,
    name: str,
    staff_no: str,
    role: Role,
    password: str,
    organisation: str = "",
    actor_id: str | None = None,
) -> Profile:
    """Create a profile; the staff number must be new."""
    name, staff_no = name.strip(), staff_no.strip()
    if not name or not staff_no:
        raise ValidationError("A profile needs a name and a staff number.")
    check_new_password(password)
    if find(store, staff_no) is not None:
        raise ValidationError(f"Staff number {staff_no} is already taken.")
    profile = Profile(profile_id(staff_no), name, staff_no, organisation.strip(), Role(role))
    with store.atomic() as db:
        db.execute(
            "INSERT INTO profile (id, name, staff_no, organisation, role, password_hash,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [profile.id, name, staff_no, profile.organisation, profile.role.value,
             hash_password(password), clock.now_iso()],
        )
        audit.append(db, actor_id or profile.id, "profile.create", "profile", profile.id,
                     {"new": {"name": name, "staff_no": staff_no, "role": profile.role.value}})
    return profile


def check_new_password(password: str) -> None:
    """Refuse a new password that is too short to set."""
    if must_change(password):
        raise ValidationError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")


def must_change(password: str) -> bool:
    """Return True for a password too short for today's rule (set before it): change it."""
    return len(password) < MIN_PASSWORD_LENGTH


def set_password(db, profile: Profile, password: str) -> None:
    """Inside the caller's transaction: store a new hash of ``password`` for ``profile``."""
    check_new_password(password)
    db.execute("UPDATE profile SET password_hash = ? WHERE id = ?",
               [hash_password(password), profile.id])
    audit.append(db, profile.id, "profile.password", "profile", profile.id, {})


def find(store: Store, who: str) -> Profile | None:
    """Return the profile whose staff number (or, failing that, name) is ``who``."""
    for column in ("staff_no", "name"):
        rows = list(store.db.query(f"SELECT * FROM profile WHERE {column} = ?", [who.strip()]))
        if len(rows) == 1:
            return _from_row(rows[0])
    return None


def get(store: Store, profile_id: str) -> Profile:
    """Return a profile by id."""
    rows = list(store.db.query("SELECT * FROM profile WHERE id = ?", [profile_id]))
    if not rows:
        raise NotFoundError(f"No profile with id {profile_id}.")
    return _from_row(rows[0])


def all_profiles(store: Store) -> list[Profile]:
    """Return every profile, office first, then by name."""
    rows = store.db.query("SELECT * FROM profile ORDER BY role DESC, name")
    return [_from_row(row) for row in rows]


def authenticate(store: Store, who: str, password: str) -> Profile:
    """Return the profile when ``password`` is right, and remember it as the last user."""
    profile = find(store, who)
    if profile is None or not password_matches(store, profile, password):
        raise AuthenticationError("Unknown user or wrong password.")
    store.set_setting(LAST_USER_SETTING, profile.staff_no)
    return profile


def password_matches(store: Store, profile: Profile, password: str) -> bool:
    """Return True when ``password`` is ``profile``'s."""
    row = store.db.execute("SELECT password_hash FROM profile WHERE id = ?",
                           [profile.id]).fetchone()
    return row is not None and check_password(row[0], password)


def last_user(store: Store) -> str | None:
    """Return the staff number of the last profile that signed in."""
    return store.get_setting(LAST_USER_SETTING)


def _from_row(row: dict) -> Profile:
    return Profile(row["id"], row["name"], row["staff_no"], row["organisation"], Role(row["role"]))
