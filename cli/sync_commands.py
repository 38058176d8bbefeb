"""CLI commands for USB sync: ``export``, ``import`` and ``sync`` (status, conflicts, prune).

Bundles are signed with the signed-in profile's key (its password is the
passphrase), so export and import need a sign-in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cli.output import emit, emit_json, table

if TYPE_CHECKING:
    from usecases.services import Services

NEEDS_SIGN_IN = {("export", None), ("import", None), ("sync", "resolve"), ("sync", "prune"),
                 ("sync", "status"), ("sync", "conflicts")}


def add_parsers(commands, json_flag) -> None:
    """Add ``export``, ``import`` and ``sync`` to the main parser."""
    export = commands.add_parser("export", help="write a signed sync bundle for the other side "
                                                "(auditor → office, or office → auditors)")
    export.add_argument("--to", metavar="DIR", required=True, type=Path,
                        help="the folder to write into (the USB stick)")
    export.add_argument("--full", action="store_true",
                        help="office: send everything, not only what the laptops lack (for a "
                             "laptop that missed a bundle)")
    json_flag(export)
    imported = commands.add_parser("import", help="verify and merge a sync bundle or receipt; "
                                                  "prints new, updated, unchanged, conflicts")
    imported.add_argument("file", metavar="FILE", type=Path)
    imported.add_argument("--receipt-to", metavar="DIR", type=Path,
                          help="office: write the signed receipt for the auditor here")
    json_flag(imported)
    group = commands.add_parser("sync", help="sync state, conflicts, pruning").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    json_flag(group.add_parser("status", help="unsynced changes, last receipt, conflicts"))
    json_flag(group.add_parser("conflicts", help="records edited on two machines"))
    resolve = group.add_parser("resolve", help="keep one version of a conflicting record")
    resolve.add_argument("kind")
    resolve.add_argument("id")
    resolve.add_argument("rev", help="the version to keep (see `sync conflicts`)")
    prune = group.add_parser("prune", help="delete photo originals the office acknowledged")
    prune.add_argument("--yes", action="store_true", help="confirm the deletion")


def _export(args, services: Services) -> None:
    path, counts = services.sync.export(args.to, args.password, full=args.full)
    if args.json:
        return emit_json({"bundle": str(path), **counts})
    emit(f"Bundle {counts['sequence']} written to {path}: {counts['records']} record(s), "
         f"{counts['media']} photo original(s).")
    if counts.get("since"):
        emit(f"  only what changed since office bundle {counts['since']}, which every laptop "
             "holds; a laptop that missed one needs a complete bundle (export --full)")


def _import(args, services: Services) -> int:
    summary = services.sync.import_bundle(args.file, args.receipt_to, args.password)
    if args.json:
        emit_json(summary.as_json())
        return 0
    data = summary.as_json()
    if summary.kind == "receipt":
        emit(f"{args.file}: the office's receipt for your bundle {summary.acknowledges}, "
             f"from {summary.sender}")
    else:
        emit(f"{args.file}: {summary.kind} bundle {summary.sequence} from {summary.sender}")
    if summary.already_imported:  # as the import dialog: this line, not the note repeating it
        emit("  already imported before: nothing changed.")
    elif summary.kind == "receipt":
        emit(f"  the office acknowledged {summary.counts['acknowledged']} record version(s); "
             "photo originals it acknowledged may now be pruned (sync prune --yes)")
    else:
        emit(f"  new {data['new']}, updated {data['updated']}, unchanged {data['unchanged']}, "
             f"conflicts {data['conflicts']}; photos copied {summary.media_copied}, already "
             f"here {summary.media_present}")
    if summary.history_rewritten:
        emit(f"  WARNING: the audit log of {summary.sender}'s laptop was rewritten after the "
             f"office received it ({summary.history_rewritten}); the import went on, the "
             "office's audit log records it: ask for the laptop and report it")
    if summary.settings_taken:
        emit(f"  the office's settings now used here: {', '.join(summary.settings_taken)}")
    for note in summary.notes if not summary.already_imported else ():
        emit(f"  note: {note}")
    if summary.receipt:
        emit(f"  receipt for the auditor: {summary.receipt}")
    return 0


def _status(args, services: Services) -> None:
    found = services.sync.status()
    if args.json:
        return emit_json(found)
    emit(f"unsynced records: {found['unsynced']}; last export: {found['last_export'] or '—'}; "
         f"last receipt: {found['last_receipt'] or '—'}; conflicts: {found['conflicts']}")


def _conflicts(args, services: Services) -> None:
    found = services.sync.conflicts()
    rows = [(mine.kind, mine.id, mine.rev, mine.stamp, other.rev, other.stamp)
            for mine, other in found]
    if args.json:
        return emit_json([dict(zip(("kind", "id", "in_use", "in_use_at", "other", "other_at"),
                                   row, strict=True)) for row in rows])
    emit(table(("kind", "id", "in use", "changed", "other", "changed"), rows))


def _resolve(args, services: Services) -> None:
    services.sync.resolve_conflict(args.kind, args.id, args.rev)
    emit(f"Kept version {args.rev} of {args.kind} {args.id}.")


def _prune(args, services: Services) -> None:
    candidates = services.sync.prunable()
    if not args.yes:
        emit(f"{len(candidates)} photo original(s) acknowledged by the office could be deleted; "
             "run again with --yes to delete them.")
    else:
        emit(f"Deleted {services.sync.prune(confirmed=True)} photo original(s).")
    kept = services.sync.kept()
    if kept.total:
        emit(f"{kept.total} original(s) stay on this laptop: {kept.unacknowledged} not yet "
             f"acknowledged by the office (export, and import its receipt), {kept.unfinished} "
             f"of unfinished inspections, {kept.open_notice} of inspections with an open "
             "notice (the evidence stays until the notice is closed).")


HANDLERS = {
    ("export", None): _export,
    ("import", None): _import,
    ("sync", "status"): _status,
    ("sync", "conflicts"): _conflicts,
    ("sync", "resolve"): _resolve,
    ("sync", "prune"): _prune,
}
