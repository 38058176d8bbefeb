"""The schema steps 1 to 5 (profiles, checklists, sites, inspections and results, roll-up
tallies, assignments, drafts, photos), and :func:`run_script`, with which every step runs its
statements.

Released steps are never edited (:mod:`model.store.migrations` lists them in order).
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database


def m001_initial(db: Database) -> None:
    """Profiles, checklist editions, sites, inspections, results and the audit log.

    Results carry denormalised copies of the keys reports group by (district,
    sub-district, site type, unit, category, month) so roll-ups are single-table
    GROUP BYs; :mod:`model.sites.sites` keeps them in step when a site changes.
    ``counted`` is 1 while the result's inspection is finished: roll-ups count
    finished inspections only.
    """
    run_script(
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


def m002_tallies_and_inspected_type(db: Database) -> None:
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
    run_script(db, f"""
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


def m003_assignments_drafts_photos(db: Database) -> None:
    """Assignments of sites to auditors, unsaved-typing drafts, and evidence photo records.

    ``assignment``: the office's plan (site × auditor × month, optionally a day).
    ``draft``: text being typed (a note, a location) saved at every keystroke so
    a crash or a lock loses nothing; it becomes a result change when editing ends.
    ``photo``: evidence referenced by content hash; the media store and ingest
    fill it (the photo issue), the inspection view shows what it holds.
    """
    run_script(db, """
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


def m004_inspection_tallies(db: Database) -> None:
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
    run_script(db, f"""
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


def m005_media(db: Database) -> None:
    """What is known about each stored original, and vector annotations on photos.

    ``media`` holds one row per original (by sha256) with the metadata read from
    its EXIF; several ``photo`` records (findings) may share it. Annotations are
    vector data on the photo record, drawn only on derived copies.
    """
    run_script(db, """
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


def run_script(db: Database, script: str) -> None:
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
