"""CLI command ``plan``: plan the month's checks (office only).

    python main.py plan --month 2026-12 --district 迎泽区 --type ZCGD --sample 5 --seed 7 \\
        --auditors A07,A08

Picks the sites (by district and type, or a random sample per type), shares them
out among the auditors and saves the assignments; they go out in the next
office bundle.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cli.output import emit, emit_json, table
from model.errors import NotFoundError, ValidationError
from model.office.periods import check_month

if TYPE_CHECKING:
    from usecases.services import Services

NEEDS_SIGN_IN = {("plan", None)}


def add_parsers(commands, json_flag) -> None:
    """Add ``plan`` to the main parser."""
    plan = commands.add_parser("plan", help="plan the month's checks: pick or sample sites and "
                                            "share them out among auditors (office only)")
    plan.add_argument("--month", metavar="YYYY-MM", type=_month, required=True)
    plan.add_argument("--district", metavar="D", action="append", default=[],
                      help="only sites of this district (repeat for several)")
    plan.add_argument("--type", dest="site_types", metavar="T", action="append", default=[],
                      help="only sites of this site type code (repeat for several)")
    plan.add_argument("--sample", metavar="N", type=int,
                      help="a random sample of N sites per site type, as mock assessments do")
    plan.add_argument("--seed", metavar="S", type=int, default=1,
                      help="the sample's seed: the same seed draws the same sites (default 1)")
    plan.add_argument("--auditors", metavar="A07,A08", required=True,
                      help="staff numbers of the auditors to share the sites out to")
    json_flag(plan)


def _month(value: str) -> str:
    try:
        return check_month(value)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _plan(args, services: Services) -> None:
    auditors = _auditors(services, args.auditors)
    picked = services.planning.pick(tuple(args.district), tuple(args.site_types),
                                    args.sample, args.seed)
    found, short = picked.sites, picked.shortfalls
    if not found:
        raise ValidationError("No site matches these districts and types; nothing was planned.")
    shares = services.planning.share(found, [a.id for a in auditors])
    summary = services.planning.save(args.month, list(shares.items()))
    staff = {a.id: a for a in auditors}
    rows = [(staff[shares[s.id]].staff_no, s.code, s.name, s.district, s.site_type)
            for s in sorted(found, key=lambda s: (staff[shares[s.id]].staff_no, s.code))]
    if args.json:
        return emit_json({
            "month": summary.month, "new": summary.new,
            "already_planned": summary.already_planned,
            "with_other_auditor": summary.with_other_auditor,
            "by_auditor": {staff[a].staff_no: n for a, n in summary.by_auditor.items()},
            "sample": args.sample, "seed": args.seed if args.sample is not None else None,
            "shortfalls": short,
            "assignments": [dict(zip(("auditor", "site", "name", "district", "type"), row,
                                     strict=True)) for row in rows]})
    emit(f"Plan for {summary.month}: {summary.new} new assignment(s), "
         f"{summary.already_planned} already planned.")
    if args.sample is not None:
        emit(f"Sample of {args.sample} per site type, seed {args.seed}.")
    for site_type, available in short.items():
        emit(f"  note: only {available} site(s) of type {site_type}; all of them were taken.")
    if summary.with_other_auditor:
        emit(f"  note: {summary.with_other_auditor} site(s) also have another auditor this month.")
    emit(table(("auditor", "site", "name", "district", "type"), rows))
    emit("The assignments go out in the next office bundle (export).")


def _auditors(services: Services, text: str) -> list:
    known = {p.staff_no.upper(): p for p in services.people.auditors()}
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    if not wanted:
        raise ValidationError("Name the auditors with --auditors A07,A08.")
    missing = [w for w in wanted if w.upper() not in known]
    if missing:
        raise NotFoundError(f"No auditor with staff number {', '.join(missing)}.")
    return [known[w.upper()] for w in wanted]


HANDLERS = {("plan", None): _plan}
