"""The notice PDF, read back the way a reader would: its text, fonts, images and metadata."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from reports.notice_pdf import (
    Letterhead,
    NoticeDocument,
    NoticePhoto,
    NoticeProblem,
    Receipt,
    build_notice_pdf,
    notice_metadata,
    short_fingerprint,
)
from tests.reports.pdf_tools import page_count as _page_count
from tests.reports.pdf_tools import run as _run
from tests.reports.pdf_tools import squeezed as _squeezed
from tests.reports.pdf_tools import text as _text

NUMBER = "迎泽创城整改〔2026〕A07-0012号"
FINGERPRINT = hashlib.sha256(b"notice A07-0012").hexdigest()
UNIT = "太原市迎泽区柳巷街道办事处"
SPECIALS = ["℃", "≤", "№", "①", "《", "》"]
PHOTO_COUNTS = (2, 1, 0, 1, 0, 1, 0, 1)  # 6 photos over 8 problems

LONG = ("现场检查发现该路段人行道多处地砖松动、破损、缺失，雨后积水严重，行人通行不便，"
        "存在安全隐患；沿街商户占道经营现象突出，部分门店将货架、桌椅摆放至门前人行道上，"
        "影响市容市貌和群众出行。")


def _problem(index: int, photos: tuple[NoticePhoto, ...]) -> NoticeProblem:
    return NoticeProblem(
        location=f"{index}栋{index % 3 + 1}单元一楼东侧" if index != 3 else "",
        criterion_code=f"ZCGD-{index:02d}",
        criterion_text=f"道路、人行道路面平整，无坑洼破损；宣传《公民道德建设实施纲要》第{index}条",
        description=f"问题描述第{index}项：配电箱№{index}标识脱落，室外温度-5℃，{LONG}",
        requirement=f"①立即清理占道物品；②修复破损地砖，噪声≤55分贝；{'举一反三，' * index}",
        photos=photos)


def _photo(path: Path, index: int) -> Path:
    """A 1600×1200 JPEG that looks like a street photo more than a flat colour does."""
    image = Image.new("RGB", (1600, 1200), (90 + index * 20, 140, 200 - index * 15))
    draw = ImageDraw.Draw(image)
    for y in range(0, 1200, 60):
        draw.rectangle([0, y, 1600, y + 25], fill=(120, 110 + y // 12, 90 + index * 10))
    draw.ellipse([300 + index * 80, 300, 900 + index * 80, 900], fill=(200, 60, 40 + index * 30))
    draw.text((60, 1100), f"photo {index}", fill=(255, 255, 255))
    image.save(path, "JPEG", quality=85)
    return path


def _signature_png(text_colour=(20, 20, 120, 255)) -> bytes:
    image = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(30, 150), (120, 40), (200, 160), (300, 50), (420, 150), (560, 60)],
              fill=text_colour, width=8)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _logo(path: Path) -> Path:
    image = Image.new("RGBA", (200, 200), (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse([10, 10, 190, 190], outline=(192, 0, 0, 255), width=14)
    image.save(path, "PNG")
    return path


def make_document(folder: Path, **changes) -> NoticeDocument:
    """An 8-problem, 6-photo notice long enough to need several pages."""
    counter = iter(range(1, 7))
    problems = []
    for index, count in enumerate(PHOTO_COUNTS, 1):
        photos = tuple(NoticePhoto(_photo(folder / f"p{n}.jpg", n),
                                   f"2026-11-26 10:{40 + n:02d} · 37.8571N 112.5489E")
                       for n in [next(counter) for _ in range(count)])
        problems.append(_problem(index, photos))
    letterhead = Letterhead(
        issuer="太原市迎泽区创建全国文明城市指挥部办公室", logo=_logo(folder / "logo.png"),
        clauses=("请责任单位按期完成整改，并将整改情况连同整改后照片填写回执报送我办。",
                 "逾期未整改或整改不到位的，将按有关规定予以通报。"),
        copies_to="迎泽区创城指挥部，迎泽区人民政府分管领导")
    doc = NoticeDocument(
        number=NUMBER, letterhead=letterhead, addressee_unit=UNIT, addressee_person="张三",
        addressee_phone="0351-4040000", basis="《全国文明城市测评体系操作手册》（2025年版）",
        criterion_codes=tuple(p.criterion_code for p in problems),
        inspected_on="2026年11月26日 10:40", site_name="柳巷商业步行街",
        site_address="太原市迎泽区柳巷南路1号至88号", site_type="主次干道、商业大街",
        district="迎泽区", sub_district="柳巷街道", inspectors=("王五", "赵六"),
        problems=tuple(problems), deadline_text="2026年12月1日前（3个工作日）",
        reinspect_on="2026年12月2日", issued_on="2026年11月26日", auditor_name="王五",
        auditor_signature_png=_signature_png(),
        receipt=Receipt(signer="张三", signed_on="2026年11月26日",
                        signature_png=_signature_png((0, 0, 0, 255))),
        fingerprint=FINGERPRINT)
    return dataclasses.replace(doc, **changes)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("notice")


@pytest.fixture(scope="module")
def document(folder) -> NoticeDocument:
    return make_document(folder)


@pytest.fixture(scope="module")
def pdf(document) -> bytes:
    return build_notice_pdf(document)


@pytest.fixture(scope="module")
def pdf_path(folder, pdf) -> Path:
    path = folder / "notice.pdf"
    path.write_bytes(pdf)
    return path


def test_text_reads_back(pdf_path, document):
    text = _squeezed(_text(pdf_path))
    assert NUMBER in text
    assert UNIT in text
    for problem in document.problems:
        assert _squeezed(problem.description) in text
        assert _squeezed(problem.requirement) in text
    for char in SPECIALS:
        assert char in text
    assert "经督导检查，你单位存在以下问题，现通知如下：" in text


def test_every_page_counts_the_pages_and_repeats_the_number(pdf_path):
    pages = _page_count(pdf_path)
    assert pages >= 3  # 8 long findings and 6 photos do not fit on two pages
    for page in range(1, pages + 1):
        text = _text(pdf_path, page)
        assert f"第 {page} 页 共 {pages} 页" in text
        assert NUMBER in _squeezed(text)
        assert short_fingerprint(FINGERPRINT) in text


def test_short_fingerprint_groups_the_first_16_digits():
    assert short_fingerprint("0123456789abcdef" + "0" * 48) == "0123 4567 89ab cdef"


def test_reply_slip_is_on_the_last_page(pdf_path):
    pages = _page_count(pdf_path)
    last = _squeezed(_text(pdf_path, pages))
    for words in ("✂沿此线剪下", "回执", "整改措施", "完成日期", "整改后照片（附后）", "单位盖章"):
        assert words in last
    assert "回执" not in _squeezed(_text(pdf_path, 1))


def test_fonts_are_embedded_subsets_of_the_bundled_font(pdf_path):
    rows = _run("pdffonts", str(pdf_path)).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+NotoSansCJKsc-(Regular|Bold)", name), row
        assert (emb, sub) == ("yes", "yes"), row


def test_photos_are_embedded_as_the_original_jpeg_bytes(pdf, pdf_path, document, folder):
    # ASCII85 (ReportLab's default) would make the file a quarter bigger and the build slow.
    assert b"ASCII85Decode" not in pdf
    rows = [line.split() for line in _run("pdfimages", "-list", str(pdf_path)).splitlines()[2:]]
    jpegs = [row for row in rows if row[2] == "image" and row[8] == "jpeg"]
    assert len(jpegs) == 6
    out = folder / "extracted"
    out.mkdir()
    _run("pdfimages", "-j", str(pdf_path), str(out / "img"))
    extracted = {hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.jpg")}
    originals = {hashlib.sha256(photo.path.read_bytes()).hexdigest()
                 for problem in document.problems for photo in problem.photos}
    assert len(originals) == 6
    assert extracted == originals


def test_photos_are_labelled_by_problem_and_number(pdf_path, document):
    text = _squeezed(_text(pdf_path))
    for p_index, problem in enumerate(document.problems, 1):
        for f_index, photo in enumerate(problem.photos, 1):
            assert f"问题{p_index}图{f_index}" in text
            assert _squeezed(photo.caption) in text


def test_size_stays_small(pdf):
    assert len(pdf) < 2_000_000


def test_metadata_round_trips(pdf, pdf_path):
    assert notice_metadata(pdf) == {"kind": "notice", "number": NUMBER,
                                     "fingerprint": FINGERPRINT}
    info = _run("pdfinfo", str(pdf_path))
    assert f"整改通知书 {NUMBER}" in info
    assert re.search(r"^Author:\s+王五$", info, re.M)
    assert re.search(r"^Subject:\s+CivicAudit notice$", info, re.M)
    assert re.search(r"^Creator:\s+CivicAudit$", info, re.M)


def test_metadata_survives_a_pades_signature(pdf, folder):
    signed = _signed(pdf, folder)
    assert len(signed) > len(pdf)
    assert notice_metadata(signed) == {"kind": "notice", "number": NUMBER,
                                        "fingerprint": FINGERPRINT}


def test_metadata_is_none_for_other_files():
    assert notice_metadata(b"") is None
    assert notice_metadata(b"not a pdf at all") is None
    assert notice_metadata(_plain_pdf(keywords="")) is None
    assert notice_metadata(_plain_pdf(keywords="civicaudit-notice;number=X;fingerprint=1")) is None


def test_same_document_gives_the_same_bytes(document, pdf):
    assert build_notice_pdf(document) == pdf


def test_same_bytes_in_another_process(folder, pdf):
    # Font subsets and object ids must not depend on what the process did before.
    code = ("import sys; from pathlib import Path\n"
            "from tests.reports.test_notice_pdf import make_document\n"
            "from reports.notice_pdf import build_notice_pdf\n"
            f"sys.stdout.buffer.write(build_notice_pdf(make_document(Path({str(folder)!r}))))")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                            check=True)
    assert result.stdout == pdf


def test_empty_problem_list_is_a_programming_error(document):
    with pytest.raises(ValueError, match="no problems"):
        build_notice_pdf(dataclasses.replace(document, problems=()))


def test_malformed_fingerprint_is_a_programming_error(document):
    with pytest.raises(ValueError, match="fingerprint"):
        build_notice_pdf(dataclasses.replace(document, fingerprint="abc"))


def test_refused_receipt_is_noted_and_empty_values_print_a_dash(tmp_path):
    doc = make_document(tmp_path, receipt=Receipt(refused=True), addressee_phone="",
                        reinspect_on="", letterhead=Letterhead(issuer="测试办公室"))
    path = tmp_path / "refused.pdf"
    path.write_bytes(build_notice_pdf(doc))
    text = _squeezed(_text(path))
    assert "拒绝签收（已记录）" in text
    assert "联系电话：—" in text
    assert "复查时间：—" in text
    assert "抄送" not in text  # no 抄送 line without addressees


def test_signed_receipt_names_the_signer(pdf_path):
    text = _squeezed(_text(pdf_path))
    assert "拒绝签收" not in text
    assert "签收人（签名）：张三" in text


def test_markup_characters_in_data_print_as_written(tmp_path, document):
    problem = dataclasses.replace(document.problems[0], description="门头招牌<破损> & 脱落",
                                  photos=())
    doc = make_document(tmp_path, problems=(problem,), auditor_signature_png=None)
    path = tmp_path / "markup.pdf"
    path.write_bytes(build_notice_pdf(doc))
    assert _page_count(path) >= 1
    assert "门头招牌<破损>&脱落" in _squeezed(_text(path))


def test_a_notice_without_photos_or_signatures_has_no_images(tmp_path, document):
    problem = dataclasses.replace(document.problems[0], photos=())
    doc = make_document(tmp_path, problems=(problem,), auditor_signature_png=None,
                        receipt=Receipt(), letterhead=Letterhead(issuer="测试办公室"))
    path = tmp_path / "bare.pdf"
    path.write_bytes(build_notice_pdf(doc))
    assert _run("pdfimages", "-list", str(path)).splitlines()[2:] == []
    text = _squeezed(_text(path))
    assert "现场照片" not in text
    assert "附图" not in text
    assert "回执" in text


def test_a_finding_longer_than_a_page_continues_on_the_next(tmp_path, document):
    long = "开头标记" + LONG * 25 + "结尾标记"
    problem = dataclasses.replace(document.problems[0], description=long, photos=())
    doc = make_document(tmp_path, problems=(problem, *document.problems[1:3]))
    path = tmp_path / "long.pdf"
    path.write_bytes(build_notice_pdf(doc))
    text = _squeezed(_text(path))
    assert text.index("开头标记") < text.index("结尾标记") < text.index("问题描述第2项")
    assert _page_count(path) >= 3


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
def test_qr_code_scans_to_number_and_fingerprint(pdf_path, folder):
    pages = _page_count(pdf_path)
    _run("pdftoppm", "-r", "150", "-png", "-f", str(pages), "-l", str(pages), str(pdf_path),
         str(folder / "qr"))
    png = next(folder.glob("qr*.png"))
    assert _run("zbarimg", "-q", "--raw", str(png)).strip() == (
        f"civicaudit-notice:{NUMBER}:{FINGERPRINT}")


def _plain_pdf(keywords: str) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setKeywords(keywords)
    canvas.drawString(100, 700, "hello")
    canvas.save()
    return out.getvalue()


def _signed(pdf: bytes, folder: Path) -> bytes:
    """The PDF signed with a throwaway self-signed P-256 certificate, as pyHanko appends it."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "王五")])
    now, day = dt.datetime.now(dt.UTC), dt.timedelta(days=1)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now - day).not_valid_after(now + day)
            .sign(key, hashes.SHA256()))
    key_file, cert_file = folder / "key.pem", folder / "cert.pem"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(key_file), str(cert_file))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name="Signature1")
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()
