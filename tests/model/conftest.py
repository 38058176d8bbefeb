"""Fixtures the model tests share across modules."""

from __future__ import annotations

import pytest

from tests.model import sync_world


@pytest.fixture(scope="session")
def sync_world_built(tmp_path_factory):
    """The office and two enrolled laptops of :mod:`tests.model.sync_world`, built once per
    test process with the real use cases and closed; ``world`` gives each test a copy. Never
    change it."""
    root = tmp_path_factory.mktemp("sync-world")
    for _ in sync_world.build(root):
        pass  # built, then closed
    return root
