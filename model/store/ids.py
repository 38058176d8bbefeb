"""Time-ordered record ids (UUIDv7, RFC 9562) made on the machine that creates a record.

Ids from many laptops merge without collisions, and sorting them as text sorts
records by creation time (to the millisecond), which keeps indexes compact.
"""

from __future__ import annotations

import os
import threading
import time

_lock = threading.Lock()
_last_ms = 0
_counter = 0
_VARIANT = "89ab"  # the hex digit of the RFC 9562 variant (0b10xx) for each xx


def new_id() -> str:
    """Return a new UUIDv7 as a 36-character lower-case string."""
    return new_ids(1)[0]


def new_ids(count: int) -> list[str]:
    """Return ``count`` new UUIDv7s, in increasing order, as 36-character lower-case strings.

    Within one millisecond a 12-bit counter (randomly seeded) keeps ids from this
    process strictly increasing; 62 random bits follow. Many at once (an import's
    result rows) cost a fraction of as many :func:`new_id` calls.
    """
    random = os.urandom(8 * count).hex()
    ids = []
    for index, (ms, counter) in enumerate(_stamps(count)):
        r = random[16 * index:16 * index + 16]
        stamp = f"{ms:012x}"
        ids.append(f"{stamp[:8]}-{stamp[8:]}-7{counter:03x}-{_VARIANT[int(r[0], 16) & 3]}"
                   f"{r[1:4]}-{r[4:]}")
    return ids


def _stamps(count: int) -> list[tuple[int, int]]:
    """The next ``count`` (millisecond, counter) pairs, in increasing order: the counter is
    seeded at random in a new millisecond and carries into the next one when it runs out."""
    global _last_ms, _counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            ms, counter = now_ms, int.from_bytes(os.urandom(2), "big") & 0x7FF
        else:
            ms, counter = _last_ms, _counter + 1
        stamps = []
        for _ in range(count):
            if counter > 0xFFF:
                ms, counter = ms + 1, 0
            stamps.append((ms, counter))
            counter += 1
        if stamps:
            _last_ms, _counter = stamps[-1]
    return stamps
