"""The bulletin's two charts, as ReportLab drawings in the embedded CJK font.

The district chart is a ReportLab horizontal bar chart (best district at the
top, the last places in red, the rate printed at each bar). The trend chart is
drawn from plain shapes rather than ReportLab's line chart, because that one
joins a line across a month with no data; here a month without inspections
leaves a gap and says so. Every label is set in our font: a drawing's default
is Helvetica, which would then be listed (not embedded) among the PDF's fonts.
"""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from model.checklist.scoring import Rates
from model.office.rankings import Standing
from reports import bulletin_wording as words
from reports.notice_style import FONT, GREY, RULE

SCORE_COLOUR = colors.HexColor("#1f4e79")
PASS_COLOUR = colors.HexColor("#8faadc")
LAST_COLOUR = colors.HexColor("#c00000")
GRID = colors.HexColor("#dddddd")
BAR_PITCH = 7 * mm
MAX_BARS = 26  # as many as fit one page under a heading, with the caption; the table has all
LABEL_SIZE = 8.5  # the districts' names beside the bars


def axis_floor(values: list[float]) -> float:
    """Where a percentage axis starts: a round ten below the lowest value, 0 at the least.

    Starting at 0 would make 91 % and 96 % look alike; every bar and point is
    labelled with its value, so the cut axis does not hide the numbers.
    """
    lowest = min(values)
    return max(0.0, math.floor(lowest / 10) * 10 - 10)


def district_chart(standings: list[Standing], width: float, unnamed: str) -> Drawing | None:
    """Bars of the ranked districts' score rates, best at the top; None if none is ranked.
    A district without a name is labelled ``unnamed``. Of more than ``MAX_BARS`` districts
    (a province's) the best and the last half each are drawn: the last places matter most."""
    ranked = charted([s for s in standings if s.score_rate is not None])
    if not ranked:
        return None
    ranked.reverse()  # the chart draws its first category at the bottom
    values = [s.score_rate * 100 for s in ranked]
    names = [s.label.strip() or unnamed for s in ranked]
    widest = max(stringWidth(name, FONT, LABEL_SIZE) for name in names)
    label_room, value_room = min(widest + 5 * mm, width / 3), 16 * mm
    height = _height(len(ranked))
    drawing = Drawing(width, height, initialFontName=FONT)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, 8 * mm
    chart.width, chart.height = width - label_room - value_room, len(ranked) * BAR_PITCH
    chart.data = [values]
    chart.categoryAxis.categoryNames = names
    _style_axes(chart, axis_floor(values))
    chart.bars[0].fillColor = SCORE_COLOUR
    chart.bars.strokeColor = None
    chart.barWidth, chart.groupSpacing = 5, 3
    for index, standing in enumerate(ranked):
        if standing.last:
            chart.bars[(0, index)].fillColor = LAST_COLOUR
    chart.barLabelFormat = "%.1f%%"
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 7.5
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    return drawing


def _height(bars: int) -> float:
    return bars * BAR_PITCH + 12 * mm


def district_chart_height(standings: list[Standing]) -> float:
    """How tall :func:`district_chart` draws these standings (0 when it draws nothing)."""
    bars = len(charted([s for s in standings if s.score_rate is not None]))
    return _height(bars) if bars else 0.0


