"""Issuing and checking notices: the use cases that need both the store and the PDF.

``model`` may not import ``reports``, so the use cases that build or read a
notice PDF live here, over a signed-in :class:`model.services.Services`: the
CLI and the GUI both call :class:`NoticeDesk`. Issuing checks everything that
can be wrong (draft, photos, key passphrase, certificate) before a number is
taken; after that, a failure voids the reservation so the number is never reused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.x509.oid import NameOID

from model.checklist import checklist
from model.errors import CertificateHolderError, InputFileError
from model.inspections import inspections
from model.notices import followup, letterhead, notices, workdays
from model.notices.notices import Notice, NoticeDraft
from model.people import handwriting, keys
from model.photos import photos
from model.services import Services
from model.store import clock
from model.store.fileio import write_atomically
from reports import wording
from reports.verdict import NoticeVerdict

log = logging.getLogger(__name__)
NOTICE_FOLDER = "notices"
PHOTO_EDGE = 1200  # px, long edge of a photo printed on a notice


@dataclass(frozen=True)
class Issued:
    """A notice just issued: its record and the signed PDF in the data directory."""

    notice: Notice
    pdf: Path


class NoticeDesk:
    """Notice use cases for the signed-in profile of ``services``."""

    def __init__(self, services: Services):
        self.services = services
        self.store = services.store

    # -- drafting --------------------------------------------------------------

    def draft(self, inspection_id: str, criteria: list[str] | None = None,
              deadline: str = workdays.DeadlinePreset.WORKDAYS_3.value,
              now: dt.datetime | None = None) -> NoticeDraft:
        """A ready-to-edit draft: failed criteria, their photos, default requirements,
        a deadline from ``deadline`` (a preset or a date, counted from ``now``) and the
        re-inspection day after."""
        draft = notices.draft_for(self.store, inspection_id, criteria)
        edition = checklist.load(self.store, inspections.get(self.store, inspection_id)
                                 .edition_hash)
        problems = tuple(replace(p, requirement=p.requirement or wording.default_requirement(
            edition.criterion(p.criterion_code).text_zh)) for p in draft.problems)
        return self.with_deadline(replace(draft, problems=problems), deadline, now)

    def with_deadline(self, draft: NoticeDraft, deadline: str,
                      now: dt.datetime | None = None) -> NoticeDraft:
        """The draft with its deadline set from a preset (24h, 3wd, 7d, 15d) or a date,
        counted from ``now`` (the present by default)."""
        preset, custom = workdays.parse_deadline_arg(deadline)
        due = workdays.deadline_for(preset, now or clock.now(), custom)
        return replace(draft, deadline_preset=preset.value, deadline=due.due.isoformat(),
                       reinspect_on=workdays.default_reinspection(due).isoformat())

    # -- issuing ---------------------------------------------------------------------

    def issue(self, draft: NoticeDraft, passphrase: str, at: str | None = None) -> Issued:
        """Check, number, build, sign and record a notice; return it and its PDF.

        ``at`` (ISO time) is the issue date the notice records and prints, now by
        default; the signature carries the same time.
        """
        user = self.services.user
        notices.check(self.store, draft, user)
        credential = own_credential(self.store, user, passphrase)
        notice = notices.reserve(self.store, draft, user, at)
        try:
            return self._build_and_record(notice, credential, at)
        except BaseException as exc:
            notices.void(self.store, notice.id, f"issuing failed: {exc}", user.id)
            raise

    def _build_and_record(self, notice: Notice, credential, at: str | None) -> Issued:
        from reports import notice_pdf, pades  # ReportLab and pyHanko: loaded on first use

        site = notices.site_of(self.store, notice)
        digest = notices.fingerprint(notice, site.code)
        document = self.document(notice, digest)
        signed = pades.sign_pdf(notice_pdf.build_notice_pdf(document), credential,
                                self.services.user.name, wording.SIGN_REASON.format(
                                    number=notice.number), site.district or site.name,
                                _moment(at))
        target = self.pdf_path(notice)
        write_atomically(target, signed)
        recorded = notices.complete(self.store, notice.id, digest,
                                    hashlib.sha256(signed).hexdigest(), credential.serial,
                                    self.services.user, at)
        return Issued(recorded, target)

    def document(self, notice: Notice, digest: str):
        """The PDF's content for a recorded notice (for issuing and for the benchmark)."""
        from reports.notice_pdf import Letterhead, NoticeDocument, NoticePhoto, NoticeProblem
        from reports.notice_pdf import Receipt as PdfReceipt

        inspection = inspections.get(self.store, notice.inspection_id)
        edition = checklist.load(self.store, inspection.edition_hash)
        site = notices.site_of(self.store, notice)
        auditor = self.store.db.execute("SELECT name FROM profile WHERE id = ?",
                                        [inspection.auditor_id]).fetchone()[0]
        problems = tuple(NoticeProblem(
            p.location, p.criterion_code, edition.criterion(p.criterion_code).text_zh,
            p.description, p.requirement, self._photos(p.photo_ids, NoticePhoto))
            for p in notice.problems)
        head = letterhead.get(self.store)
        site_type = edition.site_type(site.site_type)
        receipt = notice.receipt
        return NoticeDocument(
            number=notice.number,
            letterhead=Letterhead(head.issuer, head.title, letterhead.logo_path(self.store),
                                  head.clauses, head.copies_to),
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
            auditor_signature_png=handwriting.signature_of(self.store, inspection.auditor_id),
            receipt=PdfReceipt(receipt.signer, wording.date(receipt.signed_on),
                               receipt.signature_png, receipt.refused),
            fingerprint=digest, auditor_staff_no=self._staff_no(notice.issued_by))

    def _photos(self, photo_ids: tuple[str, ...], make) -> tuple:
        """Each photo as printed: upright, annotated, stamped, 1200 px, with its caption."""
        return tuple(make(photos.rendered_copy(self.store, pid, edge=PHOTO_EDGE),
                          photos.caption(self.store, pid)) for pid in photo_ids)

    def pdf_path(self, notice: Notice) -> Path:
        """Where a notice's signed PDF is kept in the data directory."""
        return self.store.data_dir / NOTICE_FOLDER / f"{notice.id}.pdf"

    # -- re-inspection -------------------------------------------------------------

    def record_reinspection(self, notice_id: str, outcome: str, note: str,
                            after: dict[str, list[Path]], passphrase: str,
                            at: str | None = None) -> Issued:
        """Record a re-inspection with after-photos and make its signed record PDF
        (复查记录, before and after side by side); return the notice and the PDF.
        ``at`` (ISO time) is when it was done, now by default."""
        user = self.services.user
        credential = own_credential(self.store, user, passphrase)
        done = followup.record_reinspection(self.store, notice_id, outcome, note, user, after,
                                           self.services.workers, at=at)
        return Issued(notices.get(self.store, notice_id),
                      self._reinspection_pdf(done, credential))

    def _reinspection_pdf(self, done: followup.Reinspection, credential) -> Path:
        from reports import pades, reinspection_pdf

        notice = notices.get(self.store, done.notice_id)
        data = reinspection_pdf.build_reinspection_pdf(self.reinspection_document(done))
        signed = pades.sign_pdf(data, credential, self.services.user.name,
                                wording.SIGN_REASON_REINSPECTION.format(number=notice.number),
                                notices.site_of(self.store, notice).district,
                                _moment(done.inspected_on))
        target = self.store.data_dir / NOTICE_FOLDER / f"reinspection-{done.id}.pdf"
        write_atomically(target, signed)
        followup.set_reinspection_pdf(self.store, done.id, hashlib.sha256(signed).hexdigest())
        return target

    def reinspection_document(self, done: followup.Reinspection):
        """The re-inspection record's content: each problem's before and after photos."""
        from reports.notice_pdf import Letterhead, NoticePhoto
        from reports.reinspection_pdf import ReinspectionDocument, ReinspectionItem

        notice = notices.get(self.store, done.notice_id)
        inspection = inspections.get(self.store, notice.inspection_id)
        edition = checklist.load(self.store, inspection.edition_hash)
        site = notices.site_of(self.store, notice)
        after_of = self._after_by_criterion(done.after_photo_ids)
        items = tuple(ReinspectionItem(
            p.criterion_code, edition.criterion(p.criterion_code).text_zh, p.location,
            p.description, self._photos(p.photo_ids, NoticePhoto),
            self._photos(after_of.get(p.criterion_code, ()), NoticePhoto))
            for p in notice.problems)
        head = letterhead.get(self.store)
        inspector = self.store.db.execute("SELECT name FROM profile WHERE id = ?",
                                          [done.by_profile]).fetchone()[0]
        return ReinspectionDocument(
            notice_number=notice.number,
            letterhead=Letterhead(head.issuer, head.title, letterhead.logo_path(self.store),
                                  head.clauses, head.copies_to),
            addressee_unit=notice.addressee_unit, site_name=f"{site.name}（{site.code}）",
            site_address=site.address, notice_issued_on=wording.date(notice.issued_at),
            deadline_text=wording.deadline(notice.deadline, notice.deadline_preset),
            reinspected_on=wording.date_time(done.inspected_on), inspector=inspector,
            outcome=done.outcome.value, note=done.note, items=items,
            inspector_signature_png=handwriting.signature_of(self.store, done.by_profile),
            fingerprint=followup.reinspection_fingerprint(notice, done),
            inspector_staff_no=self._staff_no(done.by_profile))

    def _staff_no(self, profile_id: str) -> str:
        return self.store.db.execute("SELECT staff_no FROM profile WHERE id = ?",
                                     [profile_id]).fetchone()[0]

    def _after_by_criterion(self, photo_ids: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for photo_id in photo_ids:
            code = self.store.db.execute("SELECT criterion_code FROM photo WHERE id = ?",
                                         [photo_id]).fetchone()[0]
            found[code] = (*found.get(code, ()), photo_id)
        return found

    # -- checking ----------------------------------------------------------------------

    def verify(self, path: Path) -> NoticeVerdict:
        """Check a notice PDF: every signature, tampering, trust, the signer against the
        notice's auditor, revocation against when it was recorded, the local record."""
        from reports import notice_verify

        path = Path(path)
        return notice_verify.verify(self.store, str(path), _read_pdf(path))

    # -- follow-up -------------------------------------------------------------------

    def export(self, notice: Notice, target: Path) -> Path:
        """Copy a notice's signed PDF to ``target`` (a file or a folder)."""
        source = self.pdf_path(notice)
        target = Path(target)
        if target.is_dir():
            target = target / f"{_safe_name(notice.number)}.pdf"
        write_atomically(target, source.read_bytes())
        return target

    def overdue_first(self, status: str | None = None, overdue: bool = False) -> list[Notice]:
        """Issued notices, overdue ones first (computed here, offline)."""
        notices.void_stale(self.store)
        return notices.listing(self.store, status, overdue)


def own_credential(store, profile, passphrase: str) -> keys.SigningCredential:
    """``profile``'s signing credential, refused when its certificate names someone else:
    a notice's signature must be its own auditor's (the verdict checks the same)."""
    credential = keys.signing_credential(store, profile, passphrase)
    named = credential.certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    holder = str(named[0].value) if named else ""
    if holder.strip().upper() != profile.staff_no.strip().upper():
        raise CertificateHolderError(
            f"The certificate installed for {profile.name} (staff no. {profile.staff_no}) was "
            f"issued to staff no. {holder or 'none'}, so it cannot sign {profile.name}'s "
            "notices. Request a certificate of your own: keys request, then have the office "
            "issue it.")
    return credential


def _read_pdf(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(path, "no such file") from None
    except OSError as exc:
        raise InputFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data.startswith(b"%PDF-"):
        raise InputFileError(path, "not a PDF file")
    return data


def _safe_name(number: str) -> str:
    return "".join(c if c.isalnum() or c in "-_〔〕" else "_" for c in number)


def _moment(at: str | None) -> dt.datetime | None:
    """An ISO time as the signature's time (None: now)."""
    return clock.office_moment(at) if at else None
