"""Folders the windows suggest: ones that exist."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def default_folder() -> Path:
    """Where office files go unless chosen: Documents, made when it does not exist yet (a
    new account has none on some systems), else the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents:
        try:
            Path(documents).mkdir(parents=True, exist_ok=True)
            return Path(documents)
        except OSError:
            pass
    return Path.home()
