"""The database schema, as an append-only list of migrations.

A released migration is never edited: a change of schema is a new function
appended to :data:`MIGRATIONS`. The schema version is SQLite's
``PRAGMA user_version``; :mod:`model.store.db` is the only caller.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class Migration:
    """One step of the schema: ``apply`` brings version ``version - 1`` to ``version``."""

    version: int
    name: str
    apply: Callable[[Database], None]


def _m001_initial(db: Database) -> None:
    """Profiles, checklist editions, sites, inspections, results and the audit log.

    Results carry denormalised copies of the keys reports group by (district,
    sub-district, site type, unit, category, month) so roll-ups are single-table
    GROUP BYs; :mod:`model.sites.sites` keeps them in step when a site changes.
    ``counted`` is 1 while the result's inspection is finished: roll-ups count
    finished inspections only.
    """
    _run_script(
        db,
        """
        CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE profile (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            staff_no TEXT NOT NULL UNIQUE,
            organisation TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('auditor', 'office')),
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE checklist_edition (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            parent_hash TEXT,
            source TEXT NOT NULL,
            loaded_at TEXT NOT NULL
        );

        CREATE TABLE checklist_category (
            edition_hash TEXT NOT NULL REFERENCES checklist_edition(content_hash),
            code TEXT NOT NULL,
            name_zh TEXT NOT NULL,
            name_en TEXT NOT NULL DEFAULT '',
            grp TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            PRIMARY KEY (edition_hash, code)
        );

        CREATE TABLE checklist_site_type (
            edition_hash TEXT NOT NULL REFERENCES checklist_edition(content_hash),
            code TEXT NOT NULL,
            name_zh TEXT NOT NULL,
            name_en TEXT NOT NULL DEFAULT '',
            responsible_units TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL,
            PRIMARY KEY (edition_hash, code)
        );

        CREATE TABLE criterion (
            edition_hash TEXT NOT NULL REFERENCES checklist_edition(content_hash),
            code TEXT NOT NULL,
            site_type TEXT NOT NULL,
            category TEXT NOT NULL,
            text_zh TEXT NOT NULL,
            text_en TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL,
            severity TEXT NOT NULL,
            deadline TEXT NOT NULL,
            basis TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            PRIMARY KEY (edition_hash, code)
        );
        CREATE INDEX criterion_by_type ON criterion (edition_hash, site_type, position);

        CREATE TABLE site (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            site_type TEXT NOT NULL,
            district TEXT NOT NULL,
            sub_district TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            unit_name TEXT NOT NULL,
            unit_person TEXT NOT NULL DEFAULT '',
            unit_phone TEXT NOT NULL DEFAULT '',
            lat REAL,
            lon REAL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX site_by_district ON site (district, sub_district);

        CREATE TABLE inspection (
            id TEXT PRIMARY KEY,
            site_id TEXT NOT NULL REFERENCES site(id),
            auditor_id TEXT NOT NULL REFERENCES profile(id),
            edition_hash TEXT NOT NULL REFERENCES checklist_edition(content_hash),
            status TEXT NOT NULL CHECK (status IN ('in_progress', 'finished')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            month TEXT NOT NULL
        );
        CREATE INDEX inspection_by_site ON inspection (site_id, started_at);
        CREATE INDEX inspection_by_month ON inspection (month);

        CREATE TABLE result (
            id TEXT PRIMARY KEY,
            inspection_id TEXT NOT NULL REFERENCES inspection(id),
            criterion_code TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'na')),
            instances INTEGER NOT NULL DEFAULT 0 CHECK (instances >= 0),
            location TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL REFERENCES profile(id),
            month TEXT NOT NULL,
            district TEXT NOT NULL,
            sub_district TEXT NOT NULL,
            site_type TEXT NOT NULL,
            unit_name TEXT NOT NULL,
            category TEXT NOT NULL,
            counted INTEGER NOT NULL DEFAULT 0,
            UNIQUE (inspection_id, criterion_code)
        );
        CREATE INDEX result_by_month ON result (month, counted);

        CREATE TABLE audit_event (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            actor_id TEXT,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        """
    )


TALLY_KEY = ("month", "district", "sub_district", "site_type", "unit_name", "category",
             "outcome", "bucket", "counted")


def _m002_tallies_and_inspected_type(db: Database) -> None:
    """Roll-up tallies kept by triggers, and the site type an inspection was made for.

    ``result_tally`` counts results per grouping key, outcome, instance bucket
    (``min(instances, 3)``) and ``counted``; triggers keep it exact on every
    insert, update and delete of ``result``, so a roll-up reads a few thousand
    tally rows instead of every result. ``inspection.site_type`` pins the
    checklist part an inspection was scored with, even if the site is re-typed.
    """
    key = ", ".join(TALLY_KEY)
    new_values = ", ".join(f"NEW.{c}" for c in TALLY_KEY).replace(
        "NEW.bucket", "min(NEW.instances, 3)")
    old_match = " AND ".join(f"{c} = OLD.{c}" for c in TALLY_KEY).replace(
        "bucket = OLD.bucket", "bucket = min(OLD.instances, 3)")
    add_new = (f"INSERT INTO result_tally ({key}, n, instances) VALUES ({new_values}, 1,"
               f" NEW.instances) ON CONFLICT ({key}) DO UPDATE SET n = n + 1,"
               " instances = instances + excluded.instances;")
    remove_old = (f"UPDATE result_tally SET n = n - 1, instances = instances - OLD.instances"
                  f" WHERE {old_match};")
    _run_script(db, f"""
        CREATE TABLE result_tally (
            month TEXT NOT NULL, district TEXT NOT NULL, sub_district TEXT NOT NULL,
            site_type TEXT NOT NULL, unit_name TEXT NOT NULL, category TEXT NOT NULL,
            outcome TEXT NOT NULL, bucket INTEGER NOT NULL, counted INTEGER NOT NULL,
            n INTEGER NOT NULL, instances INTEGER NOT NULL,
            PRIMARY KEY ({key})
        ) WITHOUT ROWID;
        INSERT INTO result_tally ({key}, n, instances)
            SELECT month, district, sub_district, site_type, unit_name, category, outcome,
                   min(instances, 3), counted, count(*), sum(instances)
            FROM result GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
        CREATE TRIGGER result_tally_insert AFTER INSERT ON result BEGIN {add_new} END;
        CREATE TRIGGER result_tally_delete AFTER DELETE ON result BEGIN {remove_old} END;
        CREATE TRIGGER result_tally_update AFTER UPDATE ON result BEGIN
            {remove_old} {add_new} END;
        ALTER TABLE inspection ADD COLUMN site_type TEXT NOT NULL DEFAULT '';
        UPDATE inspection SET site_type = (SELECT site_type FROM site WHERE site.id = site_id);
    """)


def _m003_assignments_drafts_photos(db: Database) -> None:
    """Assignments of sites to auditors, unsaved-typing drafts, and evidence photo records.

    ``assignment``: the office's plan (site × auditor × month, optionally a day).
    ``draft``: text being typed (a note, a location) saved at every keystroke so
    a crash or a lock loses nothing; it becomes a result change when editing ends.
    ``photo``: evidence referenced by content hash; the media store and ingest
    fill it (the photo issue), the inspection view shows what it holds.
    """
    _run_script(db, """
        CREATE TABLE assignment (
            id TEXT PRIMARY KEY,
            site_id TEXT NOT NULL REFERENCES site(id),
            auditor_id TEXT NOT NULL REFERENCES profile(id),
            period TEXT NOT NULL,
            planned_on TEXT,
            created_by TEXT REFERENCES profile(id),
            created_at TEXT NOT NULL,
            UNIQUE (site_id, auditor_id, period)
        );
        CREATE INDEX assignment_by_auditor ON assignment (auditor_id, period, planned_on);

        CREATE TABLE draft (
            key TEXT PRIMARY KEY,
            profile_id TEXT NOT NULL REFERENCES profile(id),
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE photo (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            inspection_id TEXT NOT NULL REFERENCES inspection(id),
            criterion_code TEXT,
            original_name TEXT NOT NULL DEFAULT '',
            taken_at TEXT,
            lat REAL,
            lon REAL,
            flags TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL REFERENCES profile(id)
        );
        CREATE INDEX photo_by_finding ON photo (inspection_id, criterion_code);
        CREATE INDEX photo_by_hash ON photo (sha256);
    """)


def _m004_inspection_tallies(db: Database) -> None:
    """Per-inspection result counts kept by triggers, for lists of inspections with rates.

    Grouping 600k results by inspection takes about 0.3 s; the navigator lists
    every inspection with its score rate, so the counts are kept up to date
    instead (outcome and instance bucket, as in ``result_tally``).
    """
    key = "inspection_id, outcome, bucket"
    add_new = (f"INSERT INTO inspection_tally ({key}, n, instances) VALUES (NEW.inspection_id,"
               " NEW.outcome, min(NEW.instances, 3), 1, NEW.instances) ON CONFLICT"
               f" ({key}) DO UPDATE SET n = n + 1, instances = instances + excluded.instances;")
    remove_old = ("UPDATE inspection_tally SET n = n - 1, instances = instances - OLD.instances"
                  " WHERE inspection_id = OLD.inspection_id AND outcome = OLD.outcome"
                  " AND bucket = min(OLD.instances, 3);")
    _run_script(db, f"""
        CREATE TABLE inspection_tally (
            inspection_id TEXT NOT NULL, outcome TEXT NOT NULL, bucket INTEGER NOT NULL,
            n INTEGER NOT NULL, instances INTEGER NOT NULL,
            PRIMARY KEY ({key})
        ) WITHOUT ROWID;
        INSERT INTO inspection_tally ({key}, n, instances)
            SELECT inspection_id, outcome, min(instances, 3), count(*), sum(instances)
            FROM result GROUP BY 1, 2, 3;
        CREATE TRIGGER inspection_tally_insert AFTER INSERT ON result BEGIN {add_new} END;
        CREATE TRIGGER inspection_tally_delete AFTER DELETE ON result BEGIN {remove_old} END;
        CREATE TRIGGER inspection_tally_update AFTER UPDATE OF inspection_id, outcome, instances
            ON result BEGIN {remove_old} {add_new} END;
    """)


def _m005_media(db: Database) -> None:
    """What is known about each stored original, and vector annotations on photos.

    ``media`` holds one row per original (by sha256) with the metadata read from
    its EXIF; several ``photo`` records (findings) may share it. Annotations are
    vector data on the photo record, drawn only on derived copies.
    """
    _run_script(db, """
        CREATE TABLE media (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            orientation INTEGER NOT NULL DEFAULT 1,
            taken_at TEXT,
            lat REAL,
            lon REAL,
            gps_accuracy REAL,
            make TEXT NOT NULL DEFAULT '',
            model TEXT NOT NULL DEFAULT '',
            has_exif INTEGER NOT NULL,
            original_name TEXT NOT NULL DEFAULT '',
            stored_at TEXT NOT NULL
        );
        ALTER TABLE photo ADD COLUMN annotations TEXT NOT NULL DEFAULT '[]';
    """)


def _m006_notices_and_keys(db: Database) -> None:
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
    _run_script(db, """
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


def _m007_after_photos(db: Database) -> None:
    """After-photos of a re-inspection are photo records marked with their re-inspection.

    They belong to the inspection and criterion they show fixed (so they sit beside
    the before-photos), but are not its evidence: evidence queries skip them.
    """
    _run_script(db, """
        ALTER TABLE photo ADD COLUMN reinspection_id TEXT REFERENCES reinspection(id);
        CREATE INDEX photo_by_reinspection ON photo(reinspection_id);
    """)


def _m008_sync(db: Database) -> None:
    """USB sync bookkeeping: record versions, conflicts, peers, exports and receipts.

    A synced record (an inspection with its results and photos, a notice with its
    follow-up, a site, a profile's public part …) has versions named by ``rev``.
    ``sync_rev`` holds every rev this store has seen of a record, ancestors included, so an
    old version arriving late changes nothing. ``sync_head`` holds the versions no other
    version supersedes: the one applied to the tables (``current = 1``) and, when two
    machines edited the same record, the others as conflicts for a person to resolve.
    ``sync_peer`` lists the bundles seen per sending device, ``sync_export`` this device's
    bundles, ``sync_ack`` what an office receipt acknowledged, ``remote_event`` the audit
    events of other devices.
    """
    _run_script(db, """
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


def _m009_office_indexes(db: Database) -> None:
    """Indexes for the office's figures over a year of results (``bench/bench_office.py``).

    ``result_tally_by_month`` holds just what the month-by-month figures add up (the trend,
    the totals, the months with data), in that order, so they read a narrow index instead
    of the tally's wide rows and need no sort; ``result_by_criterion`` lets the weakest
    criteria of a month be counted from the index alone.
    """
    _run_script(db, """
        CREATE INDEX result_tally_by_month
            ON result_tally (counted, month, outcome, bucket, n, instances);
        CREATE INDEX result_by_criterion
            ON result (month, counted, criterion_code, outcome, instances);
    """)


def _m010_month_inspections_index(db: Database) -> None:
    """Replace ``result_by_month`` (month, counted) by an index that also holds the inspection.

    The office's totals ask which inspections have counted results in a period; with
    the inspection in the index that is read from the index alone (84 ms through
    ``result_by_criterion``, 35 ms through the old index with a table look-up per
    result, 14 ms now, on a month of 85,000 results). Every query that used the old
    index can use this one, so ``result`` keeps three indexes besides its keys (each
    costs every result an import writes).
    """
    _run_script(db, """
        DROP INDEX IF EXISTS result_by_month;
        CREATE INDEX result_by_month_inspection ON result (month, counted, inspection_id);
    """)


def _m011_trust_bookkeeping(db: Database) -> None:
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
    _run_script(db, """
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


def _run_script(db: Database, script: str) -> None:
    """Run several statements inside the caller's transaction.

    ``sqlite3.executescript`` would commit first, breaking the all-or-nothing
    promise of a migration, so statements are executed one by one.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _m001_initial),
    Migration(2, "roll-up tallies, inspected site type", _m002_tallies_and_inspected_type),
    Migration(3, "assignments, drafts, photo records", _m003_assignments_drafts_photos),
    Migration(4, "per-inspection tallies", _m004_inspection_tallies),
    Migration(5, "media metadata, photo annotations", _m005_media),
    Migration(6, "notices, numbering, keys and certificates", _m006_notices_and_keys),
    Migration(7, "re-inspection after-photos", _m007_after_photos),
    Migration(8, "USB sync bookkeeping", _m008_sync),
    Migration(9, "indexes for the office's figures", _m009_office_indexes),
    Migration(10, "results by month with their inspection", _m010_month_inspections_index),
    Migration(11, "acknowledged audit heads, notices' first record", _m011_trust_bookkeeping),
)

LATEST_VERSION = MIGRATIONS[-1].version
