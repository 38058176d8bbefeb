"""The first start on an empty store: create the first profile and sign in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from model.errors import ValidationError
from model.people.profiles import Role
from ui.dialogs.join_office import JoinOfficeDialog
from ui.dialogs.login import (
    add_row,
    column,
    error_label,
    make_roomy,
    ok_cancel_buttons,
    password_field,
    role_label,
    show_error,
)
from usecases.services import Services


class FirstRunDialog(QDialog):
    """Welcomes a new installation, creates its first profile and signs it in.

    The caller loads the demo city afterwards (through the task runner) when
    :meth:`wants_demo` says so.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(self.tr("Welcome to CivicAudit"))
        self.setMinimumWidth(520)
        self.intro_label = QLabel(self.tr(
            "CivicAudit records site inspections for the National Civilized City assessment, "
            "offline on this computer. Create your profile to begin."), self)
        self.intro_label.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.staff_no_edit = QLineEdit(self)
        self.organisation_edit = QLineEdit(self)
        self.role_combo = QComboBox(self)  # no role until one is chosen: it decides the menus
        self.role_combo.addItem(self.tr("Choose: auditor or city office"), None)
        for role in (Role.AUDITOR, Role.OFFICE):
            self.role_combo.addItem(role_label(role), role.value)
        self.password_edit = password_field(self)
        self.repeat_edit = password_field(self)
        # an office's first start also makes its authority and its own certificate
        self.set_up_check = QCheckBox(self.tr("Set up this office: its certificate authority "
                                              "(named after the organisation) and its own "
                                              "certificate"), self)
        self.set_up_check.setChecked(True)
        self.set_up_check.hide()
        self.demo_check = QCheckBox(self.tr("Load the demo city (Taiyuan) to look around"), self)
        self.demo_check.setChecked(False)  # never filled with a demo city unasked
        self.error_label = error_label(self)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("Create profile"))
        # a laptop the office prepared a USB drive for joins instead of creating a profile
        self.join_button = QPushButton(self.tr("&Join an office from its USB drive…"), self)
        self.join_dialog: JoinOfficeDialog | None = None
        self.joined = False
        self._build_layout()
        self.join_button.clicked.connect(self._on_join_button_clicked)
        for edit in self._required():
            edit.textChanged.connect(self._on_required_edit_text_changed)
        self.role_combo.currentIndexChanged.connect(self._on_required_edit_text_changed)
        self.role_combo.currentIndexChanged.connect(self._on_role_combo_current_index_changed)
        self._on_required_edit_text_changed()

    def _required(self) -> tuple[QLineEdit, ...]:
        return (self.name_edit, self.staff_no_edit, self.password_edit, self.repeat_edit)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(12)
        add_row(form, self.tr("Name"), self.name_edit)
        add_row(form, self.tr("Staff number"), self.staff_no_edit)
        add_row(form, self.tr("Organisation"), self.organisation_edit)
        add_row(form, self.tr("Role"), self.role_combo)
        add_row(form, self.tr("Password"), self.password_edit)
        add_row(form, self.tr("Repeat password"), self.repeat_edit)
        make_roomy(*self._required(), self.organisation_edit, self.role_combo, self.join_button,
                   self.demo_check, *self.buttons.buttons())
        column(self, self.intro_label, self.join_button, form, self.set_up_check,
               self.demo_check, self.error_label, self.buttons)

    def wants_demo(self) -> bool:
        """Return True when the user asked for the demo city to be loaded."""
        return self.demo_check.isChecked()

    def accept(self) -> None:
        """Create the profile and sign in; on a problem stay open and say what it is."""
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            show_error(self.error_label, self.tr("The two passwords are not the same."))
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
            return
        staff_no = self.staff_no_edit.text().strip()
        if self._sets_up_office() and not self.organisation_edit.text().strip():
            show_error(self.error_label, self.tr("Type the office's name as the organisation "
                                                 "(e.g. 迎泽区创城办): its authority is named "
                                                 "after it."))
            self.organisation_edit.setFocus()
            return
        try:
            self._services.people.create(self.name_edit.text(), staff_no,
                                         Role(self.role_combo.currentData()), password,
                                         self.organisation_edit.text())
        except ValidationError as error:
            show_error(self.error_label,
                       self.tr("Could not create the profile: %1").replace("%1", str(error)))
            return
        self._services.login(staff_no, password)
        if self._sets_up_office():
            self._services.credentials.set_up_office(self.organisation_edit.text().strip(),
                                                     password)
        super().accept()

    def _sets_up_office(self) -> bool:
        return self.role_combo.currentData() == Role.OFFICE.value and self.set_up_check.isChecked()

    def _on_role_combo_current_index_changed(self, *_args) -> None:
        self.set_up_check.setVisible(self.role_combo.currentData() == Role.OFFICE.value)

    def _on_join_button_clicked(self) -> None:
        self.join_dialog = JoinOfficeDialog(self._services, self)
        self.join_dialog.accepted.connect(self._on_join_dialog_accepted)
        self.join_dialog.open()

    def _on_join_dialog_accepted(self) -> None:
        """Joined and signed in: nothing left to create here."""
        self.joined = True
        self.demo_check.setChecked(False)
        QDialog.accept(self)

    def _on_required_edit_text_changed(self, *_args) -> None:
        self.ok_button.setEnabled(all(edit.text().strip() for edit in self._required())
                                  and self.role_combo.currentData() is not None)
