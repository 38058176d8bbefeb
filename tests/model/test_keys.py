import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from model.errors import (
    CertificateExpiredError,
    CertificateRevokedError,
    InputFileError,
    NoCertificateError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    WrongPassphraseError,
)
from model.people import authority as ca
from model.people import certificates, keys, keyseal, profiles, revocation
from model.people.profiles import Role
from model.store import audit, clock, db
from tests.conftest import PASSWORD

CA_PASS = "office-ca-passphrase"
KEY_PASS = "auditor-key-passphrase"
OFFICE_NAME = "迎泽区创城办"


@pytest.fixture
def office_and_auditor(auditor_services):
    """(store, office profile, auditor profile) with the office's authority created."""
    store = auditor_services.store
    office = profiles.find(store, "O01")
    ca.init_authority(store, OFFICE_NAME, CA_PASS, office)
    return store, office, auditor_services.user


@pytest.fixture
def laptop(tmp_path):
    """A second installation (an auditor's laptop) with its own store and auditor profile."""
    store = db.open_store(tmp_path / "laptop")
    auditor = profiles.create(store, "赵敏", "A09", Role.AUDITOR, PASSWORD, "督查二组")
    yield store, auditor
    store.close()


def _issue_and_install(store, office, holder, days=730):
    csr = keys.request_key(store, holder, KEY_PASS)
    chain = ca.issue_certificate(store, csr, "request.csr", CA_PASS, office, days=days)
    return keys.install_certificate(store, holder, chain, "issued.pem")


def _other_office_ca(tmp_path, name="小店区创城办"):
    """A different office's store with its own authority: (store, office profile)."""
    store = db.open_store(tmp_path / "other-office")
    office = profiles.create(store, "孙丽", "O02", Role.OFFICE, PASSWORD, name)
    ca.init_authority(store, name, CA_PASS, office)
    return store, office


def _extension(cert, kind):
    return cert.extensions.get_extension_for_class(kind).value


# -- the round trip ------------------------------------------------------------------


def test_a_certificate_goes_from_request_to_signing(office_and_auditor):
    store, office, auditor = office_and_auditor
    assert keys.credential_status(store, auditor) == "none"
    csr = keys.request_key(store, auditor, KEY_PASS)
    assert keys.credential_status(store, auditor) == "requested"
    chain = ca.issue_certificate(store, csr, "a07.csr", CA_PASS, office)
    serial = keys.install_certificate(store, auditor, chain, "a07.pem")
    assert keys.credential_status(store, auditor) == "installed"

    credential = keys.signing_credential(store, auditor, KEY_PASS)
    ca_cert = certificates.load_certificate(ca.export_authority_cert(store))
    assert credential.serial == serial == format(credential.certificate.serial_number, "X")
    assert credential.chain == (ca_cert,)
    assert credential.private_key.public_key() == credential.certificate.public_key()
    signature = credential.private_key.sign(b"notice", ec.ECDSA(hashes.SHA256()))
    credential.certificate.public_key().verify(signature, b"notice", ec.ECDSA(hashes.SHA256()))
    credential.certificate.verify_directly_issued_by(ca_cert)


def test_the_issued_certificate_names_the_auditor_and_may_only_sign(office_and_auditor):
    store, office, auditor = office_and_auditor
    chain = ca.issue_certificate(store, keys.request_key(store, auditor, KEY_PASS),
                                 "a07.csr", CA_PASS, office, days=365)
    leaf, ca_cert = x509.load_pem_x509_certificates(chain)
    subject = leaf.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "李明"
    assert subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == "A07"
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "督查一组"
    assert leaf.issuer == ca_cert.subject
    assert isinstance(leaf.public_key(), ec.EllipticCurvePublicKey)
    assert leaf.public_key().curve.name == "secp256r1"
    assert isinstance(leaf.signature_hash_algorithm, hashes.SHA256)
    usage = _extension(leaf, x509.KeyUsage)
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert _extension(leaf, x509.BasicConstraints).ca is False
    assert (_extension(leaf, x509.AuthorityKeyIdentifier).key_identifier
            == _extension(ca_cert, x509.SubjectKeyIdentifier).digest)
    lifetime = leaf.not_valid_after_utc - clock.now()
    assert dt.timedelta(days=364) < lifetime <= dt.timedelta(days=365)


