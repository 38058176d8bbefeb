"""What each CLI command does: call a use case, print its outcome.

Every handler takes the parsed arguments and an open :class:`Services` and
returns the process exit code.
"""

from __future__ import annotations

import dataclasses
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli import (
    enrol_commands,
    office_commands,
    plan_commands,
    record_batch,
    report_commands,
    sync_commands,
)
from cli import notices as notice_commands
from cli.output import emit, emit_json, percent, table
from cli.prompts import read_new_password
from model.errors import AuthenticationError, PasswordChangeRequiredError
from model.people.profiles import MIN_PASSWORD_LENGTH
from model.store import clock

if TYPE_CHECKING:
    from usecases.services import Services

PASSWORD_ENV = "CIVICAUDIT_PASSWORD"
CHANGE_PASSWORD = ("profile", "password")
RESULT_FIELDS = ("criterion", "text", "outcome", "instances", "location")
NEEDS_SIGN_IN = {
    ("checklist", "import"), ("checklist", "activate"), ("sites", "import"),
    ("inspections", "start"), ("inspections", "record"), ("inspections", "clear"),
    ("inspections", "finish"), ("inspections", "reopen"), ("profile", "create"), CHANGE_PASSWORD,
    ("photos", "add"), ("photos", "stamp-template"), *notice_commands.NEEDS_SIGN_IN,
    *sync_commands.NEEDS_SIGN_IN,
    *plan_commands.NEEDS_SIGN_IN,
    *report_commands.NEEDS_SIGN_IN,
    *record_batch.NEEDS_SIGN_IN,
    *office_commands.NEEDS_SIGN_IN,
    *enrol_commands.NEEDS_SIGN_IN,
}


def run(args, services: Services) -> int:
    """Sign in when the command needs it, then run the command's handler."""
    key = (args.command, getattr(args, "action", None))
    if key in NEEDS_SIGN_IN and not (key == ("profile", "create") and not services.people.all()):
        sign_in(args, services)
        if services.must_change_password and key != CHANGE_PASSWORD:
            raise PasswordChangeRequiredError(
                f"The password of {services.user.staff_no} is shorter than "
                f"{MIN_PASSWORD_LENGTH} characters; change it first: "
                f"main.py --user {services.user.staff_no} profile password")
    handler = HANDLERS[key]
    return handler(args, services) or 0


def sign_in(args, services: Services) -> None:
    """Sign in as ``--user`` (or the last user), password from the environment or a prompt."""
    who = args.user or services.last_user()
    if not who:
        raise AuthenticationError("Say who you are with --user STAFF_NO.")
    args.password = read_password(f"Password for {who}: ")  # also unlocks the signing key
    services.login(who, args.password)


def read_password(prompt: str) -> str:
    """Return the password from $CIVICAUDIT_PASSWORD, or ask for it on a terminal."""
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise AuthenticationError(f"No terminal to ask for the password; set {PASSWORD_ENV}.")
    return getpass.getpass(prompt)


def _demo(args, services: Services) -> None:
    from model.demo import demo  # the demo's photo drawing: only for this command

    summary = services.demo.load()
    issued = services.demo.issue_notices()
    emit(f"Demo city loaded into {services.store.data_dir}: {summary.profiles_created} new "
         f"profiles, {summary.sites.created} new sites ({summary.sites.unchanged} unchanged), "
         f"{summary.inspections_created} new inspections, {issued} new notices. Password for "
         f"O01, A07, A08: {demo.DEMO_PASSWORD}")


def _profile_create(args, services: Services) -> None:
    if services.user is None:  # the store's first profile: the password given is its own
        password = read_password("Password for the new profile: ")
    else:  # someone signed in creates another's profile: never with the signer's password
        password = read_new_password(f"Password for {args.staff_no} (theirs, not yours): ",
                                     f"the password of the new profile {args.staff_no}")
    profile = services.people.create(args.name, args.staff_no, args.role, password,
                                     args.organisation)
    emit(f"Created {profile.role.value} profile {profile.name} ({profile.staff_no}).")


def _profile_password(args, services: Services) -> None:
    new = read_new_password("New password: ", "the new password")
    services.change_password(args.password, new)
    emit(f"Password of {services.user.staff_no} changed; your signing key is locked with it.")


def _profile_list(args, services: Services) -> None:
    found = services.people.all()
    if args.json:
        return emit_json([{"id": p.id, "name": p.name, "staff_no": p.staff_no,
                           "organisation": p.organisation, "role": p.role.value} for p in found])
    emit(table(("staff no", "name", "role", "organisation"),
               [(p.staff_no, p.name, p.role.value, p.organisation) for p in found]))


