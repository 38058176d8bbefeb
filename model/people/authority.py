"""The office certificate authority, profiles' signing keys and their certificates.

The office runs its own small certificate authority (CA): it is the trust root for
every signed notice, so anyone holding the office's CA certificate can check a
notice offline. An auditor's laptop makes a key pair and a certificate request
(CSR); the request travels to the office on a USB stick, the office issues a
certificate, and the certificate travels back and is installed next to the key.

All keys are ECDSA P-256 with SHA-256 signatures (small, fast, accepted by PDF
readers). Private keys are stored only sealed with their owner's passphrase
(``model.people.keyseal``: scrypt at the password hash's cost, AES-256-GCM). A profile's
stored key also carries its public key in clear, as a second PEM block, so an
arriving certificate can be matched to the key without asking for the passphrase.

Keys stored before sealing are PKCS#8 under PBKDF2 with 2,048 iterations, hundreds
of times cheaper to guess than the password. Each is sealed again, in its own
transaction with an audit event, the first time its passphrase unlocks it (signing,
issuing, signing in). This lazy re-seal is the migration: a schema migration cannot
do it, as it has no passphrase.

A certificate says what its holder may do: a certificate policy of the project's own
arc (``2.25.…``, an OID made from a UUID as X.667 allows, so no registration is
needed) names the role, auditor or office, and ``openssl x509 -text`` or any
certificate viewer shows it. What the office may do (office bundles, receipts,
rosters, revocations) is accepted only under an office-role certificate; a
profile's ``role`` column grants nothing outside its own computer. The staff
number is the subject's serialNumber.

Serial numbers are upper-case hex without separators everywhere (database,
messages, notices). An authority's id is the SHA-256 fingerprint of its
certificate, so the same authority has the same id on every laptop and a synced
certificate roster joins up.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from model.errors import (
    CertificateExpiredError,
    CertificateRevokedError,
    InputFileError,
    NoCertificateError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    WrongPassphraseError,
)
from model.people import keyseal
from model.people.profiles import MIN_PASSWORD_LENGTH, Profile
from model.store import audit, clock
from model.store.db import Store

AUTHORITY_DAYS = 3650
DEFAULT_CERTIFICATE_DAYS = 730
# Certificates start a day before they are made: laptops run offline for weeks and
# their clocks drift or sit in the wrong time zone, and a certificate that is "not
# yet valid" on the signing laptop would stop the auditor's work.
CLOCK_ALLOWANCE = dt.timedelta(days=1)
PUBLIC_KEY_BEGIN = b"-----BEGIN PUBLIC KEY-----"
# The office's certificate revocation list (CRL), base64 DER, in the setting table: made
# on the office computer at each revocation, installed on laptops from office bundles.
CRL_SETTING = "ca.crl"
# A year: laptops stay offline for weeks, and a list past its next update makes pyHanko
# and PDF readers treat every certificate's status as unknown.
CRL_DAYS = 365
CRL_REASON = "listed in the office's revocation list"
# The project's OID arc (X.667: "2.25." and a UUID as an integer) and its role policies.
POLICY_ARC = "2.25.236782289775256595883758610927776956503"
ROLE_POLICIES = {"auditor": x509.ObjectIdentifier(POLICY_ARC + ".1.1"),
                 "office": x509.ObjectIdentifier(POLICY_ARC + ".1.2")}
ROLES = tuple(ROLE_POLICIES)


@dataclass(frozen=True)
class Authority:
    """An office certificate authority this installation trusts.

    ``has_key`` is True only on the computer where the authority was created
    (the office), which alone can issue certificates.
    """

    id: str
    name: str
    cert_pem: str
    has_key: bool


@dataclass(frozen=True)
class SigningCredential:
    """What a signer needs, unlocked: the private key, its certificate and the issuing CA."""

    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # issuing CA certificate(s), leaf excluded
    serial: str  # leaf serial as upper-case hex


# -- the office certificate authority ------------------------------------------------


def init_authority(store: Store, name: str, passphrase: str, actor: Profile) -> Authority:
    """Create this office's certificate authority, its key encrypted with ``passphrase``."""
    _require_office(actor, "create the office certificate authority")
    name = name.strip()
    if not name:
        raise ValidationError("The certificate authority needs a name, e.g. the office's name.")
    _check_new_passphrase(passphrase)
    existing = _authority_with_key(store)
    if existing is not None:
        raise ValidationError(
            f"This computer already has the office certificate authority “{existing['name']}”; "
            "keep using it (a second one would make earlier certificates untrusted)."
        )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _self_signed(key, name)
    authority = Authority(_authority_id(cert), name, _pem(cert), True)
    with store.atomic() as db:
        db.execute(
            "INSERT INTO authority (id, name, cert_pem, key_pem, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [authority.id, name, authority.cert_pem, _encrypted(key, passphrase),
             clock.now_iso()],
        )
        audit.append(db, actor.id, "authority.create", "authority", authority.id,
                     {"new": {"name": name}})
    return authority


