"""The office's roster of people: a person added from the window can sign in and is planned
for; every refusal is said in the window and stores nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from model.people.profiles import MIN_PASSWORD_LENGTH, Role
from tests.conftest import PASSWORD
from ui.dialogs.staff import StaffDialog, StaffModel

NEW_PASSWORD = "field-pass-8"


def _tr(text: str) -> str:
    return QCoreApplication.translate("StaffDialog", text)


def _open(qtbot, services) -> StaffDialog:
    shown = StaffDialog(services)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def dialog(qtbot, office):
    return _open(qtbot, office)


def _fill(dialog: StaffDialog, name="赵强", staff_no="A12", organisation="督查二组",
          password=NEW_PASSWORD, repeat=None) -> None:
    dialog.name_edit.setText(name)
    dialog.staff_no_edit.setText(staff_no)
    dialog.organisation_edit.setText(organisation)
    dialog.password_edit.setText(password)
    dialog.repeat_edit.setText(password if repeat is None else repeat)


def _shown_staff_numbers(dialog: StaffDialog) -> list[str]:
    return [dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())]


def test_an_added_auditor_is_listed_selected_and_planned_for(qtbot, dialog, office):
    office.people.create("李明", "A07", Role.AUDITOR, PASSWORD, "督查一组")
    dialog.refresh()
    assert _shown_staff_numbers(dialog) == ["A07", "O01"]
    assert dialog.role_combo.currentData() == Role.AUDITOR.value  # the default
    _fill(dialog)
    with qtbot.waitSignal(dialog.people_changed):
        dialog.add_button.click()
    assert [(p.staff_no, p.name, p.organisation) for p in office.people.auditors()] == [
        ("A07", "李明", "督查一组"), ("A12", "赵强", "督查二组")]
    assert _shown_staff_numbers(dialog) == ["A07", "A12", "O01"]
    row = [index.row() for index in dialog.table.selectionModel().selectedRows()]
    assert row == [1]
    assert dialog.model.index(1, 1).data() == "赵强"
    assert dialog.model.index(1, 2).data() == QCoreApplication.translate("Labels", "Auditor")
    assert not dialog.error_label.isVisible()
    assert not any(edit.text() for edit in (dialog.name_edit, dialog.staff_no_edit,
                                            dialog.organisation_edit, dialog.password_edit,
                                            dialog.repeat_edit))
    assert office.login("A12", NEW_PASSWORD).staff_no == "A12"


def test_an_office_person_can_be_added(dialog, office):
    _fill(dialog, name="孙莉", staff_no="O02", organisation="")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.OFFICE.value))
    added = dialog.add_person()
    assert added is not None and added.is_office
    assert office.people.auditors() == []
    assert dialog.role_combo.currentData() == Role.AUDITOR.value  # the form starts again


@pytest.mark.parametrize(("password", "repeat", "problem"), [
    (NEW_PASSWORD, NEW_PASSWORD + "x", "The two passwords are not the same."),
    ("a" * (MIN_PASSWORD_LENGTH - 1), None, "The password must have at least %1 characters."),
])
def test_a_bad_password_is_refused_inline(qtbot, dialog, office, password, repeat, problem):
    before = office.people.all()
    _fill(dialog, password=password, repeat=repeat)
    with qtbot.assertNotEmitted(dialog.people_changed):
        dialog.add_button.click()
    assert office.people.all() == before
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == _tr(problem).replace("%1", str(MIN_PASSWORD_LENGTH))
    assert not dialog.password_edit.text() and not dialog.repeat_edit.text()  # type both again
    assert dialog.name_edit.text() == "赵强"  # the rest of the form stays to be corrected
    assert _shown_staff_numbers(dialog) == ["O01"]


def test_a_taken_staff_number_is_refused_inline(qtbot, dialog, office):
    _fill(dialog, name="另一个人", staff_no="O01")
    with qtbot.assertNotEmitted(dialog.people_changed):
        dialog.add_button.click()
    assert [(p.staff_no, p.name) for p in office.people.all()] == [("O01", "王建国")]
    assert dialog.error_label.isVisible() and "O01" in dialog.error_label.text()
    assert dialog.staff_no_edit.text() == "O01"


def test_an_auditor_cannot_add_people(qtbot, auditor_services):
    dialog = _open(qtbot, auditor_services)
    assert not dialog.add_button.isEnabled()
    _fill(dialog)
    dialog.add_button.click()  # disabled: nothing happens
    assert not dialog.error_label.isVisible()
    with qtbot.assertNotEmitted(dialog.people_changed):
        assert dialog.add_person() is None  # the use case refuses, and the window says so
    assert dialog.error_label.isVisible() and dialog.error_label.text()
    assert [p.staff_no for p in auditor_services.people.all()] == ["O01", "A07"]


def test_the_staff_model_passes_the_model_tester(qtmodeltester, office):
    model = StaffModel()
    model.set_rows(office.people.all())
    qtmodeltester.check(model)
