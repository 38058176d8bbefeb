"""PAdES digital signatures on notice PDFs: sign with the auditor's credential, check offline.

A notice is signed with the auditor's ECDSA P-256 key and the certificate the office's own
certificate authority issued for it (PAdES baseline B, an incremental update, so the bytes
ReportLab wrote stay as they are). Checking needs no network: the trust roots and the revoked
serials come from the local store, so a laptop offline for weeks can still tell an authentic,
unaltered notice from a changed one, and poppler's ``pdfsig`` or any PDF reader that trusts the
office certificate agrees.

pyHanko costs about half a second to import, so it is imported inside the functions that need it,
never at module level: the app starts without it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from model.errors import InputFileError
from model.store import clock
from reports import pyhanko_offline

if TYPE_CHECKING:
    from model.people.keys import SigningCredential

FIELD_NAME = "CivicAuditSignature"

NOT_SIGNED = "the document is not signed"
CONTENT_CHANGED = "the document was changed after it was signed: the signed content differs"
UPDATE_APPENDED = ("the document was changed after it was signed: "
                   "an update was added to the file afterwards")
SIGNATURE_BROKEN = "the signature does not match the signer's certificate; it is damaged or forged"
STRUCTURE_BROKEN = ("the document was changed after it was signed: "
                    "the file no longer reads as the PDF that was signed")
SIGNATURE_DETACHED = ("the document was changed after it was signed: "
                      "its signature is no longer attached to the document")
UNTRUSTED = "the signer's certificate was not issued by a trusted office authority"
NOT_FOR_SIGNING = "the signer's certificate is not allowed to sign documents"
CHAIN_FAILED = "the signer's certificate could not be validated against the trusted authorities"
INCOMPLETE = ("the file is incomplete (it was cut short, perhaps while copying); "
              "copy it again from the original")
# What CivicAudit writes, for a notice and a re-inspection record alike: ReportLab's file and
# one incremental update holding the one signature. Anything more was added by someone else.
SIGNATURES_WRITTEN = 1
REVISIONS_WRITTEN = 2

# The last signature dictionary's /ByteRange, read from the raw bytes: it tells a truncated
# file from a damaged one even when the PDF structure cannot be parsed.
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


@dataclass(frozen=True)
class SignatureCheck:
    """What checking every signature of a PDF found; each flag is one fact the user can see.

    A flag holds for the file only when it holds for every signature; the signer's identity
    is the first signature's (the one CivicAudit made), each signature's is in ``signers``.
    """

    signed: bool = False            # the file carries a signature
    intact: bool = False            # the signed bytes are unchanged and the signature is valid
    covers_document: bool = False   # nothing was appended to the file after signing
    trusted: bool = False           # the certificate chains to one of the trust roots, today
    revoked: bool = False           # the certificate's serial is in the revoked set
    signer: str = ""
    signer_staff_no: str = ""
    serial: str = ""                # upper-case hex
    signed_at: str = ""             # ISO-8601, UTC, as the signer reported it
    problems: tuple[str, ...] = ()  # English sentences, empty when all is well
    signatures: int = 0             # how many signatures the file carries
    revisions: int = 0              # how many revisions (the original and its updates)
    signers: tuple[tuple[str, str, str], ...] = ()  # (name, staff number, serial) of each

    @property
    def as_written(self) -> bool:
        """The file has no more signatures and revisions than CivicAudit writes."""
        return (self.signatures == SIGNATURES_WRITTEN
                and 0 < self.revisions <= REVISIONS_WRITTEN)


# --- signing ---------------------------------------------------------------------------------



def load() -> None:
    """Import what :func:`sign_pdf` needs of pyHanko now, while the caller waits for
    something else (half a second the first time in a process, nothing after)."""
    pyhanko_offline.prepare()
    from pyhanko.pdf_utils import incremental_writer  # noqa: F401
    from pyhanko.sign import fields, signers  # noqa: F401

def sign_pdf(pdf: bytes, credential: SigningCredential, signer_name: str, reason: str,
             location: str, signed_at: dt.datetime | None = None) -> bytes:
    """Return ``pdf`` with a PAdES signature appended as an incremental update.

    The signature goes in a new invisible field :data:`FIELD_NAME` and embeds the issuing
    CA certificates so a reader can build the chain without the store. Its signing time
    is ``signed_at``, else :func:`model.store.clock.now` (so a back-dated document is signed at
    the time it prints).
    """
    pyhanko_offline.prepare()  # before pyHanko's first import: no HTTP clients, no aiohttp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES,
        name=signer_name, reason=reason, location=location)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    pdf_signer = signers.PdfSigner(meta, _signer(credential))
    moment = signed_at or clock.now()
    starting = pdf_signer.init_signing_session

    def session_at(*args, **kwargs):
        """pyHanko takes the system clock for the signing time; the session lets us set it."""
        session = starting(*args, **kwargs)
        session.system_time = moment
        return session

    pdf_signer.init_signing_session = session_at
    return pdf_signer.sign_pdf(writer).getvalue()


def _signer(credential: SigningCredential):
    """A pyHanko signer over the credential's key, leaf and chain (converted via DER)."""
    from asn1crypto import keys
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key_der = credential.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    return signers.SimpleSigner(
        signing_cert=_to_asn1(credential.certificate),
        signing_key=keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(
            [_to_asn1(cert) for cert in credential.chain]))


