"""The re-inspection record (复查记录) as a PDF: what goes in and the bytes that come out.

After a notice's deadline the auditor goes back to the site (复查/回头看), photographs each
problem again and records the outcome: 已整改, 部分整改 or 未整改. The record shows every
problem's photos from the notice beside the photos taken at the re-inspection, so that the office
can see at a glance whether the unit did what the notice asked.

As with the notice (:mod:`reports.notice_pdf`), the input is a frozen dataclass tree of text
already formatted for print, this module knows nothing of the database, and the layout
(:mod:`reports.reinspection_layout`) is imported only when a record is built, so that importing
the dataclasses does not load ReportLab. The record carries the notice's number and its own
fingerprint in ``/Keywords`` and in the QR code on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reports import wording
from reports.notice_pdf import Letterhead, NoticePhoto

KEYWORDS = "civicaudit-reinspection;number={number};fingerprint={fingerprint}"
QR_PAYLOAD = "civicaudit-reinspection:{number}:{fingerprint}"
SUBJECT = "CivicAudit re-inspection record"
OUTCOMES = tuple(wording.OUTCOME)  # "fixed", "partly", "not_fixed"

_FINGERPRINT = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ReinspectionItem:
    """One problem of the notice, with its photos before and after rectification."""

    criterion_code: str  # "ZCGD-06"
    criterion_text: str
    location: str  # may be ""
    description: str  # what the notice found
    before: tuple[NoticePhoto, ...]  # the notice's photos
    after: tuple[NoticePhoto, ...]  # taken at the re-inspection


@dataclass(frozen=True)
class ReinspectionDocument:
    """Everything printed on one re-inspection record, already formatted as the text to print."""

    notice_number: str  # the number of the notice re-inspected
    letterhead: Letterhead  # the issuing office's, as on the notice
    addressee_unit: str
    site_name: str
    site_address: str
    notice_issued_on: str  # "2026年11月26日"
    deadline_text: str  # as printed on the notice
    reinspected_on: str  # "2026年12月2日 10:30"
    inspector: str
    outcome: str  # one of OUTCOMES
    note: str  # the inspector's remarks, may be ""
    items: tuple[ReinspectionItem, ...]
    inspector_signature_png: bytes | None
    fingerprint: str  # 64 hex chars; the record's fingerprint (computed elsewhere)
    inspector_staff_no: str = ""  # whose certificate signs the record


def build_reinspection_pdf(doc: ReinspectionDocument) -> bytes:
    """Return the record as A4 PDF bytes; the same document always gives the same bytes.

    Raises ValueError for a document the model should never have produced (no problems, an
    unknown outcome, a malformed fingerprint): programming errors, not the user's to fix.
    """
    if not doc.items:
        raise ValueError(f"re-inspection of {doc.notice_number!r} has no problems")
    if doc.outcome not in OUTCOMES:
        raise ValueError(f"re-inspection of {doc.notice_number!r}: outcome {doc.outcome!r} "
                         f"is not one of {OUTCOMES}")
    if not _FINGERPRINT.fullmatch(doc.fingerprint):
        raise ValueError(f"re-inspection of {doc.notice_number!r}: fingerprint must be 64 "
                         "lower-case hex digits")
    from reports import reinspection_layout

    return reinspection_layout.render(doc)
