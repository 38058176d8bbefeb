"""The private keys kept on this computer, sealed at rest: a profile's signing key and the
office authority's key, unlocked with their passphrase and sealed again when needed.

Private keys are stored only sealed with their owner's passphrase
(``model.people.keyseal``: scrypt at the password hash's cost, AES-256-GCM). A profile's
stored key also carries its public key in clear, as a second PEM block, so an
arriving certificate can be matched to the key without asking for the passphrase.

Keys stored before sealing are PKCS#8 under PBKDF2 with 2,048 iterations, hundreds
of times cheaper to guess than the password. Each is sealed again, in its own
transaction with an audit event, the first time its passphrase unlocks it (signing,
issuing, signing in). This lazy re-seal is the migration: a schema migration cannot
do it, as it has no passphrase.
"""

from __future__ import annotations

import contextlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from model.errors import ValidationError, WrongPassphraseError
from model.people import keyseal, unlocked
from model.people.profiles import MIN_PASSWORD_LENGTH, Profile
from model.store import audit
from model.store.db import Store

PUBLIC_KEY_BEGIN = b"-----BEGIN PUBLIC KEY-----"


# -- sealing again: legacy keys, a changed password ------------------------------------


def reseal_legacy_keys(store: Store, profile: Profile, passphrase: str) -> list[str]:
    """At sign-in: seal again the legacy keys ``passphrase`` unlocks; return what was sealed.

    Those are the profile's signing key and, for an office profile, the office authority's
    key. A key the passphrase does not unlock is left as it is (it may have its own).
    """
    resealed = []
    row = credential_row(store, profile)
    if row is not None and keyseal.is_legacy(row["key_pem"]):
        with contextlib.suppress(WrongPassphraseError):
            unlock_credential(store, profile, row, passphrase)
            resealed.append("credential")
    authority = authority_with_key(store) if profile.is_office else None
    if authority is not None and keyseal.is_legacy(authority["key_pem"]):
        with contextlib.suppress(WrongPassphraseError):
            unlock_authority(store, authority, passphrase, profile)
            resealed.append("authority")
    return resealed


def reseal_for_new_password(db, profile: Profile, old: str, new: str) -> None:
    """Inside the caller's transaction: seal the keys ``old`` unlocks again under ``new``.

    The keys are the profile's signing key and, for an office profile, the authority's
    key (both are locked with the profile's password by design). One locked with
    another passphrase stays as it is.
    """
    for table, column, key_id, what in _keys_of(db, profile):
        stored = db.execute(f"SELECT key_pem FROM {table} WHERE {column} = ?",
                            [key_id]).fetchone()[0]
        private, public = _split(stored)
        try:
            key = keyseal.unseal(private, old, what)
        except WrongPassphraseError:
            continue
        sealed = keyseal.seal(key, new)
        db.execute(f"UPDATE {table} SET key_pem = ? WHERE {column} = ?",
                   [sealed + public, key_id])
        audit.append(db, profile.id, f"{table}.reseal", table, key_id,
                     {"new": {"reason": "password changed", **_kdf_of(sealed)}})


def _keys_of(db, profile: Profile) -> list[tuple[str, str, str, str]]:
    """Return (table, id column, id, description) of each key locked with the password."""
    found = []
    if db.execute("SELECT 1 FROM credential WHERE profile_id = ?", [profile.id]).fetchone():
        found.append(("credential", "profile_id", profile.id,
                      f"the signing key of {profile.name}"))
    if profile.is_office:
        row = db.execute("SELECT id, name FROM authority WHERE key_pem IS NOT NULL"
                         " ORDER BY created_at, id LIMIT 1").fetchone()
        if row is not None:
            found.append(("authority", "id", row[0], f"the certificate authority “{row[1]}”"))
    return found


