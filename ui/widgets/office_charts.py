"""The dashboard's charts (QtCharts): the monthly trend and the weakest criteria.

:class:`TrendChart` draws the score and pass rates month by month; a month
without inspections is a gap in the line, not a zero. :class:`WeakCriteriaChart`
draws how often the weakest criteria failed as horizontal bars, most on
top; a bar is chosen with the mouse (double-click) or the keyboard (arrows,
Enter), and ``criterion_chosen`` says which criterion to click through to.
Each ``set_…`` call builds a fresh chart and deletes the old one.

The charts' text is in the view's font, so it grows and shrinks with the sunlight mode's
large text; labels that would run into each other stand upright (the months), are shortened
(the criteria) or get more room (a chart asks for a height that holds each bar's label).
"""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QMargins,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QCursor, QFontMetrics, QKeyEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QToolTip, QWidget

from model.checklist.scoring import Rates
from model.office.dashboard import WeakCriterion
from model.office.periods import Period

SCORE_COLOUR = QColor("#1f5fa8")
PASS_COLOUR = QColor("#e08a00")
BAR_COLOUR = QColor("#c4443b")
CHOSEN_BAR_COLOUR = QColor("#6d1a14")
LABEL_CHARACTERS = 10  # a criterion's text is shortened to this many characters in a title
MIN_HEIGHT = 220  # a chart's least height, in pixels
TREND_LINES = 11  # the trend needs this many lines of its text: title, legend, labels, ticks
CHART_LINES = 4  # the weakest criteria's title and value labels, in lines of its text …
BAR_LINES = 1.15  # … and each bar, whose label must not touch the next one
LABEL_GAP = 8  # pixels between two month labels side by side
LABEL_SHARE = 0.35  # a criterion's label takes at most this share of the chart's width
CONTEXT = "OfficeCharts"
MONTHS = (
    QT_TRANSLATE_NOOP("OfficeCharts", "Jan"), QT_TRANSLATE_NOOP("OfficeCharts", "Feb"),
    QT_TRANSLATE_NOOP("OfficeCharts", "Mar"), QT_TRANSLATE_NOOP("OfficeCharts", "Apr"),
    QT_TRANSLATE_NOOP("OfficeCharts", "May"), QT_TRANSLATE_NOOP("OfficeCharts", "Jun"),
    QT_TRANSLATE_NOOP("OfficeCharts", "Jul"), QT_TRANSLATE_NOOP("OfficeCharts", "Aug"),
    QT_TRANSLATE_NOOP("OfficeCharts", "Sep"), QT_TRANSLATE_NOOP("OfficeCharts", "Oct"),
    QT_TRANSLATE_NOOP("OfficeCharts", "Nov"), QT_TRANSLATE_NOOP("OfficeCharts", "Dec"),
)


def month_label(month: str) -> str:
    """``2026-11`` as an axis label in the language shown: ``Nov``, ``11月`` (the chart's
    title says which years)."""
    return QCoreApplication.translate(CONTEXT, MONTHS[int(month.split("-")[1]) - 1])


def period_label(period: Period) -> str:
    """A period in the language shown: ``Nov 2026``, ``Sep–Nov 2026`` or ``Dec 2025 – Feb
    2026``; in Chinese ``2026年11月``, ``2026年9月至11月`` or ``2025年12月至2026年2月``.

    In each pattern %1 and %2 are the first month's year and name, %3 and %4 the last's.
    """
    first, last = period.first, period.last
    translate = QCoreApplication.translate  # (lupdate reads only a context written out)
    if first == last:
        text = translate("OfficeCharts", "%2 %1", "a period of one month")
    elif first[:4] == last[:4]:
        text = translate("OfficeCharts", "%2–%4 %3", "a period within one year")
    else:
        text = translate("OfficeCharts", "%2 %1 – %4 %3", "a period over two years")
    return (text.replace("%1", first[:4]).replace("%2", month_label(first))
            .replace("%3", last[:4]).replace("%4", month_label(last)))


def short_text(code: str, text: str, length: int = LABEL_CHARACTERS) -> str:
    """A criterion's code and the start of its text, for a title."""
    text = text.strip()
    return f"{code} {text[:length]}…" if len(text) > length else f"{code} {text}".strip()


def _runs(values: list[float | None]) -> list[list[tuple[int, float]]]:
    """Split values into runs of consecutive known values (index, value); None breaks a run."""
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for index, value in enumerate(values):
        if value is None or not math.isfinite(value):
            if current:
                runs.append(current)
            current = []
        else:
            current.append((index, value))
    if current:
        runs.append(current)
    return runs


def _axis_floor(values: list[float]) -> float:
    """The bottom of a percentage axis: 10 below the lowest value, in tens, at least 0."""
    lowest = min(values, default=100.0)
    return max(0.0, math.floor((lowest - 5) / 10) * 10)


