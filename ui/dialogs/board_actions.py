"""The follow-up board's bulk actions: the re-inspection planner, and the words for what a
bulk action did (how many notices changed, which were left alone and why)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from model.notices.followup import Refusal
from model.people.profiles import Profile
from model.store import clock
from ui import dates
from ui.labels import named

_REFUSALS = {
    Refusal.CLOSED: QT_TRANSLATE_NOOP("BoardActions", "closed already"),
    Refusal.ALREADY_ESCALATED: QT_TRANSLATE_NOOP("BoardActions", "escalated already"),
    Refusal.NOT_FOUND: QT_TRANSLATE_NOOP("BoardActions", "no longer on this computer"),
}


def refusals_text(refused: tuple[tuple[str, Refusal], ...], numbers: dict[str, str]) -> str:
    """"Left as they were: <number> (closed already); …" for a bulk action's refusals,
    or "" when every notice was changed."""
    if not refused:
        return ""
    parts = []
    for notice_id, reason in refused:
        why = QCoreApplication.translate("BoardActions", _REFUSALS[reason])
        parts.append(QCoreApplication.translate("BoardActions", "%1 (%2)", "a notice (why)")
                     .replace("%1", numbers.get(notice_id, notice_id)).replace("%2", why))
    separator = QCoreApplication.translate("BoardActions", "; ")
    return QCoreApplication.translate("BoardActions", "Left as they were: %1").replace(
        "%1", separator.join(parts))


class ReinspectionPlanDialog(QDialog):
    """Choose the auditor and the day for re-inspecting the selected notices' sites."""

    def __init__(self, auditors: list[Profile], count: int, auditor_id: str | None,
                 day: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign re-inspection"))
        self.auditor = QComboBox(self)
        for profile in auditors:
            self.auditor.addItem(named(profile.name, profile.staff_no), profile.id)
        if auditor_id is not None and self.auditor.findData(auditor_id) >= 0:
            self.auditor.setCurrentIndex(self.auditor.findData(auditor_id))
        today = dt.date.fromisoformat(clock.office_today())
        self.day = dates.day_edit(self)
        self.day.setMinimumDate(dates.qdate(today))
        self.day.setDate(dates.qdate(max(day, today)))
        intro = QLabel(self.tr("Plan a re-inspection of the sites of %n notice(s). It appears "
                               "in the auditor's list for that day after the next office "
                               "bundle.", "", count), self)
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(auditors))
        form = QFormLayout()
        form.addRow(self.tr("Auditor"), self.auditor)
        form.addRow(self.tr("Day"), self.day)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def auditor_id(self) -> str:
        """The chosen auditor's profile id."""
        return self.auditor.currentData()

    def day_text(self) -> str:
        """The chosen day, ``YYYY-MM-DD``."""
        return dates.iso(self.day.date())
