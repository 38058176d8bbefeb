"""Translations: our own strings and Qt's standard dialogs, Chinese by default.

Source strings are English; ``resources/i18n/civicaudit_zh_CN.ts`` holds the
Chinese, compiled to ``.qm`` by ``pyside6-lrelease`` (a test keeps them in step), and
``civicaudit_en.ts`` English's singular and plural of the counted messages.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from model import paths

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
log = logging.getLogger(__name__)


def sentences(*parts: str) -> str:
    """Join translated sentences as their language writes them: nothing after a full-width
    stop (Chinese: "已删除 1 条。其中…"), one space after any other ("Removed 1. Of them…")."""
    text = ""
    for part in filter(None, parts):
        text += part if not text or text.endswith(("。", "！", "？", "；")) else " " + part
    return text


def set_language(app: QApplication, language: str = DEFAULT_LANGUAGE) -> None:
    """Switch the application's translations (windows made afterwards use the new language)."""
    for translator in getattr(app, "_civicaudit_translators", []):
        app.removeTranslator(translator)
    app._civicaudit_translators = install_translators(app, language)


def install_translators(app: QApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Load our and Qt's translations for ``language``; return them (keep them alive)."""
    ours = (f"civicaudit_{language}", str(paths.resources_dir() / "i18n"))
    if language == "en":  # the source is English: only its plurals ("1 site", "2 sites")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        wanted = (ours,)
    else:
        QLocale.setDefault(QLocale(language))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        wanted = ((f"qtbase_{language}", qt_dir), ours)
    installed = []
    for name, folder in wanted:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
    return installed
