"""Wall-clock time: records keep ISO-8601 text in UTC, people read it in the office's zone.

Kept in one place so tests and the demo can pin "now", and so that every printed or shown
time (notice, photo caption and stamp, spreadsheet, screen) uses the same zone: the
office's (an IANA name kept in the store, see :mod:`model.store.timezone`), never the zone this
computer happens to be set to. The zone is process-wide, like :func:`set_fixed`; the
services set it when they open a store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Shanghai"
# A fixed +08:00, for building Beijing wall-clock moments (tests, benchmarks); to print or
# show a time use office_moment(), which follows the office's zone.
CST = dt.timezone(dt.timedelta(hours=8), "CST")
_fixed: dt.datetime | None = None
_zone: ZoneInfo = ZoneInfo(DEFAULT_ZONE)


def now() -> dt.datetime:
    """Return the current time, timezone-aware (UTC), to the second."""
    if _fixed is not None:
        return _fixed
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def now_iso() -> str:
    """Return :func:`now` as ISO-8601 text, e.g. ``2026-11-26T07:30:00+00:00``."""
    return now().isoformat()


def set_fixed(moment: dt.datetime | None) -> None:
    """Pin :func:`now` to ``moment`` (``None`` releases it)."""
    global _fixed
    _fixed = moment


@contextlib.contextmanager
def pinned(moment: dt.datetime) -> Iterator[None]:
    """Pin :func:`now` to ``moment`` for a block, then restore what was there (pinned or not)."""
    before = _fixed
    set_fixed(moment)
    try:
        yield
    finally:
        set_fixed(before)


def set_zone(name: str) -> None:
    """Make ``name`` (an IANA zone, e.g. ``Asia/Shanghai``) the zone times are read in.

    Raises ``zoneinfo.ZoneInfoNotFoundError`` (a ``KeyError``) or ``ValueError`` for a
    name that is not a zone; :func:`model.store.timezone.check_zone` words that for people.
    """
    global _zone
    _zone = ZoneInfo(name)


def zone() -> ZoneInfo:
    """The office's time zone, in which every time is printed and shown."""
    return _zone


def office_moment(moment: dt.datetime | str) -> dt.datetime:
    """A moment (or ISO time) as an aware time in the office's zone.

    A naive time is taken as wall-clock time in the office's zone: that is what a
    camera set to the local clock writes into a photo's EXIF.
    """
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_zone)
    return moment.astimezone(_zone)


def month_of(iso_time: str) -> str:
    """Return the ``YYYY-MM`` month of an ISO time, in the office's zone.

    Months are the office's reporting periods; an inspection at 07:30 Beijing
    time on the 1st belongs to that month even though it is still the previous
    day in UTC.
    """
    return office_moment(iso_time).strftime("%Y-%m")


def office_date(moment: dt.datetime | str) -> dt.date:
    """The office's calendar date of a moment (or ISO time)."""
    return office_moment(moment).date()


def office_today() -> str:
    """Return today's date in the office's zone, as ``YYYY-MM-DD``."""
    return office_date(now()).isoformat()


def office_text(iso_time: str | None) -> str:
    """Return an ISO time as ``YYYY-MM-DD HH:MM`` in the office's zone (for display)."""
    if not iso_time:
        return ""
    return office_moment(iso_time).strftime("%Y-%m-%d %H:%M")
