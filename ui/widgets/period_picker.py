"""Choosing the office's reporting period: one month, or a run of months.

Two editable combo boxes list the months that have finished inspections
(newest first); "to" is off for a single month. A month can also be typed
(``2026-11``), including one without data: the screens then say so. The picker
starts on the newest month with data, or the current month when there is none.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from model.errors import ValidationError
from model.office.periods import Period
from model.store import clock

_TYPING = QRegularExpression(r"^\d{0,4}(-\d{0,2})?$")
_INVALID_STYLE = "QComboBox { border: 2px solid #b3261e; }"


class PeriodPicker(QWidget):
    """A month, or a range of months when "to" is ticked; emits ``period_changed``."""

    period_changed = Signal(object)  # the new Period

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.first = self._month_box()
        self.range_check = QCheckBox(self.tr("&to"), self)
        self.range_check.setToolTip(self.tr("Tick to choose a run of months"))
        self.last = self._month_box()
        self.last.setEnabled(False)
        label = QLabel(self.tr("&Period:"), self)
        label.setBuddy(self.first)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (label, self.first, self.range_check, self.last):
            layout.addWidget(widget)
        self._emitted: Period | None = None
        self.range_check.toggled.connect(self._on_range_check_toggled)

    def _month_box(self) -> QComboBox:
        box = QComboBox(self)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.setMinimumContentsLength(7)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.lineEdit().setValidator(QRegularExpressionValidator(_TYPING, box))
        box.lineEdit().setPlaceholderText("YYYY-MM")
        box.setToolTip(self.tr("Choose a month with inspections, or type one as YYYY-MM"))
        box.textActivated.connect(self._on_month_chosen)
        box.lineEdit().editingFinished.connect(self._on_month_chosen)
        return box

    def set_months(self, months: list[str], today: dt.date | None = None) -> None:
        """List ``months`` (newest first); the first call also chooses the newest one."""
        first_time = self.first.count() == 0 and not self.first.currentText()
        for box in (self.first, self.last):
            text = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItems(months)
            box.setEditText(text)
            box.blockSignals(False)
        if first_time:
            newest = months[0] if months else str(Period.current(
                today or dt.date.fromisoformat(clock.office_today())))
            self.set_period(Period.month(newest))

    def set_period(self, period: Period) -> None:
        """Show ``period`` (without emitting ``period_changed``)."""
        self.range_check.blockSignals(True)
        self.range_check.setChecked(period.length > 1)
        self.range_check.blockSignals(False)
        self.last.setEnabled(period.length > 1)
        self.first.setEditText(period.first)
        self.last.setEditText(period.last)
        self._emitted = period
        self._mark(True)

    def period(self) -> Period | None:
        """The period shown, or None while what is typed is not a period."""
        last = self.last.currentText() if self.range_check.isChecked() else ""
        try:
            return Period.parse(f"{self.first.currentText()}..{last}" if last
                                else self.first.currentText())
        except ValidationError:
            return None

    def _on_range_check_toggled(self, checked: bool) -> None:
        self.last.setEnabled(checked)
        if checked and self.period() is None:  # start the range at the chosen month
            self.last.setEditText(self.first.currentText())
        self._on_month_chosen()

    def _on_month_chosen(self, *_args) -> None:
        if not self.range_check.isChecked():  # a single month: "to" follows it
            self.last.setEditText(self.first.currentText())
        period = self.period()
        self._mark(period is not None)
        if period is not None and period != self._emitted:
            self._emitted = period
            self.period_changed.emit(period)

    def _mark(self, valid: bool) -> None:
        """Outline the boxes in red while they do not hold a period, and say why."""
        self.setStyleSheet("" if valid else _INVALID_STYLE)
        self.setToolTip("" if valid else self.tr(
            "Write months as YYYY-MM; a range must not end before it starts."))
