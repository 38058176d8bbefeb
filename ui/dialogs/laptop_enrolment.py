"""The office brings laptops in by USB drive: it prepares the drive (its bundle and its
authority's certificate, whose fingerprint the laptop's auditor compares with this screen),
and later issues the certificate requests the laptops left on it.

The certificates go out with the next office bundle, which installs them on the laptops.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.errors import UserFacingError
from ui.dialogs.file_preview import BAD_COLOUR
from ui.dialogs.login import add_row, password_field
from ui.folders import default_folder
from ui.sync_work import message_label
from usecases.services import Services


class LaptopEnrolmentDialog(QDialog):
    """Prepare a USB drive for new laptops; issue the requests they wrote onto it."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(self.tr("Bring laptops into the office"))
        self.setMinimumWidth(620)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setPlaceholderText(self.tr("The USB drive (or a folder on it)"))
        self.browse_button = QPushButton(self.tr("C&hoose…"), self)
        self.password_edit = password_field(self)
        self.prepare_button = QPushButton(self.tr("&Prepare the drive for new laptops"), self)
        self.issue_button = QPushButton(self.tr("&Issue the requests on the drive"), self)
        self.outcome = message_label(self)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Drive:"), folder_row)
        add_row(form, self.tr("Your password"), self.password_edit)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.prepare_button)
        layout.addWidget(self.issue_button)
        layout.addWidget(self.outcome)
        layout.addWidget(close)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.prepare_button.clicked.connect(self.prepare)
        self.issue_button.clicked.connect(self.issue)

    def prepare(self) -> None:
        """Write the office's bundle and authority certificate; show the fingerprint."""
        folder = self._folder()
        if folder is None:
            return
        try:
            bundle, _ca = self._services.enrolment.prepare(folder, self.password_edit.text())
            offer = self._services.enrolment.read(folder)
        except UserFacingError as exc:
            self._say_problem(exc)
            return
        self.outcome.setText(self.tr(
            "Written: %1 and office-ca.pem. On each new laptop choose “Join an office from its "
            "USB drive”: the fingerprint it shows must read").replace("%1", bundle.name)
            + "<br><b>" + html.escape(offer.fingerprint) + "</b><br>" + self.tr(
            "Then bring the drive back here and issue the requests the laptops wrote on it."))

    def issue(self) -> None:
        """Issue every request on the drive whose staff number is one of our auditors."""
        folder = self._folder()
        if folder is None:
            return
        try:
            found = self._services.enrolment.issue_requests(folder, self.password_edit.text())
        except UserFacingError as exc:
            self._say_problem(exc)
            return
        if not found:
            self.outcome.setText(self.tr("No certificate request on this drive yet."))
            return
        lines = [html.escape(f"{i.file}: {i.staff_no or '?'} — ") + (
            self.tr("certificate %1").replace("%1", i.serial) if i.serial
            else f"<span style='color:{BAD_COLOUR}'>{html.escape(i.problem)}</span>")
            for i in found]
        if any(i.serial for i in found):
            lines.append(self.tr("The certificates go out with the next office bundle "
                                 "(Sync ▸ Export)."))
        self.outcome.setText("<br>".join(lines))

    def _folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        if not text or not Path(text).is_dir():
            self.outcome.setText(f"<span style='color:{BAD_COLOUR}'>"
                                 + self.tr("Choose the USB drive first.") + "</span>")
            return None
        return Path(text)

    def _say_problem(self, exc: UserFacingError) -> None:
        self.outcome.setText(f"<span style='color:{BAD_COLOUR}'>{html.escape(str(exc))}</span>")

    def _on_browse_button_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB drive"),
                                                  str(default_folder()))
        if chosen:
            self.folder_edit.setText(chosen)
