"""USB sync: export what the office has not acknowledged, import any bundle safely, receipts.

An **auditor's export** carries every record whose current version the office
has not acknowledged (inspections, notices and what they refer to), the
originals of their photos, the signed PDFs, and this device's audit events. An
**office export** carries what laptops need: checklist editions, sites,
assignments, profiles (public part), the certificate roster with revocations,
and notices (their follow-up). Both are signed bundles (:mod:`model.sync.bundle`).

**Import** verifies the whole bundle (signature, every hash, schema) before it
changes anything, then merges every version in one transaction
(:mod:`model.sync.sync_versions`): new, updated, unchanged, or a conflict kept for a
person. The same bundle again changes nothing. The office's import answers with
a signed **receipt**; a laptop that imports it records what was acknowledged,
and only then may it prune the originals the office holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import socket
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
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
from model.store.ids import new_id
from model.sync import (
    bundle,
    bundle_content,
    sync_batch,
    sync_chain,
    sync_records,
    sync_trust,
    sync_versions,
)

DEVICE_SETTING = "sync.device_id"
SEQUENCE_SETTING = "sync.sequence"
# An auditor sends his own work; the office sends what laptops need (never an authority:
# a laptop's trust root is set at enrolment, see model.sync.sync_trust).
AUDITOR_KINDS = ("inspection", "notice")
OFFICE_KINDS = ("certificate", "profile", "edition", "site", "assignment", "notice")
# Records the office is the authority on: only office bundles carry them, and the office's
# version wins over a laptop's edit instead of becoming a conflict.
OFFICE_OWNED = sync_trust.OFFICE_OWNED
RECORDS_ENTRY, EVENTS_ENTRY, RECEIPT_ENTRY = "records.jsonl", "events.json", "receipt.json"
CRL_ENTRY = "crl.der"  # the office authority's revocation list, in office bundles
ZONE_KEY = "time_zone"  # the office's time zone, in an office bundle's manifest


@dataclass
class ImportSummary:
    """What an import did, for the result screen and ``import --json``."""

    bundle: str
    kind: str = ""
    sender: str = ""
    device_id: str = ""
    sequence: int = 0
    counts: Counter = field(default_factory=Counter)  # new, updated, unchanged, conflict
    media_copied: int = 0
    media_present: int = 0
    events: int = 0
    already_imported: bool = False
    notes: list[str] = field(default_factory=list)  # a sequence gap, a replay …
    receipt: str | None = None  # the receipt written for the sender (office imports)
    history_rewritten: str = ""  # the sender's audit log no longer extends what we hold …
    rewritten_from: int = 0      # … from this event on

    def as_json(self) -> dict:
        """Plain data for ``--json``."""
        return {"bundle": self.bundle, "kind": self.kind, "sender": self.sender,
                "device_id": self.device_id, "sequence": self.sequence,
                "new": self.counts["new"], "updated": self.counts["updated"],
                "unchanged": self.counts["unchanged"], "conflicts": self.counts["conflict"],
                "media_copied": self.media_copied, "media_present": self.media_present,
                "events": self.events, "already_imported": self.already_imported,
                "notes": self.notes, "receipt": self.receipt,
                "history_rewritten": self.history_rewritten,
                "rewritten_from": self.rewritten_from}


# -- this device ----------------------------------------------------------------------


def device_id(store: Store) -> str:
    """This installation's id (made on first use; bundles name their sending device)."""
    found = store.get_setting(DEVICE_SETTING)
    if found is None:
        found = new_id()
        store.set_setting(DEVICE_SETTING, found)
    return found


def record_removals(store: Store, db, kind: str, record_ids: list[str]) -> None:
    """Give removed records that went out in a bundle a tombstone version (inside the
    caller's transaction, which deleted their rows): it travels like any other version and
    removes the record wherever it is merged."""
    me = device_id(store)
    for record_id in record_ids:
        sync_versions.observe(store, db, kind, record_id, sync_records.tombstone(record_id), me)


