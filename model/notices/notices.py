"""Rectification notices (整改通知书): drafts, numbers, records and the follow-up loop.

A notice is built from a finished inspection's failed criteria. Issuing has
three steps so that a number is never reused and never wasted on bad input:
:func:`check` refuses a bad draft before anything is written; :func:`reserve`
takes the next serial and writes the notice with status ``reserved`` in one
commit; :func:`complete` records the signed PDF. If the program dies between
the two, the reservation is voided later (:func:`void_stale`) and its number
stays taken. The PDF itself is made in ``reports``; this module never imports it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum

from model.errors import LockedError, NotFoundError, PermissionDeniedError, ValidationError
from model.inspections import inspections
from model.inspections.inspections import Outcome, Status
from model.people.profiles import Profile
from model.photos import media
from model.sites import sites
from model.store import audit, clock
from model.store.db import Store
from model.store.ids import new_id

PATTERN_SETTING = "notice.number_pattern"
PREFIX_SETTING = "notice.office_prefix"
DEFAULT_PATTERN = "{prefix}创城整改〔{year}〕{code}-{serial:04d}号"
STALE_RESERVATION = dt.timedelta(minutes=10)


class NoticeStatus(StrEnum):
    """Where a notice is in its life (问题-交办-整改-复查-销号)."""

    RESERVED = "reserved"        # number taken, PDF not yet recorded
    VOID = "void"                # issuing failed; the number stays taken
    ISSUED = "issued"
    RECEIVED = "received"        # the unit signed for it (or refused, recorded)
    REPLIED = "replied"          # the unit's reply (回执) came back
    REINSPECTED = "reinspected"  # re-inspected, not (fully) fixed
    ESCALATED = "escalated"      # 通报 / 曝光台
    CLOSED = "closed"            # 销号


OPEN = (NoticeStatus.ISSUED, NoticeStatus.RECEIVED, NoticeStatus.REPLIED,
        NoticeStatus.REINSPECTED, NoticeStatus.ESCALATED)


@dataclass(frozen=True)
class ProblemDraft:
    """One problem of a notice as the auditor edits it."""

    criterion_code: str
    location: str = ""
    description: str = ""
    requirement: str = ""
    photo_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReceiptRecord:
    """The unit representative's receipt on the spot, or the refusal to sign."""

    signer: str = ""
    signed_on: str = ""
    refused: bool = False
    signature_png: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class NoticeDraft:
    """Everything a notice is made from, before it has a number."""

    inspection_id: str
    addressee_unit: str
    addressee_person: str
    addressee_phone: str
    problems: tuple[ProblemDraft, ...]
    deadline_preset: str
    deadline: str              # ISO time, in the office's zone
    reinspect_on: str          # ISO date
    receipt: ReceiptRecord = ReceiptRecord()


@dataclass(frozen=True)
class Notice:
    """A notice as recorded."""

    id: str
    number: str
    inspection_id: str
    status: NoticeStatus
    addressee_unit: str
    addressee_person: str
    addressee_phone: str
    deadline_preset: str
    deadline: str
    reinspect_on: str
    fingerprint: str
    pdf_sha256: str
    signer_serial: str
    issued_by: str
    issued_at: str
    updated_at: str
    problems: tuple[ProblemDraft, ...]
    receipt: ReceiptRecord

    @property
    def is_open(self) -> bool:
        """Still being followed (not closed, not void)."""
        return self.status in OPEN

    def overdue(self, now: dt.datetime | None = None) -> bool:
        """Open and past its deadline (computed locally; works offline for weeks)."""
        return (self.is_open and bool(self.deadline)
                and dt.datetime.fromisoformat(self.deadline) < (now or clock.now()))

    def days_left(self, now: dt.datetime | None = None) -> int | None:
        """Whole days to the deadline (negative when overdue); None without a deadline."""
        if not self.deadline:
            return None
        return (clock.office_date(self.deadline) - clock.office_date(now or clock.now())).days


