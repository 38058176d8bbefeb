"""The office's spreadsheet export read back: sheets, Chinese headers, typed cells, formulas
neutralised, CSV with a BOM, empty periods and bad output paths."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from model.errors import OutputFileError, ValidationError
from model.office import dashboard, rankings
from model.office.dashboard import Scope
from model.office.periods import Period
from model.progress import Cancelled, Progress
from reports import sheet_tables, spreadsheets, xlsx_writer
from tests.reports.office_city import NOW, build_city
from usecases.services import Services

NOVEMBER = Period.month("2026-11")
SHEETS = ["问题清单", "整改通知", "区县排名", "责任单位排名", "说明"]
FINDING_HEADERS = ["检查日期", "点位编号", "点位名称", "区县", "街道", "点位类型", "责任单位",
                   "测评类别", "测评标准编号", "测评内容", "问题数", "具体位置", "备注", "检查员"]
NOTICE_HEADERS = ["编号", "责任单位", "点位", "签发日期", "整改期限", "状态", "问题数",
                  "剩余天数/逾期天数", "最近处理"]


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    base = tmp_path_factory.mktemp("office-city")
    build_city(base / "data", base)
    services = Services.open(base / "data")
    yield services
    services.close()


@pytest.fixture(scope="module")
def workbook(city, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "2026-11.xlsx"
    made = spreadsheets.write_xlsx(city.store, NOVEMBER, out, now=NOW)
    return made, load_workbook(out)


def _rows(sheet):
    return list(sheet.iter_rows(min_row=2))


def test_the_workbook_has_its_sheets_with_chinese_headers(workbook):
    made, book = workbook
    assert book.sheetnames == SHEETS
    assert [c.value for c in book["问题清单"][1]] == FINDING_HEADERS
    assert [c.value for c in book["整改通知"][1]] == NOTICE_HEADERS
    for name in ("区县排名", "责任单位排名"):
        headers = [c.value for c in book[name][1]]
        assert headers[:3] == ["排名", "名称", "得分率"] and "符合率" in headers
        assert {"末位", "负面清单"} <= set(headers) and any("较上期" in h for h in headers)
    assert made.rows == {"问题清单": 3, "整改通知": 2, "区县排名": 2, "责任单位排名": 3}
    assert not made.empty and made.size_bytes == made.path.stat().st_size


def test_headers_are_bold_frozen_and_filtered(workbook):
    _, book = workbook
    sheet = book["问题清单"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N4"
    assert sheet.column_dimensions["J"].width >= 40  # the criterion's text
    assert 8 <= sheet.column_dimensions["B"].width <= 20


def test_findings_are_typed_and_match_the_dashboard(workbook, city):
    _, book = workbook
    expected = dashboard.findings(city.store, Scope(NOVEMBER))
    rows = _rows(book["问题清单"])
    assert [(r[1].value, r[8].value, r[10].value) for r in rows] == [
        (f.site_code, f.criterion_code, f.instances) for f in expected]
    first = rows[0]
    assert isinstance(first[0].value, dt.datetime) and first[0].number_format == "yyyy-mm-dd"
    assert first[0].value.date() == dt.date(2026, 11, 10)
    assert all(isinstance(r[10].value, int) and r[10].data_type == "n" for r in rows)
    assert first[5].value == "主次干道、商业大街"          # site type by name, not its code
    assert first[7].value == "培育文明道德风尚"            # category by name
    assert first[9].value.startswith("公益广告")           # the criterion's text
    assert {r[13].value for r in rows} == {"李明"}


def test_notices_show_dates_status_and_days_left_or_overdue(workbook):
    _, book = workbook
    overdue, due = _rows(book["整改通知"])
    assert overdue[0].value.endswith("A07-0001号") and overdue[2].value == "YZ-1 =CMD()"
    assert overdue[3].value == dt.datetime(2026, 11, 7) and overdue[3].number_format == "yyyy-mm-dd"
    assert overdue[4].value == dt.datetime(2026, 11, 20, 18, 0)
    assert overdue[4].number_format == "yyyy-mm-dd hh:mm"
    assert (overdue[5].value, overdue[6].value) == ("已通报曝光", 1)
    assert due[5].value == "复查未通过"
    assert (overdue[7].value, due[7].value) == (-8, 4)
    assert "逾期" in overdue[7].number_format and "剩余" in overdue[7].number_format
    assert overdue[8].value == "2026-11-25 10:30 已通报曝光：曝光台"
    assert due[8].value == "2026-11-24 10:30 复查未通过：部分整改"


@pytest.mark.parametrize(("sheet", "by"), [("区县排名", "district"), ("责任单位排名", "unit")])
def test_rankings_are_numbers_matching_the_model(workbook, city, sheet, by):
    _, book = workbook
    standings = rankings.standings(city.store, Scope(NOVEMBER), by)
    rows = _rows(book[sheet])
    assert len(rows) == len(standings)
    for row, standing in zip(rows, standings, strict=True):
        rank, name, score, raw, passed, *_, last, reasons = (c for c in row[:9])
        assert (rank.value, name.value) == (standing.rank, standing.label)
        assert isinstance(rank.value, int)
        assert score.value == pytest.approx(standing.score_rate)
        assert raw.value == pytest.approx(standing.figure.rates.score_rate)
        assert passed.value == pytest.approx(standing.figure.rates.pass_rate)
        assert score.number_format == passed.number_format == "0.0%"
        assert (last.value == "是") is standing.last
        assert bool(reasons.value) is bool(standing.hits)
    assert rows[-1][7].value == "是" and "T-01" in rows[-1][8].value
    assert rows[-1][2].value == pytest.approx(0.5)   # capped by the office's rule


def test_the_change_is_in_percentage_points_against_the_previous_month(workbook):
    _, book = workbook
    by_name = {r[1].value: r for r in _rows(book["区县排名"])}
    yingze = by_name["迎泽区"]                      # 100 % in October
    assert yingze[5].value == pytest.approx((yingze[2].value - 1.0) * 100, abs=0.01)
    assert isinstance(yingze[5].value, float) and yingze[6].value == 0
    units = {r[1].value: r for r in _rows(book["责任单位排名"])}
    assert units["乙单位"][5].value is None         # not inspected in October: no change


def test_formula_like_text_is_stored_as_text_that_is_never_evaluated(workbook):
    made, book = workbook
    cells = {c.value: c for row in book["问题清单"].iter_rows(min_row=2) for c in row}
    for text in ("=CMD()", "+1+1", '=HYPERLINK("http://x")', "@SUM(A1)", "-3号楼"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text
    assert not cells["亲贤街"].quotePrefix
    with zipfile.ZipFile(made.path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_tabs_returns_error_words_and_control_characters_stay_plain_text(tmp_path):
    book = Workbook(write_only=True)
    table = sheet_tables.Table("t", (sheet_tables.Column("x"),),
                               [("\tx",), ("\r=1",), ("#N/A",), ("a\x01b",), ("",)])
    xlsx_writer.add_sheet(book, table)
    book.save(tmp_path / "t.xlsx")
    cells = [row[0] for row in load_workbook(tmp_path / "t.xlsx")["t"].iter_rows(min_row=2)]
    assert [c.data_type for c in cells[:4]] == ["s", "s", "s", "s"]
    assert [c.quotePrefix for c in cells[:3]] == [True, True, False]
    assert cells[2].value == "#N/A" and cells[3].value == "ab" and len(cells) == 4  # "": no cell


def test_the_notes_sheet_says_the_period_the_time_and_the_rules(workbook):
    _, book = workbook
    notes = {}
    for key, value in book["说明"].iter_rows(min_row=2, values_only=True):
        notes.setdefault(key, []).append(value)
    assert "2026年11月" in notes["统计期间"][0] and "2026年10月" in notes["统计期间"][0]
    assert notes["生成时间"][0].startswith("2026-11-28 12:00")
    assert "完成检查 4 次" in notes["检查情况"][0]
    assert any("T-01" in line and "50%" in line for line in notes["负面清单"])
    assert "66%" in notes["得分率"][0]


def test_an_empty_period_writes_headers_and_says_nothing_was_inspected(city, tmp_path):
    made = spreadsheets.write_xlsx(city.store, Period.month("2025-11"), tmp_path / "e.xlsx",
                                   now=NOW)
    assert made.empty and set(made.rows.values()) == {0}
    book = load_workbook(made.path)
    assert book.sheetnames == SHEETS
    for name in ("问题清单", "区县排名", "责任单位排名"):
        assert [r[0] for r in book[name].iter_rows(min_row=2, values_only=True)] == [
            "2025年11月没有完成的检查。"], name
    assert book["整改通知"]["A2"].value == "2025年11月没有签发整改通知书。"
    assert "没有完成的检查" in book["说明"]["B4"].value


def test_a_csv_has_a_bom_the_same_headers_and_neutralised_text(city, tmp_path):
    made = spreadsheets.write_csv(city.store, NOVEMBER, tmp_path, "findings", now=NOW)
    assert made.path == tmp_path / "findings-2026-11.csv"
    data = made.path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == FINDING_HEADERS and len(rows) == 4
    by_site = {r[1]: r for r in rows[1:]}
    assert by_site["YZ-1"][2] == "'=CMD()" and by_site["XD-2"][2] == "'+1+1"
    assert by_site["YZ-1"][0] == "2026-11-05" and by_site["YZ-1"][10] == "2"


def test_a_ranking_csv_has_rates_as_numbers(city, tmp_path):
    out = tmp_path / "units.csv"
    spreadsheets.write_csv(city.store, NOVEMBER, out, "units", now=NOW)
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    by_name = {r["名称"]: r for r in rows}
    assert float(by_name["丙单位"]["得分率"]) == pytest.approx(0.5)
    assert by_name["丙单位"]["末位"] == "是" and by_name["乙单位"]["较上期（百分点）"] == ""


def test_an_unknown_csv_table_is_refused_by_name(city, tmp_path):
    with pytest.raises(ValidationError, match="'planets'"):
        spreadsheets.write_csv(city.store, NOVEMBER, tmp_path, "planets")


def test_a_bad_output_path_names_the_path_and_leaves_nothing(city, tmp_path):
    missing = tmp_path / "no-such-folder" / "x.xlsx"
    with pytest.raises(OutputFileError, match=r"no-such-folder.*does not exist"):
        spreadsheets.write_xlsx(city.store, NOVEMBER, missing, now=NOW)
    with pytest.raises(OutputFileError, match="is a folder"):
        spreadsheets.write_xlsx(city.store, NOVEMBER, tmp_path, now=NOW)
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_export_leaves_no_file(city, tmp_path):
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        spreadsheets.write_xlsx(city.store, NOVEMBER, tmp_path / "x.xlsx", progress, now=NOW)
    with pytest.raises(Cancelled):
        spreadsheets.write_csv(city.store, NOVEMBER, tmp_path, "findings", progress, now=NOW)
    assert list(tmp_path.iterdir()) == []


def test_progress_counts_every_row(city, tmp_path):
    seen = []
    progress = Progress(lambda done, total: seen.append((done, total)))
    spreadsheets.write_xlsx(city.store, NOVEMBER, tmp_path / "x.xlsx", progress, now=NOW)
    assert seen[-1] == (10, 10)
    spreadsheets.write_csv(city.store, NOVEMBER, tmp_path, "findings", progress, now=NOW)
    assert seen[-1] == (3, 3)


def test_a_site_gone_from_the_register_is_named_plainly(tmp_path):
    build_city(tmp_path / "data", tmp_path)
    services = Services.open(tmp_path / "data")
    try:
        db = services.store.db
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("DELETE FROM site WHERE code = 'XD-2'")
        made = spreadsheets.write_xlsx(services.store, NOVEMBER, tmp_path / "x.xlsx", now=NOW)
    finally:
        services.close()
    book = load_workbook(made.path)
    names = [r[2] for r in book["问题清单"].iter_rows(min_row=2, values_only=True)]
    assert sheet_tables.NO_SITE in names
    sites = [r[2] for r in book["整改通知"].iter_rows(min_row=2, values_only=True)]
    assert sheet_tables.NO_SITE in sites
