"""The argument parser: every command, its options and its help text."""

from __future__ import annotations

import argparse
import re

from cli import (
    enrol_commands,
    office_commands,
    plan_commands,
    record_batch,
    report_commands,
    sync_commands,
)
from cli import notices as notice_commands
from model.appinfo import APP_NAME, APP_NAME_ZH, VERSION
from model.checklist.scoring import DIMENSIONS


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for ``main.py``; without a command the GUI starts."""
    parser = argparse.ArgumentParser(
        prog="main.py",
        description=f"{APP_NAME} ({APP_NAME_ZH}) — offline field audits for the "
                    "National Civilized City assessment. Without a command the GUI starts.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {VERSION}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="data directory (default: $CIVICAUDIT_DATA_DIR or the per-user one)")
    parser.add_argument("--user", metavar="WHO",
                        help="staff number or name to act as (default: the last one used); "
                             "the password comes from $CIVICAUDIT_PASSWORD or a prompt")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="GUI language")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    parser.add_argument("--screenshot", metavar="DIR",
                        help="render the main screens with demo data to PNG files in DIR "
                             "(offscreen; your data is not touched) and exit")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation: in an empty --data-dir, load the demo, "
                             "ingest a photo, issue and verify a signed notice, exchange a "
                             "bundle and draw the window offscreen; exit 0 only if all worked")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _demo(commands)
    _profile(commands)
    _checklist(commands)
    _sites(commands)
    _inspections(commands)
    _photos(commands)
    _score(commands)
    _audit(commands)
    notice_commands.add_parsers(commands, _json_flag)
    sync_commands.add_parsers(commands, _json_flag)
    plan_commands.add_parsers(commands, _json_flag)
    report_commands.add_parsers(commands, _json_flag)
    office_commands.add_parsers(commands, _json_flag)
    enrol_commands.add_parsers(commands, _json_flag)
    return parser


def month(value: str) -> str:
    """Accept a month as ``YYYY-MM``."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise argparse.ArgumentTypeError(f"'{value}' is not a month like 2026-11")
    return value


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def _demo(commands) -> None:
    commands.add_parser("demo", help="load the demo city (Taiyuan); running it again adds nothing")


def _profile(commands) -> None:
    group = commands.add_parser("profile", help="auditor and office profiles").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    create = group.add_parser("create", help="create a profile (the first one needs no sign-in; "
                                             "later ones need an office profile)")
    create.add_argument("--name", required=True)
    create.add_argument("--staff-no", required=True)
    create.add_argument("--role", choices=("auditor", "office"), required=True)
    create.add_argument("--organisation", default="")
    group.add_parser("password", help="change your password, which also locks your signing key "
                                      "(the new one from $CIVICAUDIT_NEW_PASSWORD or a prompt)")
    _json_flag(group.add_parser("list", help="list profiles"))


def _checklist(commands) -> None:
    group = commands.add_parser("checklist", help="checklist editions").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    _json_flag(group.add_parser("list", help="list editions (the active one is marked)"))
    export = group.add_parser("export", help="write an edition to CSV for Excel")
    export.add_argument("file", metavar="FILE.csv")
    export.add_argument("--edition", metavar="HASH", help="hash or prefix (default: active)")
    imp = group.add_parser("import", help="derive a new edition from a CSV of local criteria "
                                          "(office only)")
    imp.add_argument("file", metavar="FILE.csv")
    imp.add_argument("--name", required=True, help="the new edition's name")
    imp.add_argument("--base", metavar="HASH", help="edition to derive from (default: active)")
    activate = group.add_parser("activate", help="make an edition the one new inspections use")
    activate.add_argument("edition", metavar="HASH")


def _sites(commands) -> None:
    group = commands.add_parser("sites", help="inspection sites (点位)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    group.add_parser("import", help="create or update sites from CSV (office only)").add_argument(
        "file", metavar="FILE.csv")
    group.add_parser("export", help="write all sites to CSV").add_argument(
        "file", metavar="FILE.csv")
    listing = group.add_parser("list", help="list or search sites")
    listing.add_argument("--search", default="", help="text in name, code or address")
    listing.add_argument("--district", default="")
    listing.add_argument("--type", dest="site_type", default="", help="site type code")
    _json_flag(listing)


def _inspections(commands) -> None:
    group = commands.add_parser("inspections", help="inspections and results").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    listing = group.add_parser("list", help="list inspections with pass and score rates")
    listing.add_argument("--site", metavar="ID", help="site id or code")
    listing.add_argument("--month", metavar="YYYY-MM", type=month)
    _json_flag(listing)
    show = group.add_parser("show", help="one inspection with every criterion and result")
    show.add_argument("id")
    _json_flag(show)
    start = group.add_parser("start", help="start inspecting a site")
    start.add_argument("site", metavar="SITE", help="site id or code")
    _json_flag(start)
    rec = group.add_parser("record", help="record one criterion's result")
    rec.add_argument("id", help="inspection id")
    rec.add_argument("criterion", help="criterion code, e.g. ZCGD-06")
    rec.add_argument("outcome", choices=("pass", "fail", "na"))
    rec.add_argument("--instances", type=int, help="problem instances (fail only; default 1)")
    rec.add_argument("--location", default="", help="precise location, e.g. 3栋2单元一楼")
    rec.add_argument("--note", default="")
    _json_flag(rec)
    record_batch.add_parser(group)
    clear = group.add_parser("clear", help="return a criterion to unanswered")
    clear.add_argument("id")
    clear.add_argument("criterion")
    group.add_parser("finish", help="finish and lock an inspection").add_argument("id")
    reopen = group.add_parser("reopen", help="reopen a finished inspection")
    reopen.add_argument("id")
    reopen.add_argument("--reason", required=True)


def _photos(commands) -> None:
    group = commands.add_parser("photos", help="evidence photos").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    add = group.add_parser("add", help="add photo files or folders to an inspection; reports per "
                                       "file: stored, linked, duplicate or refused with the reason")
    add.add_argument("id", metavar="INSPECTION_ID")
    add.add_argument("files", metavar="FILE_OR_FOLDER", nargs="+")
    add.add_argument("--criterion", metavar="CODE", help="attach to this criterion's finding")
    _json_flag(add)
    listing = group.add_parser("list", help="the photos of an inspection")
    listing.add_argument("id", metavar="INSPECTION_ID")
    _json_flag(listing)
    stamp = group.add_parser("stamp-template", help="set the watermark drawn on photo copies "
                                                    "(office only): fields {time} {site} {gps} "
                                                    "{auditor} {hash}, \\n for a new line")
    stamp.add_argument("template")


def _score(commands) -> None:
    score = commands.add_parser("score", help="pass rate (符合率) and score rate (得分率), ranked")
    score.add_argument("--by", choices=tuple(DIMENSIONS), required=True)
    score.add_argument("--month", metavar="YYYY-MM", type=month)
    _json_flag(score)


def _audit(commands) -> None:
    group = commands.add_parser("audit", help="the hash-chained audit log").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    _json_flag(group.add_parser("verify", help="check that no event was changed or removed"))
