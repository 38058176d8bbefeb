"""Every window and dialog fits the smallest screens the program supports: a 1366×768 laptop
and a 1920×1080 screen at 150 % scaling (1280×720 device-independent pixels), each less a
Windows 11 taskbar. Each is opened as the program opens it while ``ui.screen_fit`` reads that
screen's available geometry, and no button or field may lie outside the window or the window
outside the screen: what cannot fit has to scroll."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

import ui
from model.demo import demo
from model.office.dashboard import Scope
from model.office.periods import Period
from tests.helpers import site_line, sites_csv, write_csv
from tests.ui.conftest import open_window
from tests.ui.test_checklist_editions import HEADER as CHECKLIST_HEADER
from tests.ui.test_notice_ui import _editor, _finish_with_fails, _issue
from ui import screen_fit, theme
from ui import settings as declared
from ui.actions import Actions
from ui.camera import CameraDialog, FakeCameraSource
from ui.diagnostics import CrashDialog
from ui.dialogs.annotate import AnnotationEditor
from ui.dialogs.board_actions import ReinspectionPlanDialog
from ui.dialogs.card_import import CardImportDialog
from ui.dialogs.checklist_editions import ChecklistDialog
from ui.dialogs.conflicts import ConflictDialog
from ui.dialogs.dashboard import DashboardDialog
from ui.dialogs.drill_down import DrillDownDialog
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.join_office import JoinOfficeDialog
from ui.dialogs.laptop_enrolment import LaptopEnrolmentDialog
from ui.dialogs.login import ChangePasswordDialog, LoginDialog
from ui.dialogs.month_plan import MonthPlanDialog
from ui.dialogs.notice_board import NoticeBoard
from ui.dialogs.notice_editor import NoticeEditor
from ui.dialogs.notice_preview import NoticePreview
from ui.dialogs.notice_settings import NoticeSettingsDialog
from ui.dialogs.photo_viewer import PhotoViewer
from ui.dialogs.preferences import PreferencesDialog
from ui.dialogs.rankings import NegativeListDialog, RankingsDialog
from ui.dialogs.reinspection import BeforeAfterDialog, ReinspectionDialog
from ui.dialogs.report_export import ReportExportDialog
from ui.dialogs.shortcuts import ShortcutsDialog
from ui.dialogs.signature import SignatureDialog
from ui.dialogs.site_import import SiteImportDialog
from ui.dialogs.staff import StaffDialog
from ui.dialogs.summary import SummaryDialog
from ui.dialogs.sync_export import ExportDialog
from ui.dialogs.sync_import import ImportDialog
from ui.dialogs.task_dialog import TaskDialog
from ui.dialogs.verify import VerifyDialog
from ui.i18n import set_language
from ui.notice_flow import NoticeFlow
from ui.settings import Settings
from ui.tasks import TaskRunner
from usecases.services import Services

BAD_ROWS = 40  # an import file's problems, each named on a line of its own
TASKBAR = 48  # Windows 11's, in device-independent pixels at any scaling
SCREENS = {"1366x768": QRect(0, 0, 1366, 768 - TASKBAR),
           "1920x1080 at 150%": QRect(0, 0, 1280, 720 - TASKBAR)}
LOOKS = {"": False, ", sunlight mode": True}
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit,
            QAbstractItemView)


# -- what is checked -----------------------------------------------------------------------------

def _placed(window: QWidget, screen: QRect) -> QPoint:
    """Where ``window``'s content lands on ``screen``: the window with its frame centred, as
    Qt places a dialog, but never above or left of the screen (it would hide its title bar)."""
    frame = window.rect().marginsAdded(screen_fit.FRAME)
    frame.moveCenter(screen.center())
    frame.moveTopLeft(QPoint(max(frame.left(), screen.left()), max(frame.top(), screen.top())))
    return frame.topLeft() + QPoint(screen_fit.FRAME.left(), screen_fit.FRAME.top())


def _reachable_part(widget: QWidget, window: QWidget) -> tuple[QRect, QRect]:
    """``widget``'s rectangle in ``window``'s coordinates and the part of it not cut off by
    its parents. Inside a scroll area that is the scroll area's: scrolling reaches the rest."""
    while (area := _scroll_area_around(widget, window)) is not None:
        widget = area
    whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    shown, parent = QRect(whole), widget.parentWidget()
    while parent is not None and parent is not window:
        shown &= QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    return whole, shown & window.rect()