def _to_asn1(certificate: x509.Certificate):
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


# --- checking --------------------------------------------------------------------------------


def check_signature(pdf: bytes, trust_roots: list[x509.Certificate], revoked_serials: set[str],
                    *, source: str = "PDF") -> SignatureCheck:
    """Check every signature in ``pdf`` offline against ``trust_roots`` and ``revoked_serials``.

    More signatures or revisions than CivicAudit writes are a problem of their own: a second
    signature over a changed page must not pass because the newest one is valid.

    A changed document is an answer (``intact`` or ``covers_document`` False), not an error;
    a file that is not a PDF, or is cut short, raises :class:`InputFileError` naming ``source``.
    """
    pyhanko_offline.prepare()
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.validation.errors import SignatureValidationError

    span = _raw_byte_range(pdf, source)
    try:
        embedded, revisions = _embedded_signatures(pdf)
        if not embedded:
            return _unsigned(pdf, span, revoked_serials)
        with _pyhanko_quiet():
            checks = [_checked(each, trust_roots, revoked_serials) for each in embedded]
        return _combined(checks, revisions)
    except SignatureValidationError as error:
        # A signature of a kind pyHanko does not validate (another tool's, an odd SubFilter).
        return SignatureCheck(signed=True, problems=(
            f"the signature cannot be checked: {error.failure_message}",))
    except (PdfError, ValueError, KeyError, IndexError, ArithmeticError) as error:
        # pyHanko always writes a readable file, so a signed file that no longer reads was
        # changed after signing; an unreadable file with no signature in it is just damaged.
        if span is None and b"/SubFilter" not in pdf:
            raise InputFileError(source, _unreadable_reason(pdf)) from error
        return _broken(pdf, span, revoked_serials, STRUCTURE_BROKEN)


@contextlib.contextmanager
def _pyhanko_quiet() -> Iterator[None]:
    """Keep pyHanko's warnings about the check it is making off the console.

    It logs each failed check (a signer it cannot chain to a trust root, an update after
    signing) as a warning with a traceback; those are findings of the verdict, which says
    them in words, so a user must not see them as a crash.
    """
    logger = logging.getLogger("pyhanko")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _raw_byte_range(pdf: bytes, source: str) -> tuple[int, int, int, int] | None:
    """The last signature's /ByteRange as written in the raw bytes, or None.

    Raises :class:`InputFileError` for a file that is not a PDF or that was cut short.
    """
    if not pdf[:1024].lstrip().startswith(b"%PDF-"):
        raise InputFileError(source, "this is not a PDF file")
    # A copy cut off inside a later revision still reads as the earlier, unsigned one; the
    # objects after its %%EOF give it away.
    eof = pdf.rfind(b"%%EOF")
    if eof >= 0 and b" obj" in pdf[eof:]:
        raise InputFileError(source, INCOMPLETE)
    matches = _BYTE_RANGE.findall(pdf)
    if not matches:
        return None
    span = tuple(int(n) for n in matches[-1])
    if span[2] + span[3] > len(pdf):
        raise InputFileError(source, INCOMPLETE)
    return span


def _unsigned(pdf: bytes, span, revoked_serials) -> SignatureCheck:
    """No signature field reads, yet the raw bytes may still hold a whole-file signature."""
    if span is not None and span[0] == 0 and span[2] + span[3] == len(pdf):
        return _broken(pdf, span, revoked_serials, SIGNATURE_DETACHED)
    return SignatureCheck(problems=(NOT_SIGNED,))


def _unreadable_reason(pdf: bytes) -> str:
    # Every PDF revision ends in %%EOF; its absence near the end means the copy stopped short.
    if b"%%EOF" not in pdf[-1024:]:
        return INCOMPLETE
    return "the file is damaged and cannot be read as a PDF; copy it again from the original"


