"""A profile's signing key and certificate on this computer: the key pair and its request,
installing the certificate the office issued, and unlocking the key to sign.

An auditor's laptop makes a key pair and a certificate request (CSR); the request
travels to the office on a USB stick, the office issues a certificate
(``model.people.authority``), and the certificate travels back and is installed next
to the key. The key is stored sealed (``model.people.key_store``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from model.errors import (
    CertificateExpiredError,
    CertificateRevokedError,
    InputFileError,
    NoCertificateError,
    ValidationError,
)
from model.people.authority import (
    check_authority_certificate,
    ensure_trusted,
    trusted_authorities,
)
from model.people.certificates import (
    add_to_roster,
    is_authority,
    load_certificate,
    load_certificates,
    name_of,
    pem_of,
    serial_of,
    signed_by,
    staff_no_of,
)
from model.people.key_store import (
    check_new_passphrase,
    credential_row,
    encrypted,
    public_pem,
    stored_public_key,
    unlock_credential,
)
from model.people.profiles import Profile
from model.store import audit, clock
from model.store.db import Store


@dataclass(frozen=True)
class SigningCredential:
    """What a signer needs, unlocked: the private key, its certificate and the issuing CA."""

    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # issuing CA certificate(s), leaf excluded
    serial: str  # leaf serial as upper-case hex


# -- a profile's key and certificate ---------------------------------------------------


def request_key(store: Store, profile: Profile, passphrase: str, replace: bool = False) -> bytes:
    """Make ``profile``'s key pair and return a certificate request (PEM) for the office.

    An earlier request still waiting for its certificate is replaced. An installed
    certificate is discarded only with ``replace=True`` (e.g. a forgotten
    passphrase), because signing then waits for the office to issue again.
    """
    check_new_passphrase(passphrase)
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
            [profile.id, encrypted(key, passphrase) + public_pem(key), clock.now_iso()],
        )
        audit.append(db, profile.id, "credential.request", "credential", profile.id,
                     {"new": {"subject": csr.subject.rfc4514_string()}})
    return csr.public_bytes(serialization.Encoding.PEM)


def install_certificate(store: Store, profile: Profile, chain_pem: bytes, source: str) -> str:
    """Install the certificate the office issued for ``profile``'s key; return its serial.

    On first contact (this computer trusts no authority yet) the issuing CA in the
    file becomes trusted: the office hands the stick over in person.
    """
    row = credential_row(store, profile)
    if row is None:
        raise NoCertificateError(
            f"{profile.name} has not requested a certificate on this computer. Make a request "
            "first (keys request) and take it to the office."
        )
    certs = load_certificates(chain_pem, source)
    leaf = _leaf_of(certs, source)
    if leaf.public_key() != stored_public_key(row["key_pem"]):
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
    serial = serial_of(leaf)
    with store.atomic() as db:
        authority = ensure_trusted(db, ca, profile.id)
        db.execute(
            "UPDATE credential SET cert_pem = ?, serial = ?, installed_at = ? WHERE profile_id = ?",
            [pem_of(leaf) + pem_of(ca), serial, clock.now_iso(), profile.id],
        )
        add_to_roster(db, leaf, authority.id)
        audit.append(db, profile.id, "credential.install", "credential", profile.id,
                     {"new": {"serial": serial, "authority": authority.name}})
    return serial


def install_from_roster(store: Store, profile: Profile) -> str | None:
    """Install the certificate the office issued for ``profile``'s waiting key when the
    roster (which office bundles carry) holds it; return its serial, None when it does not.

    The same checks as :func:`install_certificate` (key, staff number, a trusted issuer,
    not expired); a revoked certificate is never taken.
    """
    row = credential_row(store, profile)
    if row is None or row["cert_pem"]:
        return None
    waiting = stored_public_key(row["key_pem"])
    issued = store.db.execute(
        "SELECT cert_pem FROM certificate WHERE staff_no = ? AND revoked_at IS NULL "
        "ORDER BY issued_at DESC", [profile.staff_no]).fetchall()
    for (cert_pem,) in issued:
        if x509.load_pem_x509_certificate(cert_pem.encode("ascii")).public_key() == waiting:
            return install_certificate(store, profile, cert_pem.encode("ascii"),
                                       "the office's certificate roster")
    return None


def credential_status(store: Store, profile: Profile) -> str:
    """Return ``"none"``, ``"requested"`` (waiting for the office) or ``"installed"``."""
    row = credential_row(store, profile)
    if row is None:
        return "none"
    return "installed" if row["installed_at"] else "requested"


def signing_credential(store: Store, profile: Profile, passphrase: str,
                       at: dt.datetime | None = None) -> SigningCredential:
    """Unlock ``profile``'s key and return it with its certificate, checked usable at ``at``."""
    row = credential_row(store, profile)
    if row is None or not row["cert_pem"]:
        if profile.is_office:
            raise NoCertificateError(
                f"{profile.name} has no certificate to sign with: the office signs its bundles "
                "and receipts with an office certificate of its own authority. Make it once: "
                "keys request, ca issue --role office, keys install.")
        raise NoCertificateError(
            f"{profile.name} has no certificate to sign with. Request a certificate from the "
            "office: keys request, then install what the office issues (keys install)."
        )
    key = unlock_credential(store, profile, row, passphrase)
    leaf, *chain = x509.load_pem_x509_certificates(row["cert_pem"].encode("ascii"))
    _check_usable(store, leaf, at or clock.now())
    return SigningCredential(key, leaf, tuple(chain), serial_of(leaf))