class _ChartView(QChartView):
    """A chart view that owns one chart at a time, its text in the view's font."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(MIN_HEIGHT)

    def _replace_chart(self, title: str) -> QChart:
        old = self.chart()
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        return chart

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the sunlight mode's large text, or back
            self._fit_to_font()

    def _fit_to_font(self) -> None:
        """Put the chart's text in the view's font (a chart keeps the font it was made with)
        and fit the labels and the height to it."""
        chart, font = self.chart(), self.font()
        chart.setTitleFont(font)
        chart.legend().setFont(font)
        for axis in chart.axes():
            axis.setLabelsFont(font)
            axis.setTitleFont(font)
        for series in chart.series():
            if isinstance(series, QAbstractBarSeries):
                for bars in series.barSets():
                    bars.setLabelFont(font)
        self._fit_labels()
        self.setMinimumHeight(max(MIN_HEIGHT, round(self._lines() * self.fontMetrics()
                                                    .lineSpacing())))

    def _fit_labels(self) -> None:
        """Keep the category labels from running into each other (see the charts)."""

    def _lines(self) -> float:
        """How many lines of text high the chart must be to show all of its labels."""
        return 0.0


class TrendChart(_ChartView):
    """Score and pass rates by month, with gaps for months without inspections."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to choose on it
        self.setAccessibleName(self.tr("Trend of the score and pass rates"))
        self.months: list[str] = []
        self.points: dict[str, list[tuple[str, float]]] = {"score": [], "pass": []}
        self.set_trend([])

    def set_trend(self, trend: list[tuple[str, Rates | None]]) -> None:
        """Plot ``trend`` (month, rates or None), oldest first."""
        self.months = [month for month, _ in trend]
        span = period_label(Period(self.months[0], self.months[-1])) if self.months else ""
        chart = self._replace_chart(self.tr("Score and pass rates by month, %1")
                                    .replace("%1", span))
        chart.plotAreaChanged.connect(self._fit_labels)  # the room each month has
        x_axis = QBarCategoryAxis()
        x_axis.append([month_label(m) for m in self.months] or [""])
        x_axis.setTruncateLabels(False)
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%.0f%%")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        plotted: list[float] = []
        for key, name, colour in (("score", self.tr("Score rate"), SCORE_COLOUR),
                                  ("pass", self.tr("Pass rate"), PASS_COLOUR)):
            values = [None if rates is None else
                      (rates.score_rate if key == "score" else rates.pass_rate)
                      for _, rates in trend]
            values = [None if v is None else v * 100 for v in values]
            self.points[key] = [(self.months[i], v) for run in _runs(values) for i, v in run]
            plotted += [v for _, v in self.points[key]]
            self._add_runs(chart, _runs(values), name, colour, (x_axis, y_axis))
        y_axis.setRange(_axis_floor(plotted), 100.0)
        y_axis.setTickCount(int((100 - _axis_floor(plotted)) / 10) + 1
                            if (100 - _axis_floor(plotted)) <= 50 else 6)
        self._fit_to_font()

    def _fit_labels(self, *_plot_area) -> None:
        """Months side by side while they have room, else upright (the sunlight mode's large
        text on a small screen): an upright label is only a line of text wide."""
        axis = next(iter(self.chart().axes(Qt.Orientation.Horizontal)), None)
        if not isinstance(axis, QBarCategoryAxis) or not self.months:
            return
        metrics = QFontMetrics(axis.labelsFont())
        widest = max(metrics.horizontalAdvance(label) for label in axis.categories())
        room = self.chart().plotArea().width() / len(self.months)
        angle = 0 if widest + LABEL_GAP <= room else -90  # (turning them keeps the width)
        if axis.labelsAngle() != angle:
            axis.setLabelsAngle(angle)

    def _lines(self) -> float:
        return TREND_LINES

    def _add_runs(self, chart: QChart, runs, name: str, colour: QColor, axes) -> None:
        """One line series per run of known months; only the first one in the legend."""
        for number, run in enumerate(runs):
            series = QLineSeries()
            series.setName(name)
            series.setPen(QPen(colour, 2.5))
            series.setColor(colour)
            series.setPointsVisible(True)
            series.setMarkerSize(7)
            for index, value in run:
                series.append(QPointF(index, value))
            chart.addSeries(series)
            for axis in axes:
                series.attachAxis(axis)
            if number > 0:
                for marker in chart.legend().markers(series):
                    marker.setVisible(False)