def _embedded_signatures(pdf: bytes) -> tuple[list, int]:
    """Every regular (non-timestamp) signature in the file, oldest first, and its revisions."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf))
    return list(reader.embedded_regular_signatures), reader.xrefs.total_revisions


def _combined(checks: list[SignatureCheck], revisions: int) -> SignatureCheck:
    """One answer for the file: every signature must pass, and no more than we write."""
    first, count = checks[0], len(checks)
    problems = list(first.problems) if count == 1 else [
        f"signature {number} of {count} ({check.signer or 'unknown signer'}): {problem}"
        for number, check in enumerate(checks, start=1) for problem in check.problems]
    if count > SIGNATURES_WRITTEN:
        problems.append(too_many_signatures(count))
    if revisions > REVISIONS_WRITTEN:
        problems.append(too_many_revisions(revisions))
    return replace(
        first, intact=all(c.intact for c in checks),
        covers_document=all(c.covers_document for c in checks),
        trusted=all(c.trusted for c in checks), revoked=any(c.revoked for c in checks),
        problems=tuple(problems), signatures=count, revisions=revisions,
        signers=tuple((c.signer, c.signer_staff_no, c.serial) for c in checks))


def too_many_signatures(count: int) -> str:
    """The problem of a file signed more often than CivicAudit signs it."""
    return (f"the file carries {count} signatures; CivicAudit signs a document once, "
            "so the others were added after it was issued")


def too_many_revisions(revisions: int) -> str:
    """The problem of a file updated more often than CivicAudit updates it."""
    return (f"the file was saved in {revisions} revisions; CivicAudit writes {REVISIONS_WRITTEN} "
            "(the document and its signature), so it was changed by someone else")


def _checked(embedded, trust_roots, revoked_serials) -> SignatureCheck:
    """Validate a parsed signature with pyHanko and put its findings into words."""
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature

    status = validate_pdf_signature(embedded, _validation_context(trust_roots))
    signer, staff_no, serial = _identity(status.signing_cert)
    covers = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    # Trust is the certificate path alone, so a tampered file still says who signed it and
    # whether they may; pyHanko only builds the path when the signature value is valid.
    trusted = (status.valid and status.validation_path is not None
               and status.trust_problem_indic is None)
    revoked = _is_revoked(serial, revoked_serials)
    problems = [
        *([] if status.intact else [CONTENT_CHANGED]),
        *([] if status.valid else [SIGNATURE_BROKEN]),
        *([] if covers else [UPDATE_APPENDED]),
        *([] if trusted or not status.valid else [_trust_problem(status)]),
        *([_revoked_problem(serial)] if revoked else []),
    ]
    return SignatureCheck(True, status.intact and status.valid, covers, trusted, revoked,
                          signer, staff_no, serial, _iso(status.signer_reported_dt),
                          tuple(problems), signers=((signer, staff_no, serial),))


def _validation_context(trust_roots):
    """Path validation against ``trust_roots`` only, as of now: no fetching, no revocation data.

    Revocation is decided from the store's revoked serials instead, which works offline.
    """
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.policy_decl import NO_REVOCATION, CertRevTrustPolicy

    return ValidationContext(
        trust_roots=[_to_asn1(root) for root in trust_roots], allow_fetching=False,
        moment=clock.now(), revinfo_policy=CertRevTrustPolicy(NO_REVOCATION))


def _trust_problem(status) -> str:
    """Say why the certificate is not trusted, naming the date when it is out of its validity."""
    from pyhanko.sign.ades.report import AdESIndeterminate

    cert, now = status.signing_cert, clock.now()
    indication = status.trust_problem_indic
    if indication == AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        return UNTRUSTED
    if cert.not_valid_after < now:
        return f"the signer's certificate expired on {cert.not_valid_after.date().isoformat()}"
    if cert.not_valid_before > now:
        return ("the signer's certificate is not valid before "
                f"{cert.not_valid_before.date().isoformat()}")
    if indication == AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE:
        return NOT_FOR_SIGNING
    return CHAIN_FAILED


def _broken(pdf: bytes, span, revoked_serials, problem: str) -> SignatureCheck:
    """A signed file pyHanko cannot validate: say so, and who signed it if that still reads."""
    signer, staff_no, serial = _raw_identity(pdf, span) if span else ("", "", "")
    revoked = bool(serial) and _is_revoked(serial, revoked_serials)
    problems = (problem, *([_revoked_problem(serial)] if revoked else []))
    return SignatureCheck(signed=True, revoked=revoked, signer=signer, signer_staff_no=staff_no,
                          serial=serial, problems=problems)


def _raw_identity(pdf: bytes, span) -> tuple[str, str, str]:
    """The signer's name, staff number and serial from the signature bytes between the ranges."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import extract_certs_for_validation

    contents = pdf[span[1]:span[2]].strip().lstrip(b"<").rstrip(b">")
    try:
        # The hex is zero-padded to its reserved size; strict=False ignores the padding.
        signed_data = cms.ContentInfo.load(bytes.fromhex(contents.decode("ascii")),
                                           strict=False)["content"]
        return _identity(extract_certs_for_validation(signed_data).signer_cert)
    except (ValueError, KeyError, TypeError):
        return "", "", ""


def _identity(cert) -> tuple[str, str, str]:
    """Name (CN), staff number (subject serialNumber) and serial (upper-case hex) of a cert."""
    subject = cert.subject.native
    return (subject.get("common_name", ""), subject.get("serial_number", ""),
            f"{cert.serial_number:X}")


def _is_revoked(serial: str, revoked_serials: set[str]) -> bool:
    # Compared as numbers: one list may keep a leading zero or colons that another drops.
    wanted = int(serial, 16)
    return any(_serial_value(entry) == wanted for entry in revoked_serials)


def _serial_value(text: str) -> int | None:
    try:
        return int("".join(ch for ch in text if ch not in ": -"), 16)
    except ValueError:
        return None


def _revoked_problem(serial: str) -> str:
    return f"the signer's certificate (serial {serial}) has been revoked by the office"


def _iso(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat()