def trusted_authorities(store: Store) -> list[Authority]:
    """Return the certificate authorities this installation trusts, oldest first."""
    rows = store.db.query(
        "SELECT id, name, cert_pem, key_pem IS NOT NULL AS has_key FROM authority"
        " ORDER BY created_at, id"
    )
    return [Authority(r["id"], r["name"], r["cert_pem"], bool(r["has_key"])) for r in rows]


def trust_authority(store: Store, cert_pem: bytes, source: str) -> Authority:
    """Trust an office's CA certificate (from ``ca export``) at enrolment; trusting it again
    changes nothing. A person compares :func:`fingerprint_text` with the office's screen.

    The trust root is set once: a store that already trusts another authority refuses
    (only a rollover signed by the current authority could change it)."""
    certs = _load_certificates(cert_pem, source)
    if len(certs) != 1:
        raise InputFileError(source, f"it holds {len(certs)} certificates; give the office's "
                                     "authority certificate alone (ca export)")
    _check_authority_certificate(certs[0], source)
    _check_single_root(store, certs[0], source)
    with store.atomic() as db:
        return _ensure_trusted(db, certs[0], None)


def export_authority_cert(store: Store) -> bytes:
    """Return the PEM certificate of this office's own authority (for ``ca export``)."""
    row = _authority_with_key(store)
    if row is None:
        raise NotFoundError("This computer has no office certificate authority; create one first "
                            "(ca init).")
    return row["cert_pem"].encode("ascii")


def load_certificate(pem: str | bytes) -> x509.Certificate:
    """Return the first certificate in PEM text stored by this module."""
    data = pem.encode("ascii") if isinstance(pem, str) else pem
    return x509.load_pem_x509_certificates(data)[0]


# -- a profile's key and certificate -------------------------------------------------


def request_key(store: Store, profile: Profile, passphrase: str, replace: bool = False) -> bytes:
    """Make ``profile``'s key pair and return a certificate request (PEM) for the office.

    An earlier request still waiting for its certificate is replaced. An installed
    certificate is discarded only with ``replace=True`` (e.g. a forgotten
    passphrase), because signing then waits for the office to issue again.
    """
    _check_new_passphrase(passphrase)
    if credential_status(store, profile) == "installed" and not replace:
        raise ValidationError(
            f"{profile.name} already has an installed certificate on this computer. A new "
            "request discards it; confirm replacing it only if the passphrase is lost or the "
            "certificate expired or was revoked."
        )
    key = ec.generate_private_key(ec.SECP256R1())
    csr = x509.CertificateSigningRequestBuilder().subject_name(_subject(profile)).sign(
        key, hashes.SHA256())
    with store.atomic() as db:
        db.execute(
            "INSERT INTO credential (profile_id, key_pem, requested_at) VALUES (?, ?, ?)"
            " ON CONFLICT (profile_id) DO UPDATE SET key_pem = excluded.key_pem,"
            " requested_at = excluded.requested_at, cert_pem = NULL, serial = NULL,"
            " installed_at = NULL",
            [profile.id, _encrypted(key, passphrase) + _public_pem(key), clock.now_iso()],
        )
        audit.append(db, profile.id, "credential.request", "credential", profile.id,
                     {"new": {"subject": csr.subject.rfc4514_string()}})
    return csr.public_bytes(serialization.Encoding.PEM)


