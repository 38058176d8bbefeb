"""The dashboard's headline figures: score and pass rate with their change, and counts.

Each tile is a caption over a large value; the two rates add their change
against the previous period in percentage points, with an arrow (▲ / ▼) and
in green or red, so the direction does not rest on colour alone. The value is twice
the size of the text around it, in the sunlight mode's large text too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from model.office.dashboard import Totals
from ui import theme
from ui.itemmodels.figure_model import change_colour, percent, points_change

VALUE_SCALE = 2.0  # the value against the caption (20 pt in the normal look)


class Tile(QFrame):
    """A caption, a large value and an optional line under it."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption, self)
        self.value = QLabel("—", self)
        self._fit_value_font()
        self.change = QLabel(self)
        self.change.setWordWrap(True)  # a narrow tile (large text, a small screen) takes two lines
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(2)
        for label in (self.caption, self.value, self.change):
            layout.addWidget(label)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_value_font()

    def _fit_value_font(self) -> None:
        font = theme.scaled(self.font(), VALUE_SCALE)
        font.setWeight(QFont.Weight.DemiBold)
        self.value.setFont(font)

    def show_value(self, value: str, change: str = "", colour: str = "") -> None:
        """Show ``value`` and, under it, ``change`` in ``colour`` (a CSS colour or '')."""
        self.value.setText(value)
        self.change.setText(change)
        self.change.setStyleSheet(f"color: {colour};" if colour else "")
        self.setAccessibleName(f"{self.caption.text()} {value} {change}".strip())


class HeadlineTiles(QWidget):
    """Score rate, pass rate, inspections, sites and problems of the period."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tiles = {
            "score": Tile(self.tr("Score rate"), self),
            "pass": Tile(self.tr("Pass rate"), self),
            "inspections": Tile(self.tr("Inspections"), self),
            "sites": Tile(self.tr("Sites"), self),
            "problems": Tile(self.tr("Problems"), self),
        }
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for tile in self.tiles.values():
            layout.addWidget(tile, 1)

    def show_totals(self, now: Totals, before: Totals) -> None:
        """Fill the tiles from this period's totals and the previous period's."""
        for key, rate, earlier in (("score", now.rates.score_rate, before.rates.score_rate),
                                   ("pass", now.rates.pass_rate, before.rates.pass_rate)):
            change = None if rate is None or earlier is None else rate - earlier
            colour = change_colour(change)
            text = (self.tr("%1 against the previous period").replace("%1", points_change(change))
                    if change is not None else self.tr("no figure for the previous period"))
            self.tiles[key].show_value(percent(rate), text, colour.name() if colour else "")
        for key, count, earlier_count in (
                ("inspections", now.inspections, before.inspections),
                ("sites", now.sites, before.sites),
                ("problems", now.rates.problems, before.rates.problems)):
            self.tiles[key].show_value(str(count), self.tr("previous period: %1").replace(
                "%1", str(earlier_count)))
