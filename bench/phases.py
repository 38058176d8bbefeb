"""Where a benchmark's time went: functions of the program wrapped to add up their time.

A benchmark subclasses :class:`PhaseTimer` with ``WRAPPED``, pairs of (module or class,
function name), and runs the measured work inside ``timer.installed()``; the originals
are put back afterwards.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections import Counter
from collections.abc import Callable, Iterator


class PhaseTimer:
    """Adds up the wall time and calls of each wrapped function over the runs installed."""

    WRAPPED: tuple[tuple[object, str], ...] = ()

    def __init__(self):
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.runs = 0

    @contextlib.contextmanager
    def installed(self) -> Iterator[PhaseTimer]:
        """Wrap the functions for the duration of the block (one run)."""
        saved = [(owner, name, getattr(owner, name)) for owner, name in self.WRAPPED]
        for owner, name, original in saved:
            setattr(owner, name, self._timing(name, original))
        self.runs += 1
        try:
            yield self
        finally:
            for owner, name, original in saved:
                setattr(owner, name, original)

    def _timing(self, name: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def timed_call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
        return timed_call

    def mean(self, name: str) -> float:
        """Seconds spent in ``name`` per run."""
        return self.seconds[name] / max(self.runs, 1)
