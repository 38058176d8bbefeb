"""The office's notice settings from the windows: the letterhead (issuer, title, fixed
clauses, copies line, logo) and the numbering (prefix and pattern, with a live sample).

What the ``notice letterhead`` and ``notice numbering`` commands set, saved together with
one button. The laptops receive both with the next office bundle.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.errors import UserFacingError
from model.notices import notices
from model.notices.letterhead import LetterheadSettings
from model.store import clock
from ui.dialogs.file_preview import BAD_COLOUR, GOOD_COLOUR
from ui.folders import default_folder
from ui.screen_fit import ScrollingPart, size_to_content
from ui.sync_work import message_label
from usecases.services import Services

LOGO_EDGE = 96  # px: the preview's largest side
SAMPLE_CODE, SAMPLE_SERIAL = "A07", 12  # the sample number's auditor and serial, as the CLI's
# What str.format raises for a pattern it cannot fill: a bad brace or format code (ValueError),
# an unknown name or index (KeyError, IndexError), a field reached into (AttributeError,
# TypeError: "{prefix.x}", "{year[0]}").
PATTERN_ERRORS = (KeyError, ValueError, IndexError, AttributeError, TypeError)


class NoticeSettingsDialog(QDialog):
    """Edit the office's letterhead and notice numbering; save both or neither."""

    settings_saved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._stored = LetterheadSettings()
        self._stored_logo: Path | None = None
        self.setWindowTitle(self.tr("Notice letterhead and numbering"))
        self.setMinimumWidth(640)
        self.issuer_edit = QLineEdit(self)
        self.issuer_edit.setPlaceholderText(LetterheadSettings().issuer)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(LetterheadSettings().title)
        self.clauses_edit = QPlainTextEdit(self)
        self.clauses_edit.setPlaceholderText(self.tr("One clause per line"))
        self.clauses_edit.setTabChangesFocus(True)
        self.copies_edit = QLineEdit(self)
        self.logo_edit = QLineEdit(self)
        self.logo_edit.setPlaceholderText(self.tr("No logo (a PNG or JPEG file)"))
        self.choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.remove_logo_button = QPushButton(self.tr("&Remove logo"), self)
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedHeight(LOGO_EDGE)
        self.prefix_edit = QLineEdit(self)
        self.pattern_edit = QLineEdit(self)
        self.pattern_edit.setPlaceholderText(notices.DEFAULT_PATTERN)
        self.sample_label = QLabel(self)
        self.sample_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sample_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setDefault(True)
        self.message = message_label(self)
        self._build()
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.remove_logo_button.clicked.connect(self.logo_edit.clear)
        self.logo_edit.textChanged.connect(self._on_logo_edit_text_changed)
        self.prefix_edit.textChanged.connect(self._on_numbering_text_changed)
        self.pattern_edit.textChanged.connect(self._on_numbering_text_changed)
        self.save_button.clicked.connect(self.save)
        self.load()
        size_to_content(self)

    def _build(self) -> None:
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(self.choose_button)
        logo_row.addWidget(self.remove_logo_button)
        form = QFormLayout()
        form.addRow(self.tr("Issuer (发文机关)"), self.issuer_edit)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Fixed clauses"), self.clauses_edit)
        form.addRow(self.tr("Copies to (抄送)"), self.copies_edit)
        form.addRow(self.tr("Logo"), logo_row)
        form.addRow("", self.logo_preview)
        form.addRow(self.tr("Number prefix"), self.prefix_edit)
        form.addRow(self.tr("Number pattern"), self.pattern_edit)
        form.addRow(self.tr("Sample number"), self.sample_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.rejected.connect(self.reject)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        help_label = QLabel(self.tr(
            "The pattern takes {prefix}, {year}, {code} (the auditor's staff number) and "
            "{serial:04d}; it must contain {code} and {serial}."), self)
        help_label.setWordWrap(True)
        column.addWidget(help_label)
        column.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addWidget(ScrollingPart(body, self), 1)  # a small screen scrolls, the buttons stay
        layout.addWidget(buttons)

    def load(self) -> None:
        """Show the settings as stored."""
        office = self._services.office
        self._stored, self._stored_logo = office.notice_letterhead(), office.letterhead_logo()
        pattern, prefix = office.notice_numbering()
        self.issuer_edit.setText(self._stored.issuer)
        self.title_edit.setText(self._stored.title)
        self.clauses_edit.setPlainText("\n".join(self._stored.clauses))
        self.copies_edit.setText(self._stored.copies_to)
        self.logo_edit.setText(str(self._stored_logo) if self._stored_logo else "")
        self._on_logo_edit_text_changed(self.logo_edit.text())
        self.prefix_edit.setText(prefix)
        self.pattern_edit.setText(pattern)
        self._on_numbering_text_changed()

    def save(self) -> bool:
        """Store the letterhead and the numbering together; say what happened."""
        if self.sample_number() is None:
            self._say_problem(self.sample_label.text())
            return False
        settings, logo = self._letterhead()
        try:
            self._services.office.set_notice_settings(settings, logo, self._pattern(),
                                                      self.prefix_edit.text().strip())
        except UserFacingError as exc:
            self._say_problem(str(exc))
            return False
        self.load()
        self.message.setText(f"<span style='color:{GOOD_COLOUR}'>" + html.escape(self.tr(
            "Saved: new notices use it; laptops receive it with the next office bundle "
            "(Sync ▸ Export).")) + "</span>")
        self.settings_saved.emit()
        return True

    def sample_number(self) -> str | None:
        """A number the pattern and prefix as typed give, or None when the pattern is broken."""
        try:
            return notices.format_number(self._pattern(), self.prefix_edit.text().strip(),
                                         office_year(), SAMPLE_CODE, SAMPLE_SERIAL)
        except PATTERN_ERRORS:
            return None

    def _letterhead(self) -> tuple[LetterheadSettings, Path | None]:
        """The letterhead as typed and a new logo file to adopt (None keeps or drops it)."""
        defaults = LetterheadSettings()
        clauses = tuple(line.strip() for line in self.clauses_edit.toPlainText().splitlines()
                        if line.strip())
        logo_text = self.logo_edit.text().strip()
        unchanged = self._stored_logo is not None and logo_text == str(self._stored_logo)
        settings = LetterheadSettings(
            self.issuer_edit.text().strip() or defaults.issuer,
            self.title_edit.text().strip() or defaults.title, clauses,
            self.copies_edit.text().strip(), self._stored.logo_file if unchanged else "")
        return settings, Path(logo_text) if logo_text and not unchanged else None

    def _pattern(self) -> str:
        return self.pattern_edit.text().strip() or notices.DEFAULT_PATTERN

    def _say_problem(self, text: str) -> None:
        self.message.setText(f"<span style='color:{BAD_COLOUR}'>{html.escape(text)}</span>")

    def _on_numbering_text_changed(self) -> None:
        sample = self.sample_number()
        if sample is None:
            self.sample_label.setStyleSheet(f"color: {BAD_COLOUR}")
            self.sample_label.setText(self.tr(
                "This pattern cannot make a number; use {prefix}, {year}, {code} and "
                "{serial:04d}, and double any other brace."))
        else:
            self.sample_label.setStyleSheet("")
            self.sample_label.setText(self.tr("For example %1").replace("%1", sample))

    def _on_logo_edit_text_changed(self, text: str) -> None:
        path = Path(text.strip()) if text.strip() else None
        pixmap = QPixmap(str(path)) if path and path.is_file() else QPixmap()
        if pixmap.isNull():
            self.logo_preview.setText(self.tr("(not an image)") if path else self.tr("(no logo)"))
            return
        self.logo_preview.setPixmap(pixmap.scaled(
            LOGO_EDGE, LOGO_EDGE, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def _on_choose_button_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the letterhead logo"), str(default_folder()),
            self.tr("Images (*.png *.jpg *.jpeg)"))
        if chosen:
            self.logo_edit.setText(chosen)


def office_year() -> int:
    """The year on the office's calendar (a notice's number takes it from there)."""
    return int(clock.office_today()[:4])
