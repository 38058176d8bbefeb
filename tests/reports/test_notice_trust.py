"""Issue 14 findings 4 and 7: every signature bound to the notice's auditor, revocation that
others can see (a CRL) and that does not undo notices the office recorded before it.

Real stores, real keys: an office with its authority, and a laptop where auditors A07 and
A08 hold certificates the office issued. Notices are issued there with the real use cases;
the forgeries are made with the program's own signing code.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from model.errors import CertificateHolderError, InputFileError
from model.notices import notices
from model.people import authority as ca
from model.people import certificates, key_store, keys, profiles, revocation
from model.people.profiles import Role
from model.store import clock
from reports import pades
from tests import worlds
from tests.conftest import PASSWORD
from tests.helpers import site_line, sites_csv
from usecases.services import Services

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass
class Field:
    """The office (its authority, no notices) and a laptop with auditors A07 and A08."""

    office: Services
    laptop: Services
    folder: Path

    def as_user(self, staff_no: str) -> Services:
        self.laptop.login(staff_no, PASSWORD)
        return self.laptop

    def credential(self, staff_no: str) -> keys.SigningCredential:
        holder = profiles.find(self.laptop.store, staff_no)
        return keys.signing_credential(self.laptop.store, holder, PASSWORD)

    def issue(self, staff_no: str, site: str) -> tuple[notices.Notice, Path]:
        """``staff_no`` inspects ``site`` and issues a signed notice on the laptop."""
        desk = self.as_user(staff_no).notices
        issued = desk.issue(desk.draft(_inspection(self.laptop, site)), PASSWORD)
        return issued.notice, issued.pdf

    def revoke(self, staff_no: str) -> bytes:
        """The office revokes ``staff_no``'s certificate; return the new CRL."""
        serial = self.credential(staff_no).serial
        self.office.credentials.revoke(serial, "laptop lost", PASSWORD)
        return revocation.current_crl(self.office.store)


@pytest.fixture
def field(tmp_path):
    clock.set_fixed(NOW)
    office = Services.open(tmp_path / "office")
    laptop = Services.open(tmp_path / "laptop")
    try:
        office.people.create("王建国", "O01", Role.OFFICE, PASSWORD, "创城办")
        office.login("O01", PASSWORD)
        office.credentials.init_authority("迎泽区创城办", PASSWORD)
        laptop.people.create("赵强", "L00", Role.OFFICE, PASSWORD, "督查一组")
        laptop.login("L00", PASSWORD)
        laptop.sites.import_csv(sites_csv(tmp_path, [site_line(c) for c in ("YZ-1", "YZ-2")]))
        for name, staff_no in (("李明", "A07"), ("张丽", "A08")):
            laptop.people.create(name, staff_no, Role.AUDITOR, PASSWORD, "督查一组")
        for staff_no in ("A07", "A08"):
            worlds.enrol(office, laptop, staff_no, PASSWORD)
        yield Field(office, laptop, tmp_path)
    finally:
        office.close()
        laptop.close()


def _inspection(services: Services, site: str) -> str:
    inspection = services.inspections.start(site)
    services.inspections.record(inspection.id, "ZCGD-01", "fail", 1, "东门", "垃圾")
    services.inspections.record(inspection.id, "ZCGD-03", "pass")
    services.inspections.finish(inspection.id)
    return inspection.id


def _verify(services: Services, pdf: bytes | Path, folder: Path, name: str = "checked.pdf"):
    path = folder / name
    path.write_bytes(pdf if isinstance(pdf, bytes) else pdf.read_bytes())
    return services.notices.verify(path)


def _page_two_changed(pdf: bytes, words: bytes) -> bytes:
    """``pdf`` with ``words`` drawn on its second page, in an incremental update."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][1].get_object()
    font = next(iter(page["/Resources"]["/Font"]))
    added = writer.add_object(generic.StreamObject(
        stream_data=b"BT %s 14 Tf 72 400 Td (%s) Tj ET" % (font.encode(), words)))
    contents = page.raw_get("/Contents")
    kept = list(contents) if isinstance(contents, generic.ArrayObject) else [contents]
    page[generic.NameObject("/Contents")] = generic.ArrayObject([*kept, added])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _sign_again(pdf: bytes, credential: keys.SigningCredential, name: str) -> bytes:
    """``pdf`` signed once more, in a new field, with the program's own signer."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    meta = signers.PdfSignatureMetadata(field_name="Corrected", md_algorithm="sha256",
                                        subfilter=SigSeedSubFilter.PADES, name=name)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return signers.PdfSigner(meta, pades._signer(credential)).sign_pdf(writer).getvalue()


