"""The database schema, as an append-only list of migrations.

A released migration is never edited: a change of schema is a new function
appended to :data:`MIGRATIONS`. The schema version is SQLite's
``PRAGMA user_version``; :mod:`model.store.db` is the only caller. The steps
themselves live in :mod:`model.store.schema_v01` (1 to 5), :mod:`model.store.schema_v06`
(6 to 12) and :mod:`model.store.schema_v13` (13 on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from model.store.schema_v01 import (
    m001_initial,
    m002_tallies_and_inspected_type,
    m003_assignments_drafts_photos,
    m004_inspection_tallies,
    m005_media,
)
from model.store.schema_v06 import (
    m006_notices_and_keys,
    m007_after_photos,
    m008_sync,
    m009_office_indexes,
    m010_month_inspections_index,
    m011_trust_bookkeeping,
    m012_office_bundle_holds,
)
from model.store.schema_v13 import m013_month_tallies, m014_failures_by_criterion


@dataclass(frozen=True)
class Migration:
    """One step of the schema: ``apply`` brings version ``version - 1`` to ``version``."""

    version: int
    name: str
    apply: Callable[[Database], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", m001_initial),
    Migration(2, "roll-up tallies, inspected site type", m002_tallies_and_inspected_type),
    Migration(3, "assignments, drafts, photo records", m003_assignments_drafts_photos),
    Migration(4, "per-inspection tallies", m004_inspection_tallies),
    Migration(5, "media metadata, photo annotations", m005_media),
    Migration(6, "notices, numbering, keys and certificates", m006_notices_and_keys),
    Migration(7, "re-inspection after-photos", m007_after_photos),
    Migration(8, "USB sync bookkeeping", m008_sync),
    Migration(9, "indexes for the office's figures", m009_office_indexes),
    Migration(10, "results by month with their inspection", m010_month_inspections_index),
    Migration(11, "acknowledged audit heads, notices' first record", m011_trust_bookkeeping),
    Migration(12, "what the laptops hold of the office's bundles", m012_office_bundle_holds),
    Migration(13, "tallies the size of a month", m013_month_tallies),
    Migration(14, "failures by criterion, not every result", m014_failures_by_criterion),
)

LATEST_VERSION = MIGRATIONS[-1].version
