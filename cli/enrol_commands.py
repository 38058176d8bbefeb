"""CLI command ``enrol``: bring a new laptop into the office by USB stick.

    python main.py --user O01 enrol prepare --to E:\\          # the office: bundle + office-ca.pem
    python main.py enrol join E:\\ --staff-no A07             # the new laptop (asks A07's password)
    python main.py --user O01 enrol issue --from E:\\         # the office: the requests it finds
    python main.py --user A07 import E:\\civicaudit-office-…   # the certificate comes with it

``join`` shows the office authority's fingerprint: compare it with the office's screen
(``ca export`` prints it) and confirm, or pass its first characters with ``--fingerprint``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.output import emit
from cli.prompts import read_new_password
from model.errors import ValidationError

if TYPE_CHECKING:
    from usecases.services import Services

NEEDS_SIGN_IN = {("enrol", "prepare"), ("enrol", "issue")}


def add_parsers(commands, json_flag) -> None:
    """Add ``enrol`` to the main parser."""
    group = commands.add_parser("enrol", help="bring a new laptop into the office by USB "
                                              "stick").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    prepare = group.add_parser("prepare", help="the office writes its bundle and authority "
                                               "certificate onto the stick")
    prepare.add_argument("--to", metavar="DIR", required=True, type=Path)
    join = group.add_parser("join", help="a new laptop joins the office from the stick")
    join.add_argument("folder", metavar="DIR", type=Path)
    join.add_argument("--staff-no", required=True, help="your staff number in the office")
    join.add_argument("--fingerprint", default="", help="the first characters of the office "
                                                        "authority's fingerprint, as the "
                                                        "office's screen shows it")
    issue = group.add_parser("issue", help="the office issues the laptops' requests found on "
                                           "the stick")
    issue.add_argument("--from", dest="folder", metavar="DIR", required=True, type=Path)


def _prepare(args, services: Services) -> None:
    bundle, ca_file = services.enrolment.prepare(args.to, args.password)
    emit(f"Wrote {bundle.name} and {ca_file.name} to {args.to}. On the new laptop: "
         f"enrol join {args.to} --staff-no …; its fingerprint must read:\n"
         f"  {services.enrolment.read(args.to).fingerprint}")


def _join(args, services: Services) -> None:
    offer = services.enrolment.read(args.folder)
    emit(f"Office authority “{offer.authority_name}”, fingerprint:\n  {offer.fingerprint}")
    _confirm(offer.fingerprint, args.fingerprint)
    password = read_new_password(f"Your password as {args.staff_no.upper()}: ",
                                 "your new password")
    profile, summary, request = services.enrolment.join(offer, args.staff_no, password,
                                                        args.folder)
    emit(f"Joined as {profile.name} ({profile.staff_no}): {summary.counts['new']} records "
         f"from the office. Your certificate request is {request.name} on the stick: the "
         "office issues it (enrol issue), and your certificate comes with its next bundle.")


def _confirm(shown: str, given: str) -> None:
    """The person says the fingerprint matches the office's screen (or gave its start)."""
    compact = shown.replace(":", "").replace(" ", "")
    if given:
        if not compact.startswith(given.replace(":", "").replace(" ", "").upper()) \
                or len(given.replace(":", "").replace(" ", "")) < 8:
            raise ValidationError("The fingerprint given does not match this authority (give "
                                  "at least its first 8 characters); nothing was changed.")
        return
    if not sys.stdin.isatty():
        raise ValidationError("Compare the fingerprint with the office's screen and pass its "
                              "first characters with --fingerprint; nothing was changed.")
    if input("Does it match the office's screen? [y/N] ").strip().lower() not in ("y", "yes"):
        raise ValidationError("Not joined: the fingerprint was not confirmed.")


def _issue(args, services: Services) -> None:
    found = services.enrolment.issue_requests(args.folder, args.password)
    if not found:
        emit(f"No certificate request (civicaudit-request-*.csr) in {args.folder}.")
    for issued in found:
        outcome = f"certificate {issued.serial}" if issued.serial else issued.problem
        emit(f"  {issued.file}: {issued.staff_no or '?'} — {outcome}")
    if any(i.serial for i in found):
        emit("The certificates go out with the next office bundle (export).")


HANDLERS = {
    ("enrol", "prepare"): _prepare,
    ("enrol", "join"): _join,
    ("enrol", "issue"): _issue,
}