def _text(pdf: bytes, folder: Path) -> str:
    path = folder / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


# --- finding 4: every signature checked, every signer bound ------------------------------


def test_a_page_changed_and_signed_again_by_another_auditor_is_not_valid(field):
    _notice, pdf = field.issue("A07", "YZ-1")
    changed = _page_two_changed(pdf.read_bytes(), b"Deadline waived")
    assert "Deadline waived" in _text(changed, field.folder)  # the change shows in a reader
    resigned = _sign_again(changed, field.credential("A08"), "张丽")

    # At the office, which has no record of the notice: the newest signature alone is valid,
    # trusted and covers the file, which was all that was checked before.
    verdict = _verify(field.office, resigned, field.folder)

    assert not verdict.valid and verdict.tampered
    assert verdict.signatures == 2 and not verdict.as_written
    assert (verdict.signer_staff_no, verdict.expected_staff_no) == ("A07", "A07")
    assert verdict.signer_bound is False
    assert pades.too_many_signatures(2) in verdict.problems
    assert any(p.startswith("signature 1 of 2 (李明): ") and pades.UPDATE_APPENDED in p
               for p in verdict.problems)
    assert any("张丽 (staff no. A08" in p and "staff no. A07" in p for p in verdict.problems)


def test_an_update_made_before_signing_is_more_than_the_program_writes(field):
    _notice, pdf = field.issue("A07", "YZ-1")
    unsigned = pdf.read_bytes()[: pdf.read_bytes().find(b"%%EOF") + len(b"%%EOF\n")]
    resigned = pades.sign_pdf(_page_two_changed(unsigned, b"Deadline waived"),
                              field.credential("A07"), "李明", "整改通知书", "迎泽区")

    verdict = _verify(field.office, resigned, field.folder)

    assert verdict.signatures == 1 and verdict.intact and verdict.covers_document
    assert not verdict.as_written and not verdict.valid
    assert pades.too_many_revisions(3) in verdict.problems


def test_a_notice_of_a07_signed_and_recorded_with_a08s_certificate_is_not_valid(field):
    services = field.as_user("A07")
    desk = services.notices
    draft = desk.draft(_inspection(services, "YZ-1"))
    reserved = notices.reserve(services.store, draft, services.user)
    # The PDF signing code called directly with A08's credential over A07's notice: the
    # store records that very PDF as the notice.
    issued = desk._build_and_record(reserved, field.credential("A08"), None)

    here = _verify(services, issued.pdf, field.folder)
    at_office = _verify(field.office, issued.pdf, field.folder)

    assert here.local_record and here.fingerprint_ok and here.trusted and here.as_written
    assert (here.signer_staff_no, here.expected_staff_no) == ("A08", "A07")
    assert here.signer_bound is False and not here.valid
    assert any("张丽 (staff no. A08" in p and "not of the auditor the notice names "
               "(staff no. A07)" in p for p in here.problems)
    # Elsewhere the PDF itself names its auditor.
    assert not at_office.local_record and at_office.expected_staff_no == "A07"
    assert at_office.signer_bound is False and not at_office.valid


def test_a_notice_and_its_reinspection_record_verify_valid_when_their_auditor_signed(field):
    notice, pdf = field.issue("A07", "YZ-1")
    record = field.as_user("A07").notices.record_reinspection(
        notice.id, "not_fixed", "仍有垃圾", {}, PASSWORD).pdf

    for checked in (_verify(field.laptop, pdf, field.folder),
                    _verify(field.laptop, record, field.folder, "record.pdf"),
                    _verify(field.office, pdf, field.folder)):
        assert checked.valid, checked.problems
        assert checked.signer_bound and checked.expected_staff_no == "A07"
        assert checked.signatures == 1 and checked.as_written


