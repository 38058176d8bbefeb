"""Fixtures of the kill tests: the demo city, made once per session and copied per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.crash.harness import cli


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    """A data directory with the demo city (``main.py demo``); copy it, never change it."""
    data_dir = tmp_path_factory.mktemp("crash-demo") / "data"
    loaded = cli(data_dir, "demo", password=None)
    assert loaded.returncode == 0, loaded.stderr
    return data_dir
