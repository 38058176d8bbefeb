"""The follow-up board: every issued notice, overdue first, and the steps that follow it.

Received, reply received, re-inspection (fixed closes the notice: 销号) and, for
the office, actions on several notices at once: assign their re-inspection to an
auditor on a day, or escalate them to a bulletin (通报) or the exposure list
(曝光台). Filters by district, unit, auditor and status, and a search over
number, site, unit and auditor.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.notices import followup
from model.notices.followup import BulkOutcome, Escalation
from model.notices.notices import Notice, NoticeStatus
from model.store import clock
from ui import notice_batch
from ui.columns import fit_columns
from ui.dialogs.board_actions import ReinspectionPlanDialog, refusals_text
from ui.dialogs.reinspection import BeforeAfterDialog, ReinspectionDialog
from ui.itemmodels.notice_model import BoardFilter, NoticeTableModel
from ui.labels import word
from ui.screen_fit import resize_to_fit
from usecases.services import Services

ALL = ""
ADDRESSEE_COLUMN = NoticeTableModel.COLUMNS.index("addressee")  # the long text


class NoticeBoard(QDialog):
    """A non-modal window over the notices; ``flow`` opens previews and the verifier."""

    def __init__(self, services: Services, flow, parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self._flow = services, flow
        self.setWindowTitle(self.tr("Follow-up board"))
        resize_to_fit(self, 1200, 600)
        self.model = NoticeTableModel(self)
        self.proxy = BoardFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._table()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search number, site, unit, auditor"))
        self.search.setClearButtonEnabled(True)
        self.filters = {"district": self._combo(self.tr("All districts")),
                        "unit": self._combo(self.tr("All units")),
                        "auditor": self._combo(self.tr("All auditors")),
                        "status": self._combo(self.tr("All statuses"))}
        self.filters["unit"].setMaximumWidth(280)  # unit names can be long
        self.status_filter = self.filters["status"]
        for status in NoticeStatus:
            if status not in (NoticeStatus.RESERVED, NoticeStatus.VOID):
                self.status_filter.addItem(word("notice_status", status.value), status.value)
        self.summary = QLabel(self)
        self.feedback = QLabel(self)  # what the last bulk action did
        self.feedback.setWordWrap(True)
        self.buttons = self._buttons()
        self._lay_out()
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        for combo in self.filters.values():
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.proxy.rowsInserted.connect(self._update_summary)
        self.proxy.rowsRemoved.connect(self._update_summary)
        self.proxy.modelReset.connect(self._update_summary)
        self.table.doubleClicked.connect(self._on_open_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        flow.notice_changed.connect(self._on_flow_notice_changed)

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, ALL)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.verticalHeader().hide()
        fit_columns(table, stretch=ADDRESSEE_COLUMN, widths={ADDRESSEE_COLUMN: 10})
        return table

    def _buttons(self) -> dict[str, QPushButton]:
        buttons = {
            "open": QPushButton(self.tr("&Open"), self),
            "received": QPushButton(self.tr("&Received"), self),
            "replied": QPushButton(self.tr("Reply &received"), self),
            "reinspect": QPushButton(self.tr("Re-&inspect…"), self),
            "before_after": QPushButton(self.tr("&Before / after"), self),
            "assign": QPushButton(self.tr("&Assign re-inspection…"), self),
            "escalate": QPushButton(self.tr("&Escalate"), self),
            "print_today": QPushButton(self.tr("Print &today's notices…"), self),
            "verify": QPushButton(self.tr("&Verify a PDF…"), self),
        }
        menu = QMenu(buttons["escalate"])
        for level in Escalation:
            menu.addAction(word("escalation", level.value),
                           lambda level=level: self._escalate(level))
        buttons["escalate"].setMenu(menu)
        buttons["escalate"].setToolTip(self.tr("Escalate the selected notices to a bulletin "
                                               "(通报) or the exposure list (曝光台)"))
        buttons["assign"].setToolTip(self.tr("Plan a re-inspection of the selected notices' "
                                             "sites for an auditor on a day"))
        for bulk in ("assign", "escalate"):  # the office's; an auditor does not see them
            buttons[bulk].setVisible(self._is_office())
        buttons["assign"].clicked.connect(self._on_assign_clicked)
        buttons["open"].clicked.connect(self._on_open_clicked)
        buttons["received"].clicked.connect(lambda: self._step(NoticeStatus.RECEIVED))
        buttons["replied"].clicked.connect(lambda: self._step(NoticeStatus.REPLIED))
        buttons["reinspect"].clicked.connect(self._on_reinspect_clicked)
        buttons["before_after"].clicked.connect(self._on_before_after_clicked)
        buttons["print_today"].clicked.connect(lambda: self.print_todays_notices())
        buttons["print_today"].setToolTip(self.tr("A cover list and every notice issued today, "
                                                  "in one print job"))
        buttons["verify"].clicked.connect(lambda: self._flow.verify())
        return buttons

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        for combo in self.filters.values():
            filters.addWidget(combo)
        actions = QHBoxLayout()
        for button in self.buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.feedback)
        layout.addLayout(actions)

    def _is_office(self) -> bool:
        return bool(self._services.user and self._services.user.is_office)

    def refresh(self) -> None:
        """Reload the notices (after an issue, a step, or a bulk action)."""
        rows = self._services.notices.board()
        self.model.set_rows(rows)
        self._fill_filter("district", sorted({r.district for r in rows}))
        self._fill_filter("unit", sorted({r.notice.addressee_unit for r in rows}))
        self._fill_filter("auditor", sorted({r.auditor for r in rows}))
        self._update_summary()
        self.buttons["print_today"].setEnabled(bool(notice_batch.issued_today(self._services)))
        self._update_buttons()

    def _fill_filter(self, name: str, values: list[str]) -> None:
        """Offer the values found on the board, keeping the current choice (even when no row
        has it any more, so a refresh never widens what the user narrowed)."""
        combo = self.filters[name]
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in sorted(set(values) | ({current} if current else set())):
            combo.addItem(value, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _on_filter_changed(self, *_args) -> None:
        self.proxy.set_criteria(**{name: combo.currentData()
                                   for name, combo in self.filters.items()})
        self._update_summary()
        self._update_buttons()

    def _update_summary(self, *_args) -> None:
        """Counts of the rows shown (after filtering), and of the selected ones."""
        shown = [self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                 for r in range(self.proxy.rowCount())]
        text = (self.tr("%n notice(s) · %1 open · %2 overdue", "", len(shown))
                .replace("%1", str(sum(1 for r in shown if r.notice.is_open)))
                .replace("%2", str(sum(1 for r in shown if r.notice.overdue()))))
        chosen = len(self.table.selectionModel().selectedRows())
        if chosen > 1:
            text += self.tr(" · %1 selected").replace("%1", str(chosen))
        self.summary.setText(text)

    def _on_flow_notice_changed(self, _notice_id: str) -> None:
        self.refresh()

    def selected_id(self) -> str | None:
        """The id of the selected notice, when exactly one is selected."""
        notice = self._selected()
        return notice.id if notice is not None else None

    def selected_notices(self) -> list[Notice]:
        """The selected notices, in the board's order."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.row_at(self.proxy.mapToSource(i).row()).notice for i in rows]

    def _selected(self) -> Notice | None:
        """The selected notice when exactly one is selected (steps act on one notice)."""
        chosen = self.selected_notices()
        return chosen[0] if len(chosen) == 1 else None

    def _update_buttons(self, *_args) -> None:
        notice = self._selected()
        steps = followup.NEXT.get(notice.status, set()) if notice is not None else set()
        self.buttons["open"].setEnabled(notice is not None)
        self.buttons["before_after"].setEnabled(notice is not None)
        self.buttons["received"].setEnabled(NoticeStatus.RECEIVED in steps)
        self.buttons["replied"].setEnabled(NoticeStatus.REPLIED in steps)
        self.buttons["reinspect"].setEnabled(notice is not None and notice.is_open)
        chosen = self.selected_notices()
        office = self._is_office()
        self.buttons["escalate"].setEnabled(office and any(
            NoticeStatus.ESCALATED in followup.NEXT.get(n.status, set()) for n in chosen))
        self.buttons["assign"].setEnabled(office and any(n.is_open for n in chosen))
        self._update_summary()

    def _on_open_clicked(self, *_args) -> None:
        notice_id = self.selected_id()
        if notice_id:
            self._flow.show_notice(notice_id)

    def _step(self, status: NoticeStatus) -> None:
        notice = self._selected()
        if notice is not None:
            self._services.notices.set_status(notice.id, status.value)
            self.refresh()

    def confirm(self, title: str, question: str) -> bool:
        """Ask before an action that cannot be undone (tests replace this)."""
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def _escalate(self, level: Escalation) -> None:
        chosen = self.selected_notices()
        if not chosen or not self.confirm(
                self.tr("Escalate"), self.tr("Escalate %n notice(s) to the %1? This is "
                                             "recorded and cannot be undone.", "", len(chosen))
                .replace("%1", word("escalation", level.value))):
            return
        outcome = self._services.notices.escalate_many([n.id for n in chosen], level.value)
        self._report(self.tr("%n notice(s) escalated to the %1.", "", len(outcome.done))
                     .replace("%1", word("escalation", level.value)), outcome, chosen)

    def _on_assign_clicked(self) -> None:
        chosen = self.selected_notices()
        if not chosen:
            return
        issuers = {n.issued_by for n in chosen}
        dialog = ReinspectionPlanDialog(self._services.people.auditors(), len(chosen),
                                        issuers.pop() if len(issuers) == 1 else None,
                                        self._suggested_day(chosen), self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            auditor_id, day = dialog.auditor_id(), dialog.day_text()
            name = dialog.auditor.currentText()
        finally:
            dialog.deleteLater()
        outcome = self._services.notices.assign_reinspections([n.id for n in chosen], auditor_id,
                                                              day)
        self._report(self.tr("Re-inspection of %n notice(s) planned for %1 on %2.", "",
                             len(outcome.done)).replace("%1", name).replace("%2", day),
                     outcome, chosen)

    @staticmethod
    def _suggested_day(chosen: list[Notice]) -> dt.date:
        """The earliest re-inspection day the notices name, not before today."""
        today = dt.date.fromisoformat(clock.office_today())
        days = [dt.date.fromisoformat(n.reinspect_on[:10]) for n in chosen if n.reinspect_on]
        return max(min(days, default=today), today)

    def _report(self, done: str, outcome: BulkOutcome, chosen: list[Notice]) -> None:
        """Say what a bulk action did, under the table, and reload."""
        refused = refusals_text(outcome.refused, {n.id: n.number for n in chosen})
        self.feedback.setText(done + (("\n" + refused) if refused else ""))
        self.refresh()

    def print_todays_notices(self, printer: QPrinter | None = None) -> bool:
        """Print a cover list and every notice issued today in one job, on ``printer`` or
        on one the user chooses (duplex, long edge); False when nothing was printed."""
        rows = notice_batch.issued_today(self._services)
        if not rows:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
            printer.setDocName(self.tr("Notices of the day"))
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return False
        if notice_batch.print_batch(printer, self._services, rows):
            return True
        QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not be used."))
        return False

    def _on_reinspect_clicked(self) -> None:
        notice = self._selected()
        if notice is None:
            return
        texts = self._flow.criterion_texts(notice.inspection_id)
        dialog = ReinspectionDialog(notice.number, [(p.criterion_code, texts.get(
            p.criterion_code, "")) for p in notice.problems], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._flow.reinspect(notice.id, dialog.outcome(), dialog.note(),
                                 dialog.after_files())
        dialog.deleteLater()

    def _on_before_after_clicked(self) -> None:
        notice = self._selected()
        if notice is not None:
            BeforeAfterDialog(self._services, notice.id, notice.number, self).open()
