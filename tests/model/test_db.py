import sqlite3

import pytest

from model.errors import DatabaseTooNewError, ReadOnlyStoreError, StorageFullError
from model.store import db, migrations
from model.store.migrations import Migration
from tests.helpers import site_line, sites_csv


def test_a_new_store_has_the_latest_schema_with_wal_and_foreign_keys(data_dir):
    store = db.open_store(data_dir)
    assert store.schema_version() == migrations.LATEST_VERSION
    assert {"site", "inspection", "result", "audit_event"} <= set(store.db.table_names())
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


def test_foreign_keys_are_enforced(data_dir):
    store = db.open_store(data_dir)
    with pytest.raises(sqlite3.IntegrityError), store.atomic() as conn:
        conn.execute("INSERT INTO inspection (id, site_id, auditor_id, edition_hash, status,"
                     " started_at, month) VALUES ('x', 'no-site', 'nobody', 'none',"
                     " 'in_progress', '2026-01-01', '2026-01')")
    store.close()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(data_dir):
    db.open_store(data_dir).close()
    path = data_dir / db.DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        db.open_store(data_dir)
    assert path.read_bytes() == before
    assert not (data_dir / db.BACKUP_DIRNAME).exists()


def _add_migration(monkeypatch, migration):
    extended = (*migrations.MIGRATIONS, migration)
    monkeypatch.setattr(db, "MIGRATIONS", extended)
    monkeypatch.setattr(db, "LATEST_VERSION", migration.version)


def test_an_older_database_is_backed_up_then_migrated(data_dir, monkeypatch):
    store = db.open_store(data_dir)
    store.set_setting("marker", "before")
    store.close()
    version = migrations.LATEST_VERSION + 1
    _add_migration(monkeypatch, Migration(version, "test", lambda d: d.execute(
        "CREATE TABLE added_later (x)")))
    store = db.open_store(data_dir)
    assert store.schema_version() == version
    assert "added_later" in store.db.table_names()
    store.close()
    backups = list((data_dir / db.BACKUP_DIRNAME).glob("*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    assert copy.execute("SELECT value FROM setting WHERE key='marker'").fetchone() == ("before",)
    copy.close()


def test_a_failing_migration_changes_nothing(data_dir, monkeypatch):
    db.open_store(data_dir).close()

    def broken(d):
        d.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    _add_migration(monkeypatch, Migration(migrations.LATEST_VERSION + 1, "broken", broken))
    with pytest.raises(RuntimeError):
        db.open_store(data_dir)
    conn = sqlite3.connect(data_dir / db.DB_FILENAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    conn.close()


def test_an_unwritable_data_directory_gets_a_clear_message(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ReadOnlyStoreError, match="--data-dir"):
        db.open_store(blocker / "data")


def test_a_file_that_is_not_a_database_is_refused(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / db.DB_FILENAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(db.StoreError, match="cannot be opened"):
        db.open_store(data_dir)


def test_a_full_disk_is_reported_and_leaves_no_half_written_import(office, tmp_path):
    store = office.store
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    big = [site_line(f"S-{i:04d}", name="很长的名字" * 200) for i in range(300)]
    with pytest.raises(StorageFullError, match="full"):
        office.sites.import_csv(sites_csv(tmp_path, big))
    assert store.db.execute("SELECT count(*) FROM site").fetchone()[0] == 0


def test_a_schema_1_database_with_data_migrates_to_the_latest(data_dir, monkeypatch):
    """A store saved by the first release: its results get tallies, inspections a site type."""
    with monkeypatch.context() as patched:
        patched.setattr(db, "MIGRATIONS", migrations.MIGRATIONS[:1])
        patched.setattr(db, "LATEST_VERSION", 1)
        old = db.open_store(data_dir)
        _fill_schema_1(old)
        old.close()
    store = db.open_store(data_dir)
    assert store.schema_version() == migrations.LATEST_VERSION
    assert store.db.execute("SELECT site_type FROM inspection").fetchall() == [("ZCGD",)]
    tally = store.db.execute("SELECT outcome, bucket, counted, n, instances FROM result_tally"
                             " ORDER BY outcome").fetchall()
    assert tally == [("fail", 3, 1, 1, 4), ("pass", 0, 1, 2, 0)]
    per_inspection = store.db.execute("SELECT inspection_id, outcome, bucket, n, instances"
                                      " FROM inspection_tally ORDER BY outcome").fetchall()
    assert per_inspection == [("i", "fail", 3, 1, 4), ("i", "pass", 0, 2, 0)]
    assert len(list((data_dir / db.BACKUP_DIRNAME).glob("civicaudit-v1-*.db"))) == 1
    store.close()


def _fill_schema_1(store):
    """Rows as schema 1 stored them: a site, a finished inspection and three results."""
    with store.atomic() as conn:
        conn.execute("INSERT INTO profile VALUES ('p', '李明', 'A07', '', 'auditor', 'x', 't')")
        conn.execute("INSERT INTO checklist_edition VALUES ('e', 'h', '版', '', NULL, 'shipped',"
                     " 't')")
        conn.execute("INSERT INTO site VALUES ('s', 'S-1', '点', 'ZCGD', '迎泽区', '柳巷街道', '',"
                     " '甲', '', '', NULL, NULL, 't', 't')")
        conn.execute("INSERT INTO inspection VALUES ('i', 's', 'p', 'h', 'finished', 't', 't',"
                     " '2026-11')")
        for n, (outcome, instances) in enumerate([("pass", 0), ("pass", 0), ("fail", 4)]):
            conn.execute("INSERT INTO result VALUES (?, 'i', ?, ?, ?, '', '', 't', 'p', '2026-11',"
                         " '迎泽区', '柳巷街道', 'ZCGD', '甲', 'C08', 1)",
                         [f"r{n}", f"ZCGD-0{n}", outcome, instances])
