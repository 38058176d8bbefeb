"""The office's tables: rates per group (:class:`model.office.dashboard.Figure`) and standings.

Both models hold a plain list of frozen values from ``services.office`` and
are replaced whole on refresh (a few dozen rows). ``SORT_ROLE`` gives a number
for every cell so a :class:`~PySide6.QtCore.QSortFilterProxyModel` sorts rates
and ranks as numbers, with unknown values (shown as "—") last.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from model.office.dashboard import Figure
from model.office.negative_list import Hit
from model.office.rankings import Standing
from ui.itemmodels.row_table import Index, RowTable

GOOD_COLOUR = QColor("#1b6e20")
BAD_COLOUR = QColor("#b3261e")
LAST_PLACE_BACKGROUND = QColor("#f9dedc")
LAST_PLACE_TEXT = QColor("#410e0b")
NONE_TEXT = "—"
UNKNOWN_LAST = -1e9  # sort value of an unknown figure: after every real one, sorted descending
UNRANKED_LAST = 1e9  # ranks sort ascending
ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def percent(rate: float | None) -> str:
    """A rate as ``96.6%``; an unknown rate (nothing applicable) as "—"."""
    return NONE_TEXT if rate is None else f"{rate * 100:.1f}%"


def points_change(change: float | None) -> str:
    """A change of a rate in percentage points, with an arrow: ``▲1.7``, ``▼0.4``, ``0.0``."""
    if change is None:
        return NONE_TEXT
    points = round(change * 100, 1)
    if points == 0:
        return "0.0"
    return f"{'▲' if points > 0 else '▼'}{abs(points):.1f}"


def rank_change_text(change: int | None) -> str:
    """Places gained or lost: ``↑2``, ``↓1``, ``0``; "—" when either rank is unknown."""
    if change is None:
        return NONE_TEXT
    if change == 0:
        return "0"
    return f"{'↑' if change > 0 else '↓'}{abs(change)}"


def change_colour(change: float | None) -> QColor | None:
    """Green for a gain, red for a loss, nothing for no change or an unknown one."""
    if change is None or round(change, 6) == 0:
        return None
    return GOOD_COLOUR if change > 0 else BAD_COLOUR


def group_name(label: str) -> str:
    """A group's name; a blank value (a unit recorded without a district) says so."""
    if label.strip():
        return label
    return QCoreApplication.translate("OfficeFigures", "(not filled in)")


def _number(value: float | int | None) -> float:
    return UNKNOWN_LAST if value is None else float(value)


def _rank_order(rank: int | None) -> float:
    """Ranks sort ascending; an unranked group (nothing applicable) comes after every rank."""
    return UNRANKED_LAST if rank is None else float(rank)


def rank_text(rank: int | None, inspected: bool) -> str:
    """A rank as shown; a group without a finished inspection in the period says so."""
    if not inspected:
        return QCoreApplication.translate("OfficeFigures", "Not inspected this period")
    return NONE_TEXT if rank is None else str(rank)


def rank_tooltip(previous_rank: int | None) -> str:
    """Where a group stood in the previous period."""
    if previous_rank is None:
        return QCoreApplication.translate("OfficeFigures", "Not ranked in the previous period")
    return QCoreApplication.translate("OfficeFigures", "Rank %1 in the previous period").replace(
        "%1", str(previous_rank))


@dataclass(frozen=True)
class Column:
    """One column of a table: its header and how a row becomes text, a sort value, a colour."""

    header: str
    text: Callable[[object], str]
    sort: Callable[[object], float | str]
    colour: Callable[[object], QColor | None] = lambda row: None
    tooltip: Callable[[object], str | None] = lambda row: None
    numeric: bool = True


