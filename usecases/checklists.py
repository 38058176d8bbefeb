"""Use cases about checklists: the stored editions, CSV in and out, the active one."""

from __future__ import annotations

from pathlib import Path

from model.checklist import checklist, checklist_csv
from usecases.desk import Desk


class ChecklistDesk(Desk):
    """The checklist editions: reading, deriving from CSV (office), activating (office)."""

    def editions(self) -> list[checklist.EditionSummary]:
        """The stored checklist editions."""
        return checklist.summaries(self.store)

    def edition(self, digest: str | None = None) -> checklist.Edition:
        """An edition by hash or hash prefix (the active one by default)."""
        return checklist.load(self.store, self._hash(digest))

    def export_csv(self, path: Path, digest: str | None = None) -> int:
        """Write an edition to CSV; return the number of criteria."""
        return checklist_csv.export_csv(self.store, self._hash(digest), path)

    def preview_csv(self, path: Path,
                    base: str | None = None) -> checklist_csv.ChecklistPreview:
        """What importing the file over ``base`` (the active edition by default) would make,
        every bad row named; nothing is stored."""
        return checklist_csv.preview_csv(self.store, path, base and self._hash(base))

    def import_csv(self, path: Path, name: str,
                   base: str | None = None) -> tuple[checklist.Edition, bool]:
        """Derive an edition from a CSV file over ``base`` (the active edition by default)."""
        user = self._office()
        return checklist_csv.import_csv(self.store, path, name, user.id,
                                        self._hash(base) if base else None)

    def activate(self, digest: str) -> None:
        """Make an edition the one new inspections use (office only)."""
        checklist.set_active(self.store, self._hash(digest), self._office().id)

    def site_types(self) -> dict[str, checklist.SiteType]:
        """Every known site type by code (names for lists and filters)."""
        return checklist.known_site_types(self.store)

    def _hash(self, digest: str | None) -> str:
        if not digest:
            return checklist.active_hash(self.store)
        return checklist.resolve_hash(self.store, digest)