def issue_certificate(store: Store, csr_pem: bytes, source: str, ca_passphrase: str,
                      actor: Profile, days: int = DEFAULT_CERTIFICATE_DAYS,
                      role: str = "auditor") -> bytes:
    """Issue a certificate for a request file, for the holder's ``role`` (auditor or office);
    return the leaf PEM followed by the CA's."""
    _require_office(actor, "issue certificates")
    if days < 1:
        raise ValidationError("A certificate must be valid for at least one day.")
    if role not in ROLE_POLICIES:
        raise ValidationError(f"A certificate's role is one of {', '.join(ROLES)}, not “{role}”.")
    row = _authority_with_key(store)
    if row is None:
        raise NotFoundError("This computer has no office certificate authority; create one first "
                            "(ca init).")
    csr = _load_request(csr_pem, source)
    ca_key = _unlock_authority(store, row, ca_passphrase, actor)
    ca_cert = load_certificate(row["cert_pem"])
    leaf = _leaf_certificate(csr, ca_cert, ca_key, days, role)
    with store.atomic() as db:
        _add_to_roster(db, leaf, row["id"])
        audit.append(db, actor.id, "certificate.issue", "certificate", _serial(leaf),
                     {"new": {"subject": _attribute(leaf.subject, NameOID.COMMON_NAME),
                              "staff_no": _attribute(leaf.subject, NameOID.SERIAL_NUMBER),
                              "role": role,
                              "not_after": leaf.not_valid_after_utc.isoformat()}})
    return (_pem(leaf) + _pem(ca_cert)).encode("ascii")


def install_certificate(store: Store, profile: Profile, chain_pem: bytes, source: str) -> str:
    """Install the certificate the office issued for ``profile``'s key; return its serial.

    On first contact (this computer trusts no authority yet) the issuing CA in the
    file becomes trusted: the office hands the stick over in person.
    """
    row = _credential_row(store, profile)
    if row is None:
        raise NoCertificateError(
            f"{profile.name} has not requested a certificate on this computer. Make a request "
            "first (keys request) and take it to the office."
        )
    certs = _load_certificates(chain_pem, source)
    leaf = _leaf_of(certs, source)
    if leaf.public_key() != _stored_public_key(row["key_pem"]):
        raise InputFileError(source, "this certificate was issued for another key or laptop; "
                                     "request again (keys request) and have the office issue it")
    if staff_no_of(leaf) != profile.staff_no:
        raise InputFileError(source, f"this certificate was issued to staff number "
                                     f"{staff_no_of(leaf) or '(none)'}, not {profile.staff_no}; "
                                     "install your own certificate")
    ca = _issuer_of(store, leaf, certs, source)
    if clock.now() > leaf.not_valid_after_utc:
        raise InputFileError(source, f"this certificate expired on {_day(leaf.not_valid_after_utc)}"
                                     "; ask the office to issue a new one")
    serial = _serial(leaf)
    with store.atomic() as db:
        authority = _ensure_trusted(db, ca, profile.id)
        db.execute(
            "UPDATE credential SET cert_pem = ?, serial = ?, installed_at = ? WHERE profile_id = ?",
            [_pem(leaf) + _pem(ca), serial, clock.now_iso(), profile.id],
        )
        _add_to_roster(db, leaf, authority.id)
        audit.append(db, profile.id, "credential.install", "credential", profile.id,
                     {"new": {"serial": serial, "authority": authority.name}})
    return serial


def credential_status(store: Store, profile: Profile) -> str:
    """Return ``"none"``, ``"requested"`` (waiting for the office) or ``"installed"``."""
    row = _credential_row(store, profile)
    if row is None:
        return "none"
    return "installed" if row["installed_at"] else "requested"


