"""What an import did: counted by the merge, completed by the receipt, shown to the user."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


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
    settings_taken: list[str] = field(default_factory=list)  # the office's settings changed here
    acknowledges: int = 0  # a receipt: the sequence of this laptop's bundle it answers

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
                "rewritten_from": self.rewritten_from, "settings_taken": self.settings_taken,
                "acknowledges": self.acknowledges}
