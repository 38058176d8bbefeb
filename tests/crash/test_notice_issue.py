"""(d) Issuing notices one inspection after another, each issue killed at random.

Each of two copies of the demo city is carried through its half of the cases in a row,
so the numbers of every kill accumulate: ``--user AUDITOR notice create INSPECTION --out
FILE`` is SIGKILLed after a random delay over the measured issue, or at a random moment
after its number was reserved. Then no two notices share a number; an auditor's serials of
a year are unique and increase in the order the notices were reserved, none above the counter;
an issued notice's PDF in the data directory is there with its recorded sha256; a
reserved or void one claims no PDF; the ``--out`` file is absent or the whole signed PDF.

The reservation a kill leaves stays ``reserved`` while it is fresh (the next run may not
void an issue still under way in another window) and becomes ``void`` once stale, keeping
its number (``notices.void_stale``, run at every open; here its clock is moved on instead
of waiting ten minutes). It does not block the inspection: the rerun issues its notice at
once, with a new, higher number. A kill that came after the notice was recorded leaves
only the ``--out`` copy to make, which ``notice export`` does.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from model.notices import notices
from model.store import clock, db
from tests.crash import checks
from tests.crash.harness import (
    DB_FILE,
    SEED,
    Kills,
    Landings,
    Running,
    case_rng,
    cli,
    copy_store,
    count_rows,
    needs_sigkill,
    poll,
    sha256_file,
)

pytestmark = needs_sigkill

SCENARIO = "notices"
KILLS, CHAINS = 10, 2  # case k goes to chain k % 2, in the order of k
LANDINGS = Landings(SCENARIO)
LEFT: dict[int, list[str]] = {}  # temporary files left beside --out and in notices/
UNCLAIMED: dict[int, int] = {}  # signed PDFs in notices/ of void notices (none claims them)
SERIAL = re.compile(r"〔(\d{4})〕(\w+)-(\d+)号$")
COUNT_NOTICES = "SELECT count(*) FROM notice"


@dataclass
class Desk:
    """The store the notices are issued in, one auditor's failed inspections, the timing."""

    store: Path
    out: Path
    auditor: str  # staff number (the demo's password is "demo-pass")
    inspections: list[str]
    reserved_at: float = 0.0
    issued_at: float = 0.0


def _create(auditor: str, inspection: str, out: Path) -> list[str]:
    return ["--user", auditor, "notice", "create", inspection, "--out", str(out)]


@pytest.fixture(scope="module")
def desks(demo_store, tmp_path_factory) -> list[Desk]:
    """Two desks, each a chain of kills in a row on its own copy of the demo city."""
    return [_desk(demo_store, tmp_path_factory.mktemp(f"notices-{chain}"))
            for chain in range(CHAINS)]