def _own_device(store: Store) -> str | None:
    """This installation's id if it has one yet; reading it never makes one (an import
    makes it inside its transaction, so a failed or killed import leaves no trace)."""
    return store.get_setting(DEVICE_SETTING)


def status(store: Store) -> dict:
    """Unsynced changes (changes no receipt acknowledged yet), the last export and receipt,
    open conflicts — for the status line: a few indexed reads, nothing written."""
    last, exported, acked = store.db.execute(
        "SELECT max(receipt_at), max(created_at), "
        "max(CASE WHEN receipt_at IS NOT NULL THEN events_upto END) FROM sync_export").fetchone()
    unsynced = store.db.execute("SELECT count(*) FROM audit_event WHERE seq > ? AND action "
                                "NOT LIKE 'sync.%'", [acked or 0]).fetchone()[0]
    conflicts = store.db.execute("SELECT count(*) FROM sync_head WHERE current = 0").fetchone()[0]
    return {"unsynced": unsynced, "last_receipt": last, "last_export": exported,
            "conflicts": conflicts}


# -- export ----------------------------------------------------------------------------


def export(store: Store, folder: Path, actor: Profile, passphrase: str,
           progress: Progress | None = None) -> tuple[Path, dict]:
    """Write a bundle for the other side into ``folder``; return its path and counts."""
    credential = keys.signing_credential(store, actor, passphrase)
    kind = _export_kind(actor, credential)
    me = device_id(store)
    with _spooled_versions(store, actor, kind == "office") as spool:
        events_upto, events = _local_events(store)
        entries = [bundle.Entry(RECORDS_ENTRY, path=spool.path),
                   bundle.Entry(EVENTS_ENTRY, _json(events))]
        entries += _media_entries(store, sorted(spool.media)) + _pdf_entries(store, spool.pdfs)
        entries += _office_entries(store) if kind == "office" else []
        sequence = int(store.get_setting(SEQUENCE_SETTING, "0")) + 1
        target = Path(folder) / f"civicaudit-{kind}-{actor.staff_no}-{sequence:05d}{bundle.SUFFIX}"
        counts = {"records": len(spool.keys), "media": len(spool.media)}
        meta = {**counts, sync_chain.HEAD_KEY: sync_chain.head(store.db)}
        if kind == "office":
            meta[ZONE_KEY] = timezone.office_zone(store)
        manifest = bundle.write_bundle(
            target, kind, entries, _signer(credential), schema_version=migrations.LATEST_VERSION,
            device_id=me, device_name=socket.gethostname(), profile=_profile(actor),
            authority_id=bundle.authority_id(credential.chain[0]), sequence=sequence,
            created_at=clock.now_iso(), meta=meta, progress=progress)
    with store.atomic() as db:
        db.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                   "SET value = excluded.value", [SEQUENCE_SETTING, str(sequence)])
        db["sync_export"].insert({
            "sequence": sequence, "kind": kind, "file": target.name,
            "bundle_sha256": _manifest_digest(manifest), "created_at": manifest.created_at,
            "versions": json.dumps(spool.keys), "media": json.dumps(sorted(spool.media)),
            "events_upto": events_upto})
        audit.append(db, actor.id, "sync.export", "sync", str(sequence),
                     {"file": target.name, **counts})
    return target, {**counts, "sequence": sequence}


def _export_kind(actor: Profile, credential: keys.SigningCredential) -> str:
    """An office bundle needs an office-role certificate (laptops refuse any other); an
    auditor bundle is what everyone else sends."""
    if not actor.is_office:
        return "auditor"
    if certificates.role_of(credential.certificate) != "office":
        raise PermissionDeniedError(
            f"Your certificate {credential.serial} does not carry the office role, so laptops "
            "would refuse this office bundle. Have the office authority issue you an office "
            "certificate: keys request, then ca issue --role office, then keys install.")
    return "office"