def _scroll_area_around(widget: QWidget, window: QWidget) -> QAbstractScrollArea | None:
    """The innermost scroll area whose viewport holds ``widget`` (below ``window``)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return area
        parent = area
    return None


def _out_of_reach(window: QWidget, screen: QRect) -> list[str]:
    """Every visible control of ``window`` (on every tab) cut off or off the screen."""
    found = _controls_out_of_reach(window, screen)
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            found += [f"on the tab {tabs.tabText(index)!r}, {problem}"
                      for problem in _controls_out_of_reach(window, screen)]
        tabs.setCurrentIndex(current)
    return list(dict.fromkeys(found))


def _controls_out_of_reach(window: QWidget, screen: QRect) -> list[str]:
    found, origin = [], _placed(window, screen)
    for control in window.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisible():
            continue
        whole, shown = _reachable_part(control, window)
        name = f"{type(control).__name__} {_label(control)!r}"
        if shown != whole:
            found.append(f"{name} is cut off: {shown.getRect()} of {whole.getRect()} shows")
        elif not screen.contains(whole.translated(origin)):
            found.append(f"{name} is off the screen at {whole.translated(origin).getRect()}")
    return found


def _label(control: QWidget) -> str:
    text = getattr(control, "text", None)
    return (text() if callable(text) else "") or control.objectName() or control.accessibleName()


def _misfits(qtbot, window: QWidget, screen: QRect) -> list[str]:
    """What of ``window``, shown, does not fit ``screen``."""
    if not window.isVisible():
        window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    room, found = screen_fit.room(screen), []
    if window.width() > room.width() or window.height() > room.height():
        found.append(f"the window is {window.width()}×{window.height()}, the screen has room "
                     f"for {room.width()}×{room.height()}")
    return found + _out_of_reach(window, screen)


# -- the screens ---------------------------------------------------------------------------------

@pytest.fixture
def on_screen(monkeypatch):
    """``on_screen(rect)``: from now on windows open on a screen whose available geometry
    is ``rect``."""
    def use(rect: QRect) -> None:
        monkeypatch.setattr(screen_fit, "available_geometry", lambda widget: QRect(rect))
    return use


def _check(qtbot, on_screen, screenshot, name: str, make: Callable[[bool], QWidget]) -> None:
    """Open what ``make(sunlight)`` opens on each small screen, in the normal look and in the
    sunlight mode's large text; fail with every misfit."""
    app, misfits = QApplication.instance(), []
    for look, sunlight in LOOKS.items():
        theme.apply(app, sunlight)  # before the window is made, as at the program's start
        try:
            for label, rect in SCREENS.items():
                on_screen(rect)
                window = make(sunlight)
                qtbot.addWidget(window)
                misfits += [f"{label}{look}: {problem}"
                            for problem in _misfits(qtbot, window, rect)]
                if label == "1366x768" and not sunlight:
                    screenshot(window, name)
                window.hide()  # (closing deletes the photo viewer before qtbot closes it)
                if label == "1366x768" and not sunlight and screenshot.enabled:
                    _shoot_in_english(qtbot, screenshot, name, lambda: make(False))
        finally:
            theme.apply(app, False)
    assert not misfits, f"{name} does not fit:\n" + "\n".join(misfits)


def _shoot_in_english(qtbot, screenshot, name: str, make: Callable[[], QWidget]) -> None:
    """Under ``--screenshot``, the same window made again in English, as ``<name>-en.png``."""
    app = QApplication.instance()
    set_language(app, "en")
    try:
        window = make()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        screenshot(window, f"{name}-en")
        window.hide()
    finally:
        set_language(app, "zh_CN")


