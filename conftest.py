"""Test-wide setup: Qt runs offscreen (without a display Qt would abort the process), and the
programs the tests start keep their compiled bytecode."""

import os
import tempfile
from pathlib import Path

import pytest

# The offscreen plugin's own screen is 800×800, smaller than any the program supports: every
# window would be shrunk to fit it (ui/screen_fit.py). The tests get a full-HD screen instead;
# tests/ui/test_screen_fit.py opens the windows on the small ones. (Qt splits the platform's
# arguments at ':', so the file is named from the root of its drive.)
SCREEN = Path(__file__).resolve().parent / "tests" / "offscreen-screen.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = ("offscreen:configfile=/"
                                     + SCREEN.relative_to(SCREEN.anchor).as_posix())

# About 220 tests start main.py or a benchmark. With PYTHONDONTWRITEBYTECODE set (as on the
# development machines) every one of those processes compiled each of our modules again, a
# third of its start. They, and the xdist workers, share one bytecode cache outside the tree
# instead; Python checks every cached file against its source, so edits are seen at once.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ.setdefault("PYTHONPYCACHEPREFIX",
                      str(Path(tempfile.gettempdir()) / "civicaudit-test-pycache"))


# How `-n auto` shares the tests out (`--dist loadgroup`, see below). Each module runs on one
# worker, so its module-scoped fixtures are made once (a kill test's module fixture runs
# every kill case of its module). These files share only session fixtures: their tests are
# spread over the workers one by one.
SPREAD = ("test_bench_smoke.py", "test_corpus.py")
# Workers take modules in this order: the long ones first, so none is left for the end on one
# worker; the many short corpus cases last, to even out the end.
FIRST, LAST = ("test_bench_smoke.py", "crash", "cli"), ("test_corpus.py",)
TESTS = Path(__file__).resolve().parent / "tests"


def pytest_configure(config):
    """With ``-n``, share the tests out by the groups and in the order given below, unless
    ``--dist`` says otherwise (set here, not in addopts: runs without ``-n`` stay as they are;
    the workers' scheduler is made after this)."""
    if hasattr(config, "workerinput"):  # a worker: group as its controller does
        config.option.loadgroup = config.workerinput.get("civicaudit_dist") == "loadgroup"
        return
    chosen = any(arg.startswith(("--dist", "-d")) for arg in config.invocation_params.args)
    # pytest-xdist has already turned -n's default "no" into "load"
    if getattr(config.option, "numprocesses", None) and not chosen:
        config.option.dist = "loadgroup"
        config.option.loadscopereorder = False


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one worker more than the cores. About 220 tests start the program or a
    benchmark and wait for it while it runs on a core of its own, so as many workers as cores
    left a core idle a tenth of the time (2 cores: 6 min 58 s with two workers, 5 min 55 s
    with three, 2026-12-07)."""
    return (os.cpu_count() or 1) + 1


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """Tell each worker how its controller shares the tests out (it names its groups then)."""
    node.workerinput["civicaudit_dist"] = node.config.option.dist


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    """Group each module's tests for the workers, the long modules first (see SPREAD)."""
    def place(item) -> str:
        return Path(item.fspath).relative_to(TESTS).parts[0]

    def rank(item) -> int:
        where = place(item)
        return FIRST.index(where) if where in FIRST else len(FIRST) + (where in LAST)

    for item in items:
        if place(item) not in SPREAD:
            module = Path(item.fspath).relative_to(TESTS).with_suffix("")
            item.add_marker(pytest.mark.xdist_group(str(module)))
    items.sort(key=rank)