@dataclass
class _Spool:
    """The records of an export, written one per line to a file as they are versioned (an
    export never holds them all in memory), and what they refer to."""

    path: Path
    keys: list = field(default_factory=list)   # [kind, id, rev] of each version written
    media: set = field(default_factory=set)    # originals the photos need
    pdfs: list = field(default_factory=list)   # signed PDFs of the notices


@contextlib.contextmanager
def _spooled_versions(store: Store, actor: Profile, office: bool) -> Iterator[_Spool]:
    """Every record the other side lacks, in ``sync_records.ORDER``, into a JSON Lines file.

    An auditor sends his own work that no receipt acknowledged; the office sends its
    kinds, and the inspections behind its notices (a laptop may lack another auditor's)."""
    folder = store.data_dir / "tmp"
    folder.mkdir(exist_ok=True)
    spool = _Spool(folder / f"records-{new_id()}.jsonl")
    kinds = OFFICE_KINDS if office else AUDITOR_KINDS
    me = device_id(store)
    try:
        with open(spool.path, "wb") as out, store.atomic() as db:
            for kind in sync_records.ORDER:
                if kind in kinds or (office and kind == "inspection"):
                    for version in _pending(store, db, kind, me, office, actor):
                        out.write(version.as_line() + b"\n")
                        spool.keys.append([version.kind, version.id, version.rev])
                        spool.media.update(sync_records.media_hashes(version.content))
                        spool.pdfs += _pdf_names(version)
        yield spool
    finally:
        spool.path.unlink(missing_ok=True)


def _pending(store: Store, db, kind: str, me: str, office: bool,
             actor: Profile) -> Iterator[sync_versions.Version]:
    """Current versions of the records of one kind that the other side should get."""
    if office and kind == "inspection":
        record_ids = [row[0] for row in db.execute(
            "SELECT DISTINCT inspection_id FROM notice WHERE status NOT IN ('reserved', 'void') "
            "ORDER BY 1")]
    elif kind == "inspection":  # an auditor's own; others' came from the office
        record_ids = [row[0] for row in db.execute(
            "SELECT id FROM inspection WHERE auditor_id = ? ORDER BY id", [actor.id])]
    else:
        record_ids = sync_records.ids(store, kind)
    acked = dict(db.execute("SELECT id, rev FROM sync_ack WHERE kind = ?", [kind]).fetchall())
    observer = sync_versions.Observer(store, db, kind, me)
    for record_id, content in sync_records.read_many(store, kind, record_ids):
        version = observer.observe(record_id, content)
        if version is not None and acked.get(record_id) != version.rev:
            yield version
    observer.flush()


def _pdf_names(version: sync_versions.Version) -> list[str]:
    if version.kind != "notice":
        return []
    return [f"{version.id}.pdf"] + [f"reinspection-{r['id']}.pdf"
                                    for r in version.content["reinspections"]]


def _local_events(store: Store) -> tuple[int, list[dict]]:
    acked = store.db.execute("SELECT max(events_upto) FROM sync_export WHERE receipt_at IS NOT "
                             "NULL").fetchone()[0] or 0
    rows = list(store.db.query("SELECT seq, id, at, actor_id, action, entity, entity_id, detail,"
                               " hash FROM audit_event WHERE seq > ? ORDER BY seq", [acked]))
    return (rows[-1]["seq"] if rows else acked), rows


def _media_entries(store: Store, hashes: list[str]) -> list[bundle.Entry]:
    entries = []
    for sha in hashes:
        path = media.original_path(store, sha)
        if path.exists():
            entries.append(bundle.Entry(f"media/{sha[:2]}/{sha[2:]}", path=path, sha256=sha))
    return entries


def _office_entries(store: Store) -> list[bundle.Entry]:
    """What only the office sends besides records: its authority's revocation list."""
    crl = revocation.current_crl(store)
    return [bundle.Entry(CRL_ENTRY, crl)] if crl else []


