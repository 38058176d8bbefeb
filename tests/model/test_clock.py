"""Times as people read them: in the office's zone, never the computer's."""

import datetime as dt

import pytest

from model.notices import workdays
from model.store import clock


def test_office_text_shows_the_offices_zone_whatever_the_computers(computer_zone):
    assert clock.office_text("2026-11-02T01:17:00+00:00") == "2026-11-02 09:17"
    assert clock.month_of("2026-10-31T16:30:00+00:00") == "2026-11"
    assert clock.office_text(None) == clock.office_text("") == ""


def test_a_naive_time_is_the_offices_wall_clock(computer_zone):
    """A camera set to the local clock writes a bare time: it means the office's time."""
    assert clock.office_text("2026-11-26T13:07:00") == "2026-11-26 13:07"
    assert clock.office_moment("2026-11-26T13:07:00").utcoffset() == dt.timedelta(hours=8)


def test_today_follows_the_office_across_midnight(computer_zone):
    clock.set_fixed(dt.datetime(2026, 11, 30, 17, 0, tzinfo=dt.UTC))  # 01:00 on 1 Dec, Beijing
    assert clock.office_today() == "2026-12-01"
    assert clock.office_date(clock.now()) == dt.date(2026, 12, 1)
    clock.set_zone("Europe/London")
    assert clock.office_today() == "2026-11-30"
    assert clock.month_of(clock.now_iso()) == "2026-11"


def test_deadlines_end_at_midnight_in_the_offices_zone(computer_zone):
    issued = dt.datetime(2026, 11, 26, 4, 59, tzinfo=dt.UTC)
    due = workdays.deadline_for("3wd", issued).due
    assert due.isoformat() == "2026-12-01T23:59:00+08:00"
    clock.set_zone("Asia/Urumqi")
    assert workdays.deadline_for("7d", issued).due.isoformat() == "2026-12-03T23:59:00+06:00"
    immediate = workdays.deadline_for("24h", issued).due
    assert immediate - issued == dt.timedelta(hours=24) and immediate.hour == 10


def test_an_unknown_zone_is_refused_and_the_zone_kept():
    with pytest.raises((KeyError, ValueError)):
        clock.set_zone("Mars/Olympus")
    assert clock.zone().key == clock.DEFAULT_ZONE