def charted(ranked: list[Standing]) -> list[Standing]:
    """The standings a chart has room for: all, or the first and the last ``MAX_BARS // 2``."""
    if len(ranked) <= MAX_BARS:
        return ranked
    return ranked[:MAX_BARS // 2] + ranked[-(MAX_BARS // 2):]


def _style_axes(chart: HorizontalBarChart, start: float) -> None:
    value, category = chart.valueAxis, chart.categoryAxis
    value.valueMin, value.valueMax, value.valueStep = start, 100, 10
    value.labelTextFormat = "%d%%"
    value.labels.fontName, value.labels.fontSize = FONT, 7.5
    value.visibleGrid, value.gridStrokeColor, value.strokeColor = 1, GRID, RULE
    category.labels.fontName, category.labels.fontSize = FONT, LABEL_SIZE
    category.labels.boxAnchor, category.labels.dx = "e", -3
    category.strokeColor = RULE
    category.visibleTicks = 0


class _Plot:
    """Where the trend chart's months and percentages fall on the page."""

    def __init__(self, width: float, height: float, months: int, start: float):
        self.left, self.right = 14 * mm, width - 4 * mm
        self.bottom, self.top = 16 * mm, height - 5 * mm
        self.months, self.start = months, start

    def x(self, index: int) -> float:
        """The centre of month ``index``'s slot."""
        return self.left + (index + 0.5) * (self.right - self.left) / self.months

    def y(self, percent: float) -> float:
        """The height of a percentage."""
        share = (percent - self.start) / (100 - self.start)
        return self.bottom + share * (self.top - self.bottom)


def trend_chart(trend: list[tuple[str, Rates | None]], width: float,
                height: float = 62 * mm) -> Drawing | None:
    """Lines of the score and pass rates month by month, broken where a month has no data."""
    known = [r for _, r in trend if r is not None and r.score_rate is not None]
    if not known:
        return None
    values = [r.score_rate * 100 for r in known] + [r.pass_rate * 100 for r in known]
    plot = _Plot(width, height, len(trend), axis_floor(values))
    drawing = Drawing(width, height, initialFontName=FONT)
    _grid(drawing, plot)
    _months(drawing, plot, trend)
    scores = [None if r is None else r.score_rate for _, r in trend]
    passes = [None if r is None else r.pass_rate for _, r in trend]
    _series(drawing, plot, passes, PASS_COLOUR, label_dy=-9)
    _series(drawing, plot, scores, SCORE_COLOUR, label_dy=5)
    _legend(drawing, plot)
    return drawing


def _grid(drawing: Drawing, plot: _Plot) -> None:
    for percent in range(int(plot.start), 101, 10):
        y = plot.y(percent)
        drawing.add(Line(plot.left, y, plot.right, y, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(String(plot.left - 3, y - 2.5, f"{percent}%", fontName=FONT, fontSize=7.5,
                           fillColor=GREY, textAnchor="end"))
    drawing.add(Line(plot.left, plot.bottom, plot.right, plot.bottom, strokeColor=RULE))


def _months(drawing: Drawing, plot: _Plot, trend: list[tuple[str, Rates | None]]) -> None:
    for index, (month, rates) in enumerate(trend):
        with_year = index == 0 or month.endswith("-01")
        drawing.add(String(plot.x(index), plot.bottom - 10, words.month_label(month, with_year),
                           fontName=FONT, fontSize=8, textAnchor="middle"))
        if rates is None or rates.score_rate is None:
            drawing.add(String(plot.x(index), plot.bottom + 4, words.NO_DATA, fontName=FONT,
                               fontSize=7.5, fillColor=GREY, textAnchor="middle"))


def _series(drawing: Drawing, plot: _Plot, rates: list[float | None], colour,
            label_dy: float) -> None:
    """One measure: a line through each run of consecutive months with data, a dot and the
    value at each month."""
    run: list[float] = []
    for index, rate in enumerate([*rates, None]):
        if rate is None:
            if len(run) > 2:
                drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=1.6))
            run = []
            continue
        x, y = plot.x(index), plot.y(rate * 100)
        run += [x, y]
        drawing.add(Circle(x, y, 2.2, fillColor=colour, strokeColor=colour))
        drawing.add(String(x, y + label_dy, f"{rate * 100:.1f}%", fontName=FONT, fontSize=7.5,
                           fillColor=colour, textAnchor="middle"))


def _legend(drawing: Drawing, plot: _Plot) -> None:
    y = 3 * mm
    x = plot.right - 60 * mm
    for colour, label in ((SCORE_COLOUR, words.LEGEND_SCORE), (PASS_COLOUR, words.LEGEND_PASS)):
        drawing.add(Line(x, y + 2.5, x + 8 * mm, y + 2.5, strokeColor=colour, strokeWidth=1.6))
        drawing.add(String(x + 10 * mm, y, label, fontName=FONT, fontSize=8))
        x += 28 * mm
