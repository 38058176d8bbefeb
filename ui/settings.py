"""Every user-interface setting, declared once: key, type, default, and upgrades.

Settings live in ``settings.ini`` in the data directory, so a data directory
carries its own preferences and tests never touch the user's. Nothing else
constructs ``QSettings``. Business configuration (deadline presets, numbering,
letterhead) lives in the database instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 1
SETTINGS_FILENAME = "settings.ini"


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    key: str
    type: type
    default: Any
    help: str


LANGUAGE = Setting("ui/language", str, "zh_CN", "zh_CN or en; applies at the next start")
LARGE_TEXT = Setting("ui/large_text", bool, False, "large text, high contrast (sunlight)")
IDLE_LOCK_MINUTES = Setting("ui/idle_lock_minutes", int, 10, "lock after this idle time; 0 = never")
ADVANCE_AFTER_MARK = Setting("ui/advance_after_mark", bool, True,
                             "after a pass or not-applicable mark, go to the next unanswered "
                             "criterion (a fail stays for its count, location and note)")
CRITERION_GLOSS = Setting("ui/criterion_gloss", bool, False,
                          "under each criterion, its text in the other language too (the "
                          "English under the Chinese; in the English UI, the Chinese)")
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(), "main window geometry")
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray(), "docks and toolbars")
OPEN_INSPECTION = Setting("session/open_inspection", str, "",
                          "profile id and the inspection it had open at exit")
CURSOR = Setting("session/cursor", str, "",
                 "inspection, criterion and field (list, location or note) the cursor was in")
ALL = (LANGUAGE, LARGE_TEXT, IDLE_LOCK_MINUTES, ADVANCE_AFTER_MARK, CRITERION_GLOSS, GEOMETRY,
       WINDOW_STATE, OPEN_INSPECTION, CURSOR)


class Settings:
    """Typed access to the declared settings of one data directory."""

    def __init__(self, data_dir: Path):
        self._qsettings = QSettings(str(Path(data_dir) / SETTINGS_FILENAME),
                                    QSettings.Format.IniFormat)
        self._upgrade()

    def get(self, setting: Setting) -> Any:
        """Return a setting's value, or its default when unset or unreadable."""
        value = self._qsettings.value(setting.key, setting.default)
        if setting.type is bool and isinstance(value, str):
            return value.lower() in ("true", "1")
        try:
            return setting.type(value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        """Store a setting's value (written to disk at once)."""
        self._qsettings.setValue(setting.key, value)
        self._qsettings.sync()

    def _upgrade(self) -> None:
        """Bring settings written by an older version up to :data:`SETTINGS_VERSION`."""
        stored = int(self._qsettings.value("meta/version", 0) or 0)
        if stored < SETTINGS_VERSION:
            self._qsettings.setValue("meta/version", SETTINGS_VERSION)
            self._qsettings.sync()
