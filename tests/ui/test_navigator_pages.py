"""The navigator over a store with more inspections than it lists at once.

An office's store holds a province's years of inspections: the navigator lists
every site but reads a site's inspections only when the site is expanded, a page
at a time, with a "Show more" row for the next page. Opening an inspection, or
filtering by the day it was made, still reaches one that no page has read yet.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bench import bench_store
from model.inspections import inspection_list
from model.people.profiles import Role
from model.store import clock
from tests.helpers import site_line, sites_csv
from ui import dates
from ui.itemmodels.navigator_model import ID_ROLE, KIND_ROLE, MORE, PAGE_SIZE
from ui.labels import percent
from ui.widgets.navigator import SEARCH_PAUSE_MS, Navigator
from usecases.services import Services

PW = "office-pass"


@pytest.fixture
def crowded(tmp_path):
    """An office whose site YZ-1 has three pages of inspections (bulk-loaded as the
    benchmarks load them) and whose site XD-1 was never inspected."""
    services = Services.open(tmp_path / "data")
    services.people.create("王建国", "O01", Role.OFFICE, PW, "创城办")
    services.login("O01", PW)
    services.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1", "迎泽大街")]))
    data = bench_store.make_dataset(services.store, services.user.id, 3 * PAGE_SIZE, 4)
    bench_store.bulk_load(services.store, data, "executemany")
    services.sites.import_csv(sites_csv(tmp_path, [site_line("XD-1", "长风街", district="小店区")],
                                        "more.csv"))
    yield services
    services.close()


@pytest.fixture
def reads(monkeypatch):
    """Every list of inspections read: (limit, inspection id, how many it gave)."""
    found, real = [], inspection_list.summaries

    def watched(store, *args, **kwargs):
        listed = real(store, *args, **kwargs)
        found.append((kwargs.get("limit"), kwargs.get("inspection_id"), len(listed)))
        return listed
    monkeypatch.setattr(inspection_list, "summaries", watched)
    return found


@pytest.fixture
def navigator(qtbot, crowded):
    shown = Navigator(crowded)
    qtbot.addWidget(shown)
    shown.resize(700, 900)
    shown.show()
    qtbot.waitExposed(shown)
    shown.refresh()
    return shown


def _site(navigator, code: str):
    return next(navigator.proxy.index(r, 0) for r in range(navigator.proxy.rowCount())
                if navigator.proxy.index(r, 0).data().startswith(code))


def _children(navigator, site) -> list[tuple[str, str]]:
    """(kind, text) of a site's rows in the tree."""
    return [(navigator.proxy.index(r, 0, site).data(KIND_ROLE),
             navigator.proxy.index(r, 0, site).data())
            for r in range(navigator.proxy.rowCount(site))]


def _double_click(qtbot, tree, index) -> None:
    """Press and release, then the double-click (a view acts only on the row pressed)."""
    tree.scrollTo(index)
    where = tree.visualRect(index).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)


def _held(navigator) -> int:
    model = navigator.model
    return sum(len(model.inspections_of(r)) for r in range(model.rowCount()))


def _newest_first(crowded) -> list[str]:
    return [row[0] for row in crowded.store.db.execute(
        "SELECT id FROM inspection ORDER BY started_at DESC, id DESC")]


def test_opening_reads_no_inspection_and_expanding_a_site_reads_one_page(navigator, crowded,
                                                                         reads, qtbot):
    navigator.refresh()
    assert navigator.model.rowCount() == 2 and _held(navigator) == 0 and reads == []
    yz, xd = _site(navigator, "YZ-1"), _site(navigator, "XD-1")
    assert navigator.proxy.hasChildren(yz) and not navigator.proxy.hasChildren(xd)
    navigator.tree.expand(yz)
    rows = _children(navigator, yz)
    assert _held(navigator) == PAGE_SIZE and len(rows) == PAGE_SIZE + 1
    assert reads == [(PAGE_SIZE, None, PAGE_SIZE)]  # one page, never every inspection
    kind, text = rows[-1]  # "Show more… (50 of 150 inspections listed)"
    assert kind == MORE and f"{PAGE_SIZE}" in text and f"{3 * PAGE_SIZE}" in text
    newest = _newest_first(crowded)
    assert [navigator.proxy.index(r, 0, yz).data(ID_ROLE) for r in range(PAGE_SIZE)] \
        == newest[:PAGE_SIZE]
    summary = crowded.inspections.summary(newest[0])  # its rates, from its own tallies
    assert navigator.proxy.index(0, 5, yz).data() == percent(summary.rates.score_rate)


def test_show_more_reads_the_next_page_until_every_inspection_is_listed(navigator, crowded,
                                                                       qtbot, qtmodeltester,
                                                                       screenshot):
    yz = _site(navigator, "YZ-1")
    navigator.tree.expand(yz)
    more = navigator.proxy.index(PAGE_SIZE, 0, yz)
    navigator.tree.scrollTo(more)
    screenshot(navigator, "navigator-show-more")
    navigator.tree.setFocus()
    navigator.tree.mark_current(more)
    QTest.keyClick(navigator.tree, Qt.Key.Key_Return)  # Enter (or a double-click) reads on
    assert _held(navigator) == 2 * PAGE_SIZE
    assert navigator.tree.currentIndex().row() == PAGE_SIZE  # the first of the new page
    assert navigator.tree.currentIndex().data(ID_ROLE) == _newest_first(crowded)[PAGE_SIZE]
    qtmodeltester.check(navigator.model)
    _double_click(qtbot, navigator.tree, navigator.proxy.index(2 * PAGE_SIZE, 0, yz))
    assert _held(navigator) == 3 * PAGE_SIZE
    assert all(kind != MORE for kind, _ in _children(navigator, yz))  # nothing more to read
    row = navigator.proxy.mapToSource(yz).row()
    assert [i.id for i in navigator.model.inspections_of(row)] == _newest_first(crowded)
    qtmodeltester.check(navigator.model)


