"""Revoking certificates: the office marks them revoked in its roster and signs a revocation
list (CRL); laptops install the list from office bundles and then refuse what it names.
"""

from __future__ import annotations

import base64
import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from model.errors import InputFileError, NotFoundError
from model.people.authority import (
    authority_id_of,
    authority_key_id,
    require_office,
    trusted_authorities,
)
from model.people.certificates import load_certificate, name_of, normalise_serial
from model.people.key_store import authority_with_key, unlock_authority
from model.people.profiles import Profile
from model.store import audit, clock
from model.store.db import Store

# The office's certificate revocation list (CRL), base64 DER, in the setting table: made
# on the office computer at each revocation, installed on laptops from office bundles.
CRL_SETTING = "ca.crl"
# A year: laptops stay offline for weeks, and a list past its next update makes pyHanko
# and PDF readers treat every certificate's status as unknown.
CRL_DAYS = 365
CRL_REASON = "listed in the office's revocation list"


def revoke(store: Store, serial: str, reason: str, ca_passphrase: str, actor: Profile) -> None:
    """Mark a certificate of the roster revoked and publish a fresh revocation list (CRL)
    signed by the office authority; revoking it again keeps the first record."""
    require_office(actor, "revoke certificates")
    serial = normalise_serial(serial)
    row = store.db.execute("SELECT revoked_at FROM certificate WHERE serial = ?",
                           [serial]).fetchone()
    if row is None:
        raise NotFoundError(f"No certificate with serial {serial} is in this computer's roster.")
    if row[0]:
        return
    authority = _own_authority(store)
    ca_key = unlock_authority(store, authority, ca_passphrase, actor)
    # Second precision: the CRL records the revocation time to the second, and a laptop
    # that installs it must record the same moment as the office.
    revoked_at = clock.now().replace(microsecond=0).isoformat()
    reason = reason.strip()
    with store.atomic() as db:
        db.execute("UPDATE certificate SET revoked_at = ?, revoke_reason = ? WHERE serial = ?",
                   [revoked_at, reason, serial])
        audit.append(db, actor.id, "certificate.revoke", "certificate", serial,
                     {"old": {"revoked_at": None},
                      "new": {"revoked_at": revoked_at, "reason": reason}})
        _publish_crl(db, authority, ca_key, actor)


def is_revoked(store: Store, serial: str) -> bool:
    """Return True when the roster or the installed revocation list marks ``serial`` revoked."""
    return revoked_at(store, serial) is not None


def revoked_serials(store: Store) -> set[str]:
    """Return the serials (upper-case hex) of every certificate revoked in the roster here or
    listed in the installed revocation list."""
    rows = store.db.execute("SELECT serial FROM certificate WHERE revoked_at IS NOT NULL")
    return {row[0] for row in rows} | set(_crl_revocations(current_crl(store)))


def revoked_at(store: Store, serial: str) -> str | None:
    """Return when the certificate ``serial`` was revoked (ISO time), or None when it is not."""
    serial = normalise_serial(serial)
    row = store.db.execute("SELECT revoked_at FROM certificate WHERE serial = ?",
                           [serial]).fetchone()
    if row and row[0]:
        return row[0]
    return _crl_revocations(current_crl(store)).get(serial)


def current_crl(store: Store) -> bytes | None:
    """Return the revocation list (DER) made or installed here last, or None."""
    stored = store.get_setting(CRL_SETTING)
    return base64.b64decode(stored) if stored else None


def make_crl(store: Store, ca_passphrase: str, actor: Profile) -> bytes:
    """Sign a fresh revocation list of every certificate the office revoked; return it (DER).

    Made anew when it is about to lapse (it is valid for :data:`CRL_DAYS`), or to hand out.
    """
    require_office(actor, "publish the revocation list")
    authority = _own_authority(store)
    ca_key = unlock_authority(store, authority, ca_passphrase, actor)
    with store.atomic() as db:
        return _publish_crl(db, authority, ca_key, actor)


