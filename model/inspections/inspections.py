"""Inspections of a site and their per-criterion results.

Every change is written at once, in its own transaction with its audit event
(who, when, old → new), so nothing on screen is ever unsaved. Finishing locks
an inspection; reopening needs a reason and is logged. An inspection keeps the
hash of the checklist edition it was started with, whatever is loaded later.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

from model.checklist import checklist
from model.checklist.checklist import Criterion
from model.checklist.scoring import Rates, rates
from model.errors import LockedError, NotFoundError, PermissionDeniedError, ValidationError
from model.people.profiles import Profile
from model.sites import sites
from model.store import audit, clock
from model.store.db import Store
from model.store.ids import new_id

MAX_TEXT = 500
MAX_INSTANCES = 999


class Outcome(StrEnum):
    """A criterion's result at a site: 符合 / 不符合 / 不适用."""

    PASS = "pass"
    FAIL = "fail"
    NA = "na"


class Status(StrEnum):
    """Where an inspection is in its life."""

    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


@dataclass(frozen=True)
class Inspection:
    """One visit of an auditor to a site, scored against one checklist edition."""

    id: str
    site_id: str
    auditor_id: str
    edition_hash: str
    status: Status
    started_at: str
    finished_at: str | None
    month: str
    site_type: str


@dataclass(frozen=True)
class Result:
    """The recorded state of one criterion in one inspection."""

    criterion_code: str
    outcome: Outcome
    instances: int
    location: str
    note: str
    updated_at: str
    updated_by: str


@dataclass(frozen=True)
class ResultChange:
    """What one recording changed: ``old`` or ``new`` is None when the result was absent."""

    inspection_id: str
    criterion_code: str
    old: Result | None
    new: Result | None


@dataclass(frozen=True)
class CriterionLine:
    """A criterion of an inspection with its result, if any (what the inspection view shows)."""

    criterion: Criterion
    result: Result | None


@dataclass(frozen=True)
class InspectionDetail:
    """An inspection with its site, edition name, criteria and results, and its rates."""

    inspection: Inspection
    site: sites.Site
    auditor_name: str
    edition_name: str
    lines: list[CriterionLine]
    rates: Rates


def start(store: Store, site_id: str, auditor: Profile, at: str | None = None) -> Inspection:
    """Start an inspection of a site with the edition its site type calls for."""
    site = sites.get(store, site_id)
    edition_hash = checklist.edition_for_site_type(store, site.site_type)
    at = at or clock.now_iso()
    inspection = Inspection(new_id(), site.id, auditor.id, edition_hash, Status.IN_PROGRESS,
                            at, None, clock.month_of(at), site.site_type)
    with store.atomic() as db:
        db["inspection"].insert({**asdict(inspection), "status": inspection.status.value})
        audit.append(db, auditor.id, "inspection.start", "inspection", inspection.id,
                     {"new": {"site": site.code, "edition": edition_hash}}, at=at)
    return inspection


def get(store: Store, inspection_id: str) -> Inspection:
    """Return an inspection by id."""
    rows = list(store.db.query("SELECT * FROM inspection WHERE id = ?", [inspection_id]))
    if not rows:
        raise NotFoundError(f"No inspection with id {inspection_id}.")
    return _inspection(rows[0])


def record(store: Store, inspection_id: str, criterion_code: str, outcome: Outcome | str,
           actor: Profile, instances: int | None = None, location: str = "", note: str = "",
           at: str | None = None) -> ResultChange:
    """Store one criterion's result now, with its audit event; return old and new."""
    inspection = editable(store, inspection_id, actor)
    criterion = criterion_of(store, inspection, criterion_code)
    outcome = _outcome(outcome)
    at = at or clock.now_iso()
    new = Result(criterion.code, outcome, _instances(outcome, instances),
                 _text(location, "location"), _text(note, "note"), at, actor.id)
    old = result_of(store, inspection.id, criterion.code)
    if old is not None and _same(old, new):
        return ResultChange(inspection.id, criterion.code, old, old)
    with store.atomic() as db:
        _write_result(store, db, inspection, criterion, new)
        audit.append(db, actor.id, "result.record", "inspection", inspection.id,
                     {"criterion": criterion.code, "old": _public(old), "new": _public(new)},
                     at=at)
    return ResultChange(inspection.id, criterion.code, old, new)


