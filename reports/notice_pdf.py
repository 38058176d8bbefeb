"""The rectification notice (整改通知书) as a PDF: what goes in, the bytes that come out, and how
to recognise one of ours again.

The input is a plain frozen dataclass tree that the notice use cases fill in from the store; this
module knows nothing of the database. The layout itself (ReportLab) is in
:mod:`reports.notice_layout`, imported only when a notice is built, because importing ReportLab
costs about 0.1 s that a starting window should not pay.

Every notice carries its number and document fingerprint in the PDF information dictionary
(``/Keywords``), which survives the incremental update a PAdES signature appends, so that
:func:`notice_metadata` can say which notice a PDF file is without trusting its file name.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from reports import wording

KEYWORDS = "civicaudit-notice;number={number};fingerprint={fingerprint}"
QR_PAYLOAD = "civicaudit-notice:{number}:{fingerprint}"
SUBJECT = "CivicAudit notice"
CREATOR = "CivicAudit"

_FINGERPRINT = re.compile(r"[0-9a-f]{64}")
# The number is matched greedily so that a number containing ";" still parses; the fingerprint
# is fixed-length hex and anchors the end.
# The signer's staff number follows, so that a notice not recorded on the checking computer
# still says whose certificate must have signed it (older files lack it).
STAFF_KEYWORD = ";staff={staff_no}"
_KEYWORDS = re.compile(r"civicaudit-(?P<kind>notice|reinspection);number=(?P<number>.+);"
                       r"fingerprint=(?P<fp>[0-9a-f]{64})(?:;staff=(?P<staff>[^;]+))?")


@dataclass(frozen=True)
class NoticePhoto:
    """One evidence photo printed under its problem."""

    path: Path  # an upright JPEG (a preview, ~1600 px long edge), maybe with annotations drawn
    # already formatted, e.g. "2026-11-26 10:42 · 37.85710, 112.54890"; a photo without a
    # capture time says so: "拍摄时间不详（导入于 2026-11-26 13:12） · GPS —"
    caption: str


@dataclass(frozen=True)
class NoticeProblem:
    """One row of the problem table: where, against which criterion, what, and what to do."""

    location: str  # precise location ("3栋2单元一楼"), may be ""
    criterion_code: str  # "ZCGD-06"
    criterion_text: str  # the criterion's wording
    description: str  # what was found
    requirement: str  # 整改要求
    photos: tuple[NoticePhoto, ...] = ()


@dataclass(frozen=True)
class Letterhead:
    """The issuing office's head of the notice; set by the office, no code change needed."""

    issuer: str  # "太原市迎泽区创建全国文明城市指挥部办公室"
    title: str = wording.DEFAULT_TITLE
    logo: Path | None = None  # PNG/JPEG drawn left of the issuer line
    clauses: tuple[str, ...] = ()  # fixed clauses printed after the requirements
    copies_to: str = ""  # 抄送 line


@dataclass(frozen=True)
class Receipt:
    """The unit's signature for receiving the notice, or the note that it refused to sign."""

    signer: str = ""
    signed_on: str = ""
    signature_png: bytes | None = None
    refused: bool = False


@dataclass(frozen=True)
class NoticeDocument:
    """Everything printed on one notice, already formatted as the text to print."""

    number: str  # "迎泽创城整改〔2026〕A07-0012号"
    letterhead: Letterhead
    addressee_unit: str
    addressee_person: str
    addressee_phone: str
    basis: str  # "《全国文明城市测评体系操作手册》（2025年版）" — the edition name
    criterion_codes: tuple[str, ...]
    inspected_on: str  # "2026年11月26日 10:40"
    site_name: str
    site_address: str
    site_type: str
    district: str
    sub_district: str
    inspectors: tuple[str, ...]
    problems: tuple[NoticeProblem, ...]
    deadline_text: str  # "2026年12月1日前（3个工作日）"
    reinspect_on: str  # "2026年12月2日"
    issued_on: str  # "2026年11月26日"
    auditor_name: str
    auditor_signature_png: bytes | None
    receipt: Receipt
    fingerprint: str  # 64 hex chars; the document fingerprint (computed elsewhere)
    auditor_staff_no: str = ""  # the issuing auditor's, whose certificate signs the notice


def build_notice_pdf(doc: NoticeDocument) -> bytes:
    """Return the notice as A4 PDF bytes; the same document always gives the same bytes.

    Raises ValueError for a document the model should never have produced (no problems, a
    malformed fingerprint): those are programming errors, not something the user can fix.
    """
    if not doc.problems:
        raise ValueError(f"notice {doc.number!r} has no problems; a notice lists at least one")
    if not _FINGERPRINT.fullmatch(doc.fingerprint):
        raise ValueError(f"notice {doc.number!r}: fingerprint must be 64 lower-case hex digits")
    from reports import notice_layout

    return notice_layout.render(doc)


def short_fingerprint(fingerprint: str) -> str:
    """Return the printed short form: the first 16 hex digits in groups of 4."""
    head = fingerprint[:16]
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def notice_metadata(pdf: bytes) -> dict[str, str] | None:
    """Return ``{"kind", "number", "fingerprint"}`` read from the PDF's information dictionary
    (the newest revision, so also after signing), or None when the bytes are not one of our
    notices; ``kind`` is "notice" or "reinspection" (a re-inspection record, by its notice's
    number). ``"staff"``, the staff number of the auditor who signed it, is there too when
    the file names one."""
    keywords = _info_keywords(pdf)
    match = _KEYWORDS.fullmatch(keywords) if keywords else None
    if match is None:
        return None
    found = {"kind": match["kind"], "number": match["number"], "fingerprint": match["fp"]}
    return found | ({"staff": match["staff"]} if match["staff"] else {})


def keywords(template: str, number: str, fingerprint: str, staff_no: str) -> str:
    """The ``/Keywords`` of a notice or record: ``template`` filled in, then the staff number."""
    staff = STAFF_KEYWORD.format(staff_no=staff_no) if staff_no else ""
    return template.format(number=number, fingerprint=fingerprint) + staff


def _info_keywords(pdf: bytes) -> str | None:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        keywords = reader.trailer_view["/Info"]["/Keywords"]
    except (PdfError, KeyError, TypeError, ValueError):
        # Not a PDF, a damaged one, or one without our keywords: not one of ours either way.
        return None
    return keywords if isinstance(keywords, str) else None
