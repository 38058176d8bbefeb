"""Signing in: pick a profile, type its password.

Also holds the small helpers the other sign-in dialogs share: role names, the
inline error label and roomy input sizes for use standing in the street.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from model.errors import AuthenticationError
from model.profiles import Profile, Role
from model.services import Services
from ui import labels

TARGET_HEIGHT = 40  # px: inputs and buttons big enough to hit on a laptop held standing


def role_label(role: Role) -> str:
    """Return the translated name of a role."""
    return labels.word("role", role.value)


def make_roomy(*widgets: QWidget) -> None:
    """Give inputs and buttons a comfortable minimum height."""
    for widget in widgets:
        widget.setMinimumHeight(TARGET_HEIGHT)


def add_row(form: QFormLayout, text: str, field: QWidget) -> None:
    """Add a labelled row whose label sits level with the roomy field."""
    label = QLabel(text, field.parentWidget())
    label.setBuddy(field)
    label.setMinimumHeight(TARGET_HEIGHT)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.addRow(label, field)


def error_label(parent: QWidget) -> QLabel:
    """Return a hidden red label for inline error messages."""
    label = QLabel(parent)
    label.setStyleSheet("color: #b3261e; font-weight: bold;")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    """Show ``message`` in an inline error label."""
    label.setText(message)
    label.show()


class LoginDialog(QDialog):
    """Asks who is working and their password, and signs them in."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._profile: Profile | None = None
        self._profiles = services.profiles()
        self.setWindowTitle(self.tr("Sign in"))
        self.setMinimumWidth(460)
        self.profile_combo = QComboBox(self)
        for profile in self._profiles:
            self.profile_combo.addItem(self.tr("%1 (%2) — %3").replace("%1", profile.name)
                                       .replace("%2", profile.staff_no)
                                       .replace("%3", role_label(profile.role)))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Sign in"))
        self.ok_button.setDefault(True)
        self._build_layout()
        self._preselect_last_user()
        self.password_edit.textChanged.connect(self._on_password_edit_text_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._on_password_edit_text_changed("")
        self.password_edit.setFocus()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(12)
        add_row(form, self.tr("Profile"), self.profile_combo)
        add_row(form, self.tr("Password"), self.password_edit)
        make_roomy(self.profile_combo, self.password_edit, *self.buttons.buttons())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _preselect_last_user(self) -> None:
        last = self._services.last_user()
        for index, profile in enumerate(self._profiles):
            if profile.staff_no == last:
                self.profile_combo.setCurrentIndex(index)

    def profile(self) -> Profile | None:
        """Return the profile that signed in, or None before that."""
        return self._profile

    def accept(self) -> None:
        """Sign in with the chosen profile; on a wrong password stay open and say so."""
        index = self.profile_combo.currentIndex()
        if index < 0 or not self.password_edit.text():
            return
        try:
            self._profile = self._services.login(self._profiles[index].staff_no,
                                                 self.password_edit.text())
        except AuthenticationError:
            show_error(self.error_label, self.tr("Wrong password."))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        super().accept()

    def _on_password_edit_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text) and self.profile_combo.count() > 0)