def signing_credential(store: Store, profile: Profile, passphrase: str,
                       at: dt.datetime | None = None) -> SigningCredential:
    """Unlock ``profile``'s key and return it with its certificate, checked usable at ``at``."""
    row = _credential_row(store, profile)
    if row is None or not row["cert_pem"]:
        raise NoCertificateError(
            f"{profile.name} has no certificate to sign with. Request a certificate from the "
            "office: keys request, then install what the office issues (keys install)."
        )
    key = _unlock_credential(store, profile, row, passphrase)
    leaf, *chain = x509.load_pem_x509_certificates(row["cert_pem"].encode("ascii"))
    _check_usable(store, leaf, at or clock.now())
    return SigningCredential(key, leaf, tuple(chain), _serial(leaf))


# -- sealing again: legacy keys, a changed password -----------------------------------


def reseal_legacy_keys(store: Store, profile: Profile, passphrase: str) -> list[str]:
    """At sign-in: seal again the legacy keys ``passphrase`` unlocks; return what was sealed.

    Those are the profile's signing key and, for an office profile, the office authority's
    key. A key the passphrase does not unlock is left as it is (it may have its own).
    """
    resealed = []
    row = _credential_row(store, profile)
    if row is not None and keyseal.is_legacy(row["key_pem"]):
        with contextlib.suppress(WrongPassphraseError):
            _unlock_credential(store, profile, row, passphrase)
            resealed.append("credential")
    authority = _authority_with_key(store) if profile.is_office else None
    if authority is not None and keyseal.is_legacy(authority["key_pem"]):
        with contextlib.suppress(WrongPassphraseError):
            _unlock_authority(store, authority, passphrase, profile)
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


def _unlock_credential(store: Store, profile: Profile, row: dict,
                       passphrase: str) -> ec.EllipticCurvePrivateKey:
    """Unlock a profile's signing key, sealing it again first when it is a legacy one."""
    key = _decrypt(row["key_pem"], passphrase, f"the signing key of {profile.name}")
    if keyseal.is_legacy(row["key_pem"]):
        _reseal(store, "credential", "profile_id", profile.id, row["key_pem"],
                _encrypted(key, passphrase) + _public_pem(key), profile.id)
    return key


def _unlock_authority(store: Store, row: dict, passphrase: str,
                      actor: Profile) -> ec.EllipticCurvePrivateKey:
    """Unlock the office authority's key, sealing it again first when it is a legacy one."""
    key = _decrypt(row["key_pem"], passphrase, f"the certificate authority “{row['name']}”")
    if keyseal.is_legacy(row["key_pem"]):
        _reseal(store, "authority", "id", row["id"], row["key_pem"],
                _encrypted(key, passphrase), actor.id)
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


# -- revocation ----------------------------------------------------------------------


