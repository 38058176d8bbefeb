"""CLI commands for notices and the keys that sign them: ``notice``, ``ca``, ``keys``.

Private keys unlock with the signed-in profile's password (the passphrase),
read once from $CIVICAUDIT_PASSWORD or a prompt.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from cli import verify_batch
from cli.output import emit, emit_json, table
from model.errors import ValidationError
from model.notices import followup, letterhead, notices
from model.store import clock

if TYPE_CHECKING:
    from usecases.services import Services

NEEDS_SIGN_IN = {
    ("notice", "create"), ("notice", "status"), ("notice", "reinspect"),
    ("notice", "letterhead"), ("notice", "numbering"), ("notice", "export"),
    ("ca", "init"), ("ca", "issue"), ("ca", "revoke"), ("ca", "crl"),
    ("keys", "request"), ("keys", "install"), ("keys", "signature"),
}
STATUS_CHOICES = ("received", "replied", "bulletin", "exposure")
OUTCOMES = tuple(o.value for o in followup.ReinspectionOutcome)


def add_parsers(commands, json_flag) -> None:
    """Add the ``notice``, ``ca`` and ``keys`` commands to the main parser."""
    _notice(commands, json_flag)
    _ca(commands, json_flag)
    _keys(commands, json_flag)


def _notice(commands, json_flag) -> None:
    group = commands.add_parser("notice", help="rectification notices (整改通知书)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    create = group.add_parser("create", help="issue a signed notice for a finished inspection's "
                                             "failed criteria")
    create.add_argument("id", metavar="INSPECTION_ID")
    create.add_argument("--criteria", metavar="CODES", help="comma-separated failed criteria "
                                                            "(default: all failed ones)")
    create.add_argument("--deadline", metavar="PRESET|DATE", default="3wd",
                        help="24h (立行立改), 3wd (3 working days), 7d, 15d or YYYY-MM-DD "
                             "(default 3wd)")
    create.add_argument("--addressee", metavar="UNIT", help="the responsible unit (default: "
                                                            "the site's)")
    create.add_argument("--person", help="the unit's person in charge")
    create.add_argument("--phone", help="the unit's contact phone")
    create.add_argument("--refused-receipt", action="store_true",
                        help="record that the unit's representative refused to sign")
    create.add_argument("--out", metavar="FILE.pdf", required=True, type=Path)
    json_flag(create)
    verify = group.add_parser("verify", help="check notice PDFs: signature, tampering, "
                                             "trusted office, revocation, local record")
    verify.add_argument("files", metavar="FILE_OR_FOLDER", type=Path, nargs="+",
                        help="a notice PDF, or several, or folders (every PDF in them and "
                             "their subfolders): one line per file and the counts")
    json_flag(verify)
    listing = group.add_parser("list", help="issued notices, overdue first")
    listing.add_argument("--status", choices=tuple(s.value for s in notices.NoticeStatus))
    listing.add_argument("--overdue", action="store_true", help="only overdue notices")
    json_flag(listing)
    show = group.add_parser("export", help="copy a notice's signed PDF")
    show.add_argument("notice", metavar="NUMBER_OR_ID")
    show.add_argument("--out", metavar="FILE_OR_FOLDER", required=True, type=Path)
    status = group.add_parser("status", help="record a step of the follow-up")
    status.add_argument("notice", metavar="NUMBER_OR_ID")
    status.add_argument("step", choices=STATUS_CHOICES,
                        help="received, replied, or escalated to a bulletin / the exposure list")
    status.add_argument("--note", default="")
    reinspect = group.add_parser("reinspect", help="record a re-inspection; fixed closes it")
    reinspect.add_argument("notice", metavar="NUMBER_OR_ID")
    reinspect.add_argument("--outcome", choices=OUTCOMES, required=True)
    reinspect.add_argument("--note", default="")
    reinspect.add_argument("--out", metavar="FILE.pdf", type=Path,
                           help="also write the signed re-inspection record here")
    reinspect.add_argument("--after", metavar="CODE=FILE", action="append", default=[],
                           help="an after-photo of a problem's criterion (repeat)")
    head = group.add_parser("letterhead", help="set the office's letterhead (office only)")
    head.add_argument("--issuer", required=True)
    head.add_argument("--title", default="整改通知书")
    head.add_argument("--clause", action="append", default=[], help="a fixed clause (repeat)")
    head.add_argument("--copies-to", default="", help="the 抄送 line")
    logo = head.add_mutually_exclusive_group()
    logo.add_argument("--logo", type=Path, help="a PNG or JPEG logo (default: keep the one set)")
    logo.add_argument("--no-logo", action="store_true", help="print no logo any more")
    numbering = group.add_parser("numbering", help="set the numbering (office only)")
    numbering.add_argument("--prefix", required=True, help="the office prefix, e.g. 迎泽")
    numbering.add_argument("--pattern", default=notices.DEFAULT_PATTERN)


def _ca(commands, json_flag) -> None:
    group = commands.add_parser("ca", help="the office's certificate authority").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    init = group.add_parser("init", help="create the office authority (office only; its key "
                                         "is locked with your password)")
    init.add_argument("--name", help="the authority's name (default: your organisation)")
    issue = group.add_parser("issue", help="issue a certificate for an auditor's request")
    issue.add_argument("request", metavar="REQUEST", type=Path)
    issue.add_argument("--out", metavar="FILE", required=True, type=Path)
    issue.add_argument("--days", type=int, default=730)
    issue.add_argument("--role", choices=("auditor", "office"), default="auditor",
                       help="what the holder may do: auditor (own work only, the default) or "
                            "office (office bundles, receipts, rosters)")
    revoke = group.add_parser("revoke", help="revoke a certificate by its serial (publishes a "
                                             "new revocation list; the authority's key "
                                             "unlocks with your password)")
    revoke.add_argument("serial", metavar="SERIAL")
    revoke.add_argument("--reason", default="")
    crl = group.add_parser("crl", help="write the office's certificate revocation list (CRL, "
                                       "DER) for PDF readers, pdfsig and pyHanko")
    crl.add_argument("--out", metavar="FILE.crl", required=True, type=Path)
    crl.add_argument("--new", action="store_true",
                     help="sign a fresh list first (office; do it before the list's "
                          "next update, a year after it was made)")
    export = group.add_parser("export", help="write the authority's certificate (to trust it "
                                             "elsewhere)")
    export.add_argument("--out", metavar="FILE", required=True, type=Path)
    json_flag(group.add_parser("list", help="certificates issued, revoked ones marked"))


def _keys(commands, json_flag) -> None:
    group = commands.add_parser("keys", help="your signing key and certificate").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    request = group.add_parser("request", help="make your key pair and a certificate request "
                                               "for the office")
    request.add_argument("--out", metavar="FILE", required=True, type=Path)
    install = group.add_parser("install", help="install the certificate the office issued")
    install.add_argument("cert", metavar="CERT", type=Path)
    signature = group.add_parser("signature", help="set your drawn signature from a PNG")
    signature.add_argument("png", metavar="FILE.png", type=Path)


# -- handlers ---------------------------------------------------------------------


def _notice_create(args, services: Services) -> int:
    desk = services.notices
    codes = [c.strip() for c in args.criteria.split(",") if c.strip()] if args.criteria else None
    draft = desk.draft(args.id, codes, args.deadline)
    draft = dataclasses.replace(
        draft, addressee_unit=_given(args.addressee, draft.addressee_unit),
        addressee_person=_given(args.person, draft.addressee_person),
        addressee_phone=_given(args.phone, draft.addressee_phone),
        receipt=notices.ReceiptRecord(refused=args.refused_receipt))
    issued = desk.issue(draft, args.password)
    out = desk.export(issued.notice, args.out)
    if args.json:
        return emit_json({**_notice_json(issued.notice), "pdf": str(out)})
    emit(f"Notice {issued.notice.number} issued and signed: {out}")
    emit(f"Deadline {issued.notice.deadline[:16]}, re-inspection {issued.notice.reinspect_on}; "
         f"fingerprint {issued.notice.fingerprint[:16]}.")
    return 0


def _given(value: str | None, default: str) -> str:
    return default if value is None else value


def _notice_verify(args, services: Services) -> int:
    if len(args.files) > 1 or args.files[0].is_dir():
        return verify_batch.verify_many(args.files, args.json, services)
    [path] = args.files
    verdict = services.notices.verify(path)
    if args.json:
        emit_json({**dataclasses.asdict(verdict), "valid": verdict.valid,
                   "tampered": verdict.tampered})
    else:
        headline = ("VALID: authentic and unaltered" if verdict.valid else
                    "TAMPERED: changed after signing" if verdict.tampered else "NOT VALID")
        emit(f"{path}: {headline}")
        for label, ok in _verdict_lines(verdict):
            emit(f"  [{'ok' if ok else '--' if ok is None else 'XX'}] {label}")
        for problem in verdict.problems:
            emit(f"  - {problem}")
    return 0 if verdict.valid else 2


def _verdict_lines(v) -> list[tuple[str, bool | None]]:
    return [
        (("re-inspection record of notice " if v.kind == "reinspection" else
          "CivicAudit notice ") + v.number if v.is_notice else "not a CivicAudit notice",
         v.is_notice),
        ("digitally signed", v.signed),
        ("signed bytes unchanged", v.intact if v.signed else None),
        ("nothing added after signing", v.covers_document if v.signed else None),
        (f"signer {v.signer} ({v.signer_staff_no}), certificate {v.serial}, "
         f"at {clock.office_text(v.signed_at)}",
         v.signed or None),
        (f"signed once, as CivicAudit signs ({v.signatures} signature(s) found)",
         v.as_written if v.signed else None),
        (f"signer is the auditor the notice names (staff no. {v.expected_staff_no or '?'})",
         v.signer_bound),
        ("certificate from a trusted office authority", v.trusted if v.signed else None),
        (_revocation_text(v), not v.revoked if v.signed else None),
        ("matches the notice recorded here" if v.local_record else "no local record",
         v.fingerprint_ok),
    ]


def _revocation_text(v) -> str:
    revoked_on = clock.office_text(v.revoked_at)
    if v.revoked_later:
        return (f"certificate revoked on {revoked_on}, after this computer recorded the notice "
                f"on {clock.office_text(v.recorded_at)}: it stays valid")
    return f"certificate revoked on {revoked_on}" if v.revoked_at else "certificate not revoked"


def _notice_list(args, services: Services) -> None:
    found = services.notices.listing(args.status, args.overdue)
    if args.json:
        return emit_json([_notice_json(n) for n in found])
    emit(table(("number", "status", "addressee", "deadline", "days left", "overdue"),
               [(n.number, n.status.value, n.addressee_unit, clock.office_text(n.deadline)[:10],
                 n.days_left(), "OVERDUE" if n.overdue() else "") for n in found]))


def _notice_json(n: notices.Notice) -> dict:
    data = dataclasses.asdict(n)
    data["receipt"] = {k: v for k, v in data["receipt"].items() if k != "signature_png"}
    return {**data, "overdue": n.overdue(), "days_left": n.days_left()}


def _notice_export(args, services: Services) -> None:
    desk = services.notices
    emit(str(desk.export(notices.find(services.store, args.notice), args.out)))


def _notice_status(args, services: Services) -> None:
    notice = notices.find(services.store, args.notice)
    if args.step in ("bulletin", "exposure"):
        notice = services.notices.escalate(notice.id, args.step)
    else:
        notice = services.notices.set_status(notice.id, args.step, args.note)
    emit(f"Notice {notice.number} is now {notice.status.value}.")


def _notice_reinspect(args, services: Services) -> None:
    notice = notices.find(services.store, args.notice)
    after: dict[str, list[Path]] = {}
    for item in args.after:
        code, _, file = item.partition("=")
        if not file:
            raise ValidationError(f"--after {item!r}: give CODE=FILE, e.g. ZCGD-01=after.jpg.")
        after.setdefault(code.strip(), []).append(Path(file))
    recorded = services.notices.record_reinspection(notice.id, args.outcome, args.note, after,
                                                    args.password)
    if args.out:
        _write(args.out, recorded.pdf.read_bytes())
    emit(f"Re-inspection recorded; notice {recorded.notice.number} is now "
         f"{recorded.notice.status.value}. Signed record: {args.out or recorded.pdf}")


def _notice_letterhead(args, services: Services) -> None:
    kept = "" if args.no_logo else services.office.notice_letterhead().logo_file
    settings = letterhead.LetterheadSettings(args.issuer, args.title, tuple(args.clause),
                                             args.copies_to, kept)
    services.office.set_letterhead(settings, args.logo)
    emit("Letterhead stored; new notices use it.")


def _notice_numbering(args, services: Services) -> None:
    services.office.set_notice_numbering(args.pattern, args.prefix)
    sample = notices.format_number(args.pattern, args.prefix, 2026, "A07", 12)
    emit(f"Numbering stored, e.g. {sample}")


def _ca_init(args, services: Services) -> None:
    authority = services.credentials.init_authority(args.name, args.password)
    emit(f"Office authority {authority.name} created; its key is locked with your password.")


def _ca_issue(args, services: Services) -> None:
    chain = services.credentials.issue(_read(args.request), str(args.request), args.password,
                                       args.days, args.role)
    _write(args.out, chain)
    from model.people import certificates  # cryptography's x509: only when needed

    leaf = certificates.load_certificate(chain)
    emit(f"Certificate {format(leaf.serial_number, 'X')} for {certificates.holder_of(leaf)} as "
         f"{args.role} written to {args.out}; give it to its holder (`keys install`).")


def _ca_revoke(args, services: Services) -> None:
    services.credentials.revoke(args.serial, args.reason, args.password)
    emit(f"Certificate {args.serial.upper()} revoked; the new revocation list goes out with "
         "the next office bundle (or write it with `ca crl`).")


def _ca_crl(args, services: Services) -> None:
    _write(args.out, services.credentials.revocation_list(args.password, renew=args.new))
    emit(f"Revocation list written to {args.out}.")


def _ca_export(args, services: Services) -> None:
    _write(args.out, services.credentials.authority_certificate())
    emit(f"Authority certificate written to {args.out}.")
    _emit_fingerprint(services, "laptops show it when they enrol; compare the two")


def _emit_fingerprint(services: Services, compare: str) -> None:
    """Show the trusted authority's fingerprint, for a person to compare with the other side."""
    from model.people import authority as ca  # cryptography's x509: only when needed

    authority = services.credentials.trusted_authority()
    if authority is not None:
        emit(f"Office authority “{authority.name}”, fingerprint ({compare}):\n"
             f"  {ca.fingerprint_text(authority)}")


