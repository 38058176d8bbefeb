"""Use cases about rectification notices: drafting, issuing, checking and following them up.

Issuing checks everything that can be wrong (draft, photos, key passphrase,
certificate) before a number is taken; after that, a failure voids the reservation so
the number is never reused. The PDF's content comes from ``usecases.notice_documents``;
``reports`` lays it out and signs it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from model.checklist import checklist
from model.errors import CertificateHolderError, InputFileError
from model.inspections import evidence, inspections
from model.notices import followup, notices, workdays
from model.notices.notices import Notice, NoticeDraft
from model.store import clock
from model.store.fileio import write_atomically
from reports import wording
from reports.verdict import NoticeVerdict
from usecases.desk import Desk

if TYPE_CHECKING:
    from model.people.keys import SigningCredential

log = logging.getLogger(__name__)
NOTICE_FOLDER = "notices"


@dataclass(frozen=True)
class Issued:
    """A notice just issued: its record and the signed PDF in the data directory."""

    notice: Notice
    pdf: Path


class NoticeDesk(Desk):
    """Notice use cases for the session's signed-in profile."""

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
        user = self._signed_in()
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
        signed = pades.sign_pdf(notice_pdf.build_notice_pdf(self.document(notice, digest)),
                                credential, self.session.user.name,
                                wording.SIGN_REASON.format(number=notice.number),
                                site.district or site.name, _moment(at))
        target = self.pdf_path(notice)
        write_atomically(target, signed)
        recorded = notices.complete(self.store, notice.id, digest,
                                    hashlib.sha256(signed).hexdigest(), credential.serial,
                                    self.session.user, at)
        return Issued(recorded, target)

    def document(self, notice: Notice, digest: str):
        """The PDF's content for a recorded notice (for issuing and for the benchmark)."""
        from usecases import notice_documents  # Pillow, for the photos: only to build a PDF

        return notice_documents.notice_document(self.store, notice, digest)

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
        user = self._signed_in()
        credential = own_credential(self.store, user, passphrase)
        done = followup.record_reinspection(self.store, notice_id, outcome, note, user, after,
                                            self.session.workers, at=at)
        return Issued(notices.get(self.store, notice_id),
                      self._reinspection_pdf(done, credential))

    def reinspect(self, notice_id: str, outcome: str, note: str,
                  after: dict[str, list[Path]] | None = None) -> Notice:
        """Record a re-inspection with after-photos per criterion, without its signed
        record PDF; fixed closes the notice."""
        followup.record_reinspection(self.store, notice_id, outcome, note, self._signed_in(),
                                     after, self.session.workers)
        return notices.get(self.store, notice_id)

    def _reinspection_pdf(self, done: followup.Reinspection, credential) -> Path:
        from reports import pades, reinspection_pdf

        notice = notices.get(self.store, done.notice_id)
        data = reinspection_pdf.build_reinspection_pdf(self.reinspection_document(done))
        signed = pades.sign_pdf(data, credential, self.session.user.name,
                                wording.SIGN_REASON_REINSPECTION.format(number=notice.number),
                                notices.site_of(self.store, notice).district,
                                _moment(done.inspected_on))
        target = self.store.data_dir / NOTICE_FOLDER / f"reinspection-{done.id}.pdf"
        write_atomically(target, signed)
        followup.set_reinspection_pdf(self.store, done.id, hashlib.sha256(signed).hexdigest())
        return target

    def reinspection_document(self, done: followup.Reinspection):
        """The re-inspection record's content: each problem's before and after photos."""
        from usecases import notice_documents

        return notice_documents.reinspection_document(self.store, done)

    # -- checking ----------------------------------------------------------------------

    def verify(self, path: Path) -> NoticeVerdict:
        """Check a notice PDF: every signature, tampering, trust, the signer against the
        notice's auditor, revocation against when it was recorded, the local record."""
        from usecases import notice_verify

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

    def listing(self, status: str | None = None, overdue: bool = False) -> list[Notice]:
        """Issued notices, overdue ones first (computed here, offline)."""
        notices.void_stale(self.store)
        return notices.listing(self.store, status, overdue)

    def board(self) -> list[followup.BoardRow]:
        """Every issued notice with its site, district and auditor, overdue first."""
        return followup.board(self.store)

    def of_inspection(self, inspection_id: str) -> list[Notice]:
        """The notices issued from one inspection."""
        return notices.for_inspection(self.store, inspection_id)

    def set_status(self, notice_id: str, status: str, note: str = "") -> Notice:
        """Record a follow-up step (received, replied)."""
        return followup.set_status(self.store, notice_id, status, note, self._signed_in())

    def escalate(self, notice_id: str, level: str) -> Notice:
        """Escalate a notice to a bulletin (通报) or the exposure list (曝光台) (office only)."""
        return followup.escalate(self.store, notice_id, level, self._office())

    def escalate_many(self, notice_ids: list[str], level: str) -> followup.BulkOutcome:
        """Escalate open notices together; closed or escalated ones are refused (office only)."""
        return followup.escalate_many(self.store, notice_ids, level, self._office())

    def assign_reinspections(self, notice_ids: list[str], auditor_id: str,
                             on_date: str) -> followup.BulkOutcome:
        """Plan the re-inspection of open notices' sites for an auditor on a day (office only)."""
        return followup.assign_reinspections(self.store, notice_ids, auditor_id, on_date,
                                             self._office())

    def before_and_after(self, notice_id: str
                         ) -> list[tuple[str, list[evidence.PhotoRecord],
                                         list[evidence.PhotoRecord]]]:
        """Each problem of a notice: its code, the notice's photos, the latest after-photos."""
        notice = notices.get(self.store, notice_id)
        done = followup.reinspections(self.store, notice_id)
        after = evidence.records(self.store, done[-1].after_photo_ids) if done else []
        return [(p.criterion_code, evidence.records(self.store, p.photo_ids),
                 [a for a in after if a.criterion_code == p.criterion_code])
                for p in notice.problems]



def own_credential(store, profile, passphrase: str) -> SigningCredential:
    """``profile``'s signing credential, refused when its certificate names someone else:
    a notice's signature must be its own auditor's (the verdict checks the same)."""
    from model.people import certificates, keys  # cryptography's x509: only to sign

    credential = keys.signing_credential(store, profile, passphrase)
    holder = certificates.staff_no_of(credential.certificate)
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