# -- the windows and dialogs ---------------------------------------------------------------------

class Scene:
    """What the dialogs open over: the demo city, signed in as auditor A07. A finished
    inspection that failed twice (a photo on the first) and a notice issued from another one
    are made when a dialog first asks for them."""

    def __init__(self, services: Services, data_dir: Path, tmp_path: Path):
        self.services, self.data_dir, self.tmp_path = services, data_dir, tmp_path
        self.host = QWidget()  # a parent for what needs one
        self.opened: list[Services] = []  # over fresh data folders, closed at the end

    @cached_property
    def inspection_id(self) -> str:
        return _finish_with_fails(self.services, self.tmp_path)

    @cached_property
    def notice(self):
        return _issue(self.services, _finish_with_fails(self.services, self.tmp_path, 1))


@pytest.fixture
def scene(demo_services, data_dir, tmp_path):
    made = Scene(demo_services, data_dir, tmp_path)
    yield made
    for services in made.opened:
        services.close()


def _office(scene) -> Services:
    scene.services.login("O01", demo.DEMO_PASSWORD)
    return scene.services


def _refreshed(dialog):
    """As the office's menu opens its windows: with their figures read."""
    dialog.refresh()
    deadline = time.monotonic() + 5
    while getattr(dialog, "refreshing", False) and time.monotonic() < deadline:
        QTest.qWait(10)  # the dashboard reads its figures on a worker thread
    return dialog


def _fresh(scene) -> Services:
    """Services over an empty data folder (the first start)."""
    services = Services.open(scene.tmp_path / f"fresh-{len(scene.opened)}")
    scene.opened.append(services)
    return services


def _photos(scene):
    return scene.services.photos.of(scene.inspection_id)


def _newest_month(services: Services) -> Scope:
    return Scope(Period.month(services.office.months()[0]))


def _notice_editor(scene) -> NoticeEditor:
    return _editor(scene.services, scene.inspection_id)  # as the notice flow opens it


def _preview(scene) -> NoticePreview:
    s, notice = scene.services, scene.notice
    return NoticePreview(s.notices.pdf_path(notice), notice.number, lambda target: target,
                         lambda: None)


def _verified(scene) -> VerifyDialog:
    dialog = VerifyDialog(scene.services.notices.verify)
    dialog.check(scene.services.notices.pdf_path(scene.notice))
    return dialog


def _with_file(dialog, path: Path):
    """An import dialog showing its preview of ``path``."""
    dialog.show_file(path)
    return dialog


def _board(scene) -> NoticeBoard:
    flow = NoticeFlow(scene.services, None, scene.host)
    board = NoticeBoard(scene.services, flow, scene.host)
    board.refresh()
    return board