def clear(store: Store, inspection_id: str, criterion_code: str, actor: Profile) -> ResultChange:
    """Remove a criterion's result (back to unanswered), with its audit event."""
    inspection = editable(store, inspection_id, actor)
    old = result_of(store, inspection.id, criterion_code)
    if old is None:
        return ResultChange(inspection.id, criterion_code, None, None)
    with store.atomic() as db:
        db.execute("DELETE FROM result WHERE inspection_id = ? AND criterion_code = ?",
                   [inspection.id, criterion_code])
        audit.append(db, actor.id, "result.clear", "inspection", inspection.id,
                     {"criterion": criterion_code, "old": _public(old), "new": None})
    return ResultChange(inspection.id, criterion_code, old, None)


def finish(store: Store, inspection_id: str, actor: Profile, at: str | None = None) -> Inspection:
    """Lock an inspection; its results now count in roll-ups."""
    inspection = editable(store, inspection_id, actor)
    at = at or clock.now_iso()
    with store.atomic() as db:
        db["inspection"].update(inspection.id, {"status": Status.FINISHED.value,
                                                "finished_at": at})
        db.execute("UPDATE result SET counted = 1 WHERE inspection_id = ?", [inspection.id])
        audit.append(db, actor.id, "inspection.finish", "inspection", inspection.id,
                     {"old": Status.IN_PROGRESS.value, "new": Status.FINISHED.value}, at=at)
    return get(store, inspection.id)


def reopen(store: Store, inspection_id: str, reason: str, actor: Profile) -> Inspection:
    """Unlock a finished inspection; the reason is required and logged."""
    inspection = get(store, inspection_id)
    if inspection.status is not Status.FINISHED:
        raise ValidationError("This inspection is not finished, so there is nothing to reopen.")
    if actor.id != inspection.auditor_id and not actor.is_office:
        raise PermissionDeniedError("Only the inspection's auditor or the office may reopen it.")
    if not reason.strip():
        raise ValidationError("Reopening a finished inspection needs a reason.")
    with store.atomic() as db:
        db["inspection"].update(inspection.id, {"status": Status.IN_PROGRESS.value,
                                                "finished_at": None})
        db.execute("UPDATE result SET counted = 0 WHERE inspection_id = ?", [inspection.id])
        audit.append(db, actor.id, "inspection.reopen", "inspection", inspection.id,
                     {"old": Status.FINISHED.value, "new": Status.IN_PROGRESS.value,
                      "reason": reason.strip()})
    return get(store, inspection.id)


def result_of(store: Store, inspection_id: str, criterion_code: str) -> Result | None:
    """Return one stored result, or None when the criterion is unanswered."""
    rows = list(store.db.query(
        "SELECT * FROM result WHERE inspection_id = ? AND criterion_code = ?",
        [inspection_id, criterion_code]))
    return _result(rows[0]) if rows else None


def results(store: Store, inspection_id: str) -> dict[str, Result]:
    """Return an inspection's results by criterion code."""
    rows = store.db.query("SELECT * FROM result WHERE inspection_id = ?", [inspection_id])
    return {row["criterion_code"]: _result(row) for row in rows}


def exists(store: Store, inspection_id: str) -> bool:
    """True when an inspection with this id is stored."""
    return store.db.execute("SELECT 1 FROM inspection WHERE id = ?",
                            [inspection_id]).fetchone() is not None


