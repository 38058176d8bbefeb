"""The CLI with a password from before the 8-character minimum: everything waits for
``profile password``, which changes it and the signing key's passphrase together."""

import pytest

from model.people import keyseal, profiles
from model.store import db
from tests.cli.runner import run
from tests.conftest import shipped_scrypt_cost

OLD, NEW = "abcd", "a-better-password"


@pytest.fixture
def old_store(tmp_path):
    """A store whose office profile O01 has a 4-character password and a key locked with it."""
    data_dir = tmp_path / "data"
    created = run(data_dir, "profile", "create", "--name", "王建国", "--staff-no", "O01",
                  "--role", "office", password="long-enough")
    assert created.returncode == 0, created.stderr
    request = run(data_dir, "--user", "O01", "keys", "request", "--out", str(tmp_path / "o.csr"),
                  password="long-enough")
    assert request.returncode == 0, request.stderr
    store = db.open_store(data_dir)
    with shipped_scrypt_cost(), store.atomic() as conn:  # as an older CivicAudit left it
        stored = conn.execute("SELECT key_pem FROM credential").fetchone()[0]
        private, begin, public = stored.partition(b"-----BEGIN PUBLIC KEY-----")
        key = keyseal.unseal(private, "long-enough", "k")
        conn.execute("UPDATE credential SET key_pem = ?",
                     [keyseal.seal(key, OLD) + begin + public])
        conn.execute("UPDATE profile SET password_hash = ?", [profiles.hash_password(OLD)])
    store.close()
    return data_dir


def _stored_key(data_dir) -> bytes:
    store = db.open_store(data_dir)
    try:
        stored = store.db.execute("SELECT key_pem FROM credential").fetchone()[0]
    finally:
        store.close()
    return stored.partition(b"-----BEGIN PUBLIC KEY-----")[0]


def test_a_short_old_password_allows_only_changing_it(old_store):
    refused = run(old_store, "--user", "O01", "sites", "import", "nowhere.csv", password=OLD)
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "shorter than 8 characters" in lines[0]
    assert "main.py --user O01 profile password" in lines[0]
    assert run(old_store, "profile", "list").returncode == 0  # reading needs no sign-in

    short = run(old_store, "--user", "O01", "profile", "password", password=OLD,
                new_password="short")
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
    changed = run(old_store, "--user", "O01", "profile", "password", password=OLD,
                  new_password=NEW)
    assert changed.returncode == 0, changed.stderr
    assert "changed" in changed.stdout
    keyseal.unseal(_stored_key(old_store), NEW, "the signing key")

    assert run(old_store, "--user", "O01", "ca", "init", "--name", "迎泽区创城办",
               password=OLD).returncode == 2
    works = run(old_store, "--user", "O01", "ca", "init", "--name", "迎泽区创城办", password=NEW)
    assert works.returncode == 0, works.stderr


def test_changing_the_password_needs_a_new_one_from_somewhere(old_store):
    asked = run(old_store, "--user", "O01", "profile", "password", password=OLD)
    assert asked.returncode == 2 and "CIVICAUDIT_NEW_PASSWORD" in asked.stderr
    keyseal.unseal(_stored_key(old_store), OLD, "the signing key")


def test_a_profile_made_by_someone_signed_in_gets_its_own_password_never_theirs(tmp_path):
    office = ("--user", "O01")
    made = run(tmp_path, "profile", "create", "--name", "王建国", "--staff-no", "O01", "--role",
               "office", password=NEW)
    assert made.returncode == 0, made.stderr
    create_a07 = ("profile", "create", "--name", "李明", "--staff-no", "A07", "--role", "auditor")
    refused = run(tmp_path, *office, *create_a07, password=NEW)
    assert refused.returncode == 2 and "CIVICAUDIT_NEW_PASSWORD" in refused.stderr
    made = run(tmp_path, *office, *create_a07, password=NEW, new_password="li-ming-secret")
    assert made.returncode == 0, made.stderr
    assert run(tmp_path, "--user", "A07", "sync", "status", password=NEW).returncode == 2
    assert run(tmp_path, "--user", "A07", "sync", "status",
               password="li-ming-secret").returncode == 0