class WeakCriteriaChart(_ChartView):
    """Failed checks of the weakest criteria, most on top; double-click or Enter clicks through.

    Bars count failed checks (the order ``weakest_criteria`` gives); the tooltip
    adds the fail rate, so one failure in a single check does not look like the
    worst problem of the month.
    """

    criterion_chosen = Signal(str)  # criterion code

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Weakest criteria"))
        self.setToolTip(self.tr("Double-click a bar, or choose one with the arrow keys and "
                                "press Enter, to see its findings"))
        self.criteria: list[WeakCriterion] = []  # in bar order: bottom bar first
        self.chosen: int | None = None
        self._bars: QBarSet | None = None
        self.set_criteria([])

    def set_criteria(self, criteria: list[WeakCriterion]) -> None:
        """Plot ``criteria`` (weakest first, as ``services.office.weakest_criteria`` gives)."""
        chart = self._replace_chart(self.tr("Weakest criteria (failed checks)"))
        chart.legend().hide()
        self.criteria = list(reversed(criteria))  # horizontal bars are drawn bottom-up
        self.chosen = None
        bars = QBarSet(self.tr("Failed checks"))
        bars.setColor(BAR_COLOUR)
        bars.setBorderColor(BAR_COLOUR)
        bars.setSelectedColor(CHOSEN_BAR_COLOUR)
        for criterion in self.criteria:
            bars.append(criterion.failed)
        bars.doubleClicked.connect(self._on_bars_double_clicked)
        bars.clicked.connect(self._choose)
        bars.hovered.connect(self._on_bars_hovered)
        self._bars = bars
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        y_axis = QBarCategoryAxis()
        y_axis.append([c.code for c in self.criteria] or [""])  # the words: see _fit_labels
        y_axis.setTruncateLabels(False)
        x_axis = QValueAxis()
        most = max((c.failed for c in self.criteria), default=1)
        x_axis.setRange(0, max(most, 1))
        x_axis.setLabelFormat("%d")
        x_axis.applyNiceNumbers()  # whole-number ticks
        if most < 5:  # nice numbers would tick 0, 0.2, 0.4 … and print each as a whole number
            x_axis.setTickCount(max(most, 1) + 1)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y_axis)
        series.attachAxis(x_axis)
        self._fit_to_font()

    def _fit_labels(self) -> None:
        """Each criterion's code and as much of its text as its share of the width holds."""
        axis = next(iter(self.chart().axes(Qt.Orientation.Vertical)), None)
        if not isinstance(axis, QBarCategoryAxis) or not self.criteria:
            return
        metrics = QFontMetrics(axis.labelsFont())
        room = int(self.width() * LABEL_SHARE)
        labels = [self._label(c, metrics, room) for c in self.criteria]
        if axis.categories() != labels:
            axis.setCategories(labels)

    @staticmethod
    def _label(criterion: WeakCriterion, metrics: QFontMetrics, room: int) -> str:
        code = criterion.code + " "
        text = criterion.text.strip()
        return (code + metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                          room - metrics.horizontalAdvance(code))).strip()

    def _lines(self) -> float:
        return CHART_LINES + BAR_LINES * max(len(self.criteria), 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def chosen_code(self) -> str | None:
        """The code of the chosen bar, if any."""
        return None if self.chosen is None else self.criteria[self.chosen].code

    def _choose(self, index: int) -> None:
        if self._bars is None or not 0 <= index < len(self.criteria):
            return
        self._bars.deselectAllBars()
        self._bars.selectBar(index)
        self.chosen = index

    def _on_bars_double_clicked(self, index: int) -> None:
        self._choose(index)
        code = self.chosen_code()
        if code:
            self.criterion_chosen.emit(code)

    def _on_bars_hovered(self, status: bool, index: int) -> None:
        if not status or not 0 <= index < len(self.criteria):
            QToolTip.hideText()
            return
        c = self.criteria[index]
        QToolTip.showText(QCursor.pos(), self.tr("%1 %2\nFailed %3 of %4 checks, %5 problems")
                          .replace("%1", c.code).replace("%2", c.text)
                          .replace("%3", str(c.failed)).replace("%4", str(c.applicable))
                          .replace("%5", str(c.problems))
                          + self.tr(" (fail rate %1)").replace("%1", f"{c.fail_rate:.0%}"),
                          self)

    def focusInEvent(self, event) -> None:
        if self.chosen is None and self.criteria:
            self._choose(len(self.criteria) - 1)  # the weakest, on top
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.criteria:
            step = 1 if key == Qt.Key.Key_Up else -1  # bar 0 is at the bottom
            current = len(self.criteria) - 1 if self.chosen is None else self.chosen
            self._choose(max(0, min(len(self.criteria) - 1, current + step)))
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.chosen is not None:
            self.criterion_chosen.emit(self.chosen_code())
            event.accept()
        else:
            super().keyPressEvent(event)