def revoke(store: Store, serial: str, reason: str, ca_passphrase: str, actor: Profile) -> None:
    """Mark a certificate of the roster revoked and publish a fresh revocation list (CRL)
    signed by the office authority; revoking it again keeps the first record."""
    _require_office(actor, "revoke certificates")
    serial = normalise_serial(serial)
    row = store.db.execute("SELECT revoked_at FROM certificate WHERE serial = ?",
                           [serial]).fetchone()
    if row is None:
        raise NotFoundError(f"No certificate with serial {serial} is in this computer's roster.")
    if row[0]:
        return
    authority = _own_authority(store)
    ca_key = _unlock_authority(store, authority, ca_passphrase, actor)
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
    _require_office(actor, "publish the revocation list")
    authority = _own_authority(store)
    ca_key = _unlock_authority(store, authority, ca_passphrase, actor)
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
        audit.append(db, None, "crl.install", "authority", _authority_id(issuer),
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
        .add_extension(_authority_key_id(ca_cert), critical=False)
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
    row = _authority_with_key(store)
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
    raise InputFileError(source, f"the revocation list of “{_name_of(crl.issuer)}” is not signed "
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


def role_of(cert: x509.Certificate) -> str | None:
    """Return the role a certificate grants ("auditor" or "office"), or None when it names
    none (certificates issued before roles existed grant only an auditor's rights)."""
    try:
        policies = cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound:
        return None
    granted = {policy.policy_identifier for policy in policies}
    roles = [role for role, oid in ROLE_POLICIES.items() if oid in granted]
    return roles[0] if len(roles) == 1 else None


def staff_no_of(cert: x509.Certificate) -> str:
    """Return the staff number a certificate was issued to (its subject's serialNumber)."""
    return _attribute(cert.subject, NameOID.SERIAL_NUMBER)


def holder_of(cert: x509.Certificate) -> str:
    """Who a certificate was issued to, as people read it: name and staff number."""
    staff_no = staff_no_of(cert)
    name = _name_of(cert.subject)
    return f"{name} (staff no {staff_no})" if staff_no else name


def fingerprint_text(authority: Authority) -> str:
    """Return an authority's fingerprint as people compare it: SHA-256 in colon-separated
    upper-case pairs, in groups a person can read aloud."""
    pairs = [authority.id[i:i + 2].upper() for i in range(0, len(authority.id), 2)]
    return " ".join(":".join(pairs[i:i + 8]) for i in range(0, len(pairs), 8))


def normalise_serial(text: str) -> str:
    """Return a serial as stored: upper-case hex, no separators or leading zeros."""
    digits = "".join(ch for ch in text.strip() if ch not in ": -").upper()
    return digits.removeprefix("0X").lstrip("0") or "0"


# -- building certificates -----------------------------------------------------------


def _self_signed(key: ec.EllipticCurvePrivateKey, name: str) -> x509.Certificate:
    """Return the CA certificate: may sign certificates (not other CAs), valid 10 years."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, name)])
    now, public = clock.now(), key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject).public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_ALLOWANCE)
        .not_valid_after(now + dt.timedelta(days=AUTHORITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
    )
    return builder.sign(key, hashes.SHA256())


def _leaf_certificate(csr: x509.CertificateSigningRequest, ca_cert: x509.Certificate,
                      ca_key: ec.EllipticCurvePrivateKey, days: int,
                      role: str) -> x509.Certificate:
    """Return a signing certificate for the request and ``role``, ending no later than the
    CA itself."""
    now, public = clock.now(), csr.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(csr.subject).issuer_name(ca_cert.subject).public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_ALLOWANCE)
        .not_valid_after(min(now + dt.timedelta(days=days), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True, content_commitment=True),
                       critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(_authority_key_id(ca_cert), critical=False)
        .add_extension(x509.CertificatePolicies([x509.PolicyInformation(
            ROLE_POLICIES[role], None)]), critical=False)
    )
    return builder.sign(ca_key, hashes.SHA256())


def _key_usage(**allowed: bool) -> x509.KeyUsage:
    """Return a KeyUsage extension allowing only the named uses."""
    uses = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
            "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{use: allowed.get(use, False) for use in uses})


def _authority_key_id(ca_cert: x509.Certificate) -> x509.AuthorityKeyIdentifier:
    """Return the leaf's pointer to the CA key, from the CA's own key identifier when it has one."""
    try:
        ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    except x509.ExtensionNotFound:
        return x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key())
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)


def _subject(profile: Profile) -> x509.Name:
    """Return the request's subject: name, staff number and organisation, empty ones left out."""
    parts = [(NameOID.COMMON_NAME, profile.name), (NameOID.SERIAL_NUMBER, profile.staff_no),
             (NameOID.ORGANIZATION_NAME, profile.organisation)]
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts if value])


# -- reading what arrives on a stick -------------------------------------------------


def _load_certificates(pem: bytes, source: str) -> list[x509.Certificate]:
    """Return the certificates in a PEM file, refusing a file that holds none."""
    try:
        return x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise InputFileError(source, "this is not a certificate file (PEM)") from None


