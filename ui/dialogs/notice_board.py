"""The follow-up board: every issued notice, overdue first, and the steps that follow it.

Received, reply received, re-inspection (fixed closes the notice: 销号) and, for
the office, escalation to a bulletin (通报) or the exposure list (曝光台). Filters
by status and a search over number, site, unit and auditor.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model import followup
from model.followup import Escalation
from model.notices import NoticeStatus
from model.services import Services
from ui import notice_batch
from ui.dialogs.reinspection import BeforeAfterDialog, ReinspectionDialog
from ui.itemmodels.notice_model import NoticeTableModel
from ui.labels import word

ALL = ""


class NoticeBoard(QDialog):
    """A non-modal window over the notices; ``flow`` opens previews and the verifier."""

    def __init__(self, services: Services, flow, parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self._flow = services, flow
        self.setWindowTitle(self.tr("Follow-up board"))
        self.resize(1200, 600)
        self.model = NoticeTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = self._table()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search number, site, unit, auditor"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All statuses"), ALL)
        for status in NoticeStatus:
            if status not in (NoticeStatus.RESERVED, NoticeStatus.VOID):
                self.status_filter.addItem(word("notice_status", status.value), status.value)
        self.summary = QLabel(self)
        self.buttons = self._buttons()
        self._lay_out()
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.table.doubleClicked.connect(self._on_open_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        flow.notice_changed.connect(self._on_flow_notice_changed)

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _buttons(self) -> dict[str, QPushButton]:
        buttons = {
            "open": QPushButton(self.tr("&Open"), self),
            "received": QPushButton(self.tr("&Received"), self),
            "replied": QPushButton(self.tr("Reply &received"), self),
            "reinspect": QPushButton(self.tr("Re-&inspect…"), self),
            "before_after": QPushButton(self.tr("&Before / after"), self),
            "escalate": QPushButton(self.tr("&Escalate"), self),
            "print_today": QPushButton(self.tr("Print &today's notices…"), self),
            "verify": QPushButton(self.tr("&Verify a PDF…"), self),
        }
        menu = QMenu(buttons["escalate"])
        for level in Escalation:
            menu.addAction(word("escalation", level.value),
                           lambda level=level: self._escalate(level))
        buttons["escalate"].setMenu(menu)
        buttons["escalate"].setVisible(bool(self._services.user and self._services.user.is_office))
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
        filters.addWidget(self.status_filter)
        actions = QHBoxLayout()
        for button in self.buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(actions)

    def refresh(self) -> None:
        """Reload the notices (after an issue, a step, or a filter change)."""
        wanted = self.status_filter.currentData()
        rows = [r for r in self._services.notice_board()
                if not wanted or r.notice.status.value == wanted]
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.notice.overdue())
        open_count = sum(1 for r in rows if r.notice.is_open)
        self.summary.setText(self.tr("%1 notices · %2 open · %3 overdue")
                             .replace("%1", str(len(rows))).replace("%2", str(open_count))
                             .replace("%3", str(overdue)))
        self.buttons["print_today"].setEnabled(bool(notice_batch.issued_today(self._services)))
        self._update_buttons()

    def _on_flow_notice_changed(self, _notice_id: str) -> None:
        self.refresh()

    def selected_id(self) -> str | None:
        """The id of the selected notice, if any."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(NoticeTableModel.NOTICE_ID_ROLE) if rows else None

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()).notice if rows else None

    def _update_buttons(self, *_args) -> None:
        notice = self._selected()
        steps = followup.NEXT.get(notice.status, set()) if notice is not None else set()
        self.buttons["open"].setEnabled(notice is not None)
        self.buttons["before_after"].setEnabled(notice is not None)
        self.buttons["received"].setEnabled(NoticeStatus.RECEIVED in steps)
        self.buttons["replied"].setEnabled(NoticeStatus.REPLIED in steps)
        self.buttons["escalate"].setEnabled(NoticeStatus.ESCALATED in steps)
        self.buttons["reinspect"].setEnabled(notice is not None and notice.is_open)

    def _on_open_clicked(self, *_args) -> None:
        notice_id = self.selected_id()
        if notice_id:
            self._flow.show_notice(notice_id)

    def _step(self, status: NoticeStatus) -> None:
        notice = self._selected()
        if notice is not None:
            self._services.set_notice_status(notice.id, status.value)
            self.refresh()

    def _escalate(self, level: Escalation) -> None:
        notice = self._selected()
        if notice is not None:
            self._services.escalate_notice(notice.id, level.value)
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
