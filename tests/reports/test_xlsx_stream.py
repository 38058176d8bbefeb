"""The streaming .xlsx writer: read back like openpyxl's, well-formed parts, flat memory,
a cancel mid-sheet leaves nothing."""

from __future__ import annotations

import datetime as dt
import enum
import tracemalloc
import zipfile
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook

from model.progress import Cancelled, Progress
from reports import sheet_tables as st
from reports import spreadsheets, xlsx_stream, xlsx_writer

KINDS = (st.TEXT, st.INT, st.RATE, st.POINTS, st.PLACES, st.DATE, st.DATETIME, st.DAYS)
COLUMNS = tuple(st.Column(f"列{kind}", kind) for kind in KINDS)


class Level(enum.IntEnum):
    LOW = 1


ROWS = [
    ("\tx", 1, 0.853, -1.5, 2, dt.date(2026, 11, 7), dt.datetime(2026, 11, 20, 18, 0), -8),
    ("\r=1", Level.LOW, 1.0, 0.0, -3, dt.date(2000, 1, 1), dt.datetime(2026, 11, 20, 10, 30, 15),
     0),
    ("#N/A", 10**12, 1e-9, 12.25, 0, None, None, 4),
    ("a\x01b & <c> \"'", 0, 0.0, None, None, None, None, None),
    ("", None, None, None, None, None, None, None),
    ("  两边留空  ", -7, 0.5, 1.0, 1, None, None, None),
    ("=HYPERLINK(\"http://x\")", None, None, None, None, None, None, None),
]


def _write_both(tables, tmp_path):
    reference = OpenpyxlWorkbook(write_only=True)
    for table in tables:
        xlsx_writer.add_sheet(reference, table)
    reference.save(tmp_path / "openpyxl.xlsx")
    with xlsx_stream.Workbook(tmp_path / "stream.xlsx", "标题") as book:
        for table in tables:
            book.add_sheet(table)
    return load_workbook(tmp_path / "openpyxl.xlsx"), load_workbook(tmp_path / "stream.xlsx")


def _shown(cell):
    return (cell.coordinate, cell.value, cell.data_type, cell.number_format, cell.quotePrefix,
            cell.font.b, cell.font.i, cell.fill.fill_type, cell.alignment.vertical)


def test_a_streamed_sheet_reads_back_as_the_openpyxl_one(tmp_path):
    tables = [st.Table("表 'x'", COLUMNS, ROWS, "空"), st.Table("空表", COLUMNS, [], "没有行。")]
    expected, streamed = _write_both(tables, tmp_path)
    assert streamed.sheetnames == expected.sheetnames == ["表 'x'", "空表"]
    for name in expected.sheetnames:
        old, new = expected[name], streamed[name]
        assert [[_shown(c) for c in row] for row in new.iter_rows()] == [
            [_shown(c) for c in row] for row in old.iter_rows()], name
        assert (new.freeze_panes, new.auto_filter.ref) == (old.freeze_panes, old.auto_filter.ref)
        assert {k: d.width for k, d in new.column_dimensions.items()} == {
            k: d.width for k, d in old.column_dimensions.items()}
    cells = [row[0] for row in streamed["表 'x'"].iter_rows(min_row=2)]
    assert [c.quotePrefix for c in cells] == [True, True, False, False, False, False, True]
    assert [c.value for c in cells[2:5]] == ["#N/A", "ab & <c> \"'", None]
    assert streamed["空表"]["A2"].font.i and streamed["空表"].auto_filter.ref == "A1:H1"
    assert (streamed.properties.creator, streamed.properties.title) == ("CivicAudit", "标题")


def test_every_part_is_well_formed_and_declared(tmp_path):
    out = tmp_path / "w.xlsx"
    with xlsx_stream.Workbook(out, "a & <b>") as book:
        book.add_sheet(st.Table("一", COLUMNS, ROWS))
        book.add_sheet(st.Table("二", COLUMNS, [], "没有行。"))
    with zipfile.ZipFile(out) as archive:
        parts = {name: ElementTree.fromstring(archive.read(name)) for name in archive.namelist()}
    assert set(parts) == {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
                          "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                          "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}
    declared = {e.get("PartName") for e in parts["[Content_Types].xml"]}
    assert {f"/{name}" for name in parts if not name.endswith((".rels", "Types].xml"))} <= declared
    targets = {e.get("Target") for e in parts["xl/_rels/workbook.xml.rels"]}
    assert targets == {"worksheets/sheet1.xml", "worksheets/sheet2.xml", "styles.xml"}
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    assert b"<f>" not in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")
    assert parts["xl/worksheets/sheet1.xml"].find(f"{main}autoFilter").get("ref") == "A1:H8"


def _big_table(rows: int) -> st.Table:
    text = "公益广告设置规范，内容健康，无破损、污损，张贴位置醒目"
    return st.Table("问题清单", st.FINDING_COLUMNS, [
        (dt.date(2026, 11, 1 + i % 30), f"TY-{i:05d}", f"某某小区{i % 997}号院北门", "小店区",
         "坞城街道", "主次干道、商业大街", f"第{i % 3840}责任单位", "培育文明道德风尚",
         f"{i % 9}.{i % 7}", text, 1 + i % 4, f"{i % 50}号楼东侧", "", "李明")
        for i in range(rows)])


def _peak_bytes(table: st.Table, out) -> int:
    tracemalloc.start()
    try:
        with xlsx_stream.Workbook(out, "t") as book:
            book.add_sheet(table)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_however_many_rows(tmp_path):
    small, big = _big_table(2_000), _big_table(20_000)
    small_peak = _peak_bytes(small, tmp_path / "small.xlsx")
    big_peak = _peak_bytes(big, tmp_path / "big.xlsx")
    with zipfile.ZipFile(tmp_path / "big.xlsx") as archive:
        sheet_size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    assert sheet_size > 20_000_000
    assert big_peak < sheet_size / 10
    assert big_peak < small_peak * 1.5


def test_a_cancel_in_the_middle_of_a_sheet_leaves_no_file(tmp_path):
    progress = Progress(lambda done, total: done and progress.cancel())
    out = tmp_path / "x.xlsx"
    with pytest.raises(Cancelled), spreadsheets.atomic_output(out) as temporary, \
            xlsx_stream.Workbook(temporary, "t") as book:
        book.add_sheet(_big_table(2_500), progress)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["", "a/b", "x" * 32, "问题清单"])
def test_a_name_no_spreadsheet_takes_is_refused(tmp_path, name):
    with pytest.raises(ValueError, match="cannot name a sheet"), \
            xlsx_stream.Workbook(tmp_path / "x.xlsx", "t") as book:
        book.add_sheet(st.Table("问题清单", COLUMNS, []))
        book.add_sheet(st.Table(name, COLUMNS, []))
