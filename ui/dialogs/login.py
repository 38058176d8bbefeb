"""Signing in: pick a profile, type its password (and replace one that is now too short).

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
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.errors import AuthenticationError, ValidationError
from model.people.profiles import MIN_PASSWORD_LENGTH, Profile, Role
from ui import labels
from usecases.services import Services

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


def column(dialog: QDialog, *parts: QWidget | QLayout) -> None:
    """Lay ``parts`` (widgets and layouts) out top to bottom with the sign-in dialogs' margins."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(24, 24, 24, 24)
    layout.setSpacing(16)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)


def password_field(parent: QWidget) -> QLineEdit:
    """Return a line edit that hides what is typed."""
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def ok_cancel_buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Return OK and Cancel wired to the dialog's accept and reject, OK named and default."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(ok_text)
    ok_button.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button


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
        self._profiles = services.people.all()
        self.change_dialog: ChangePasswordDialog | None = None  # when a new password is due
        self.setWindowTitle(self.tr("Sign in"))
        self.setMinimumWidth(460)
        self.profile_combo = QComboBox(self)
        for profile in self._profiles:
            self.profile_combo.addItem(self.tr("%1 (%2) — %3").replace("%1", profile.name)
                                       .replace("%2", profile.staff_no)
                                       .replace("%3", role_label(profile.role)))
        self.password_edit = password_field(self)
        self.error_label = error_label(self)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("Sign in"))
        self._build_layout()
        self._preselect_last_user()
        self.password_edit.textChanged.connect(self._on_password_edit_text_changed)
        self._on_password_edit_text_changed("")
        self.password_edit.setFocus()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(12)
        add_row(form, self.tr("Profile"), self.profile_combo)
        add_row(form, self.tr("Password"), self.password_edit)
        make_roomy(self.profile_combo, self.password_edit, *self.buttons.buttons())
        column(self, form, self.error_label, self.buttons)

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
        password = self.password_edit.text()
        try:
            profile = self._services.login(self._profiles[index].staff_no, password)
        except AuthenticationError:
            show_error(self.error_label, self.tr("Wrong password."))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        if self._services.must_change_password:
            self._ask_new_password(password)
            return
        self._profile = profile
        super().accept()

    def _ask_new_password(self, current: str) -> None:
        """Signed in with a password now too short: sign-in ends once a new one is set."""
        self.change_dialog = ChangePasswordDialog(self._services, current, self)
        self.change_dialog.accepted.connect(self._on_change_dialog_accepted)
        self.change_dialog.rejected.connect(self._on_change_dialog_rejected)
        self.change_dialog.open()

    def _on_change_dialog_accepted(self) -> None:
        self._profile = self._services.user
        super().accept()

    def _on_change_dialog_rejected(self) -> None:
        show_error(self.error_label, self.tr("Choose a new password to sign in."))
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _on_password_edit_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text) and self.profile_combo.count() > 0)


class ChangePasswordDialog(QDialog):
    """Asks twice for a new password and sets it, with the signing key's passphrase.

    ``current`` is the password just used to sign in: the keys it locks are sealed
    again under the new one.
    """

    def __init__(self, services: Services, current: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._current = current
        self.setWindowTitle(self.tr("Choose a new password"))
        self.setMinimumWidth(480)
        self.intro_label = QLabel(self.tr(
            "Your password is shorter than %1 characters. Choose a new one before you go on; "
            "it also locks your signing key.").replace("%1", str(MIN_PASSWORD_LENGTH)), self)
        self.intro_label.setWordWrap(True)
        self.password_edit = password_field(self)
        self.repeat_edit = password_field(self)
        self.error_label = error_label(self)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("Change password"))
        self._build_layout()
        for edit in (self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self._on_password_edit_text_changed)
        self._on_password_edit_text_changed()
        self.password_edit.setFocus()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(12)
        add_row(form, self.tr("New password"), self.password_edit)
        add_row(form, self.tr("Repeat new password"), self.repeat_edit)
        make_roomy(self.password_edit, self.repeat_edit, *self.buttons.buttons())
        column(self, self.intro_label, form, self.error_label, self.buttons)

    def accept(self) -> None:
        """Set the new password; on a problem stay open and say what it is."""
        password = self.password_edit.text()
        problem = self._problem(password)
        if problem is None:
            try:
                self._services.change_password(self._current, password)
            except ValidationError as error:
                problem = self.tr("Could not change the password: %1").replace("%1", str(error))
        if problem is not None:
            show_error(self.error_label, problem)
            self.password_edit.clear()
            self.repeat_edit.clear()
            self.password_edit.setFocus()
            return
        super().accept()

    def _problem(self, password: str) -> str | None:
        """Return what is wrong with the typed passwords in words, or None."""
        if password != self.repeat_edit.text():
            return self.tr("The two passwords are not the same.")
        if len(password) < MIN_PASSWORD_LENGTH:
            return self.tr("The password must have at least %1 characters.").replace(
                "%1", str(MIN_PASSWORD_LENGTH))
        if password == self._current:
            return self.tr("The new password must differ from the current one.")
        return None

    def _on_password_edit_text_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.password_edit.text() and self.repeat_edit.text()))