def _ca_list(args, services: Services) -> None:
    roster = services.credentials.roster()
    if args.json:
        return emit_json(roster)
    emit(table(("serial", "subject", "staff no", "issued", "valid until", "revoked"),
               [(r["serial"], r["subject"], r["staff_no"], *(clock.office_text(r[key])[:10]
                 for key in ("issued_at", "not_after", "revoked_at"))) for r in roster]))


def _keys_request(args, services: Services) -> None:
    _write(args.out, services.credentials.request(args.password))
    emit(f"Certificate request written to {args.out}; take it to the office (`ca issue`).")


def _keys_install(args, services: Services) -> None:
    serial = services.credentials.install(_read(args.cert), str(args.cert))
    emit(f"Certificate {serial} installed; you can sign notices now.")
    _emit_fingerprint(services, "compare it with the office's screen")


def _keys_signature(args, services: Services) -> None:
    services.people.set_signature(_read(args.png))
    emit("Drawn signature stored; it is printed on your notices.")


def _read(path: Path) -> bytes:
    from model.errors import InputFileError
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputFileError(path, exc.strerror or str(exc)) from None


def _write(path: Path, data: bytes) -> None:
    from model.store.fileio import write_atomically
    write_atomically(path, data)


HANDLERS = {
    ("notice", "create"): _notice_create,
    ("notice", "verify"): _notice_verify,
    ("notice", "list"): _notice_list,
    ("notice", "export"): _notice_export,
    ("notice", "status"): _notice_status,
    ("notice", "reinspect"): _notice_reinspect,
    ("notice", "letterhead"): _notice_letterhead,
    ("notice", "numbering"): _notice_numbering,
    ("ca", "init"): _ca_init,
    ("ca", "issue"): _ca_issue,
    ("ca", "revoke"): _ca_revoke,
    ("ca", "crl"): _ca_crl,
    ("ca", "export"): _ca_export,
    ("ca", "list"): _ca_list,
    ("keys", "request"): _keys_request,
    ("keys", "install"): _keys_install,
    ("keys", "signature"): _keys_signature,
}
