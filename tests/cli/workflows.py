"""Shared CLI workflows: an office and an auditor's laptop set up for signing, an inspection."""

from __future__ import annotations

from tests.cli.runner import run

OFFICE_PW, AUDITOR_PW = "office-pass", "auditor-pass"


def finished_inspection(laptop, tmp_path, fails: list[str]) -> str:
    """A07 inspects site YZ-9 on the laptop: ``fails`` failed, ZCGD-03 passed, finished."""
    started = run(laptop, "--user", "A07", "inspections", "start", "YZ-9", password=AUDITOR_PW)
    assert started.returncode == 0, started.stderr
    inspection_id = started.stdout.strip()
    for code in fails:
        run(laptop, "--user", "A07", "inspections", "record", inspection_id, code, "fail",
            "--location", "东门", password=AUDITOR_PW)
    run(laptop, "--user", "A07", "inspections", "record", inspection_id, "ZCGD-03", "pass",
        password=AUDITOR_PW)
    run(laptop, "--user", "A07", "inspections", "finish", inspection_id, password=AUDITOR_PW)
    return inspection_id


