"""USB sync import: verify any bundle completely, then merge it in one transaction.

**Import** verifies the whole bundle (signature, every hash, schema) before it
changes anything, then merges every version in one transaction
(:mod:`model.sync.sync_versions`): new, updated, unchanged, or a conflict kept for a
person. The same bundle again changes nothing. The office's import answers with
a signed receipt, and a laptop's import of a receipt records what the office
acknowledged (both in :mod:`model.sync.sync_receipts`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

from model.errors import (
    InputFileError,
    PermissionDeniedError,
    ValidationError,
)
from model.inspections import tallies
from model.people import authority, certificates, keys, revocation
from model.people.profiles import Profile
from model.photos import media
from model.progress import Progress
from model.store import audit, clock, migrations, timezone
from model.store.db import Store
from model.sync import (
    bundle_content,
    bundle_format,
    bundle_open,
    office_settings,
    sync_batch,
    sync_chain,
    sync_device,
    sync_export,
    sync_holds,
    sync_receipts,
    sync_records,
    sync_trust,
    sync_versions,
)
from model.sync.import_summary import ImportSummary
from model.sync.sync_export import CRL_ENTRY, EVENTS_ENTRY, RECORDS_ENTRY, ZONE_KEY

# Records the office is the authority on: only office bundles carry them, and the office's
# version wins over a laptop's edit instead of becoming a conflict.
OFFICE_OWNED = sync_trust.OFFICE_OWNED


def import_bundle(store: Store, path: Path, actor: Profile, passphrase: str | None = None,
                  receipt_folder: Path | None = None,
                  progress: Progress | None = None) -> ImportSummary:
    """Verify a bundle completely, then merge it in one transaction (see the module text).

    An office import writes a signed receipt into ``receipt_folder`` (the stick) when
    given, which needs the office user's ``passphrase``.
    """
    path = Path(path)
    summary = ImportSummary(str(path))
    with bundle_open.open_bundle(path, _trust(store), progress, hash_entries=False) as opened:
        manifest = opened.manifest
        summary.kind, summary.sequence = manifest.kind, manifest.sequence
        summary.device_id, summary.sender = manifest.device_id, manifest.profile.get("name", "")
        if manifest.device_id == sync_device.own_device(store):
            raise InputFileError(path, "this bundle was made on this computer; import it on "
                                       "the other side")
        _check_direction(store, path, manifest, actor)
        sync_trust.check_sender(path, manifest, opened.signer_certificate)
        seen = _seen(store, manifest)
        if not seen and manifest.kind == "receipt":  # all checked before anything changes
            opened.hash_entries(progress)
        if manifest.kind == "receipt":
            if seen:
                summary.already_imported = True
                summary.notes.append("this receipt was imported before; nothing changed")
                return summary
            return sync_receipts.import_receipt(store, opened, summary, actor)
        wants_receipt = (manifest.kind == "auditor" and receipt_folder is not None
                         and passphrase is not None)
        # the key must unlock before anything is merged, or the receipt could never be written
        credential = keys.signing_credential(store, actor, passphrase) if wants_receipt else None
        received = sync_receipts.Received()
        if seen:
            summary.already_imported = True
            summary.notes.append("this bundle was imported before; nothing changed")
            if wants_receipt:  # again: the first receipt may be lost
                for version in _versions(path, opened):
                    received.add(version)
        else:
            _import_new(store, path, opened, summary, actor, received, progress)
    if credential is not None:
        summary.receipt = str(sync_receipts.write_receipt(store, manifest, received,
                                                          receipt_folder, actor, credential))
    return summary


def _import_new(store: Store, path: Path, opened, summary: ImportSummary, actor: Profile,
                received: sync_receipts.Received, progress: Progress | None) -> None:
    """Merge a bundle not imported before. Nothing changes before everything is checked:
    an office bundle that leaves out what this laptop lacks is refused
    (:mod:`model.sync.sync_holds`); the records and events are checked before the merge
    reads them; the photos and PDFs on a second thread while the records merge, each read
    once (copied as it is checked, all put in place once all are right); the merge commits
    only after that."""
    manifest = opened.manifest
    if manifest.kind == "office":
        sync_holds.check_since(store.db, path, manifest)
    if progress is not None:
        progress.start(sum(entry["size"] for entry in manifest.entries))
    opened.check_and_extract(_record_entries(opened), {}, progress)
    events = _events(path, opened)
    summary.notes += _sequence_notes(store, manifest)
    with ThreadPoolExecutor(max_workers=1) as files:
        created: list[Path] = []
        extracted = files.submit(_extract_files, store, opened, summary, created, progress)
        try:
            _merge_all(store, opened, _cancellable(_versions(path, opened), progress),
                       events, summary, actor, received, extracted.result)
        except BaseException:
            wait([extracted])
            _remove(created)  # the merge rolled back: nothing refers to them
            raise
        finally:
            wait([extracted])


def _cancellable(versions: Iterator[sync_versions.Version],
                 progress: Progress | None) -> Iterator[sync_versions.Version]:
    """The versions, stopping at the next one once a cancel was asked for (the merge then
    rolls back)."""
    for version in versions:
        if progress is not None:
            progress.check()
        yield version


def _trust(store: Store) -> bundle_format.Trust:
    return bundle_format.Trust(
        authorities=tuple(certificates.load_certificate(a.cert_pem)
                          for a in authority.trusted_authorities(store)),
        revoked_serials=frozenset(revocation.revoked_serials(store)),
        schema_version=migrations.LATEST_VERSION, at=clock.now())


def _check_direction(store: Store, path: Path, manifest: bundle_format.Manifest,
                     actor: Profile) -> None:
    if manifest.kind == "auditor" and not actor.is_office:
        raise PermissionDeniedError(f"{path}: an auditor's bundle goes to the office; sign in "
                                    "with an office profile to import it.")
    if manifest.kind in ("office", "receipt") and actor.is_office:
        what = "bundle" if manifest.kind == "office" else "receipt"
        raise InputFileError(path, f"this is the office's {what} for an auditor's laptop; "
                                   "import it there")


def _seen(store: Store, manifest: bundle_format.Manifest) -> bool:
    row = store.db.execute("SELECT bundle_sha256 FROM sync_peer WHERE device_id = ? AND "
                           "sequence = ?", [manifest.device_id, manifest.sequence]).fetchone()
    return row is not None and row[0] == sync_export.manifest_digest(manifest)


def _sequence_notes(store: Store, manifest: bundle_format.Manifest) -> list[str]:
    seen = {row[0] for row in store.db.execute(
        "SELECT sequence FROM sync_peer WHERE device_id = ?", [manifest.device_id])}
    if manifest.sequence in seen:
        return [f"sequence {manifest.sequence} of this device was imported before with other "
                "content (replayed or re-made); merged record by record"]
    missing = [n for n in range(1, manifest.sequence) if n not in seen]
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        return [f"bundles {shown} of this device were not imported here (a gap); later bundles "
                "repeat what was missed"]
    return []


def versions(path: Path, opened) -> Iterator[sync_versions.Version]:
    """The versions of an opened bundle one at a time, checked as :func:`import_bundle`
    reads them (for a reader that only looks, such as joining an office)."""
    return _versions(path, opened)


def _versions(path: Path, opened) -> Iterator[sync_versions.Version]:
    """The bundle's versions one at a time (never all in memory), checked as they come:
    known kinds, in ``sync_records.ORDER`` (what a record refers to comes first)."""
    rank = 0
    for number, line in enumerate(opened.lines(RECORDS_ENTRY), start=1):
        try:
            version = sync_versions.Version.from_line(line)
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise InputFileError(path, f"{RECORDS_ENTRY} line {number} is malformed ({exc}); "
                                       "ask the sender to export again") from None
        if version.kind not in sync_records.KINDS:
            raise InputFileError(path, f"unknown record kind {version.kind!r}; update this "
                                       "program")
        if sync_records.ORDER.index(version.kind) < rank:
            raise InputFileError(path, f"{RECORDS_ENTRY} line {number} is out of order; ask "
                                       "the sender to export again")
        rank = sync_records.ORDER.index(version.kind)
        yield version


def _events(path: Path, opened) -> list[dict]:
    if EVENTS_ENTRY not in opened.names():
        return []
    return bundle_content.events(path, opened.read(EVENTS_ENTRY), EVENTS_ENTRY)


def _record_entries(opened) -> list[str]:
    return [name for name in (RECORDS_ENTRY, EVENTS_ENTRY) if name in opened.names()]


def _extract_files(store: Store, opened, summary: ImportSummary, created: list[Path],
                   progress: Progress | None) -> None:
    """Check the photos and PDFs and put those not here yet into place (content-addressed or
    by id, so nothing refers to them yet); ``created`` lists them, for a failed merge to
    remove."""
    targets = {}
    for name in opened.names():
        if name.startswith("media/"):
            target = media.original_path(store, name[len("media/"):].replace("/", ""))
            if target.exists():
                summary.media_present += 1
            else:
                targets[name] = target
        elif name.startswith("notices/"):
            target = store.data_dir / "notices" / Path(name).name
            if not target.exists():
                targets[name] = target
    created += targets.values()
    records = _record_entries(opened)
    opened.check_and_extract([name for name in opened.names() if name not in records],
                             targets, progress)
    summary.media_copied += sum(name.startswith("media/") for name in targets)


def _remove(files: list[Path]) -> None:
    for path in files:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _merge_all(store: Store, opened, versions, events, summary, actor: Profile,
               received: sync_receipts.Received,
               before_commit: Callable[[], object] = lambda: None) -> None:
    manifest = opened.manifest
    with store.atomic() as db, tallies.bulk(db) as tally:
        me = sync_device.device_id(store)
        if manifest.kind == "auditor":
            sync_trust.ensure_sender_profile(db, manifest, opened.signer_certificate, actor.id)
            summary.notes += sync_holds.record_claim(db, manifest, opened.signer_certificate, me)
        else:
            _take_office_settings(store, db, opened, summary)
        pending = sync_batch.PendingApplies(store, db, tally, summary.bundle)
        for version in versions:
            with bundle_content.applying(summary.bundle, version.kind, version.id):
                _merge_one(store, db, manifest, version, summary, received, me, pending)
        pending.flush()
        before_commit()  # an error here (a file that would not extract) rolls back the merge
        _keep_events(db, manifest, events, summary, actor)
        db.execute("INSERT OR REPLACE INTO sync_peer (device_id, sequence, bundle_sha256, kind,"
                   " profile, imported_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [manifest.device_id, manifest.sequence, sync_export.manifest_digest(manifest),
                    manifest.kind, json.dumps(manifest.profile, ensure_ascii=False),
                    clock.now_iso(), json.dumps(summary.as_json(), ensure_ascii=False)])
        audit.append(db, actor.id, "sync.import", "sync", f"{manifest.device_id}:"
                     f"{manifest.sequence}", {"bundle": Path(summary.bundle).name,
                                              **dict(summary.counts)})


def _take_office_settings(store: Store, db, opened, summary: ImportSummary) -> None:
    """An office bundle's revocation list (checked against this laptop's own trust root),
    the office's time zone (a zone this computer does not know is left, with a note) and its
    letterhead, numbering, stamp and negative list (:mod:`model.sync.office_settings`)."""
    changed, notes = office_settings.take(store, db, opened, summary.bundle)
    summary.settings_taken, summary.notes = changed, summary.notes + notes
    if CRL_ENTRY in opened.names():
        revocation.install_crl(store, opened.read(CRL_ENTRY), f"{summary.bundle}: {CRL_ENTRY}")
    zone = opened.manifest.meta.get(ZONE_KEY)
    if isinstance(zone, str):
        try:
            timezone.apply_office_zone(store, zone)
        except ValidationError:
            summary.notes.append(f"the office's time zone {zone} is unknown to this computer; "
                                 "update CivicAudit (times stay in the zone used so far)")


def _keep_events(db, manifest: bundle_format.Manifest, events: list[dict], summary: ImportSummary,
                 actor: Profile) -> None:
    """Store the sender's audit events; at the office, first check that the laptop's chain
    still extends what the office holds of it (:mod:`model.sync.sync_chain`)."""
    if manifest.kind == "auditor":
        claimed = manifest.meta.get(sync_chain.HEAD_KEY)
        found = sync_chain.check(db, manifest.device_id, manifest.sequence, events, claimed)
        if found is not None:
            sync_chain.report(db, actor.id, manifest.device_id, summary.sender, found)
            summary.history_rewritten, summary.rewritten_from = found.problem, found.event
        sync_chain.record(db, manifest.device_id, manifest.sequence, claimed)
    for event in events:
        summary.events += db.execute(
            "INSERT OR IGNORE INTO remote_event (device_id, seq, id, at, actor_id, action,"
            " entity, entity_id, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [manifest.device_id, event["seq"], event["id"], event["at"], event["actor_id"],
             event["action"], event["entity"], event["entity_id"], event["detail"],
             event["hash"]]).rowcount


def _merge_one(store: Store, db, manifest: bundle_format.Manifest, version, summary, received,
               me: str, pending: sync_batch.PendingApplies) -> None:
    received.add(version)
    pending.settle(version.id)
    if not sync_trust.check_record(db, summary.bundle, manifest, version.kind, version.id,
                                   version.content):
        summary.counts["unchanged"] += 1  # an authority in an office bundle: never taken
        return
    local = sync_records.read(store, version.kind, version.id)
    if local is not None:  # a local edit becomes a version first (observe only reads else)
        sync_versions.observe(store, db, version.kind, version.id, local, me)
    merged = sync_versions.merge(store, db, version,
                                 prefer_incoming=version.kind in OFFICE_OWNED)
    summary.counts[merged.outcome] += 1
    if merged.applied is not None:
        pending.add(version.kind, version.id, merged.applied)
    if manifest.kind == "office":
        _office_holds(db, version)


def _office_holds(db, version: sync_versions.Version) -> None:
    """Note that the office holds ``version``: it sent it, in a bundle its certificate signed.

    A laptop's export leaves out what the office acknowledged (``sync_ack``), so what came
    from the office never goes back to it unchanged (it did, for every notice of every
    auditor). A later local edit is a new version, which the office has not: it goes."""
    db.execute("INSERT INTO sync_ack (kind, id, rev) VALUES (?, ?, ?) ON CONFLICT (kind, id) "
               "DO UPDATE SET rev = excluded.rev", [version.kind, version.id, version.rev])