def test_the_office_authority_is_a_self_signed_ten_year_ca(office_and_auditor):
    store, _office, _auditor = office_and_auditor
    [authority] = ca.trusted_authorities(store)
    assert authority.name == OFFICE_NAME and authority.has_key
    ca_cert = certificates.load_certificate(authority.cert_pem)
    assert ca_cert.subject == ca_cert.issuer
    assert ca_cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == OFFICE_NAME
    ca_cert.verify_directly_issued_by(ca_cert)
    constraints = _extension(ca_cert, x509.BasicConstraints)
    assert constraints.ca and constraints.path_length == 0
    usage = _extension(ca_cert, x509.KeyUsage)
    assert usage.key_cert_sign and usage.crl_sign and not usage.digital_signature
    years = (ca_cert.not_valid_after_utc - clock.now()).days / 365
    assert 9.9 < years <= 10.01
    assert ca.export_authority_cert(store).decode() == authority.cert_pem


def test_an_office_issues_for_itself_and_two_profiles_sign_in_one_store(office_and_auditor):
    store, office, auditor = office_and_auditor
    office_serial = _issue_and_install(store, office, office)
    auditor_serial = _issue_and_install(store, office, auditor)
    assert office_serial != auditor_serial
    assert keys.signing_credential(store, office, KEY_PASS).serial == office_serial
    assert keys.signing_credential(store, auditor, KEY_PASS).serial == auditor_serial
    roster = {row["serial"]: row["staff_no"] for row in store.db.query("SELECT * FROM certificate")}
    assert roster == {office_serial: "O01", auditor_serial: "A07"}


def test_a_laptop_trusts_the_office_on_first_contact(office_and_auditor, laptop):
    store, office, _auditor = office_and_auditor
    laptop_store, laptop_auditor = laptop
    assert ca.trusted_authorities(laptop_store) == []
    csr = keys.request_key(laptop_store, laptop_auditor, KEY_PASS)
    chain = ca.issue_certificate(store, csr, "E:/a09.csr", CA_PASS, office)
    serial = keys.install_certificate(laptop_store, laptop_auditor, chain, "E:/a09.pem")

    [trusted] = ca.trusted_authorities(laptop_store)
    [own] = ca.trusted_authorities(store)
    assert (trusted.id, trusted.name, trusted.cert_pem) == (own.id, own.name, own.cert_pem)
    assert not trusted.has_key
    office_row = store.db.execute("SELECT * FROM certificate WHERE serial = ?", [serial])
    laptop_row = laptop_store.db.execute("SELECT * FROM certificate WHERE serial = ?", [serial])
    assert office_row.fetchone() == laptop_row.fetchone()
    assert keys.signing_credential(laptop_store, laptop_auditor, KEY_PASS).serial == serial


def test_every_change_is_in_the_audit_log(office_and_auditor):
    store, office, auditor = office_and_auditor
    serial = _issue_and_install(store, office, auditor)
    revocation.revoke(store, serial, "laptop lost", CA_PASS, office)
    actions = [event.action for event in audit.events(store.db)]
    assert actions[-6:] == ["authority.create", "credential.request", "certificate.issue",
                            "credential.install", "certificate.revoke", "crl.publish"]
    assert audit.verify(store.db).ok


# -- what is refused -----------------------------------------------------------------


