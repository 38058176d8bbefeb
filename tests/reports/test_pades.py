"""PAdES signatures on notice PDFs, signed and checked for real: by our checker and by pdfsig."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from reportlab.pdfgen import canvas

from model.errors import InputFileError
from model.people.keys import SigningCredential
from model.store import clock
from reports import pades

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime.now(dt.UTC)
FINE_LINE = "Fine: 100 yuan, due within 3 days"


# --- certificates and documents, made with cryptography and ReportLab directly --------------


def _name(common_name: str, staff_no: str = "") -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if staff_no:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, staff_no))
    return x509.Name(attributes)


def _key_usage(*, signing: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing, content_commitment=signing, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=not signing,
        crl_sign=not signing, encipher_only=False, decipher_only=False)


def _make_ca(name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name)
    cert = (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=30))
            .not_valid_after(NOW + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(signing=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def _make_credential(ca_key, ca_cert, *, not_before=NOW - dt.timedelta(days=1),
                     not_after=NOW + dt.timedelta(days=730)) -> SigningCredential:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(_name("李明", "A07")).issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(signing=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return SigningCredential(key, cert, (ca_cert,), f"{cert.serial_number:X}")


def _make_pdf() -> bytes:
    """Two pages; content streams uncompressed so a test can find and change a word."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pageCompression=0, invariant=1)
    pdf.drawString(72, 720, "Rectification notice A07-0012")
    pdf.drawString(72, 700, FINE_LINE)
    pdf.showPage()
    pdf.drawString(72, 720, "Page two: reply slip")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _sign(pdf: bytes, credential: SigningCredential) -> bytes:
    return pades.sign_pdf(pdf, credential, "李明", "整改通知书 A07-0012", "太原市迎泽区")


@pytest.fixture(scope="module")
def ca():
    return _make_ca("迎泽区创城办 CA")


@pytest.fixture(scope="module")
def credential(ca):
    return _make_credential(*ca)


@pytest.fixture(scope="module")
def plain_pdf():
    return _make_pdf()


@pytest.fixture(scope="module")
def signed_pdf(plain_pdf, credential):
    return _sign(plain_pdf, credential)


def _check(pdf: bytes, ca, revoked=frozenset(), **kwargs) -> pades.SignatureCheck:
    return pades.check_signature(pdf, [ca[1]], set(revoked), **kwargs)


def _byte_range(pdf: bytes) -> list[int]:
    return [int(n) for n in re.findall(rb"/ByteRange\s*\[([\d\s]+)\]", pdf)[-1].split()]


# --- signing ---------------------------------------------------------------------------------


def test_a_signed_notice_checks_as_authentic_and_names_its_signer(signed_pdf, ca, credential):
    check = _check(signed_pdf, ca)

    assert (check.signed, check.intact, check.covers_document, check.trusted, check.revoked) \
        == (True, True, True, True, False)
    assert (check.signer, check.signer_staff_no) == ("李明", "A07")
    assert check.serial == credential.serial == f"{credential.certificate.serial_number:X}"
    signed_at = dt.datetime.fromisoformat(check.signed_at)
    assert abs(signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert check.problems == ()


def test_signing_appends_to_the_bytes_it_was_given(plain_pdf, signed_pdf):
    assert signed_pdf.startswith(plain_pdf)
    assert len(signed_pdf) > len(plain_pdf)
    assert _byte_range(signed_pdf)[0] == 0
    assert sum(_byte_range(signed_pdf)[2:]) == len(signed_pdf)


def test_poppler_pdfsig_accepts_the_signature(signed_pdf, tmp_path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(signed_pdf)

    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)

    assert "Signature Field Name: CivicAuditSignature" in result.stdout
    assert "Signature Type: ETSI.CAdES.detached" in result.stdout
    assert "Total document signed" in result.stdout
    assert "Signature Validation: Signature is Valid." in result.stdout
    assert "Signer Certificate Common Name: 李明" in result.stdout


def test_one_signature_takes_well_under_a_second(plain_pdf, credential, signed_pdf,
                                                record_property):
    # signed_pdf has already paid pyHanko's import, so this times the signing alone.
    started = time.perf_counter()
    _sign(plain_pdf, credential)
    elapsed = time.perf_counter() - started
    record_property("sign_ms", round(elapsed * 1000))
    assert elapsed < 0.5, f"one PAdES P-256 signature took {elapsed * 1000:.0f} ms"


def test_importing_the_module_does_not_import_pyhanko():
    code = "import sys, reports.pades; print(any(m.startswith('pyhanko') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "False"



def test_a_process_checks_a_signature_without_loading_a_network_client(signed_pdf, ca, tmp_path):
    from cryptography.hazmat.primitives import serialization

    (tmp_path / "signed.pdf").write_bytes(signed_pdf)
    (tmp_path / "ca.pem").write_bytes(ca[1].public_bytes(serialization.Encoding.PEM))
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from cryptography import x509\n"
        "from reports import pades\n"
        "folder = Path(sys.argv[1])\n"
        "root = x509.load_pem_x509_certificate((folder / 'ca.pem').read_bytes())\n"
        "check = pades.check_signature((folder / 'signed.pdf').read_bytes(), [root], set())\n"
        "print(check.intact, check.trusted, check.problems == (), 'aiohttp' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True", "True", "False"], result.stderr


