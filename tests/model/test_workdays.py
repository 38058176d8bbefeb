import dataclasses
import datetime as dt

import pytest

from model.errors import ValidationError
from model.notices.workdays import (
    Deadline,
    DeadlinePreset,
    add_working_days,
    deadline_for,
    default_reinspection,
    is_working_day,
    parse_deadline_arg,
)
from model.store.clock import CST

D = dt.date


def _cst(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=CST)


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 23, 59, tzinfo=CST)


# -- the calendar --------------------------------------------------------------------


@pytest.mark.parametrize(("day", "expected"), [
    (D(2026, 9, 30), (True, True)),    # Wednesday before 国庆
    (D(2026, 10, 1), (False, True)),   # 国庆 on a Thursday
    (D(2026, 10, 7), (False, True)),   # last day of the National Day week, a Wednesday
    (D(2026, 10, 10), (True, True)),   # Saturday made a working day (调休)
    (D(2026, 9, 20), (True, True)),    # Sunday made a working day (调休)
    (D(2026, 9, 25), (False, True)),   # 中秋 on a Friday
    (D(2026, 9, 26), (False, True)),   # an ordinary Saturday
    (D(2027, 1, 1), (True, False)),    # beyond the calendar's data: Monday to Friday
    (D(2027, 1, 2), (False, False)),
])
def test_working_days_follow_the_official_calendar(day, expected):
    assert is_working_day(day) == expected


def test_counting_across_national_day_ends_on_the_make_up_saturday():
    # 30 Sep (Wed) → 1–7 Oct off → 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, 调休).
    assert add_working_days(D(2026, 9, 30), 3) == (D(2026, 10, 10), True)


def test_counting_from_a_friday_skips_the_weekend():
    assert add_working_days(D(2026, 6, 5), 3) == (D(2026, 6, 10), True)


def test_counting_from_a_friday_counts_a_make_up_sunday():
    # 18 Sep (Fri) → 20 Sep (Sun, 调休), 21 Sep (Mon), 22 Sep (Tue).
    assert add_working_days(D(2026, 9, 18), 3) == (D(2026, 9, 22), True)


def test_counting_into_an_unknown_year_says_so():
    # 30 and 31 Dec are known working days; 1 Jan 2027 is only assumed to be one.
    assert add_working_days(D(2026, 12, 29), 3) == (D(2027, 1, 1), False)
    assert add_working_days(D(2026, 12, 31), 3) == (D(2027, 1, 5), False)
    assert add_working_days(D(2026, 12, 28), 3) == (D(2026, 12, 31), True)


def test_zero_working_days_is_the_start_day_and_negative_counts_are_bugs():
    assert add_working_days(D(2026, 10, 1), 0) == (D(2026, 10, 1), True)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 10, 1), -1)


# -- deadlines -----------------------------------------------------------------------


def test_three_working_days_end_at_2359_beijing_time():
    deadline = deadline_for(DeadlinePreset.WORKDAYS_3, _cst(2026, 9, 30))
    assert deadline == Deadline(DeadlinePreset.WORKDAYS_3, _end_of(D(2026, 10, 10)), True)
    assert deadline.due.utcoffset() == dt.timedelta(hours=8)


def test_a_three_working_day_deadline_into_2027_is_marked_unknown():
    deadline = deadline_for("3wd", _cst(2026, 12, 29))
    assert deadline.due == _end_of(D(2027, 1, 1))
    assert deadline.calendar_known is False


def test_immediate_is_24_hours_after_issue():
    issued = dt.datetime(2026, 9, 30, 2, 30, tzinfo=dt.UTC)
    deadline = deadline_for(DeadlinePreset.IMMEDIATE, issued)
    assert deadline.due == issued + dt.timedelta(hours=24)
    assert deadline.due.isoformat() == "2026-10-01T10:30:00+08:00"
    assert deadline.calendar_known


@pytest.mark.parametrize(("preset", "due_day"), [
    (DeadlinePreset.DAYS_7, D(2026, 10, 7)),
    (DeadlinePreset.DAYS_15, D(2026, 10, 15)),
])
def test_day_presets_count_calendar_days_holidays_included(preset, due_day):
    assert deadline_for(preset, _cst(2026, 9, 30)).due == _end_of(due_day)