def _load_request(pem: bytes, source: str) -> x509.CertificateSigningRequest:
    """Return a certificate request that is intact, for a P-256 key, and names someone."""
    try:
        csr = x509.load_pem_x509_csr(pem)
    except ValueError:
        raise InputFileError(source, "this is not a certificate request (make one with "
                                     "keys request)") from None
    if not csr.is_signature_valid:
        raise InputFileError(source, "the request's signature does not match its key; the file "
                                     "is damaged or was altered")
    key = csr.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise InputFileError(source, "the request is not for an ECDSA P-256 key; make it with "
                                     "CivicAudit (keys request)")
    if not _attribute(csr.subject, NameOID.COMMON_NAME):
        raise InputFileError(source, "the request does not name its holder")
    if not _attribute(csr.subject, NameOID.SERIAL_NUMBER):
        raise InputFileError(source, "the request does not give its holder's staff number; "
                                     "make it with CivicAudit (keys request)")
    return csr


def _leaf_of(certs: list[x509.Certificate], source: str) -> x509.Certificate:
    """Return the one personal (non-CA) certificate in an installed file."""
    leaves = [cert for cert in certs if not _is_authority(cert)]
    if len(leaves) != 1:
        raise InputFileError(source, f"it holds {len(leaves)} personal certificates instead of "
                                     "one; install the file the office issued")
    return leaves[0]


def _issuer_of(store: Store, leaf: x509.Certificate, certs: list[x509.Certificate],
               source: str) -> x509.Certificate:
    """Return the trusted CA that signed ``leaf`` (on first contact, the CA in the file)."""
    trusted = [load_certificate(a.cert_pem) for a in trusted_authorities(store)]
    pool = trusted or [cert for cert in certs if _is_authority(cert)]
    named = [cert for cert in pool if cert.subject == leaf.issuer]
    issuer = _name_of(leaf.issuer)
    if not named and trusted:
        raise InputFileError(source, f"it was issued by “{issuer}”, which this computer does "
                                     "not trust; have your own office issue it")
    if not named:
        raise InputFileError(source, f"it lacks the certificate of its issuer “{issuer}”")
    for ca in named:
        if _signed_by(leaf, ca):
            if not trusted:
                _check_authority_certificate(ca, source)
            return ca
    raise InputFileError(source, f"its signature does not verify against “{issuer}”; the file "
                                 "was altered or was not issued by that authority")


def _check_authority_certificate(cert: x509.Certificate, source: str) -> None:
    """Refuse a certificate that is not a self-signed certificate authority."""
    name = _name_of(cert.subject)
    if not _is_authority(cert):
        raise InputFileError(source, f"“{name}” is not a certificate authority; give the "
                                     "office's authority certificate (ca export)")
    if not _signed_by(cert, cert):
        raise InputFileError(source, f"“{name}” is not self-signed, so it cannot be a trust root; "
                                     "give the office's own authority certificate (ca export)")


def _check_single_root(store: Store, cert: x509.Certificate, source: str) -> None:
    """Refuse a second trust root: a store trusts the authority it was enrolled with."""
    trusted = trusted_authorities(store)
    if trusted and _authority_id(cert) not in {a.id for a in trusted}:
        raise InputFileError(source, f"this computer already trusts the office authority "
                                     f"“{trusted[0].name}”; a second authority is never added "
                                     "(ask your office if it really changed its authority)")


def _ensure_trusted(db, cert: x509.Certificate, actor_id: str | None) -> Authority:
    """Return the trusted authority for ``cert``, adding it first when it is new here."""
    authority_id = _authority_id(cert)
    row = db.execute("SELECT id, name, cert_pem, key_pem IS NOT NULL FROM authority WHERE id = ?",
                     [authority_id]).fetchone()
    if row is not None:
        return Authority(row[0], row[1], row[2], bool(row[3]))
    authority = Authority(authority_id, _name_of(cert.subject), _pem(cert), False)
    db.execute("INSERT INTO authority (id, name, cert_pem, key_pem, created_at)"
               " VALUES (?, ?, ?, NULL, ?)",
               [authority.id, authority.name, authority.cert_pem, clock.now_iso()])
    audit.append(db, actor_id, "authority.trust", "authority", authority.id,
                 {"new": {"name": authority.name}})
    return authority


