"""CLI ``office time-zone`` and ``office set-time-zone``: shown to anyone, set by the office."""

from __future__ import annotations

import json

from tests.cli.runner import run

PW = "office-pass"


def test_the_office_sets_its_zone_and_anyone_reads_it(tmp_path, computer_zone):
    shown = run(tmp_path, "office", "time-zone", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["time_zone"] == "Asia/Shanghai"
    assert json.loads(shown.stdout)["now"].endswith("+08:00")
    for staff_no, role, who in (("O01", "office", ()), ("A07", "auditor", ("--user", "O01"))):
        created = run(tmp_path, *who, "profile", "create", "--name", staff_no, "--staff-no",
                      staff_no, "--role", role, password=PW, new_password=PW)
        assert created.returncode == 0, created.stderr
    refused = run(tmp_path, "--user", "A07", "office", "set-time-zone", "Asia/Urumqi",
                  password=PW)
    assert refused.returncode != 0 and "Only the office" in refused.stderr
    unknown = run(tmp_path, "--user", "O01", "office", "set-time-zone", "Mars/Olympus",
                  password=PW)
    assert unknown.returncode != 0 and "'Mars/Olympus' is not a time zone" in unknown.stderr
    done = run(tmp_path, "--user", "O01", "office", "set-time-zone", "Asia/Urumqi", password=PW)
    assert done.returncode == 0 and "Asia/Urumqi" in done.stdout
    shown = run(tmp_path, "office", "time-zone")
    assert "Office time zone: Asia/Urumqi" in shown.stdout and "+0600" in shown.stdout


def test_the_letterhead_keeps_its_logo_unless_told_to_drop_it(tmp_path):
    from PIL import Image

    from model.notices import letterhead
    from usecases.services import Services

    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 60), (200, 30, 30)).save(logo)
    data = tmp_path / "data"
    assert run(data, "profile", "create", "--name", "王建国", "--staff-no", "O01", "--role",
               "office", password=PW, new_password=PW).returncode == 0

    def letterhead_now(*options: str) -> letterhead.LetterheadSettings:
        done = run(data, "--user", "O01", "notice", "letterhead", "--issuer", "迎泽区创城办",
                   *options, password=PW)
        assert done.returncode == 0, done.stderr
        services = Services.open(data)
        try:
            return letterhead.get(services.store)
        finally:
            services.close()

    assert letterhead_now("--logo", str(logo)).logo_file
    kept = letterhead_now("--clause", "逾期未整改的，纳入月度通报。")
    assert kept.logo_file and kept.clauses == ("逾期未整改的，纳入月度通报。",)
    assert letterhead_now("--no-logo").logo_file == ""
