"""The use cases the GUI and the CLI call: one method per user action.

A :class:`Services` holds the open store and the signed-in profile. Each method
checks who may do it, does its writes in one transaction (in the module it
delegates to) and returns what changed, so a screen knows what to refresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from model.checklist import checklist, checklist_csv, scoring
from model.errors import (
    AuthenticationError,
    NotFoundError,
    PasswordChangeRequiredError,
    PermissionDeniedError,
    PhotoRefusedError,
)
from model.inspections import drafts, evidence, inspection_list, inspections, navigator, review
from model.notices import followup, letterhead, notices
from model.office import planning
from model.people import authority, handwriting, key_store, keys, passwords, profiles, revocation
from model.people.profiles import Profile, Role
from model.photos import media, photos
from model.photos.workers import PixelWorkers
from model.progress import Progress
from model.sites import assignments, sites
from model.store import audit, clock, db, timezone
from model.sync import sync_device, sync_export, sync_import, sync_receipts, sync_versions

if TYPE_CHECKING:
    from model.demo.demo import DemoSummary
    from model.office.office_desk import OfficeDesk


class Services:
    """The application's use cases over one data directory."""

    def __init__(self, store: db.Store, workers: PixelWorkers | None = None):
        self.store = store
        self.user: Profile | None = None
        # Signed in with a password shorter than today's minimum: every use case waits for
        # change_password (the screens and the CLI ask for it right after signing in).
        self.must_change_password = False
        self._owns_workers = workers is None
        self.workers = workers or PixelWorkers()  # started on first use, or by warm_workers()

    @classmethod
    def open(cls, data_dir: Path) -> Services:
        """Open (creating or migrating) the store in ``data_dir`` and load shipped checklists."""
        store = db.open_store(Path(data_dir))
        checklist.ensure_shipped(store)
        notices.void_stale(store)  # numbers taken by an issue that died midway stay taken
        timezone.adopt(store)
        return cls(store)

    @classmethod
    def open_as(cls, data_dir: Path, profile: Profile,
                workers: PixelWorkers | None = None) -> Services:
        """Open a second connection acting as an already signed-in profile (for worker threads),
        sharing the session's photo workers when given."""
        services = cls(db.open_store(Path(data_dir)), workers)
        timezone.adopt(services.store)
        services.user = profiles.get(services.store, profile.id)
        return services

    def close(self) -> None:
        """Close the store and stop the photo workers this object started."""
        self.store.close()
        if self._owns_workers:
            self.workers.close()

    def warm_workers(self) -> None:
        """Start the photo worker processes now, so the first import does not wait for them."""
        self.workers.warm()

    # -- who is working ----------------------------------------------------

    def login(self, who: str, password: str) -> Profile:
        """Sign in by staff number or name; see :attr:`must_change_password` afterwards.

        Keys still sealed the old, cheap way that the password unlocks are sealed again.
        """
        self.user = profiles.authenticate(self.store, who, password)
        self.must_change_password = profiles.must_change(password)
        key_store.reseal_legacy_keys(self.store, self.user, password)
        return self.user

    def change_password(self, old: str, new: str) -> None:
        """Change the signed-in profile's password (and its keys' passphrase) from ``old``."""
        if self.user is None:
            raise AuthenticationError("Sign in first (--user and a password).")
        passwords.change_password(self.store, self.user, old, new)
        self.must_change_password = False

    def last_user(self) -> str | None:
        """Return the staff number of the last profile that signed in."""
        return profiles.last_user(self.store)

    def profiles(self) -> list[Profile]:
        """Return every profile (for the login picker)."""
        return profiles.all_profiles(self.store)

    def create_profile(self, name: str, staff_no: str, role: Role | str, password: str,
                       organisation: str = "") -> Profile:
        """Create a profile: anyone may create the first, later only the office."""
        if profiles.all_profiles(self.store):
            self._office()
        actor = self.user.id if self.user else None
        return profiles.create(self.store, name, staff_no, Role(role), password, organisation,
                               actor)

    def check_password(self, password: str) -> bool:
        """Return True when ``password`` is the signed-in profile's (to unlock the screen)."""
        user = self._signed_in()
        try:
            profiles.authenticate(self.store, user.staff_no, password)
        except AuthenticationError:
            return False
        return True

    def _signed_in(self) -> Profile:
        if self.user is None:
            raise AuthenticationError("Sign in first (--user and a password).")
        if self.must_change_password:
            raise PasswordChangeRequiredError(
                f"Your password is shorter than {profiles.MIN_PASSWORD_LENGTH} characters; "
                "choose a new one before doing anything else.")
        return self.user

    def _office(self) -> Profile:
        user = self._signed_in()
        if not user.is_office:
            raise PermissionDeniedError("Only an office profile may do this.")
        return user

    # -- checklists --------------------------------------------------------

    def editions(self) -> list[checklist.EditionSummary]:
        """Return the stored checklist editions."""
        return checklist.summaries(self.store)

    def edition(self, digest: str | None = None) -> checklist.Edition:
        """Return an edition by hash or hash prefix (the active one by default)."""
        return checklist.load(self.store, self._edition_hash(digest))

    def export_checklist(self, path: Path, digest: str | None = None) -> int:
        """Write an edition to CSV; return the number of criteria."""
        return checklist_csv.export_csv(self.store, self._edition_hash(digest), path)

    def import_checklist(self, path: Path, name: str,
                         base: str | None = None) -> tuple[checklist.Edition, bool]:
        """Derive an edition from a CSV file over ``base`` (the active edition by default)."""
        user = self._office()
        base_hash = self._edition_hash(base) if base else None
        return checklist_csv.import_csv(self.store, path, name, user.id, base_hash)

    def activate_edition(self, digest: str) -> None:
        """Make an edition the one new inspections use."""
        checklist.set_active(self.store, self._edition_hash(digest), self._office().id)

    def _edition_hash(self, digest: str | None) -> str:
        if not digest:
            return checklist.active_hash(self.store)
        return checklist.resolve_hash(self.store, digest)

    # -- sites -------------------------------------------------------------

    def import_sites(self, path: Path) -> sites.ImportSummary:
        """Create or update sites from the office's CSV list."""
        return sites.import_csv(self.store, path, self._office().id)

    def export_sites(self, path: Path) -> int:
        """Write all sites to CSV; return how many."""
        return sites.export_csv(self.store, path)

    def site_types(self) -> dict[str, checklist.SiteType]:
        """Return every known site type by code (names for lists and filters)."""
        return checklist.known_site_types(self.store)

    def search_sites(self, text: str = "", district: str = "",
                     site_type: str = "") -> list[sites.Site]:
        """Find sites by name/code/address text, district and type."""
        return sites.search(self.store, text, district, site_type)

    def site(self, site_id: str) -> sites.Site:
        """Return a site by id or code."""
        return sites.get(self.store, site_id)

    # -- inspections -------------------------------------------------------

    def start_inspection(self, site_id: str) -> inspections.Inspection:
        """Start inspecting a site as the signed-in profile."""
        return inspections.start(self.store, site_id, self._signed_in())

    def record_result(self, inspection_id: str, criterion_code: str, outcome: str,
                      instances: int | None = None, location: str = "",
                      note: str = "") -> inspections.ResultChange:
        """Store one criterion's result at once."""
        return inspections.record(self.store, inspection_id, criterion_code, outcome,
                                  self._signed_in(), instances, location, note)

    def clear_result(self, inspection_id: str, criterion_code: str) -> inspections.ResultChange:
        """Return a criterion to unanswered."""
        return inspections.clear(self.store, inspection_id, criterion_code, self._signed_in())

    def finish_inspection(self, inspection_id: str) -> inspections.Inspection:
        """Finish and lock an inspection."""
        return inspections.finish(self.store, inspection_id, self._signed_in())

    def reopen_inspection(self, inspection_id: str, reason: str) -> inspections.Inspection:
        """Reopen a finished inspection, giving the reason."""
        notices.ensure_reopenable(self.store, inspection_id)
        return inspections.reopen(self.store, inspection_id, reason, self._signed_in())

    def result(self, inspection_id: str, criterion_code: str) -> inspections.Result | None:
        """Return one stored result, or None when the criterion is unanswered."""
        return inspections.result_of(self.store, inspection_id, criterion_code)

    def inspection(self, inspection_id: str) -> inspections.InspectionDetail:
        """Return an inspection with its criteria, results and rates."""
        return inspections.detail(self.store, inspection_id)

    def list_inspections(self, site_id: str | None = None, month: str | None = None,
                         with_failed: bool = True) -> list[inspection_list.InspectionSummary]:
        """Return inspections, newest first, optionally of one site (id or code) and month."""
        if site_id:
            site_id = sites.get(self.store, site_id).id
        return inspection_list.summaries(self.store, site_id, month, with_failed=with_failed)

    def inspection_summary(self, inspection_id: str) -> inspection_list.InspectionSummary:
        """Return one inspection's list line."""
        found = inspection_list.summaries(self.store, inspection_id=inspection_id)
        if not found:
            raise NotFoundError(f"No inspection with id {inspection_id}.")
        return found[0]

    def has_inspection(self, inspection_id: str) -> bool:
        """True when an inspection with this id is stored."""
        return self.store.db.execute("SELECT 1 FROM inspection WHERE id = ?",
                                     [inspection_id]).fetchone() is not None

    def load_demo(self, progress: Progress | None = None) -> DemoSummary:
        """Load the demo city (profiles, sites, four months of inspections); again adds nothing.

        Its notices are issued afterwards by ``reports.demo_notices.load``."""
        from model.demo import (
            demo,  # four months of generated data: not needed to start the program
        )

        return demo.load(self.store, progress=progress)

    # -- the auditor's day -------------------------------------------------

    def navigator(self, today: str | None = None) -> list[navigator.SiteOverview]:
        """Return every site with this month's state, the signed-in auditor's plan first."""
        today = today or clock.office_today()
        return navigator.overviews(self.store, self._signed_in().id, today[:7], today)

    def plan_site(self, site_id: str, auditor_id: str, period: str,
                  planned_on: str | None = None) -> assignments.Assignment:
        """Plan a site for an auditor in a month (office only)."""
        return assignments.assign(self.store, site_id, auditor_id, period, planned_on,
                                  self._office().id)

    # -- the month's plan (office) ----------------------------------------------

    def auditors(self) -> list[Profile]:
        """The auditor profiles (whom the office plans checks for)."""
        return sorted((p for p in profiles.all_profiles(self.store) if not p.is_office),
                      key=lambda p: p.staff_no)

    def plan_candidates(self, districts: tuple[str, ...] = (),
                        site_types: tuple[str, ...] = ()) -> list[sites.Site]:
        """The sites a month's plan may pick from, filtered by districts and site types."""
        return planning.candidates(self.store, districts, site_types)

    def plan_month(self, month: str, pairs: list[tuple[str, str]] | dict[str, str]
                   ) -> planning.PlanSummary:
        """Save (site id, auditor id) pairs as the month's assignments (office only)."""
        return planning.plan(self.store, month, pairs, self._office())

    def month_plan(self, month: str) -> list[planning.PlanLine]:
        """The month's assignments with their sites and auditors."""
        return planning.month_plan(self.store, month)

    def remove_assignments(self, assignment_ids: list[str]) -> planning.RemoveSummary:
        """Remove assignments (office only); sent ones leave the laptops with the next
        office bundle."""
        return planning.remove(self.store, assignment_ids, self._office())

    def review(self, inspection_id: str) -> review.Review:
        """Return the finishing summary of an inspection."""
        return review.review(self.store, inspection_id)

    def photos(self, inspection_id: str,
               criterion_code: str | None = None) -> list[evidence.PhotoRecord]:
        """Return the evidence photos of an inspection or one of its criteria."""
        return evidence.photos_for(self.store, inspection_id, criterion_code)

    def thumbnail_file(self, photo: evidence.PhotoRecord) -> Path:
        """Return the path of a photo's thumbnail (remade if the cache was deleted)."""
        try:
            return photos.thumbnail_of(self.store, photo.sha256)
        except PhotoRefusedError:
            return media.thumbnail_path(self.store, photo.sha256)  # original unreadable: none

    def add_photos(self, inspection_id: str, files: list[Path], criterion_code: str | None = None,
                   progress: Progress | None = None) -> list[photos.IngestOutcome]:
        """Add photo files or folders as evidence; one outcome (stored, refused …) per file."""
        return photos.ingest(self.store, inspection_id, files, self._signed_in(), criterion_code,
                             progress, self.workers)

    def make_previews(self, progress: Progress | None = None) -> int:
        """Make the missing 1600 px previews (after an import, in the background)."""
        return photos.make_missing_previews(self.store, progress, self.workers)

    def detach_photo(self, photo_id: str) -> None:
        """Remove a photo from its finding (the original stays while anything refers to it)."""
        photos.detach(self.store, photo_id, self._signed_in())

    def annotate_photo(self, photo_id: str, annotations: list) -> list:
        """Replace a photo's annotations (arrows, circles, rectangles, text)."""
        return photos.set_annotations(self.store, photo_id, annotations, self._signed_in())

    def photo_copy(self, photo_id: str, stamp: bool = True) -> Path:
        """Return an upright copy with annotations and, if asked, the time/place stamp."""
        return photos.rendered_copy(self.store, photo_id, stamp)

    def set_stamp_template(self, template: str) -> None:
        """Set the watermark template drawn on photo copies (office only)."""
        photos.set_stamp_template(self.store, template, self._office())

    def photo_preview(self, photo_id: str) -> Path:
        """Return the upright 1600 px preview of a photo, with nothing drawn on it."""
        return photos.preview_of(self.store, photo_id)

    @staticmethod
    def file_digest(path: Path) -> str:
        """Return the sha256 of a file (to tell which card photos were imported before)."""
        return media.sha256_of(Path(path))

    def photo_original(self, photo: evidence.PhotoRecord) -> Path:
        """Return the path of a photo's original in the media store."""
        return media.original_path(self.store, photo.sha256)

    def imported_hashes(self) -> set[str]:
        """Return the hashes of every stored original (to offer only new photos from a card)."""
        return {sha for (sha,) in self.store.db.execute("SELECT sha256 FROM media")}

    # -- drafts of text being typed ----------------------------------------

    def save_draft(self, key: str, value: str) -> None:
        """Keep text being typed, so a crash or a lock loses nothing."""
        drafts.save(self.store, self._signed_in().id, key, value)

    def draft(self, key: str) -> str | None:
        """Return the signed-in profile's draft for ``key``, if any."""
        return drafts.get(self.store, self._signed_in().id, key)

    def discard_draft(self, key: str) -> None:
        """Forget a draft once its text is stored."""
        drafts.discard(self.store, key)

    # -- keys, certificates, signatures -------------------------------------

    def init_authority(self, name: str | None, passphrase: str) -> authority.Authority:
        """Create the office's certificate authority, its key locked with ``passphrase``."""
        user = self._office()
        return authority.init_authority(self.store, name or user.organisation or user.name,
                                        passphrase, user)

    def issue_certificate(self, csr_pem: bytes, source: str, ca_passphrase: str,
                          days: int = 730, role: str = "auditor") -> bytes:
        """Issue a certificate for a request, granting ``role`` ("auditor" or "office");
        return the PEM chain to hand over."""
        return authority.issue_certificate(self.store, csr_pem, source, ca_passphrase,
                                           self._office(), days, role)

    def trusted_authority(self) -> authority.Authority | None:
        """The office authority this computer trusts (set at enrolment), if any."""
        trusted = authority.trusted_authorities(self.store)
        return trusted[0] if trusted else None

    def revoke_certificate(self, serial: str, reason: str, ca_passphrase: str) -> None:
        """Revoke a certificate the office issued and sign a fresh revocation list."""
        revocation.revoke(self.store, serial, reason, ca_passphrase, self._office())

    def revocation_list(self, ca_passphrase: str, renew: bool = False) -> bytes:
        """The office's revocation list (CRL, DER): the one stored here, or, when there is
        none yet or ``renew`` is True, a fresh one signed with the office authority."""
        current = revocation.current_crl(self.store)
        if current is None or renew:
            return revocation.make_crl(self.store, ca_passphrase, self._office())
        return current

    def authority_certificate(self) -> bytes:
        """The office authority's certificate (PEM)."""
        return authority.export_authority_cert(self.store)

    def certificate_roster(self) -> list[dict]:
        """Every certificate the office issued, revoked ones marked."""
        return list(self.store.db.query("SELECT serial, subject, staff_no, issued_at, not_after,"
                                        " revoked_at, revoke_reason FROM certificate"
                                        " ORDER BY issued_at"))

    def request_key(self, passphrase: str) -> bytes:
        """Make the signed-in profile's key pair; return the certificate request (PEM)."""
        return keys.request_key(self.store, self._signed_in(), passphrase)

    def install_certificate(self, chain_pem: bytes, source: str) -> str:
        """Install the certificate the office issued; return its serial."""
        return keys.install_certificate(self.store, self._signed_in(), chain_pem, source)

    def credential_status(self) -> str:
        """"none", "requested" or "installed" for the signed-in profile."""
        return keys.credential_status(self.store, self._signed_in())

    def set_signature_image(self, png: bytes) -> None:
        """Keep the signed-in profile's drawn signature."""
        handwriting.set_signature(self.store, self._signed_in(), png)

    def signature_image(self) -> bytes | None:
        """The signed-in profile's drawn signature, if drawn."""
        return handwriting.signature_of(self.store, self._signed_in().id)

    # -- notices (issuing and checking PDFs: reports.notice_desk) ----------------

    def notice_list(self, status: str | None = None, overdue: bool = False
                    ) -> list[notices.Notice]:
        """Issued notices, overdue first."""
        return notices.listing(self.store, status, overdue)

    def notice_board(self) -> list[followup.BoardRow]:
        """Every issued notice with its site, district and auditor, overdue first."""
        return followup.board(self.store)

    def notices_of(self, inspection_id: str) -> list[notices.Notice]:
        """The notices issued from one inspection."""
        return notices.for_inspection(self.store, inspection_id)

    def set_notice_status(self, notice_id: str, status: str, note: str = "") -> notices.Notice:
        """Record a follow-up step (received, replied)."""
        return followup.set_status(self.store, notice_id, status, note, self._signed_in())

    def escalate_notice(self, notice_id: str, level: str) -> notices.Notice:
        """Escalate a notice to a bulletin (通报) or the exposure list (曝光台)."""
        return followup.escalate(self.store, notice_id, level, self._office())

    def assign_reinspections(self, notice_ids: list[str], auditor_id: str,
                             on_date: str) -> followup.BulkOutcome:
        """Plan the re-inspection of open notices' sites for an auditor on a day (office only)."""
        return followup.assign_reinspections(self.store, notice_ids, auditor_id, on_date,
                                             self._office())

    def escalate_notices(self, notice_ids: list[str], level: str) -> followup.BulkOutcome:
        """Escalate open notices together; closed or escalated ones are refused (office only)."""
        return followup.escalate_many(self.store, notice_ids, level, self._office())

    def record_reinspection(self, notice_id: str, outcome: str, note: str,
                            after: dict[str, list[Path]] | None = None) -> notices.Notice:
        """Record a re-inspection with after-photos per criterion; fixed closes the notice."""
        followup.record_reinspection(self.store, notice_id, outcome, note, self._signed_in(),
                                    after, self.workers)
        return notices.get(self.store, notice_id)

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

    def set_letterhead(self, settings: letterhead.LetterheadSettings,
                       logo: Path | None = None) -> letterhead.LetterheadSettings:
        """Set the office's letterhead (text, logo, fixed clauses)."""
        return letterhead.set_letterhead(self.store, settings, self._office(), logo)

    def office_zone(self) -> str:
        """The office's time zone (an IANA name), in which every time prints and shows."""
        return timezone.office_zone(self.store)

    def set_office_zone(self, name: str) -> str:
        """Set the office's time zone (office only); it goes out in the next office bundle."""
        user = self._signed_in()
        if not user.is_office:
            raise PermissionDeniedError("Only the office sets the time zone.")
        return timezone.set_office_zone(self.store, name, user.id)

    def set_notice_numbering(self, pattern: str, prefix: str) -> None:
        """Set the office's numbering pattern and prefix."""
        notices.set_numbering(self.store, pattern, prefix, self._office())

    # -- USB sync -------------------------------------------------------------

    def export_bundle(self, folder: Path, passphrase: str,
                      progress: Progress | None = None) -> tuple[Path, dict]:
        """Write a signed bundle of what the other side lacks into ``folder`` (a stick)."""
        return sync_export.export(self.store, folder, self._signed_in(), passphrase, progress)

    def import_bundle(self, path: Path, receipt_folder: Path | None = None,
                      passphrase: str | None = None,
                      progress: Progress | None = None) -> sync_import.ImportSummary:
        """Verify and merge a bundle (the office also writes a receipt into ``receipt_folder``)."""
        return sync_import.import_bundle(self.store, path, self._signed_in(), passphrase,
                                         receipt_folder, progress)

    def sync_status(self) -> dict:
        """Unsynced changes, the last receipt, open conflicts."""
        return sync_device.status(self.store)

    def sync_conflicts(self) -> list:
        """Records with competing versions: (the version in use, the other one)."""
        return sync_versions.conflicts(self.store)

    def resolve_sync_conflict(self, kind: str, record_id: str, keep_rev: str) -> None:
        """Keep one version of a conflicting record."""
        sync_device.resolve_conflict(self.store, kind, record_id, keep_rev, self._signed_in())

    def prunable_photos(self) -> list[str]:
        """Originals the office acknowledged that this laptop may delete."""
        return sync_receipts.prunable(self.store)

    def prune_photos(self, confirmed: bool) -> int:
        """Delete the acknowledged originals (previews and thumbnails stay)."""
        return sync_receipts.prune(self.store, self._signed_in(), confirmed)

    # -- scores and integrity ---------------------------------------------

    @property
    def office(self) -> OfficeDesk:
        """The office's figures, rankings, negative list and bulletins."""
        from model.office.office_desk import OfficeDesk  # the office's screens only, not at start

        return OfficeDesk(self.store, self._signed_in)

    def score(self, by: str, month: str | None = None) -> list[scoring.GroupScore]:
        """Return ranked pass and score rates grouped by a dimension."""
        return scoring.rollup(self.store, by, month)

    def verify_audit(self) -> audit.VerifyReport:
        """Check the audit log's hash chain."""
        return audit.verify(self.store.db)
