"""Keyboard shortcuts in every window and dialog the menus open: none bound twice where it works,
and the standard keys and the office's keys reach their actions, from the office's windows too.

A walk triggers every menu command that opens a dialog (answering the modal ones by closing
them) and lists, for each window, the key sequences of the QActions and QShortcuts that work
in it, with the context each works in. Qt itself warns "Ambiguous shortcut overload" when a key
reaches two of them, and a Qt warning fails a test (``qt_log_level_fail`` in pyproject.toml).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget
from shiboken6 import isValid

from model.demo import demo
from tests.ui.conftest import open_window
from tests.ui.test_mainwindow import _start
from tests.ui.test_notice_ui import _finish_with_fails
from ui.dialogs.shortcuts import ShortcutsDialog

# The offscreen platform says so whenever a dialog is brought to the front.
RAISE_UNSUPPORTED = "This plugin does not support raise"
pytestmark = pytest.mark.qt_log_ignore(RAISE_UNSUPPORTED)

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
Context = Qt.ShortcutContext


# -- which keys work where ---------------------------------------------------------------------

@dataclass(frozen=True)
class Binding:
    """One key sequence of one QAction or QShortcut, held through the widget ``via``, and
    where in a window it works: ``widget`` None for the whole window, else that widget (and
    its children if ``children``)."""

    keys: str
    owner: QObject
    via: QWidget
    widget: QWidget | None = None
    children: bool = False

    def clashes_with(self, other: Binding) -> bool:
        """Both work at once: two shortcuts, or one that lists the sequence twice."""
        if self.keys != other.keys:
            return False
        if self.owner is other.owner:
            return self.via is other.via
        return self.overlaps(other)

    def overlaps(self, other: Binding) -> bool:
        if self.widget is None or other.widget is None:
            return True
        return (self.widget is other.widget
                or (self.children and self.widget.isAncestorOf(other.widget))
                or (other.children and other.widget.isAncestorOf(self.widget)))

    def describe(self) -> str:
        what = (self.owner.text() if isinstance(self.owner, QAction)
                else f"QShortcut of {type(self.owner.parent()).__name__}")
        where = "window" if self.widget is None else type(self.widget).__name__
        return f"{what!r} ({where})"


def _widgets(action: QAction):
    """The widgets through which ``action``'s shortcut works, as Qt decides it: a menu's
    action works through the menu bar (or menu) that holds the menu."""
    for holder in action.associatedObjects():
        if isinstance(holder, QMenu):
            yield from _widgets(holder.menuAction())
        elif isinstance(holder, QWidget):
            yield holder


def _shortcut_holders():
    """(QAction or QShortcut, its context, its sequences, the widgets it works through) for
    every one in the application."""
    actions: dict[int, QAction] = {}
    shortcuts: dict[int, QShortcut] = {}
    for top in QApplication.topLevelWidgets():
        actions.update((id(a), a) for a in top.findChildren(QAction))
        shortcuts.update((id(s), s) for s in top.findChildren(QShortcut))
    for widget in QApplication.allWidgets():  # (the main window's ``actions`` is its registry)
        actions.update((id(a), a) for a in QWidget.actions(widget))
    for action in actions.values():
        if isValid(action) and action.shortcuts():
            yield action, action.shortcutContext(), action.shortcuts(), list(_widgets(action))
    for shortcut in shortcuts.values():
        if isValid(shortcut) and shortcut.keys():
            yield shortcut, shortcut.context(), shortcut.keys(), [shortcut.parent()]


def bindings(top: QWidget) -> list[Binding]:
    """Every key sequence that works in the window ``top``."""
    found = []
    for owner, context, sequences, widgets in _shortcut_holders():
        for widget in widgets:
            if context == Context.ApplicationShortcut:
                # another window's, unless that window is hidden or ``top`` blocks it
                works = widget.window().isVisible() and (not top.isModal()
                                                          or widget.window() is top)
            else:
                works = widget.window() is top
            if not works:
                continue
            scoped = context in (Context.WidgetShortcut, Context.WidgetWithChildrenShortcut)
            found += [Binding(s.toString(QKeySequence.SequenceFormat.PortableText), owner,
                              widget, widget if scoped else None,
                              context == Context.WidgetWithChildrenShortcut)
                      for s in sequences]
    return found


def clashes(top: QWidget) -> list[str]:
    """The key sequences that two shortcuts hold where both work in ``top``."""
    found = bindings(top)
    return [f"{type(top).__name__}: {a.keys} is {a.describe()} and {b.describe()}"
            for i, a in enumerate(found) for b in found[i + 1:] if a.clashes_with(b)]


# -- walking every dialog the menus open ------------------------------------------------------

class ModalCloser(QObject):
    """Looks at each modal dialog as it comes up (its shortcuts, its kind), then closes it."""

    def __init__(self):
        super().__init__()
        self.seen: set[str] = set()
        self.clashes: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def look_at(self, top: QWidget) -> None:
        self.seen.add(type(top).__name__)
        self.clashes += clashes(top)

    def _on_timer_timeout(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and modal.isVisible():
            self.look_at(modal)
            modal.reject()

    def stop(self) -> None:
        self._timer.stop()


def _menu_actions(window) -> list[QAction]:
    """What the menus offer, without what ends the session, covers the window or is no
    dialog (the marking keys, the demo, the sunlight look)."""
    a = window.actions
    left_out = {a.quit, a.switch_user, a.lock, a.load_demo, a.large_text, *a.list_actions()}
    return [action for menu in window.menuBar().actions() for action in menu.menu().actions()
            if not action.isSeparator() and action.isEnabled() and action not in left_out]


def walk(window, qtbot) -> ModalCloser:
    """Trigger every menu command; look at every window and dialog it opened, then close it."""
    closer = ModalCloser()
    closer.look_at(window)
    try:
        for action in _menu_actions(window):
            action.trigger()
            qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
            for top in QApplication.topLevelWidgets():
                if top.isVisible() and top is not window and not isinstance(top, QMenu):
                    closer.look_at(top)
                    top.close()
    finally:
        closer.stop()
    return closer


@pytest.fixture
def office(qtbot, demo_services, data_dir):
    """The main window of office clerk O01 over the demo city."""
    demo_services.login("O01", demo.DEMO_PASSWORD)
    return open_window(qtbot, demo_services, data_dir)


COMMON = {"ShortcutsDialog", "PreferencesDialog", "QMessageBox", "NoticeBoard", "VerifyDialog",
          "ExportDialog", "ImportDialog", "ConflictDialog"}
OFFICE = {"DashboardDialog", "RankingsDialog", "MonthPlanDialog", "ReportExportDialog",
          "SiteImportDialog", "ChecklistDialog", "StaffDialog", "NoticeSettingsDialog",
          "LaptopEnrolmentDialog"}


def test_no_key_is_bound_twice_in_the_auditors_windows_and_dialogs(window, qtbot,
                                                                   demo_services, tmp_path):
    _start(window, qtbot)  # an inspection under way: Finish opens the summary
    underway = walk(window, qtbot)
    window.open_inspection(_finish_with_fails(demo_services, tmp_path))
    finished = walk(window, qtbot)  # Reopen asks why; Issue notice starts the notice
    assert underway.clashes + finished.clashes == []
    assert underway.seen >= COMMON | {"SummaryDialog"}, underway.seen
    assert finished.seen >= {"QInputDialog", "NoticeEditor"}, finished.seen


def test_no_key_is_bound_twice_in_the_offices_windows_and_dialogs(office, qtbot):
    walked = walk(office, qtbot)
    assert walked.clashes == []
    assert walked.seen >= COMMON | OFFICE, walked.seen


def test_the_clash_check_sees_a_key_bound_twice_where_both_work(window, qtbot):
    criteria, search = window.inspection_view.criteria, window.navigator.search
    assert clashes(window) == []
    for key, widget in (("F7", criteria), ("F7", search), ("Ctrl+Shift+F7", criteria)):
        shortcut = QShortcut(QKeySequence(key), widget)
        shortcut.setContext(Context.WidgetShortcut)
    assert clashes(window) == []  # each works only where its widget has the keyboard
    QShortcut(QKeySequence("Ctrl+Shift+F7"), window)  # the whole window's
    [clash] = clashes(window)
    assert "Ctrl+Shift+F7" in clash
    listed_twice = QAction("twice", window)
    listed_twice.setShortcuts([QKeySequence("F6"), QKeySequence("F6")])
    window.addAction(listed_twice)
    assert len(clashes(window)) == 2


@pytest.mark.qt_log_ignore(RAISE_UNSUPPORTED, "Ambiguous shortcut overload")
def test_qt_warns_when_a_key_reaches_two_shortcuts(office, qtbot, qtlog):
    office.actions.dashboard.trigger()
    dashboard = office.office_flow.dialog("dashboard")
    qtbot.waitUntil(dashboard.isActiveWindow)
    QShortcut(QKeySequence("Ctrl+Shift+R"), dashboard)  # as the rankings' shortcut
    assert any("Ctrl+Shift+R" in clash for clash in clashes(dashboard))
    QTest.keyClick(QApplication.focusWidget() or dashboard, Qt.Key.Key_R, CTRL | SHIFT)
    assert office.office_flow.dialog("rankings") is None  # Qt runs neither
    assert any("Ambiguous shortcut overload" in r.message for r in qtlog.records)


# -- keys that reach their actions --------------------------------------------------------------

def _press(qtbot, action: QAction, key: Qt.Key, modifiers=NONE) -> None:
    """Press ``key`` where the keyboard is and wait for ``action`` to run."""
    with qtbot.waitSignal(action.triggered, timeout=3000):
        QTest.keyClick(QApplication.focusWidget() or QApplication.activeWindow(), key, modifiers)


def _activate(qtbot, top: QWidget) -> None:
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow)


def _close_shortcut_list(window) -> None:
    [shown] = [d for d in window.findChildren(ShortcutsDialog) if d.isVisible()]
    shown.reject()


def test_standard_keys_reach_their_actions_in_the_main_window(window, qtbot):
    a = window.actions
    view = _start(window, qtbot)
    qtbot.keyClick(view.criteria, Qt.Key.Key_1)  # something to undo
    _press(qtbot, a.undo, Qt.Key.Key_Z, CTRL)
    _press(qtbot, a.redo, Qt.Key.Key_Y, CTRL)
    _press(qtbot, a.undo, Qt.Key.Key_Z, CTRL)
    _press(qtbot, a.redo, Qt.Key.Key_Z, CTRL | SHIFT)
    _press(qtbot, a.shortcuts, Qt.Key.Key_F1)
    _close_shortcut_list(window)
    _activate(qtbot, window)
    _press(qtbot, a.quit, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()


def test_an_auditor_has_no_office_keys(window, qtbot):
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F9)
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_R, CTRL | SHIFT)
    assert window.office_flow.dialog("dashboard") is None
    assert window.office_flow.dialog("rankings") is None


# where each office key leads: (key, modifiers, action name, the dialog it shows)
OFFICE_KEYS = (
    (Qt.Key.Key_F9, NONE, "dashboard", "dashboard"),
    (Qt.Key.Key_R, CTRL | SHIFT, "rankings", "rankings"),
    (Qt.Key.Key_P, CTRL | SHIFT, "plan_month", "plan"),
    (Qt.Key.Key_B, CTRL | SHIFT, "office_reports", "reports"),
)
SOURCES = ("dashboard", "rankings", "plan", "reports", "sites", "checklists", "staff",
           "notice_settings", "enrol")


def _open_office_windows(office) -> None:
    flow = office.office_flow
    for open_it in (flow.show_dashboard, flow.show_rankings, flow.plan_month,
                    flow.export_reports, flow.manage_sites, flow.manage_checklists,
                    flow.manage_staff, flow.notice_settings, flow.enrol_laptops):
        open_it()


def test_office_keys_work_from_the_main_window_and_the_dashboard(office, qtbot):
    a, flow = office.actions, office.office_flow
    _press(qtbot, a.dashboard, Qt.Key.Key_F9)
    dashboard = flow.dialog("dashboard")
    qtbot.waitUntil(dashboard.isActiveWindow)
    _press(qtbot, a.rankings, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(flow.dialog("rankings").isActiveWindow)
    _press(qtbot, a.dashboard, Qt.Key.Key_F9)
    qtbot.waitUntil(dashboard.isActiveWindow)


def test_every_office_window_reaches_every_office_key(office, qtbot):
    a, flow = office.actions, office.office_flow
    _open_office_windows(office)
    for source in SOURCES:
        for key, modifiers, name, shown in OFFICE_KEYS:
            _activate(qtbot, flow.dialog(source))
            _press(qtbot, getattr(a, name), key, modifiers)
            qtbot.waitUntil(flow.dialog(shown).isActiveWindow)


def test_the_global_keys_work_from_an_office_window(office, qtbot):
    a = office.actions
    _press(qtbot, a.dashboard, Qt.Key.Key_F9)
    dashboard = office.office_flow.dialog("dashboard")
    qtbot.waitUntil(dashboard.isActiveWindow)
    _press(qtbot, a.notice_board, Qt.Key.Key_F8)
    qtbot.waitUntil(office.notice_board.isActiveWindow)
    _activate(qtbot, dashboard)
    _press(qtbot, a.shortcuts, Qt.Key.Key_F1)
    _close_shortcut_list(office)
    for large in (True, False):
        _activate(qtbot, dashboard)
        _press(qtbot, a.large_text, Qt.Key.Key_F11)
        assert a.large_text.isChecked() is large
    _activate(qtbot, dashboard)
    _press(qtbot, a.quit, Qt.Key.Key_Q, CTRL)
    assert not office.isVisible()


def test_a_modal_dialog_keeps_the_keys_from_the_windows_behind_it(office, qtbot):
    """While a dialog waits for an answer, F9 must not open the dashboard behind it."""
    dialog = office.sync_flow.export()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F9)
    assert office.office_flow.dialog("dashboard") is None
    dialog.reject()


def test_the_lock_keeps_the_office_keys_from_the_locked_window(office, qtbot):
    office.actions.lock.trigger()
    QTest.keyClick(office.lock_overlay.password_edit, Qt.Key.Key_F9)
    QTest.keyClick(office.lock_overlay.password_edit, Qt.Key.Key_R, CTRL | SHIFT)
    assert office.office_flow.dialog("dashboard") is None
    assert office.office_flow.dialog("rankings") is None


def test_the_lock_hides_the_office_windows_until_unlocked(office, qtbot):
    """Office keys work program-wide, so the lock must not leave an open dashboard usable."""
    office.actions.dashboard.trigger()
    dashboard = office.office_flow.dialog("dashboard")
    qtbot.waitUntil(dashboard.isVisible)
    office.actions.lock.trigger()
    assert not dashboard.isVisible()
    office.lock_overlay.password_edit.setText(demo.DEMO_PASSWORD)
    office.lock_overlay.unlock_button.click()
    qtbot.waitUntil(dashboard.isVisible)
    assert not office.lock_overlay.is_locked()
