"""Reporting periods of the office: one month or a run of whole months.

The campaign is run month by month (一月一检查); the dashboard and the
bulletin compare a period with the one just before it, of the same length.
Inspections belong to the month they were started in (``inspection.month``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from model.errors import ValidationError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def check_month(text: str) -> str:
    """Return ``text`` if it is a month ``YYYY-MM``; raise a ValidationError naming it if not."""
    found = _MONTH.match(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise ValidationError(f"'{text}' is not a month; write it as YYYY-MM, e.g. 2026-11.")
    return text.strip()


def shift(month: str, months: int) -> str:
    """Return the month ``months`` after ``month`` (negative: before)."""
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + number - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_span(first: str, last: str) -> int:
    """How many months from ``first`` to ``last``, both included."""
    (y1, m1), (y2, m2) = ((int(p) for p in m.split("-")) for m in (first, last))
    return (y2 * 12 + m2) - (y1 * 12 + m1) + 1


@dataclass(frozen=True)
class Period:
    """Whole months from ``first`` to ``last`` (both ``YYYY-MM``, included)."""

    first: str
    last: str

    @classmethod
    def month(cls, month: str) -> Period:
        """The period of one month."""
        month = check_month(month)
        return cls(month, month)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``YYYY-MM`` or ``YYYY-MM..YYYY-MM``; raise a ValidationError on anything else."""
        first, _, last = text.strip().partition("..")
        period = cls(check_month(first), check_month(last or first))
        if period.length < 1:
            raise ValidationError(f"The period '{text}' ends before it starts; "
                                  "write the earlier month first.")
        return period

    @classmethod
    def current(cls, today: dt.date) -> Period:
        """The month ``today`` is in."""
        return cls.month(f"{today.year:04d}-{today.month:02d}")

    @property
    def length(self) -> int:
        """Number of months in the period."""
        return month_span(self.first, self.last)

    @property
    def months(self) -> list[str]:
        """The months of the period, oldest first."""
        return [shift(self.first, i) for i in range(self.length)]

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(shift(self.first, -self.length), shift(self.first, -1))

    def trailing(self, months: int) -> Period:
        """The ``months`` months ending with this period's last month (for trends)."""
        return Period(shift(self.last, -(months - 1)), self.last)

    def __str__(self) -> str:
        return self.first if self.first == self.last else f"{self.first}..{self.last}"

    @property
    def label_zh(self) -> str:
        """The period as a Chinese heading: 2026年11月, or 2026年9月至11月."""
        def words(month: str, with_year: bool = True) -> str:
            year, number = month.split("-")
            return f"{year}年{int(number)}月" if with_year else f"{int(number)}月"
        if self.first == self.last:
            return words(self.first)
        same_year = self.first[:4] == self.last[:4]
        return f"{words(self.first)}至{words(self.last, with_year=not same_year)}"
