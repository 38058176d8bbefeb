"""A new laptop joins its office from the window: the stick read and its fingerprint shown,
nothing joined until the auditor says the fingerprint matches; from the first start too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from model.people import authority
from tests import worlds
from tests.helpers import site_line, sites_csv
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.join_office import JoinOfficeDialog

PW = "join-pass"


@pytest.fixture
def stick(tmp_path):
    office = worlds.make_office(tmp_path / "office", PW, sites_csv(tmp_path, [site_line("YZ-1")]))
    try:
        folder = tmp_path / "stick"
        folder.mkdir()
        office.enrolment.prepare(folder, PW)
        yield folder, authority.fingerprint_text(authority.trusted_authorities(office.store)[0])
    finally:
        office.close()


def _fill(dialog, password="li-ming-own"):
    dialog.password_edit.setText(password)
    dialog.repeat_edit.setText(password)


def test_join_waits_for_the_fingerprint_to_be_confirmed(qtbot, services, stick):
    folder, fingerprint = stick
    dialog = JoinOfficeDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.read_stick(folder) is not None
    assert fingerprint in dialog.fingerprint_label.text() and "迎泽区创城办" in \
        dialog.office_label.text()
    assert dialog.auditor_combo.currentData() == "A07"
    _fill(dialog)
    assert not dialog.ok_button.isEnabled()  # not before the fingerprint is confirmed
    dialog.matches_check.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert services.user.staff_no == "A07" and dialog.request_file.exists()
    assert {s.code for s in services.sites.search()} == {"YZ-1"}


def test_a_folder_without_the_offices_files_is_said_and_nothing_changes(qtbot, services,
                                                                       tmp_path):
    dialog = JoinOfficeDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.read_stick(tmp_path) is None
    assert "office-ca.pem" in dialog.error_label.text() and not dialog.ok_button.isEnabled()
    assert services.people.all() == []


def test_the_first_start_can_join_instead_of_creating_a_profile(qtbot, services, stick):
    folder, _ = stick
    first = FirstRunDialog(services)
    qtbot.addWidget(first)
    first.show()
    qtbot.mouseClick(first.join_button, Qt.MouseButton.LeftButton)
    joining = first.join_dialog
    qtbot.waitUntil(joining.isVisible)
    joining.read_stick(folder)
    _fill(joining)
    joining.matches_check.setChecked(True)
    with qtbot.waitSignal(first.accepted):
        joining.ok_button.click()
    assert first.joined and not first.wants_demo() and services.user.staff_no == "A07"


def test_office_and_laptop_enrol_window_by_window(qtbot, services, tmp_path):
    from ui.dialogs.laptop_enrolment import LaptopEnrolmentDialog

    office = worlds.make_office(tmp_path / "office", PW, sites_csv(tmp_path, [site_line("YZ-1")]))
    try:
        drive = tmp_path / "drive"
        drive.mkdir()
        at_office = LaptopEnrolmentDialog(office)
        qtbot.addWidget(at_office)
        at_office.folder_edit.setText(str(drive))
        at_office.password_edit.setText(PW)
        at_office.issue_button.click()
        assert at_office.tr("No certificate request on this drive yet.") in \
            at_office.outcome.text()
        at_office.prepare_button.click()
        shown = authority.fingerprint_text(authority.trusted_authorities(office.store)[0])
        assert shown in at_office.outcome.text()
        joining = JoinOfficeDialog(services)  # the new laptop
        qtbot.addWidget(joining)
        joining.read_stick(drive)
        assert shown in joining.fingerprint_label.text()  # the two screens agree
        _fill(joining)
        joining.matches_check.setChecked(True)
        joining.ok_button.click()
        assert services.credentials.status() == "requested"
        at_office.issue_button.click()
        assert "A07 — " in at_office.outcome.text() and "A07" in joining.request_file.name
        bundle, _ = office.sync.export(drive, PW)
        services.sync.import_bundle(bundle)
        assert services.credentials.status() == "installed"
    finally:
        office.close()