# -- drafting -----------------------------------------------------------------


def draft_for(store: Store, inspection_id: str, criteria: list[str] | None = None
              ) -> NoticeDraft:
    """A draft from the inspection's failed criteria (or the chosen ones), with their photos.

    Requirements are left empty for the caller to default; deadline fields too.
    """
    detail = inspections.detail(store, inspection_id)
    failed = {line.criterion.code: line for line in detail.lines
              if line.result and line.result.outcome is Outcome.FAIL}
    chosen = list(failed) if criteria is None else criteria
    problems = []
    for code in chosen:
        line = failed.get(code)
        if line is None:
            raise ValidationError(f"Criterion {code} did not fail in this inspection; a notice "
                                  f"lists failed criteria only ({', '.join(failed) or 'none'}).")
        photos = store.db.execute(
            "SELECT id FROM photo WHERE inspection_id = ? AND criterion_code = ? ORDER BY id",
            [inspection_id, code]).fetchall()
        problems.append(ProblemDraft(code, line.result.location, line.result.note, "",
                                     tuple(p[0] for p in photos)))
    site = detail.site
    return NoticeDraft(inspection_id, site.unit_name, site.unit_person, site.unit_phone,
                       tuple(problems), "", "", "")


def check(store: Store, draft: NoticeDraft, actor: Profile) -> inspections.Inspection:
    """Refuse a draft that cannot become a notice, naming what to fix; nothing is written."""
    inspection = inspections.get(store, draft.inspection_id)
    if inspection.status is not Status.FINISHED:
        raise ValidationError("Finish the inspection before issuing a notice for it.")
    if actor.id != inspection.auditor_id:
        raise PermissionDeniedError("Only the inspection's auditor may issue its notices.")
    if not draft.problems:
        raise ValidationError("This inspection has no failed criterion chosen, so there is "
                              "nothing to notify; choose at least one failed criterion.")
    if not draft.addressee_unit.strip():
        raise ValidationError("The notice has no addressee: enter the responsible unit.")
    if not draft.deadline:
        raise ValidationError("The notice has no deadline: choose a preset or a date.")
    failed = {code for code, r in inspections.results(store, inspection.id).items()
              if r.outcome is Outcome.FAIL}
    for problem in draft.problems:
        _check_problem(store, inspection.id, problem, failed)
    return inspection


def _check_problem(store: Store, inspection_id: str, problem: ProblemDraft,
                   failed: set[str]) -> None:
    if problem.criterion_code not in failed:
        raise ValidationError(f"Criterion {problem.criterion_code} did not fail in this "
                              "inspection; remove it from the notice.")
    for photo_id in problem.photo_ids:
        row = store.db.execute("SELECT sha256, inspection_id, criterion_code, original_name "
                               "FROM photo WHERE id = ?", [photo_id]).fetchone()
        if row is None or row[1] != inspection_id or row[2] != problem.criterion_code:
            raise ValidationError(f"Photo {photo_id} is not evidence of "
                                  f"{problem.criterion_code} in this inspection.")
        _check_original(store, row[0], row[3], problem.criterion_code)


def _check_original(store: Store, sha256: str, name: str, code: str) -> None:
    """The original must be present and unaltered: a notice stands on it."""
    path = media.original_path(store, sha256)
    if not path.exists():
        raise ValidationError(f"The original of photo {name or sha256[:12]} ({code}) is missing "
                              "from the media store; detach it or import it again.")
    if media.sha256_of(path) != sha256:
        raise ValidationError(f"The original of photo {name or sha256[:12]} ({code}) was "
                              "altered on disk (its hash no longer matches); detach it.")


# -- numbering and issuing ----------------------------------------------------


def number_pattern(store: Store) -> str:
    """The office's numbering pattern ({prefix}, {year}, {code}, {serial})."""
    return store.get_setting(PATTERN_SETTING) or DEFAULT_PATTERN


