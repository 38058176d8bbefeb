"""A signing key unsealed moments ago with the same password is not unsealed again
(model.people.unlocked): the next notice does not pay scrypt, and nothing else gets easier."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from model.errors import WrongPassphraseError
from model.people import authority, keys, keyseal, profiles, unlocked
from tests.conftest import PASSWORD

CA_PASS = "office-ca-passphrase"


@pytest.fixture
def signer(auditor_services, monkeypatch):
    """A07 with a sealed key and a certificate; ``unseals`` counts real scrypt unseals."""
    store, auditor = auditor_services.store, auditor_services.user
    office = profiles.find(store, "O01")
    authority.init_authority(store, "迎泽区创城办", CA_PASS, office)
    csr = keys.request_key(store, auditor, PASSWORD)
    keys.install_certificate(store, auditor,
                             authority.issue_certificate(store, csr, "a07.csr", CA_PASS, office),
                             "a07.pem")
    unlocked.forget_all()
    unseals = []
    real = keyseal.unseal

    def counted(sealed, passphrase, what):
        unseals.append(what)
        return real(sealed, passphrase, what)
    monkeypatch.setattr(keyseal, "unseal", counted)
    return auditor_services, unseals


def _sign(services, password: str = PASSWORD):
    return keys.signing_credential(services.store, services.user, password)


def test_the_second_signing_with_the_same_password_does_not_unseal_again(signer):
    services, unseals = signer
    first, second = _sign(services), _sign(services)
    assert len(unseals) == 1
    assert first.private_key.private_numbers() == second.private_key.private_numbers()


def test_a_wrong_password_still_fails_after_a_right_one(signer):
    services, unseals = signer
    _sign(services)
    with pytest.raises(WrongPassphraseError):
        _sign(services, PASSWORD + "x")
    assert len(unseals) == 2  # the wrong one went to scrypt, which refused it
    _sign(services)
    assert len(unseals) == 2


def test_signing_in_and_the_lock_forget_the_key(signer):
    services, unseals = signer
    _sign(services)
    services.locked()
    _sign(services)
    services.login("A07", PASSWORD)
    _sign(services)
    assert len(unseals) == 3


def test_a_changed_password_no_longer_signs_with_the_old_one(signer):
    services, _unseals = signer
    _sign(services)
    services.change_password(PASSWORD, PASSWORD + "-new")
    with pytest.raises(WrongPassphraseError):
        _sign(services)
    assert _sign(services, PASSWORD + "-new").private_key is not None


def test_a_held_key_is_forgotten_after_the_hold_time():
    key = ec.generate_private_key(ec.SECP256R1())
    sealed = b"sealed bytes"
    unlocked.forget_all()
    unlocked.keep(sealed, "pass-phrase", key, now=100.0)
    assert unlocked.recall(sealed, "pass-phrase", now=100.0 + unlocked.HOLD_SECONDS - 1) is key
    # each use holds it again from then on
    later = 100.0 + 2 * unlocked.HOLD_SECONDS - 2
    assert unlocked.recall(sealed, "pass-phrase", now=later) is key
    assert unlocked.recall(sealed, "pass-phrase", now=later + unlocked.HOLD_SECONDS + 1) is None
    assert unlocked.recall(sealed + b"!", "pass-phrase", now=later) is None
    assert unlocked.recall(sealed, "Pass-phrase", now=later) is None