DIALOGS: dict[str, Callable] = {
    "login": lambda scene: LoginDialog(scene.services),
    "change password": lambda scene: ChangePasswordDialog(scene.services, demo.DEMO_PASSWORD),
    "first run": lambda scene: FirstRunDialog(_fresh(scene)),
    "join office": lambda scene: JoinOfficeDialog(_fresh(scene)),
    "summary": lambda scene: SummaryDialog(scene.services.inspections.review(
        scene.inspection_id)),
    "shortcuts": lambda scene: ShortcutsDialog(Actions(scene.host)),
    "preferences": lambda scene: PreferencesDialog(Settings(scene.data_dir)),
    "notice editor": _notice_editor,
    "notice preview": _preview,
    "verify": lambda scene: VerifyDialog(scene.services.notices.verify),
    "verify, a notice checked": _verified,
    "signature": lambda scene: SignatureDialog("Signature of the unit's representative",
                                               allow_refusal=True, ask_name=True),
    "reinspection": lambda scene: ReinspectionDialog(scene.notice.number, [
        (p.criterion_code, "垃圾桶满溢") for p in scene.notice.problems]),
    "before and after": lambda scene: BeforeAfterDialog(scene.services, scene.notice.id,
                                                        scene.notice.number),
    "follow-up board": _board,
    "re-inspection plan": lambda scene: ReinspectionPlanDialog(
        scene.services.people.auditors(), 3, "A07", dt.date(2026, 5, 6)),
    "photo viewer": lambda scene: PhotoViewer(scene.services, _photos(scene)),
    "annotation editor": lambda scene: AnnotationEditor(scene.services, _photos(scene)[0]),
    "card import": lambda scene: CardImportDialog(scene.services, None, scene.inspection_id,
                                                  volumes=[]),
    "camera": lambda scene: CameraDialog(FakeCameraSource(), scene.tmp_path),
    "sync export": lambda scene: ExportDialog(scene.services, TaskRunner(), volumes=[]),
    "sync import": lambda scene: ImportDialog(scene.services, TaskRunner(), volumes=[]),
    "conflicts": lambda scene: ConflictDialog(scene.services),
    "crash report": lambda scene: CrashDialog("Traceback (most recent call last):\n" * 80,
                                              scene.tmp_path / "crash.log"),
    "dashboard": lambda scene: _refreshed(DashboardDialog(_office(scene), TaskRunner())),
    "drill-down": lambda scene: DrillDownDialog(_office(scene), _newest_month(scene.services),
                                                "2026-05 · 迎泽区"),
    "rankings": lambda scene: _refreshed(RankingsDialog(_office(scene))),
    "negative list": lambda scene: NegativeListDialog(_office(scene)),
    "month plan": lambda scene: _refreshed(MonthPlanDialog(_office(scene))),
    "sites": lambda scene: SiteImportDialog(_office(scene)),
    "sites, a file of bad rows": lambda scene: _with_file(
        SiteImportDialog(_office(scene)), sites_csv(scene.tmp_path, [
            site_line(f"YZ-{n}", site_type="火星站") for n in range(BAD_ROWS)])),
    "checklists": lambda scene: ChecklistDialog(_office(scene)),
    "checklists, a file of bad rows": lambda scene: _with_file(
        ChecklistDialog(_office(scene)), write_csv(scene.tmp_path / "bad.csv", [
            CHECKLIST_HEADER, *(f"TY-X{n},火星,,C08,内容,,,一般," for n in range(BAD_ROWS))])),
    "laptop enrolment": lambda scene: LaptopEnrolmentDialog(_office(scene)),
    "staff": lambda scene: StaffDialog(_office(scene)),
    "notice settings": lambda scene: NoticeSettingsDialog(_office(scene)),
    "office reports": lambda scene: ReportExportDialog(_office(scene), TaskRunner()),
}


def test_every_dialog_of_the_program_is_opened_here():
    defined = set()
    for found in pkgutil.walk_packages(ui.__path__, "ui."):
        module = importlib.import_module(found.name)
        defined |= {kind for _, kind in inspect.getmembers(module, inspect.isclass)
                    if issubclass(kind, QDialog) and kind.__module__ == module.__name__}
    opened = {kind for kind in globals().values() if isinstance(kind, type)}  # imported here
    opened.add(TaskDialog)  # the export and import dialogs' base, not opened itself
    assert not defined - opened, "open it in DIALOGS above"


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_the_small_screens(name, qtbot, scene, on_screen, screenshot):
    _check(qtbot, on_screen, screenshot, name.replace(" ", "-"),
           lambda sunlight: DIALOGS[name](scene))


@pytest.mark.parametrize("who", ["A07", "O01"])
def test_the_main_window_fits_the_small_screens(who, qtbot, demo_services, data_dir, on_screen,
                                                screenshot):
    demo_services.login(who, demo.DEMO_PASSWORD)
    settings = Settings(data_dir)

    def make(sunlight: bool) -> QWidget:
        settings.set(declared.GEOMETRY, QByteArray())  # opened for the first time
        settings.set(declared.LARGE_TEXT, sunlight)
        window = open_window(qtbot, demo_services, data_dir)
        window.start_or_continue(demo_services.sites.search()[0].id)  # an inspection open
        return window
    _check(qtbot, on_screen, screenshot, f"main-window-{who}", make)


