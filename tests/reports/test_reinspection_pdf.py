"""The re-inspection record PDF, read back the way a reader would: its text, fonts, photos,
colours, page numbers and metadata."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from reports import wording
from reports.notice_pdf import Letterhead, NoticePhoto, short_fingerprint
from reports.reinspection_pdf import (
    ReinspectionDocument,
    ReinspectionItem,
    build_reinspection_pdf,
)
from tests.reports.pdf_tools import page_count as _page_count
from tests.reports.pdf_tools import run as _run
from tests.reports.pdf_tools import squeezed as _squeezed
from tests.reports.pdf_tools import text as _text

NUMBER = "迎泽创城整改〔2026〕A07-0012号"
FINGERPRINT = hashlib.sha256(b"reinspection A07-0012").hexdigest()
UNIT = "太原市迎泽区柳巷街道办事处"
# (before, after) photo counts per problem: problem 2 has no after photo, problem 4 no before.
PHOTO_COUNTS = ((2, 2), (1, 0), (1, 2), (0, 1))
BEFORE_TOTAL = sum(before for before, _ in PHOTO_COUNTS)
AFTER_TOTAL = sum(after for _, after in PHOTO_COUNTS)
FINDING = ("沿街商户占道经营，门前人行道摆放货架、桌椅，地砖多处松动破损，雨后积水，"
           "影响行人通行和市容市貌。")


def _photo(path: Path, seed: int, portrait: bool = False) -> Path:
    """A JPEG with some structure (stripes and a disc), 1200 px tall either way."""
    size = (900, 1200) if portrait else (1600, 1200)
    image = Image.new("RGB", size, (80 + seed * 9 % 120, 130, 190 - seed * 7 % 100))
    draw = ImageDraw.Draw(image)
    for y in range(0, 1200, 70):
        draw.rectangle([0, y, size[0], y + 30], fill=(110, 100 + y // 15, 80 + seed * 5))
    draw.ellipse([200 + seed * 20, 300, 700 + seed * 20, 800], fill=(60, 60, 60))
    image.save(path, "JPEG", quality=85)
    return path


def _signature_png() -> bytes:
    image = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(30, 150), (120, 40), (200, 160), (320, 50), (560, 120)],
                               fill=(20, 20, 120, 255), width=8)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _photos(folder: Path, side: str, problem: int, count: int) -> tuple[NoticePhoto, ...]:
    day, hour = ("2026-11-26", 10) if side == "before" else ("2026-12-02", 11)
    return tuple(
        NoticePhoto(_photo(folder / f"{side}{problem}_{n}.jpg", problem * 10 + n + len(side),
                           portrait=(side, problem, n) == ("after", 3, 2)),
                    f"{day} {hour}:{problem}{n} · 37.8571N 112.5489E")
        for n in range(1, count + 1))


def make_document(folder: Path, **changes) -> ReinspectionDocument:
    """A 4-problem record with before and after photos, one problem without an after photo."""
    items = tuple(
        ReinspectionItem(criterion_code=f"ZCGD-{index:02d}",
                         criterion_text=f"道路、人行道路面平整，无坑洼破损（第{index}项）",
                         location=f"{index}号门店东侧人行道", description=f"问题{index}：{FINDING}",
                         before=_photos(folder, "before", index, before),
                         after=_photos(folder, "after", index, after))
        for index, (before, after) in enumerate(PHOTO_COUNTS, 1))
    doc = ReinspectionDocument(
        notice_number=NUMBER,
        letterhead=Letterhead(issuer="太原市迎泽区创建全国文明城市指挥部办公室"),
        addressee_unit=UNIT, site_name="柳巷商业步行街",
        site_address="太原市迎泽区柳巷南路1号至88号", notice_issued_on="2026年11月26日",
        deadline_text="2026年12月1日 23:59前（3个工作日）",
        reinspected_on="2026年12月2日 10:30", inspector="王五", outcome="partly",
        note="占道经营已清理，破损地砖尚未修复。", items=items,
        inspector_signature_png=_signature_png(), fingerprint=FINGERPRINT)
    return dataclasses.replace(doc, **changes)


def _write(folder: Path, name: str, pdf: bytes) -> Path:
    path = folder / name
    path.write_bytes(pdf)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reinspection")


@pytest.fixture(scope="module")
def document(folder) -> ReinspectionDocument:
    return make_document(folder)


@pytest.fixture(scope="module")
def pdf(document) -> bytes:
    return build_reinspection_pdf(document)


@pytest.fixture(scope="module")
def pdf_path(folder, pdf) -> Path:
    return _write(folder, "reinspection.pdf", pdf)


@pytest.fixture(scope="module")
def fixed_path(folder, document) -> Path:
    everything_fixed = dataclasses.replace(document, outcome="fixed", note="")
    return _write(folder, "fixed.pdf", build_reinspection_pdf(everything_fixed))


def test_text_reads_back(pdf_path, document):
    text = _squeezed(_text(pdf_path))
    assert "复查记录" in text
    assert f"原通知书编号：{NUMBER}" in text
    for words in (UNIT, "柳巷商业步行街", "2026年11月26日", "2026年12月1日23:59前（3个工作日）",
                  "2026年12月2日10:30", "王五", _squeezed(document.note)):
        assert words in text
    for index, item in enumerate(document.items, 1):
        assert f"问题{index}{item.criterion_code}{item.criterion_text}" in text
        assert _squeezed(item.description) in text
        for photo in item.before + item.after:
            assert _squeezed(photo.caption) in text
    assert "整改前整改后" in text


def test_outcome_headline_and_conclusion_follow_the_outcome(pdf_path, fixed_path):
    partly, fixed = _squeezed(_text(pdf_path)), _squeezed(_text(fixed_path))
    assert "复查结果部分整改" in partly
    assert "复查结果已整改" in fixed
    assert "部分整改" not in fixed
    assert wording.CONCLUSION["fixed"] in fixed
    assert _squeezed(wording.CONCLUSION["partly"]) in partly
    assert "予以销号" not in partly
    assert "复查说明" not in fixed  # an empty note is left out, not printed as a dash


def _pixels_near(pdf_path: Path, folder: Path, rgb: tuple[int, int, int]) -> int:
    """How many pixels of page 1 (at 60 dpi) are within a small distance of ``rgb``."""
    prefix = folder / f"{pdf_path.stem}-page"
    _run("pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf_path), str(prefix))
    data = Image.open(next(folder.glob(f"{prefix.name}*.png"))).convert("RGB").tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    return sum(1 for pixel in pixels
               if sum(abs(a - b) for a, b in zip(pixel, rgb, strict=True)) < 60)


def test_the_headline_is_green_when_fixed_and_red_when_not(folder, document, fixed_path):
    not_fixed = _write(folder, "not_fixed.pdf",
                       build_reinspection_pdf(dataclasses.replace(document, outcome="not_fixed")))
    green, red = (0x1A, 0x7A, 0x33), (0xC0, 0x00, 0x00)
    assert _pixels_near(fixed_path, folder, green) > 50
    assert _pixels_near(not_fixed, folder, green) == 0
    # The issuer line is red on both; the headline adds to it.
    assert _pixels_near(not_fixed, folder, red) > _pixels_near(fixed_path, folder, red) + 50
    text = _squeezed(_text(not_fixed))
    assert "复查结果未整改" in text
    assert _squeezed(wording.CONCLUSION["not_fixed"]) in text


def test_a_side_without_photos_says_so(pdf_path, folder, document):
    text = _squeezed(_text(pdf_path))
    assert text.count("（无照片）") == 2  # problem 2 after, problem 4 before
    with_all = tuple(dataclasses.replace(item, before=item.before or document.items[0].before,
                                         after=item.after or document.items[0].after)
                     for item in document.items)
    complete = _write(folder, "complete.pdf",
                      build_reinspection_pdf(dataclasses.replace(document, items=with_all)))
    assert "（无照片）" not in _squeezed(_text(complete))


def test_a_note_longer_than_a_page_continues_on_the_next(folder, document):
    note = "开头标记" + "占道经营已清理，破损地砖尚未修复。" * 150 + "结尾标记"
    path = _write(folder, "long_note.pdf",
                  build_reinspection_pdf(dataclasses.replace(document, note=note)))
    text = _squeezed(_text(path))
    assert text.index("开头标记") < text.index("结尾标记") < text.index("问题1ZCGD-01")


def test_every_page_counts_the_pages_and_repeats_the_number(pdf_path):
    pages = _page_count(pdf_path)
    assert pages >= 3  # 4 problems with up to two rows of photos each
    for page in range(1, pages + 1):
        text = _text(pdf_path, page)
        assert f"第 {page} 页 共 {pages} 页" in text
        assert NUMBER in _squeezed(text)
        assert short_fingerprint(FINGERPRINT) in text
        if page > 1:
            assert "复查记录（续）" in _squeezed(text)


def test_fonts_are_embedded_subsets_of_the_bundled_font(pdf_path):
    rows = _run("pdffonts", str(pdf_path)).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+NotoSansCJKsc-(Regular|Bold)", name), row
        assert (emb, sub) == ("yes", "yes"), row


def test_every_photo_is_embedded_as_its_jpeg(pdf_path, document, folder):
    rows = [line.split() for line in _run("pdfimages", "-list", str(pdf_path)).splitlines()[2:]]
    jpegs = [row for row in rows if row[2] == "image" and row[8] == "jpeg"]
    assert len(jpegs) == BEFORE_TOTAL + AFTER_TOTAL == 9
    # All test photos are 1200 px tall, so equal heights on paper mean equal vertical ppi.
    assert len({row[13] for row in jpegs}) == 1
    out = folder / "extracted"
    out.mkdir()
    _run("pdfimages", "-j", str(pdf_path), str(out / "img"))
    extracted = {hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.jpg")}
    originals = {hashlib.sha256(photo.path.read_bytes()).hexdigest()
                 for item in document.items for photo in item.before + item.after}
    assert extracted == originals


def _word_boxes(pdf_path: Path) -> dict[str, tuple[int, float, float]]:
    """Each word's (page, xMin, yMin) from ``pdftotext -bbox``; the last wins for repeats."""
    html = _run("pdftotext", "-bbox", str(pdf_path), "-")
    boxes, page = {}, 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)".*>(.+)</word>', line)
        if match:
            boxes[match[3]] = (page, float(match[1]), float(match[2]))
    return boxes