def set_numbering(store: Store, pattern: str, prefix: str, actor: Profile) -> None:
    """The office sets its prefix and pattern; the pattern must contain {serial} and {code}."""
    if not actor.is_office:
        raise PermissionDeniedError("Only the office sets the notice numbering.")
    try:
        sample = format_number(pattern, prefix, 2026, "A07", 12)
    except (KeyError, ValueError, IndexError, AttributeError, TypeError) as exc:  # "{year[0]}"
        raise ValidationError(f"The numbering pattern {pattern!r} is not valid ({exc}); use "
                              "{prefix}, {year}, {code} and {serial:04d}.") from exc
    if "{serial" not in pattern or "{code" not in pattern:
        raise ValidationError("The numbering pattern must contain {code} and {serial} so that "
                              "laptops never hand out the same number.")
    with store.atomic() as db:
        for key, value in ((PATTERN_SETTING, pattern), (PREFIX_SETTING, prefix)):
            db.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                       "DO UPDATE SET value = excluded.value", [key, value])
        audit.append(db, actor.id, "notice.numbering", "setting", PATTERN_SETTING,
                     {"new": {"pattern": pattern, "prefix": prefix, "sample": sample}})


def format_number(pattern: str, prefix: str, year: int, code: str, serial: int) -> str:
    """A notice number, e.g. ``迎泽创城整改〔2026〕A07-0012号``."""
    return pattern.format(prefix=prefix, year=year, code=code, serial=serial)


def reserve(store: Store, draft: NoticeDraft, actor: Profile, at: str | None = None) -> Notice:
    """Take the next number and record the notice as reserved, in one commit.

    ``at`` (ISO time) is when it is issued, now by default; the number's year is that
    time's year in the office's zone.
    """
    check(store, draft, actor)
    at = at or clock.now_iso()
    year = clock.office_moment(at).year
    notice_id = new_id()
    with store.atomic() as db:
        serial = _next_serial(db, year, actor.staff_no)
        number = format_number(number_pattern(store), store.get_setting(PREFIX_SETTING, ""),
                               year, actor.staff_no, serial)
        db["notice"].insert({
            "id": notice_id, "number": number, "inspection_id": draft.inspection_id,
            "status": NoticeStatus.RESERVED.value, "addressee_unit": draft.addressee_unit.strip(),
            "addressee_person": draft.addressee_person.strip(),
            "addressee_phone": draft.addressee_phone.strip(),
            "deadline_preset": draft.deadline_preset, "deadline": draft.deadline,
            "reinspect_on": draft.reinspect_on, "receipt": _receipt_json(draft.receipt),
            "issued_by": actor.id, "issued_at": at, "updated_at": at})
        mark_received(db, notice_id)  # now, not ``at``: an issue time may be back-dated
        for position, problem in enumerate(draft.problems, start=1):
            db["notice_item"].insert({
                "notice_id": notice_id, "position": position,
                "criterion_code": problem.criterion_code, "location": problem.location.strip(),
                "description": problem.description.strip(),
                "requirement": problem.requirement.strip(),
                "photo_ids": json.dumps(list(problem.photo_ids))})
        audit.append(db, actor.id, "notice.reserve", "notice", notice_id,
                     {"new": {"number": number, "inspection": draft.inspection_id}}, at=at)
    return get(store, notice_id)


def mark_received(db, notice_id: str, at: str | None = None) -> None:
    """Remember when this store first recorded a notice (issued here or merged from a bundle);
    a later call keeps the first time."""
    db.execute("INSERT OR IGNORE INTO notice_received (notice_id, received_at) VALUES (?, ?)",
               [notice_id, at or clock.now_iso()])


def received_at(store: Store, notice_id: str) -> str | None:
    """When this store first recorded the notice (ISO time, UTC), or None if it never did."""
    row = store.db.execute("SELECT received_at FROM notice_received WHERE notice_id = ?",
                           [notice_id]).fetchone()
    return row[0] if row else None