def test_selecting_an_inspection_no_page_has_read_reads_on_to_it(navigator, crowded, reads):
    oldest = _newest_first(crowded)[-1]
    navigator.select(oldest)
    assert navigator.tree.currentIndex().data(ID_ROLE) == oldest
    assert navigator.tree.isExpanded(navigator.tree.currentIndex().parent())
    assert [limit for limit, _, _ in reads] == [PAGE_SIZE] * 3
    navigator.update_inspection(oldest)  # (a changed score shows at once)
    assert reads[-1][1] == oldest


def test_the_day_filter_finds_a_site_by_an_inspection_no_page_has_read(navigator, crowded):
    oldest = crowded.inspections.summary(_newest_first(crowded)[-1])
    assert _held(navigator) == 0
    navigator.day.setDate(dates.qdate(clock.office_text(oldest.started_at)[:10]))
    navigator.day_enabled.setChecked(True)
    assert [navigator.proxy.index(r, 0).data(ID_ROLE)
            for r in range(navigator.proxy.rowCount())] == [oldest.site_id]
    navigator.day.setDate(dates.qdate("2026-10-30"))  # (the benchmark's days end on the 28th)
    assert navigator.proxy.rowCount() == 0
    assert _held(navigator) == 0


# -- a register longer than a page -----------------------------------------------------


def _open(qtbot, services) -> Navigator:
    shown = Navigator(services)
    qtbot.addWidget(shown)
    shown.show()
    shown.refresh()
    return shown


@pytest.fixture
def demo_navigator(qtbot, demo_services):
    """The navigator of auditor A07 over the demo city (72 sites, listed whole)."""
    return _open(qtbot, demo_services)


def _every_page(navigator) -> list[str]:
    """The ids of the sites the tree lists once "Show more sites" has listed them all."""
    while navigator.more_sites.isVisible():
        navigator.more_sites.click()
    return [navigator.proxy.index(r, 0).data(ID_ROLE) for r in range(navigator.proxy.rowCount())]


def _filter(qtbot, navigator, text="", district="", status="", day="") -> list[str]:
    if navigator.search.text() != text:
        navigator.search.setText(text)
        qtbot.wait(2 * SEARCH_PAUSE_MS)  # (a long register is searched after a pause)
    navigator.district.setCurrentIndex(navigator.district.findData(district))
    navigator.status.setCurrentIndex(navigator.status.findData(status))
    navigator.day_enabled.setChecked(bool(day))
    if day:
        navigator.day.setDate(dates.qdate(day))
    return _every_page(navigator)


def _choices(services) -> list[dict]:
    days = [clock.office_text(i.started_at)[:10] for i in services.inspections.listing()]
    busiest = max(set(days), key=days.count)
    return [{}, {"district": "迎泽区"}, {"status": "finished"},
            {"status": "not_started", "district": "小店区"}, {"text": "gygc"},
            {"text": "不存在的点位"}, {"day": busiest}, {"day": clock.office_today()},
            {"day": busiest, "status": "finished", "text": "-0"}]


def test_a_long_register_is_listed_a_page_at_a_time_and_filtered_in_the_store(
        demo_navigator, demo_services, qtbot, monkeypatch):
    whole = [_filter(qtbot, demo_navigator, **choice) for choice in _choices(demo_services)]
    assert not demo_navigator.more_sites.isVisible()  # a city's register: listed whole
    assert len(whole[0]) == 72 and all(whole[1:5]) and whole[5] == []
    monkeypatch.setattr("ui.widgets.navigator.SITE_PAGE", 10)
    paging = _open(qtbot, demo_services)
    assert paging.model.rowCount() == 10 and paging.more_sites.isVisible()
    assert "10" in paging.more_sites.text() and "72" in paging.more_sites.text()
    paging.more_sites.click()
    assert paging.model.rowCount() == 20
    paging.refresh()  # (after an inspection is started, say)
    assert paging.model.rowCount() == 20  # the pages listed stay listed
    paged = [_filter(qtbot, paging, **choice) for choice in _choices(demo_services)]
    assert paged == whole  # the same sites in the same order, however they were filtered
    assert paging.site_count == 72


def test_searching_a_long_register_finds_a_site_beyond_the_first_page(demo_services, qtbot,
                                                                      monkeypatch):
    monkeypatch.setattr("ui.widgets.navigator.SITE_PAGE", 10)
    demo_navigator = _open(qtbot, demo_services)
    last = demo_navigator.model.overview(9)
    listed = {demo_navigator.model.overview(r).site.code for r in range(10)}
    beyond = next(code for code in ("YZ-ZCGD-01", "XD-NMSC-01", "JY-SQ-01")
                  if code not in listed)
    assert last.site.code != beyond
    demo_navigator.search.setFocus()
    qtbot.keyClicks(demo_navigator.search, beyond.lower())
    with qtbot.waitSignal(demo_navigator.site_chosen) as chosen:
        qtbot.keyClick(demo_navigator.search, Qt.Key.Key_Return)  # (before the pause is over)
    assert demo_navigator.proxy.rowCount() == 1
    assert demo_navigator.proxy.index(0, 0).data().startswith(beyond)
    assert chosen.args == [demo_navigator.model.overview(0).site.id]