def _pdf_entries(store: Store, names: list[str]) -> list[bundle.Entry]:
    entries = []
    for name in names:
        path = store.data_dir / "notices" / name
        if path.exists():
            entries.append(bundle.Entry(f"notices/{name}", path=path))
    return entries


# -- import ----------------------------------------------------------------------------


def import_bundle(store: Store, path: Path, actor: Profile, passphrase: str | None = None,
                  receipt_folder: Path | None = None,
                  progress: Progress | None = None) -> ImportSummary:
    """Verify a bundle completely, then merge it in one transaction (see the module text).

    An office import writes a signed receipt into ``receipt_folder`` (the stick) when
    given, which needs the office user's ``passphrase``.
    """
    path = Path(path)
    summary = ImportSummary(str(path))
    with bundle.open_bundle(path, _trust(store), progress, hash_entries=False) as opened:
        manifest = opened.manifest
        summary.kind, summary.sequence = manifest.kind, manifest.sequence
        summary.device_id, summary.sender = manifest.device_id, manifest.profile.get("name", "")
        if manifest.device_id == _own_device(store):
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
            return _import_receipt(store, opened, summary, actor)
        wants_receipt = (manifest.kind == "auditor" and receipt_folder is not None
                         and passphrase is not None)
        # the key must unlock before anything is merged, or the receipt could never be written
        credential = keys.signing_credential(store, actor, passphrase) if wants_receipt else None
        received = _Received()
        if seen:
            summary.already_imported = True
            summary.notes.append("this bundle was imported before; nothing changed")
            if wants_receipt:  # again: the first receipt may be lost
                for version in _versions(path, opened):
                    received.add(version)
        else:
            _import_new(store, path, opened, summary, actor, received, progress)
    if credential is not None:
        summary.receipt = str(_write_receipt(store, manifest, received, receipt_folder, actor,
                                             credential))
    return summary


def _import_new(store: Store, path: Path, opened, summary: ImportSummary, actor: Profile,
                received: _Received, progress: Progress | None) -> None:
    """Merge a bundle not imported before. Nothing changes before everything is checked:
    the records and events before the merge reads them; the photos and PDFs on a second
    thread while the records merge, each read once (copied as it is checked, all put in
    place once all are right); the merge commits only after that."""
    manifest = opened.manifest
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


@dataclass
class _Received:
    """What a bundle brought, for its receipt: each version's key and the photos' hashes."""

    keys: list = field(default_factory=list)
    media: set = field(default_factory=set)

    def add(self, version: sync_versions.Version) -> None:
        self.keys.append([version.kind, version.id, version.rev])
        self.media.update(sync_records.media_hashes(version.content))


def _trust(store: Store) -> bundle.Trust:
    return bundle.Trust(
        authorities=tuple(certificates.load_certificate(a.cert_pem)
                          for a in authority.trusted_authorities(store)),
        revoked_serials=frozenset(revocation.revoked_serials(store)),
        schema_version=migrations.LATEST_VERSION, at=clock.now())


def _check_direction(store: Store, path: Path, manifest: bundle.Manifest, actor: Profile) -> None:
    if manifest.kind == "auditor" and not actor.is_office:
        raise PermissionDeniedError(f"{path}: an auditor's bundle goes to the office; sign in "
                                    "with an office profile to import it.")
    if manifest.kind in ("office", "receipt") and actor.is_office:
        what = "bundle" if manifest.kind == "office" else "receipt"
        raise InputFileError(path, f"this is the office's {what} for an auditor's laptop; "
                                   "import it there")


def _seen(store: Store, manifest: bundle.Manifest) -> bool:
    row = store.db.execute("SELECT bundle_sha256 FROM sync_peer WHERE device_id = ? AND "
                           "sequence = ?", [manifest.device_id, manifest.sequence]).fetchone()
    return row is not None and row[0] == _manifest_digest(manifest)


