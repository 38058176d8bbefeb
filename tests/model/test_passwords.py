"""Passwords of at least 8 characters; a shorter one from before must be changed first, and
changing it seals the keys it locks again under the new one."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from model.errors import (
    AuthenticationError,
    PasswordChangeRequiredError,
    ValidationError,
    WrongPassphraseError,
)
from model.people import key_store, keys, keyseal, profiles
from model.people.profiles import Role
from model.store import audit
from tests.conftest import PASSWORD

OLD_SHORT = "abcd"  # allowed before the minimum became 8
NEW = "a-better-password"


def _set_old_password(store, staff_no: str, password: str) -> None:
    """Store a hash as an older CivicAudit did, when 4 characters were enough."""
    with store.atomic() as db:
        db.execute("UPDATE profile SET password_hash = ? WHERE staff_no = ?",
                   [profiles.hash_password(password), staff_no])


def test_a_new_password_or_passphrase_needs_8_characters(office):
    assert profiles.MIN_PASSWORD_LENGTH == 8
    with pytest.raises(ValidationError, match="at least 8 characters"):
        office.people.create("李明", "A07", Role.AUDITOR, "seven-7")
    with pytest.raises(ValidationError, match="at least 8 characters"):
        office.credentials.request("seven-7")
    with pytest.raises(ValidationError, match="at least 8 characters"):
        office.credentials.init_authority("迎泽区创城办", "seven-7")
    assert [p.staff_no for p in office.people.all()] == ["O01"]
    assert keys.credential_status(office.store, office.user) == "none"
    office.people.create("李明", "A07", Role.AUDITOR, "eight-88")


def test_signing_in_with_a_short_old_password_demands_a_change_first(auditor_services):
    services = auditor_services
    services.credentials.request(PASSWORD)
    _set_old_password(services.store, "A07", OLD_SHORT)
    assert services.login("A07", OLD_SHORT).staff_no == "A07"
    assert services.must_change_password
    with pytest.raises(PasswordChangeRequiredError, match="shorter than 8 characters"):
        services.inspections.start("YZ-ZCGD-01")
    with pytest.raises(PasswordChangeRequiredError):
        services.credentials.request(NEW)
    services.login("O01", PASSWORD)
    assert not services.must_change_password


def test_changing_the_password_seals_the_signing_key_again_under_it(auditor_services):
    services = auditor_services
    store, auditor = services.store, services.user
    with store.atomic() as db:  # a key locked with the short password, as before
        _set_old_password(store, "A07", OLD_SHORT)
        key = ec.generate_private_key(ec.SECP256R1())
        public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
        db.execute("INSERT INTO credential (profile_id, key_pem, requested_at) VALUES (?, ?, ?)",
                   [auditor.id, keyseal.seal(key, OLD_SHORT) + public, "2026-01-01"])
    services.login("A07", OLD_SHORT)
    services.change_password(OLD_SHORT, NEW)
    assert not services.must_change_password
    stored = store.db.execute("SELECT key_pem FROM credential").fetchone()[0]
    private = stored.partition(key_store.PUBLIC_KEY_BEGIN)[0]
    assert keyseal.unseal(private, NEW, "k").private_numbers() == key.private_numbers()
    with pytest.raises(WrongPassphraseError):
        keyseal.unseal(private, OLD_SHORT, "k")
    assert stored.endswith(public)
    with pytest.raises(AuthenticationError):
        services.login("A07", OLD_SHORT)
    services.login("A07", NEW)
    assert not services.must_change_password
    actions = [e.action for e in audit.events(store.db)]
    assert actions[-2:] == ["profile.password", "credential.reseal"]
    assert audit.verify(store.db).ok


def test_an_office_password_change_carries_the_authority_key_along(office):
    office.credentials.init_authority("迎泽区创城办", PASSWORD)
    office.change_password(PASSWORD, NEW)
    stored = office.store.db.execute("SELECT key_pem FROM authority").fetchone()[0]
    keyseal.unseal(stored, NEW, "the CA key")
    csr = office.credentials.request(NEW)
    assert office.credentials.issue(csr, "o01.csr", NEW)


@pytest.mark.parametrize(("old", "new", "error"), [
    ("not-the-password", NEW, AuthenticationError), (PASSWORD, "short", ValidationError),
    (PASSWORD, PASSWORD, ValidationError)])
def test_a_refused_change_changes_nothing(auditor_services, old, new, error):
    services = auditor_services
    services.credentials.request(PASSWORD)
    before = services.store.db.execute(
        "SELECT p.password_hash, c.key_pem FROM profile p JOIN credential c"
        " ON c.profile_id = p.id").fetchone()
    with pytest.raises(error):
        services.change_password(old, new)
    assert services.store.db.execute(
        "SELECT p.password_hash, c.key_pem FROM profile p JOIN credential c"
        " ON c.profile_id = p.id").fetchone() == before
    services.login("A07", PASSWORD)