# -- reading what arrives on a stick ---------------------------------------------------


def _leaf_of(certs: list[x509.Certificate], source: str) -> x509.Certificate:
    """Return the one personal (non-CA) certificate in an installed file."""
    leaves = [cert for cert in certs if not is_authority(cert)]
    if len(leaves) != 1:
        raise InputFileError(source, f"it holds {len(leaves)} personal certificates instead of "
                                     "one; install the file the office issued")
    return leaves[0]


def _issuer_of(store: Store, leaf: x509.Certificate, certs: list[x509.Certificate],
               source: str) -> x509.Certificate:
    """Return the trusted CA that signed ``leaf`` (on first contact, the CA in the file)."""
    trusted = [load_certificate(a.cert_pem) for a in trusted_authorities(store)]
    pool = trusted or [cert for cert in certs if is_authority(cert)]
    named = [cert for cert in pool if cert.subject == leaf.issuer]
    issuer = name_of(leaf.issuer)
    if not named and trusted:
        raise InputFileError(source, f"it was issued by “{issuer}”, which this computer does "
                                     "not trust; have your own office issue it")
    if not named:
        raise InputFileError(source, f"it lacks the certificate of its issuer “{issuer}”")
    for ca in named:
        if signed_by(leaf, ca):
            if not trusted:
                check_authority_certificate(ca, source)
            return ca
    raise InputFileError(source, f"its signature does not verify against “{issuer}”; the file "
                                 "was altered or was not issued by that authority")


# -- checks and small helpers ----------------------------------------------------------


def _check_usable(store: Store, leaf: x509.Certificate, at: dt.datetime) -> None:
    """Refuse a certificate that is revoked here, expired, or not yet valid at ``at``."""
    serial = serial_of(leaf)
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


def _subject(profile: Profile) -> x509.Name:
    """Return the request's subject: name, staff number and organisation, empty ones left out."""
    parts = [(NameOID.COMMON_NAME, profile.name), (NameOID.SERIAL_NUMBER, profile.staff_no),
             (NameOID.ORGANIZATION_NAME, profile.organisation)]
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts if value])


def _day(moment: dt.datetime) -> str:
    """Return the office's date of ``moment`` (how offices date things)."""
    return clock.office_date(moment).isoformat()
