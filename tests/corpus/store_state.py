"""What a data directory holds, to tell whether a refused input changed anything."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

# Written by every run (the log) or by SQLite itself; never evidence of an import.
VOLATILE = ("logs", "civicaudit.db", "civicaudit.db-wal", "civicaudit.db-shm")


def store_digest(db_path: Path) -> dict[str, str]:
    """{table: sha256 of its rows (in a fixed order)} for every table of the database,
    plus its schema version: two equal digests mean no row was added, changed or removed."""
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        digest = {"user_version": str(conn.execute("PRAGMA user_version").fetchone()[0])}
        for table in tables:
            rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{table}"'))
            digest[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return digest
    finally:
        conn.close()


def row_count(db_path: Path, table: str) -> int:
    """How many rows a table has (the audit log, say)."""
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        conn.close()


def files_of(data_dir: Path) -> dict[str, int]:
    """{relative path: size} of every file in a data directory but the log and the database."""
    root = Path(data_dir)
    return {str(p.relative_to(root)): p.stat().st_size for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] not in VOLATILE}
