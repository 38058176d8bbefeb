"""The office's commands as a script runs them: rank, report, negative-list."""

from __future__ import annotations

import json
import shutil

import pytest
from openpyxl import load_workbook

from model.office import rankings
from model.office.dashboard import Scope
from model.office.periods import Period
from tests.cli.runner import run
from tests.reports import pdf_tools
from tests.reports.office_city import PASSWORD, build_city
from usecases.services import Services


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    base = tmp_path_factory.mktemp("report-cli")
    build_city(base / "data", base)
    return base / "data"


def test_rank_json_gives_numbers_matching_the_model(city):
    result = run(city, "rank", "--by", "unit", "--month", "2026-11", "--json")
    assert result.returncode == 0, result.stderr
    lines = json.loads(result.stdout)
    services = Services.open(city)
    try:
        standings = rankings.standings(services.store, Scope(Period.month("2026-11")), "unit")
    finally:
        services.close()
    assert [(x["name"], x["rank"], x["last"]) for x in lines] == [
        (s.label, s.rank, s.last) for s in standings]
    for line, standing in zip(lines, standings, strict=True):
        assert line["score_rate"] == pytest.approx(standing.score_rate, abs=1e-4)
        assert line["pass_rate"] == pytest.approx(standing.figure.rates.pass_rate, abs=1e-4)
    last = lines[-1]
    assert last["name"] == "丙单位" and last["score_rate"] == 0.5 and last["last"] is True
    assert last["raw_score_rate"] > 0.5 and "T-01" in last["negative_list"][0]
    assert isinstance(last["change_points"], float) and last["rank_change"] == -1


def test_rank_prints_a_table_with_the_last_place_and_its_reason(city):
    result = run(city, "rank", "--by", "district", "--month", "2026-11")
    assert result.returncode == 0, result.stderr
    header, _, first, second = result.stdout.splitlines()[1:5]
    assert "排名" in header and "得分率" in header and "较上期" in header
    assert first.startswith("1") and "迎泽区" in first and "86.6%" in first
    assert "小店区" in second and "末位" in second and "T-01" in second


def test_report_xlsx_writes_the_workbook(city, tmp_path):
    out = tmp_path / "十一月.xlsx"
    result = run(city, "report", "xlsx", "--month", "2026-11", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)
    assert made["rows"]["问题清单"] == 3 and made["empty"] is False
    book = load_workbook(out)
    assert book.sheetnames == ["问题清单", "整改通知", "区县排名", "责任单位排名", "说明"]
    assert isinstance(book["区县排名"]["C2"].value, float)


def test_report_csv_writes_one_table_with_a_bom(city, tmp_path):
    result = run(city, "report", "csv", "--month", "2026-10", "--to", "2026-11", "--table",
                 "districts", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "districts-2026-10_2026-11.csv"
    assert written.read_bytes().startswith("\ufeff排名,名称,得分率".encode())
    assert str(written) in result.stdout


@pytest.mark.parametrize("month", ["2026-13", "abc"])
def test_a_bad_month_is_one_line_naming_it(city, tmp_path, month):
    result = run(city, "report", "xlsx", "--month", month, "--out", str(tmp_path / "x.xlsx"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and f"'{month}'" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.xlsx").exists()


def test_an_empty_month_says_nothing_was_inspected(city, tmp_path):
    out = tmp_path / "empty.xlsx"
    result = run(city, "report", "xlsx", "--month", "2025-11", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Nothing was inspected in 2025-11" in result.stdout and out.exists()
    ranked = run(city, "rank", "--by", "district", "--month", "2025-11")
    assert ranked.returncode == 0 and "Nothing to rank" in ranked.stdout
    assert json.loads(run(city, "rank", "--by", "unit", "--month", "2025-11", "--json").stdout
                      ) == []


def test_a_missing_output_folder_is_refused_by_name(city, tmp_path):
    out = tmp_path / "nowhere" / "x.xlsx"
    result = run(city, "report", "xlsx", "--month", "2026-11", "--out", str(out))
    assert result.returncode == 2 and str(out) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_negative_list_file_changes_nothing(city, tmp_path):
    before = run(city, "negative-list", "show", "--json").stdout
    assert json.loads(before)[0]["code"] == "T-01"
    broken = tmp_path / "rules.json"
    broken.write_text(json.dumps([
        {"code": "A", "name": "甲", "criteria": ["ZCGD-01"], "effect": "zero"},
        {"code": "B", "name": "乙", "criteria": ["ZCGD-02"], "effect": "halve"}]), "utf-8")
    result = run(city, "--user", "O01", "negative-list", "set", str(broken), password=PASSWORD)
    assert result.returncode == 2
    assert "rules.json" in result.stderr and "rule 2" in result.stderr
    broken.write_text("[{", "utf-8")
    result = run(city, "--user", "O01", "negative-list", "set", str(broken), password=PASSWORD)
    assert result.returncode == 2 and "not JSON" in result.stderr
    assert run(city, "negative-list", "show", "--json").stdout == before


def test_the_office_sets_the_negative_list_and_an_auditor_may_not(city, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(city, copy)
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps([{"code": "Z-1", "name": "占道经营", "criteria": ["ZCGD-0*"],
                                  "effect": "zero"}], ensure_ascii=False), "utf-8")
    refused = run(copy, "--user", "A07", "negative-list", "set", str(rules), password=PASSWORD)
    assert refused.returncode == 2 and "office" in refused.stderr
    done = run(copy, "--user", "O01", "negative-list", "set", str(rules), password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert [r["code"] for r in json.loads(run(copy, "negative-list", "show", "--json").stdout)
            ] == ["Z-1"]
    ranked = json.loads(run(copy, "rank", "--by", "unit", "--month", "2026-11",
                            "--json").stdout)
    assert {line["name"]: line["score_rate"] for line in ranked}["甲单位"] == 0.0


def test_report_bulletin_writes_the_pdf_and_says_when_the_month_is_empty(city, tmp_path):
    out = tmp_path / "通报.pdf"
    result = run(city, "report", "bulletin", "--month", "2026-11", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)
    assert made["path"] == str(out) and made["empty"] is False
    assert made["pages"] == pdf_tools.page_count(out) and made["size_bytes"] == out.stat().st_size
    assert "丙单位" in pdf_tools.squeezed(pdf_tools.text(out))
    empty = run(city, "report", "bulletin", "--month", "2025-11", "--out",
                str(tmp_path / "e.pdf"))
    assert empty.returncode == 0, empty.stderr
    assert "Nothing was inspected in 2025-11" in empty.stdout
