import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from model import demo
from ui.itemmodels.inspection_table import ID_ROLE, InspectionTableModel
from ui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot, services):
    shown = MainWindow(services)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_shipped_cjk_font_is_the_application_font(qapp):
    assert QFontInfo(qapp.font()).family() == "Noto Sans CJK SC"


def test_an_empty_store_shows_a_hint_in_chinese(window):
    assert window.windowTitle() == "创城巡检"
    assert window.empty_hint.isVisible()
    assert "示例城市" in window.empty_hint.text()
    assert window.table_model.rowCount() == 0


def test_loading_the_demo_fills_the_table_with_chinese_headers(window):
    window.load_demo_action.trigger()
    model = window.table_model
    assert model.rowCount() >= 60
    assert not window.empty_hint.isVisible()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:2] == ["点位", "区县"] and "得分率" in headers
    assert "72 个点位" in window.status_label.text()
    statuses = {model.data(model.index(r, 4)) for r in range(model.rowCount())}
    assert statuses == {"已完成", "进行中"}


def test_search_filters_the_list(window):
    window.load_demo_action.trigger()
    total = window.proxy.rowCount()
    window.search.setText("晋源区")  # QTest can only type ASCII keys
    assert 0 < window.proxy.rowCount() < total
    for row in range(window.proxy.rowCount()):
        assert window.proxy.data(window.proxy.index(row, 1)) == "晋源区"


def test_sorting_by_score_rate_orders_numerically(window):
    window.load_demo_action.trigger()
    window.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    values = [float(window.proxy.data(window.proxy.index(r, 6)).rstrip("%"))
              for r in range(window.proxy.rowCount())
              if window.proxy.data(window.proxy.index(r, 6)) != "—"]
    assert values == sorted(values, reverse=True)


def test_the_inspection_model_passes_the_model_tester(qtmodeltester, services):
    demo.load(services.store)
    model = InspectionTableModel()
    model.set_rows(services.list_inspections())
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), ID_ROLE) == services.list_inspections()[0].id
