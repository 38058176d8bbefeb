"""Notices and keys from the command line: the whole office ↔ laptop round trip, real files."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.cli.runner import run
from tests.cli.workflows import AUDITOR_PW, OFFICE_PW, finished_inspection


def test_issue_verify_and_detect_tampering(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    inspection_id = finished_inspection(laptop, tmp_path, ["ZCGD-01", "ZCGD-02"])
    pdf = tmp_path / "notice.pdf"
    created = run(laptop, "--user", "A07", "notice", "create", inspection_id, "--deadline", "7d",
                  "--out", str(pdf), "--json", password=AUDITOR_PW)
    assert created.returncode == 0, created.stderr
    notice = json.loads(created.stdout)
    assert notice["number"].endswith("A07-0001号") and notice["status"] == "issued"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert notice["number"] in text and "整改通知书" in text and "迎泽区城市管理局" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansCJK" in fonts and " no " not in fonts.split("\n", 2)[2]
    assert "Signature is Valid" in subprocess.run(["pdfsig", str(pdf)], capture_output=True,
                                                  text=True).stdout

    checked = run(laptop, "notice", "verify", str(pdf), "--json")
    assert checked.returncode == 0, checked.stdout
    verdict = json.loads(checked.stdout)
    assert verdict["valid"] and verdict["trusted"] and verdict["fingerprint_ok"]
    at_office = json.loads(run(office, "notice", "verify", str(pdf), "--json").stdout)
    assert at_office["trusted"] and at_office["intact"] and not at_office["local_record"]

    tampered = tmp_path / "tampered.pdf"
    data = bytearray(pdf.read_bytes())
    data[data.find(b"stream", 1000) + 30] ^= 0x20
    tampered.write_bytes(bytes(data))
    result = run(laptop, "notice", "verify", str(tampered), "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["tampered"]


def test_revoked_certificate_is_reported_and_refused(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    roster = json.loads(run(office, "ca", "list", "--json").stdout)
    serial = next(r["serial"] for r in roster if r["staff_no"] == "A07")
    pdf_before = tmp_path / "before.pdf"
    inspection_id = finished_inspection(laptop, tmp_path, ["ZCGD-01"])
    assert run(laptop, "--user", "A07", "notice", "create", inspection_id, "--out",
               str(pdf_before), password=AUDITOR_PW).returncode == 0
    assert run(office, "--user", "O01", "ca", "revoke", serial, "--reason", "laptop stolen",
               password=OFFICE_PW).returncode == 0
    at_office = json.loads(run(office, "notice", "verify", str(pdf_before), "--json").stdout)
    assert at_office["revoked"] and not at_office["valid"] and at_office["revoked_at"]
    said = run(office, "notice", "verify", str(pdf_before)).stdout
    assert "[XX] certificate revoked on " in said
    crl = tmp_path / "office.crl"
    written = run(office, "--user", "O01", "ca", "crl", "--out", str(crl), password=OFFICE_PW)
    assert written.returncode == 0, written.stderr
    from cryptography import x509
    listed = [format(entry.serial_number, "X") for entry in x509.load_der_x509_crl(
        crl.read_bytes())]
    assert listed == [serial]
    renewed = run(office, "--user", "O01", "ca", "crl", "--new", "--out", str(crl),
                  password=OFFICE_PW)
    assert renewed.returncode == 0, renewed.stderr
    assert x509.load_der_x509_crl(crl.read_bytes()).extensions.get_extension_for_class(
        x509.CRLNumber).value.crl_number == 2


@pytest.mark.parametrize("args, password, message", [
    (["--criteria", "ZCGD-03"], AUDITOR_PW, "did not fail"),
    (["--addressee", ""], AUDITOR_PW, "no addressee"),
    (["--deadline", "tomorrow"], AUDITOR_PW, "deadline"),
    ([], "wrong-password", "assword"),
])
def test_bad_requests_write_no_pdf_and_take_no_number(office_and_laptop, tmp_path, args,
                                                       password, message):
    _office, laptop = office_and_laptop
    inspection_id = finished_inspection(laptop, tmp_path, ["ZCGD-01"])
    before = json.loads(run(laptop, "notice", "list", "--json").stdout)
    pdf = tmp_path / "refused.pdf"
    result = run(laptop, "--user", "A07", "notice", "create", inspection_id, *args,
                 "--out", str(pdf), password=password)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not pdf.exists()
    assert json.loads(run(laptop, "notice", "list", "--json").stdout) == before


def test_a_file_that_is_not_a_notice(office_and_laptop, tmp_path):
    _office, laptop = office_and_laptop
    text = tmp_path / "letter.pdf"
    text.write_text("hello")
    result = run(laptop, "notice", "verify", str(text))
    assert result.returncode != 0 and "letter.pdf" in result.stderr
    assert "Traceback" not in result.stderr


def test_reinspection_with_after_photos_closes_the_notice_and_signs_a_record(
        office_and_laptop, tmp_path):
    import datetime as dt

    from tests.helpers import make_jpeg
    _office, laptop = office_and_laptop
    inspection_id = finished_inspection(laptop, tmp_path, ["ZCGD-01"])
    created = run(laptop, "--user", "A07", "notice", "create", inspection_id, "--out",
                  str(tmp_path / "n.pdf"), "--json", password=AUDITOR_PW)
    number = json.loads(created.stdout)["number"]
    after = make_jpeg(tmp_path / "after.jpg", dt.datetime.now())
    record = tmp_path / "record.pdf"
    done = run(laptop, "--user", "A07", "notice", "reinspect", number, "--outcome", "fixed",
               "--note", "已清理", "--after", f"ZCGD-01={after}", "--out", str(record),
               password=AUDITOR_PW)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(record), "-"], capture_output=True,
                          text=True).stdout
    assert "复查记录" in text and "已整改" in text and number in text.replace("\n", "")
    assert "Signature is Valid" in subprocess.run(["pdfsig", str(record)], capture_output=True,
                                                  text=True).stdout
    verdict = json.loads(run(laptop, "notice", "verify", str(record), "--json").stdout)
    assert verdict["valid"] and verdict["kind"] == "reinspection" and verdict["fingerprint_ok"]
    listed = json.loads(run(laptop, "notice", "list", "--status", "closed", "--json").stdout)
    assert number in [n["number"] for n in listed]
