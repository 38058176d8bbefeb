"""The auditor's workflow in the real main window, driven like a user would."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QDialog

from model.inspections.inspections import Outcome, Status
from model.inspections.navigator import Priority
from tests.ui.conftest import open_window
from ui.itemmodels.criteria_model import CriteriaModel
from ui.itemmodels.navigator_model import NavigatorModel


def _today_site(window):
    model = window.navigator.model
    rows = [model.overview(r) for r in range(model.rowCount())]
    return next(r for r in rows if r.priority is Priority.TODAY and r.status.value != "finished")


def _start(window, qtbot):
    site = _today_site(window)
    window.start_or_continue(site.site.id)
    view = window.inspection_view
    qtbot.waitUntil(view.criteria.hasFocus)
    return view


def _press(qtbot, widget, *keys):
    for key in keys:
        qtbot.keyClick(widget, key)


def test_the_shipped_cjk_font_is_the_application_font(qapp):
    assert QFontInfo(qapp.font()).family() == "Noto Sans CJK SC"


def test_the_window_is_chinese_and_lists_todays_sites_first(window):
    assert window.windowTitle() == "创城巡检"
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[:3] == ["文件(&F)", "编辑(&E)", "检查(&I)"]
    model = window.navigator.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "点位"
    first = [model.overview(r).priority for r in range(4)]
    assert first == [Priority.TODAY] * 4
    assert model.data(model.index(0, 1)) == "今日"


def test_a_whole_inspection_with_the_keyboard_alone(window, qtbot, demo_services):
    view = _start(window, qtbot)
    codes = view.model.codes()
    # 1 passes codes[0] and moves on; 2 fails codes[1] and stays for +; ↓; 3 (not
    # applicable) on codes[2] moves on to codes[3]
    _press(qtbot, view.criteria, Qt.Key.Key_1, Qt.Key.Key_2,
           Qt.Key.Key_Plus, Qt.Key.Key_Down, Qt.Key.Key_3)
    assert view.current_code() == codes[3]
    _press(qtbot, view.criteria, Qt.Key.Key_Up, Qt.Key.Key_Up)
    qtbot.keyClick(view.criteria, Qt.Key.Key_Return)
    assert view.editor.location.hasFocus()
    qtbot.keyClicks(view.editor.location, "north gate 3F")
    qtbot.keyClick(view.editor.location, Qt.Key.Key_Escape)
    assert view.criteria.hasFocus()
    qtbot.keyClick(view.criteria, Qt.Key.Key_U)
    for _ in codes[3:]:
        qtbot.keyClick(view.criteria, Qt.Key.Key_1)  # one key per criterion
    stored = demo_services.inspections.detail(view.inspection_id)
    by_code = {line.criterion.code: line.result for line in stored.lines}
    assert by_code[codes[0]].outcome is Outcome.PASS
    assert (by_code[codes[1]].outcome, by_code[codes[1]].instances) == (Outcome.FAIL, 2)
    assert by_code[codes[1]].location == "north gate 3F"
    assert by_code[codes[2]].outcome is Outcome.NA
    assert all(result is not None for result in by_code.values())
    expected = (len(codes) - 2 + 0.33) / (len(codes) - 1)
    assert stored.rates.score_rate == pytest.approx(expected)
    assert "得分率" in view.counts.text()


def test_marking_keys_do_nothing_while_typing_a_note(window, qtbot, demo_services):
    view = _start(window, qtbot)
    answered = demo_services.inspections.detail(view.inspection_id).rates.answered
    qtbot.keyClick(view.criteria, Qt.Key.Key_Return)
    qtbot.keyClicks(view.editor.location, "123")
    assert view.editor.location.text() == "123"
    assert demo_services.inspections.detail(view.inspection_id).rates.answered == answered


def test_undo_and_redo_survive_a_switch_between_inspections(window, qtbot, demo_services):
    view = _start(window, qtbot)
    first_id, code = view.inspection_id, view.current_code()
    qtbot.keyClick(view.criteria, Qt.Key.Key_2)
    rows = (window.navigator.model.overview(n) for n in range(window.navigator.model.rowCount()))
    other = next(r for r in rows
                 if r.priority is Priority.TODAY and r.site.id != view.detail.site.id)
    window.start_or_continue(other.site.id)
    assert view.inspection_id != first_id
    window.actions.undo.trigger()
    assert view.inspection_id == first_id and view.current_code() == code
    assert demo_services.inspections.result(first_id, code) is None
    window.actions.redo.trigger()
    assert demo_services.inspections.result(first_id, code).outcome is Outcome.FAIL


def test_finishing_shows_the_summary_and_locks(window, qtbot, demo_services):
    view = _start(window, qtbot)
    _press(qtbot, view.criteria, Qt.Key.Key_2, Qt.Key.Key_Down, Qt.Key.Key_1)
    window.actions.finish.trigger()
    summary = window.summary
    qtbot.waitExposed(summary)
    assert "未作答" in summary.warnings.text() or "尚未" in summary.warnings.text()
    assert summary.failed.rowCount() == 1
    summary.finish_button.click()
    assert demo_services.inspections.detail(view.inspection_id).inspection.status is Status.FINISHED
    assert summary.notice_button.isVisible()
    assert not window.actions.undo.isEnabled()
    qtbot.keyClick(view.criteria, Qt.Key.Key_1)  # locked: nothing changes
    assert demo_services.inspections.review(view.inspection_id).rates.passed == 1


def test_reopening_needs_a_reason(window, qtbot, demo_services):
    view = _start(window, qtbot)
    qtbot.keyClick(view.criteria, Qt.Key.Key_1)
    demo_services.inspections.finish(view.inspection_id)
    view.refresh()
    window.ask_text = lambda title, label: ""
    window.actions.reopen.trigger()
    assert view.detail.inspection.status is Status.FINISHED
    window.ask_text = lambda title, label: "漏记问题"
    window.actions.reopen.trigger()
    assert view.detail.inspection.status is Status.IN_PROGRESS and view.editable


def test_a_restart_restores_the_open_inspection_and_typed_text(window, qtbot, demo_services,
                                                               data_dir):
    view = _start(window, qtbot)
    qtbot.keyClick(view.criteria, Qt.Key.Key_Return)
    view.editor.note.setPlainText("西侧有积水")  # typed, not yet committed
    inspection_id, code = view.inspection_id, view.current_code()
    window.hide()  # as if killed: no close event, nothing committed by leaving the field
    again = open_window(qtbot, demo_services, data_dir)
    assert again.inspection_view.inspection_id == inspection_id
    again.inspection_view.criteria.select_code(code)
    assert again.inspection_view.editor.note.toPlainText() == "西侧有积水"


def test_a_restart_puts_the_cursor_back_in_the_note_being_typed(window, qtbot, demo_services,
                                                                data_dir):
    view = _start(window, qtbot)
    _press(qtbot, view.criteria, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return)
    qtbot.keyClick(view.editor.location, Qt.Key.Key_Tab)
    assert view.editor.note.hasFocus()
    qtbot.keyClicks(view.editor.note, "puddle by the west gate")
    inspection_id, code = view.inspection_id, view.current_code()
    assert code != view.model.codes()[0]  # not where a fresh start would put the cursor
    window.hide()  # as if killed: no close event, nothing committed by leaving the field
    again = open_window(qtbot, demo_services, data_dir).inspection_view
    assert (again.inspection_id, again.current_code()) == (inspection_id, code)
    qtbot.waitUntil(again.editor.note.hasFocus)
    qtbot.keyClicks(again.editor.note, ", 3 m")  # typing goes on at the end of the note
    assert again.editor.note.toPlainText() == "puddle by the west gate, 3 m"


def test_after_a_restart_the_list_has_the_criterion_it_had(window, qtbot, demo_services,
                                                          data_dir):
    view = _start(window, qtbot)
    _press(qtbot, view.criteria, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down)
    code = view.current_code()
    window.hide()
    again = open_window(qtbot, demo_services, data_dir).inspection_view
    assert again.current_code() == code and again.criteria.hasFocus()


def test_another_user_never_lands_in_the_last_users_inspection(window, qtbot, demo_services,
                                                               data_dir):
    view = _start(window, qtbot)
    inspection_id = view.inspection_id
    window.hide()
    demo_services.login("O01", "demo-pass")  # the office signs in on the same laptop
    office = open_window(qtbot, demo_services, data_dir)
    assert office.inspection_view.inspection_id is None
    office.hide()
    demo_services.login("A07", "demo-pass")  # and A07 is back where A07 was
    again = open_window(qtbot, demo_services, data_dir)
    assert again.inspection_view.inspection_id == inspection_id


def test_lock_covers_the_window_and_keeps_typed_text(window, qtbot):
    view = _start(window, qtbot)
    qtbot.keyClick(view.criteria, Qt.Key.Key_Return)
    qtbot.keyClicks(view.editor.location, "east")
    window.actions.lock.trigger()
    overlay = window.lock_overlay
    assert overlay.is_locked() and overlay.geometry() == window.rect()
    qtbot.keyClicks(overlay.password_edit, "wrong")
    qtbot.keyClick(overlay.password_edit, Qt.Key.Key_Return)
    assert overlay.is_locked()
    overlay.password_edit.setText("demo-pass")
    qtbot.keyClick(overlay.password_edit, Qt.Key.Key_Return)
    assert not overlay.is_locked()
    assert view.editor.location.text() == "east"


def test_large_text_mode_changes_the_font_and_is_remembered(window, qapp, data_dir):
    from ui import settings as declared
    from ui.settings import Settings

    normal = qapp.font().pointSize()
    window.actions.large_text.trigger()
    try:
        assert qapp.font().pointSize() > normal
        assert Settings(data_dir).get(declared.LARGE_TEXT) is True
    finally:
        window.actions.large_text.trigger()
    assert qapp.font().pointSize() == normal


def test_navigator_filters(window):
    nav = window.navigator
    total = nav.proxy.rowCount()
    nav.district.setCurrentIndex(nav.district.findData("晋源区"))
    assert 0 < nav.proxy.rowCount() < total
    assert all(nav.proxy.index(r, 4).data().startswith("晋源区")
               for r in range(nav.proxy.rowCount()))
    nav.status.setCurrentIndex(nav.status.findData("finished"))
    finished = nav.proxy.rowCount()
    assert all(nav.proxy.index(r, 2).data() == "已完成" for r in range(finished))
    nav.search.setText("不存在的点位")
    assert nav.proxy.rowCount() == 0


def test_item_models_pass_the_model_tester(window, qtmodeltester, qtbot):
    _start(window, qtbot)
    qtmodeltester.check(window.inspection_view.model)
    qtmodeltester.check(window.navigator.model)
    assert isinstance(window.inspection_view.model, CriteriaModel)
    assert isinstance(window.navigator.model, NavigatorModel)


def test_the_navigator_shows_a_changed_score_at_once(window, qtbot):
    view = _start(window, qtbot)
    qtbot.keyClick(view.criteria, Qt.Key.Key_2)
    index = window.navigator.model.index_of(view.inspection_id)
    score = index.siblingAtColumn(5).data()
    assert score == "66.0%"  # one failed criterion with one problem: 66 % of the points
    qtbot.keyClick(view.criteria, Qt.Key.Key_1)
    assert index.siblingAtColumn(5).data() == "100.0%"


def test_marking_keys_work_even_when_the_shortcut_map_does_not_see_them(window, qtbot,
                                                                        demo_services):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    view = _start(window, qtbot)
    code = view.current_code()
    for key, text in ((Qt.Key.Key_2, "2"), (Qt.Key.Key_Plus, "+")):
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        QApplication.sendEvent(view.criteria, event)  # straight to the widget: no shortcut map
    stored = demo_services.inspections.result(view.inspection_id, code)
    assert (stored.outcome, stored.instances) == (Outcome.FAIL, 2)


def test_category_rows_count_answers_as_they_come(window, qtbot):
    view = _start(window, qtbot)
    code = view.current_code()
    category = view.model.index_of(code).parent()
    before = category.data()
    qtbot.keyClick(view.criteria, Qt.Key.Key_1)
    after = category.data()
    answered = int(after.rsplit("(", 1)[1].split("/")[0])
    assert answered == int(before.rsplit("(", 1)[1].split("/")[0]) + 1


def _menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_an_auditor_has_no_office_menu_and_no_office_shortcuts(window, qtbot, demo_services,
                                                              data_dir):
    office_title = window.tr("&Office")
    assert office_title not in _menu_titles(window)
    assert not window.actions.plan_month.isEnabled() and not window.actions.dashboard.isEnabled()
    window.hide()
    demo_services.login("O01", "demo-pass")
    office = open_window(qtbot, demo_services, data_dir)
    assert office_title in _menu_titles(office) and office.actions.plan_month.isEnabled()


def test_switch_user_closes_the_window_to_sign_out_from_the_menu_or_the_lock(window, qtbot,
                                                                            demo_services,
                                                                            data_dir):
    view = _start(window, qtbot)
    qtbot.keyClick(view.criteria, Qt.Key.Key_Return)
    view.editor.note.setPlainText("东侧垃圾桶满溢")  # typed: kept for A07's return
    window.actions.switch_user.trigger()
    assert window.switching_user and not window.isVisible()
    locked = open_window(qtbot, demo_services, data_dir)
    assert not locked.switching_user
    locked.actions.lock.trigger()
    qtbot.mouseClick(locked.lock_overlay.switch_button, Qt.MouseButton.LeftButton)
    assert locked.switching_user and not locked.isVisible()


def test_no_key_is_bound_twice_and_f1_and_ctrl_q_reach_their_actions(window, qtbot):
    bound = [(s.toString(), a.text()) for a in window.actions.by_name.values()
             for s in a.shortcuts()]
    keys = [key for key, _ in bound]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    for key, action in ((Qt.Key.Key_F1, window.actions.shortcuts),
                        (Qt.Key.Key_Q, window.actions.quit)):
        modifier = (Qt.KeyboardModifier.ControlModifier if key == Qt.Key.Key_Q
                    else Qt.KeyboardModifier.NoModifier)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        with qtbot.waitSignal(action.triggered, timeout=3000):
            qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
        for opened in window.findChildren(QDialog):  # the shortcut list F1 opened
            opened.close()


def test_the_day_filter_starts_on_the_offices_day_not_the_computers(window, demo_services,
                                                                    monkeypatch):
    """At 01:30 in Taiyuan the computer (on UTC) still says yesterday; the plan says today."""
    from model.store import clock
    from ui.widgets.navigator import Navigator

    monkeypatch.setattr(clock, "office_today", lambda: "2026-12-08")
    navigator = Navigator(demo_services, window)
    assert navigator.day.date().toString("yyyy-MM-dd") == "2026-12-08"
