"""Keys sealed at rest (issue 14, finding 5): as dear to guess as the password, and the
keys of stores from before sealing are sealed again the first time they unlock."""

import base64
import json

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from model.errors import ValidationError, WrongPassphraseError
from model.people import authority, keys, keyseal, profiles
from model.store import audit
from tests.conftest import PASSWORD

CA_PASS = "office-ca-passphrase"
OFFICE_NAME = "迎泽区创城办"
PUBLIC_BEGIN = b"-----BEGIN PUBLIC KEY-----"


def _legacy(key, passphrase: str) -> bytes:
    """A key as stores before sealing held it: PKCS#8 PEM under PBKDF2."""
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.BestAvailableEncryption(passphrase.encode()))


def _same_key(a, b) -> bool:
    return a.private_numbers() == b.private_numbers()


def _restated(sealed: bytes, **changes) -> bytes:
    """``sealed`` with some of its stated fields changed (an edited database)."""
    body = sealed.split(b"\n", 1)[1].rsplit(keyseal.END, 1)[0]
    record = {**json.loads(base64.decodebytes(body)), **changes}
    text = json.dumps(record, sort_keys=True, separators=(",", ":")).encode()
    return keyseal.BEGIN + b"\n" + base64.encodebytes(text) + keyseal.END + b"\n"


# -- sealing -------------------------------------------------------------------------


def test_a_sealed_key_comes_back_with_its_passphrase_only():
    key = ec.generate_private_key(ec.SECP256R1())
    sealed = keyseal.seal(key, "a-long-passphrase")
    assert sealed.startswith(b"-----BEGIN CIVICAUDIT SEALED KEY-----\n")
    assert sealed.endswith(b"-----END CIVICAUDIT SEALED KEY-----\n")
    assert not keyseal.is_legacy(sealed)
    assert _same_key(keyseal.unseal(sealed, "a-long-passphrase", "the key"), key)
    for wrong in ("a-long-passphrasE", ""):
        with pytest.raises(WrongPassphraseError, match="The passphrase for the key of 李明 is "
                                                       "wrong"):
            keyseal.unseal(sealed, wrong, "the key of 李明")


def test_a_sealed_key_states_the_password_hashs_cost_and_a_fresh_salt():
    key = ec.generate_private_key(ec.SECP256R1())
    first, second = keyseal.seal(key, PASSWORD), keyseal.seal(key, PASSWORD)
    stated = keyseal.parameters(first)
    assert (stated["kdf"], stated["n"], stated["r"], stated["p"]) == (
        "scrypt", profiles.SCRYPT_N, profiles.SCRYPT_R, profiles.SCRYPT_P)
    assert len(base64.b64decode(stated["salt"])) == 16
    assert stated["salt"] != keyseal.parameters(second)["salt"]
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    assert der not in base64.b64decode(stated["ciphertext"])


