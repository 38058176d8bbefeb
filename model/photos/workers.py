"""A pool of worker processes for pixel work, started once and kept for the session.

Decoding photos is CPU-bound, so ingest and previews run in processes. Starting
them costs about half a second (each one re-runs ``main.py`` and imports Pillow),
which a fresh pool per import paid every time; the GUI starts this pool when the
main window opens and reuses it for every import and preview pass. Several
threads may map work onto it at once. A worker that dies (killed, out of memory)
breaks the pool; the next use starts a new one. A worker ends itself when the program
that started it ends without stopping it (killed, crashed): nothing else would.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


class PixelWorkers:
    """Worker processes started fresh ("spawn"): forking a process that runs GUI
    threads is unsafe, and Windows spawns anyway."""

    def __init__(self, count: int = 2):
        self.count = max(1, count)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Start the processes now (in the background) so the first import does not wait."""
        pool = self._current()
        for _ in range(self.count):
            pool.submit(os.getpid)

    def map(self, fn: Callable, items: Iterable) -> Iterator:
        """Run ``fn`` over ``items`` in the workers, yielding results in order."""
        pool = self._current()
        try:
            yield from pool.map(fn, items)
        except BrokenProcessPool:
            self._discard(pool)
            raise

    def close(self) -> None:
        """Stop the workers (waits for work already given to them)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> PixelWorkers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.count, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_exit_with_parent)
            return self._pool

    def _discard(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)


def _exit_with_parent() -> None:
    """Pool initializer, in each worker: end the worker as soon as the program that started
    it ends. A program that is killed or crashes never shuts its pool down, and an idle
    worker would then wait for work forever, holding memory, the media folder (on Windows
    a stick cannot be ejected) and the pipes of whoever started the program."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_ready, args=(parent.sentinel,), daemon=True,
                         name="exit-with-parent").start()


def _exit_when_ready(sentinel) -> None:
    multiprocessing.connection.wait([sentinel])  # ready once the parent has ended
    os._exit(1)