def unlock_credential(store: Store, profile: Profile, row: dict,
                       passphrase: str) -> ec.EllipticCurvePrivateKey:
    """Unlock a profile's signing key, sealing it again first when it is a legacy one; a
    sealed key unlocked with the same passphrase moments ago comes from ``unlocked``."""
    stored = bytes(row["key_pem"])
    if not keyseal.is_legacy(stored):
        key = unlocked.recall(stored, passphrase)
        if key is None:
            key = _decrypt(stored, passphrase, f"the signing key of {profile.name}")
            unlocked.keep(stored, passphrase, key)
        return key
    key = _decrypt(stored, passphrase, f"the signing key of {profile.name}")
    _reseal(store, "credential", "profile_id", profile.id, stored,
            encrypted(key, passphrase) + public_pem(key), profile.id)
    return key


def unlock_authority(store: Store, row: dict, passphrase: str,
                      actor: Profile) -> ec.EllipticCurvePrivateKey:
    """Unlock the office authority's key, sealing it again first when it is a legacy one."""
    key = _decrypt(row["key_pem"], passphrase, f"the certificate authority “{row['name']}”")
    if keyseal.is_legacy(row["key_pem"]):
        _reseal(store, "authority", "id", row["id"], row["key_pem"],
                encrypted(key, passphrase), actor.id)
    return key


def _reseal(store: Store, table: str, column: str, key_id: str, legacy: bytes, sealed: bytes,
            actor_id: str) -> None:
    """Replace a legacy key blob by its sealed copy, in its own transaction, with an event.

    The blob is replaced only while it is still the legacy one read, so a key replaced
    meanwhile (a new request) is never overwritten with the old key.
    """
    with store.atomic() as db:
        changed = db.execute(f"UPDATE {table} SET key_pem = ? WHERE {column} = ? AND key_pem = ?",
                             [sealed, key_id, legacy]).rowcount
        if changed:
            audit.append(db, actor_id, f"{table}.reseal", table, key_id,
                         {"old": {"kdf": "pbkdf2"}, "new": _kdf_of(sealed)})


def _kdf_of(sealed: bytes) -> dict:
    """Return the KDF and its parameters a sealed key states (for audit events)."""
    stated = keyseal.parameters(_split(sealed)[0])
    return {name: stated[name] for name in ("kdf", "n", "r", "p")}


def _split(stored: bytes) -> tuple[bytes, bytes]:
    """Return a stored key's private part and its clear public key block (may be empty)."""
    private, begin, rest = bytes(stored).partition(PUBLIC_KEY_BEGIN)
    return private, begin + rest


# -- stored keys and small helpers -----------------------------------------------------


def _decrypt(sealed: bytes, passphrase: str, what: str) -> ec.EllipticCurvePrivateKey:
    """Return the private key in ``sealed`` (sealed or legacy), or say the passphrase is wrong."""
    return keyseal.unseal(bytes(sealed).partition(PUBLIC_KEY_BEGIN)[0], passphrase, what)


def stored_public_key(sealed: bytes) -> ec.EllipticCurvePublicKey:
    """Return the clear public key stored after a profile's encrypted private key."""
    _, begin, rest = bytes(sealed).partition(PUBLIC_KEY_BEGIN)
    return serialization.load_pem_public_key(begin + rest)


def encrypted(key: ec.EllipticCurvePrivateKey, passphrase: str) -> bytes:
    """Return ``key`` sealed with ``passphrase`` (see ``model.people.keyseal``)."""
    return keyseal.seal(key, passphrase)


def public_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    """Return the public key of ``key`` as a PEM block, stored in clear beside it."""
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def authority_with_key(store: Store) -> dict | None:
    """Return the row of the authority created on this computer, if any."""
    rows = list(store.db.query(
        "SELECT * FROM authority WHERE key_pem IS NOT NULL ORDER BY created_at, id LIMIT 1"))
    return rows[0] if rows else None


def credential_row(store: Store, profile: Profile) -> dict | None:
    """Return ``profile``'s row of the credential table, if it has one."""
    rows = list(store.db.query("SELECT * FROM credential WHERE profile_id = ?", [profile.id]))
    return rows[0] if rows else None


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to seal a key with."""
    if len(passphrase) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"The passphrase must have at least {MIN_PASSWORD_LENGTH} characters.")
