"""Where CivicAudit keeps its data and finds its shipped resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from model.appinfo import APP_NAME

DATA_DIR_ENV = "CIVICAUDIT_DATA_DIR"


def resources_dir() -> Path:
    """Return the folder of shipped resources (inside the frozen bundle when frozen)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[1]))
    return base / "resources"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """Return the data directory: ``override``, else $CIVICAUDIT_DATA_DIR, else the per-user one."""
    if override:
        return Path(override).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(user_data_dir(APP_NAME, appauthor=False))
