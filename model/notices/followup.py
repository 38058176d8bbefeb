"""Following a notice until the problem is fixed: received, reply, re-inspection, escalation.

The loop of 问题-交办-整改-复查-销号 after a notice is issued: the unit signs for it,
replies, the auditor re-inspects (fixed closes the notice, 销号; otherwise it
stays open) with after-photos, and the office may escalate an overdue or
repeated problem to a bulletin (通报) or the exposure list (曝光台).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from model.errors import NotFoundError, PermissionDeniedError, ValidationError
from model.notices import notices
from model.notices.notices import Notice, NoticeStatus
from model.people import profiles
from model.people.profiles import Profile
from model.sites import assignments
from model.store import audit, clock
from model.store.db import Store
from model.store.ids import new_id

NEXT = {
    NoticeStatus.ISSUED: {NoticeStatus.RECEIVED, NoticeStatus.REPLIED, NoticeStatus.ESCALATED},
    NoticeStatus.RECEIVED: {NoticeStatus.REPLIED, NoticeStatus.ESCALATED},
    NoticeStatus.REPLIED: {NoticeStatus.ESCALATED},
    NoticeStatus.REINSPECTED: {NoticeStatus.REPLIED, NoticeStatus.ESCALATED},
    NoticeStatus.ESCALATED: {NoticeStatus.REPLIED},
}


class Escalation(StrEnum):
    """How an overdue or repeated problem is made public."""

    BULLETIN = "bulletin"    # 通报
    EXPOSURE = "exposure"    # 曝光台


class ReinspectionOutcome(StrEnum):
    """What a re-inspection found (已整改 / 部分整改 / 未整改)."""

    FIXED = "fixed"
    PARTLY = "partly"
    NOT_FIXED = "not_fixed"


@dataclass(frozen=True)
class NoticeEvent:
    """One step of a notice's follow-up."""

    status: NoticeStatus
    note: str
    at: str
    by_profile: str


def set_status(store: Store, notice_id: str, status: NoticeStatus | str, note: str,
               actor: Profile, at: str | None = None) -> Notice:
    """Move a notice along its follow-up (received, reply, escalated), with a note, at ``at``
    (ISO time; now by default)."""
    notice = notices.get(store, notice_id)
    status = NoticeStatus(status)
    if status not in NEXT.get(notice.status, set()):
        raise ValidationError(f"Notice {notice.number} is {notice.status}; it cannot become "
                              f"{status} now.")
    return _move(store, notice, status, note.strip(), actor, at)


def escalate(store: Store, notice_id: str, level: Escalation | str, actor: Profile,
             at: str | None = None) -> Notice:
    """Escalate an open notice to a bulletin (通报) or the exposure list (曝光台); office only."""
    if not actor.is_office:
        raise PermissionDeniedError("Only the office escalates a notice.")
    return set_status(store, notice_id, NoticeStatus.ESCALATED, Escalation(level).value, actor,
                      at)


@dataclass(frozen=True)
class Reinspection:
    """A re-inspection of a notice's site: what was found, with after-photos."""

    id: str
    notice_id: str
    inspected_on: str
    outcome: ReinspectionOutcome
    note: str
    after_photo_ids: tuple[str, ...]
    pdf_sha256: str
    by_profile: str
    at: str


