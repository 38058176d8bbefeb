"""Use cases about sites: the office's site list in and out, finding a site."""

from __future__ import annotations

from pathlib import Path

from model.sites import sites
from usecases.desk import Desk


class SiteDesk(Desk):
    """The sites: CSV import (office) and export, search, one site."""

    def preview_csv(self, path: Path) -> sites.ImportPreview:
        """What importing the file would do, every bad row named; nothing is stored."""
        return sites.preview_csv(self.store, path)

    def import_csv(self, path: Path) -> sites.ImportSummary:
        """Create or update sites from the office's CSV list (office only)."""
        return sites.import_csv(self.store, path, self._office().id)

    def export_csv(self, path: Path) -> int:
        """Write all sites to CSV; return how many."""
        return sites.export_csv(self.store, path)

    def search(self, text: str = "", district: str = "",
               site_type: str = "") -> list[sites.Site]:
        """Sites by name/code/address text, district and type."""
        return sites.search(self.store, text, district, site_type)

    def get(self, site_id: str) -> sites.Site:
        """A site by id or code."""
        return sites.get(self.store, site_id)