def detail(store: Store, inspection_id: str) -> InspectionDetail:
    """Return everything the inspection view shows, in checklist order."""
    inspection = get(store, inspection_id)
    site = sites.get(store, inspection.site_id)
    edition = checklist.load(store, inspection.edition_hash)
    found = results(store, inspection.id)
    lines = [CriterionLine(c, found.get(c.code))
             for c in edition.criteria_for(inspection.site_type)]
    auditor = store.db.execute("SELECT name FROM profile WHERE id = ?",
                               [inspection.auditor_id]).fetchone()
    tally = [(r.outcome.value, r.instances, 1) for r in found.values()]
    return InspectionDetail(inspection, site, auditor[0], edition.name, lines, rates(tally))


def editable(store: Store, inspection_id: str, actor: Profile) -> Inspection:
    """Return the inspection if ``actor`` may change it now, else raise."""
    inspection = get(store, inspection_id)
    if inspection.status is Status.FINISHED:
        raise LockedError("This inspection is finished and locked; reopen it (with a reason) "
                          "to change it.")
    if actor.id != inspection.auditor_id:
        raise PermissionDeniedError("Only the auditor who started an inspection may change it.")
    return inspection


def criterion_of(store: Store, inspection: Inspection, code: str) -> Criterion:
    """Return the criterion if it belongs to the inspection's edition and site type."""
    criterion = checklist.load(store, inspection.edition_hash).criterion(code)
    if criterion is None or criterion.site_type != inspection.site_type:
        raise NotFoundError(f"Criterion {code} is not on this inspection's checklist "
                            f"({inspection.site_type}).")
    return criterion


def _outcome(value: Outcome | str) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        raise ValidationError(f"Outcome must be pass, fail or na, not '{value}'.") from None


def _instances(outcome: Outcome, instances: int | None) -> int:
    """Return the instance count a result stores: 0 unless failed, at least 1 when failed."""
    if outcome is not Outcome.FAIL:
        if instances:
            raise ValidationError("Only a failed criterion has problem instances.")
        return 0
    count = 1 if instances is None else instances
    if not 1 <= count <= MAX_INSTANCES:
        raise ValidationError(f"A failed criterion has 1 to {MAX_INSTANCES} problem instances.")
    return count


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise ValidationError(f"The {what} is longer than {MAX_TEXT} characters.")
    return value


def _same(a: Result, b: Result) -> bool:
    return (a.outcome, a.instances, a.location, a.note) == (b.outcome, b.instances,
                                                            b.location, b.note)


def _write_result(store: Store, db, inspection: Inspection, criterion: Criterion,
                  new: Result) -> None:
    """Insert or replace a result row with its denormalised grouping keys."""
    site = sites.get(store, inspection.site_id)
    db.execute(
        "INSERT INTO result (id, inspection_id, criterion_code, outcome, instances, location,"
        " note, updated_at, updated_by, month, district, sub_district, site_type, unit_name,"
        " category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (inspection_id, criterion_code) DO UPDATE SET outcome = excluded.outcome,"
        " instances = excluded.instances, location = excluded.location, note = excluded.note,"
        " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        [new_id(), inspection.id, criterion.code, new.outcome.value, new.instances,
         new.location, new.note, new.updated_at, new.updated_by, inspection.month,
         site.district, site.sub_district, inspection.site_type, site.unit_name,
         criterion.category],
    )


def _public(result: Result | None) -> dict | None:
    """A result as the audit log records it."""
    if result is None:
        return None
    return {"outcome": result.outcome.value, "instances": result.instances,
            "location": result.location, "note": result.note}


def _inspection(row: dict) -> Inspection:
    return Inspection(row["id"], row["site_id"], row["auditor_id"], row["edition_hash"],
                      Status(row["status"]), row["started_at"], row["finished_at"], row["month"],
                      row["site_type"])


def _result(row: dict) -> Result:
    return Result(row["criterion_code"], Outcome(row["outcome"]), row["instances"],
                  row["location"], row["note"], row["updated_at"], row["updated_by"])
