"""Progress and cancellation for long work, without Qt.

A worker calls :meth:`Progress.advance` as it goes and :meth:`Progress.check`
where stopping is safe; the UI (or a CLI) watches through ``on_update`` and
asks to stop with :meth:`Progress.cancel`. Work that is cancelled raises
:class:`Cancelled` inside its transaction, so nothing is written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):  # noqa: N818 (stopping on request is not an error)
    """The user stopped the work; it wrote nothing."""


class Progress:
    """Shared between a worker and whoever shows its progress (thread-safe)."""

    def __init__(self, on_update: Callable[[int, int], None] | None = None):
        self._cancelled = threading.Event()
        self._on_update = on_update
        self.done = 0
        self.total = 0

    def start(self, total: int) -> None:
        """Announce how many steps there are."""
        self.total, self.done = total, 0
        self._notify()

    def advance(self, steps: int = 1) -> None:
        """Count finished steps and stop here if cancelled."""
        self.done += steps
        self._notify()
        self.check()

    def check(self) -> None:
        """Raise :class:`Cancelled` when a cancel was asked for."""
        if self._cancelled.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        """Ask the worker to stop at its next check."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """True once a cancel was asked for."""
        return self._cancelled.is_set()

    def _notify(self) -> None:
        if self._on_update is not None:
            self._on_update(self.done, self.total)