def test_private_keys_are_stored_only_sealed_as_dear_to_guess_as_the_password(
        office_and_auditor):
    store, office, auditor = office_and_auditor
    _issue_and_install(store, office, auditor)
    _, n, r, p, _, _ = store.db.execute("SELECT password_hash FROM profile WHERE id = ?",
                                        [auditor.id]).fetchone()[0].split("$")
    stored = [store.db.execute("SELECT key_pem FROM credential").fetchone()[0],
              store.db.execute("SELECT key_pem FROM authority").fetchone()[0]]
    for blob in stored:
        assert b"PRIVATE KEY-----" not in blob  # no PKCS#8 at all: neither clear nor PBKDF2
        assert not keyseal.is_legacy(blob)
        stated = keyseal.parameters(blob.partition(b"-----BEGIN PUBLIC KEY-----")[0])
        assert stated["kdf"] == "scrypt"
        assert stated["n"] >= int(n) and stated["r"] >= int(r) and stated["p"] >= int(p)


def test_a_wrong_passphrase_unlocks_nothing(office_and_auditor):
    store, office, auditor = office_and_auditor
    csr = keys.request_key(store, auditor, KEY_PASS)
    with pytest.raises(WrongPassphraseError):
        ca.issue_certificate(store, csr, "a07.csr", "not-the-ca-pass", office)
    assert store.db.execute("SELECT count(*) FROM certificate").fetchone()[0] == 0
    chain = ca.issue_certificate(store, csr, "a07.csr", CA_PASS, office)
    keys.install_certificate(store, auditor, chain, "a07.pem")
    for wrong in ("not-my-pass", ""):
        with pytest.raises(WrongPassphraseError, match="李明"):
            keys.signing_credential(store, auditor, wrong)


def test_a_certificate_for_another_laptops_key_is_not_installed(office_and_auditor, laptop):
    store, office, auditor = office_and_auditor
    laptop_store, laptop_auditor = laptop
    foreign = ca.issue_certificate(store, keys.request_key(laptop_store, laptop_auditor,
                                                           KEY_PASS), "a09.csr", CA_PASS, office)
    with pytest.raises(NoCertificateError, match="keys request"):
        keys.install_certificate(store, auditor, foreign, "a09.pem")
    keys.request_key(store, auditor, KEY_PASS)
    with pytest.raises(InputFileError, match="another key") as refused:
        keys.install_certificate(store, auditor, foreign, "E:/a09.pem")
    assert refused.value.path == "E:/a09.pem"
    assert keys.credential_status(store, auditor) == "requested"


def test_a_new_request_makes_the_earlier_certificate_useless(office_and_auditor):
    store, office, auditor = office_and_auditor
    first = ca.issue_certificate(store, keys.request_key(store, auditor, KEY_PASS),
                                 "1.csr", CA_PASS, office)
    keys.request_key(store, auditor, KEY_PASS)
    with pytest.raises(InputFileError, match="another key"):
        keys.install_certificate(store, auditor, first, "1.pem")


def test_an_installed_certificate_is_replaced_only_when_asked(office_and_auditor):
    store, office, auditor = office_and_auditor
    _issue_and_install(store, office, auditor)
    with pytest.raises(ValidationError, match="already has an installed certificate"):
        keys.request_key(store, auditor, KEY_PASS)
    assert keys.signing_credential(store, auditor, KEY_PASS)
    keys.request_key(store, auditor, "a-new-passphrase", replace=True)
    assert keys.credential_status(store, auditor) == "requested"
    with pytest.raises(NoCertificateError, match="keys request"):
        keys.signing_credential(store, auditor, "a-new-passphrase")


def test_a_certificate_from_an_untrusted_office_is_refused(office_and_auditor, tmp_path):
    store, _office, auditor = office_and_auditor
    other_store, other_office = _other_office_ca(tmp_path)
    csr = keys.request_key(store, auditor, KEY_PASS)
    chain = ca.issue_certificate(other_store, csr, "a07.csr", CA_PASS, other_office)
    other_store.close()
    with pytest.raises(InputFileError, match=r"小店区创城办.*does not trust"):
        keys.install_certificate(store, auditor, chain, "a07.pem")
    assert [a.name for a in ca.trusted_authorities(store)] == [OFFICE_NAME]
    assert keys.credential_status(store, auditor) == "requested"