def _sequence_notes(store: Store, manifest: bundle.Manifest) -> list[str]:
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
               received: _Received, before_commit: Callable[[], object] = lambda: None) -> None:
    manifest = opened.manifest
    with store.atomic() as db, tallies.bulk(db) as tally:
        me = device_id(store)
        if manifest.kind == "auditor":
            sync_trust.ensure_sender_profile(db, manifest, opened.signer_certificate, actor.id)
        else:
            _take_office_settings(store, opened, summary)
        pending = sync_batch.PendingApplies(store, db, tally, summary.bundle)
        for version in versions:
            with bundle_content.applying(summary.bundle, version.kind, version.id):
                _merge_one(store, db, manifest, version, summary, received, me, pending)
        pending.flush()
        before_commit()  # an error here (a file that would not extract) rolls back the merge
        _keep_events(db, manifest, events, summary, actor)
        db.execute("INSERT OR REPLACE INTO sync_peer (device_id, sequence, bundle_sha256, kind,"
                   " profile, imported_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [manifest.device_id, manifest.sequence, _manifest_digest(manifest),
                    manifest.kind, json.dumps(manifest.profile, ensure_ascii=False),
                    clock.now_iso(), json.dumps(summary.as_json(), ensure_ascii=False)])
        audit.append(db, actor.id, "sync.import", "sync", f"{manifest.device_id}:"
                     f"{manifest.sequence}", {"bundle": Path(summary.bundle).name,
                                              **dict(summary.counts)})


def _take_office_settings(store: Store, opened, summary: ImportSummary) -> None:
    """An office bundle's revocation list (checked against this laptop's own trust root) and
    the office's time zone (a zone this computer does not know is left, with a note)."""
    if CRL_ENTRY in opened.names():
        revocation.install_crl(store, opened.read(CRL_ENTRY), f"{summary.bundle}: {CRL_ENTRY}")
    zone = opened.manifest.meta.get(ZONE_KEY)
    if isinstance(zone, str):
        try:
            timezone.apply_office_zone(store, zone)
        except ValidationError:
            summary.notes.append(f"the office's time zone {zone} is unknown to this computer; "
                                 "update CivicAudit (times stay in the zone used so far)")


