"""The schema steps from 6 on (notices, keys and certificates, after-photos, USB sync, the
office's indexes, trust bookkeeping, what laptops hold of the office's bundles).

Released steps are never edited: a change of schema is a new step at the end of this module
(a module of its own once this one grows past a few hundred lines), listed in
:data:`model.store.migrations.MIGRATIONS`.
"""

from __future__ import annotations

from sqlite_utils import Database

from model.store.schema_v01 import run_script


def m006_notices_and_keys(db: Database) -> None:
    """Rectification notices, their numbers, follow-up, and the keys that sign them.

    ``notice_serial`` hands out serials per (year, code) and is never wound back;
    a notice row is written with status ``reserved`` in the same commit that takes
    its serial, so a number stays taken even if the program dies before the PDF
    exists (the row is then marked ``void``). ``authority`` holds the office
    certificate authorities this installation trusts (with the CA key only where
    the authority was created), ``credential`` a profile's key pair, encrypted with
    its passphrase, and its certificate; ``certificate`` is the roster of
    certificates an authority issued, revoked ones marked.
    """
    run_script(db, """
        CREATE TABLE authority (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            cert_pem TEXT NOT NULL,
            key_pem BLOB,
            created_at TEXT NOT NULL
        );
        CREATE TABLE certificate (
            serial TEXT PRIMARY KEY,
            authority_id TEXT NOT NULL REFERENCES authority(id),
            subject TEXT NOT NULL,
            staff_no TEXT NOT NULL DEFAULT '',
            cert_pem TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            not_after TEXT NOT NULL,
            revoked_at TEXT,
            revoke_reason TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE credential (
            profile_id TEXT PRIMARY KEY REFERENCES profile(id),
            key_pem BLOB NOT NULL,
            cert_pem TEXT,
            serial TEXT,
            requested_at TEXT NOT NULL,
            installed_at TEXT
        );
        CREATE TABLE signature_image (
            profile_id TEXT PRIMARY KEY REFERENCES profile(id),
            png BLOB NOT NULL,
            drawn_at TEXT NOT NULL
        );
        CREATE TABLE notice_serial (
            year INTEGER NOT NULL,
            code TEXT NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (year, code)
        );
        CREATE TABLE notice (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            inspection_id TEXT NOT NULL REFERENCES inspection(id),
            status TEXT NOT NULL,
            addressee_unit TEXT NOT NULL DEFAULT '',
            addressee_person TEXT NOT NULL DEFAULT '',
            addressee_phone TEXT NOT NULL DEFAULT '',
            deadline_preset TEXT NOT NULL DEFAULT '',
            deadline TEXT NOT NULL DEFAULT '',
            reinspect_on TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL DEFAULT '',
            pdf_sha256 TEXT NOT NULL DEFAULT '',
            signer_serial TEXT NOT NULL DEFAULT '',
            receipt TEXT NOT NULL DEFAULT '{}',
            issued_by TEXT NOT NULL REFERENCES profile(id),
            issued_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX notice_by_inspection ON notice(inspection_id);
        CREATE INDEX notice_by_status ON notice(status, deadline);
        CREATE TABLE notice_item (
            notice_id TEXT NOT NULL REFERENCES notice(id),
            position INTEGER NOT NULL,
            criterion_code TEXT NOT NULL,
            location TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            requirement TEXT NOT NULL DEFAULT '',
            photo_ids TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (notice_id, position)
        );
        CREATE TABLE notice_event (
            id TEXT PRIMARY KEY,
            notice_id TEXT NOT NULL REFERENCES notice(id),
            status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            by_profile TEXT NOT NULL REFERENCES profile(id)
        );
        CREATE INDEX notice_event_by_notice ON notice_event(notice_id, at);
        CREATE TABLE reinspection (
            id TEXT PRIMARY KEY,
            notice_id TEXT NOT NULL REFERENCES notice(id),
            inspected_on TEXT NOT NULL,
            outcome TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            item_outcomes TEXT NOT NULL DEFAULT '{}',
            after_photo_ids TEXT NOT NULL DEFAULT '[]',
            pdf_sha256 TEXT NOT NULL DEFAULT '',
            by_profile TEXT NOT NULL REFERENCES profile(id),
            at TEXT NOT NULL
        );
    """)


def m007_after_photos(db: Database) -> None:
    """After-photos of a re-inspection are photo records marked with their re-inspection.

    They belong to the inspection and criterion they show fixed (so they sit beside
    the before-photos), but are not its evidence: evidence queries skip them.
    """
    run_script(db, """
        ALTER TABLE photo ADD COLUMN reinspection_id TEXT REFERENCES reinspection(id);
        CREATE INDEX photo_by_reinspection ON photo(reinspection_id);
    """)


