"""The database schema, as an append-only list of migrations.

A released migration is never edited: a change of schema is a new function
appended to :data:`MIGRATIONS`. The schema version is SQLite's
``PRAGMA user_version``; :mod:`model.db` is the only caller.
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
    GROUP BYs; :mod:`model.sites` keeps them in step when a site changes.
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
)

LATEST_VERSION = MIGRATIONS[-1].version
