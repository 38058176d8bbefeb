"""The main window: navigator on the left, the open inspection on the right.

A shell that wires the parts together: actions and menus (:mod:`ui.actions`),
the navigator, the inspection view, undo, the screen lock, the finishing
summary and settings. What a user does becomes one call of the services or
of the :class:`ui.results.ResultController`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
)

from model.appinfo import VERSION
from model.inspections.inspections import Outcome, Status
from ui import settings as declared
from ui import theme
from ui.actions import Actions
from ui.busy import busy_cursor
from ui.dialogs.lock import IdleWatcher, LockOverlay
from ui.labels import named
from ui.notice_flow import NoticeFlow
from ui.office_flow import OfficeFlow
from ui.results import ResultController
from ui.screen_fit import centre, resize_to_fit
from ui.settings import Settings
from ui.sync_flow import SyncFlow
from ui.tasks import TaskRunner
from ui.widgets.inspection_view import InspectionView
from ui.widgets.navigator import Navigator
from usecases.services import Services

# The dialogs are imported on first use (ui.warmup loads them once the window is painted): the
# window's start does not wait for them.
if TYPE_CHECKING:
    from ui.dialogs.notice_board import NoticeBoard
    from ui.dialogs.summary import SummaryDialog

STATUS_MESSAGE_MS = 6000


class MainWindow(QMainWindow):
    """The application's top-level window for one signed-in profile."""

    def __init__(self, services: Services, settings: Settings, tasks: TaskRunner):
        super().__init__()
        self._services, self._settings, self._tasks = services, settings, tasks
        self.setWindowTitle(self.tr("CivicAudit"))
        self.actions = Actions(self)
        self.results = ResultController(services, self)
        self.navigator = Navigator(services, self)
        self.inspection_view = InspectionView(services, self.results, self)
        self.inspection_view.editor.evidence.set_tasks(tasks)
        self.lock_overlay = LockOverlay(services, self)
        self._hidden_by_lock: list[QDialog] = []  # other windows, shown again on unlock
        self.switching_user = False  # closed to sign out, not to quit
        self.idle_watcher = IdleWatcher(parent=self)
        QApplication.instance().installEventFilter(self.idle_watcher)
        self.summary: SummaryDialog | None = None
        self.notice_flow = NoticeFlow(services, tasks, self)
        self.notice_board: NoticeBoard | None = None
        self.sync_flow = SyncFlow(services, tasks, self)
        self.office_flow = OfficeFlow(services, tasks, self)
        self.status_label = QLabel(self)
        self._build()
        self._connect()
        self._restore()

    # -- building ---------------------------------------------------------------

    def _build(self) -> None:
        splitter = QSplitter(self)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.inspection_view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 800])
        self.setCentralWidget(splitter)
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.sync_flow.status_label)
        self.inspection_view.criteria.addActions(self.actions.list_actions())
        self._build_menus()

    def _build_menus(self) -> None:
        a = self.actions
        menus = (
            (self.tr("&File"), (a.load_demo, None, a.lock, a.switch_user, a.preferences, None,
                                a.quit)),
            (self.tr("&Edit"), (a.undo, a.redo, None, a.find)),
            (self.tr("&Inspection"), (a.mark_pass, a.mark_fail, a.mark_na, None,
                                      a.more_problems, a.fewer_problems, a.clear, a.edit_texts,
                                      a.next_unanswered, None, a.finish, a.reopen)),
            (self.tr("&Notices"), (a.issue_notice, a.notice_board, None, a.verify_notice)),
            (self.tr("&Sync"), (a.sync_export, a.sync_import, None, a.sync_conflicts, None,
                                a.prune_photos)),
            (self.tr("&Office"), (a.dashboard, a.rankings, None, a.plan_month, a.sites,
                                  a.checklists, None, a.staff, a.enrol_laptops,
                                  a.notice_settings, None, a.office_reports)),
            (self.tr("&View"), (a.large_text,)),
            (self.tr("&Help"), (a.shortcuts, a.about)),
        )
        office = self._services.user.is_office
        for action in (a.dashboard, a.rankings, a.plan_month, a.sites, a.checklists, a.staff,
                       a.enrol_laptops, a.notice_settings, a.office_reports):
            action.setEnabled(office)  # the office's tools: not even their shortcuts otherwise
        for title, actions in menus:
            if actions[0] is a.dashboard and not office:
                continue  # an auditor's window has no 创城办 menu
            menu = self.menuBar().addMenu(title)
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)

    def _connect(self) -> None:
        a, view = self.actions, self.inspection_view
        handlers = {
            a.load_demo: self.load_demo, a.lock: self.lock, a.switch_user: self.switch_user,
            a.preferences: self._on_preferences,
            a.quit: self.close, a.undo: self.results.undo_stack.undo,
            a.redo: self.results.undo_stack.redo, a.find: self._on_find,
            a.mark_pass: lambda: view.mark(Outcome.PASS),
            a.mark_fail: lambda: view.mark(Outcome.FAIL),
            a.mark_na: lambda: view.mark(Outcome.NA),
            a.more_problems: lambda: view.change_instances(1),
            a.fewer_problems: lambda: view.change_instances(-1),
            a.clear: view.clear_current, a.edit_texts: view.edit_texts,
            a.next_unanswered: view.next_unanswered, a.finish: self.finish_inspection,
            a.reopen: self.reopen_inspection, a.shortcuts: self._on_shortcuts,
            a.about: self._on_about, a.issue_notice: self.issue_notice,
            a.notice_board: self.show_notice_board,
            a.verify_notice: lambda: self.notice_flow.verify(),  # not triggered's bool as path
            a.sync_export: self.sync_flow.export, a.sync_import: self.sync_flow.import_bundles,
            a.sync_conflicts: self.sync_flow.show_conflicts,
            a.prune_photos: self.sync_flow.prune_photos,
            a.dashboard: self.office_flow.show_dashboard,
            a.rankings: self.office_flow.show_rankings,
            a.plan_month: self.office_flow.plan_month,
            a.office_reports: self.office_flow.export_reports,
            a.sites: self.office_flow.manage_sites,
            a.checklists: self.office_flow.manage_checklists,
            a.enrol_laptops: self.office_flow.enrol_laptops,
            a.staff: self.office_flow.manage_staff,
            a.notice_settings: self.office_flow.notice_settings,
        }
        for action, handler in handlers.items():
            action.triggered.connect(handler)
        a.large_text.toggled.connect(self.set_large_text)
        stack = self.results.undo_stack
        stack.canUndoChanged.connect(a.undo.setEnabled)
        stack.canRedoChanged.connect(a.redo.setEnabled)
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)
        self.results.result_changed.connect(self._on_results_result_changed)
        self.navigator.site_chosen.connect(self.start_or_continue)
        self.navigator.inspection_chosen.connect(self.open_inspection)
        view.counts_changed.connect(self._update_status)
        view.cursor_moved.connect(self._on_inspection_view_cursor_moved)
        self.idle_watcher.idle_timed_out.connect(self.lock)
        self.lock_overlay.switch_user_requested.connect(self.switch_user)
        self.lock_overlay.unlocked.connect(self._on_lock_overlay_unlocked)
        self.notice_flow.notice_issued.connect(self._on_notice_flow_notice_issued)
        self.sync_flow.data_changed.connect(self._on_sync_flow_data_changed)
        self.office_flow.data_changed.connect(self._on_sync_flow_data_changed)

    def _restore(self) -> None:
        """Bring back geometry, the sunlight mode and the inspection open at the last exit."""
        self.restoreGeometry(self._settings.get(declared.GEOMETRY))
        self.resize(self.size().expandedTo(self.minimumSizeHint()))
        if self._settings.get(declared.GEOMETRY).isEmpty():
            resize_to_fit(self, 1400, 860)
            centre(self)
        self._apply_preferences()
        self.navigator.refresh()
        self._reopen_last_inspection()
        self._update_status()

    def _reopen_last_inspection(self) -> None:
        """Reopen the inspection this profile had open, never another user's, with the cursor
        back on its criterion and in its field (a note being typed when the program died)."""
        owner, _, last = self._settings.get(declared.OPEN_INSPECTION).rpartition(" ")
        if last and owner == self._services.user.id and self._services.inspections.exists(last):
            inspection_id, _, where = self._settings.get(declared.CURSOR).partition(" ")
            code, _, field = where.partition(" ")
            here = inspection_id == last
            self.open_inspection(last, code if here else None)
            if here:
                self.inspection_view.focus_field(field)
        else:
            self.inspection_view.show_inspection(None)

    # -- what the user does -------------------------------------------------------

    def open_inspection(self, inspection_id: str, code: str | None = None) -> None:
        """Show an inspection and remember it at once (a crash reopens it)."""
        self.inspection_view.show_inspection(inspection_id, code)
        self._settings.set(declared.OPEN_INSPECTION, f"{self._services.user.id} {inspection_id}")
        self.navigator.select(inspection_id)
        self.activateWindow()  # back from a question box, the keyboard belongs here again
        self.inspection_view.criteria.setFocus()
        self._update_status()

    def start_or_continue(self, site_id: str) -> None:
        """Continue my open inspection of a site, or start a new one after asking."""
        mine = [i for i in self._services.inspections.listing(site_id=site_id)
                if i.status is Status.IN_PROGRESS and i.auditor_id == self._services.user.id]
        if mine:
            self.open_inspection(mine[0].id)
            return
        site = self._services.sites.get(site_id)
        question = self.tr("Start a new inspection of %1?").replace("%1", f"{site.code} "
                                                                          f"{site.name}")
        if self.confirm(self.tr("New inspection"), question):
            inspection = self._services.inspections.start(site_id)
            self.navigator.refresh()
            self.open_inspection(inspection.id)

    def finish_inspection(self) -> None:
        """Show the summary; finishing locks the inspection."""
        from ui.dialogs.summary import SummaryDialog

        inspection_id = self.inspection_view.inspection_id
        if not inspection_id or not self.inspection_view.editable:
            return
        self.inspection_view.criteria.setFocus()  # ends editing: typed text is stored
        with busy_cursor():
            self.summary = SummaryDialog(self._services.inspections.review(inspection_id), self)
        self.summary.finish_requested.connect(self._on_summary_finish_requested)
        self.summary.notice_requested.connect(self._on_summary_notice_requested)
        self.summary.open()

    def reopen_inspection(self) -> None:
        """Reopen the shown finished inspection, asking for the reason."""
        view = self.inspection_view
        if not view.detail or view.detail.inspection.status is not Status.FINISHED:
            return
        reason = self.ask_text(self.tr("Reopen inspection"),
                               self.tr("Why must this finished inspection change?"))
        if reason:
            self._services.inspections.reopen(view.inspection_id, reason)
            self.results.forget_history()
            view.refresh()
            self.navigator.refresh()

    def load_demo(self) -> None:
        """Load the demo city in the background, then show it."""
        data_dir = self._services.store.data_dir
        self._tasks.run(_load_demo_in_worker, data_dir, title=self.tr("Loading the demo city"),
                        parent_widget=self, on_done=self._on_demo_loaded)

    def lock(self) -> None:
        """Cover the window until the password is given again.

        An open dialog is closed first (everything in it is stored already), so the
        lock is never hidden beneath it and the dialog's data is covered too.
        """
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            modal.reject()
        # the office's windows, the board and drill-downs are windows of their own: hidden
        # while locked (their keys work program-wide), shown again on unlock
        self._hidden_by_lock = [w for w in QApplication.topLevelWidgets()
                                if w is not self and w.isVisible() and w.isWindow()
                                and isinstance(w, QDialog)]
        for other in self._hidden_by_lock:
            other.hide()
        self.lock_overlay.lock()

    def _on_lock_overlay_unlocked(self) -> None:
        for other in self._hidden_by_lock:
            other.show()
        self._hidden_by_lock = []

    def set_large_text(self, large: bool) -> None:
        """Switch the sunlight mode and remember it."""
        theme.apply(QApplication.instance(), large)
        self._settings.set(declared.LARGE_TEXT, large)

    # -- questions (replaceable in tests) -------------------------------------------

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question."""
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str) -> str:
        """Ask for a line of text; empty when cancelled."""
        text, ok = QInputDialog.getText(self, title, label)
        return text.strip() if ok else ""

    # -- slots -------------------------------------------------------------------------

    def _on_results_result_changed(self, inspection_id: str, code: str) -> None:
        if inspection_id != self.inspection_view.inspection_id:
            self.open_inspection(inspection_id, code)  # undo reached another inspection
        else:
            self.inspection_view.criteria.select_code(code)
        self.navigator.update_inspection(inspection_id)

    def _on_summary_finish_requested(self) -> None:
        inspection_id = self.inspection_view.inspection_id
        self._services.inspections.finish(inspection_id)
        self.results.forget_history()
        self.inspection_view.refresh()
        self.navigator.refresh()
        self.summary.show_finished(self._services.inspections.review(inspection_id))

    def _on_summary_notice_requested(self, inspection_id: str, codes: list) -> None:
        self.summary.accept()
        self.notice_flow.issue_for(inspection_id, codes)

    def issue_notice(self) -> None:
        """Issue a notice for the shown inspection, once it is finished."""
        view = self.inspection_view
        if not view.detail or view.detail.inspection.status is not Status.FINISHED:
            self.statusBar().showMessage(self.tr("Finish the inspection first (Ctrl+Enter); "
                                                 "a notice is issued from its failed criteria."),
                                         STATUS_MESSAGE_MS)
            return
        if not any(line.result and line.result.outcome is Outcome.FAIL
                   for line in view.detail.lines):
            self.statusBar().showMessage(self.tr("This inspection has no failed criterion, so "
                                                 "no notice is needed."), STATUS_MESSAGE_MS)
            return
        self.notice_flow.issue_for(view.detail.inspection.id)

    def show_notice_board(self) -> None:
        """Open the follow-up board (every issued notice, overdue first)."""
        from ui.dialogs.notice_board import NoticeBoard

        if self.notice_board is None:
            self.notice_board = NoticeBoard(self._services, self.notice_flow, self)
        self.notice_board.refresh()
        self.notice_board.show()
        self.notice_board.raise_()
        self.notice_board.activateWindow()  # F8 from an office window: the keys come here

    def _on_notice_flow_notice_issued(self, _inspection_id: str, _notice_id: str) -> None:
        self.navigator.refresh()
        if self.notice_board is not None:
            self.notice_board.refresh()

    def _on_sync_flow_data_changed(self) -> None:
        self.results.forget_history()  # undo steps may refer to what the import replaced
        self.inspection_view.refresh()
        self.navigator.refresh()
        if self.notice_board is not None:
            self.notice_board.refresh()

    def _on_demo_loaded(self, _summary) -> None:
        self.navigator.refresh()
        self._update_status()
        self.sync_flow.refresh_status()
        self.statusBar().showMessage(self.tr("Demo city loaded. Password for every demo "
                                             "profile: demo"), 10_000)

    def _on_find(self) -> None:
        self.navigator.search.setFocus()
        self.navigator.search.selectAll()

    def _on_preferences(self) -> None:
        from ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self._settings, self)
        if dialog.exec():
            self._apply_preferences()

    def make_missing_previews(self) -> None:
        """Make the 1600 px previews photos lack (added from the command line, or left by a
        closed program) in the background, quietly."""
        self.inspection_view.editor.evidence.importer.make_previews()

    def _apply_preferences(self) -> None:
        """Put the preferences in force (at the start, and after the dialog's OK)."""
        self.actions.large_text.setChecked(self._settings.get(declared.LARGE_TEXT))
        self.idle_watcher.set_minutes(self._settings.get(declared.IDLE_LOCK_MINUTES))
        self.inspection_view.advance_after_mark = self._settings.get(declared.ADVANCE_AFTER_MARK)
        self.inspection_view.set_show_gloss(self._settings.get(declared.CRITERION_GLOSS))

    def _on_inspection_view_cursor_moved(self, inspection_id: str, code: str,
                                         field: str) -> None:
        where = f"{inspection_id} {code} {field}"
        if where != self._settings.get(declared.CURSOR):  # no disk write for a repeated focus
            self._settings.set(declared.CURSOR, where)

    def _on_shortcuts(self) -> None:
        from ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self.actions, self).open()

    def _on_about(self) -> None:
        QMessageBox.about(self, self.tr("About CivicAudit"),
                          self.tr("%1 %2 — offline field audits for the National Civilized "
                                  "City assessment.").replace("%1", self.tr("CivicAudit"))
                          .replace("%2", VERSION))

    def _update_status(self) -> None:
        user = self._services.user
        who = named(user.name, user.staff_no) if user else ""
        self.status_label.setText(
            who + " · " + self.tr("%n site(s)", "", self.navigator.site_count)
            + " · " + self.tr("Data: %1").replace("%1", str(self._services.store.data_dir)))

    def switch_user(self) -> None:
        """Sign out: the window closes (typed text stored) and the sign-in comes back, for
        this or another profile (see :func:`ui.app.run`)."""
        self.switching_user = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.inspection_view.criteria.setFocus()  # ends editing: typed text is stored
        self._settings.set(declared.GEOMETRY, self.saveGeometry())
        super().closeEvent(event)


def _load_demo_in_worker(data_dir, progress):
    """Runs on a worker thread, with its own connection (SQLite stays on its thread):
    the city and its inspections, then the notices sent from them."""
    worker = Services.open(data_dir)
    try:
        summary = worker.demo.load(progress)
        worker.demo.issue_notices(progress)
        return summary
    finally:
        worker.close()
