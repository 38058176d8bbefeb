"""The office's dashboard, drill-down and rankings over a real store with three months of data.

The city: 迎泽区 has a street (YZ-1, 甲单位) and a farmers' market (YZ-M, 丙市场);
小店区 has a street (XD-1, 乙单位). Inspections were finished in 2026-08,
2026-10 and 2026-11 (nothing in 2026-09: a gap in the trend). In 2026-11 the
market failed NMSC-08 (expired food), which the default negative-list rule
FM-01 punishes by zeroing the score of its unit and its district.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from model.office.dashboard import Scope
from model.office.periods import Period
from model.people.profiles import Role
from model.store import clock
from tests.helpers import site_line, sites_csv
from tests.ui.conftest import open_window
from ui.dialogs import dashboard as dashboard_module
from ui.dialogs.dashboard import DashboardDialog
from ui.dialogs.rankings import RankingsDialog
from ui.itemmodels.drill_model import FindingTableModel, InspectionLineModel
from ui.itemmodels.figure_model import (
    LAST_PLACE_BACKGROUND,
    FigureTableModel,
    StandingTableModel,
    percent,
)
from ui.itemmodels.rule_model import RuleTableModel
from ui.tasks import TaskRunner
from ui.widgets.period_picker import PeriodPicker
from usecases.services import Services

PW = "office-pass"
NOVEMBER = Scope(Period.month("2026-11"))

# month → site → (criterion, outcome, instances) recorded, then finished
VISITS = {
    "2026-08-12": {"YZ-1": [("ZCGD-01", "pass", None), ("ZCGD-02", "fail", 1)]},
    "2026-10-14": {"YZ-1": [("ZCGD-01", "pass", None), ("ZCGD-02", "pass", None)],
                   "XD-1": [("ZCGD-01", "fail", 1), ("ZCGD-02", "pass", None)]},
    "2026-11-16": {"YZ-1": [("ZCGD-01", "fail", 2), ("ZCGD-02", "pass", None),
                            ("ZCGD-03", "na", None)],
                   "XD-1": [("ZCGD-01", "pass", None), ("ZCGD-02", "pass", None)],
                   "YZ-M": [("NMSC-08", "fail", 1), ("NMSC-01", "pass", None)]},
}


@pytest.fixture(scope="module")
def city_template(tmp_path_factory):
    """A data directory with the city above (built once; each test works on a copy)."""
    folder = tmp_path_factory.mktemp("office-city")
    services = Services.open(folder)
    try:
        services.people.create("王建国", "O01", Role.OFFICE, PW, "创城办")
        services.login("O01", PW)
        services.people.create("李明", "A07", Role.AUDITOR, PW, "督查一组")
        services.sites.import_csv(sites_csv(folder, [
            site_line("YZ-1", "迎泽大街", "ZCGD", "迎泽区", unit="甲单位"),
            site_line("YZ-M", "柳巷农贸市场", "NMSC", "迎泽区", unit="丙市场"),
            site_line("XD-1", "长风街", "ZCGD", "小店区", sub_district="坞城街道",
                      unit="乙单位")]))
        services.login("A07", PW)
        for day, visits in VISITS.items():
            clock.set_fixed(dt.datetime.fromisoformat(f"{day}T02:00:00+00:00"))
            for code, results in visits.items():
                inspection = services.inspections.start(code)
                for criterion, outcome, instances in results:
                    services.inspections.record(inspection.id, criterion, outcome, instances,
                                                location="东门")
                services.inspections.finish(inspection.id)
    finally:
        clock.set_fixed(None)
        services.close()
    return folder


@pytest.fixture
def city(city_template, tmp_path):
    """Services over a fresh copy of the city, signed in as the office."""
    folder = tmp_path / "city"
    shutil.copytree(city_template, folder)
    services = Services.open(folder)
    services.login("O01", PW)
    yield services
    services.close()


@pytest.fixture
def dashboard(qtbot, city):
    dialog = DashboardDialog(city, TaskRunner(), None)
    qtbot.addWidget(dialog)
    dialog.refresh()
    dialog.show()
    qtbot.waitExposed(dialog)
    _read(qtbot, dialog)
    return dialog


@pytest.fixture
def rankings(qtbot, city):
    dialog = RankingsDialog(city, None)
    qtbot.addWidget(dialog)
    dialog.refresh()
    dialog.show()
    return dialog


def _texts(table, column: int) -> list[str]:
    return [table.proxy.index(r, column).data() for r in range(table.proxy.rowCount())]


def _double_click(qtbot, table, row: int) -> None:
    """Press and release, then the double-click (a view acts only on the row pressed)."""
    where = table.visualRect(table.proxy.index(row, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)


def _choose(box, data) -> None:
    box.setCurrentIndex(box.findData(data))


def _read(qtbot, dashboard) -> None:
    """Wait until the dashboard shows the figures of its newest refresh (read on a worker)."""
    qtbot.waitUntil(lambda: not dashboard.refreshing, timeout=5000)


# -- the dashboard -------------------------------------------------------------------


def test_the_dashboard_opens_on_the_newest_month_with_one_row_per_district(dashboard, city):
    assert dashboard.picker.period() == Period.month("2026-11")
    # as ranked: 迎泽区's market sold stale food (FM-01), so its score is zero, as in the
    # rankings, the bulletin and the workbook
    expected = city.office.figures(NOVEMBER, "district")
    assert [f.label for f in expected] == ["小店区", "迎泽区"]
    table = dashboard.table
    assert _texts(table, FigureTableModel.NAME) == [f.label for f in expected]
    assert _texts(table, FigureTableModel.RANK) == [str(f.rank) for f in expected]
    assert _texts(table, FigureTableModel.SCORE) == [percent(f.rates.score_rate)
                                                     for f in expected]
    assert _texts(table, FigureTableModel.PASS) == [percent(f.rates.pass_rate)
                                                    for f in expected]
    assert _texts(table, FigureTableModel.PROBLEMS) == ["0", "3"]  # YZ-1: 2, YZ-M: 1


def test_change_against_the_previous_period_is_in_points_with_an_arrow_and_colour(dashboard):
    table = dashboard.table
    xd = table.proxy.index(0, FigureTableModel.CHANGE)  # 小店区: 83 % → 100 % score
    assert xd.data() == "▲17.0"  # October: a pass and a fail of 1 instance = (1 + 0.66) / 2
    assert xd.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#1b6e20"
    yz = table.proxy.index(1, FigureTableModel.CHANGE)
    assert yz.data().startswith("▼")
    assert yz.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert table.proxy.index(0, FigureTableModel.RANK_CHANGE).data() == "↑1"


def test_the_headline_shows_the_totals_and_their_change(dashboard, city):
    totals = city.office.totals(NOVEMBER)
    tiles = dashboard.tiles.tiles
    assert tiles["score"].value.text() == percent(totals.rates.score_rate)
    assert tiles["pass"].value.text() == percent(totals.rates.pass_rate)
    assert tiles["inspections"].value.text() == "3"
    assert tiles["sites"].value.text() == "3"
    assert tiles["problems"].value.text() == "3"
    assert "▼" in tiles["score"].change.text() or "▲" in tiles["score"].change.text()


def test_changing_the_dimension_to_units_changes_the_rows(dashboard, city, qtbot):
    _choose(dashboard.dimension, "unit")
    _read(qtbot, dashboard)
    assert sorted(_texts(dashboard.table, FigureTableModel.NAME)) == ["丙市场", "乙单位",
                                                                      "甲单位"]
    header = dashboard.table.proxy.headerData(FigureTableModel.NAME, Qt.Orientation.Horizontal)
    assert header == dashboard.dimension.currentText()
    _choose(dashboard.dimension, "site-type")
    _read(qtbot, dashboard)
    assert len(_texts(dashboard.table, FigureTableModel.NAME)) == 2  # street, market


def test_a_filter_narrows_the_scope(dashboard, qtbot):
    _choose(dashboard.dimension, "unit")
    _choose(dashboard.filters["district"], "小店区")
    _read(qtbot, dashboard)
    assert _texts(dashboard.table, FigureTableModel.NAME) == ["乙单位"]
    assert dashboard.scope().district == "小店区"
    assert dashboard.tiles.tiles["inspections"].value.text() == "1"
    unit_choices = [dashboard.filters["unit_name"].itemData(i)
                    for i in range(dashboard.filters["unit_name"].count())]
    assert unit_choices == ["", "乙单位"]  # only the units of the district chosen


def test_the_trend_has_a_point_for_each_month_with_data_and_gaps_between(dashboard):
    chart = dashboard.trend_chart
    assert len(chart.months) == 12 and chart.months[-1] == "2026-11"
    assert [m for m, _ in chart.points["score"]] == ["2026-08", "2026-10", "2026-11"]
    assert [m for m, _ in chart.points["pass"]] == ["2026-08", "2026-10", "2026-11"]
    series = chart.chart().series()
    assert len(series) == 4  # two runs (08 | 10–11) for each rate: the gap is not a zero
    assert sorted(s.count() for s in series) == [1, 1, 2, 2]
    assert dashboard.weak_chart.isVisible()


def test_double_clicking_a_row_opens_exactly_the_findings_of_that_group(dashboard, city,
                                                                        qtbot):
    row = _texts(dashboard.table, FigureTableModel.NAME).index("迎泽区")
    _double_click(qtbot, dashboard.table, row)
    drill = dashboard.drill_down
    assert drill is not None and drill.isVisible()
    shown = {(f.site_code, f.criterion_code) for f in drill.findings.source.rows()}
    assert shown == {("YZ-1", "ZCGD-01"), ("YZ-M", "NMSC-08")}
    figure = dashboard.table.row_value(row)
    assert shown == {(f.site_code, f.criterion_code)
                     for f in city.office.findings(figure.scope)}
    assert {i.site_code for i in drill.inspections.source.rows()} == {"YZ-1", "YZ-M"}
    assert "迎泽区" in drill.windowTitle()


def test_double_clicking_an_inspection_in_the_drill_down_asks_to_open_it(dashboard, qtbot):
    _double_click(qtbot, dashboard.table, 0)
    drill = dashboard.drill_down
    drill.tabs.setCurrentWidget(drill.inspections)
    expected = drill.inspections.row_value(0).inspection_id
    with qtbot.waitSignal(dashboard.inspection_chosen) as chosen:
        _double_click(qtbot, drill.inspections, 0)
    assert chosen.args == [expected, ""]


def test_a_weak_criterion_chosen_with_the_keyboard_opens_its_findings(dashboard, qtbot):
    chart = dashboard.weak_chart
    assert chart.criteria[-1].code in {"NMSC-08", "ZCGD-01"}  # 1 of 1 failed: on top
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    top = chart.chosen_code()
    QTest.keyClick(chart, Qt.Key.Key_Return)
    drill = dashboard.drill_down
    assert drill is not None and drill.criterion_code == top
    assert {f.criterion_code for f in drill.findings.source.rows()} == {top}
    assert len(drill.inspections.source.rows()) == 1


def test_a_month_without_inspections_says_so_and_hides_the_charts(dashboard, qtbot):
    dashboard.picker.first.setEditText("2026-09")
    dashboard.picker.first.lineEdit().editingFinished.emit()
    _read(qtbot, dashboard)
    assert dashboard.body.currentWidget() is dashboard.message
    assert "2026年9月" in dashboard.message.text()
    assert not dashboard.trend_chart.isVisible() and not dashboard.table.isVisible()
    assert dashboard.tiles.tiles["score"].value.text() == "—"
    dashboard.picker.first.setEditText("2026-11")
    dashboard.picker.first.lineEdit().editingFinished.emit()
    _read(qtbot, dashboard)
    assert dashboard.table.isVisible()


def test_a_run_of_months_counts_them_all(dashboard, city, qtbot):
    dashboard.picker.set_period(Period.parse("2026-10..2026-11"))
    dashboard.refresh()
    _read(qtbot, dashboard)
    assert dashboard.tiles.tiles["inspections"].value.text() == "5"


def test_f5_reads_new_results(dashboard, city, qtbot):
    assert dashboard.tiles.tiles["inspections"].value.text() == "3"
    city.login("A07", PW)
    clock.set_fixed(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC))
    inspection = city.inspections.start("XD-1")
    city.inspections.record(inspection.id, "ZCGD-01", "fail", 1)
    city.inspections.finish(inspection.id)
    city.login("O01", PW)
    QTest.keyClick(dashboard, Qt.Key.Key_F5)
    _read(qtbot, dashboard)
    assert dashboard.tiles.tiles["inspections"].value.text() == "4"


def test_ctrl_c_copies_the_selected_rows_as_tab_separated_text(dashboard, qtbot):
    dashboard.table.setFocus()
    dashboard.table.selectRow(0)
    QTest.keySequence(dashboard.table, "Ctrl+C")
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t")[1] == dashboard.dimension.currentText()
    assert lines[1].split("\t")[:2] == ["1", "小店区"]


def test_every_control_is_reached_with_tab_and_esc_closes(dashboard, qtbot):
    dashboard.activateWindow()
    qtbot.waitUntil(dashboard.isActiveWindow)
    dashboard.picker.first.setFocus()
    reached = set()
    for _ in range(15):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    wanted = [dashboard.picker.first, dashboard.picker.range_check, dashboard.dimension,
              *dashboard.filters.values(), dashboard.refresh_button, dashboard.table,
              dashboard.weak_chart]
    missing = [w for w in wanted if not any(w is r or w.isAncestorOf(r) for r in reached)]
    assert not missing
    QTest.keyClick(dashboard.table, Qt.Key.Key_Escape)
    assert not dashboard.isVisible()


def _gathering(monkeypatch, before=None) -> list[tuple[str, int]]:
    """Watch the dashboard's reads: each one's grouping and thread, after ``before(by)``."""
    real, reads = dashboard_module.gather, []

    def watched(office, scope, by, progress=None):
        if before is not None:
            before(by)
        snapshot = real(office, scope, by)  # (no progress: an overtaken read runs to its end)
        reads.append((by, threading.get_ident()))
        return snapshot
    monkeypatch.setattr(dashboard_module, "gather", watched)
    return reads


def test_the_figures_are_read_on_a_worker_thread(dashboard, monkeypatch, qtbot):
    reads = _gathering(monkeypatch)
    _choose(dashboard.dimension, "unit")
    assert dashboard.refreshing and dashboard.busy.isVisible()
    _read(qtbot, dashboard)
    assert [by for by, _ in reads] == ["unit"]
    assert reads[0][1] != threading.get_ident()  # not the GUI thread
    assert len(_texts(dashboard.table, FigureTableModel.NAME)) == 3
    assert not dashboard.busy.isVisible()


def test_a_refresh_overtaken_by_a_newer_choice_is_dropped(dashboard, monkeypatch, qtbot):
    release = threading.Event()
    reads = _gathering(monkeypatch, lambda by: by == "district" and release.wait(5))
    shown = []
    monkeypatch.setattr(dashboard, "show_snapshot",
                        lambda snapshot, show=dashboard.show_snapshot: (
                            shown.append(snapshot.by), show(snapshot)))
    dashboard.refresh()  # by district: held back until released
    assert dashboard.busy.isVisible()
    assert _texts(dashboard.table, FigureTableModel.NAME) == ["小店区", "迎泽区"]  # kept
    _choose(dashboard.dimension, "unit")  # the user changes their mind meanwhile
    release.set()  # the overtaken read ends before or after the newer one (one worker or two)
    qtbot.waitUntil(lambda: len(reads) == 2 and not dashboard.refreshing, timeout=5000)
    qtbot.wait(100)  # (the overtaken figures reach the GUI thread, to be dropped)
    assert sorted(by for by, _ in reads) == ["district", "unit"]
    assert shown == ["unit"] and dashboard.snapshot.by == "unit"
    assert len(_texts(dashboard.table, FigureTableModel.NAME)) == 3
    assert not dashboard.busy.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_click_through_opens_the_inspection_in_the_main_window(qtbot, city, tmp_path):
    window = open_window(qtbot, city, city.store.data_dir)
    window.office_flow.show_dashboard()
    dashboard = window.office_flow._dialogs["dashboard"]
    qtbot.addWidget(dashboard)
    finding = city.office.findings(NOVEMBER, "NMSC-08")[0]
    dashboard.inspection_chosen.emit(finding.inspection_id, "NMSC-08")
    assert window.inspection_view.inspection_id == finding.inspection_id
    assert window.inspection_view.current_code() == "NMSC-08"


# -- the period picker ---------------------------------------------------------------


def test_the_period_picker_takes_a_typed_month_or_range_and_refuses_nonsense(qtbot):
    picker = PeriodPicker()
    qtbot.addWidget(picker)
    picker.set_months(["2026-11", "2026-10"])
    assert picker.period() == Period.month("2026-11")
    with qtbot.waitSignal(picker.period_changed) as changed:
        picker.first.setEditText("2025-03")
        picker.first.lineEdit().editingFinished.emit()
    assert changed.args == [Period.month("2025-03")]
    picker.range_check.setChecked(True)
    picker.last.setEditText("2025-01")  # ends before it starts
    with qtbot.assertNotEmitted(picker.period_changed):
        picker.last.lineEdit().editingFinished.emit()
    assert picker.period() is None and picker.toolTip()
    picker.last.setEditText("2025-05")
    picker.last.lineEdit().editingFinished.emit()
    assert picker.period() == Period.parse("2025-03..2025-05") and not picker.toolTip()


def test_without_any_data_the_picker_offers_the_current_month(qtbot):
    picker = PeriodPicker()
    qtbot.addWidget(picker)
    picker.set_months([], today=dt.date(2027, 2, 3))
    assert picker.period() == Period.month("2027-02")


# -- the rankings --------------------------------------------------------------------


def test_rankings_mark_the_last_place_in_words_and_colour(rankings):
    table = rankings.pages["district"].table
    names = _texts(table, StandingTableModel.NAME)
    assert names == ["小店区", "迎泽区"]  # 迎泽区 is zeroed by FM-01
    last = table.proxy.index(1, StandingTableModel.MARK)
    assert last.data() == table.source.tr("Last place")
    assert last.data(Qt.ItemDataRole.BackgroundRole).color() == LAST_PLACE_BACKGROUND
    assert table.proxy.index(0, StandingTableModel.MARK).data() == ""
    assert table.proxy.index(1, StandingTableModel.SCORE).data() == "0.0%"
    assert table.proxy.index(1, StandingTableModel.RAW_SCORE).data() != "0.0%"


def test_a_unit_that_failed_a_watched_criterion_shows_the_rule_as_its_reason(rankings):
    table = rankings.pages["unit"].table
    row = _texts(table, StandingTableModel.NAME).index("丙市场")
    reason = table.proxy.index(row, StandingTableModel.REASONS)
    assert reason.data().startswith("FM-01 ")
    assert reason.data().endswith("×1")
    assert "YZ-M" in reason.data(Qt.ItemDataRole.ToolTipRole)
    assert "NMSC-08" in reason.data(Qt.ItemDataRole.ToolTipRole)
    assert table.proxy.index(row, StandingTableModel.SCORE).data() == "0.0%"
    others = [r for r in range(3) if r != row]
    assert all(table.proxy.index(r, StandingTableModel.REASONS).data() == "" for r in others)


def test_the_office_sets_how_many_last_places_are_marked(rankings, city):
    rankings.last_places.setValue(2)
    rankings.save_last_places()
    assert city.office.last_places() == 2
    marked = [s.label for s in rankings.standings("unit") if s.last]
    assert len(marked) == 2


def test_an_auditor_cannot_change_the_marked_places(qtbot, city):
    city.login("A07", PW)
    dialog = RankingsDialog(city, None)
    qtbot.addWidget(dialog)
    assert not dialog.last_places.isEnabled()


def test_the_negative_list_is_shown_read_only(rankings, qtbot):
    dialog = rankings.show_rules()
    qtbot.addWidget(dialog)
    codes = [dialog.table.row_value(r).code for r in range(dialog.table.proxy.rowCount())]
    assert codes == ["FM-01", "FM-02", "FM-03"]
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers


def test_an_empty_month_in_the_rankings_says_so(rankings):
    rankings.picker.first.setEditText("2026-09")
    rankings.picker.first.lineEdit().editingFinished.emit()
    page = rankings.pages["district"]
    assert page.currentWidget() is page.message and "2026年9月" in page.message.text()


# -- the models ----------------------------------------------------------------------


def test_the_item_models_pass_the_model_tester(qtmodeltester, city):
    office = city.office
    figures = FigureTableModel()
    figures.set_rows(office.table(NOVEMBER, "unit"))
    standings = StandingTableModel()
    standings.set_rows(office.standings(NOVEMBER, "unit"))
    findings = FindingTableModel()
    findings.set_rows(office.findings(NOVEMBER))
    lines = InspectionLineModel()
    lines.set_rows(office.inspections(NOVEMBER))
    rules = RuleTableModel()
    rules.set_rows(office.negative_rules())
    for model in (figures, standings, findings, lines, rules):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_data_never_raises_and_unknown_rates_show_a_dash(city):
    model = FigureTableModel()
    model.set_rows(city.office.table(NOVEMBER, "district"))
    assert model.data(QModelIndex()) is None
    assert model.data(model.index(0, 99)) is None
    assert model.data(model.createIndex(7, 0)) is None
    assert percent(None) == "—"
