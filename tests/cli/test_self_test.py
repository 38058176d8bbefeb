"""The installation self-test (``--self-test``), run from source as the frozen bundle runs it."""

from __future__ import annotations

import io

import pytest

from cli.self_test import SelfTest, SelfTestError
from cli.self_test import run as run_model_half
from tests.cli.runner import run

STEPS = ("migrate a fresh store", "read the office's time zone", "load the demo city",
         "ingest a photo",
         "issue a signed notice", "verify the notice",
         "export a bundle and import it at the office",
         "write the office's bulletin and workbook", "draw the main window offscreen",
         "render the notice with QtPdf", "make a chart with QtCharts",
         "load the camera's media backend")


def test_the_self_test_does_the_real_work_and_passes(tmp_path):
    result = run(tmp_path / "data", "--data-dir", str(tmp_path / "data"), "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0].split(maxsplit=1)[1] for line in lines[:-1]] == list(STEPS)
    assert all(line.startswith("ok ") for line in lines[:-1])
    assert lines[-1].endswith("self-test passed")
    assert (tmp_path / "data" / "self-test" / "office" / "civicaudit.db").is_file()


def test_a_failing_step_is_named_and_stops_the_run(tmp_path):
    out = io.StringIO()
    test = SelfTest(tmp_path, out)

    def broken() -> str:
        raise SelfTestError("the font is missing")
    assert not test.step("draw", broken)
    assert test.step("count", lambda: "3 things")
    assert test.failures == ["draw"]
    assert out.getvalue().splitlines()[0] == "FAILED  draw: SelfTestError: the font is missing"


def test_the_self_test_refuses_a_folder_with_data_in_it(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(SelfTestError, match="not empty"):
        run_model_half(tmp_path, io.StringIO())
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