def _next_serial(db, year: int, code: str) -> int:
    row = db.execute("SELECT last FROM notice_serial WHERE year = ? AND code = ?",
                     [year, code]).fetchone()
    serial = (row[0] if row else 0) + 1
    db.execute("INSERT INTO notice_serial (year, code, last) VALUES (?, ?, ?) "
               "ON CONFLICT (year, code) DO UPDATE SET last = excluded.last", [year, code, serial])
    return serial


def fingerprint(notice: Notice, site_code: str) -> str:
    """The document fingerprint: sha256 of the notice's content, printed on every page.

    It covers what the unit is told (number, addressee, problems, photos,
    deadlines), so the local record can show whether a PDF says the same.
    """
    content = {
        "number": notice.number, "inspection": notice.inspection_id, "site": site_code,
        "addressee": [notice.addressee_unit, notice.addressee_person, notice.addressee_phone],
        "deadline": notice.deadline, "reinspect_on": notice.reinspect_on,
        "issued_at": notice.issued_at, "issued_by": notice.issued_by,
        "problems": [[p.criterion_code, p.location, p.description, p.requirement,
                      list(p.photo_ids)] for p in notice.problems],
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def complete(store: Store, notice_id: str, fingerprint_hex: str, pdf_sha256: str,
             signer_serial: str, actor: Profile, at: str | None = None) -> Notice:
    """Record the signed PDF of a reserved notice: it is now issued (at ``at``, now by
    default)."""
    notice = get(store, notice_id)
    if notice.status is not NoticeStatus.RESERVED:
        raise ValidationError(f"Notice {notice.number} is {notice.status}, not being issued.")
    at = at or clock.now_iso()
    with store.atomic() as db:
        db["notice"].update(notice_id, {
            "status": NoticeStatus.ISSUED.value, "fingerprint": fingerprint_hex,
            "pdf_sha256": pdf_sha256, "signer_serial": signer_serial, "updated_at": at})
        add_event(db, notice_id, NoticeStatus.ISSUED, "", actor, at)
        audit.append(db, actor.id, "notice.issue", "notice", notice_id,
                     {"new": {"number": notice.number, "pdf_sha256": pdf_sha256,
                              "fingerprint": fingerprint_hex, "signer": signer_serial}}, at=at)
    return get(store, notice_id)


def void(store: Store, notice_id: str, reason: str, actor_id: str | None) -> None:
    """Give up a reservation (issuing failed); its number is never handed out again."""
    with store.atomic() as db:
        changed = db.execute("UPDATE notice SET status = ?, updated_at = ? WHERE id = ? AND "
                             "status = ?", [NoticeStatus.VOID.value, clock.now_iso(), notice_id,
                                            NoticeStatus.RESERVED.value]).rowcount
        if changed:
            audit.append(db, actor_id, "notice.void", "notice", notice_id, {"reason": reason})


def void_stale(store: Store, now: dt.datetime | None = None) -> int:
    """Void reservations left by a program that died mid-issue; return how many."""
    cutoff = ((now or clock.now()) - STALE_RESERVATION).isoformat()
    stale = [row[0] for row in store.db.execute(
        "SELECT id FROM notice WHERE status = ? AND issued_at < ?",
        [NoticeStatus.RESERVED.value, cutoff])]
    for notice_id in stale:
        void(store, notice_id, "issuing was interrupted", None)
    return len(stale)


def add_event(db, notice_id: str, status: NoticeStatus, note: str, actor: Profile,
              at: str) -> None:
    """Write one follow-up step (inside the caller's transaction)."""
    db["notice_event"].insert({"id": new_id(), "notice_id": notice_id, "status": status.value,
                               "note": note, "at": at, "by_profile": actor.id})


def locked_by_notice(store: Store, inspection_id: str) -> bool:
    """True when a notice was issued from this inspection: its findings are locked."""
    return store.db.execute(
        "SELECT 1 FROM notice WHERE inspection_id = ? AND status NOT IN (?, ?) LIMIT 1",
        [inspection_id, NoticeStatus.RESERVED.value, NoticeStatus.VOID.value]
    ).fetchone() is not None


# -- reading ----------------------------------------------------------------------


def get(store: Store, notice_id: str) -> Notice:
    """Return a notice by id."""
    rows = list(store.db.query("SELECT * FROM notice WHERE id = ?", [notice_id]))
    if not rows:
        raise NotFoundError(f"No notice with id {notice_id}.")
    return _notice(store, rows[0])


def find(store: Store, id_or_number: str) -> Notice:
    """Return a notice by id or by its number."""
    row = store.db.execute("SELECT id FROM notice WHERE id = ? OR number = ?",
                           [id_or_number, id_or_number]).fetchone()
    if row is None:
        raise NotFoundError(f"No notice {id_or_number}; `notice list` shows the notices.")
    return get(store, row[0])


def by_number(store: Store, number: str) -> Notice | None:
    """The notice recorded here under ``number``, if any (a PDF names its number)."""
    row = store.db.execute("SELECT id FROM notice WHERE number = ?", [number]).fetchone()
    return get(store, row[0]) if row else None


def listing(store: Store, status: NoticeStatus | str | None = None, overdue: bool = False,
            now: dt.datetime | None = None) -> list[Notice]:
    """Issued notices, overdue ones first, then by deadline."""
    sql, params = "SELECT * FROM notice WHERE status NOT IN (?, ?)", [
        NoticeStatus.RESERVED.value, NoticeStatus.VOID.value]
    if status is not None:
        sql, params = sql + " AND status = ?", [*params, NoticeStatus(status).value]
    found = [_notice(store, row) for row in store.db.query(sql, params)]
    if overdue:
        found = [n for n in found if n.overdue(now)]
    return sorted(found, key=lambda n: (not n.overdue(now), not n.is_open, n.deadline, n.number))


def for_inspection(store: Store, inspection_id: str) -> list[Notice]:
    """The notices issued from one inspection."""
    return [n for n in listing(store) if n.inspection_id == inspection_id]


def site_of(store: Store, notice: Notice) -> sites.Site:
    """The site a notice is about."""
    return sites.get(store, inspections.get(store, notice.inspection_id).site_id)


def _notice(store: Store, row: dict) -> Notice:
    items = store.db.query("SELECT * FROM notice_item WHERE notice_id = ? ORDER BY position",
                           [row["id"]])
    problems = tuple(ProblemDraft(i["criterion_code"], i["location"], i["description"],
                                  i["requirement"], tuple(json.loads(i["photo_ids"])))
                     for i in items)
    fields = {k: row[k] for k in ("id", "number", "inspection_id", "addressee_unit",
                                  "addressee_person", "addressee_phone", "deadline_preset",
                                  "deadline", "reinspect_on", "fingerprint", "pdf_sha256",
                                  "signer_serial", "issued_by", "issued_at", "updated_at")}
    return Notice(status=NoticeStatus(row["status"]), problems=problems,
                  receipt=_receipt(row["receipt"]), **fields)


def _receipt_json(receipt: ReceiptRecord) -> str:
    data = asdict(replace(receipt, signature_png=None))
    if receipt.signature_png:
        data["signature_png"] = receipt.signature_png.hex()
    return json.dumps(data, ensure_ascii=False)


def _receipt(text: str) -> ReceiptRecord:
    data = json.loads(text or "{}")
    png = data.pop("signature_png", None)
    return ReceiptRecord(**data, signature_png=bytes.fromhex(png) if png else None)


def ensure_reopenable(store: Store, inspection_id: str) -> None:
    """Refuse to reopen an inspection whose findings a notice stands on."""
    if locked_by_notice(store, inspection_id):
        raise LockedError("A notice was issued from this inspection, so its findings are "
                          "locked; record changes as a re-inspection of the notice instead.")
