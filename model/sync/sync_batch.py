"""Merged records on their way into the tables: an import's inspections written in batches.

An auditor's bundle carries a thousand inspections with dozens of results each;
applied one by one they cost a dozen statements each. The import's merge hands
each merged record to a :class:`PendingApplies`, which holds inspections back and
writes a batch with one statement per table (``sync_records.apply_many``). Other
kinds are written at once, after any held inspections, so records still reach the
tables in the bundle's order (what a record refers to first). A record that does
not fit the tables is named exactly as if it had been applied alone.
"""

from __future__ import annotations

from pathlib import Path

from model.inspections.tallies import BulkTallies
from model.store.db import Store
from model.sync import bundle_content, sync_records


class PendingApplies:
    """Records to apply in the caller's transaction; call :meth:`flush` before reading the
    tables they touch and before the commit."""

    SIZE = 50  # inspections held at once (their contents are in memory)

    def __init__(self, store: Store, db, tallies: BulkTallies, bundle: Path | str):
        self._store, self._db, self._tallies, self._bundle = store, db, tallies, bundle
        self._held: dict[str, dict] = {}  # inspection id → content

    def add(self, kind: str, record_id: str, content: dict) -> None:
        """Apply a record's merged content, now or with the next batch."""
        if kind != "inspection":
            self.flush()
            with bundle_content.applying(self._bundle, kind, record_id):
                sync_records.apply(self._store, self._db, kind, content, self._tallies)
            return
        self.settle(record_id)
        self._held[record_id] = content
        if len(self._held) >= self.SIZE:
            self.flush()

    def settle(self, record_id: str) -> None:
        """Write the held records if this one is among them (before reading it back)."""
        if record_id in self._held:
            self.flush()

    def flush(self) -> None:
        """Write the held inspections."""
        held, self._held = self._held, {}
        if not held:
            return
        try:
            with self._db.atomic():  # a savepoint: a misfit leaves the batch unwritten
                sync_records.apply_many(self._store, self._db, "inspection",
                                        list(held.values()), self._tallies)
        except bundle_content.CONTENT_ERRORS as batch_error:
            self._name_the_misfit(held, batch_error)

    def _name_the_misfit(self, held: dict[str, dict], batch_error: Exception) -> None:
        """Apply a failed batch's records one at a time, so the one that does not fit is
        named; the caller's transaction is rolled back whatever happens here."""
        for record_id, content in held.items():
            with bundle_content.applying(self._bundle, "inspection", record_id):
                sync_records.apply(self._store, self._db, "inspection", content, self._tallies)
        first = next(iter(held))
        with bundle_content.applying(self._bundle, "inspection", f"{first} (one of {len(held)})"):
            raise batch_error