def test_a_key_stated_weaker_than_the_password_hash_is_refused():
    sealed = keyseal.seal(ec.generate_private_key(ec.SECP256R1()), PASSWORD)
    for weaker in ({"n": profiles.SCRYPT_N // 2}, {"r": profiles.SCRYPT_R - 1},
                   {"p": profiles.SCRYPT_P - 1}):
        with pytest.raises(ValidationError, match="more weakly than passwords"):
            keyseal.unseal(_restated(sealed, **weaker), PASSWORD, "the key")


def test_a_raised_cost_is_bound_to_the_ciphertext():
    sealed = keyseal.seal(ec.generate_private_key(ec.SECP256R1()), PASSWORD)
    with pytest.raises(WrongPassphraseError):
        keyseal.unseal(_restated(sealed, n=profiles.SCRYPT_N * 2), PASSWORD, "the key")


@pytest.mark.parametrize("damage", [{"kdf": "pbkdf2"}, {"n": 3 * 2**14}, {"salt": "*"},
                                    {"n": 2**40}])
def test_a_damaged_sealed_key_is_said_to_be_damaged(damage):
    sealed = keyseal.seal(ec.generate_private_key(ec.SECP256R1()), PASSWORD)
    with pytest.raises(ValidationError, match="damaged"):
        keyseal.unseal(_restated(sealed, **damage), PASSWORD, "the key")


def test_a_legacy_pkcs8_key_still_unseals_and_says_it_is_legacy():
    key = ec.generate_private_key(ec.SECP256R1())
    legacy = _legacy(key, PASSWORD)
    assert keyseal.is_legacy(legacy)
    assert _same_key(keyseal.unseal(legacy, PASSWORD, "the key"), key)
    with pytest.raises(WrongPassphraseError, match="The passphrase for the key is wrong"):
        keyseal.unseal(legacy, "not-the-password", "the key")


# -- a store from before sealing -----------------------------------------------------


@pytest.fixture
def legacy_store(auditor_services):
    """A store whose auditor key and authority key are PKCS#8 under PBKDF2, as before."""
    store, auditor = auditor_services.store, auditor_services.user
    office = profiles.find(store, "O01")
    authority.init_authority(store, OFFICE_NAME, CA_PASS, office)
    csr = keys.request_key(store, auditor, PASSWORD)
    chain = authority.issue_certificate(store, csr, "a07.csr", CA_PASS, office)
    keys.install_certificate(store, auditor, chain, "a07.pem")
    with store.atomic() as db:
        stored = db.execute("SELECT key_pem FROM credential").fetchone()[0]
        private, begin, public = stored.partition(PUBLIC_BEGIN)
        key = keyseal.unseal(private, PASSWORD, "the auditor's key")
        db.execute("UPDATE credential SET key_pem = ?", [_legacy(key, PASSWORD) + begin + public])
        ca_row = db.execute("SELECT key_pem FROM authority").fetchone()[0]
        ca_key = keyseal.unseal(ca_row, CA_PASS, "the authority's key")
        db.execute("UPDATE authority SET key_pem = ?", [_legacy(ca_key, CA_PASS)])
    return auditor_services, office, key, ca_key


def _blobs(store) -> list[bytes]:
    return [store.db.execute("SELECT key_pem FROM credential").fetchone()[0],
            store.db.execute("SELECT key_pem FROM authority").fetchone()[0]]


def _actions(store) -> list[str]:
    return [e.action for e in audit.events(store.db)]


def test_a_legacy_key_signs_and_is_sealed_again_at_its_first_unlock(legacy_store):
    services, office, key, ca_key = legacy_store
    store, auditor = services.store, services.user
    assert all(keyseal.is_legacy(blob) for blob in _blobs(store))

    credential = keys.signing_credential(store, auditor, PASSWORD)
    assert _same_key(credential.private_key, key)
    signature = credential.private_key.sign(b"notice", ec.ECDSA(hashes.SHA256()))
    credential.certificate.public_key().verify(signature, b"notice", ec.ECDSA(hashes.SHA256()))
    stored = _blobs(store)[0]
    assert not keyseal.is_legacy(stored)
    assert stored.partition(PUBLIC_BEGIN)[1]  # the clear public key is still there
    assert keys.signing_credential(store, auditor, PASSWORD).serial == credential.serial

    again = keys.request_key(store, office, PASSWORD)  # the office's own key is a new one
    authority.issue_certificate(store, again, "o01.csr", CA_PASS, office)
    assert _same_key(keyseal.unseal(_blobs(store)[1], CA_PASS, "the CA key"), ca_key)

    for table, blob in zip(("credential", "authority"), _blobs(store), strict=True):
        assert b"ENCRYPTED PRIVATE KEY" not in blob, table
        assert keyseal.parameters(blob.partition(PUBLIC_BEGIN)[0])["n"] >= profiles.SCRYPT_N
    assert _actions(store).count("credential.reseal") == 1
    assert _actions(store).count("authority.reseal") == 1
    assert audit.verify(store.db).ok


def test_a_wrong_passphrase_leaves_a_legacy_key_as_it_was(legacy_store):
    services, office, _key, _ca_key = legacy_store
    store, auditor = services.store, services.user
    before = _blobs(store)
    with pytest.raises(WrongPassphraseError):
        keys.signing_credential(store, auditor, "not-the-password")
    with pytest.raises(WrongPassphraseError):
        authority.issue_certificate(store, keys.request_key(store, office, PASSWORD), "o.csr",
                                    "not-the-ca-pass", office)
    assert _blobs(store)[1] == before[1] and keyseal.is_legacy(_blobs(store)[0])
    assert "credential.reseal" not in _actions(store)


def test_signing_in_seals_the_legacy_key_the_password_unlocks(legacy_store):
    services, _office, key, _ca_key = legacy_store
    services.login("A07", PASSWORD)
    stored = _blobs(services.store)
    assert not keyseal.is_legacy(stored[0])
    assert keyseal.is_legacy(stored[1])  # the CA key has another passphrase: left alone
    assert _same_key(keyseal.unseal(stored[0].partition(PUBLIC_BEGIN)[0], PASSWORD, "k"), key)
    services.login("A07", PASSWORD)
    assert _actions(services.store).count("credential.reseal") == 1