def _checklist_list(args, services: Services) -> None:
    editions = services.checklists.editions()
    if args.json:
        return emit_json([dataclasses.asdict(e) for e in editions])
    emit(table(("", "hash", "name", "source", "site types", "criteria", "loaded"),
               [("*" if e.active else "", e.content_hash[:12], e.name, e.source, e.site_types,
                 e.criteria, clock.office_text(e.loaded_at)[:10]) for e in editions]))


def _checklist_export(args, services: Services) -> None:
    count = services.checklists.export_csv(Path(args.file), args.edition)
    emit(f"Wrote {count} criteria to {args.file}.")


def _checklist_import(args, services: Services) -> None:
    edition, created = services.checklists.import_csv(Path(args.file), args.name, args.base)
    state = "New edition" if created else "This edition already exists:"
    emit(f"{state} {edition.name} {edition.content_hash[:12]} ({len(edition.criteria)} "
         f"criteria, derived from {edition.parent_hash[:12]}); it is now active.")


def _checklist_activate(args, services: Services) -> None:
    services.checklists.activate(args.edition)
    emit(f"Edition {args.edition} is now used for new inspections.")


def _sites_import(args, services: Services) -> None:
    summary = services.sites.import_csv(Path(args.file))
    emit(f"Sites from {args.file}: {summary.created} created, {summary.updated} updated, "
         f"{summary.unchanged} unchanged.")


def _sites_export(args, services: Services) -> None:
    emit(f"Wrote {services.sites.export_csv(Path(args.file))} sites to {args.file}.")


def _sites_list(args, services: Services) -> None:
    found = services.sites.search(args.search, args.district, args.site_type)
    if args.json:
        return emit_json([dataclasses.asdict(s) for s in found])
    emit(table(("code", "name", "type", "district", "sub-district", "responsible unit"),
               [(s.code, s.name, s.site_type, s.district, s.sub_district, s.unit_name)
                for s in found]))


def _inspections_list(args, services: Services) -> None:
    found = services.inspections.listing(args.site, args.month)
    if args.json:
        return emit_json([_summary_json(s) for s in found])
    emit(table(("id", "site", "auditor", "started", "status", "pass", "score", "failed"),
               [(s.id, f"{s.site_code} {s.site_name}", s.auditor_name,
                 clock.office_text(s.started_at),
                 s.status.value, percent(s.rates.pass_rate), percent(s.rates.score_rate),
                 " ".join(s.failed_criteria)) for s in found]))


def _summary_json(s) -> dict:
    return {"id": s.id, "site_id": s.site_id, "site_code": s.site_code,
            "site_name": s.site_name, "district": s.district, "auditor": s.auditor_name,
            "started_at": s.started_at, "finished_at": s.finished_at, "status": s.status.value,
            "pass_rate": _round(s.rates.pass_rate), "score_rate": _round(s.rates.score_rate),
            "failed_criteria": list(s.failed_criteria)}


def _inspections_show(args, services: Services) -> None:
    d = services.inspections.detail(args.id)
    lines = [(line.criterion.code, line.criterion.text_zh[:40],
              line.result.outcome.value if line.result else "",
              line.result.instances if line.result else "",
              line.result.location if line.result else "") for line in d.lines]
    if args.json:
        return emit_json({"id": d.inspection.id, "site": d.site.code, "status":
                          d.inspection.status.value, "edition": d.inspection.edition_hash,
                          "pass_rate": _round(d.rates.pass_rate),
                          "score_rate": _round(d.rates.score_rate),
                          "results": [dict(zip(RESULT_FIELDS, line, strict=True))
                                      for line in lines]})
    emit(f"{d.site.code} {d.site.name} — {d.auditor_name}, "
         f"{clock.office_text(d.inspection.started_at)}, "
         f"{d.inspection.status.value}; pass {percent(d.rates.pass_rate)}, "
         f"score {percent(d.rates.score_rate)}; checklist {d.edition_name} "
         f"{d.inspection.edition_hash[:12]}")
    emit(table(("code", "criterion", "outcome", "instances", "location"), lines))


def _inspections_start(args, services: Services) -> None:
    inspection = services.inspections.start(args.site)
    if args.json:
        return emit_json({"id": inspection.id, "edition": inspection.edition_hash})
    emit(inspection.id)


def _inspections_record(args, services: Services) -> None:
    change = services.inspections.record(args.id, args.criterion, args.outcome, args.instances,
                                         args.location, args.note)
    if args.json:
        return emit_json({"criterion": change.criterion_code, "stored": True,
                          "outcome": change.new.outcome.value,
                          "instances": change.new.instances})
    emit(f"Stored {change.criterion_code}: {change.new.outcome.value}.")