def test_before_and_after_stand_side_by_side(pdf_path):
    boxes = _word_boxes(pdf_path)
    # Captions carry the time "hh:PN" (problem P, photo N): 10:xx before, 11:xx after.
    for problem, n in ((1, 1), (1, 2), (3, 1)):
        before, after = boxes[f"10:{problem}{n}"], boxes[f"11:{problem}{n}"]
        assert before[0] == after[0]  # same page
        assert abs(before[2] - after[2]) < 1  # same line
        assert before[1] < 297 < after[1]  # left and right of the middle of the page
    assert boxes["11:32"][2] > boxes["11:31"][2]  # a second after photo goes on the next row


def test_metadata_names_the_record(pdf_path):
    info = _run("pdfinfo", str(pdf_path))
    assert re.search(rf"^Title:\s+复查记录 {re.escape(NUMBER)}$", info, re.M)
    keywords = f"civicaudit-reinspection;number={NUMBER};fingerprint={FINGERPRINT}"
    assert re.search(rf"^Keywords:\s+{re.escape(keywords)}$", info, re.M)
    assert re.search(r"^Author:\s+王五$", info, re.M)


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
def test_qr_code_on_every_page_scans_to_number_and_fingerprint(pdf_path, folder):
    _run("pdftoppm", "-r", "150", "-png", str(pdf_path), str(folder / "qr"))
    scans = sorted(folder.glob("qr*.png"))
    assert len(scans) == _page_count(pdf_path)
    for png in scans:
        assert _run("zbarimg", "-q", "--raw", str(png)).strip() == (
            f"civicaudit-reinspection:{NUMBER}:{FINGERPRINT}")


def test_same_document_gives_the_same_bytes(document, pdf):
    assert build_reinspection_pdf(document) == pdf


@pytest.mark.parametrize("change", [{"items": ()}, {"outcome": "done"},
                                    {"fingerprint": "ABC"}])
def test_a_document_the_model_should_not_produce_is_refused(document, change):
    with pytest.raises(ValueError, match="re-inspection"):
        build_reinspection_pdf(dataclasses.replace(document, **change))
