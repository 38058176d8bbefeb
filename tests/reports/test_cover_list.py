"""The cover list (清单) of a batch of notices, read back with poppler's tools."""

from __future__ import annotations

import re
import subprocess

import pytest

from reports import wording
from reports.cover_list import CoverRow, blank_page, build_cover_list

TITLE = "整改通知书清单"
PRINTED_ON = "2026年11月26日"


def _row(index: int, site: str = "柳巷步行街北口") -> CoverRow:
    return CoverRow(f"并州创城整改〔2026〕A07-{index:04d}号", f"YZ-ZCGD-{index:02d} {site}",
                    f"迎泽区柳巷街道办事处{index}", "2026年12月1日 23:59", "已下发")


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def write(tmp_path):
    def write(rows: list[CoverRow]):
        path = tmp_path / "cover.pdf"
        path.write_bytes(build_cover_list(rows, TITLE, PRINTED_ON))
        return path
    return write


def _text(path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _run("pdftotext", "-raw", *pages, str(path), "-")  # (-raw: in the order drawn)


def _squashed(text: str) -> str:
    """The text without white space: pdftotext drops narrow spaces and long cells wrap."""
    return re.sub(r"\s+", "", text)


def _pages(path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.M).group(1))


def test_a_short_list_is_one_page_with_the_header_every_notice_and_the_total(write):
    path = write([_row(1), _row(2), _row(3)])
    text = _text(path)
    plain = _squashed(text)
    assert _pages(path) == 1
    assert TITLE in plain and f"打印日期：{PRINTED_ON}" in plain and "共3份" in plain
    header = next(line for line in text.splitlines() if "序号" in line)
    assert re.search(r"序号\s+通知书编号\s+点位\s+责任单位\s+整改时限\s+状态", header)
    for index in (1, 2, 3):
        assert f"并州创城整改〔2026〕A07-{index:04d}号" in plain
        assert f"迎泽区柳巷街道办事处{index}" in plain
    assert plain.count("已下发") == 3
    assert "第1页共1页" in plain


def test_rows_are_numbered_in_the_order_given(write):
    text = _text(write([_row(7), _row(3)]))
    assert _squashed(text).index("A07-0007") < _squashed(text).index("A07-0003")
    assert re.findall(r"^(\d+)\n并州", text, re.M) == ["1", "2"]


def test_a_long_list_runs_over_pages_with_page_numbers_and_the_header_again(write):
    path = write([_row(i, "柳巷步行街北口段人行道及周边商户门前区域") for i in range(1, 41)])
    pages = _pages(path)
    assert pages >= 2
    for page in range(1, pages + 1):
        text = _squashed(_text(path, page))
        assert f"第{page}页共{pages}页" in text
        assert "通知书编号" in text  # the header row is repeated on every page
        assert (f"{TITLE}（续）" in text) == (page > 1)
    assert "共40份" in _squashed(_text(path))
    assert "A07-0040" in _squashed(_text(path))


def test_an_empty_list_says_none_are_listed(write):
    text = _squashed(_text(write([])))
    assert "共0份" in text and "序号" in text


def test_only_the_shipped_font_is_used_and_it_is_embedded(write):
    rows = _run("pdffonts", str(write([_row(1)]))).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+NotoSansCJKsc-(Regular|Bold)", name), row
        assert (emb, sub) == ("yes", "yes"), row


def test_the_title_is_in_the_document_information(write):
    info = _run("pdfinfo", str(write([_row(1)])))
    assert re.search(rf"^Title:\s+{TITLE}$", info, re.M)


def test_markup_characters_in_data_are_printed_as_they_are(write):
    text = _text(write([CoverRow("A<1>&B", "点位 <b>", "单位 & 子单位", "", "已下发")]))
    assert "A<1>&B" in text and "点位 <b>" in text and "单位 & 子单位" in text
    assert wording.EMPTY in text  # the empty deadline is a dash, not a blank cell


def test_the_blank_page_is_one_empty_a4_page(tmp_path):
    path = tmp_path / "blank.pdf"
    path.write_bytes(blank_page())
    info = _run("pdfinfo", str(path))
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert re.search(r"^Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", info, re.M)
    assert _text(path).strip() == ""
