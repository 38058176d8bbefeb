"""The sunlight mode (F11): large text and high contrast, in the windows already open too.

Switching it on makes the lists, tables, their headers, the charts and the headline figures of
every open window half as large again; switching it off gives the normal sizes back. The
dashboard's chart labels never run into each other or off the chart on a 1366×768 laptop,
and in English its charts speak English.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QGraphicsTextItem, QStyleOptionViewItem

from model.demo import demo
from model.office.periods import Period
from tests.helpers import make_jpeg
from ui import screen_fit, theme
from ui.dialogs.dashboard import DashboardDialog
from ui.dialogs.rankings import RankingsDialog
from ui.i18n import set_language
from ui.tasks import TaskRunner
from ui.widgets import office_charts

GROWTH = theme.LARGE_POINT_SIZE / theme.NORMAL_POINT_SIZE
SMALL_LAPTOP = QRect(0, 0, 1366, 768 - 48)  # less Windows 11's taskbar, as test_screen_fit
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _grown(before: float, after: float) -> bool:
    """``after`` is about half as large again as ``before``."""
    return abs(after / before - GROWTH) <= 0.2


@pytest.fixture
def sunlight(qapp):
    """``sunlight(on)`` switches the mode as the F11 action does; the test ends without it."""
    def switch(on: bool) -> None:
        theme.apply(qapp, on)
        qapp.processEvents()  # what follows the new font once it is in (the dashboard's top)
    yield switch
    theme.apply(qapp, False)


@pytest.fixture
def office(demo_services, monkeypatch):
    """The demo city signed in as its office, on a 1366×768 laptop."""
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget: QRect(SMALL_LAPTOP))
    demo_services.login("O01", demo.DEMO_PASSWORD)
    return demo_services


@pytest.fixture
def dashboard(qtbot, office):
    dialog = DashboardDialog(office, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.refresh()
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.refreshing)  # the figures are read on a worker thread
    return dialog


def _drawn(view: QAbstractItemView, index: QModelIndex) -> tuple[float, int]:
    """The point size a row's text is drawn in (its model's font over the view's) and the
    height of the row."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    return option.font.pointSizeF(), view.visualRect(index).height()


def _rows(window) -> dict[str, tuple[QAbstractItemView, QModelIndex]]:
    tree, criteria = window.navigator.tree, window.inspection_view.criteria
    sites = [tree.model().index(row, 0) for row in range(tree.model().rowCount())]
    bold = next(i for i in sites if i.data(Qt.ItemDataRole.FontRole) is not None)  # today's
    plain = next(i for i in sites if i.data(Qt.ItemDataRole.FontRole) is None)
    category = criteria.model().index(0, 0)
    return {"a site planned today (bold)": (tree, bold), "another site": (tree, plain),
            "a category": (criteria, category),
            "a criterion": (criteria, criteria.model().index(0, 1, category))}


def _measure(window) -> dict[str, tuple[float, int]]:
    found = {name: _drawn(view, index) for name, (view, index) in _rows(window).items()}
    found["the navigator's header"] = (0.0, window.navigator.tree.header().height())
    found["the criteria's header"] = (0.0, window.inspection_view.criteria.header().height())
    return found


def test_f11_enlarges_the_navigator_and_the_criteria_and_shrinks_them_back(
        window, demo_services, screenshot):
    window.start_or_continue(demo_services.sites.search()[0].id)
    normal = _measure(window)
    window.actions.large_text.trigger()
    try:
        large = _measure(window)
        window.resize(screen_fit.room(SMALL_LAPTOP))
        screenshot(window, "main-window-large-1366x768")
    finally:
        window.actions.large_text.trigger()
    for what in normal:
        (size, height), (large_size, large_height) = normal[what], large[what]
        assert not size or _grown(size, large_size), what  # (a header: its height only)
        assert large_height >= 1.3 * height, what
    assert _measure(window) == normal


def test_the_evidence_captions_follow_the_mode_and_are_not_cut(
        window, demo_services, sunlight, tmp_path):
    window.start_or_continue(demo_services.sites.search()[0].id)
    view = window.inspection_view
    demo_services.photos.add(view.inspection_id,
                             [make_jpeg(tmp_path / "north-gate.jpg", dt.datetime.now())])
    panel = view.editor.evidence
    panel.refresh()
    thumbnails, photo = panel.thumbnails, panel.model.index(0, 0)
    normal = _drawn(thumbnails, photo)
    for on in (True, False):
        sunlight(on)
        size, height = _drawn(thumbnails, photo)
        room = thumbnails.viewport().height() - thumbnails.horizontalScrollBar().sizeHint().height()
        assert height <= room, "a caption would be cut under the scroll bar of many photos"
        if on:
            assert _grown(normal[0], size) and height > normal[1]
    assert _drawn(thumbnails, photo) == normal


def test_the_sunlight_mode_shows_the_focus_as_a_thick_blue_border(window, qtbot, sunlight):
    sunlight(True)
    search, tree = window.navigator.search, window.navigator.tree

    def blue(widget) -> int:
        image = widget.grab().toImage()
        colour = QColor(theme.FOCUS_COLOUR).rgb()
        return sum(image.pixel(x, y) == colour
                   for x in range(image.width()) for y in (1, 2, image.height() - 2))

    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    assert blue(search) > search.width()  # along the top and the bottom
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    assert blue(search) == 0 and blue(tree) > tree.width()


