"""What the laptops hold of the office's bundles, so an office bundle carries only what they lack.

A laptop holds the office bundles it imported (``sync_peer``). Each bundle it writes states
in its signed manifest (:data:`HELD_KEY`) the newest one of each office computer, by
sequence and manifest hash (:func:`held`). The office takes that statement from a verified
bundle only when the hash is the one of its own bundle of that sequence (``sync_export``),
and keeps the newest statement of each laptop (``sync_laptop``, :func:`record_claim`).

An office bundle then leaves out every record whose current version went out, unchanged
since, in an office bundle up to :func:`since`, and the audit events that bundle carried:
``since`` is the smallest sequence the office's laptops hold (a laptop whose certificate was
revoked no longer counts; one that never said what it holds, and an auditor's certificate
that signed no bundle yet, as a laptop that just joined holds, make every bundle complete).
``sync_sent`` keeps, per record, the version the office's bundles last sent and the first
bundle from which each of them sent that version (:func:`remember_sent`). The bundle states
its ``since`` (:data:`SINCE_KEY`; 0: complete, as ``export --full`` makes it), and a laptop
imports it only when it holds that bundle of that office computer (:func:`check_since`).

Why a laptop that imports it lacks nothing: it holds bundle ``h >= since``, and by the same
rule when it imported ``h`` it had every record as the office's bundles up to ``h`` last sent
it (and their events); a record left out was last sent, in the version it has now, in a
bundle up to ``since``, and no bundle after that sent it in another version. A statement
only makes the office send less to the laptop that made it (the minimum is taken over all
of them): a lie hurts the liar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509

from model.people import certificates, revocation
from model.people.profiles import Role
from model.store import clock
from model.store.db import Store
from model.sync.bundle_format import MANIFEST_NAME, NOT_OURS, BundleError, Manifest

HELD_KEY = "office_bundles_held"  # an auditor bundle's manifest: what the laptop holds
SINCE_KEY = "since"  # an office bundle's manifest: it leaves out what bundles up to it sent
FULL_ADVICE = ("ask the office for a complete bundle (export --full, or “Send everything” in "
               "its export window)")


# -- the laptop ------------------------------------------------------------------------------


def held(db) -> list[dict]:
    """The newest office bundle this store imported from each office computer, as its own
    bundles state it: ``[{"device_id", "sequence", "sha256"}]``."""
    rows = db.execute("SELECT device_id, max(sequence), bundle_sha256 FROM sync_peer WHERE "
                      "kind = 'office' GROUP BY device_id ORDER BY device_id").fetchall()
    return [{"device_id": device, "sequence": sequence, "sha256": digest}
            for device, sequence, digest in rows]


def check_since(db, path: Path, manifest: Manifest) -> None:
    """Refuse an office bundle that leaves out what bundles this laptop never imported sent."""
    since = manifest.meta.get(SINCE_KEY, 0)
    if type(since) is not int or since < 0:
        raise BundleError(path, f"its “{SINCE_KEY}” is not a bundle number; {NOT_OURS}",
                          MANIFEST_NAME, "unsafe")
    have = db.execute("SELECT max(sequence) FROM sync_peer WHERE kind = 'office' AND "
                      "device_id = ?", [manifest.device_id]).fetchone()[0] or 0
    if since > have:
        holding = (f"this laptop holds that office computer's bundles only up to no. {have} "
                   "(it missed one): import the ones in between, or " if have else
                   "this laptop holds none of that office computer's bundles yet: ")
        raise BundleError(path, f"it carries only what changed since the office's bundle no. "
                                f"{since}, but {holding}{FULL_ADVICE}. Nothing was imported",
                          kind="missed")


# -- the office ------------------------------------------------------------------------------


def record_claim(db, manifest: Manifest, leaf: x509.Certificate, own_device: str) -> list[str]:
    """Keep who sent a verified auditor bundle and what it says it holds of this office's
    bundles (inside the import's transaction); return notes for the import's summary.

    A statement that does not name a bundle this office wrote is ignored: the laptop then
    counts as holding none (an older bundle arriving late changes nothing)."""
    sequence, notes = _checked_claim(db, manifest.meta.get(HELD_KEY), own_device)
    db.execute("INSERT INTO sync_laptop (device_id, staff_no, serial, bundle_sequence, "
               "held_sequence) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET "
               "staff_no = excluded.staff_no, serial = excluded.serial, bundle_sequence = "
               "excluded.bundle_sequence, held_sequence = excluded.held_sequence "
               "WHERE excluded.bundle_sequence > sync_laptop.bundle_sequence",
               [manifest.device_id, certificates.staff_no_of(leaf),
                certificates.serial_of(leaf), manifest.sequence, sequence])
    return notes


def _checked_claim(db, claims, own_device: str) -> tuple[int | None, list[str]]:
    """The sequence of this office's bundle a laptop holds, if it says so truly."""
    mine = [claim for claim in claims if isinstance(claim, dict)
            and claim.get("device_id") == own_device] if isinstance(claims, list) else []
    if not mine:
        return None, []  # a laptop that holds none of ours, or an older program's bundle
    sequence, digest = mine[0].get("sequence"), mine[0].get("sha256")
    row = db.execute("SELECT bundle_sha256 FROM sync_export WHERE kind = 'office' AND "
                     "sequence = ?", [sequence]).fetchone() if type(sequence) is int else None
    if row is None or row[0] != digest:
        return None, [f"the laptop says it holds office bundle no. {sequence}, which is not a "
                      "bundle this office wrote; that was ignored, and the office's next "
                      "bundles carry everything until the laptop says what it holds"]
    return sequence, []


def since(store: Store) -> int:
    """The office bundle every laptop the office knows holds: the smallest of their newest
    statements (a laptop whose certificate was revoked no longer counts). 0 when one of them
    never said, when the office knows none, or when an auditor holds a certificate no laptop
    signed a bundle with yet (a laptop that just joined, or one of an earlier version)."""
    revoked = revocation.revoked_serials(store)
    laptops = [(serial, sequence) for serial, sequence in store.db.execute(
        "SELECT serial, held_sequence FROM sync_laptop") if serial not in revoked]
    holdings = [sequence for _serial, sequence in laptops]
    unheard = _auditor_certificates(store, revoked) - {serial for serial, _seq in laptops}
    return 0 if unheard or not holdings or None in holdings else min(holdings)


def _auditor_certificates(store: Store, revoked: set[str]) -> set[str]:
    """The serials of the office's auditors' certificates that may still sign a bundle."""
    rows = store.db.execute("SELECT c.serial, c.not_after FROM certificate c JOIN profile p ON "
                            "p.staff_no = c.staff_no WHERE p.role = ?", [Role.AUDITOR.value])
    now = clock.now()
    return {serial for serial, not_after in rows
            if serial not in revoked and dt.datetime.fromisoformat(not_after) > now}


def held_everywhere(db, kind: str, since_sequence: int) -> dict[str, str]:
    """Records of ``kind`` whose version, sent in a bundle up to ``since_sequence``, every
    later bundle sent unchanged: id → that version's rev."""
    if since_sequence <= 0:
        return {}
    return dict(db.execute("SELECT id, rev FROM sync_sent WHERE kind = ? AND sequence <= ?",
                           [kind, since_sequence]).fetchall())


def remember_sent(db, keys: list, sequence: int) -> None:
    """Note the versions (``[kind, id, rev]``) an office bundle carried; a record sent again
    in the same version keeps the bundle that first sent it."""
    db.conn.executemany(
        "INSERT INTO sync_sent (kind, id, rev, sequence) VALUES (?, ?, ?, ?) ON CONFLICT "
        "(kind, id) DO UPDATE SET rev = excluded.rev, sequence = excluded.sequence "
        "WHERE sync_sent.rev != excluded.rev",
        [(kind, record_id, rev, sequence) for kind, record_id, rev in keys])
