"""Time-ordered record ids (UUIDv7, RFC 9562) made on the machine that creates a record.

Ids from many laptops merge without collisions, and sorting them as text sorts
records by creation time (to the millisecond), which keeps indexes compact.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id() -> str:
    """Return a new UUIDv7 as a 36-character lower-case string.

    Within one millisecond a 12-bit counter (randomly seeded) keeps ids from
    this process strictly increasing.
    """
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms > _last_ms:
            _last_ms = ms
            _counter = int.from_bytes(os.urandom(2), "big") & 0x7FF
        else:
            _counter += 1
            if _counter > 0xFFF:
                _last_ms += 1
                _counter = 0
            ms = _last_ms
        rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= _counter << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))