def m008_sync(db: Database) -> None:
    """USB sync bookkeeping: record versions, conflicts, peers, exports and receipts.

    A synced record (an inspection with its results and photos, a notice with its
    follow-up, a site, a profile's public part …) has versions named by ``rev``.
    ``sync_rev`` holds every rev this store has seen of a record, ancestors included, so an
    old version arriving late changes nothing. ``sync_head`` holds the versions no other
    version supersedes: the one applied to the tables (``current = 1``) and, when two
    machines edited the same record, the others as conflicts for a person to resolve.
    ``sync_peer`` lists the bundles seen per sending device, ``sync_export`` this device's
    bundles, ``sync_ack`` the versions the office holds (an office receipt acknowledged them,
    or, since 2026-12, an office bundle brought them), ``remote_event`` the audit events of
    other devices.
    """
    run_script(db, """
        CREATE TABLE sync_rev (
            kind TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,
            PRIMARY KEY (kind, id, rev)
        ) WITHOUT ROWID;
        CREATE TABLE sync_head (
            kind TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,
            content_hash TEXT NOT NULL, ancestry TEXT NOT NULL, content TEXT NOT NULL,
            stamp TEXT NOT NULL, device_id TEXT NOT NULL, current INTEGER NOT NULL,
            PRIMARY KEY (kind, id, rev)
        );
        CREATE INDEX sync_head_current ON sync_head(kind, id, current);
        CREATE TABLE sync_peer (
            device_id TEXT NOT NULL, sequence INTEGER NOT NULL, bundle_sha256 TEXT NOT NULL,
            kind TEXT NOT NULL, profile TEXT NOT NULL, imported_at TEXT NOT NULL,
            summary TEXT NOT NULL,
            PRIMARY KEY (device_id, sequence)
        );
        CREATE TABLE sync_export (
            sequence INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL,
            bundle_sha256 TEXT NOT NULL, created_at TEXT NOT NULL, versions TEXT NOT NULL,
            media TEXT NOT NULL, events_upto INTEGER NOT NULL, receipt_at TEXT
        );
        CREATE TABLE sync_ack (
            kind TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;
        CREATE TABLE sync_media_ack (sha256 TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE remote_event (
            device_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL,
            actor_id TEXT, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            detail TEXT NOT NULL, hash TEXT NOT NULL,
            PRIMARY KEY (device_id, seq)
        );
    """)


def m009_office_indexes(db: Database) -> None:
    """Indexes for the office's figures over a year of results (``bench/bench_office.py``).

    ``result_tally_by_month`` holds just what the month-by-month figures add up (the trend,
    the totals, the months with data), in that order, so they read a narrow index instead
    of the tally's wide rows and need no sort; ``result_by_criterion`` lets the weakest
    criteria of a month be counted from the index alone.
    """
    run_script(db, """
        CREATE INDEX result_tally_by_month
            ON result_tally (counted, month, outcome, bucket, n, instances);
        CREATE INDEX result_by_criterion
            ON result (month, counted, criterion_code, outcome, instances);
    """)


def m010_month_inspections_index(db: Database) -> None:
    """Replace ``result_by_month`` (month, counted) by an index that also holds the inspection.

    The office's totals ask which inspections have counted results in a period; with
    the inspection in the index that is read from the index alone (84 ms through
    ``result_by_criterion``, 35 ms through the old index with a table look-up per
    result, 14 ms now, on a month of 85,000 results). Every query that used the old
    index can use this one, so ``result`` keeps three indexes besides its keys (each
    costs every result an import writes).
    """
    run_script(db, """
        DROP INDEX IF EXISTS result_by_month;
        CREATE INDEX result_by_month_inspection ON result (month, counted, inspection_id);
    """)


def m011_trust_bookkeeping(db: Database) -> None:
    """What a store must remember to hold others to their word (issue 14).

    ``sync_chain_head`` is, per sending device, the newest audit event the office
    acknowledged (its sequence number and hash) and the bundle that stated it: the
    laptop's later bundles must carry a chain that still passes through it, or its
    history was rewritten.
    ``notice_received`` is when this store first recorded each notice (issued here, or
    merged from a bundle): a notice recorded before its signer's certificate was revoked
    stays valid. Notices already here are dated by this migration (the earliest moment
    this store can vouch for).
    """
    run_script(db, """
        CREATE TABLE sync_chain_head (
            device_id TEXT PRIMARY KEY, bundle_sequence INTEGER NOT NULL,
            seq INTEGER NOT NULL, hash TEXT NOT NULL, acknowledged_at TEXT NOT NULL
        );
        CREATE TABLE notice_received (
            notice_id TEXT PRIMARY KEY REFERENCES notice(id), received_at TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO notice_received (notice_id, received_at)
            SELECT id, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') FROM notice;
    """)


def m012_office_bundle_holds(db: Database) -> None:
    """What the laptops hold of the office's bundles, so an office bundle carries only what
    they lack (issue 18; :mod:`model.sync.sync_holds`).

    ``sync_sent`` is, per record, the version the office's bundles last sent and the first
    bundle (``sequence``) from which every bundle that carried the record carried that
    version. ``sync_laptop`` is, per laptop that sent the office a verified bundle, who
    signed its newest bundle (staff number, certificate serial), that bundle's sequence
    (``sync_peer`` says when it came) and the office bundle it said it holds (checked
    against ``sync_export``; NULL: none). A laptop that sent bundles before this step is not
    listed until it sends another: its auditor's certificate, signing no listed laptop's
    bundles, keeps the office's bundles complete until then.
    """
    run_script(db, """
        CREATE TABLE sync_sent (
            kind TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;
        CREATE TABLE sync_laptop (
            device_id TEXT PRIMARY KEY, staff_no TEXT NOT NULL, serial TEXT NOT NULL,
            bundle_sequence INTEGER NOT NULL, held_sequence INTEGER
        );
    """)
