"""The shipped CJK font, registered with Qt and named explicitly.

The field laptops (and this build machine) may have no CJK font, and
fontconfig's fallback may pick a Japanese face; so the application font is the
shipped Noto Sans CJK SC, by family name.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from model import paths

FONT_FILES = ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf")
log = logging.getLogger(__name__)


def register_fonts(app: QApplication, point_size: int = 10) -> str:
    """Register the shipped fonts, make them the application font and return the family."""
    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(paths.resources_dir() / "fonts" / name))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.error("could not load the shipped font %s", name)
            continue
        family = family or families[0]
    if family:
        app.setFont(QFont(family, point_size))
    return family
