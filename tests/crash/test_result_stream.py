"""(a) A stream of result changes, killed at random: nothing reported as stored is lost.

``inspections record-batch`` records 150 changes to an in-progress inspection
of the demo city, printing ``stored …`` after each commit. The process is SIGKILLed
after a random delay or the moment its Nth ``stored`` line arrives. The database must
then hold exactly the stream applied up to the last reported line, or one line further
(the change committed just before its line was printed) — never anything else; the
roll-up tallies must equal a recount; the audit chain must verify; and feeding the
unreported rest of the stream to a new run must end exactly where an uninterrupted run ends.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.crash import checks
from tests.crash.harness import (
    SEED,
    Kills,
    Landings,
    Running,
    case_rng,
    cli,
    copy_store,
    needs_sigkill,
    poll,
    run_until,
)

pytestmark = needs_sigkill

SCENARIO = "results"
KILLS, CHANGES = 20, 150
LANDINGS = Landings(SCENARIO)
State = dict[str, tuple[str, int]]  # criterion → (outcome, instances)


@dataclass(frozen=True)
class Stream:
    """The inspection, the changes to feed it, and what an uninterrupted run does."""

    store: Path
    inspection: str
    auditor: str  # staff number of the inspection's auditor (the demo's password is "demo-pass")
    lines: list[tuple[str, str, int]]
    base: State
    final_rows: list[tuple]
    first_line_at: float
    last_line_at: float

    def text(self, start: int = 0) -> str:
        """Lines ``start``… as the command reads them (instances given for failures, and
        sometimes as 0 for the others, which means none)."""
        return "".join(f"{code},{outcome},{instances}\n" if outcome == "fail" or index % 7 == 0
                       else f"{code},{outcome}\n"
                       for index, (code, outcome, instances) in enumerate(self.lines)
                       if index >= start)

    def state_after(self, count: int) -> State:
        """The inspection's results once the first ``count`` changes are stored."""
        state = dict(self.base)
        for code, outcome, instances in self.lines[:count]:
            state[code] = (outcome, instances)
        return state


def _state(conn: sqlite3.Connection, inspection: str) -> State:
    return {code: (outcome, instances) for code, outcome, instances in conn.execute(
        "SELECT criterion_code, outcome, instances FROM result WHERE inspection_id = ?",
        [inspection])}


def _rows(data_dir: Path, inspection: str) -> list[tuple]:
    conn = checks.connect(data_dir)
    try:
        return conn.execute(
            "SELECT criterion_code, outcome, instances, location, note, updated_by FROM result "
            "WHERE inspection_id = ? ORDER BY criterion_code", [inspection]).fetchall()
    finally:
        conn.close()


def _batch(stream: Stream, source: Path | None = None) -> list[str]:
    """The command line of ``record-batch`` (standard input, or ``--from`` a file)."""
    return ["--user", stream.auditor, "inspections", "record-batch", stream.inspection,
            *(["--from", str(source)] if source else [])]


@pytest.fixture(scope="module")
def stream(demo_store, tmp_path_factory) -> Stream:
    """The demo's first inspection in progress, a seeded stream of changes over its criteria,
    and the final rows and timing of an uninterrupted run."""
    conn = checks.connect(demo_store)
    try:
        inspection, auditor, site_type, edition = conn.execute(
            "SELECT i.id, p.staff_no, i.site_type, i.edition_hash FROM inspection i JOIN "
            "profile p ON p.id = i.auditor_id WHERE i.status = 'in_progress' "
            "ORDER BY i.started_at, i.id").fetchone()
        codes = [code for (code,) in conn.execute(
            "SELECT code FROM criterion WHERE edition_hash = ? AND site_type = ? "
            "ORDER BY position", [edition, site_type])]
        base = _state(conn, inspection)
    finally:
        conn.close()
    rng = case_rng(SCENARIO, -1)
    lines = []
    for _ in range(CHANGES):
        outcome = rng.choice(("pass", "pass", "fail", "na"))
        lines.append((rng.choice(codes), outcome, rng.randint(1, 5) if outcome == "fail" else 0))
    reference = copy_store(demo_store, tmp_path_factory.mktemp("results") / "reference")
    partial = Stream(demo_store, inspection, auditor, lines, base, [], 0.0, 0.0)
    running = Running(reference, *_batch(partial), stdin=partial.text())
    assert running.wait() == 0, running.stderr
    stored = [at for at, line in running.lines if line.startswith("stored ")]
    assert len(stored) == CHANGES, running.text()[-3:]
    final_rows = _rows(reference, inspection)
    assert {row[0]: (row[1], row[2]) for row in final_rows} == partial.state_after(CHANGES)
    return Stream(demo_store, inspection, auditor, lines, base, final_rows, stored[0],
                  stored[-1])