def test_the_issue_day_is_the_beijing_date_not_the_utc_date():
    # 17:30 UTC on 30 Sep is already 01:30 on 1 Oct in Beijing.
    issued = dt.datetime(2026, 9, 30, 17, 30, tzinfo=dt.UTC)
    assert deadline_for(DeadlinePreset.DAYS_7, issued).due == _end_of(D(2026, 10, 8))
    # From 1 Oct (a holiday) the third working day is 10 Oct, as from 30 Sep.
    assert deadline_for(DeadlinePreset.WORKDAYS_3, issued).due == _end_of(D(2026, 10, 10))


def test_a_custom_deadline_is_the_chosen_day():
    deadline = deadline_for(DeadlinePreset.CUSTOM, _cst(2026, 9, 30), D(2026, 10, 20))
    assert deadline == Deadline(DeadlinePreset.CUSTOM, _end_of(D(2026, 10, 20)), True)
    assert deadline_for("custom", _cst(2026, 9, 30), D(2026, 9, 30)).due == _end_of(D(2026, 9, 30))


def test_a_custom_deadline_needs_a_day_not_before_the_issue_date():
    with pytest.raises(ValidationError, match="needs a date"):
        deadline_for(DeadlinePreset.CUSTOM, _cst(2026, 9, 30))
    with pytest.raises(ValidationError, match=r"2026-09-29.*before"):
        deadline_for(DeadlinePreset.CUSTOM, _cst(2026, 9, 30), D(2026, 9, 29))


def test_an_unknown_preset_is_refused_naming_the_choices():
    with pytest.raises(ValidationError, match=r"5d.*24h, 3wd, 7d, 15d, custom"):
        deadline_for("5d", _cst(2026, 9, 30))


def test_a_time_without_a_zone_is_a_bug():
    with pytest.raises(ValueError, match="timezone"):
        deadline_for(DeadlinePreset.DAYS_7, dt.datetime(2026, 9, 30, 10, 0))


def test_a_deadline_cannot_be_changed_in_place():
    deadline = deadline_for(DeadlinePreset.DAYS_7, _cst(2026, 9, 30))
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.due = _cst(2026, 12, 1)  # type: ignore[misc]


# -- re-inspection -------------------------------------------------------------------


def test_reinspection_is_the_first_working_day_after_the_due_day():
    # Due Saturday 10 Oct (a make-up working day); Sunday 11 Oct is off.
    assert default_reinspection(deadline_for("3wd", _cst(2026, 9, 30))) == D(2026, 10, 12)
    # Due 1 Oct 10:30 (24 h); the holiday week runs to 7 Oct.
    issued = dt.datetime(2026, 9, 30, 2, 30, tzinfo=dt.UTC)
    assert default_reinspection(deadline_for("24h", issued)) == D(2026, 10, 8)
    # Due Friday 6 Nov (7 days) → Monday 9 Nov.
    assert default_reinspection(deadline_for("7d", _cst(2026, 10, 30))) == D(2026, 11, 9)


# -- the command-line form -----------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("24h", (DeadlinePreset.IMMEDIATE, None)),
    ("3wd", (DeadlinePreset.WORKDAYS_3, None)),
    (" 7D ", (DeadlinePreset.DAYS_7, None)),
    ("15d", (DeadlinePreset.DAYS_15, None)),
    ("2026-10-20", (DeadlinePreset.CUSTOM, D(2026, 10, 20))),
])
def test_deadline_arguments_are_read(text, expected):
    assert parse_deadline_arg(text) == expected


@pytest.mark.parametrize("text", ["custom", "tomorrow", "2026-02-30", "", "3"])
def test_other_deadline_arguments_are_refused_with_the_accepted_forms(text):
    with pytest.raises(ValidationError, match="24h, 3wd, 7d, 15d or a date as YYYY-MM-DD"):
        parse_deadline_arg(text)
