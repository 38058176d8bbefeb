"""Use cases about text being typed: kept as drafts so a crash or a lock loses nothing."""

from __future__ import annotations

from model.inspections import drafts
from usecases.desk import Desk


class DraftDesk(Desk):
    """The signed-in profile's drafts, by key (a note, a notice being edited …)."""

    def save(self, key: str, value: str) -> None:
        """Keep text being typed."""
        drafts.save(self.store, self._signed_in().id, key, value)

    def get(self, key: str) -> str | None:
        """The signed-in profile's draft for ``key``, if any."""
        return drafts.get(self.store, self._signed_in().id, key)

    def discard(self, key: str) -> None:
        """Forget a draft once its text is stored."""
        drafts.discard(self.store, key)
