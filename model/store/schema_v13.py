"""The schema steps from 13 on: tallies the size of a month, for a province's office.

Released steps are never edited: a change of schema is a new step at the end of this module,
listed in ``model.store.migrations``.
"""

from __future__ import annotations

from sqlite_utils import Database

from model.store.schema_v01 import run_script

# The tallies of step 13: the table and the result columns it counts by (``bucket`` is
# ``min(instances, 3)``, as in ``result_tally``).
MONTH_KEY = ("month", "counted", "outcome", "bucket")
CRITERION_KEY = ("month", "counted", "criterion_code", "outcome", "bucket")
UNIT_KEY = ("month", "counted", "district", "unit_name", "outcome", "bucket")
KIND_KEY = ("month", "counted", "site_type", "category", "outcome", "bucket")
INSPECTION_GROUP_KEY = ("month", "counted", "district", "sub_district", "site_type",
                        "unit_name", "inspection_id")
MONTH_TALLIES = (("month_tally", MONTH_KEY), ("unit_tally", UNIT_KEY), ("kind_tally", KIND_KEY),
                 ("criterion_tally", CRITERION_KEY),
                 ("inspection_group_tally", INSPECTION_GROUP_KEY))
_INTEGERS = ("counted", "bucket")


def tally_script(table: str, key: tuple[str, ...]) -> str:
    """The SQL that makes a tally of ``result`` by ``key``: the table (``n`` results and
    their ``instances`` per key), its first fill, and the triggers that keep it exact on
    every insert, delete and update of a result, as migration 2 keeps ``result_tally``."""
    columns = ", ".join(key)

    def of(row: str) -> str:
        return ", ".join(f"min({row}instances, 3)" if c == "bucket" else f"{row}{c}"
                         for c in key)
    match = " AND ".join(f"{c} = min(OLD.instances, 3)" if c == "bucket" else f"{c} = OLD.{c}"
                         for c in key)
    add = (f"INSERT INTO {table} ({columns}, n, instances) VALUES ({of('NEW.')}, 1,"
           f" NEW.instances) ON CONFLICT ({columns}) DO UPDATE SET n = n + 1,"
           " instances = instances + excluded.instances;")
    remove = (f"UPDATE {table} SET n = n - 1, instances = instances - OLD.instances"
              f" WHERE {match};")
    typed = ", ".join(f"{c} {'INTEGER' if c in _INTEGERS else 'TEXT'} NOT NULL" for c in key)
    watched = ", ".join(sorted({c for c in key if c != "bucket"} | {"instances"}))
    groups = ", ".join(str(i) for i in range(1, len(key) + 1))
    return f"""
        CREATE TABLE {table} ({typed}, n INTEGER NOT NULL, instances INTEGER NOT NULL,
                              PRIMARY KEY ({columns})) WITHOUT ROWID;
        INSERT INTO {table} ({columns}, n, instances)
            SELECT {of('')}, count(*), sum(instances) FROM result GROUP BY {groups};
        CREATE TRIGGER {table}_insert AFTER INSERT ON result BEGIN {add} END;
        CREATE TRIGGER {table}_delete AFTER DELETE ON result BEGIN {remove} END;
        CREATE TRIGGER {table}_update AFTER UPDATE OF {watched} ON result BEGIN
            {remove} {add} END;
    """


def m013_month_tallies(db: Database) -> None:
    """Tallies whose month is as small as the month, not as the store (issue 18).

    ``result_tally`` has a row per month × district × sub-district × site type × unit ×
    category × outcome × bucket: a province's month is 190,000 of them, so the office's
    figures of the whole province read that much, and the 12-month trend twelve times that.
    ``month_tally`` holds the month's outcomes alone (the trend, the totals), ``unit_tally``
    per district and unit (the districts' and units' tables and rankings, a tenth of the
    rows), ``kind_tally`` per site type and category (their tables), ``criterion_tally``
    per criterion (the weakest criteria), and ``inspection_group_tally`` which inspections
    have counted results in each group (the number of inspections and sites behind a
    figure, without reading every result).
    """
    run_script(db, "".join(tally_script(table, key) for table, key in MONTH_TALLIES))


def m014_failures_by_criterion(db: Database) -> None:
    """Index only the failures by criterion (issue 18: an import into a big store).

    ``result_by_criterion`` (migration 9) held every result in criterion order within its
    month, so each result an import wrote went to a random place of a big index: into a
    province's year a laptop's 60,000 results took twice as long as into a new store, the
    whole difference (measured by dropping it). Its readers were the weakest criteria, which
    ``criterion_tally`` now gives for a whole period, and the negative list, which asks for
    failures only: this partial index holds a tenth of the results.
    """
    run_script(db, """
        DROP INDEX IF EXISTS result_by_criterion;
        CREATE INDEX result_failures_by_criterion
            ON result (month, counted, criterion_code, outcome, instances) WHERE outcome = 'fail';
    """)