def _request_naming(store, holder, staff_no: str) -> bytes:
    """A certificate request made with ``holder``'s own key that names ``staff_no``."""
    row = store.db.execute("SELECT key_pem FROM credential WHERE profile_id = ?",
                           [holder.id]).fetchone()
    key = key_store._decrypt(row[0], PASSWORD, "the test key")
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, holder.name),
                         x509.NameAttribute(NameOID.SERIAL_NUMBER, staff_no)])
    return x509.CertificateSigningRequestBuilder().subject_name(subject).sign(
        key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


def test_issuing_with_a_certificate_of_another_staff_number_is_refused(field):
    services = field.as_user("A07")
    keys.request_key(services.store, services.user, PASSWORD, replace=True)
    request = _request_naming(services.store, services.user, "A08")
    chain = field.office.credentials.issue(request, "forged.csr", PASSWORD).decode("ascii")
    # `keys install` refuses it now; a credential installed by an older version, or written
    # into the database, is what issuing must still refuse.
    with services.store.atomic() as db:
        db.execute("UPDATE credential SET cert_pem = ?, serial = ?, installed_at = ?"
                   " WHERE profile_id = ?", [chain, format(certificates.load_certificate(
                       chain).serial_number, "X"), clock.now_iso(), services.user.id])
    desk = services.notices
    draft = desk.draft(_inspection(services, "YZ-1"))
    before = services.store.db.execute("SELECT count(*) FROM notice").fetchone()[0]

    with pytest.raises(CertificateHolderError, match=r"issued to staff no\. A08"):
        desk.issue(draft, PASSWORD)

    assert services.store.db.execute("SELECT count(*) FROM notice").fetchone()[0] == before


# --- finding 7: revocation that others can see -------------------------------------------


def test_a_notice_recorded_before_the_revocation_stays_valid_and_says_both_dates(field):
    _notice, pdf = field.issue("A07", "YZ-1")
    recorded = clock.now_iso()
    clock.set_fixed(NOW + dt.timedelta(hours=2))
    crl = field.revoke("A07")
    assert revocation.install_crl(field.laptop.store, crl, "office bundle")

    verdict = _verify(field.laptop, pdf, field.folder)

    assert verdict.valid, verdict.problems
    assert not verdict.revoked and verdict.revoked_later
    assert verdict.recorded_at == recorded
    assert dt.datetime.fromisoformat(verdict.revoked_at) == NOW + dt.timedelta(hours=2)
    # The office never recorded it: there it is signed by a revoked certificate.
    at_office = _verify(field.office, pdf, field.folder)
    assert at_office.revoked and not at_office.valid
    assert any("has no record of the notice from before then" in p
               for p in at_office.problems)


def test_a_notice_first_recorded_after_the_revocation_is_revoked(field):
    clock.set_fixed(NOW + dt.timedelta(hours=1))
    crl = field.revoke("A07")  # the laptop is offline and does not know yet
    clock.set_fixed(NOW + dt.timedelta(hours=2))
    _notice, pdf = field.issue("A07", "YZ-1")
    assert revocation.install_crl(field.laptop.store, crl, "office bundle")

    verdict = _verify(field.laptop, pdf, field.folder)

    assert verdict.revoked and not verdict.valid
    assert any("first recorded the notice on" in p and "after the certificate was revoked"
               in p for p in verdict.problems)


def test_the_crl_goes_from_office_to_laptop_and_marks_the_roster(field):
    serial = field.credential("A08").serial
    assert revocation.current_crl(field.office.store) is None
    crl = field.revoke("A08")
    parsed = x509.load_der_x509_crl(crl)
    authority = certificates.load_certificate(ca.export_authority_cert(field.office.store))
    assert parsed.is_signature_valid(authority.public_key())
    assert parsed.next_update_utc - parsed.last_update_utc == dt.timedelta(days=revocation.CRL_DAYS)
    [entry] = list(parsed)
    assert format(entry.serial_number, "X") == serial

    assert not revocation.is_revoked(field.laptop.store, serial)
    assert revocation.install_crl(field.laptop.store, crl, "stick/office.crl")
    assert revocation.is_revoked(field.laptop.store, serial)
    assert revocation.revoked_at(field.laptop.store, serial) == revocation.revoked_at(
        field.office.store, serial)
    assert revocation.current_crl(field.laptop.store) == crl
    assert not revocation.install_crl(field.laptop.store, crl, "again")  # not newer: ignored

    newer = field.office.credentials.revocation_list(PASSWORD, renew=True)
    assert _number(newer) == _number(crl) + 1
    assert revocation.install_crl(field.laptop.store, newer, "newer")
    assert not revocation.install_crl(field.laptop.store, crl, "older")
    assert revocation.current_crl(field.laptop.store) == newer


def _number(der: bytes) -> int:
    return x509.load_der_x509_crl(der).extensions.get_extension_for_class(
        x509.CRLNumber).value.crl_number


def test_install_crl_refuses_another_authoritys_list_and_a_tampered_one(field, tmp_path):
    crl = field.revoke("A08")
    stranger = Services.open(tmp_path / "stranger")
    try:
        stranger.people.create("孙丽", "O09", Role.OFFICE, PASSWORD, "小店区创城办")
        stranger.login("O09", PASSWORD)
        stranger.credentials.init_authority("迎泽区创城办", PASSWORD)  # the same name, another key
        foreign = stranger.credentials.revocation_list(PASSWORD)
    finally:
        stranger.close()
    tampered = bytearray(crl)
    tampered[-5] ^= 0x01  # inside the authority's signature

    for data, source in ((foreign, "E:/other.crl"), (bytes(tampered), "E:/tampered.crl")):
        with pytest.raises(InputFileError) as caught:
            revocation.install_crl(field.laptop.store, data, source)
        assert caught.value.path == source
        assert "not signed by the office authority this computer trusts" in caught.value.problem
    with pytest.raises(InputFileError, match="not a certificate revocation list"):
        revocation.install_crl(field.laptop.store, b"not a crl", "notes.txt")
    assert revocation.current_crl(field.laptop.store) is None
    assert not revocation.is_revoked(field.laptop.store, field.credential("A08").serial)


# --- outside the program: pyHanko and pdfsig with the exported authority and CRL --------------


@pytest.fixture
def outside(field):
    """A07's and A08's notices, A08 revoked; the authority and the CRL as files."""
    _, good = field.issue("A07", "YZ-1")
    _, revoked = field.issue("A08", "YZ-2")
    crl = field.revoke("A08")
    authority = field.folder / "office-ca.pem"
    authority.write_bytes(field.office.credentials.authority_certificate())
    (field.folder / "office.crl").write_bytes(crl)
    return good, revoked, authority, field.folder / "office.crl"


def test_pyhanko_outside_the_program_sees_the_revocation(outside):
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    good, revoked, authority, crl = outside
    root = asn1_x509.Certificate.load(
        certificates.load_certificate(authority.read_bytes()).public_bytes(serialization.Encoding.DER))

    def status(pdf: Path):
        context = ValidationContext(trust_roots=[root], crls=[crl.read_bytes()],
                                    allow_fetching=False, revocation_mode="require")
        with pdf.open("rb") as stream:
            [signature] = PdfFileReader(stream).embedded_signatures
            return validate_pdf_signature(signature, context)

    trusted, refused = status(good), status(revoked)

    assert trusted.bottom_line and trusted.trusted and not trusted.revoked
    assert refused.revoked and not refused.bottom_line


@pytest.mark.skipif(shutil.which("certutil") is None or shutil.which("crlutil") is None,
                    reason="certutil/crlutil (Debian libnss3-tools) not installed")
def test_pdfsig_with_an_nss_database_sees_the_revocation(outside, tmp_path):
    good, revoked, authority, crl = outside
    nss = tmp_path / "nss"
    nss.mkdir()
    database = f"sql:{nss}"
    for command in (["certutil", "-N", "-d", database, "--empty-password"],
                    ["certutil", "-A", "-d", database, "-n", "office", "-t", "CT,C,C", "-i",
                     str(authority)],
                    ["crlutil", "-I", "-d", database, "-i", str(crl)]):
        subprocess.run(command, check=True, capture_output=True)

    def pdfsig(pdf: Path) -> str:
        return subprocess.run(["pdfsig", "-nssdir", database, str(pdf)], capture_output=True,
                              text=True, check=False).stdout

    assert "Certificate Validation: Certificate is Trusted." in pdfsig(good)
    assert "Certificate Validation: Certificate has been Revoked." in pdfsig(revoked)
