"""The office's certificate authority (CA): creating it, trusting it, issuing certificates.

The office runs its own small certificate authority: it is the trust root for
every signed notice, so anyone holding the office's CA certificate can check a
notice offline. An auditor's certificate request (``model.people.keys``) travels to
the office on a USB stick and the office issues a certificate for it, naming the
holder's role (``model.people.certificates``).

All keys are ECDSA P-256 with SHA-256 signatures (small, fast, accepted by PDF
readers). The authority's key is stored sealed with the office profile's passphrase
(``model.people.key_store``).

An authority's id is the SHA-256 fingerprint of its certificate, so the same
authority has the same id on every laptop and a synced certificate roster joins up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from model.errors import InputFileError, NotFoundError, PermissionDeniedError, ValidationError
from model.people.certificates import (
    CLOCK_ALLOWANCE,
    ROLE_POLICIES,
    ROLES,
    add_to_roster,
    attribute_of,
    is_authority,
    load_certificate,
    load_certificates,
    name_of,
    pem_of,
    serial_of,
    signed_by,
)
from model.people.key_store import (
    authority_with_key,
    check_new_passphrase,
    encrypted,
    unlock_authority,
)
from model.people.profiles import Profile
from model.store import audit, clock
from model.store.db import Store

AUTHORITY_DAYS = 3650
DEFAULT_CERTIFICATE_DAYS = 730


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


# -- the office certificate authority --------------------------------------------------


def init_authority(store: Store, name: str, passphrase: str, actor: Profile) -> Authority:
    """Create this office's certificate authority, its key encrypted with ``passphrase``."""
    require_office(actor, "create the office certificate authority")
    name = name.strip()
    if not name:
        raise ValidationError("The certificate authority needs a name, e.g. the office's name.")
    check_new_passphrase(passphrase)
    existing = authority_with_key(store)
    if existing is not None:
        raise ValidationError(
            f"This computer already has the office certificate authority “{existing['name']}”; "
            "keep using it (a second one would make earlier certificates untrusted)."
        )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _self_signed(key, name)
    authority = Authority(authority_id_of(cert), name, pem_of(cert), True)
    with store.atomic() as db:
        db.execute(
            "INSERT INTO authority (id, name, cert_pem, key_pem, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [authority.id, name, authority.cert_pem, encrypted(key, passphrase),
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
    certs = load_certificates(cert_pem, source)
    if len(certs) != 1:
        raise InputFileError(source, f"it holds {len(certs)} certificates; give the office's "
                                     "authority certificate alone (ca export)")
    check_authority_certificate(certs[0], source)
    _check_single_root(store, certs[0], source)
    with store.atomic() as db:
        return ensure_trusted(db, certs[0], None)


def export_authority_cert(store: Store) -> bytes:
    """Return the PEM certificate of this office's own authority (for ``ca export``)."""
    row = authority_with_key(store)
    if row is None:
        raise NotFoundError("This computer has no office certificate authority; create one first "
                            "(ca init).")
    return row["cert_pem"].encode("ascii")


def issue_certificate(store: Store, csr_pem: bytes, source: str, ca_passphrase: str,
                      actor: Profile, days: int = DEFAULT_CERTIFICATE_DAYS,
                      role: str = "auditor") -> bytes:
    """Issue a certificate for a request file, for the holder's ``role`` (auditor or office);
    return the leaf PEM followed by the CA's."""
    require_office(actor, "issue certificates")
    if days < 1:
        raise ValidationError("A certificate must be valid for at least one day.")
    if role not in ROLE_POLICIES:
        raise ValidationError(f"A certificate's role is one of {', '.join(ROLES)}, not “{role}”.")
    row = authority_with_key(store)
    if row is None:
        raise NotFoundError("This computer has no office certificate authority; create one first "
                            "(ca init).")
    csr = _load_request(csr_pem, source)
    ca_key = unlock_authority(store, row, ca_passphrase, actor)
    ca_cert = load_certificate(row["cert_pem"])
    leaf = _leaf_certificate(csr, ca_cert, ca_key, days, role)
    with store.atomic() as db:
        add_to_roster(db, leaf, row["id"])
        audit.append(db, actor.id, "certificate.issue", "certificate", serial_of(leaf),
                     {"new": {"subject": attribute_of(leaf.subject, NameOID.COMMON_NAME),
                              "staff_no": attribute_of(leaf.subject, NameOID.SERIAL_NUMBER),
                              "role": role,
                              "not_after": leaf.not_valid_after_utc.isoformat()}})
    return (pem_of(leaf) + pem_of(ca_cert)).encode("ascii")


def fingerprint_text(authority: Authority) -> str:
    """Return an authority's fingerprint as people compare it: SHA-256 in colon-separated
    upper-case pairs, in groups a person can read aloud."""
    return fingerprint_of(authority.id)


def fingerprint_of(authority_id: str) -> str:
    """:func:`fingerprint_text` of an authority known by its id only (not yet trusted)."""
    pairs = [authority_id[i:i + 2].upper() for i in range(0, len(authority_id), 2)]
    return " ".join(":".join(pairs[i:i + 8]) for i in range(0, len(pairs), 8))


# -- building certificates -------------------------------------------------------------


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
        .add_extension(authority_key_id(ca_cert), critical=False)
        .add_extension(x509.CertificatePolicies([x509.PolicyInformation(
            ROLE_POLICIES[role], None)]), critical=False)
    )
    return builder.sign(ca_key, hashes.SHA256())