def test_the_locked_window_fits_the_small_screens(qtbot, demo_services, data_dir, on_screen,
                                                  screenshot):
    def make(sunlight: bool) -> QWidget:
        Settings(data_dir).set(declared.GEOMETRY, QByteArray())
        window = open_window(qtbot, demo_services, data_dir)
        window.lock()
        return window
    _check(qtbot, on_screen, screenshot, "locked", make)


def test_the_main_window_opens_the_first_time_in_the_middle_of_the_screen(
        qtbot, demo_services, data_dir, on_screen):
    screen = SCREENS["1920x1080 at 150%"]
    on_screen(screen)
    window = open_window(qtbot, demo_services, data_dir)
    with_frame = QRect(window.pos(), window.size().grownBy(screen_fit.FRAME))  # pos: the frame's
    assert screen.contains(with_frame)
    assert window.size() == screen_fit.room(screen)  # 1400×860 asked, all there is given


def test_the_notice_preview_fits_and_scrolls_through_the_pages(qtbot, scene, on_screen):
    screen = SCREENS["1920x1080 at 150%"]
    on_screen(screen)
    preview = _preview(scene)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    assert preview.height() <= screen_fit.room(screen).height()
    view = preview.preview.view
    assert view.height() > screen.height() / 2  # the pages take the room, not the buttons
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the page is longer than the view: it scrolls
    bar.setValue(bar.maximum())
    assert bar.value() == bar.maximum() > 0


# -- the helpers themselves ----------------------------------------------------------------------

def test_the_tests_run_on_a_full_hd_screen(qapp):
    """(conftest.py gives the offscreen platform one: on its own 800×800 screen every window
    of every other test would be shrunk.)"""
    assert qapp.primaryScreen().availableGeometry() == QRect(0, 0, 1920, 1080)


def test_a_window_gets_its_size_or_what_room_the_screen_has(qtbot, on_screen):
    window = QWidget()
    qtbot.addWidget(window)
    on_screen(QRect(0, 0, 2560, 1440 - TASKBAR))
    screen_fit.resize_to_fit(window, 900, 1000)
    assert window.size().toTuple() == (900, 1000)
    on_screen(SCREENS["1366x768"])
    screen_fit.resize_to_fit(window, 900, 1000)
    assert window.size().toTuple() == (900, 768 - TASKBAR - 32 - 8)  # less the title bar


def test_a_scrolling_part_scrolls_to_the_field_that_takes_the_focus(qtbot):
    window, content = QWidget(), QWidget()
    column = QVBoxLayout(content)
    fields = [QLineEdit(content) for _ in range(30)]
    for field in fields:
        column.addWidget(field)
    part = screen_fit.ScrollingPart(content, window)
    QVBoxLayout(window).addWidget(part)
    qtbot.addWidget(window)
    window.resize(300, 200)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    fields[-1].setFocus()  # as a shortcut puts the cursor into a field
    qtbot.waitUntil(lambda: part.verticalScrollBar().value() > 0)
    shown = QRect(fields[-1].mapTo(part.viewport(), QPoint(0, 0)), fields[-1].size())
    assert part.viewport().rect().contains(shown)
    assert part.minimumSizeHint().height() < 200 < part.sizeHint().height()


def test_the_check_sees_a_button_cut_off_and_one_off_the_screen(qtbot):
    window = QWidget()
    box = QWidget(window)
    box.setGeometry(0, 0, 300, 100)
    cut = QPushButton("cut", box)
    cut.setGeometry(10, 80, 80, 30)  # its lower part is outside its parent
    low = QPushButton("low", window)
    low.setGeometry(10, 900, 80, 30)
    window.resize(300, 1000)
    qtbot.addWidget(window)
    found = _misfits(qtbot, window, SCREENS["1366x768"])
    assert len(found) == 3 and found[0].startswith("the window is 300×1000")
    assert "'cut' is cut off" in found[1] and "'low' is off the screen" in found[2]