def _desk(demo_store: Path, base: Path) -> Desk:
    """A copy of the demo city, one uninterrupted issue in it (for the timing) and the
    finished inspections with failures and no notice yet of one auditor, for the kills."""
    store = copy_store(demo_store, base / "data")
    conn = checks.connect(store)
    try:
        rows = conn.execute(
            "SELECT p.staff_no, i.id FROM inspection i JOIN profile p ON p.id = i.auditor_id "
            "WHERE p.role = 'auditor' AND i.status = 'finished' AND EXISTS (SELECT 1 FROM "
            "result r WHERE r.inspection_id = i.id AND r.outcome = 'fail') AND NOT EXISTS ("
            "SELECT 1 FROM notice n WHERE n.inspection_id = i.id) "
            "ORDER BY p.staff_no, i.started_at DESC, i.id").fetchall()
    finally:
        conn.close()
    auditor = rows[0][0]
    candidates = [inspection for staff_no, inspection in rows if staff_no == auditor]
    assert len(candidates) > KILLS // CHAINS
    found = Desk(store, base / "out", auditor, candidates[1:KILLS // CHAINS + 1])
    before = count_rows(store / DB_FILE, COUNT_NOTICES)
    running = Running(store, *_create(auditor, candidates[0], found.out / "reference.pdf"))
    found.reserved_at = poll(lambda: count_rows(store / DB_FILE, COUNT_NOTICES) > before,
                             running)
    assert running.wait() == 0, running.stderr
    found.issued_at = running.lines[0][0]
    return found


def _kill(desk: Desk, case: int, running: Running, before: int) -> str:
    """Kill after a random delay from the start, or a random delay after the reservation
    (``before``: how many notices there were before this run)."""
    rng = case_rng(SCENARIO, case)
    # a run may go faster than the measured one: aim at the first four fifths of the issue
    span = 0.8 * (desk.issued_at - desk.reserved_at)
    if rng.random() < 1 / 3:
        delay = rng.uniform(desk.reserved_at * 0.9, desk.reserved_at + span)
        running.kill_after(delay)
        return f"after {delay:.3f} s"
    reserved = poll(lambda: count_rows(desk.store / DB_FILE, COUNT_NOTICES) > before, running)
    delay = rng.uniform(0, span)
    running.kill_after(reserved + delay)
    return f"{delay:.3f} s after the reservation was seen"


def _notices(data_dir: Path) -> list[dict]:
    conn = checks.connect(data_dir)
    conn.row_factory = lambda cursor, row: {c[0]: v for c, v in zip(cursor.description, row,
                                                                       strict=True)}
    try:
        return conn.execute("SELECT rowid, id, number, inspection_id, status, pdf_sha256 "
                            "FROM notice ORDER BY rowid").fetchall()
    finally:
        conn.close()


def _number_problems(data_dir: Path) -> list[str]:
    """Numbers shared, serials out of order or beyond the counter, PDFs claimed wrongly."""
    rows, found = _notices(data_dir), []
    numbers = [row["number"] for row in rows]
    if len(set(numbers)) != len(numbers):
        found.append(f"numbers shared: {sorted(n for n in numbers if numbers.count(n) > 1)}")
    serials: dict[tuple[str, str], list[int]] = {}
    for number in numbers:
        year, code, serial = SERIAL.search(number).groups()
        serials.setdefault((year, code), []).append(int(serial))
    conn = checks.connect(data_dir)
    try:
        counters = {(str(y), c): last for y, c, last in conn.execute(
            "SELECT year, code, last FROM notice_serial")}
    finally:
        conn.close()
    for key, taken in serials.items():
        if taken != sorted(set(taken)):
            found.append(f"serials of {key} not increasing in issue order: {taken}")
        if taken[-1] > counters.get(key, 0):
            found.append(f"serial {taken[-1]} of {key} is above its counter {counters.get(key)}")
    for row in rows:
        pdf = data_dir / "notices" / f"{row['id']}.pdf"
        if row["status"] in ("reserved", "void"):
            if row["pdf_sha256"]:
                found.append(f"{row['number']} is {row['status']} but claims a PDF")
        elif not pdf.is_file() or sha256_file(pdf) != row["pdf_sha256"]:
            found.append(f"{row['number']} is {row['status']}: its PDF is missing or altered")
    return found


def _issued_for(data_dir: Path, inspection: str) -> list[dict]:
    return [row for row in _notices(data_dir)
            if row["inspection_id"] == inspection and row["status"] not in ("reserved", "void")]


def _serial(number: str) -> int:
    return int(SERIAL.search(number).group(3))


@pytest.fixture(scope="module")
def kills(desks) -> Kills:
    """Every kill case, run and checked: each chain in its order, the two side by side."""
    return Kills(KILLS, lambda case: _kill_and_check(desks[case % CHAINS], case),
                 chains=[list(range(chain, KILLS, CHAINS)) for chain in range(CHAINS)])


@pytest.mark.parametrize("case", range(KILLS))
def test_a_killed_issue_never_reuses_a_number_nor_leaves_half_a_pdf(kills, case):
    kills.check(case)


def _kill_and_check(desk: Desk, case: int) -> None:
    inspection, out = desk.inspections[case // CHAINS], desk.out / f"notice-{case}.pdf"
    before = _notices(desk.store)
    running = Running(desk.store, *_create(desk.auditor, inspection, out))
    plan = _kill(desk, case, running, len(before))
    running.wait()
    where = f"seed {SEED}, case {case}, kill planned {plan}, {running.moment()}"
    assert not running.left_behind, f"{where}: what it started outlived the killed program"
    assert checks.problems(desk.store) == [], where
    assert _number_problems(desk.store) == [], where
    new = _notices(desk.store)[len(before):]
    assert len(new) <= 1, where
    issued = _issued_for(desk.store, inspection)
    if out.exists():
        assert issued and sha256_file(out) == issued[0]["pdf_sha256"], (
            f"{where}: {out} is there but is not the recorded signed PDF")
    if running.lines or running.ended_by_itself:
        LANDINGS.record(case, "after")
    else:
        LANDINGS.record(case, "mid" if new else "before")

    if issued:  # recorded before the kill: only the copy to --out may be missing
        exported = cli(desk.store, "notice", "export", issued[0]["number"], "--out", str(out))
        assert exported.returncode == 0, f"{where}: {exported.stderr}"
    else:
        rerun = cli(desk.store, *_create(desk.auditor, inspection, out))
        assert rerun.returncode == 0, f"{where}: {rerun.stderr}"
        issued = _issued_for(desk.store, inspection)
        assert len(issued) == 1, where
        earlier = [_serial(r["number"]) for r in _notices(desk.store)[:-1]
                   if f"{desk.auditor}-" in r["number"]]
        assert _serial(issued[0]["number"]) > max(earlier), (
            f"{where}: the rerun's number {issued[0]['number']} is not above {max(earlier)}")
    assert sha256_file(out) == issued[0]["pdf_sha256"], where
    if new and new[0]["status"] == "reserved":
        _assert_voided_once_stale(desk.store, new[0], where)
    assert _number_problems(desk.store) == [], where
    assert checks.problems(desk.store) == [], where
    LEFT[case] = sorted(p.name for p in (*desk.out.iterdir(), *(desk.store / "notices").iterdir())
                        if p.name.endswith(".part"))
    UNCLAIMED[case] = sum((desk.store / "notices" / f"{row['id']}.pdf").exists()
                          for row in _notices(desk.store) if row["status"] == "void")


def _assert_voided_once_stale(data_dir: Path, reservation: dict, where: str) -> None:
    """The rerun's open left the fresh reservation alone; ten minutes on, an open voids it."""
    assert _status(data_dir, reservation["id"]) == "reserved", (
        f"{where}: a fresh reservation was voided at once")
    store = db.open_store(data_dir)
    try:
        voided = notices.void_stale(store, clock.now() + notices.STALE_RESERVATION * 1.1)
    finally:
        store.close()
    assert voided == 1, where
    assert _status(data_dir, reservation["id"]) == "void", where


def _status(data_dir: Path, notice_id: str) -> str:
    conn = checks.connect(data_dir)
    try:
        return conn.execute("SELECT status FROM notice WHERE id = ?", [notice_id]).fetchone()[0]
    finally:
        conn.close()


def test_most_kills_landed_mid_issue(kills, desks):
    LANDINGS.assert_mostly_mid(KILLS)
    print(LANDINGS.summary(), "; temporary files left:", LEFT,  # noqa: T201
          "; PDFs of void notices:", UNCLAIMED)
    for desk in desks:
        shutil.rmtree(desk.out, ignore_errors=True)
