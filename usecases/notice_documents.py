"""What a notice PDF and a re-inspection record print, gathered from the store.

``reports.notice_pdf`` and ``reports.reinspection_pdf`` lay out the documents built
here and read nothing themselves: the store is read on this side.
"""

from __future__ import annotations

from model.checklist import checklist
from model.inspections import evidence, inspections
from model.notices import followup, letterhead, notices
from model.notices.notices import Notice
from model.people import handwriting, profiles
from model.photos import photos
from model.store.db import Store
from reports import wording


def notice_document(store: Store, notice: Notice, digest: str):
    """The content of a recorded notice's PDF, with ``digest`` as its printed fingerprint."""
    from reports.notice_pdf import NoticeDocument, NoticePhoto, NoticeProblem
    from reports.notice_pdf import Receipt as PdfReceipt

    inspection = inspections.get(store, notice.inspection_id)
    edition = checklist.load(store, inspection.edition_hash)
    site = notices.site_of(store, notice)
    auditor = profiles.get(store, inspection.auditor_id).name
    problems = tuple(NoticeProblem(
        p.location, p.criterion_code, edition.criterion(p.criterion_code).text_zh,
        p.description, p.requirement, printed_photos(store, p.photo_ids, NoticePhoto))
        for p in notice.problems)
    site_type = edition.site_type(site.site_type)
    receipt = notice.receipt
    return NoticeDocument(
        number=notice.number, letterhead=printed_letterhead(store),
        addressee_unit=notice.addressee_unit, addressee_person=notice.addressee_person,
        addressee_phone=notice.addressee_phone,
        basis=wording.basis(edition.name),
        criterion_codes=tuple(p.criterion_code for p in notice.problems),
        inspected_on=wording.date_time(inspection.started_at),
        site_name=f"{site.name}（{site.code}）", site_address=site.address,
        site_type=site_type.name_zh if site_type else site.site_type,
        district=site.district, sub_district=site.sub_district,
        inspectors=(auditor,), problems=problems,
        deadline_text=wording.deadline(notice.deadline, notice.deadline_preset),
        reinspect_on=wording.date(notice.reinspect_on),
        issued_on=wording.date(notice.issued_at),
        auditor_name=auditor,
        auditor_signature_png=handwriting.signature_of(store, inspection.auditor_id),
        receipt=PdfReceipt(receipt.signer, wording.date(receipt.signed_on),
                           receipt.signature_png, receipt.refused),
        fingerprint=digest, auditor_staff_no=profiles.get(store, notice.issued_by).staff_no)


def reinspection_document(store: Store, done: followup.Reinspection):
    """The content of a re-inspection record: each problem's before and after photos."""
    from reports.notice_pdf import NoticePhoto
    from reports.reinspection_pdf import ReinspectionDocument, ReinspectionItem

    notice = notices.get(store, done.notice_id)
    inspection = inspections.get(store, notice.inspection_id)
    edition = checklist.load(store, inspection.edition_hash)
    site = notices.site_of(store, notice)
    after_of = _after_by_criterion(store, done.after_photo_ids)
    items = tuple(ReinspectionItem(
        p.criterion_code, edition.criterion(p.criterion_code).text_zh, p.location,
        p.description, printed_photos(store, p.photo_ids, NoticePhoto),
        printed_photos(store, after_of.get(p.criterion_code, ()), NoticePhoto))
        for p in notice.problems)
    inspector = profiles.get(store, done.by_profile)
    return ReinspectionDocument(
        notice_number=notice.number, letterhead=printed_letterhead(store),
        addressee_unit=notice.addressee_unit, site_name=f"{site.name}（{site.code}）",
        site_address=site.address, notice_issued_on=wording.date(notice.issued_at),
        deadline_text=wording.deadline(notice.deadline, notice.deadline_preset),
        reinspected_on=wording.date_time(done.inspected_on), inspector=inspector.name,
        outcome=done.outcome.value, note=done.note, items=items,
        inspector_signature_png=handwriting.signature_of(store, done.by_profile),
        fingerprint=followup.reinspection_fingerprint(notice, done),
        inspector_staff_no=inspector.staff_no)


def printed_letterhead(store: Store):
    """The office's letterhead as the PDF prints it."""
    from reports.notice_pdf import Letterhead

    head = letterhead.get(store)
    return Letterhead(head.issuer, head.title, letterhead.logo_path(store), head.clauses,
                      head.copies_to)


def printed_photos(store: Store, photo_ids: tuple[str, ...], make) -> tuple:
    """Each photo as printed: upright, annotated, stamped, 900 px, with its caption."""
    return tuple(make(photos.rendered_copy(store, pid, edge=photos.PRINT_EDGE),
                      photos.caption(store, pid)) for pid in photo_ids)


def _after_by_criterion(store: Store, photo_ids: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for record in evidence.records(store, photo_ids):
        found[record.criterion_code] = (*found.get(record.criterion_code, ()), record.id)
    return found
