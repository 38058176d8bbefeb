"""USB sync export: one signed bundle of what the other side has not acknowledged yet.

An **auditor's export** carries every record whose current version the office
has not acknowledged (inspections, notices and what they refer to), the
originals of their photos, the signed PDFs, and this device's audit events; its
manifest says which office bundles the laptop holds. An **office export** carries
what laptops need: checklist editions, sites, assignments, profiles (public part),
the certificate roster with revocations, notices (their follow-up) and its audit
events — of those, only what its laptops lack (:mod:`model.sync.sync_holds`; ``full``
sends all) — and always the revocation list and the office's settings. Both are signed
bundles (:mod:`model.sync.bundle_write`). The entry names and the helpers at the end are
shared with the import (:mod:`model.sync.sync_import`), which reads them, and the
receipts (:mod:`model.sync.sync_receipts`), which are written the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from model.errors import (
    PermissionDeniedError,
)
from model.people import certificates, keys, revocation
from model.people.profiles import Profile
from model.photos import media
from model.progress import Progress
from model.store import audit, clock, migrations, timezone
from model.store.db import Store
from model.store.ids import new_id
from model.sync import (
    bundle_format,
    bundle_write,
    office_settings,
    sync_chain,
    sync_device,
    sync_holds,
    sync_records,
    sync_versions,
)

# An auditor sends his own work; the office sends what laptops need (never an authority:
# a laptop's trust root is set at enrolment, see model.sync.sync_trust).
AUDITOR_KINDS = ("inspection", "notice")
OFFICE_KINDS = ("certificate", "profile", "edition", "site", "assignment", "notice")
RECORDS_ENTRY, EVENTS_ENTRY = "records.jsonl", "events.json"
CRL_ENTRY = "crl.der"  # the office authority's revocation list, in office bundles
ZONE_KEY = "time_zone"  # the office's time zone, in an office bundle's manifest


def export(store: Store, folder: Path, actor: Profile, passphrase: str,
           progress: Progress | None = None, full: bool = False) -> tuple[Path, dict]:
    """Write a bundle for the other side into ``folder``; return its path and counts (an
    office bundle's ``since`` too). An office bundle carries only what its laptops lack,
    unless ``full``; an auditor's carries all the office has not acknowledged anyway."""
    credential = keys.signing_credential(store, actor, passphrase)
    kind = _export_kind(actor, credential)
    me = sync_device.device_id(store)
    since = None  # an auditor's bundle: no office records, nothing to leave out
    if kind == "office":
        since = 0 if full else sync_holds.since(store)
    with _spooled_versions(store, actor, since) as spool:
        events_upto, events = _local_events(store, since)
        entries = [bundle_format.Entry(RECORDS_ENTRY, path=spool.path),
                   bundle_format.Entry(EVENTS_ENTRY, json_bytes(events))]
        entries += _media_entries(store, sorted(spool.media)) + _pdf_entries(store, spool.pdfs)
        entries += _office_entries(store) if kind == "office" else []
        sequence = int(store.get_setting(sync_device.SEQUENCE_SETTING, "0")) + 1
        target = Path(folder) / (f"civicaudit-{kind}-{actor.staff_no}-{sequence:05d}"
                                 f"{bundle_format.SUFFIX}")
        counts = {"records": len(spool.keys), "media": len(spool.media)}
        if since is not None:
            counts[sync_holds.SINCE_KEY] = since
        manifest = bundle_write.write_bundle(
            target, kind, entries, signer(credential), schema_version=migrations.LATEST_VERSION,
            device_id=me, device_name=socket.gethostname(), profile=manifest_profile(actor),
            authority_id=bundle_format.authority_id(credential.chain[0]), sequence=sequence,
            created_at=clock.now_iso(), meta=_meta(store, counts), progress=progress)
    with store.atomic() as db:
        db.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                   "SET value = excluded.value", [sync_device.SEQUENCE_SETTING, str(sequence)])
        db["sync_export"].insert({
            "sequence": sequence, "kind": kind, "file": target.name,
            "bundle_sha256": manifest_digest(manifest), "created_at": manifest.created_at,
            "versions": json.dumps(spool.keys), "media": json.dumps(sorted(spool.media)),
            "events_upto": events_upto})
        if since is not None:
            sync_holds.remember_sent(db, spool.keys, sequence)
        audit.append(db, actor.id, "sync.export", "sync", str(sequence),
                     {"file": target.name, **counts})
    return target, {**counts, "sequence": sequence}


