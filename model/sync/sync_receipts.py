"""USB sync receipts: what the office acknowledges, and what a laptop may prune after.

The office's import of an auditor's bundle answers with a signed **receipt**
naming that bundle (device, sequence, manifest hash) and the versions and photos
it brought; a laptop that imports the receipt records what was acknowledged,
and only then may it prune the originals the office holds.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from pathlib import Path

from model.errors import (
    InputFileError,
    ValidationError,
)
from model.people import keys
from model.people.profiles import Profile
from model.photos import media
from model.store import audit, clock, migrations
from model.store.db import Store
from model.sync import (
    bundle_content,
    bundle_format,
    bundle_write,
    sync_device,
    sync_export,
    sync_records,
    sync_trust,
    sync_versions,
)
from model.sync.import_summary import ImportSummary

RECEIPT_ENTRY = "receipt.json"


@dataclass
class Received:
    """What a bundle brought, for its receipt: each version's key and the photos' hashes."""

    keys: list = field(default_factory=list)
    media: set = field(default_factory=set)

    def add(self, version: sync_versions.Version) -> None:
        """Count one version the bundle brought."""
        self.keys.append([version.kind, version.id, version.rev])
        self.media.update(sync_records.media_hashes(version.content))


def write_receipt(store: Store, manifest: bundle_format.Manifest, received: Received,
                  folder: Path, actor: Profile, credential: keys.SigningCredential) -> Path:
    """Write the signed receipt for an imported bundle into ``folder``; return its path."""
    hashes = sorted(h for h in received.media if media.original_path(store, h).exists())
    body = {"for_device": manifest.device_id, "for_sequence": manifest.sequence,
            "for_manifest": sync_export.manifest_digest(manifest), "versions": received.keys,
            "media": hashes}
    sequence = int(store.get_setting(sync_device.SEQUENCE_SETTING, "0")) + 1
    target = Path(folder) / (f"civicaudit-receipt-{manifest.profile.get('staff_no', '')}-"
                             f"{manifest.sequence:05d}{bundle_format.SUFFIX}")
    bundle_write.write_bundle(
        target, "receipt", [bundle_format.Entry(RECEIPT_ENTRY, sync_export.json_bytes(body))],
        sync_export.signer(credential),
        schema_version=migrations.LATEST_VERSION, device_id=sync_device.device_id(store),
        device_name=socket.gethostname(), profile=sync_export.manifest_profile(actor),
        authority_id=bundle_format.authority_id(credential.chain[0]), sequence=sequence,
        created_at=clock.now_iso(), meta={"for_sequence": manifest.sequence})
    store.set_setting(sync_device.SEQUENCE_SETTING, str(sequence))
    return target


def import_receipt(store: Store, opened, summary: ImportSummary, actor: Profile):
    """Record what the office's receipt acknowledges (its bundle is already verified)."""
    raw = opened.read(RECEIPT_ENTRY) if RECEIPT_ENTRY in opened.names() else None
    body = bundle_content.receipt(summary.bundle, raw, RECEIPT_ENTRY)
    if body["for_device"] != sync_device.own_device(store):
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
                    sync_export.manifest_digest(opened.manifest), "receipt",
                    json.dumps(opened.manifest.profile, ensure_ascii=False), clock.now_iso(),
                    "{}"])
        audit.append(db, actor.id, "sync.receipt", "sync", str(body["for_sequence"]),
                     {"acknowledged": len(versions), "media": len(hashes)})
    summary.counts["acknowledged"] = len(versions)
    summary.acknowledges = int(body["for_sequence"])
    return summary


def prunable(store: Store) -> list[str]:
    """Originals the office acknowledged, of finished inspections with no open notice:
    what :func:`prune` would delete from this laptop (previews and thumbnails stay). A file
    that two photos share goes only when neither keeps it."""
    return sorted(sha for sha, reason in _reasons(store).items() if reason == PRUNABLE)


@dataclass(frozen=True)
class KeptOriginals:
    """The photo originals on this laptop that pruning keeps, by the first reason that
    keeps each: the office has not acknowledged it, its inspection is not finished, or a
    notice of its inspection is still open (the evidence of a running case)."""

    unacknowledged: int
    unfinished: int
    open_notice: int

    @property
    def total(self) -> int:
        """All originals kept."""
        return self.unacknowledged + self.unfinished + self.open_notice


def kept(store: Store) -> KeptOriginals:
    """Why the originals :func:`prunable` leaves out stay (see :class:`KeptOriginals`)."""
    counts = [0, 0, 0, 0]
    for reason in _reasons(store).values():
        counts[reason] += 1
    return KeptOriginals(*counts[:PRUNABLE])


PRUNABLE = 3  # the reason code of an original nothing keeps (0-2: KeptOriginals' fields)


def _reasons(store: Store) -> dict[str, int]:
    """Each original on this laptop → 0 not acknowledged, 1 inspection unfinished, 2 open
    notice, 3 prunable; a file that photos share takes its strongest reason to stay."""
    rows = store.db.execute(
        "SELECT p.sha256, CASE WHEN NOT EXISTS (SELECT 1 FROM sync_media_ack a "
        "WHERE a.sha256 = p.sha256) THEN 0 WHEN i.status != 'finished' THEN 1 WHEN EXISTS "
        "(SELECT 1 FROM notice n WHERE n.inspection_id = i.id AND n.status NOT IN "
        "('closed', 'void')) THEN 2 ELSE 3 END FROM photo p JOIN inspection i "
        "ON i.id = p.inspection_id").fetchall()
    reasons: dict[str, int] = {}
    for sha, reason in rows:
        reasons[sha] = min(reason, reasons.get(sha, PRUNABLE))
    return {sha: reason for sha, reason in reasons.items()
            if media.original_path(store, sha).exists()}


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
