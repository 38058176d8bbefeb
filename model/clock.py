"""Wall-clock time for records, as ISO-8601 text in UTC.

Kept in one place so tests and the demo can pin "now".
"""

from __future__ import annotations

import datetime as dt

CST = dt.timezone(dt.timedelta(hours=8), "CST")  # China Standard Time: the offices' calendar
_fixed: dt.datetime | None = None


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


def month_of(iso_time: str) -> str:
    """Return the ``YYYY-MM`` month of an ISO time, in China Standard Time.

    Months are the office's reporting periods; an inspection at 07:30 Beijing
    time on the 1st belongs to that month even though it is still the previous
    day in UTC.
    """
    moment = dt.datetime.fromisoformat(iso_time)
    return moment.astimezone(CST).strftime("%Y-%m")


def local_today() -> str:
    """Return today's date in this computer's time zone, as ``YYYY-MM-DD``."""
    return now().astimezone().date().isoformat()


def local_text(iso_time: str | None) -> str:
    """Return an ISO time as ``YYYY-MM-DD HH:MM`` in this computer's time zone (for display)."""
    if not iso_time:
        return ""
    return dt.datetime.fromisoformat(iso_time).astimezone().strftime("%Y-%m-%d %H:%M")