def _meta(store: Store, counts: dict) -> dict:
    """The manifest's ``meta``: the counts and the audit-chain head; an office bundle's
    ``since`` (in ``counts``) and time zone, or what an auditor's laptop holds of the
    office's bundles."""
    meta = {**counts, sync_chain.HEAD_KEY: sync_chain.head(store.db)}
    if sync_holds.SINCE_KEY in counts:
        meta[ZONE_KEY] = timezone.office_zone(store)
    else:
        meta[sync_holds.HELD_KEY] = sync_holds.held(store.db)
    return meta


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
def _spooled_versions(store: Store, actor: Profile, since: int | None) -> Iterator[_Spool]:
    """Every record the other side lacks, in ``sync_records.ORDER``, into a JSON Lines file.

    An auditor (``since`` None) sends his own work that no receipt acknowledged; the office
    sends its kinds, and the inspections behind its notices (a laptop may lack another
    auditor's), leaving out what every laptop holds since its bundle ``since``."""
    folder = store.data_dir / "tmp"
    folder.mkdir(exist_ok=True)
    spool = _Spool(folder / f"records-{new_id()}.jsonl")
    office = since is not None
    kinds = OFFICE_KINDS if office else AUDITOR_KINDS
    me = sync_device.device_id(store)
    try:
        with open(spool.path, "wb") as out, store.atomic() as db:
            for kind in sync_records.ORDER:
                if kind in kinds or (office and kind == "inspection"):
                    for version in _pending(store, db, kind, me, actor, since):
                        out.write(version.as_line() + b"\n")
                        spool.keys.append([version.kind, version.id, version.rev])
                        spool.media.update(sync_records.media_hashes(version.content))
                        spool.pdfs += _pdf_names(version)
        yield spool
    finally:
        spool.path.unlink(missing_ok=True)


def _pending(store: Store, db, kind: str, me: str, actor: Profile,
             since: int | None) -> Iterator[sync_versions.Version]:
    """Current versions of the records of one kind that the other side should get (the
    office's: ``since`` is a number, see :func:`_spooled_versions`)."""
    if since is not None and kind == "inspection":
        record_ids = [row[0] for row in db.execute(
            "SELECT DISTINCT inspection_id FROM notice WHERE status NOT IN ('reserved', 'void') "
            "ORDER BY 1")]
    elif kind == "inspection":  # an auditor's own; others' came from the office
        record_ids = [row[0] for row in db.execute(
            "SELECT id FROM inspection WHERE auditor_id = ? ORDER BY id", [actor.id])]
    else:
        record_ids = sync_records.ids(store, kind)
    acked = (sync_holds.held_everywhere(db, kind, since) if since is not None else
             dict(db.execute("SELECT id, rev FROM sync_ack WHERE kind = ?", [kind]).fetchall()))
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


def _local_events(store: Store, since: int | None) -> tuple[int, list[dict]]:
    """This device's audit events the other side lacks: those after the ones a receipt
    acknowledged, or (the office's) after the ones its bundle ``since`` carried."""
    if since:
        acked = store.db.execute("SELECT events_upto FROM sync_export WHERE sequence = ?",
                                 [since]).fetchone()[0]
    else:
        acked = store.db.execute("SELECT max(events_upto) FROM sync_export WHERE receipt_at "
                                 "IS NOT NULL").fetchone()[0] or 0
    rows = list(store.db.query("SELECT seq, id, at, actor_id, action, entity, entity_id, detail,"
                               " hash FROM audit_event WHERE seq > ? ORDER BY seq", [acked]))
    return (rows[-1]["seq"] if rows else acked), rows


def _media_entries(store: Store, hashes: list[str]) -> list[bundle_format.Entry]:
    entries = []
    for sha in hashes:
        path = media.original_path(store, sha)
        if path.exists():
            entries.append(bundle_format.Entry(f"media/{sha[:2]}/{sha[2:]}", path=path, sha256=sha))
    return entries


def _office_entries(store: Store) -> list[bundle_format.Entry]:
    """What only the office sends besides records: its authority's revocation list and the
    settings every laptop takes (:mod:`model.sync.office_settings`)."""
    crl = revocation.current_crl(store)
    return ([bundle_format.Entry(CRL_ENTRY, crl)] if crl else []) + office_settings.entries(store)


def _pdf_entries(store: Store, names: list[str]) -> list[bundle_format.Entry]:
    entries = []
    for name in names:
        path = store.data_dir / "notices" / name
        if path.exists():
            entries.append(bundle_format.Entry(f"notices/{name}", path=path))
    return entries


# -- what every bundle this device writes shares ------------------------------------


def signer(credential: keys.SigningCredential) -> bundle_format.Signer:
    """Return how this user signs a bundle: his key, his certificate, then his office's CA."""
    return bundle_format.Signer(credential.private_key,
                                (credential.certificate, *credential.chain))


def manifest_profile(actor: Profile) -> dict:
    """Return the manifest's ``profile``: who exported."""
    return {"id": actor.id, "name": actor.name, "staff_no": actor.staff_no}


def json_bytes(data) -> bytes:
    """Return the compact JSON of a bundle's entries (keys sorted, UTF-8)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def manifest_digest(manifest: bundle_format.Manifest) -> str:
    """Return the hash that names a bundle in the sync tables and in receipts."""
    return hashlib.sha256(manifest.raw or json_bytes(manifest.entries)).hexdigest()
