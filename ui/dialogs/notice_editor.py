"""Preparing a rectification notice: addressee, problems, photos, deadline, the unit's receipt.

Opened from the finishing summary with a draft the model made from the failed
criteria. The auditor ticks the problems to include, edits each one's location,
description and requirement, picks its photos, chooses a deadline preset (the
due date is worked out with Chinese public holidays), and lets the unit's
representative sign on the pad (or records a refusal). :meth:`NoticeEditor.draft`
returns the edited draft; issuing (number, PDF, signature) happens elsewhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from model.notices.notices import NoticeDraft, ProblemDraft, ReceiptRecord
from model.notices.workdays import DeadlinePreset
from model.store import clock
from ui import dates
from ui.dialogs.signature import SignatureDialog
from ui.screen_fit import ScrollingPart, resize_to_fit

ROLE_CODE = Qt.ItemDataRole.UserRole
THUMB = QSize(120, 90)


class NoticeEditor(QDialog):
    """Edits a :class:`model.notices.notices.NoticeDraft`; Accepted means "issue and sign it"."""

    def __init__(self, draft: NoticeDraft, criterion_texts: dict[str, str],
                 thumbnail_of: Callable[[str], Path],
                 with_deadline: Callable[[NoticeDraft, str], NoticeDraft],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rectification notice"))
        resize_to_fit(self, 1100, 720)
        self._draft, self._texts = draft, criterion_texts
        self._thumbnail_of, self._with_deadline = thumbnail_of, with_deadline
        self._problems = {p.criterion_code: p for p in draft.problems}
        self._current: str | None = None
        self._receipt = ReceiptRecord()
        self._build()
        self._fill()

    # -- building ---------------------------------------------------------------

    def _build(self) -> None:
        self.unit, self.person, self.phone = (QLineEdit(self) for _ in range(3))
        self.problem_list = QListWidget(self)
        self.location = QLineEdit(self)
        self.description = QPlainTextEdit(self)
        self.requirement = QPlainTextEdit(self)
        self.photo_list = QListWidget(self)
        self.photo_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.photo_list.setFlow(QListWidget.Flow.LeftToRight)
        self.photo_list.setWrapping(False)
        self.photo_list.setIconSize(THUMB)
        self.photo_list.setFixedHeight(THUMB.height() + 2 * self.fontMetrics().height() + 28)
        self.preset = QComboBox(self)
        for preset, text in self._preset_texts():
            self.preset.addItem(text, preset.value)
        self.custom_date = dates.day_edit(self)
        today = clock.office_date(clock.now())  # a deadline before it is refused
        self.custom_date.setMinimumDate(dates.qdate(today))
        self.due_label = QLabel(self)
        self.reinspect = dates.day_edit(self)
        self.receipt_label = QLabel(self)
        self.receipt_button = QPushButton(self.tr("Representative &signs…"), self)
        self.buttons = QDialogButtonBox(self)
        self.issue_button = self.buttons.addButton(self.tr("&Issue and sign…"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setToolTip(self.tr("Number, build and digitally sign the notice "
                                             "(Ctrl+Enter)"))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._lay_out()
        self._connect()

    def _preset_texts(self) -> list[tuple[DeadlinePreset, str]]:
        return [(DeadlinePreset.IMMEDIATE, self.tr("24 hours (fix at once)")),
                (DeadlinePreset.WORKDAYS_3, self.tr("3 working days")),
                (DeadlinePreset.DAYS_7, self.tr("7 days")),
                (DeadlinePreset.DAYS_15, self.tr("15 days")),
                (DeadlinePreset.CUSTOM, self.tr("A date…"))]

    def _lay_out(self) -> None:
        addressee = QGroupBox(self.tr("Addressee"), self)
        form = QFormLayout(addressee)
        form.addRow(self.tr("Responsible &unit"), self.unit)
        form.addRow(self.tr("Person in &charge"), self.person)
        form.addRow(self.tr("&Phone"), self.phone)
        problem = QWidget(self)
        detail = QFormLayout(problem)
        detail.addRow(self.tr("&Location"), self.location)
        detail.addRow(self.tr("&Description"), self.description)
        detail.addRow(self.tr("&Requirement"), self.requirement)
        detail.addRow(self.tr("Photos"), self.photo_list)
        splitter = QSplitter(self)
        splitter.addWidget(self.problem_list)
        splitter.addWidget(problem)
        splitter.setSizes([380, 700])
        problems = QGroupBox(self.tr("Problems (tick those the notice lists)"), self)
        QVBoxLayout(problems).addWidget(splitter)
        deadline = QGroupBox(self.tr("Deadline and re-inspection"), self)
        row = QHBoxLayout(deadline)
        for widget in (QLabel(self.tr("Deadline"), self), self.preset, self.custom_date,
                       self.due_label):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Re-inspection on"), self))
        row.addWidget(self.reinspect)
        receipt = QHBoxLayout()
        receipt.addWidget(self.receipt_label, 1)
        receipt.addWidget(self.receipt_button)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(addressee)
        column.addWidget(problems, 1)
        column.addWidget(deadline)
        column.addLayout(receipt)
        layout = QVBoxLayout(self)
        layout.addWidget(ScrollingPart(body, self), 1)  # a small screen scrolls, the buttons stay
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.problem_list.currentItemChanged.connect(self._on_problem_list_current_changed)
        self.problem_list.itemChanged.connect(self._on_problem_list_item_changed)
        self.preset.currentIndexChanged.connect(self._on_deadline_changed)
        self.custom_date.dateChanged.connect(self._on_deadline_changed)
        self.receipt_button.clicked.connect(self._on_receipt_button_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._on_issue_shortcut)

    def _fill(self) -> None:
        d = self._draft
        self.unit.setText(d.addressee_unit)
        self.person.setText(d.addressee_person)
        self.phone.setText(d.addressee_phone)
        for problem in d.problems:
            text = f"{problem.criterion_code}  {self._texts.get(problem.criterion_code, '')}"
            item = QListWidgetItem(text, self.problem_list)
            item.setData(ROLE_CODE, problem.criterion_code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(self._texts.get(problem.criterion_code, ""))
        self.custom_date.setDate(self.custom_date.minimumDate().addDays(7))  # office's day
        self.preset.setCurrentIndex(max(0, self.preset.findData(d.deadline_preset)))
        self._show_deadline(d)
        self._show_receipt()
        self.problem_list.setCurrentRow(0)
        self._update_issue_button()

    # -- the problem being edited ----------------------------------------------------

    def _on_problem_list_current_changed(self, current: QListWidgetItem | None,
                                         _previous) -> None:
        self._keep_current()
        self._current = current.data(ROLE_CODE) if current else None
        problem = self._problems.get(self._current)
        for widget in (self.location, self.description, self.requirement, self.photo_list):
            widget.setEnabled(problem is not None)
        if problem is None:
            return
        self.location.setText(problem.location)
        self.description.setPlainText(problem.description)
        self.requirement.setPlainText(problem.requirement)
        self._show_photos(problem)

    def _show_photos(self, problem: ProblemDraft) -> None:
        self.photo_list.clear()
        everything = next(p for p in self._draft.problems
                          if p.criterion_code == problem.criterion_code).photo_ids
        for index, photo_id in enumerate(everything, start=1):
            item = QListWidgetItem(QIcon(QPixmap(str(self._thumbnail_of(photo_id)))),
                                   self.tr("Photo %1").replace("%1", str(index)),
                                   self.photo_list)
            item.setData(ROLE_CODE, photo_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = photo_id in problem.photo_ids
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def _keep_current(self) -> None:
        """Store the edits of the problem being left."""
        if self._current is None:
            return
        photos = tuple(self.photo_list.item(i).data(ROLE_CODE)
                       for i in range(self.photo_list.count())
                       if self.photo_list.item(i).checkState() == Qt.CheckState.Checked)
        self._problems[self._current] = dataclasses.replace(
            self._problems[self._current], location=self.location.text(),
            description=self.description.toPlainText(),
            requirement=self.requirement.toPlainText(), photo_ids=photos)

    def _on_problem_list_item_changed(self, _item: QListWidgetItem) -> None:
        self._update_issue_button()

    def _chosen_codes(self) -> list[str]:
        return [self.problem_list.item(i).data(ROLE_CODE) for i in range(self.problem_list.count())
                if self.problem_list.item(i).checkState() == Qt.CheckState.Checked]

    def _update_issue_button(self) -> None:
        self.issue_button.setEnabled(bool(self._chosen_codes()))

    # -- deadline ----------------------------------------------------------------------

    def _deadline_text(self) -> str:
        preset = self.preset.currentData()
        if preset == DeadlinePreset.CUSTOM.value:
            return dates.iso(self.custom_date.date())
        return preset

    def _on_deadline_changed(self, *_args) -> None:
        self.custom_date.setVisible(self.preset.currentData() == DeadlinePreset.CUSTOM.value)
        self._draft = self._with_deadline(self._draft, self._deadline_text())
        self._show_deadline(self._draft)

    def _show_deadline(self, draft: NoticeDraft) -> None:
        self.custom_date.setVisible(draft.deadline_preset == DeadlinePreset.CUSTOM.value)
        if draft.deadline:
            due = dt.datetime.fromisoformat(draft.deadline)
            self.due_label.setText(self.tr("due %1").replace("%1", due.strftime("%Y-%m-%d %H:%M")))
        if draft.reinspect_on:
            self.reinspect.setDate(dates.qdate(draft.reinspect_on))

    # -- receipt ------------------------------------------------------------------------

    def _on_receipt_button_clicked(self) -> None:
        dialog = SignatureDialog(self.tr("Signature of the unit's representative"),
                                 allow_refusal=True, ask_name=True, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._receipt = ReceiptRecord(dialog.signer_name(), clock.office_today(),
                                      dialog.refused(), dialog.png_bytes())
        self._show_receipt()

    def _show_receipt(self) -> None:
        r = self._receipt
        if r.refused:
            text = self.tr("Receipt: %1 refused to sign (recorded on the notice).")
        elif r.signature_png:
            text = self.tr("Receipt: signed by %1.")
        else:
            text = self.tr("Receipt: not signed yet (the unit can sign the printed copy).")
        self.receipt_label.setText(text.replace("%1", r.signer or self.tr("the representative")))

    # -- result ----------------------------------------------------------------------------

    def _on_issue_shortcut(self) -> None:
        if self.issue_button.isEnabled():
            self.accept()

    def draft(self) -> NoticeDraft:
        """The edited draft: chosen problems in checklist order, addressee, dates, receipt."""
        self._keep_current()
        chosen = self._chosen_codes()
        return dataclasses.replace(
            self._draft, addressee_unit=self.unit.text(), addressee_person=self.person.text(),
            addressee_phone=self.phone.text(),
            problems=tuple(self._problems[code] for code in chosen),
            reinspect_on=dates.iso(self.reinspect.date()), receipt=self._receipt)
