import logging
import subprocess
import sys

import pytest

from model.errors import AuthenticationError, PermissionDeniedError, ValidationError
from model.people import profiles
from model.people.profiles import Role
from tests.conftest import PASSWORD, SHIPPED_SCRYPT_N, TEST_SCRYPT_N, TESTS

ROOT = TESTS.parent


def test_passwords_are_stored_as_scrypt_hashes(services):
    services.people.create("王建国", "O01", Role.OFFICE, PASSWORD)
    stored = services.store.db.execute("SELECT password_hash FROM profile").fetchone()[0]
    assert stored.startswith("scrypt$") and PASSWORD not in stored
    assert profiles.check_password(stored, PASSWORD)
    assert not profiles.check_password(stored, PASSWORD + "x")
    assert not profiles.check_password("garbage", PASSWORD)


def test_the_program_hashes_and_seals_at_the_shipped_cost():
    """The tests hash at a lower cost in their own process (tests/conftest.py); the program
    itself, as started, uses n = 2**15, r = 8, p = 1 for passwords and sealed keys alike."""
    probe = ("from model.people import keyseal, profiles; "
             "h = profiles.hash_password('a-password'); print(h.split('$')[1:4]); "
             "print(keyseal.SCRYPT_N, keyseal.SCRYPT_R, keyseal.SCRYPT_P)")
    shown = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.splitlines()
    assert shown == ["['32768', '8', '1']", "32768 8 1"]
    assert SHIPPED_SCRYPT_N == 2**15 and profiles.SCRYPT_N == TEST_SCRYPT_N < SHIPPED_SCRYPT_N


def test_two_hashes_of_one_password_differ(services):
    assert profiles.hash_password("abcd") != profiles.hash_password("abcd")


def test_a_wrong_password_is_refused_without_leaking_anything(services, caplog):
    services.people.create("王建国", "O01", Role.OFFICE, PASSWORD)
    stored = services.store.db.execute("SELECT password_hash FROM profile").fetchone()[0]
    salt_and_hash = stored.split("$")[-2:]
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AuthenticationError) as wrong_password:
        services.login("O01", "not-it")
    with pytest.raises(AuthenticationError) as wrong_user:
        services.login("nobody", PASSWORD)
    assert str(wrong_password.value) == str(wrong_user.value)
    for secret in salt_and_hash:
        assert secret not in str(wrong_password.value)
        assert secret not in caplog.text


def test_login_by_name_or_staff_number_remembers_the_last_user(services):
    services.people.create("王建国", "O01", Role.OFFICE, PASSWORD)
    assert services.login("王建国", PASSWORD).staff_no == "O01"
    assert services.last_user() == "O01"


def test_after_the_first_profile_only_the_office_creates_profiles(services):
    services.people.create("王建国", "O01", Role.OFFICE, PASSWORD)
    with pytest.raises(AuthenticationError):
        services.people.create("李明", "A07", Role.AUDITOR, PASSWORD)
    services.login("O01", PASSWORD)
    services.people.create("李明", "A07", Role.AUDITOR, PASSWORD)
    services.login("A07", PASSWORD)
    with pytest.raises(PermissionDeniedError):
        services.people.create("张丽", "A08", Role.AUDITOR, PASSWORD)


@pytest.mark.parametrize(("name", "staff_no", "password"), [
    ("", "X1", PASSWORD), ("名字", " ", PASSWORD), ("名字", "X1", "abc")])
def test_incomplete_profiles_are_refused(services, name, staff_no, password):
    with pytest.raises(ValidationError):
        services.people.create(name, staff_no, Role.AUDITOR, password)
    assert services.people.all() == []


def test_a_staff_number_is_used_once(office):
    with pytest.raises(ValidationError, match="taken"):
        office.people.create("另一个人", "O01", Role.AUDITOR, PASSWORD)
