"""Rectification deadlines from the office's presets, counting Chinese working days.

A notice's deadline is one of five presets (24 h 立行立改, 3 working days, 7 days,
15 days, or a date the auditor picks). Working days follow the State Council's
calendar as published in ``chinese_calendar``: public holidays are skipped and the
official make-up working days (调休, often a Saturday or Sunday) count. That package
only knows the years it was released for; beyond them a day counts as working when
it is Monday to Friday, and the result says the calendar was not known so the UI
can ask the auditor to check the date.

All dates are in the office's time zone (:func:`model.store.clock.zone`, Beijing time unless
the office sets another): offices work to their own calendar whatever time zone a laptop
is set to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import chinese_calendar

from model.errors import ValidationError
from model.store import clock

END_OF_DAY = dt.time(23, 59)  # in the office's zone
ACCEPTED_FORMS = "24h, 3wd, 7d, 15d or a date as YYYY-MM-DD"


class DeadlinePreset(StrEnum):
    """The deadline choices offered when a notice is issued."""

    IMMEDIATE = "24h"
    WORKDAYS_3 = "3wd"
    DAYS_7 = "7d"
    DAYS_15 = "15d"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Deadline:
    """When a notice's problems must be fixed by.

    ``due`` is timezone-aware in the office's zone: 23:59 on the last day for the
    day presets, exactly 24 hours after issue for :attr:`DeadlinePreset.IMMEDIATE`.
    ``calendar_known`` is False when a working-day count ran into a year the
    holiday calendar has no data for (the count then assumed Monday to Friday).
    """

    preset: DeadlinePreset
    due: dt.datetime
    calendar_known: bool


_CALENDAR_DAYS = {DeadlinePreset.DAYS_7: 7, DeadlinePreset.DAYS_15: 15}
# Presets typed by name; a custom deadline is typed as its date instead.
_NAMED_PRESETS = {p.value: p for p in DeadlinePreset if p is not DeadlinePreset.CUSTOM}


def is_working_day(day: dt.date) -> tuple[bool, bool]:
    """Return (is it a working day?, was the official calendar known for it?)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        # The package raises this for years it has no published schedule for.
        return day.weekday() < 5, False


def add_working_days(start: dt.date, count: int) -> tuple[dt.date, bool]:
    """Return the ``count``-th working day after ``start``, and whether the calendar was known.

    ``start`` itself never counts, so a notice issued on a working day still gets
    ``count`` full working days.
    """
    if count < 0:
        raise ValueError(f"count must not be negative, not {count}")
    day, known = start, True
    while count:
        day += dt.timedelta(days=1)
        working, day_known = is_working_day(day)
        known = known and day_known
        count -= working
    return day, known


def deadline_for(
    preset: DeadlinePreset | str, issued_at: dt.datetime, custom: dt.date | None = None
) -> Deadline:
    """Return the deadline of a notice issued at ``issued_at`` (timezone-aware) with ``preset``.

    ``custom`` is the chosen last day for :attr:`DeadlinePreset.CUSTOM`; it may be
    the issue day itself but not before it.
    """
    preset = _preset(preset)
    if issued_at.tzinfo is None:
        raise ValueError("issued_at must be timezone-aware")
    issued = clock.office_moment(issued_at)
    if preset is DeadlinePreset.IMMEDIATE:
        # 24 real hours (in UTC: wall-clock arithmetic would slip across a DST change)
        due = clock.office_moment(issued_at.astimezone(dt.UTC) + dt.timedelta(hours=24))
        return Deadline(preset, due, True)
    if preset is DeadlinePreset.WORKDAYS_3:
        day, known = add_working_days(issued.date(), 3)
        return Deadline(preset, _end_of(day), known)
    if preset is DeadlinePreset.CUSTOM:
        return Deadline(preset, _end_of(_custom_day(custom, issued.date())), True)
    return Deadline(preset, _end_of(issued.date() + dt.timedelta(_CALENDAR_DAYS[preset])), True)


def default_reinspection(deadline: Deadline) -> dt.date:
    """Return the suggested re-inspection day: the first working day after the due day."""
    day, _known = add_working_days(clock.office_date(deadline.due), 1)
    return day


def parse_deadline_arg(text: str) -> tuple[DeadlinePreset, dt.date | None]:
    """Read a deadline as typed on the command line: a preset name or a date."""
    cleaned = text.strip().lower()
    if cleaned in _NAMED_PRESETS:
        return _NAMED_PRESETS[cleaned], None
    try:
        return DeadlinePreset.CUSTOM, dt.date.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(
            f"“{text}” is not a deadline. Give one of {ACCEPTED_FORMS}."
        ) from None


def _preset(value: DeadlinePreset | str) -> DeadlinePreset:
    """Return ``value`` as a preset, refusing anything that is not one."""
    try:
        return DeadlinePreset(value)
    except ValueError:
        raise ValidationError(
            f"“{value}” is not a deadline preset. Choose one of "
            f"{', '.join(p.value for p in DeadlinePreset)}."
        ) from None


def _custom_day(custom: dt.date | None, issue_day: dt.date) -> dt.date:
    """Return the chosen last day, refusing a missing one or one before the issue day."""
    if custom is None:
        raise ValidationError("A custom deadline needs a date: choose the last day for the fix.")
    if custom < issue_day:
        raise ValidationError(
            f"The deadline {custom.isoformat()} is before the notice's issue date "
            f"{issue_day.isoformat()}. Choose a later date."
        )
    return custom


def _end_of(day: dt.date) -> dt.datetime:
    """Return 23:59 on ``day`` in the office's zone."""
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=clock.zone())
