"""Checking a notice PDF against its signatures, its auditor, the office's revocations and the
local records: what ``notice verify`` and the verify dialog show.

Three rules of the office's trust model are decided here (DESIGN.md, "Security"):

- every signature in the file is checked, and a file with more signatures or revisions than
  CivicAudit writes is not valid (:mod:`reports.pades`);
- every signer is bound to the notice: the signing certificate's staff number (its subject
  serialNumber) must be the auditor's who issued the notice (the re-inspection record's
  inspector), as recorded here, or, for a notice this computer has no record of, as the PDF
  names it;
- a notice this computer recorded before its signer's certificate was revoked stays valid
  (the verdict says both dates); one first seen after the revocation, or never recorded
  here, is reported as signed by a revoked certificate.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from model.errors import NotFoundError
from model.notices import followup, notices
from model.notices.notices import Notice
from model.people import authority, certificates, profiles, revocation
from model.store import clock
from model.store.db import Store
from reports.verdict import NoticeVerdict


def verify(store: Store, path: str, data: bytes) -> NoticeVerdict:
    """Check the notice PDF ``data`` read from ``path``."""
    from reports import notice_pdf, pades

    meta = notice_pdf.notice_metadata(data) or {}
    local = _local(store, meta.get("number", ""))
    digest = hashlib.sha256(data).hexdigest()
    fingerprint_ok = _matches(store, local, meta, digest) if local else None
    recorded_at = _recorded_at(store, local, meta, fingerprint_ok)
    trust = [certificates.load_certificate(a.cert_pem)
             for a in authority.trusted_authorities(store)]
    check = pades.check_signature(data, trust, _revoked_for(store, recorded_at), source=path)
    revoked_at = (revocation.revoked_at(store, check.serial) or "") if check.serial else ""
    expected, bound = _binding(store, local, meta, digest, check.signers)
    problems = [*check.problems,
                *_record_problems(local, meta, fingerprint_ok),
                *_binding_problems(check.signed and bool(meta), expected, bound, check.signers),
                *_revocation_problems(check.revoked, revoked_at, recorded_at)]
    return NoticeVerdict(
        path=path, is_notice=bool(meta), kind=meta.get("kind", "notice"),
        signed=check.signed, intact=check.intact,
        covers_document=check.covers_document, trusted=check.trusted,
        revoked=check.revoked, signer=check.signer, signer_staff_no=check.signer_staff_no,
        serial=check.serial, signed_at=check.signed_at, number=meta.get("number", ""),
        fingerprint=meta.get("fingerprint", ""), local_record=local is not None,
        fingerprint_ok=fingerprint_ok, problems=tuple(problems),
        signatures=check.signatures, as_written=check.as_written, expected_staff_no=expected,
        signer_bound=bound if check.signed and meta else None,
        recorded_at=recorded_at, revoked_at=revoked_at)


def _local(store: Store, number: str) -> Notice | None:
    return notices.by_number(store, number) if number else None


def _matches(store: Store, local: Notice, meta: dict, pdf_sha256: str) -> bool:
    """Whether the PDF is the one recorded here: the notice, or one of its records."""
    if meta.get("kind") == "reinspection":
        return _reinspection(store, local, pdf_sha256) is not None
    return local.fingerprint == meta.get("fingerprint") and local.pdf_sha256 == pdf_sha256


def _reinspection(store: Store, local: Notice, pdf_sha256: str) -> followup.Reinspection | None:
    return next((r for r in followup.reinspections(store, local.id)
                 if r.pdf_sha256 == pdf_sha256), None)


def _recorded_at(store: Store, local: Notice | None, meta: dict,
                 fingerprint_ok: bool | None) -> str:
    """When this computer first recorded the notice, for exactly these bytes; else "".

    Only a notice has that time: a re-inspection record is judged as if first seen now.
    """
    if not fingerprint_ok or meta.get("kind") != "notice":
        return ""
    return notices.received_at(store, local.id) or ""


def _revoked_for(store: Store, recorded_at: str) -> set[str]:
    """The serials that count as revoked for a notice recorded here at ``recorded_at``."""
    revoked = revocation.revoked_serials(store)
    if not recorded_at:
        return revoked
    return {serial for serial in revoked
            if not _before(recorded_at, revocation.revoked_at(store, serial) or "")}


def _before(first: str, then: str) -> bool:
    return bool(first and then) and (dt.datetime.fromisoformat(first)
                                     < dt.datetime.fromisoformat(then))


def _binding(store: Store, local: Notice | None, meta: dict, digest: str,
             signers: tuple[tuple[str, str, str], ...]) -> tuple[str, bool]:
    """The staff number the notice names, and whether every signer's certificate is theirs."""
    profile_id = _issuer_id(store, local, meta, digest)
    if profile_id:
        expected = _staff_no(store, profile_id) or meta.get("staff", "")
        return expected, bool(signers) and all(
            staff and profiles.profile_id(staff) == profile_id for _, staff, _ in signers)
    expected = meta.get("staff", "")
    return expected, bool(expected and signers) and all(
        staff.strip().upper() == expected.strip().upper() for _, staff, _ in signers)


def _issuer_id(store: Store, local: Notice | None, meta: dict, digest: str) -> str:
    """The profile id of who signed the recorded notice or re-inspection record, or ""."""
    if local is None:
        return ""
    if meta.get("kind") == "reinspection":
        done = _reinspection(store, local, digest)
        return done.by_profile if done else ""
    return local.issued_by


def _staff_no(store: Store, profile_id: str) -> str:
    try:
        return profiles.get(store, profile_id).staff_no
    except NotFoundError:
        return ""


def _record_problems(local: Notice | None, meta: dict, fingerprint_ok: bool | None) -> list[str]:
    if local is not None:
        return [] if fingerprint_ok else [
            "the PDF does not match the notice recorded on this computer"]
    if meta:
        return ["this computer has no record of the notice"]
    return ["this PDF is not a CivicAudit notice"]


def _binding_problems(applies: bool, expected: str, bound: bool,
                      signers: tuple[tuple[str, str, str], ...]) -> list[str]:
    if not applies or bound:
        return []
    if not expected:
        return ["the notice does not name the auditor who issued it, so its signer cannot be "
                "matched to it"]
    return [f"it is signed with the certificate of {name or 'someone'} (staff no. "
            f"{staff or 'none'}, serial {serial}), not of the auditor the notice names "
            f"(staff no. {expected})"
            for name, staff, serial in signers if staff.strip().upper() != expected.upper()
            ] or [f"its signer is not the auditor the notice names (staff no. {expected})"]


def _revocation_problems(revoked: bool, revoked_at: str, recorded_at: str) -> list[str]:
    if not revoked or not revoked_at:
        return []
    when = clock.office_text(revoked_at)
    if recorded_at:
        return [f"this computer first recorded the notice on {clock.office_text(recorded_at)}, "
                f"after the certificate was revoked on {when}"]
    return [f"the certificate was revoked on {when}, and this computer has no record of the "
            "notice from before then"]
