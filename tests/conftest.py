"""Shared fixtures: fresh data directories, an open store, signed-in services."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import pytest

from model.people import keyseal, profiles
from model.people.profiles import Role
from model.store import clock
from usecases.services import Services

# Password hashes and sealed keys at the shipped scrypt cost (n = 2**15: ~0.12 s and 32 MB a
# hash here) took more than half the CPU of the tests that run in this process (2,117 hashes,
# 258 s of 450 s for tests/model, ui and reports). In this process they use n = 2**10: the
# same code, salts, checks and refusals, 32 times cheaper. The program itself, every process
# the tests start (the CLI, the crash harness, the corpus, the benches) and every store those
# made keep the shipped cost, which tests/model/test_profiles.py checks in a fresh process.
SHIPPED_SCRYPT_N = profiles.SCRYPT_N
TEST_SCRYPT_N = 2**10
profiles.SCRYPT_N = keyseal.SCRYPT_N = TEST_SCRYPT_N


@contextlib.contextmanager
def shipped_scrypt_cost():
    """Hash and seal at the program's own cost inside the block: for what a test writes here
    and a process it starts then reads (which refuses keys sealed more weakly)."""
    profiles.SCRYPT_N = keyseal.SCRYPT_N = SHIPPED_SCRYPT_N
    try:
        yield
    finally:
        profiles.SCRYPT_N = keyseal.SCRYPT_N = TEST_SCRYPT_N

PASSWORD = "secret-pass"
TESTS = Path(__file__).resolve().parent
# Tests that start the program (main.py) or a benchmark as a process of its own: the slow
# part of the suite. `python -m pytest -m "not processes"` leaves them out.
PROCESS_PLACES = ("cli", "crash", "test_corpus.py", "test_bench_smoke.py")


def pytest_addoption(parser):
    """``--screenshot DIR``: the window-by-window journeys save a picture of every step."""
    parser.addoption("--screenshot", metavar="DIR", type=Path, default=None,
                     help="save a PNG of every step of the window-by-window tests into DIR")


def pytest_collection_modifyitems(items):
    """Mark the tests that start the program in processes of their own (see PROCESS_PLACES)."""
    for item in items:
        if Path(item.fspath).relative_to(TESTS).parts[0] in PROCESS_PLACES:
            item.add_marker(pytest.mark.processes)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Never touch the user's data directory, even by accident."""
    monkeypatch.setenv("CIVICAUDIT_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("CIVICAUDIT_PASSWORD", raising=False)
    yield
    clock.set_fixed(None)
    clock.set_zone(clock.DEFAULT_ZONE)


@pytest.fixture(params=["UTC", "Asia/Shanghai"])
def computer_zone(request):
    """Run the test with this computer set to UTC, then to Beijing time (``TZ``, ``tzset``).

    The office's zone, not the computer's, decides every printed time; a test taking this
    fixture shows that it does.
    """
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def services(data_dir):
    """Services over a fresh store with the shipped checklist, nobody signed in."""
    opened = Services.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def office(services):
    """Services signed in as an office profile."""
    services.people.create("王建国", "O01", Role.OFFICE, PASSWORD, "创城办")
    services.login("O01", PASSWORD)
    return services


@pytest.fixture
def auditor_services(office):
    """Services signed in as an auditor (an office profile also exists)."""
    office.people.create("李明", "A07", Role.AUDITOR, PASSWORD, "督查一组")
    office.login("A07", PASSWORD)
    return office


@pytest.fixture(scope="session")
def sync_world_built(tmp_path_factory):
    """The office and two enrolled laptops of :mod:`tests.model.sync_world`, built once per
    test process with the real use cases and closed; its ``world`` fixture gives each test a
    copy. Never change it."""
    from tests.model import sync_world

    root = tmp_path_factory.mktemp("sync-world")
    for _ in sync_world.build(root):
        pass  # built, then closed
    return root


@pytest.fixture(scope="session")
def demo_made_by_cli(tmp_path_factory):
    """A data directory where ``main.py demo`` loaded the demo city and issued its notices,
    once per run (``made_once``), for the CLI tests and the kill tests alike; tests take copies
    (``tests.helpers.copy_of``). Never change it."""
    from tests.cli.runner import run
    from tests.helpers import made_once

    def build(data_dir: Path) -> None:
        result = run(data_dir, "demo")
        assert result.returncode == 0, result.stderr
    return made_once(tmp_path_factory, "demo", build)