def _inspections_clear(args, services: Services) -> None:
    services.inspections.clear(args.id, args.criterion)
    emit(f"Cleared {args.criterion}.")


def _inspections_finish(args, services: Services) -> None:
    services.inspections.finish(args.id)
    emit(f"Inspection {args.id} finished and locked.")


def _inspections_reopen(args, services: Services) -> None:
    services.inspections.reopen(args.id, args.reason)
    emit(f"Inspection {args.id} reopened.")


def _photos_add(args, services: Services) -> int:
    # Returns once the originals and thumbnails are stored: the 1600 px previews are made by
    # the window in the background after it starts, or when a photo is first shown or printed.
    outcomes = services.photos.add(args.id, [Path(f) for f in args.files], args.criterion)
    if args.json:
        emit_json([dataclasses.asdict(o) for o in outcomes])
    else:
        for o in outcomes:
            detail = o.reason if o.status.value == "refused" else (o.sha256 or "")[:12]
            flags = f" [{', '.join(o.flags)}]" if o.flags else ""
            emit(f"{o.status.value:9}  {o.path}  {detail}{flags}")
        emit(f"{len(outcomes)} file(s) done; previews follow when the window starts.")
    return 2 if any(o.status.value == "refused" for o in outcomes) else 0


def _photos_list(args, services: Services) -> None:
    found = services.photos.of(args.id)
    if args.json:
        return emit_json([dataclasses.asdict(p) for p in found])
    emit(table(("photo", "criterion", "file", "taken", "flags"),
               [(p.id, p.criterion_code or "", p.original_name, p.taken_at or "",
                 ", ".join(p.flags)) for p in found]))


def _photos_stamp_template(args, services: Services) -> None:
    services.photos.set_stamp_template(args.template.replace("\\n", "\n"))
    emit("Stamp template stored; new photo copies use it.")


def _score(args, services: Services) -> None:
    groups = services.office.score(args.by, args.month)
    if args.json:
        return emit_json([{"key": g.key, "label": g.label, "rank": g.rank,
                           "passed": g.rates.passed, "failed": g.rates.failed,
                           "not_applicable": g.rates.not_applicable,
                           "problems": g.rates.problems,
                           "pass_rate": _round(g.rates.pass_rate),
                           "score_rate": _round(g.rates.score_rate)} for g in groups])
    if not groups:
        return emit("No finished inspections in this period.")
    emit(table(("rank", args.by, "pass rate 符合率", "score rate 得分率", "checked", "problems"),
               [(g.rank, g.label, percent(g.rates.pass_rate), percent(g.rates.score_rate),
                 g.rates.applicable, g.rates.problems) for g in groups]))


def _audit_verify(args, services: Services) -> int:
    report = services.office.verify_audit()
    if args.json:
        emit_json({"ok": report.ok, "events": report.events, "problems": report.problems})
    elif report.ok:
        emit(f"Audit log intact: {report.events} events.")
    else:
        emit(f"AUDIT LOG BROKEN ({report.events} events):")
        for problem in report.problems:
            emit(f"  - {problem}")
    return 0 if report.ok else 1


def _round(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 4)


HANDLERS = {
    ("demo", None): _demo,
    ("profile", "create"): _profile_create,
    ("profile", "list"): _profile_list,
    CHANGE_PASSWORD: _profile_password,
    ("checklist", "list"): _checklist_list,
    ("checklist", "export"): _checklist_export,
    ("checklist", "import"): _checklist_import,
    ("checklist", "activate"): _checklist_activate,
    ("sites", "import"): _sites_import,
    ("sites", "export"): _sites_export,
    ("sites", "list"): _sites_list,
    ("inspections", "list"): _inspections_list,
    ("inspections", "show"): _inspections_show,
    ("inspections", "start"): _inspections_start,
    ("inspections", "record"): _inspections_record,
    ("inspections", "clear"): _inspections_clear,
    ("inspections", "finish"): _inspections_finish,
    ("inspections", "reopen"): _inspections_reopen,
    ("photos", "add"): _photos_add,
    ("photos", "list"): _photos_list,
    ("photos", "stamp-template"): _photos_stamp_template,
    ("score", None): _score,
    ("audit", "verify"): _audit_verify,
    **notice_commands.HANDLERS,
    **sync_commands.HANDLERS,
    **plan_commands.HANDLERS,
    **report_commands.HANDLERS,
    **record_batch.HANDLERS,
    **office_commands.HANDLERS,
    **enrol_commands.HANDLERS,
}
