"""The office's roster of people: every profile on this computer, and a form to add one.

The office adds its auditors (and its own staff) here before it plans their checks. The
password set here is for signing in at the office's computer; an auditor chooses his own
when his laptop joins the office.

No certificate column: the only per-profile certificate query (``credentials.status``)
answers for the signed-in profile, and telling issued, expired and revoked apart from the
whole roster is the domain's business, not the window's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.errors import UserFacingError
from model.people.profiles import MIN_PASSWORD_LENGTH, Profile, Role
from ui.columns import fit_columns
from ui.dialogs.login import add_row, error_label, password_field, role_label, show_error
from ui.itemmodels.row_table import RowTable
from ui.screen_fit import resize_to_fit
from usecases.services import Services

ORGANISATION_COLUMN = 3  # the last and longest: it takes the spare width


class StaffModel(RowTable):
    """The profiles: staff number, name, role in words, organisation."""

    def __init__(self, parent: QObject | None = None):
        super().__init__([self.tr("Staff no"), self.tr("Name"), self.tr("Role"),
                          self.tr("Organisation")], parent)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index) or role != Qt.ItemDataRole.DisplayRole:
            return None
        profile: Profile = self.row_at(index.row())
        return (profile.staff_no, profile.name, role_label(profile.role),
                profile.organisation)[index.column()]

    def row_of(self, staff_no: str) -> int:
        """The row showing ``staff_no``, or -1."""
        return next((row for row, profile in enumerate(self.rows())
                     if profile.staff_no == staff_no), -1)


class StaffDialog(QDialog):
    """Lists every profile by staff number and adds new ones (the office's)."""

    people_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(self.tr("Staff"))
        self.model = StaffModel(self)
        self.table = self._make_table()
        self.name_edit = QLineEdit(self)
        self.staff_no_edit = QLineEdit(self)
        self.role_combo = QComboBox(self)
        for role in (Role.AUDITOR, Role.OFFICE):
            self.role_combo.addItem(role_label(role), role.value)
        self.organisation_edit = QLineEdit(self)
        self.organisation_edit.setPlaceholderText(self.tr("optional"))
        self.password_edit = password_field(self)
        self.repeat_edit = password_field(self)
        self.error_label = error_label(self)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setDefault(True)
        self.add_button.setEnabled(bool(services.user and services.user.is_office))
        self._build()
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.refresh()
        resize_to_fit(self, 720, 640)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(table, stretch=ORGANISATION_COLUMN)
        return table

    def _build(self) -> None:
        form = QFormLayout()
        add_row(form, self.tr("&Name"), self.name_edit)
        add_row(form, self.tr("&Staff number"), self.staff_no_edit)
        add_row(form, self.tr("&Role"), self.role_combo)
        add_row(form, self.tr("&Organisation"), self.organisation_edit)
        add_row(form, self.tr("&Password"), self.password_edit)
        add_row(form, self.tr("Repea&t password"), self.repeat_edit)
        group = QGroupBox(self.tr("Add a person"), self)
        inside = QVBoxLayout(group)
        inside.addLayout(form)
        inside.addWidget(self._hint())
        inside.addWidget(self.error_label)
        inside.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(group)
        layout.addWidget(buttons)

    def _hint(self) -> QLabel:
        hint = QLabel(self.tr(
            "At least %1 characters. This password is for signing in at the office's computer; "
            "an auditor chooses his own when his laptop joins the office.").replace(
            "%1", str(MIN_PASSWORD_LENGTH)), self)
        hint.setWordWrap(True)
        return hint

    def refresh(self) -> None:
        """Reload the list of profiles, sorted by staff number."""
        self.model.set_rows(sorted(self._services.people.all(), key=lambda p: p.staff_no))

    def add_person(self) -> Profile | None:
        """Create the person the form describes; on a refusal say why and change nothing."""
        problem = self._password_problem()
        if problem is not None:
            show_error(self.error_label, problem)
            self.password_edit.clear()
            self.repeat_edit.clear()
            return None
        try:
            profile = self._services.people.create(
                self.name_edit.text(), self.staff_no_edit.text(),
                Role(self.role_combo.currentData()), self.password_edit.text(),
                self.organisation_edit.text())
        except UserFacingError as exc:
            show_error(self.error_label, str(exc))
            return None
        self._show_added(profile)
        return profile

    def _password_problem(self) -> str | None:
        """What is wrong with the two typed passwords, in words, or None."""
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            return self.tr("The two passwords are not the same.")
        if len(password) < MIN_PASSWORD_LENGTH:
            return self.tr("The password must have at least %1 characters.").replace(
                "%1", str(MIN_PASSWORD_LENGTH))
        return None

    def _show_added(self, profile: Profile) -> None:
        self.error_label.hide()
        self.refresh()
        self.table.selectRow(self.model.row_of(profile.staff_no))
        self._clear_form()
        self.people_changed.emit()

    def _clear_form(self) -> None:
        for edit in (self.name_edit, self.staff_no_edit, self.organisation_edit,
                     self.password_edit, self.repeat_edit):
            edit.clear()
        self.role_combo.setCurrentIndex(0)
        self.name_edit.setFocus()

    def _on_add_button_clicked(self) -> None:
        self.add_person()
