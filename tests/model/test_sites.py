import pytest

from model.errors import InputFileError
from model.store import audit
from tests.helpers import SITE_HEADER, site_line, sites_csv, write_csv


def _state(services):
    """Everything a failed import must leave as it was."""
    db = services.store.db
    return (list(db.query("SELECT * FROM site ORDER BY code")),
            db.execute("SELECT count(*) FROM audit_event").fetchone()[0])


def test_import_creates_then_recognises_unchanged_and_updated_sites(office, tmp_path):
    first = office.sites.import_csv(sites_csv(tmp_path, [site_line("A-1"), site_line("A-2")]))
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    again = office.sites.import_csv(sites_csv(tmp_path, [site_line("A-1"), site_line("A-2")]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    moved = office.sites.import_csv(sites_csv(tmp_path, [site_line("A-1", district="小店区")]))
    assert (moved.created, moved.updated) == (0, 1)
    assert office.sites.get("A-1").district == "小店区"


def test_site_types_may_be_given_by_chinese_name(office, tmp_path):
    office.sites.import_csv(sites_csv(tmp_path, [site_line("A-1", site_type="背街小巷")]))
    assert office.sites.get("A-1").site_type == "BJXX"


def test_gps_is_optional(office, tmp_path):
    office.sites.import_csv(sites_csv(tmp_path, [site_line("A-1", gps=",")]))
    site = office.sites.get("A-1")
    assert site.lat is None and site.lon is None


def test_export_and_reimport_round_trips_including_formula_like_cells(office, tmp_path):
    office.sites.import_csv(sites_csv(tmp_path, [site_line("A-1", name="=CMD()|' /C calc'!A0"),
                                                 site_line("A-2", name="普通名称")]))
    out = tmp_path / "out.csv"
    assert office.sites.export_csv(out) == 2
    text = out.read_text("utf-8-sig")
    assert "'=CMD()" in text  # a spreadsheet will not run it
    summary = office.sites.import_csv(out)
    assert summary.unchanged == 2
    assert office.sites.get("A-1").name == "=CMD()|' /C calc'!A0"


def test_search_by_text_district_and_type(office, tmp_path):
    office.sites.import_csv(sites_csv(tmp_path, [
        site_line("A-1", name="柳巷农贸市场", site_type="NMSC"),
        site_line("A-2", name="迎泽大街", district="迎泽区"),
        site_line("B-1", name="坞城路", district="小店区")]))
    assert [s.code for s in office.sites.search("农贸")] == ["A-1"]
    assert [s.code for s in office.sites.search(district="小店区")] == ["B-1"]
    assert [s.code for s in office.sites.search(site_type="NMSC")] == ["A-1"]
    assert [s.code for s in office.sites.search("迎泽", site_type="ZCGD")] == ["A-2"]


BAD_ROWS = {
    "missing required field": (site_line("A-2", name=""), "点位名称"),
    "unknown site type": (site_line("A-2", site_type="火星基地"), "unknown site type"),
    "duplicate code": (site_line("A-1"), "already used on line 2"),
    "gps not a number": (site_line("A-2", gps="北纬37,112.5"), "GPS"),
    "gps out of range": (site_line("A-2", gps="112.5,37.8").replace("112.5,37.8", "137.8,112.5"),
                         "out of range"),
    "gps half missing": (site_line("A-2", gps="37.8,"), "GPS"),
    "too many cells": (site_line("A-2") + ",extra", "cells"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_bad_row_names_its_line_and_nothing_is_stored(office, tmp_path, case):
    office.sites.import_csv(sites_csv(tmp_path, [site_line("OLD-1")], "old.csv"))
    before = _state(office)
    bad_line, message = BAD_ROWS[case]
    path = sites_csv(tmp_path, [site_line("A-1"), bad_line, site_line("A-9")])
    with pytest.raises(InputFileError, match=message) as caught:
        office.sites.import_csv(path)
    assert caught.value.line == 3
    assert "Nothing from this file was stored" in str(caught.value)
    assert _state(office) == before


@pytest.mark.parametrize("header", [
    SITE_HEADER.replace("点位名称", "名称"),
    SITE_HEADER.replace(",责任单位", ""),
    SITE_HEADER.replace("区县", "点位名称"),
])
def test_a_wrong_header_is_refused(office, tmp_path, header):
    path = write_csv(tmp_path / "h.csv", [header, site_line("A-1")])
    with pytest.raises(InputFileError) as caught:
        office.sites.import_csv(path)
    assert caught.value.line == 1
    assert office.sites.search() == []


def test_non_utf8_bytes_are_refused_naming_the_line(office, tmp_path):
    good = site_line("A-1").encode("utf-8")
    bad = site_line("A-2").encode("gbk")
    path = tmp_path / "mixed.csv"
    path.write_bytes(SITE_HEADER.encode("utf-8") + b"\n" + good + b"\n" + bad + b"\n")
    with pytest.raises(InputFileError, match="UTF-8") as caught:
        office.sites.import_csv(path)
    assert caught.value.line == 3
    assert office.sites.search() == []


def test_empty_and_missing_files_are_explained(office, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputFileError, match="empty"):
        office.sites.import_csv(empty)
    with pytest.raises(InputFileError, match="does not exist"):
        office.sites.import_csv(tmp_path / "nope.csv")
    with pytest.raises(InputFileError, match="no data rows"):
        office.sites.import_csv(sites_csv(tmp_path, []))


def test_a_site_change_is_audited_with_old_and_new(office, tmp_path):
    office.sites.import_csv(sites_csv(tmp_path, [site_line("A-1")]))
    office.sites.import_csv(sites_csv(tmp_path, [site_line("A-1", unit="新责任单位")]))
    site = office.sites.get("A-1")
    [_, update] = audit.events(office.store.db, entity_id=site.id)
    assert update.action == "site.update"
    assert update.detail == {"old": {"unit_name": "迎泽区城市管理局"},
                             "new": {"unit_name": "新责任单位"}}
