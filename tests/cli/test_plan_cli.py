"""``plan`` from the command line over the demo city: a sampled month shared out, saved once."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.cli.runner import run
from tests.helpers import copy_of


@pytest.fixture
def demo_dir(demo_made_by_cli, tmp_path):
    """This test's copy of the demo city that ``main.py demo`` made."""
    return copy_of(demo_made_by_cli, tmp_path)


def _plan(data_dir, *args: str, user: str = "O01"):
    return run(data_dir, "--user", user, "plan", "--month", "2027-01", *args, password="demo-pass")


def test_a_sampled_plan_is_shared_out_and_saved_once(demo_dir):
    args = ("--district", "迎泽区", "--district", "小店区", "--sample", "2", "--seed", "5",
            "--auditors", "A07,A08", "--json")
    done = _plan(demo_dir, *args)
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    types = Counter(a["type"] for a in plan["assignments"])
    assert set(types.values()) <= {1, 2} and 2 in types.values()  # 2 per type, fewer if short
    assert {a["district"] for a in plan["assignments"]} <= {"迎泽区", "小店区"}
    assert plan["new"] == len(plan["assignments"]) and plan["already_planned"] == 0
    shares = Counter(a["auditor"] for a in plan["assignments"])
    assert set(shares) == {"A07", "A08"} and abs(shares["A07"] - shares["A08"]) <= 1
    assert plan["shortfalls"] == {t: n for t, n in types.items() if n < 2}
    again = json.loads(_plan(demo_dir, *args).stdout)
    assert (again["new"], again["already_planned"]) == (0, plan["new"])
    assert again["assignments"] == plan["assignments"]  # the same seed draws the same sites


def test_plan_prints_a_table_and_refuses_bad_input_by_name(demo_dir):
    done = _plan(demo_dir, "--district", "晋源区", "--auditors", "A07")
    assert done.returncode == 0, done.stderr
    assert "Plan for 2027-01" in done.stdout and "晋源区" in done.stdout
    unknown = _plan(demo_dir, "--auditors", "A07,Z99")
    assert unknown.returncode == 2 and "Z99" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    nothing = _plan(demo_dir, "--district", "不存在区", "--auditors", "A07")
    assert nothing.returncode == 2 and "No site matches" in nothing.stderr
    auditor = _plan(demo_dir, "--auditors", "A07", user="A07")
    assert auditor.returncode == 2 and "office" in auditor.stderr
    bad_month = run(demo_dir, "--user", "O01", "plan", "--month", "2027-13", "--auditors", "A07",
                    password="demo-pass")
    assert bad_month.returncode != 0 and "2027-13" in bad_month.stderr