def test_the_stand_in_for_a_network_client_refuses_to_be_made():
    from reports import pyhanko_offline

    with pytest.raises(RuntimeError, match="offline"):
        pyhanko_offline.OfflineClient("http://tsa.example/")

# --- changes after signing ---------------------------------------------------------------------


def test_a_word_changed_in_the_signed_content_is_reported_as_not_intact(signed_pdf, ca,
                                                                         tmp_path):
    position = signed_pdf.index(b"Fine: 100") + len(b"Fine: ")
    assert position < _byte_range(signed_pdf)[1]  # inside the first signed segment
    tampered = signed_pdf[:position] + b"9" + signed_pdf[position + 1:]
    path = tmp_path / "tampered.pdf"
    path.write_bytes(tampered)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Fine: 900 yuan" in text  # the change is real and visible to a reader

    check = _check(tampered, ca)

    assert check.signed and not check.intact
    assert check.covers_document  # nothing was appended; the signed bytes themselves changed
    assert (check.signer, check.signer_staff_no) == ("李明", "A07")
    assert pades.CONTENT_CHANGED in check.problems
    assert "changed after it was signed" in pades.CONTENT_CHANGED


def test_a_damaged_structure_after_signing_is_reported_not_raised(signed_pdf, ca, credential):
    # The first revision's "xref" keyword: the file no longer parses, but it is still signed.
    position = signed_pdf.index(b"\nxref") + 1
    assert position < _byte_range(signed_pdf)[1]
    tampered = signed_pdf[:position] + b"X" + signed_pdf[position + 1:]

    check = _check(tampered, ca)

    assert check.signed and not check.intact and not check.trusted
    assert check.serial == credential.serial  # still says whose signature was broken
    assert pades.STRUCTURE_BROKEN in check.problems


def test_an_update_appended_after_signing_is_reported(signed_pdf, ca):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    writer.set_info(generic.DictionaryObject(
        {generic.NameObject("/Title"): generic.TextStringObject("Fine waived")}))
    out = io.BytesIO()
    writer.write(out)
    updated = out.getvalue()
    assert updated.startswith(signed_pdf)

    check = _check(updated, ca)

    assert check.signed and check.intact and check.trusted
    assert not check.covers_document
    assert pades.UPDATE_APPENDED in check.problems
    assert "changed after it was signed" in pades.UPDATE_APPENDED


# --- trust and revocation ----------------------------------------------------------------------


def test_a_signature_from_another_authority_is_not_trusted(signed_pdf):
    _, stranger = _make_ca("Some other office CA")

    check = pades.check_signature(signed_pdf, [stranger], set())

    assert check.intact and check.covers_document and not check.trusted
    assert check.problems == (pades.UNTRUSTED,)


def test_no_trust_roots_means_no_trust_not_the_system_store(signed_pdf):
    check = pades.check_signature(signed_pdf, [], set())

    assert not check.trusted
    assert pades.UNTRUSTED in check.problems


