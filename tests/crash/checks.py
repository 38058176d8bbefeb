"""What must hold of a store after any kill: read straight from the file the kill left.

These open the database with plain ``sqlite3`` (no migration, no clean-up at open), so
they see exactly what the killed process left, before any later run could repair it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from model.store import audit
from model.store.schema_v01 import TALLY_KEY
from tests.crash.harness import DB_FILE

_RESULT_TALLY = ", ".join(TALLY_KEY).replace("bucket", "min(instances, 3)")
_RECOUNTS = {
    "inspection_tally": (
        "SELECT inspection_id, outcome, bucket, n, instances FROM inspection_tally",
        "SELECT inspection_id, outcome, min(instances, 3), count(*), sum(instances) "
        "FROM result GROUP BY 1, 2, 3"),
    "result_tally": (
        f"SELECT {', '.join(TALLY_KEY)}, n, instances FROM result_tally",
        f"SELECT {_RESULT_TALLY}, count(*), sum(instances) FROM result "
        f"GROUP BY {', '.join(str(i) for i in range(1, len(TALLY_KEY) + 1))}"),
}


def connect(data_dir: Path) -> sqlite3.Connection:
    """A plain connection to a store's database file."""
    return sqlite3.connect(data_dir / DB_FILE)


def problems(data_dir: Path) -> list[str]:
    """Everything wrong with the database itself: integrity, foreign keys, tallies that
    disagree with a recount of the results, an audit chain that does not verify."""
    conn = connect(data_dir)
    try:
        found = [f"integrity: {row}" for row in conn.execute("PRAGMA integrity_check")
                 if row != ("ok",)]
        found += [f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
        found += tally_problems(conn)
        report = audit.verify(Database(conn))
        found += [f"audit: {problem}" for problem in report.problems]
        return found
    finally:
        conn.close()


def tally_problems(conn: sqlite3.Connection) -> list[str]:
    """Rows of the roll-up tallies that a recount from the result rows does not give."""
    found = []
    for table, (kept_sql, recount_sql) in _RECOUNTS.items():
        kept = {row[:-2]: row[-2:] for row in conn.execute(kept_sql)}
        negative = [key for key, (n, _instances) in kept.items() if n < 0]
        kept = {key: value for key, value in kept.items() if value[0] != 0}
        recount = {row[:-2]: row[-2:] for row in conn.execute(recount_sql)}
        if negative:
            found.append(f"{table}: negative counts at {negative[:3]}")
        if kept != recount:
            wrong = sorted(set(kept.items()) ^ set(recount.items()), key=repr)[:4]
            found.append(f"{table} differs from a recount of the results: {wrong}")
    return found