def test_a_forged_certificate_claiming_the_trusted_office_is_refused(office_and_auditor,
                                                                     tmp_path):
    store, _office, auditor = office_and_auditor
    # Another store's authority with the same name: same issuer name, different key.
    other_store, other_office = _other_office_ca(tmp_path, OFFICE_NAME)
    chain = ca.issue_certificate(other_store, keys.request_key(store, auditor, KEY_PASS),
                                 "a07.csr", CA_PASS, other_office)
    other_store.close()
    with pytest.raises(InputFileError, match="does not verify"):
        keys.install_certificate(store, auditor, chain, "a07.pem")


def test_a_revoked_certificate_does_not_sign(office_and_auditor):
    store, office, auditor = office_and_auditor
    serial = _issue_and_install(store, office, auditor)
    assert not revocation.is_revoked(store, serial)
    spelled_like_openssl = ":".join(serial[i:i + 2] for i in range(0, len(serial), 2)).lower()
    revocation.revoke(store, spelled_like_openssl, "laptop lost", CA_PASS, office)
    assert revocation.is_revoked(store, serial)
    assert revocation.revoked_serials(store) == {serial}
    with pytest.raises(CertificateRevokedError, match="laptop lost"):
        keys.signing_credential(store, auditor, KEY_PASS)


def test_revoking_is_for_the_office_and_known_serials(office_and_auditor):
    store, office, auditor = office_and_auditor
    serial = _issue_and_install(store, office, auditor)
    with pytest.raises(PermissionDeniedError):
        revocation.revoke(store, serial, "", CA_PASS, auditor)
    with pytest.raises(NotFoundError, match="ABC123"):
        revocation.revoke(store, "abc123", "", CA_PASS, office)
    assert not revocation.is_revoked(store, serial)


def test_an_expired_certificate_does_not_sign(office_and_auditor):
    store, office, auditor = office_and_auditor
    _issue_and_install(store, office, auditor, days=1)
    assert keys.signing_credential(store, auditor, KEY_PASS)
    later = clock.now() + dt.timedelta(days=2)
    with pytest.raises(CertificateExpiredError, match="expired"):
        keys.signing_credential(store, auditor, KEY_PASS, at=later)


def test_a_certificate_already_expired_is_not_installed(office_and_auditor):
    store, office, auditor = office_and_auditor
    chain = ca.issue_certificate(store, keys.request_key(store, auditor, KEY_PASS),
                                 "a07.csr", CA_PASS, office, days=1)
    clock.set_fixed(clock.now() + dt.timedelta(days=3))
    with pytest.raises(InputFileError, match="expired"):
        keys.install_certificate(store, auditor, chain, "a07.pem")


def test_a_garbage_request_file_is_refused_by_name(office_and_auditor):
    store, office, _auditor = office_and_auditor
    with pytest.raises(InputFileError, match="not a certificate request") as refused:
        ca.issue_certificate(store, b"hello, office", "E:/requests/a07.csr", CA_PASS, office)
    assert refused.value.path == "E:/requests/a07.csr"
    assert "E:/requests/a07.csr" in str(refused.value)


def test_an_altered_request_is_refused(office_and_auditor):
    store, office, auditor = office_and_auditor
    csr = x509.load_pem_x509_csr(keys.request_key(store, auditor, KEY_PASS))
    der = csr.public_bytes(serialization.Encoding.DER)
    assert der.count(b"A07") == 1
    altered = x509.load_der_x509_csr(der.replace(b"A07", b"A99"))
    with pytest.raises(InputFileError, match="does not match its key"):
        ca.issue_certificate(store, altered.public_bytes(serialization.Encoding.PEM),
                             "a07.csr", CA_PASS, office)


def test_a_request_for_another_kind_of_key_is_refused(office_and_auditor):
    store, office, _auditor = office_and_auditor
    key = ec.generate_private_key(ec.SECP384R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "李明")])
    csr = x509.CertificateSigningRequestBuilder().subject_name(name).sign(key, hashes.SHA256())
    with pytest.raises(InputFileError, match="P-256"):
        ca.issue_certificate(store, csr.public_bytes(serialization.Encoding.PEM),
                             "p384.csr", CA_PASS, office)