def _keep_events(db, manifest: bundle.Manifest, events: list[dict], summary: ImportSummary,
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


def _merge_one(store: Store, db, manifest: bundle.Manifest, version, summary, received,
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


# -- receipts ---------------------------------------------------------------------------


def _write_receipt(store: Store, manifest: bundle.Manifest, received: _Received, folder: Path,
                   actor: Profile, credential: keys.SigningCredential) -> Path:
    hashes = sorted(h for h in received.media if media.original_path(store, h).exists())
    body = {"for_device": manifest.device_id, "for_sequence": manifest.sequence,
            "for_manifest": _manifest_digest(manifest), "versions": received.keys,
            "media": hashes}
    sequence = int(store.get_setting(SEQUENCE_SETTING, "0")) + 1
    target = Path(folder) / (f"civicaudit-receipt-{manifest.profile.get('staff_no', '')}-"
                             f"{manifest.sequence:05d}{bundle.SUFFIX}")
    bundle.write_bundle(
        target, "receipt", [bundle.Entry(RECEIPT_ENTRY, _json(body))], _signer(credential),
        schema_version=migrations.LATEST_VERSION, device_id=device_id(store),
        device_name=socket.gethostname(), profile=_profile(actor),
        authority_id=bundle.authority_id(credential.chain[0]), sequence=sequence,
        created_at=clock.now_iso(), meta={"for_sequence": manifest.sequence})
    store.set_setting(SEQUENCE_SETTING, str(sequence))
    return target


def _import_receipt(store: Store, opened, summary: ImportSummary, actor: Profile):
    raw = opened.read(RECEIPT_ENTRY) if RECEIPT_ENTRY in opened.names() else None
    body = bundle_content.receipt(summary.bundle, raw, RECEIPT_ENTRY)
    if body["for_device"] != _own_device(store):
        raise InputFileError(summary.bundle, "this receipt answers another laptop's bundle")
    export = sync_trust.receipted_export(store.db, summary.bundle, body)
    versions, hashes = sync_trust.acknowledged(body, export)
    with store.atomic() as db:
        for kind, record_id, rev in versions:
            db.execute("INSERT INTO sync_ack (kind, id, rev) VALUES (?, ?, ?) ON CONFLICT "
                       "(kind, id) DO UPDATE SET rev = excluded.rev", [kind, record_id, rev])
        for sha in hashes:
            db.execute("INSERT OR IGNORE INTO sync_media_ack (sha256) VALUES (?)", [sha])
        db.execute("UPDATE sync_export SET receipt_at = ? WHERE sequence = ?",
                   [clock.now_iso(), body["for_sequence"]])
        db.execute("INSERT OR REPLACE INTO sync_peer (device_id, sequence, bundle_sha256, kind,"
                   " profile, imported_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [opened.manifest.device_id, opened.manifest.sequence,
                    _manifest_digest(opened.manifest), "receipt",
                    json.dumps(opened.manifest.profile, ensure_ascii=False), clock.now_iso(),
                    "{}"])
        audit.append(db, actor.id, "sync.receipt", "sync", str(body["for_sequence"]),
                     {"acknowledged": len(versions), "media": len(hashes)})
    summary.counts["acknowledged"] = len(versions)
    return summary


def prunable(store: Store) -> list[str]:
    """Originals the office acknowledged, of finished inspections with no open notice:
    what :func:`prune` would delete from this laptop (previews and thumbnails stay)."""
    rows = store.db.execute(
        "SELECT DISTINCT p.sha256 FROM photo p JOIN sync_media_ack a ON a.sha256 = p.sha256 "
        "JOIN inspection i ON i.id = p.inspection_id WHERE i.status = 'finished' AND NOT EXISTS "
        "(SELECT 1 FROM notice n WHERE n.inspection_id = i.id AND n.status NOT IN "
        "('closed', 'void'))").fetchall()
    return [sha for (sha,) in rows if media.original_path(store, sha).exists()]


def prune(store: Store, actor: Profile, confirmed: bool) -> int:
    """Delete the originals :func:`prunable` lists; only with ``confirmed`` (a person said so)."""
    if not confirmed:
        raise ValidationError("Pruning deletes photo originals from this laptop; confirm it.")
    hashes = prunable(store)
    for sha in hashes:
        media.original_path(store, sha).unlink(missing_ok=True)
    with store.atomic() as db:
        audit.append(db, actor.id, "sync.prune", "sync", "media", {"originals": len(hashes)})
    return len(hashes)


# -- conflicts --------------------------------------------------------------------------


def resolve_conflict(store: Store, kind: str, record_id: str, keep_rev: str,
                     actor: Profile) -> None:
    """Keep one of a record's competing versions; the others are superseded everywhere."""
    with store.atomic() as db:
        version = sync_versions.resolve(store, db, kind, record_id, keep_rev, device_id(store))
        sync_records.apply(store, db, kind, version.content)
        audit.append(db, actor.id, "sync.resolve", kind, record_id, {"kept": keep_rev})


# -- helpers ----------------------------------------------------------------------------


def _signer(credential: keys.SigningCredential) -> bundle.Signer:
    return bundle.Signer(credential.private_key, (credential.certificate, *credential.chain))


def _profile(actor: Profile) -> dict:
    return {"id": actor.id, "name": actor.name, "staff_no": actor.staff_no}


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _manifest_digest(manifest: bundle.Manifest) -> str:
    return hashlib.sha256(manifest.raw or _json(manifest.entries)).hexdigest()
