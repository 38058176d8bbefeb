"""Dates as the program shows and reads them in every language: ISO 8601, ``2026-07-12``.

Qt's date fields follow the locale, which in the English UI (en_US) writes "7/12/26": a
month and a day an auditor can mix up, and not what the notices, the lists and the Chinese
UI write. Every date field is made here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

DAY = "yyyy-MM-dd"
MONTH = "yyyy-MM"


def qdate(day: dt.date | str) -> QDate:
    """A ``datetime.date`` or an ISO text (``2026-07-12``) as a QDate."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return QDate(day.year, day.month, day.day)


def iso(date: QDate) -> str:
    """A QDate as ``YYYY-MM-DD``."""
    return date.toString(DAY)


def iso_month(date: QDate) -> str:
    """A QDate's month as ``YYYY-MM``."""
    return date.toString(MONTH)


def day_edit(parent: QWidget, calendar: bool = True) -> QDateEdit:
    """A date field showing ``YYYY-MM-DD``, with a calendar to pick from."""
    edit = QDateEdit(parent)
    edit.setDisplayFormat(DAY)
    edit.setCalendarPopup(calendar)
    return edit


def month_edit(parent: QWidget) -> QDateEdit:
    """A month field showing ``YYYY-MM`` (the day is the first of the month)."""
    edit = QDateEdit(parent)
    edit.setDisplayFormat(MONTH)
    edit.setCalendarPopup(False)
    return edit