def test_an_auditor_can_neither_create_an_authority_nor_issue(auditor_services):
    store, auditor = auditor_services.store, auditor_services.user
    with pytest.raises(PermissionDeniedError):
        ca.init_authority(store, "督查一组", CA_PASS, auditor)
    office = profiles.find(store, "O01")
    ca.init_authority(store, OFFICE_NAME, CA_PASS, office)
    csr = keys.request_key(store, auditor, KEY_PASS)
    with pytest.raises(PermissionDeniedError):
        ca.issue_certificate(store, csr, "a07.csr", CA_PASS, auditor)
    assert [a.name for a in ca.trusted_authorities(store)] == [OFFICE_NAME]


def test_one_store_holds_one_authority_with_a_key(office_and_auditor):
    store, office, _auditor = office_and_auditor
    with pytest.raises(ValidationError, match=OFFICE_NAME):
        ca.init_authority(store, "另一个", CA_PASS, office)
    assert len(ca.trusted_authorities(store)) == 1


def test_signing_needs_an_installed_certificate(office_and_auditor):
    store, _office, auditor = office_and_auditor
    with pytest.raises(NoCertificateError, match="keys request"):
        keys.signing_credential(store, auditor, KEY_PASS)
    keys.request_key(store, auditor, KEY_PASS)
    with pytest.raises(NoCertificateError):
        keys.signing_credential(store, auditor, KEY_PASS)


def test_a_request_leaves_out_an_empty_organisation(services):
    store = services.store
    profile = profiles.create(store, "周强", "A11", Role.AUDITOR, PASSWORD)
    csr = x509.load_pem_x509_csr(keys.request_key(store, profile, KEY_PASS))
    assert csr.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME) == []
    assert csr.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == "A11"


# -- trusting an office's certificate ------------------------------------------------


def test_trusting_the_office_certificate_is_idempotent(office_and_auditor, laptop):
    store, _office, _auditor = office_and_auditor
    laptop_store, _laptop_auditor = laptop
    exported = ca.export_authority_cert(store)
    first = ca.trust_authority(laptop_store, exported, "E:/office-ca.pem")
    again = ca.trust_authority(laptop_store, exported, "E:/office-ca.pem")
    assert first == again
    assert ca.trusted_authorities(laptop_store) == [first]
    assert first.name == OFFICE_NAME and not first.has_key


def test_only_a_self_signed_authority_can_be_trusted(office_and_auditor, laptop):
    store, office, auditor = office_and_auditor
    laptop_store, _laptop_auditor = laptop
    chain = ca.issue_certificate(store, keys.request_key(store, auditor, KEY_PASS),
                                 "a07.csr", CA_PASS, office)
    leaf_pem = certificates.load_certificate(chain).public_bytes(serialization.Encoding.PEM)
    with pytest.raises(InputFileError, match="not a certificate authority") as refused:
        ca.trust_authority(laptop_store, leaf_pem, "leaf.pem")
    assert refused.value.path == "leaf.pem"
    with pytest.raises(InputFileError, match="not self-signed"):
        ca.trust_authority(laptop_store, _subordinate_ca_pem(), "sub.pem")
    with pytest.raises(InputFileError, match="not a certificate file"):
        ca.trust_authority(laptop_store, b"garbage", "garbage.pem")
    assert ca.trusted_authorities(laptop_store) == []


def test_a_chain_file_with_two_certificates_is_not_a_trust_root(office_and_auditor, laptop):
    store, office, auditor = office_and_auditor
    chain = ca.issue_certificate(store, keys.request_key(store, auditor, KEY_PASS),
                                 "a07.csr", CA_PASS, office)
    with pytest.raises(InputFileError, match="2 certificates"):
        ca.trust_authority(laptop[0], chain, "chain.pem")


def _subordinate_ca_pem() -> bytes:
    """A CA certificate signed by some other key (so not self-signed)."""
    root_key, sub_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(
        ec.SECP256R1())
    now = clock.now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "下级")]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "上级")]))
        .public_key(sub_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)