def install_crl(store: Store, der: bytes, source: str) -> bool:
    """Install the office's revocation list on this computer; return False when it is not
    newer than the one installed (nothing changes then).

    The list must be signed by an authority this computer trusts. Each certificate it
    lists is marked revoked in the roster, at the list's revocation time, unless the roster
    already records a revocation (the first record is kept).
    """
    crl = _load_crl(der, source)
    issuer = _crl_issuer(store, crl, source)
    installed = current_crl(store)
    if installed is not None:
        previous = x509.load_der_x509_crl(installed)
        if previous.issuer == crl.issuer and _crl_number(previous) >= _crl_number(crl):
            return False
    revocations = _crl_revocations(der)
    with store.atomic() as db:
        marked = [serial for serial, at in sorted(revocations.items()) if db.execute(
            "UPDATE certificate SET revoked_at = ?, revoke_reason = ? WHERE serial = ?"
            " AND revoked_at IS NULL", [at, CRL_REASON, serial]).rowcount]
        _store_crl(db, der)
        audit.append(db, None, "crl.install", "authority", authority_id_of(issuer),
                     {"new": {"number": _crl_number(crl), "listed": len(revocations),
                              "newly_revoked": marked, "source": str(source)}})
    return True


def _publish_crl(db, authority: dict, ca_key: ec.EllipticCurvePrivateKey,
                 actor: Profile) -> bytes:
    """Sign and store the next revocation list of ``authority``'s revoked certificates."""
    ca_cert = load_certificate(authority["cert_pem"])
    stored = db.execute("SELECT value FROM setting WHERE key = ?", [CRL_SETTING]).fetchone()
    number = _crl_number(x509.load_der_x509_crl(base64.b64decode(stored[0]))) + 1 if stored else 1
    now = clock.now().replace(microsecond=0)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject).last_update(now)
        .next_update(now + dt.timedelta(days=CRL_DAYS))
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(authority_key_id(ca_cert), critical=False)
    )
    rows = db.execute("SELECT serial, revoked_at FROM certificate WHERE authority_id = ?"
                      " AND revoked_at IS NOT NULL ORDER BY serial", [authority["id"]])
    for serial, at in rows:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(int(serial, 16))
            .revocation_date(dt.datetime.fromisoformat(at)).build())
    der = builder.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    _store_crl(db, der)
    audit.append(db, actor.id, "crl.publish", "authority", authority["id"],
                 {"new": {"number": number}})
    return der


def _store_crl(db, der: bytes) -> None:
    db.execute("INSERT INTO setting (key, value) VALUES (?, ?)"
               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
               [CRL_SETTING, base64.b64encode(der).decode("ascii")])


def _own_authority(store: Store) -> dict:
    row = authority_with_key(store)
    if row is None:
        raise NotFoundError("This computer has no office certificate authority; create one first "
                            "(ca init).")
    return row


def _load_crl(der: bytes, source: str) -> x509.CertificateRevocationList:
    try:
        return x509.load_der_x509_crl(der)
    except ValueError:
        raise InputFileError(source, "this is not a certificate revocation list (CRL) of the "
                                     "office") from None


def _crl_issuer(store: Store, crl: x509.CertificateRevocationList,
                source: str) -> x509.Certificate:
    """Return the trusted authority that signed ``crl``; refuse any other list."""
    for authority in trusted_authorities(store):
        cert = load_certificate(authority.cert_pem)
        if cert.subject == crl.issuer and crl.is_signature_valid(cert.public_key()):
            return cert
    raise InputFileError(source, f"the revocation list of “{name_of(crl.issuer)}” is not signed "
                                 "by the office authority this computer trusts; it was altered "
                                 "or comes from another office")


def _crl_number(crl: x509.CertificateRevocationList) -> int:
    try:
        return crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    except x509.ExtensionNotFound:
        return 0


def _crl_revocations(der: bytes | None) -> dict[str, str]:
    """Serial (upper-case hex) → revocation time (ISO) of each certificate a list names."""
    if der is None:
        return {}
    return {format(entry.serial_number, "X"): entry.revocation_date_utc.isoformat()
            for entry in x509.load_der_x509_crl(der)}
