"""Settings the auditor changes: language, sunlight mode, idle lock, moving on after a mark,
each criterion in both languages."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from ui import settings as declared
from ui.settings import Settings

LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}


class PreferencesDialog(QDialog):
    """Edits the declared settings; the caller applies what changed."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(settings.get(declared.LANGUAGE))))
        self.large_text = QCheckBox(self.tr("Large text, high contrast (for sunlight)"), self)
        self.large_text.setChecked(settings.get(declared.LARGE_TEXT))
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setValue(settings.get(declared.IDLE_LOCK_MINUTES))
        self.advance_after_mark = QCheckBox(
            self.tr("After a pass or not applicable, go to the next &unanswered criterion"), self)
        self.advance_after_mark.setChecked(settings.get(declared.ADVANCE_AFTER_MARK))
        self.criterion_gloss = QCheckBox(
            self.tr("Show each criterion in both Chinese and &English"), self)
        self.criterion_gloss.setChecked(settings.get(declared.CRITERION_GLOSS))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(QLabel(self.tr("A new language applies when the program starts again."),
                           self))
        form.addRow(self.large_text)
        form.addRow(self.tr("Lock the screen after &idle:"), self.idle_minutes)
        form.addRow(self.advance_after_mark)
        form.addRow(self.criterion_gloss)
        form.addRow(buttons)

    def accept(self) -> None:
        """Store the chosen values."""
        self._settings.set(declared.LANGUAGE, self.language.currentData())
        self._settings.set(declared.LARGE_TEXT, self.large_text.isChecked())
        self._settings.set(declared.IDLE_LOCK_MINUTES, self.idle_minutes.value())
        self._settings.set(declared.ADVANCE_AFTER_MARK, self.advance_after_mark.isChecked())
        self._settings.set(declared.CRITERION_GLOSS, self.criterion_gloss.isChecked())
        super().accept()