def record_reinspection(store: Store, notice_id: str, outcome: ReinspectionOutcome | str,
                        note: str, actor: Profile, after: dict[str, list[Path]] | None = None,
                        workers=None, inspected_on: str | None = None,
                        at: str | None = None) -> Reinspection:
    """Record a re-inspection with after-photos per criterion; fixed closes the notice (销号),
    otherwise it stays open. Refused photo files are left out (their outcomes are logged).
    ``at`` (ISO time) is when it is recorded, now by default."""
    notice = notices.get(store, notice_id)
    if not notice.is_open:
        raise ValidationError(f"Notice {notice.number} is {notice.status}; only an open notice "
                              "can be re-inspected.")
    outcome = ReinspectionOutcome(outcome)
    codes = {p.criterion_code for p in notice.problems}
    unknown = sorted(set(after or {}) - codes)
    if unknown:
        raise ValidationError(f"Notice {notice.number} lists no problem {', '.join(unknown)}.")
    reinspection_id, at = new_id(), at or clock.now_iso()
    with store.atomic() as db:
        db["reinspection"].insert({
            "id": reinspection_id, "notice_id": notice_id,
            "inspected_on": inspected_on or at, "outcome": outcome.value, "note": note.strip(),
            "after_photo_ids": "[]", "by_profile": actor.id, "at": at})
    from model.photos import photos  # Pillow, imported only when a re-inspection is recorded

    photo_ids = []
    for code, files in (after or {}).items():
        outcomes = photos.ingest(store, notice.inspection_id, files, actor, code,
                                 workers=workers, reinspection_id=reinspection_id)
        photo_ids += [o.photo_id for o in outcomes if o.photo_id]
    with store.atomic() as db:
        db["reinspection"].update(reinspection_id, {"after_photo_ids": json.dumps(photo_ids)})
    status = (NoticeStatus.CLOSED if outcome is ReinspectionOutcome.FIXED
              else NoticeStatus.REINSPECTED)
    _move(store, notice, status, outcome.value, actor, at)
    return reinspection(store, reinspection_id)


def reinspection(store: Store, reinspection_id: str) -> Reinspection:
    """Return a re-inspection by id."""
    rows = list(store.db.query("SELECT * FROM reinspection WHERE id = ?", [reinspection_id]))
    if not rows:
        raise NotFoundError(f"No re-inspection with id {reinspection_id}.")
    r = rows[0]
    return Reinspection(r["id"], r["notice_id"], r["inspected_on"],
                        ReinspectionOutcome(r["outcome"]), r["note"],
                        tuple(json.loads(r["after_photo_ids"])), r["pdf_sha256"],
                        r["by_profile"], r["at"])


def reinspections(store: Store, notice_id: str) -> list[Reinspection]:
    """A notice's re-inspections, oldest first."""
    return [reinspection(store, row[0]) for row in store.db.execute(
        "SELECT id FROM reinspection WHERE notice_id = ? ORDER BY at, id", [notice_id])]


def reinspection_fingerprint(notice: Notice, done: Reinspection) -> str:
    """The re-inspection record's fingerprint: sha256 of what it states."""
    content = {"notice": notice.number, "fingerprint": notice.fingerprint, "id": done.id,
               "on": done.inspected_on, "outcome": done.outcome.value, "note": done.note,
               "after": list(done.after_photo_ids), "by": done.by_profile}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def set_reinspection_pdf(store: Store, reinspection_id: str, pdf_sha256: str) -> None:
    """Record the hash of a re-inspection's signed record PDF."""
    with store.atomic() as db:
        db["reinspection"].update(reinspection_id, {"pdf_sha256": pdf_sha256})


def _move(store: Store, notice: Notice, status: NoticeStatus, note: str,
          actor: Profile, at: str | None = None) -> Notice:
    at = at or clock.now_iso()
    with store.atomic() as db:
        db["notice"].update(notice.id, {"status": status.value, "updated_at": at})
        notices.add_event(db, notice.id, status, note, actor, at)
        audit.append(db, actor.id, "notice.status", "notice", notice.id,
                     {"old": notice.status.value, "new": status.value, "note": note}, at=at)
    return notices.get(store, notice.id)


def events(store: Store, notice_id: str) -> list[NoticeEvent]:
    """A notice's follow-up steps, oldest first."""
    return [NoticeEvent(NoticeStatus(r["status"]), r["note"], r["at"], r["by_profile"])
            for r in store.db.query("SELECT * FROM notice_event WHERE notice_id = ? "
                                    "ORDER BY at, id", [notice_id])]


@dataclass(frozen=True)
class BoardRow:
    """A notice with what the follow-up board shows beside it."""

    notice: Notice
    site: str
    district: str
    auditor: str
    last_action: str  # the latest follow-up step's time