def _key_usage(**allowed: bool) -> x509.KeyUsage:
    """Return a KeyUsage extension allowing only the named uses."""
    uses = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
            "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{use: allowed.get(use, False) for use in uses})


def authority_key_id(ca_cert: x509.Certificate) -> x509.AuthorityKeyIdentifier:
    """Return the leaf's pointer to the CA key, from the CA's own key identifier when it has one."""
    try:
        ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    except x509.ExtensionNotFound:
        return x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key())
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)


# -- checking what arrives on a stick --------------------------------------------------


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
    if not attribute_of(csr.subject, NameOID.COMMON_NAME):
        raise InputFileError(source, "the request does not name its holder")
    if not attribute_of(csr.subject, NameOID.SERIAL_NUMBER):
        raise InputFileError(source, "the request does not give its holder's staff number; "
                                     "make it with CivicAudit (keys request)")
    return csr


def check_authority_certificate(cert: x509.Certificate, source: str) -> None:
    """Refuse a certificate that is not a self-signed certificate authority."""
    name = name_of(cert.subject)
    if not is_authority(cert):
        raise InputFileError(source, f"“{name}” is not a certificate authority; give the "
                                     "office's authority certificate (ca export)")
    if not signed_by(cert, cert):
        raise InputFileError(source, f"“{name}” is not self-signed, so it cannot be a trust root; "
                                     "give the office's own authority certificate (ca export)")


def _check_single_root(store: Store, cert: x509.Certificate, source: str) -> None:
    """Refuse a second trust root: a store trusts the authority it was enrolled with."""
    trusted = trusted_authorities(store)
    if trusted and authority_id_of(cert) not in {a.id for a in trusted}:
        raise InputFileError(source, f"this computer already trusts the office authority "
                                     f"“{trusted[0].name}”; a second authority is never added "
                                     "(ask your office if it really changed its authority)")


def ensure_trusted(db, cert: x509.Certificate, actor_id: str | None) -> Authority:
    """Return the trusted authority for ``cert``, adding it first when it is new here."""
    authority_id = authority_id_of(cert)
    row = db.execute("SELECT id, name, cert_pem, key_pem IS NOT NULL FROM authority WHERE id = ?",
                     [authority_id]).fetchone()
    if row is not None:
        return Authority(row[0], row[1], row[2], bool(row[3]))
    authority = Authority(authority_id, name_of(cert.subject), pem_of(cert), False)
    db.execute("INSERT INTO authority (id, name, cert_pem, key_pem, created_at)"
               " VALUES (?, ?, ?, NULL, ?)",
               [authority.id, authority.name, authority.cert_pem, clock.now_iso()])
    audit.append(db, actor_id, "authority.trust", "authority", authority.id,
                 {"new": {"name": authority.name}})
    return authority


# -- small helpers ---------------------------------------------------------------------


def require_office(actor: Profile, doing: str) -> None:
    """Refuse ``actor`` unless it is an office profile."""
    if not actor.is_office:
        raise PermissionDeniedError(f"Only an office profile may {doing}.")


def authority_id_of(cert: x509.Certificate) -> str:
    """Return an authority's id: the SHA-256 fingerprint of its certificate."""
    return cert.fingerprint(hashes.SHA256()).hex()