class RowTableModel(RowTable):
    """A read-only table over a list of frozen rows, described by :class:`Column` values."""

    ROW_ROLE = Qt.ItemDataRole.UserRole + 1   # the row's value (Figure, Standing, …)
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a number (or text) to sort the column by

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None):
        super().__init__([column.header for column in columns], parent)
        self._columns = list(columns)

    def set_header(self, column: int, header: str) -> None:
        """Rename a column (the name column follows the dimension shown)."""
        self._columns[column] = replace(self._columns[column], header=header)
        super().set_header(column, header)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == self.ROW_ROLE:
            return row
        if role == self.SORT_ROLE:
            return column.sort(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(_RIGHT.value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row)
        return self._look(row, column, role)

    def _look(self, row, column: Column, role: int):
        """Foreground and background; subclasses mark whole rows."""
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = column.colour(row)
            return QBrush(colour) if colour is not None else None
        return None


def _rate_tooltip(now: float | None, before: float | None) -> str:
    return (QCoreApplication.translate("OfficeFigures", "This period %1, previous period %2")
            .replace("%1", percent(now)).replace("%2", percent(before)))


class FigureTableModel(RowTableModel):
    """Rates per group with rank and change: the dashboard's main table."""

    RANK, NAME, SCORE, PASS, CHECKED, FAILED, PROBLEMS, CHANGE, RANK_CHANGE = range(9)

    def __init__(self, parent: QObject | None = None):
        super().__init__(self._figure_columns(), parent)

    def _figure_columns(self) -> list[Column]:
        def previous_score(f: Figure):
            return f.previous.score_rate if f.previous else None
        return [
            Column(self.tr("Rank"), lambda f: rank_text(f.rank, f.inspected),
                   lambda f: _rank_order(f.rank)),
            Column(self.tr("Name"), lambda f: group_name(f.label), lambda f: f.label,
                   numeric=False),
            Column(self.tr("Score rate"), lambda f: percent(f.rates.score_rate),
                   lambda f: _number(f.rates.score_rate),
                   lambda f: BAD_COLOUR if f.hits else None, self._negative_list_tooltip),
            Column(self.tr("Pass rate"), lambda f: percent(f.rates.pass_rate),
                   lambda f: _number(f.rates.pass_rate)),
            Column(self.tr("Items checked"), lambda f: str(f.rates.applicable),
                   lambda f: f.rates.applicable),
            Column(self.tr("Failed"), lambda f: str(f.rates.failed), lambda f: f.rates.failed),
            Column(self.tr("Problems"), lambda f: str(f.rates.problems),
                   lambda f: f.rates.problems),
            Column(self.tr("Change"), lambda f: points_change(f.score_change),
                   lambda f: _number(f.score_change), lambda f: change_colour(f.score_change),
                   lambda f: _rate_tooltip(f.rates.score_rate, previous_score(f))),
            Column(self.tr("Rank change"), lambda f: rank_change_text(f.rank_change),
                   lambda f: _number(f.rank_change), lambda f: change_colour(f.rank_change),
                   lambda f: rank_tooltip(f.previous_rank)),
        ]


    def _negative_list_tooltip(self, figure: Figure) -> str | None:
        """Where the negative list changed the score: from what, and why."""
        if not figure.hits:
            return None
        return "\n".join([self.tr("%1 before the negative list").replace(
            "%1", percent(figure.raw_score_rate))] + [hit_text(h) for h in figure.hits])


def hit_text(hit: Hit) -> str:
    """One negative-list reason: rule code, name and how many failed checks set it off."""
    return f"{hit.rule.code} {hit.rule.name} ×{hit.failed}"


class StandingTableModel(RowTableModel):
    """A ranking with the negative list applied; the last places marked in words and colour."""

    RANK, NAME, MARK, SCORE, RAW_SCORE, PASS, RANK_CHANGE, REASONS = range(8)

    def __init__(self, parent: QObject | None = None):
        super().__init__(self._standing_columns(), parent)

    def _standing_columns(self) -> list[Column]:
        return [
            Column(self.tr("Rank"), lambda s: rank_text(s.rank, s.figure.inspected),
                   lambda s: _rank_order(s.rank)),
            Column(self.tr("Name"), lambda s: group_name(s.label), lambda s: s.label,
                   numeric=False),
            Column(self.tr("Mark"), lambda s: self.tr("Last place") if s.last else "",
                   lambda s: 1.0 if s.last else 0.0, numeric=False),
            Column(self.tr("Score rate"), lambda s: percent(s.score_rate),
                   lambda s: _number(s.score_rate),
                   tooltip=lambda s: self._adjusted_tooltip(s)),
            Column(self.tr("Score before the negative list"),
                   lambda s: percent(s.figure.rates.score_rate),
                   lambda s: _number(s.figure.rates.score_rate)),
            Column(self.tr("Pass rate"), lambda s: percent(s.figure.rates.pass_rate),
                   lambda s: _number(s.figure.rates.pass_rate)),
            Column(self.tr("Rank change"), lambda s: rank_change_text(s.rank_change),
                   lambda s: _number(s.rank_change), lambda s: change_colour(s.rank_change),
                   lambda s: rank_tooltip(s.previous_rank)),
            Column(self.tr("Negative list"), lambda s: "；".join(hit_text(h) for h in s.hits),
                   lambda s: len(s.hits), lambda s: BAD_COLOUR if s.hits else None,
                   lambda s: self._hits_tooltip(s.hits), numeric=False),
        ]

    def _look(self, row, column: Column, role: int):
        if row.last and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(LAST_PLACE_BACKGROUND)
        if row.last and role == Qt.ItemDataRole.ForegroundRole and column.colour(row) is None:
            return QBrush(LAST_PLACE_TEXT)
        return super()._look(row, column, role)

    def _adjusted_tooltip(self, standing: Standing) -> str | None:
        if not standing.hits:
            return None
        return (self.tr("%1 before the negative list")
                .replace("%1", percent(standing.figure.rates.score_rate)))

    def _hits_tooltip(self, hits: tuple[Hit, ...]) -> str | None:
        if not hits:
            return None
        lines = [self.tr("%1: %2 failed checks of %3 at %4")
                 .replace("%1", f"{h.rule.code} {h.rule.name}").replace("%2", str(h.failed))
                 .replace("%3", "、".join(h.criteria))
                 .replace("%4", "、".join(h.site_codes) or self.tr("(deleted sites)"))
                 for h in hits]
        return "\n".join(lines)
