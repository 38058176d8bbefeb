"""A new laptop joins its office from the USB stick the office prepared (enrol prepare).

The dialog reads the stick (the bundle verified against the authority's certificate on it),
shows the authority's name and fingerprint for the auditor to compare with the office's
screen, lets him pick himself from the office's auditors and choose his password, and
joins only when he has ticked that the fingerprint matches. His certificate request is
then on the stick for the office to issue.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from model.errors import UserFacingError
from model.sync.enrolment import Offer
from ui.dialogs.login import (
    add_row,
    column,
    error_label,
    make_roomy,
    ok_cancel_buttons,
    password_field,
    show_error,
)
from ui.labels import named
from usecases.services import Services


class JoinOfficeDialog(QDialog):
    """Join an office from its stick: compare the fingerprint, pick yourself, set a password."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.offer: Offer | None = None
        self.folder: Path | None = None
        self.request_file: Path | None = None
        self.setWindowTitle(self.tr("Join an office"))
        self.setMinimumWidth(560)
        self.choose_button = QPushButton(self.tr("&Choose the USB drive or folder…"), self)
        self.office_label = QLabel(self.tr("Insert the USB drive the office prepared for this "
                                           "laptop and choose it."), self)
        self.office_label.setWordWrap(True)
        self.fingerprint_label = QLabel(self)
        self.fingerprint_label.setWordWrap(True)
        self.matches_check = QCheckBox(self.tr("The fingerprint is the same as on the office's "
                                               "screen"), self)
        self.auditor_combo = QComboBox(self)
        self.password_edit, self.repeat_edit = password_field(self), password_field(self)
        self.error_label = error_label(self)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("Join"))
        form = QFormLayout()
        add_row(form, self.tr("I am"), self.auditor_combo)
        add_row(form, self.tr("My password"), self.password_edit)
        add_row(form, self.tr("Repeat password"), self.repeat_edit)
        make_roomy(self.choose_button, self.auditor_combo, self.password_edit, self.repeat_edit,
                   *self.buttons.buttons())
        column(self, self.choose_button, self.office_label, self.fingerprint_label,
               self.matches_check, form, self.error_label, self.buttons)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        for signal in (self.matches_check.toggled, self.password_edit.textChanged,
                       self.repeat_edit.textChanged, self.auditor_combo.currentIndexChanged):
            signal.connect(self._update_ok)
        self._update_ok()

    def read_stick(self, folder: Path) -> Offer | None:
        """Read what the office left in ``folder``; show it, or say why it cannot be used."""
        self.offer, self.folder = None, Path(folder)
        self.auditor_combo.clear()
        self.matches_check.setChecked(False)
        try:
            self.offer = self._services.enrolment.read(folder)
        except UserFacingError as exc:
            show_error(self.error_label, str(exc))
            self.fingerprint_label.clear()
            self._update_ok()
            return None
        self.error_label.hide()
        self.office_label.setText(self.tr("Office: %1").replace("%1", self.offer.authority_name))
        self.fingerprint_label.setText(self.tr("Fingerprint of its authority — compare it with "
                                               "the office's screen:") + "\n"
                                       + self.offer.fingerprint)
        for staff_no, record in sorted(self.offer.auditors.items()):
            self.auditor_combo.addItem(named(record["name"], staff_no), staff_no)
        self._update_ok()
        return self.offer

    def accept(self) -> None:
        """Join; on a problem stay open and say what it is (nothing typed is lost)."""
        if self.password_edit.text() != self.repeat_edit.text():
            show_error(self.error_label, self.tr("The two passwords are not the same."))
            return
        try:
            _profile, _summary, self.request_file = self._services.enrolment.join(
                self.offer, self.auditor_combo.currentData(), self.password_edit.text(),
                self.folder)
        except UserFacingError as exc:
            show_error(self.error_label, self.tr("Could not join: %1").replace("%1", str(exc)))
            return
        super().accept()

    def _update_ok(self, *_args) -> None:
        self.ok_button.setEnabled(self.offer is not None and self.matches_check.isChecked()
                                  and self.auditor_combo.currentData() is not None
                                  and bool(self.password_edit.text()))

    def _on_choose_button_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the office's USB drive"))
        if chosen:
            self.read_stick(Path(chosen))
