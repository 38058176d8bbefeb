"""Fixtures of the kill tests: the demo city, made once per session and copied per run."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_store(demo_made_by_cli) -> Path:
    """A data directory with the demo city (``main.py demo``, made once per test process for
    the CLI tests too); copy it, never change it."""
    return demo_made_by_cli
