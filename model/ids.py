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


def new_id() -> str:
    """Return a new UUIDv7 as a 36-character lower-case string."""
    return new_ids(1)[0]


def new_ids(count: int) -> list[str]:
    """Return ``count`` new UUIDv7s, in increasing order, as 36-character lower-case strings.

    Within one millisecond a 12-bit counter (randomly seeded) keeps ids from this
    process strictly increasing. Many at once (an import's result rows) cost a
    fraction of as many :func:`new_id` calls: one lock, one read of the random source.
    """
    random = os.urandom(8 * count)
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        stamps = [_next_stamp(now_ms) for _ in range(count)]
    ids = []
    for index, (ms, counter) in enumerate(stamps):
        rand_b = int.from_bytes(random[8 * index:8 * index + 8], "big") & ((1 << 62) - 1)
        value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | rand_b
        text = f"{value:032x}"
        ids.append(f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}")
    return ids


def _next_stamp(now_ms: int) -> tuple[int, int]:
    """The next (millisecond, counter) pair at ``now_ms``; the caller holds the lock."""
    global _last_ms, _counter
    if now_ms > _last_ms:
        _last_ms = now_ms
        _counter = int.from_bytes(os.urandom(2), "big") & 0x7FF
    else:
        _counter += 1
        if _counter > 0xFFF:
            _last_ms += 1
            _counter = 0
    return _last_ms, _counter
