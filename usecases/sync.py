"""Use cases about the USB exchange: bundles out and in, conflicts, pruning photos."""

from __future__ import annotations

from pathlib import Path

from model.people import keys
from model.progress import Progress
from model.sync import sync_device, sync_export, sync_import, sync_receipts, sync_versions
from usecases.desk import Desk


class SyncDesk(Desk):
    """Signed bundles written to and read from a stick, and what follows from them."""

    def export(self, folder: Path, passphrase: str, progress: Progress | None = None,
               full: bool = False) -> tuple[Path, dict]:
        """Write a signed bundle of what the other side lacks into ``folder`` (a stick); the
        office's carries everything with ``full`` (for a laptop that missed a bundle)."""
        return sync_export.export(self.store, folder, self._signed_in(), passphrase, progress,
                                  full)

    def import_bundle(self, path: Path, receipt_folder: Path | None = None,
                      passphrase: str | None = None,
                      progress: Progress | None = None) -> sync_import.ImportSummary:
        """Verify and merge a bundle (the office also writes a receipt into ``receipt_folder``).

        An office bundle whose roster holds the certificate issued for the signed-in
        profile's waiting key installs it: no certificate file to carry back.
        """
        user = self._signed_in()
        summary = sync_import.import_bundle(self.store, path, user, passphrase, receipt_folder,
                                            progress)
        if summary.kind == "office" and not summary.already_imported:
            serial = keys.install_from_roster(self.store, user)
            if serial:
                summary.notes.append(f"the certificate {serial} the office issued for your key "
                                     "is installed: you can sign notices and bundles")
        return summary

    def status(self) -> dict:
        """Unsynced changes, the last receipt, open conflicts."""
        return sync_device.status(self.store)

    def conflicts(self) -> list:
        """Records with competing versions: (the version in use, the other one)."""
        return sync_versions.conflicts(self.store)

    def resolve_conflict(self, kind: str, record_id: str, keep_rev: str) -> None:
        """Keep one version of a conflicting record."""
        sync_device.resolve_conflict(self.store, kind, record_id, keep_rev, self._signed_in())

    def prunable(self) -> list[str]:
        """Originals the office acknowledged that this laptop may delete."""
        return sync_receipts.prunable(self.store)

    def kept(self) -> sync_receipts.KeptOriginals:
        """The originals pruning keeps on this laptop, by why."""
        return sync_receipts.kept(self.store)

    def prune(self, confirmed: bool) -> int:
        """Delete the acknowledged originals (previews and thumbnails stay)."""
        return sync_receipts.prune(self.store, self._signed_in(), confirmed)