# -- checks and small helpers --------------------------------------------------------


def _check_usable(store: Store, leaf: x509.Certificate, at: dt.datetime) -> None:
    """Refuse a certificate that is revoked here, expired, or not yet valid at ``at``."""
    serial = _serial(leaf)
    row = store.db.execute("SELECT revoked_at, revoke_reason FROM certificate WHERE serial = ?",
                           [serial]).fetchone()
    if row and row[0]:
        because = f" ({row[1]})" if row[1] else ""
        raise CertificateRevokedError(
            f"The office revoked certificate {serial}{because}. Request a new one: keys request.")
    if at > leaf.not_valid_after_utc:
        raise CertificateExpiredError(
            f"Certificate {serial} expired on {_day(leaf.not_valid_after_utc)}. Request a new "
            "one from the office: keys request.")
    if at < leaf.not_valid_before_utc:
        raise CertificateExpiredError(
            f"Certificate {serial} is not valid before {_day(leaf.not_valid_before_utc)}. "
            "Check this computer's date, time and time zone.")


def _add_to_roster(db, cert: x509.Certificate, authority_id: str) -> None:
    """Record an issued certificate in the roster unless it is there already."""
    # The issue time is recovered from the start of validity, so the office and a
    # laptop that first sees the certificate at install record the same row.
    issued_at = cert.not_valid_before_utc + CLOCK_ALLOWANCE
    db.execute(
        "INSERT OR IGNORE INTO certificate (serial, authority_id, subject, staff_no, cert_pem,"
        " issued_at, not_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [_serial(cert), authority_id, _attribute(cert.subject, NameOID.COMMON_NAME),
         _attribute(cert.subject, NameOID.SERIAL_NUMBER), _pem(cert), issued_at.isoformat(),
         cert.not_valid_after_utc.isoformat()],
    )


def _decrypt(sealed: bytes, passphrase: str, what: str) -> ec.EllipticCurvePrivateKey:
    """Return the private key in ``sealed`` (sealed or legacy), or say the passphrase is wrong."""
    return keyseal.unseal(bytes(sealed).partition(PUBLIC_KEY_BEGIN)[0], passphrase, what)


def _stored_public_key(sealed: bytes) -> ec.EllipticCurvePublicKey:
    """Return the clear public key stored after a profile's encrypted private key."""
    _, begin, rest = bytes(sealed).partition(PUBLIC_KEY_BEGIN)
    return serialization.load_pem_public_key(begin + rest)


def _encrypted(key: ec.EllipticCurvePrivateKey, passphrase: str) -> bytes:
    """Return ``key`` sealed with ``passphrase`` (see ``model.people.keyseal``)."""
    return keyseal.seal(key, passphrase)


def _public_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def _authority_with_key(store: Store) -> dict | None:
    """Return the row of the authority created on this computer, if any."""
    rows = list(store.db.query(
        "SELECT * FROM authority WHERE key_pem IS NOT NULL ORDER BY created_at, id LIMIT 1"))
    return rows[0] if rows else None


def _credential_row(store: Store, profile: Profile) -> dict | None:
    rows = list(store.db.query("SELECT * FROM credential WHERE profile_id = ?", [profile.id]))
    return rows[0] if rows else None


def _require_office(actor: Profile, doing: str) -> None:
    if not actor.is_office:
        raise PermissionDeniedError(f"Only an office profile may {doing}.")


def _check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"The passphrase must have at least {MIN_PASSWORD_LENGTH} characters.")


def _signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Return True when ``issuer`` (by name and key) signed ``cert``."""
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _is_authority(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _name_of(name: x509.Name) -> str:
    """Return a readable name for a subject or issuer: its common name, else the whole DN."""
    return _attribute(name, NameOID.COMMON_NAME) or name.rfc4514_string()


def _authority_id(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()


def _serial(cert: x509.Certificate) -> str:
    return format(cert.serial_number, "X")


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _day(moment: dt.datetime) -> str:
    """Return the office's date of ``moment`` (how offices date things)."""
    return clock.office_date(moment).isoformat()
