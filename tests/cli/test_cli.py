"""The CLI as a script uses it: real processes, real exit codes, real output."""

import json

import pytest

from model.store import clock
from tests.cli.runner import run
from tests.helpers import copy_of, site_line, sites_csv


@pytest.fixture(scope="module")
def demo_dir(demo_made_by_cli, tmp_path_factory):
    """This module's copy of the demo city that ``main.py demo`` made."""
    return copy_of(demo_made_by_cli, tmp_path_factory.mktemp("cli-demo"))


def test_help_lists_every_command(tmp_path):
    result = run(tmp_path, "--help")
    assert result.returncode == 0
    for command in ("demo", "checklist", "sites", "inspections", "score", "audit", "profile"):
        assert command in result.stdout


def test_demo_then_score_by_district_lists_all_six_districts(demo_dir):
    result = run(demo_dir, "score", "--by", "district", "--json")
    assert result.returncode == 0, result.stderr
    groups = json.loads(result.stdout)
    assert {g["key"] for g in groups} == {"小店区", "迎泽区", "杏花岭区", "尖草坪区",
                                         "万柏林区", "晋源区"}
    for group in groups:
        assert 0 < group["pass_rate"] <= 1 and 0 < group["score_rate"] <= 1
        assert group["rank"] >= 1


def test_listing_commands_give_json(demo_dir):
    sites = json.loads(run(demo_dir, "sites", "list", "--json").stdout)
    assert len(sites) >= 60
    listed = json.loads(run(demo_dir, "inspections", "list", "--site", sites[0]["code"],
                            "--json").stdout)
    assert listed and {"pass_rate", "score_rate", "failed_criteria"} <= set(listed[0])
    editions = json.loads(run(demo_dir, "checklist", "list", "--json").stdout)
    assert editions[0]["criteria"] >= 300


def test_an_inspection_from_start_to_finish(demo_dir):
    started = run(demo_dir, "--user", "A07", "inspections", "start", "YZ-ZCGD-01", "--json",
                  password="demo-pass")
    assert started.returncode == 0, started.stderr
    inspection_id = json.loads(started.stdout)["id"]
    recorded = run(demo_dir, "inspections", "record", inspection_id, "ZCGD-06", "fail",
                   "--instances", "2", "--location", "3栋2单元一楼", password="demo-pass")
    assert recorded.returncode == 0, recorded.stderr  # --user defaults to the last one
    finished = run(demo_dir, "inspections", "finish", inspection_id, password="demo-pass")
    assert finished.returncode == 0, finished.stderr
    locked = run(demo_dir, "inspections", "record", inspection_id, "ZCGD-06", "pass",
                 password="demo-pass")
    assert locked.returncode == 2 and "locked" in locked.stderr
    shown = json.loads(run(demo_dir, "inspections", "show", inspection_id, "--json").stdout)
    line = next(r for r in shown["results"] if r["criterion"] == "ZCGD-06")
    assert (line["outcome"], line["instances"], line["location"]) == ("fail", 2, "3栋2单元一楼")


def test_a_wrong_password_is_a_clear_refusal(demo_dir):
    result = run(demo_dir, "--user", "A07", "inspections", "start", "YZ-ZCGD-01",
                 password="wrong")
    assert result.returncode == 2
    assert "wrong password" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_csv_is_refused_with_file_line_and_no_traceback(demo_dir, tmp_path):
    path = sites_csv(tmp_path, [site_line("N-1"), site_line("N-2", gps="abc,def")])
    result = run(demo_dir, "--user", "O01", "sites", "import", str(path), password="demo-pass")
    assert result.returncode == 2
    assert f"{path}, line 3" in result.stderr and "GPS" in result.stderr
    assert "Traceback" not in result.stderr
    assert "N-1" not in run(demo_dir, "sites", "list").stdout


def test_audit_verify_passes_then_catches_tampering(demo_dir, tmp_path):
    import shutil
    import sqlite3

    copy = tmp_path / "copy"
    shutil.copytree(demo_dir, copy)
    assert json.loads(run(copy, "audit", "verify", "--json").stdout)["ok"] is True
    conn = sqlite3.connect(copy / "civicaudit.db")
    conn.execute("UPDATE audit_event SET detail = '{}' WHERE seq = 10")
    conn.commit()
    conn.close()
    result = run(copy, "audit", "verify")
    assert result.returncode == 1
    assert "event 10 was altered" in result.stdout


def test_a_newer_database_is_refused_by_the_cli(tmp_path):
    import sqlite3

    assert run(tmp_path, "sites", "list").returncode == 0
    conn = sqlite3.connect(tmp_path / "civicaudit.db")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = run(tmp_path, "sites", "list")
    assert result.returncode == 2 and "newer version" in result.stderr


def test_a_bad_month_is_refused_by_the_parser(tmp_path):
    result = run(tmp_path, "score", "--by", "district", "--month", "2026-13")
    assert result.returncode == 2 and "2026-13" in result.stderr


def test_this_months_district_ranking_names_all_six_demo_districts(demo_dir):
    month = clock.office_today()[:7]  # the office's month, as the demo's
    result = run(demo_dir, "--user", "O01", "rank", "--by", "district", "--month", month,
                 "--json", password="demo-pass")
    assert result.returncode == 0, result.stderr
    lines = json.loads(result.stdout)
    assert {x["name"] for x in lines} == {"小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区",
                                          "晋源区"}
    ranked = [x for x in lines if x["rank"] is not None]
    assert lines[:len(ranked)] == ranked  # the districts not inspected this month come last
    assert all(not x["inspected"] and x["score_rate"] is None for x in lines[len(ranked):])


def test_photos_add_returns_before_the_previews_which_are_made_when_needed(demo_dir, tmp_path):
    """``photos add`` stores the originals and thumbnails and returns; the 1600 px previews
    are not on its path (the window makes them later, a viewer or a notice when it needs
    one), and nothing is lost: the preview is made from the stored original."""
    import datetime as dt

    from model.photos import media
    from tests.helpers import make_jpeg
    from usecases.services import Services

    inspection = json.loads(run(demo_dir, "--user", "A07", "inspections", "start",
                                json.loads(run(demo_dir, "sites", "list", "--json").stdout)[0]
                                ["code"], "--json", password="demo-pass").stdout)["id"]
    photo = make_jpeg(tmp_path / "p.jpg", dt.datetime.now(), size=(2000, 1500))
    added = run(demo_dir, "--user", "A07", "photos", "add", inspection, str(photo), "--json",
                password="demo-pass")
    assert added.returncode == 0, added.stderr
    sha = json.loads(added.stdout)[0]["sha256"]
    services = Services.open(demo_dir)
    try:
        assert media.original_path(services.store, sha).exists()
        assert media.thumbnail_path(services.store, sha).exists()
        assert not media.preview_path(services.store, sha).exists()
        services.login("A07", "demo-pass")
        [record] = services.photos.of(inspection)
        preview = services.photos.preview(record.id)
        assert preview == media.preview_path(services.store, sha) and preview.exists()
    finally:
        services.close()


def test_output_into_a_closed_pipe_is_no_bug(demo_dir):
    """``main.py sites list | head -1``: the reader goes away; the command stops quietly
    instead of reporting an unexpected error."""
    import os
    import subprocess
    import sys

    from tests.cli.runner import ROOT

    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with a broken pipe
    try:
        done = subprocess.run([sys.executable, "main.py", "sites", "list"], cwd=ROOT,
                              env={**os.environ, "CIVICAUDIT_DATA_DIR": str(demo_dir)},
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert "unexpected error" not in done.stderr, done.stderr
    assert done.returncode == 0
