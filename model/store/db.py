"""The one module that opens the database file.

A :class:`Store` is the SQLite database of one installation plus the data
directory around it. Opening it turns on WAL and foreign keys, refuses a file
written by a newer CivicAudit, copies the file to ``backups/`` and then applies
pending migrations. Connections belong to the thread that opened them: a
worker thread opens its own :class:`Store` on the same directory.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from model.errors import (
    DatabaseTooNewError,
    ReadOnlyStoreError,
    StorageFullError,
    StoreError,
)
from model.store import clock
from model.store.migrations import LATEST_VERSION, MIGRATIONS

log = logging.getLogger(__name__)

DB_FILENAME = "civicaudit.db"
BACKUP_DIRNAME = "backups"


class Store:
    """An open database in a data directory; use :meth:`atomic` for every write."""

    def __init__(self, data_dir: Path, conn: sqlite3.Connection):
        self.data_dir = data_dir
        self.path = data_dir / DB_FILENAME
        self.db = Database(conn, execute_plugins=False)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """Run a block in one transaction, turning disk trouble into clear errors.

        The outermost block takes the write lock at once (``BEGIN IMMEDIATE``): a deferred
        transaction that reads and then writes fails at once with "database is locked"
        when another connection (a worker thread) wrote in between, whatever the busy
        timeout; an immediate one waits its turn. Nested blocks are savepoints.
        """
        with translate_sqlite_errors(self.path):
            if self.db.conn.in_transaction:
                with self.db.atomic() as db:
                    yield db
                return
            self.db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                raise
            try:
                self.db.conn.execute("COMMIT")
            except BaseException:
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK")
                raise

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """Return a stored setting (business configuration lives here, not in QSettings)."""
        row = self.db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting; call inside :meth:`atomic` when part of a larger change."""
        with self.atomic() as db:
            db.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def schema_version(self) -> int:
        """Return the schema version recorded in the file."""
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        """Close the connection."""
        self.db.conn.close()


@contextlib.contextmanager
def translate_sqlite_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's disk-full and read-only errors into typed, explained errors."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "disk is full" in text or "database or disk is full" in text:
            raise StorageFullError(
                f"The disk holding {path.parent} is full. Free some space and try again; "
                "the last change was not stored."
            ) from exc
        if "readonly" in text or "read-only" in text:
            raise ReadOnlyStoreError(
                f"{path} cannot be written. Check that the data directory is writable "
                "(or choose another with --data-dir)."
            ) from exc
        raise


def open_store(data_dir: Path) -> Store:
    """Open (creating or migrating as needed) the database in ``data_dir``."""
    _prepare_directory(data_dir)
    path = data_dir / DB_FILENAME
    conn = _connect(path)
    store = Store(data_dir, conn)
    try:
        _migrate(store)
    except BaseException:
        store.close()
        raise
    return store


def _prepare_directory(data_dir: Path) -> None:
    """Create the data directory and check that it can be written."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReadOnlyStoreError(
            f"Cannot create the data directory {data_dir}: {exc.strerror}. "
            "Choose a writable folder with --data-dir."
        ) from exc
    if not os.access(data_dir, os.W_OK):
        raise ReadOnlyStoreError(
            f"The data directory {data_dir} is read-only. "
            "Choose a writable folder with --data-dir."
        )


def _connect(path: Path) -> sqlite3.Connection:
    """Open a connection with the pragmas every connection must have."""
    try:
        conn = sqlite3.connect(path, timeout=30)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 30000")
        # Keep the WAL from staying as large as the biggest transaction (a bulk import).
        conn.execute("PRAGMA journal_size_limit = 67108864")
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} cannot be opened as a CivicAudit database ({exc}). "
            "Restore it from backups/ or choose another data directory."
        ) from exc
    return conn


def _migrate(store: Store) -> None:
    """Refuse a newer file, back up an older one, then apply pending migrations."""
    with translate_sqlite_errors(store.path):
        current = store.schema_version()
        if current > LATEST_VERSION:
            raise DatabaseTooNewError(
                f"{store.path} was written by a newer version of CivicAudit "
                f"(schema {current}; this program knows up to {LATEST_VERSION}). "
                "Install the newer version; the file was not changed."
            )
        if current == LATEST_VERSION:
            return
        if current > 0:
            backup_database(store, reason=f"before-v{LATEST_VERSION}")
        for migration in MIGRATIONS:
            if migration.version > current:
                _apply(store, migration)


def _apply(store: Store, migration) -> None:
    """Apply one migration and record its version in the same transaction."""
    log.info("migrating %s to schema %d (%s)", store.path, migration.version, migration.name)
    with store.db.atomic() as db:
        migration.apply(db)
        db.execute(f"PRAGMA user_version = {int(migration.version)}")


def backup_database(store: Store, reason: str) -> Path:
    """Copy the database to ``backups/`` with SQLite's online backup and return the copy's path."""
    folder = store.data_dir / BACKUP_DIRNAME
    folder.mkdir(exist_ok=True)
    stamp = clock.now().strftime("%Y%m%dT%H%M%S")
    target = folder / f"civicaudit-v{store.schema_version()}-{stamp}-{reason}.db"
    copy = sqlite3.connect(target)
    try:
        store.db.conn.backup(copy)
    finally:
        copy.close()
    log.info("backed up %s to %s", store.path, target)
    return target
