"""What a certificate says, read the same way everywhere: its role, holder, staff number and
serial, and the roster of certificates this computer knows.

A certificate says what its holder may do: a certificate policy of the project's own
arc (``2.25.…``, an OID made from a UUID as X.667 allows, so no registration is
needed) names the role, auditor or office, and ``openssl x509 -text`` or any
certificate viewer shows it. What the office may do (office bundles, receipts,
rosters, revocations) is accepted only under an office-role certificate; a
profile's ``role`` column grants nothing outside its own computer. The staff
number is the subject's serialNumber.

Serial numbers are upper-case hex without separators everywhere (database,
messages, notices).
"""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from model.errors import InputFileError
from model.store.db import Store

# Certificates start a day before they are made: laptops run offline for weeks and
# their clocks drift or sit in the wrong time zone, and a certificate that is "not
# yet valid" on the signing laptop would stop the auditor's work.
CLOCK_ALLOWANCE = dt.timedelta(days=1)
# The project's OID arc (X.667: "2.25." and a UUID as an integer) and its role policies.
POLICY_ARC = "2.25.236782289775256595883758610927776956503"
ROLE_POLICIES = {"auditor": x509.ObjectIdentifier(POLICY_ARC + ".1.1"),
                 "office": x509.ObjectIdentifier(POLICY_ARC + ".1.2")}
ROLES = tuple(ROLE_POLICIES)


# -- reading a certificate -------------------------------------------------------------


def load_certificate(pem: str | bytes) -> x509.Certificate:
    """Return the first certificate in PEM text stored by this module."""
    data = pem.encode("ascii") if isinstance(pem, str) else pem
    return x509.load_pem_x509_certificates(data)[0]


def load_certificates(pem: bytes, source: str) -> list[x509.Certificate]:
    """Return the certificates in a PEM file, refusing a file that holds none."""
    try:
        return x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise InputFileError(source, "this is not a certificate file (PEM)") from None


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
    return attribute_of(cert.subject, NameOID.SERIAL_NUMBER)


def holder_of(cert: x509.Certificate) -> str:
    """Who a certificate was issued to, as people read it: name and staff number."""
    staff_no = staff_no_of(cert)
    name = name_of(cert.subject)
    return f"{name} (staff no {staff_no})" if staff_no else name


def normalise_serial(text: str) -> str:
    """Return a serial as stored: upper-case hex, no separators or leading zeros."""
    digits = "".join(ch for ch in text.strip() if ch not in ": -").upper()
    return digits.removeprefix("0X").lstrip("0") or "0"


# -- the roster ------------------------------------------------------------------------


def add_to_roster(db, cert: x509.Certificate, authority_id: str) -> None:
    """Record an issued certificate in the roster unless it is there already."""
    # The issue time is recovered from the start of validity, so the office and a
    # laptop that first sees the certificate at install record the same row.
    issued_at = cert.not_valid_before_utc + CLOCK_ALLOWANCE
    db.execute(
        "INSERT OR IGNORE INTO certificate (serial, authority_id, subject, staff_no, cert_pem,"
        " issued_at, not_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [serial_of(cert), authority_id, attribute_of(cert.subject, NameOID.COMMON_NAME),
         attribute_of(cert.subject, NameOID.SERIAL_NUMBER), pem_of(cert), issued_at.isoformat(),
         cert.not_valid_after_utc.isoformat()],
    )


# -- small helpers ---------------------------------------------------------------------


def roster(store: Store) -> list[dict]:
    """Every certificate the office issued, oldest first, revoked ones marked."""
    return list(store.db.query("SELECT serial, subject, staff_no, issued_at, not_after,"
                               " revoked_at, revoke_reason FROM certificate"
                               " ORDER BY issued_at"))


def signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Return True when ``issuer`` (by name and key) signed ``cert``."""
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def is_authority(cert: x509.Certificate) -> bool:
    """Return True when ``cert`` is a certificate authority's (may sign others)."""
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def attribute_of(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    """Return the first value of ``oid`` in ``name``, or an empty string."""
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def name_of(name: x509.Name) -> str:
    """Return a readable name for a subject or issuer: its common name, else the whole DN."""
    return attribute_of(name, NameOID.COMMON_NAME) or name.rfc4514_string()


def serial_of(cert: x509.Certificate) -> str:
    """Return a certificate's serial as stored: upper-case hex."""
    return format(cert.serial_number, "X")


def pem_of(cert: x509.Certificate) -> str:
    """Return a certificate as PEM text."""
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