def _killer(stream: Stream, case: int):
    """One of three ways to pick the moment: at the Nth ``stored`` line; after a random
    delay from the start, over the measured stream; or a random delay after the first
    ``stored`` line (start-up time varies more than the stream does)."""
    rng = case_rng(SCENARIO, case)
    mode = rng.choices((0, 1, 2), weights=(2, 1, 2))[0]
    # a run may go faster than the measured one: aim at the first four fifths of the stream
    span = 0.8 * (stream.last_line_at - stream.first_line_at)
    if mode == 0:
        nth = rng.randint(1, CHANGES)
        return f"at stored line {nth}", (lambda count, line: count >= nth), lambda run: None
    if mode == 1:
        delay = rng.uniform(stream.first_line_at, stream.first_line_at + span)
        return f"after {delay:.3f} s", None, lambda run: run.kill_after(delay)
    delay = rng.uniform(0, span)

    def after_first_line(run: Running) -> None:
        poll(lambda: bool(run.lines), run)
        run.kill_after(run.elapsed() + delay)
    return f"{delay:.3f} s after the first stored line", None, after_first_line


@pytest.fixture(scope="module")
def kills(stream, tmp_path_factory) -> Kills:
    """Every kill case, run (two at a time) and checked."""
    return Kills(KILLS, lambda case: _kill_and_check(
        stream, case, tmp_path_factory.mktemp(f"results-{case}")))


@pytest.mark.parametrize("case", range(KILLS))
def test_a_killed_stream_keeps_every_reported_change(kills, case):
    kills.check(case)


def _kill_and_check(stream: Stream, case: int, tmp_path: Path) -> None:
    work = copy_store(stream.store, tmp_path / "data")
    plan, on_line, kill = _killer(stream, case)
    running = run_until(work, *_batch(stream), kill=kill,
                        stdin=stream.text(), on_line=on_line)
    output = running.text()
    where = f"seed {SEED}, case {case}, kill planned {plan}, {running.moment()}"
    assert not running.left_behind, f"{where}: what it started outlived the killed program"
    reported = [line.split() for line in output if line.startswith("stored ")]
    for index, (_word, code, outcome, instances) in enumerate(reported):
        assert (code, outcome, int(instances)) == stream.lines[index], where
    done = any(line.startswith("done: ") for line in output)

    assert checks.problems(work) == [], where
    conn = checks.connect(work)
    try:
        state = _state(conn, stream.inspection)
    finally:
        conn.close()
    reported_count = len(reported)
    landed = [count for count in (reported_count, reported_count + 1)
              if count <= CHANGES and state == stream.state_after(count)]
    assert landed, (f"{where}: the results are not the stream applied up to the last "
                    f"reported line ({reported_count}) or one further")
    if done or running.ended_by_itself:
        LANDINGS.record(case, "after")
    else:
        LANDINGS.record(case, "before" if landed[0] == 0 else "mid")

    source = tmp_path / "rest.txt"
    source.write_text(stream.text(start=reported_count), encoding="utf-8")
    rerun = cli(work, *_batch(stream, source))
    assert rerun.returncode == 0, f"{where}: {rerun.stderr}"
    rest = [line for line in rerun.stdout.splitlines() if line.startswith("stored ")]
    assert len(rest) == CHANGES - reported_count, where
    assert _rows(work, stream.inspection) == stream.final_rows, where
    assert checks.problems(work) == [], where
    if case % 4 == 0:  # the command as a user runs it (the check above is the same code)
        verified = cli(work, "audit", "verify", password=None)
        assert verified.returncode == 0, f"{where}: {verified.stdout}"
    shutil.rmtree(tmp_path)  # a failed case keeps its store, to be looked at


def test_most_kills_landed_mid_stream(kills):
    LANDINGS.assert_mostly_mid(KILLS)
    print(LANDINGS.summary())  # noqa: T201 (the run's record, shown with -s or -rA)