# -- the office's windows --------------------------------------------------------------------

def _chart_fonts(dialog) -> list[float]:
    sizes = []
    for view in (dialog.trend_chart, dialog.weak_chart):
        chart = view.chart()
        sizes += [chart.titleFont().pointSizeF(), chart.legend().font().pointSizeF()]
        sizes += [axis.labelsFont().pointSizeF() for axis in chart.axes()]
    return sizes


def _label_boxes(view, texts: list[str]) -> list[QRect | None]:
    """Where the chart view shows each of ``texts`` (None: not shown), in its pixels."""
    shown = {}
    for item in view.scene().items():
        label = item.toGraphicsObject()
        if isinstance(label, QGraphicsTextItem) and label.isVisible():
            shown[label.toPlainText()] = view.mapFromScene(
                label.sceneBoundingRect()).boundingRect()
    return [shown.get(text) for text in texts]


def _category_labels(view, orientation: Qt.Orientation) -> tuple[list[str], list[QRect | None]]:
    axis = view.chart().axes(orientation)[0]
    texts = list(axis.categories())
    return texts, _label_boxes(view, texts)


def test_the_dashboard_charts_grow_and_their_labels_stay_apart_on_a_small_laptop(
        dashboard, qtbot, sunlight, screenshot):
    normal = _chart_fonts(dashboard)
    sunlight(True)
    assert all(_grown(n, large) for n, large in zip(normal, _chart_fonts(dashboard),
                                                     strict=True))
    qtbot.wait(100)  # the charts lay out again in the new font
    screenshot(dashboard, "dashboard-large-1366x768")
    screenshot(dashboard.weak_chart, "weakest-criteria-large")
    # nothing is off to the right: the filters went on a line of their own
    assert dashboard.scrolling.horizontalScrollBar().maximum() == 0
    for view, orientation in ((dashboard.trend_chart, Qt.Orientation.Horizontal),
                              (dashboard.weak_chart, Qt.Orientation.Vertical)):
        texts, boxes = _category_labels(view, orientation)
        assert len(texts) >= 10
        assert None not in boxes, f"labels left out: {texts}"
        assert all(view.rect().contains(box) for box in boxes), "a label is cut"
        touching = [(texts[n], texts[n + 1]) for n in range(len(texts) - 1)
                    if boxes[n].intersects(boxes[n + 1])]
        assert not touching
    sunlight(False)
    assert _chart_fonts(dashboard) == normal


def test_the_headline_figures_grow_with_the_mode(dashboard, sunlight):
    value = dashboard.tiles.tiles["score"].value
    normal = value.font().pointSizeF()
    assert normal == 2 * theme.NORMAL_POINT_SIZE
    sunlight(True)
    assert _grown(normal, value.font().pointSizeF())
    sunlight(False)
    assert value.font().pointSizeF() == normal


def test_the_office_tables_get_taller_rows_in_the_sunlight_mode(dashboard, office, qtbot,
                                                                 sunlight):
    rankings = RankingsDialog(office)
    qtbot.addWidget(rankings)
    rankings.refresh()
    rankings.show()
    tables = [dashboard.table, *(page.table for page in rankings.pages.values())]
    assert all(table.model().rowCount() for table in tables)

    def heights() -> list[tuple[int, int]]:  # (the tabs not shown have not laid out yet)
        return [(table.rowHeight(0), table.horizontalHeader().sizeHint().height())
                for table in tables]
    normal = heights()
    sunlight(True)
    for (row, header), (large_row, large_header) in zip(normal, heights(), strict=True):
        assert large_row >= 1.25 * row and large_header > header
    sunlight(False)
    assert heights() == normal


def test_in_english_the_charts_have_no_chinese_words(qapp, qtbot, office):
    set_language(qapp, "en")
    try:
        dialog = DashboardDialog(office, TaskRunner())
        qtbot.addWidget(dialog)
        dialog.refresh()
        qtbot.waitUntil(lambda: not dialog.refreshing)  # read on a worker thread
        trend, weak = dialog.trend_chart.chart(), dialog.weak_chart.chart()
        months = trend.axes(Qt.Orientation.Horizontal)[0].categories()
        texts = [trend.title(), weak.title(), *months,
                 *(axis.titleText() for chart in (trend, weak) for axis in chart.axes()),
                 *(marker.label() for marker in trend.legend().markers())]
        assert [text for text in texts if CJK.search(text)] == []
        label = office_charts.period_label
        first, last = dialog.trend_chart.months[0], dialog.trend_chart.months[-1]
        assert months == [office_charts.MONTHS[int(month[5:]) - 1]
                          for month in dialog.trend_chart.months]
        assert trend.title() == f"Score and pass rates by month, {label(Period(first, last))}"
        assert [label(Period.month("2026-11")), label(Period("2026-09", "2026-11")),
                label(Period("2025-12", "2026-02"))] == [
            "Nov 2026", "Sep–Nov 2026", "Dec 2025 – Feb 2026"]
    finally:
        set_language(qapp, "zh_CN")