def board(store: Store, now: dt.datetime | None = None) -> list[BoardRow]:
    """Every issued notice for the follow-up board, overdue first."""
    context = {r[0]: r[1:] for r in store.db.execute(
        "SELECT n.id, s.code || ' ' || s.name, s.district, p.name, "
        " (SELECT max(at) FROM notice_event e WHERE e.notice_id = n.id) "
        "FROM notice n JOIN inspection i ON i.id = n.inspection_id "
        "JOIN site s ON s.id = i.site_id JOIN profile p ON p.id = n.issued_by")}
    return [BoardRow(n, *context[n.id][:3], context[n.id][3] or n.issued_at)
            for n in notices.listing(store, now=now)]




# -- bulk actions of the follow-up board (office only) ---------------------------------------


class Refusal(StrEnum):
    """Why a bulk action left one notice as it was (the UI words it)."""

    CLOSED = "closed"                        # closed (销号) or void: nothing left to follow
    ALREADY_ESCALATED = "already_escalated"  # escalated before; a second escalation adds nothing
    NOT_FOUND = "not_found"                  # no such notice (deleted or never synced)


@dataclass(frozen=True)
class BulkOutcome:
    """What a bulk action did: the notices changed and those left alone, with the reason."""

    done: tuple[str, ...]
    refused: tuple[tuple[str, Refusal], ...] = ()


def assign_reinspections(store: Store, notice_ids: list[str], auditor_id: str,
                         on_date: dt.date | str, actor: Profile) -> BulkOutcome:
    """Plan a re-inspection of each open notice's site for an auditor on a day: an assignment
    for the day's month with ``planned_on`` set, so it reaches the auditor's navigator.

    One transaction, an audit event per notice; closed notices are refused, unchanged."""
    if not actor.is_office:
        raise PermissionDeniedError("Only the office assigns re-inspections.")
    day = _reinspection_day(on_date)
    try:
        auditor = profiles.get(store, auditor_id)
    except NotFoundError:
        auditor = None
    if auditor is None or auditor.is_office:
        raise ValidationError("Choose an auditor for the re-inspection.")
    found, refused = _open_notices(store, notice_ids, escalated_ok=True)
    with store.atomic() as db:
        for notice in found:
            site = notices.site_of(store, notice)
            planned = assignments.assign(store, site.id, auditor.id, day[:7], day, actor.id)
            audit.append(db, actor.id, "notice.reinspection_assigned", "notice", notice.id,
                         {"auditor": auditor.id, "on": day, "assignment": planned.id})
    return BulkOutcome(tuple(n.id for n in found), refused)


def escalate_many(store: Store, notice_ids: list[str], level: Escalation | str,
                  actor: Profile) -> BulkOutcome:
    """Escalate every open notice to a bulletin (通报) or the exposure list (曝光台) in one
    transaction; closed and already escalated notices are refused and left as they were."""
    if not actor.is_office:
        raise PermissionDeniedError("Only the office escalates a notice.")
    level = Escalation(level)
    found, refused = _open_notices(store, notice_ids, escalated_ok=False)
    with store.atomic():
        for notice in found:
            escalate(store, notice.id, level, actor)
    return BulkOutcome(tuple(n.id for n in found), refused)


def _open_notices(store: Store, notice_ids: list[str], escalated_ok: bool
                  ) -> tuple[list[Notice], tuple[tuple[str, Refusal], ...]]:
    """The notices a bulk action may change (open; escalated ones only if ``escalated_ok``),
    and the others with the reason; each id once, in the order given."""
    found, refused = [], []
    for notice_id in dict.fromkeys(notice_ids):
        try:
            notice = notices.get(store, notice_id)
        except NotFoundError:
            refused.append((notice_id, Refusal.NOT_FOUND))
            continue
        if not notice.is_open:
            refused.append((notice_id, Refusal.CLOSED))
        elif notice.status is NoticeStatus.ESCALATED and not escalated_ok:
            refused.append((notice_id, Refusal.ALREADY_ESCALATED))
        else:
            found.append(notice)
    return found, tuple(refused)


def _reinspection_day(on_date: dt.date | str) -> str:
    text = on_date.isoformat() if isinstance(on_date, dt.date) else str(on_date).strip()
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValidationError(f"'{on_date}' is not a date; write it as YYYY-MM-DD.") from None
    if day.isoformat() < clock.office_today():
        raise ValidationError(f"{day.isoformat()} has passed; a re-inspection is planned for "
                              "today or later.")
    return day.isoformat()
