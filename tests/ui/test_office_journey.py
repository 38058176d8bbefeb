"""A city office set up and run from the windows alone, as a clerk and two auditors would.

One journey, window by window, with no command line and no use case called past a window:
the office's first start sets up the office (its authority and its own certificate); the
clerk adds two auditors, imports the site list, sets the notices' letterhead and numbering and
prepares a USB drive; two new laptops join from that drive (each compares the authority's
fingerprint); the office issues their requests, plans the month and exports its bundle; each
laptop imports it (certificate installed, plan and letterhead received); 李明 inspects a planned
site and issues a notice, which carries the office's letterhead and number; his bundle comes
back and the office's dashboard and rankings show that inspection.

The model is read only to check what the windows did. ``pytest --screenshot DIR`` saves a
picture of every step into DIR.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from model.notices import notices
from model.people import authority
from model.people.profiles import Role
from model.store import clock
from tests.helpers import site_line, sites_csv
from tests.ui.conftest import open_window
from tests.ui.test_notice_ui import ModalAnswers, _type_password
from tests.ui.test_notice_widgets import ZIGZAG, _draw
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.notice_editor import NoticeEditor
from ui.dialogs.signature import SignatureDialog
from ui.itemmodels.figure_model import FigureTableModel, StandingTableModel
from usecases.services import Services

CLERK_PW, LI_PW, ZHANG_PW = "office-pass-1", "li-ming-pass", "zhang-li-pass"
ISSUER = "迎泽区创建全国文明城市指挥部办公室"
PREFIX = "迎泽"
TASK_TIMEOUT_MS = 60_000


@pytest.fixture
def stores(tmp_path):
    """The office's and two new laptops' data folders, empty, and the USB drive."""
    opened: list[Services] = []

    def open_store(name: str) -> Services:
        opened.append(Services.open(tmp_path / name))
        return opened[-1]

    stick = tmp_path / "stick"
    stick.mkdir()
    yield open_store, stick
    for services in opened:
        services.close()


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _wait_task(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.task is None, timeout=TASK_TIMEOUT_MS)


# -- the office ------------------------------------------------------------------------------

def _set_up_office(qtbot, office: Services, shoot) -> None:
    first = FirstRunDialog(office)
    qtbot.addWidget(first)
    first.show()
    first.name_edit.setText("王建国")  # (QTest types only Latin keys)
    qtbot.keyClicks(first.staff_no_edit, "O01")
    first.organisation_edit.setText("迎泽区创城办")
    first.role_combo.setCurrentIndex(first.role_combo.findData(Role.OFFICE.value))
    assert first.set_up_check.isVisible() and first.set_up_check.isChecked()
    assert not first.demo_check.isChecked()  # never a demo city unasked
    qtbot.keyClicks(first.password_edit, CLERK_PW)
    qtbot.keyClicks(first.repeat_edit, CLERK_PW)
    shoot(first, "01-office-first-start")
    with qtbot.waitSignal(first.accepted):
        _click(qtbot, first.ok_button)
    assert office.user.staff_no == "O01" and office.credentials.status() == "installed"


def _office_menu(window) -> list:
    titles = [a.text() for a in window.menuBar().actions()]
    assert "创城办(&O)" in titles
    return window.menuBar().actions()[titles.index("创城办(&O)")].menu().actions()


def _add_auditors(qtbot, window, shoot) -> None:
    assert window.actions.staff in _office_menu(window)
    window.actions.staff.trigger()
    staff = window.office_flow.dialog("staff")
    for name, number in (("李明", "A07"), ("张丽", "A08")):
        staff.name_edit.setText(name)
        staff.staff_no_edit.setText(number)
        staff.role_combo.setCurrentIndex(staff.role_combo.findData(Role.AUDITOR.value))
        staff.password_edit.setText(f"{number}-first-pass")
        staff.repeat_edit.setText(f"{number}-first-pass")
        _click(qtbot, staff.add_button)
    assert staff.model.rowCount() == 3
    shoot(staff, "02-office-staff")
    staff.close()


def _import_sites(qtbot, window, tmp_path: Path, shoot) -> None:
    window.actions.sites.trigger()
    dialog = window.office_flow.dialog("sites")
    csv = sites_csv(tmp_path, [
        site_line("YZ-1", "柳巷步行街", district="迎泽区", unit="迎泽区城市管理局"),
        site_line("YZ-2", "迎泽公园", district="迎泽区", unit="迎泽区园林局"),
        site_line("XD-1", "亲贤北街", district="小店区", unit="小店区城市管理局"),
        site_line("XD-2", "坞城路", district="小店区", unit="小店区城市管理局")])
    preview = dialog.show_file(csv)
    assert preview.importable and dialog.model.rowCount() == 4
    _click(qtbot, dialog.import_button)
    shoot(dialog, "03-office-sites")
    dialog.close()


def _set_notice_settings(qtbot, window, shoot) -> None:
    window.actions.notice_settings.trigger()
    dialog = window.office_flow.dialog("notice_settings")
    dialog.issuer_edit.setText(ISSUER)
    dialog.prefix_edit.setText(PREFIX)
    assert PREFIX in dialog.sample_label.text()
    _click(qtbot, dialog.save_button)
    shoot(dialog, "04-office-notice-settings")
    dialog.close()


def _prepare_stick(qtbot, window, stick: Path, shoot):
    window.actions.enrol_laptops.trigger()
    dialog = window.office_flow.dialog("enrol")
    dialog.folder_edit.setText(str(stick))
    dialog.password_edit.setText(CLERK_PW)
    _click(qtbot, dialog.prepare_button)
    shoot(dialog, "05-office-prepares-the-stick")
    return dialog


# -- the laptops -----------------------------------------------------------------------------

def _join(qtbot, laptop: Services, stick: Path, staff_no: str, password: str,
          office_fingerprint: str, shoot) -> None:
    first = FirstRunDialog(laptop)
    qtbot.addWidget(first)
    first.show()
    _click(qtbot, first.join_button)
    joining = first.join_dialog
    qtbot.waitUntil(joining.isVisible)
    joining.read_stick(stick)
    assert office_fingerprint in joining.fingerprint_label.text()  # the two screens agree
    joining.auditor_combo.setCurrentIndex(joining.auditor_combo.findData(staff_no))
    joining.password_edit.setText(password)
    joining.repeat_edit.setText(password)
    joining.matches_check.setChecked(True)
    shoot(joining, f"06-{staff_no}-joins")
    with qtbot.waitSignal(first.accepted):
        _click(qtbot, joining.ok_button)
    assert laptop.user.staff_no == staff_no
    assert laptop.credentials.status() == "requested"


def _export(qtbot, window, stick: Path, password: str, shoot, name: str) -> Path:
    dialog = window.sync_flow.export()
    dialog.set_folder(stick)
    dialog.password.setText(password)
    with qtbot.waitSignal(dialog.exported, timeout=TASK_TIMEOUT_MS) as signal:
        _click(qtbot, dialog.export_button)
    _wait_task(qtbot, dialog)
    shoot(dialog, name)
    dialog.close()
    return Path(signal.args[0])


def _import(qtbot, window, bundle: Path, password: str | None, shoot, name: str):
    dialog = window.sync_flow.import_bundles()
    dialog.set_file(bundle)
    if password is not None:
        dialog.password.setText(password)
    with qtbot.waitSignal(dialog.imported, timeout=TASK_TIMEOUT_MS):
        _click(qtbot, dialog.import_button)
    _wait_task(qtbot, dialog)
    shoot(dialog, name)
    summary = dialog.summary
    dialog.close()
    return summary


def _plan_month(qtbot, window, shoot) -> None:
    window.actions.plan_month.trigger()
    planner = window.office_flow.dialog("plan")
    planner.set_month(clock.office_today()[:7])
    for i in range(planner.districts.count()):  # 迎泽区 this month
        item = planner.districts.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() == "迎泽区"
                           else Qt.CheckState.Unchecked)
    assert {s.code for s in planner.candidates.checked_sites()} == {"YZ-1", "YZ-2"}
    _click(qtbot, planner.save_button)  # one site each, shared by the planner
    shoot(planner, "08-office-plans-the-month")
    planner.close()


def _inspect_and_issue(qtbot, window, laptop: Services, shoot):
    model = window.navigator.model
    rows = [model.overview(r) for r in range(model.rowCount())]
    planned = [r for r in rows if r.priority.value in ("today", "this_month")]
    assert len(planned) == 1, [(r.site.code, r.priority) for r in rows]
    window.start_or_continue(planned[0].site.id)
    view = window.inspection_view
    qtbot.waitUntil(view.criteria.hasFocus)
    qtbot.keyClick(view.criteria, Qt.Key.Key_2)  # the first criterion fails
    shoot(window, "10-A07-inspects")
    window.actions.finish.trigger()
    qtbot.waitExposed(window.summary)
    window.summary.finish_button.click()
    inspection_id = view.inspection_id

    def sign(dialog: SignatureDialog) -> None:  # his own, drawn once, printed on notices
        _draw(dialog.pad, ZIGZAG)
        shoot(dialog, "11a-A07-draws-his-signature")
        _click(qtbot, dialog.ok_button)

    def issue(editor: NoticeEditor) -> None:
        editor.location.setText("步行街北口")
        shoot(editor, "11b-A07-notice-editor")
        editor.accept()

    answers = ModalAnswers((SignatureDialog, sign), (NoticeEditor, issue),
                           (QInputDialog, _type_password(LI_PW)))
    window.summary.notice_button.click()
    qtbot.waitUntil(lambda: window.notice_flow.preview is not None, timeout=TASK_TIMEOUT_MS)
    answers.stop()
    assert not answers.pending
    [notice] = laptop.notices.of_inspection(inspection_id)
    shoot(window.notice_flow.preview, "12-A07-signed-notice")
    return notice


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _column(table, column: int) -> list[str]:
    return [table.proxy.index(r, column).data() for r in range(table.proxy.rowCount())]


# -- the journey -----------------------------------------------------------------------------

@pytest.mark.qt_log_ignore("This plugin does not support")
def test_an_office_and_two_laptops_from_the_windows_alone(qtbot, stores, tmp_path, screenshot):
    open_store, stick = stores
    office = open_store("office")
    _set_up_office(qtbot, office, screenshot)
    at_office = open_window(qtbot, office, office.store.data_dir)
    screenshot(at_office, "01b-office-window")
    _add_auditors(qtbot, at_office, screenshot)
    _import_sites(qtbot, at_office, tmp_path, screenshot)
    _set_notice_settings(qtbot, at_office, screenshot)
    enrolment = _prepare_stick(qtbot, at_office, stick, screenshot)
    fingerprint = authority.fingerprint_text(authority.trusted_authorities(office.store)[0])
    assert fingerprint in enrolment.outcome.text()

    li, zhang = open_store("laptop-li"), open_store("laptop-zhang")
    _join(qtbot, li, stick, "A07", LI_PW, fingerprint, screenshot)
    _join(qtbot, zhang, stick, "A08", ZHANG_PW, fingerprint, screenshot)
    assert {s.code for s in li.sites.search()} == {"YZ-1", "YZ-2", "XD-1", "XD-2"}

    _click(qtbot, enrolment.issue_button)  # the office issues both requests on the drive
    assert "A07 — " in enrolment.outcome.text() and "A08 — " in enrolment.outcome.text()
    screenshot(enrolment, "07-office-issues-the-requests")
    enrolment.close()
    _plan_month(qtbot, at_office, screenshot)
    office_bundle = _export(qtbot, at_office, stick, CLERK_PW, screenshot,
                            "09-office-exports")

    windows = {}
    for staff_no, laptop in (("A07", li), ("A08", zhang)):
        window = windows[staff_no] = open_window(qtbot, laptop, laptop.store.data_dir)
        _import(qtbot, window, office_bundle, None, screenshot, f"09b-{staff_no}-imports")
        assert laptop.credentials.status() == "installed"
        window.navigator.refresh()
        assert _office_menu_absent(window)
    li_window = windows["A07"]
    screenshot(li_window, "09c-A07-window-with-the-plan")

    notice = _inspect_and_issue(qtbot, li_window, li, screenshot)
    assert notice.number == notices.format_number(notices.number_pattern(li.store), PREFIX,
                                                  int(clock.office_today()[:4]), "A07", 1)
    text = _pdf_text(li.notices.pdf_path(notice))
    assert ISSUER in text and notice.number in " ".join(text.split())
    assert li.notices.verify(li.notices.pdf_path(notice)).valid

    li_bundle = _export(qtbot, li_window, stick, LI_PW, screenshot, "13-A07-exports")
    summary = _import(qtbot, at_office, li_bundle, CLERK_PW, screenshot, "14-office-imports")
    assert summary.counts["new"] >= 1 and summary.receipt

    at_office.actions.dashboard.trigger()
    dashboard = at_office.office_flow.dialog("dashboard")
    qtbot.waitUntil(lambda: dashboard.table.proxy.rowCount() == 2, timeout=TASK_TIMEOUT_MS)
    names = _column(dashboard.table, FigureTableModel.NAME)
    assert sorted(names) == ["小店区", "迎泽区"]  # 小店区 too, though not inspected
    yingze = names.index("迎泽区")
    assert dashboard.table.proxy.index(yingze, FigureTableModel.PROBLEMS).data() == "1"
    screenshot(dashboard, "15-office-dashboard")

    at_office.actions.rankings.trigger()
    rankings = at_office.office_flow.dialog("rankings")
    table = rankings.pages["district"].table
    assert _column(table, StandingTableModel.NAME)[0] == "迎泽区"
    units = _column(rankings.pages["unit"].table, StandingTableModel.NAME)
    assert notice.addressee_unit in units
    screenshot(rankings, "16-office-rankings")


def _office_menu_absent(window) -> bool:
    return "创城办(&O)" not in [a.text() for a in window.menuBar().actions()]
