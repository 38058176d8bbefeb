"""Who may send what: the checks an import makes on a verified bundle before it merges.

:mod:`model.sync.bundle_open` proves that a bundle is intact and signed under an authority this
computer trusts. That is not yet permission: an auditor holds a valid certificate too,
and everything in his own SQLite file is his to change. So the sender's rights come
from his certificate, never from the bundle's content or from a ``role`` column:

- office bundles and receipts only under an office-role certificate
  (:func:`model.people.certificates.role_of`);
- the manifest's profile is the certificate's holder (staff number and id);
- an auditor bundle carries only that auditor's own work: no record the office owns
  (authorities, certificates, profiles, checklists, sites, assignments), no other
  auditor's inspection, no new notice issued by someone else;
- trust anchors never arrive as content: an authority record is refused in an auditor
  bundle and ignored in an office bundle (the trust root changes only at enrolment);
- a receipt counts only for a bundle this laptop really wrote (device, sequence and
  the manifest's hash), and acknowledges only what that bundle carried.
"""

from __future__ import annotations

import json
from pathlib import Path

from cryptography import x509

from model.errors import InputFileError
from model.people import certificates, profiles
from model.store import audit
from model.sync import sync_records
from model.sync.bundle_format import BundleError, Manifest

OFFICE_OWNED = frozenset({"authority", "certificate", "profile", "edition", "site",
                          "assignment"})
REFUSED = "do not use this bundle"
# The first schema whose program sends only what its sender may send. A bundle from an
# earlier program still carries the sites, profiles and others' inspections it referred
# to: those records are skipped, never merged, so a laptop not yet upgraded still
# delivers its work (a forged old schema number gains nothing: nothing is taken).
STRICT_SCHEMA = 11


def check_sender(path: Path, manifest: Manifest, leaf: x509.Certificate) -> None:
    """Refuse a bundle whose kind the signer's certificate does not allow, or whose
    manifest names someone other than the certificate's holder."""
    role, staff_no = certificates.role_of(leaf), certificates.staff_no_of(leaf)
    serial = format(leaf.serial_number, "X")
    if manifest.kind in ("office", "receipt") and role != "office":
        what = "an office bundle" if manifest.kind == "office" else "a receipt"
        raise BundleError(path, f"it claims to be {what}, but its signer {staff_no or '?'} "
                                f"holds certificate {serial}, which does not carry the office "
                                f"role; {REFUSED}", kind="untrusted")
    named = manifest.profile.get("staff_no", "")
    if named != staff_no or manifest.profile.get("id") != profiles.profile_id(staff_no):
        raise BundleError(path, f"its manifest names {named or '(nobody)'} but it is signed "
                                f"with the certificate of {staff_no or '(nobody)'} ({serial}); "
                                f"{REFUSED}", kind="untrusted")


def check_record(db, path: Path, manifest: Manifest, kind: str, record_id: str,
                 content: dict) -> bool:
    """Return False for a record to skip; raise for one the sender may not send.

    Only an office bundle carries the office's records, and no bundle carries an
    authority; an auditor bundle carries its sender's own inspections and notices. In a
    bundle of an earlier program (:data:`STRICT_SCHEMA`) such records are skipped."""
    if kind == "authority" and manifest.kind == "office":
        return False
    try:
        if kind in OFFICE_OWNED and manifest.kind != "office":
            raise _not_theirs(path, f"the office's {kind} record {record_id}",
                              "only the office sends those")
        if manifest.kind == "auditor":
            _check_own_work(db, path, manifest, kind, content, record_id)
    except InputFileError:
        if manifest.schema_version < STRICT_SCHEMA:
            return False
        raise
    return True


def _check_own_work(db, path: Path, manifest: Manifest, kind: str, content: dict,
                    record_id: str) -> None:
    sender = manifest.profile["id"]
    if kind == "inspection" and content["inspection"]["auditor_id"] != sender:
        raise _not_theirs(path, f"inspection {record_id} of another auditor",
                          "an auditor sends only his own inspections")
    if kind == "notice":
        _check_notice(db, path, manifest, content["notice"], record_id)


def _check_notice(db, path: Path, manifest: Manifest, notice: dict, record_id: str) -> None:
    """The sender's own notice must be signed with a certificate issued to him; another
    auditor's notice (a follow-up by this one) must be known here already."""
    number = notice.get("number", record_id)
    if notice["issued_by"] != manifest.profile["id"]:
        if db.execute("SELECT 1 FROM notice WHERE id = ?", [record_id]).fetchone() is None:
            raise _not_theirs(path, f"notice {number} issued by another auditor",
                              "an auditor sends only the notices he issued")
        return
    signer = db.execute("SELECT staff_no FROM certificate WHERE serial = ?",
                        [notice["signer_serial"]]).fetchone()
    if signer is not None and signer[0] != manifest.profile["staff_no"]:
        raise _not_theirs(path, f"notice {number} signed with the certificate of {signer[0]}",
                          "a notice is signed by the auditor who issues it")


def _not_theirs(path: Path, what: str, rule: str) -> InputFileError:
    return InputFileError(path, f"it carries {what}; {rule}. Nothing was imported; {REFUSED} "
                                "and tell the office")


def ensure_sender_profile(db, manifest: Manifest, leaf: x509.Certificate,
                          actor_id: str) -> None:
    """Make sure the office knows the auditor who sent a bundle: his profile comes from his
    certificate (never from content), as an auditor who cannot sign in here."""
    staff_no = certificates.staff_no_of(leaf)
    profile_id = profiles.profile_id(staff_no)
    if db.execute("SELECT 1 FROM profile WHERE id = ?", [profile_id]).fetchone():
        return
    name = leaf.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    organisation = leaf.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)
    row = {"id": profile_id, "name": str(name[0].value) if name else staff_no,
           "staff_no": staff_no, "organisation": str(organisation[0].value) if organisation
           else "", "role": "auditor", "password_hash": sync_records.UNUSABLE_PASSWORD,
           # when the certificate was issued: the same on every import, however often re-run
           "created_at": (leaf.not_valid_before_utc + certificates.CLOCK_ALLOWANCE).isoformat()}
    db["profile"].insert(row)
    audit.append(db, actor_id, "profile.enrol", "profile", profile_id,
                 {"new": {"name": row["name"], "staff_no": staff_no, "role": "auditor",
                          "from": "certificate"}})


def receipted_export(db, path: Path | str, body: dict) -> dict:
    """Return the export a receipt answers (its row of ``sync_export``), refusing a receipt
    for a bundle this laptop never wrote or whose manifest differs."""
    row = db.execute("SELECT sequence, bundle_sha256, versions, media FROM sync_export WHERE "
                     "sequence = ?", [body["for_sequence"]]).fetchone()
    if row is None or row[1] != body.get("for_manifest"):
        raise InputFileError(path, f"this receipt is for bundle {body['for_sequence']} of this "
                                   "laptop, which this laptop never wrote as the receipt "
                                   "describes it; nothing was marked as received. Ask the "
                                   "office to import your bundle again for a new receipt")
    return {"versions": {tuple(key) for key in json.loads(row[2])},
            "media": set(json.loads(row[3]))}


def acknowledged(body: dict, export: dict) -> tuple[list, list]:
    """What a receipt may acknowledge: the versions and originals its bundle carried."""
    versions = [key for key in body["versions"] if tuple(key) in export["versions"]]
    media = [sha for sha in body["media"] if sha in export["media"]]
    return versions, media