def test_an_expired_certificate_is_not_trusted_and_says_when_it_expired(plain_pdf, ca):
    expired = _make_credential(*ca, not_before=NOW - dt.timedelta(days=10),
                               not_after=NOW - dt.timedelta(days=2))
    signed = _sign(plain_pdf, expired)

    check = _check(signed, ca)

    assert check.intact and check.covers_document and not check.trusted
    day = expired.certificate.not_valid_after_utc.date().isoformat()
    assert check.problems == (f"the signer's certificate expired on {day}",)


def test_a_notice_checked_after_its_certificate_expired_is_no_longer_trusted(signed_pdf, ca,
                                                                           credential):
    # The app's clock, not the machine's: validation happens "now" as the app sees it.
    clock.set_fixed(NOW + dt.timedelta(days=3 * 365))

    check = _check(signed_pdf, ca)

    assert check.intact and not check.trusted
    day = credential.certificate.not_valid_after_utc.date().isoformat()
    assert check.problems == (f"the signer's certificate expired on {day}",)


def test_a_revoked_serial_is_reported_however_it_is_written(signed_pdf, ca, credential):
    check = _check(signed_pdf, ca, revoked={"0" + credential.serial.lower()})

    assert check.revoked and check.trusted  # revocation is ours to decide, not the path's
    assert any(credential.serial in problem and "revoked" in problem
               for problem in check.problems)


def test_other_revoked_serials_do_not_touch_this_signature(signed_pdf, ca):
    check = _check(signed_pdf, ca, revoked={"1A2B", "not hex"})

    assert not check.revoked and check.problems == ()


# --- files that are not signed notices ------------------------------------------------------


def test_an_unsigned_pdf_is_reported_as_not_signed(plain_pdf, ca):
    check = _check(plain_pdf, ca)

    assert not check.signed and not check.intact and not check.trusted
    assert check.problems == (pades.NOT_SIGNED,)


def test_a_truncated_pdf_is_an_input_file_error_naming_the_file(signed_pdf, ca):
    with pytest.raises(InputFileError) as caught:
        _check(signed_pdf[: len(signed_pdf) // 2], ca, source="E:/notices/A07-0012.pdf")

    assert caught.value.path == "E:/notices/A07-0012.pdf"
    assert "incomplete" in caught.value.problem


def test_a_pdf_cut_short_inside_its_signature_revision_is_incomplete_not_unsigned(
        plain_pdf, signed_pdf, ca):
    # Still ends with the unsigned revision's %%EOF nearby, so it would read as "not signed".
    with pytest.raises(InputFileError, match="incomplete"):
        _check(signed_pdf[: len(plain_pdf) + 40], ca)


def test_a_text_file_is_an_input_file_error(ca):
    with pytest.raises(InputFileError) as caught:
        _check(b"notice number A07-0012\n", ca, source="notes.txt")

    assert caught.value.path == "notes.txt"
    assert "not a PDF" in caught.value.problem


# --- every signature, no more than the program writes -------------------------------------


def _signed_again(pdf: bytes, credential: SigningCredential) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    meta = signers.PdfSignatureMetadata(field_name="Second", md_algorithm="sha256",
                                        subfilter=SigSeedSubFilter.PADES)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return signers.PdfSigner(meta, pades._signer(credential)).sign_pdf(writer).getvalue()


def test_every_signature_is_checked_not_only_the_last(signed_pdf, ca):
    second = _make_credential(*ca)
    twice = _signed_again(signed_pdf, second)

    check = _check(twice, ca)

    assert check.signatures == 2 and not check.as_written
    assert check.intact and check.trusted and not check.covers_document
    assert [serial for _, _, serial in check.signers] == [
        f"{check.serial}", second.serial]
    assert pades.too_many_signatures(2) in check.problems
    assert f"signature 1 of 2 (李明): {pades.UPDATE_APPENDED}" in check.problems


def test_a_revoked_earlier_signature_is_not_hidden_by_a_later_one(signed_pdf, ca, credential):
    twice = _signed_again(signed_pdf, _make_credential(*ca))

    check = _check(twice, ca, revoked={credential.serial})

    assert check.revoked
    assert any(p.startswith("signature 1 of 2") and credential.serial in p
               for p in check.problems)


def test_one_signature_in_two_revisions_is_as_the_program_writes(signed_pdf, ca):
    check = _check(signed_pdf, ca)

    assert (check.signatures, check.revisions, check.as_written) == (1, 2, True)
