"""Signing keys unsealed in this process, held a short while like gpg-agent's cache.

A stored key is sealed with scrypt at the password hash's cost (``model.people.keyseal``)
so that a stolen store resists guessing; unsealing it costs about 0.25 s of CPU. The
auditor types the password for every notice (his act of signing), and paid that cost each
time: more than half of issuing a notice.

Here an unsealed key stays in this process's memory for :data:`HOLD_SECONDS` after its
last use, with a keyed hash of the passphrase that unsealed it (HMAC under a random key
made when the process starts, never written anywhere). The same passphrase for the same
sealed bytes gets the key back at once; any other passphrase misses, and the caller then
unseals as before (a wrong one still fails there). Nothing new is written to disk, so
guessing from a stolen store costs what it did; whoever can read this process's memory
could read the key while any notice is signed anyway. A changed key or password changes
the sealed bytes, which misses. Signing in and the lock screen forget every key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from dataclasses import dataclass

HOLD_SECONDS = 10 * 60
_SECRET = os.urandom(32)


@dataclass
class _Held:
    """One unsealed key, what proves the passphrase, and when it is forgotten."""

    proof: bytes
    key: object
    until: float


_held: dict[bytes, _Held] = {}


def _proof(sealed: bytes, passphrase: str) -> bytes:
    return hmac.new(_SECRET, hashlib.sha256(sealed).digest() + passphrase.encode("utf-8"),
                    hashlib.sha256).digest()


def recall(sealed: bytes, passphrase: str, now: float | None = None):
    """The key ``passphrase`` unsealed from ``sealed`` within the hold time, or None."""
    now = time.monotonic() if now is None else now
    held = _held.get(hashlib.sha256(sealed).digest())
    if held is None or held.until < now or not hmac.compare_digest(
            held.proof, _proof(sealed, passphrase)):
        return None
    held.until = now + HOLD_SECONDS
    return held.key


def keep(sealed: bytes, passphrase: str, key, now: float | None = None) -> None:
    """Hold ``key``, just unsealed from ``sealed`` with ``passphrase``."""
    now = time.monotonic() if now is None else now
    for digest in [d for d, held in list(_held.items()) if held.until < now]:
        _held.pop(digest, None)  # (a notice signed on a worker thread may prune too)
    _held[hashlib.sha256(sealed).digest()] = _Held(_proof(sealed, passphrase), key,
                                                    now + HOLD_SECONDS)


def forget_all() -> None:
    """Forget every held key (signing in, the lock screen, signing out)."""
    _held.clear()
