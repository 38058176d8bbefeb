"""What the keyboard does in the field (issue 17): outcome buttons that tell the truth about
the current criterion, a mark that moves on to the next unanswered criterion (a setting), and a
navigator search that Enter and ↓ lead straight into the list."""

from PySide6.QtCore import Qt

from model.inspections.inspections import Outcome
from model.inspections.navigator import Priority
from tests.ui.conftest import open_window
from tests.ui.test_mainwindow import _start
from tests.ui.test_notice_ui import ModalAnswers
from ui import settings as declared
from ui.dialogs.preferences import PreferencesDialog
from ui.itemmodels.navigator_model import ID_ROLE
from ui.settings import Settings


def _pressed(view) -> set:
    """The outcomes whose buttons are drawn pressed."""
    return {outcome for outcome, button in view.editor.buttons.items() if button.isChecked()}


def _stored(view, services) -> set:
    """The current criterion's stored outcome, as a set like :func:`_pressed`."""
    result = services.inspections.result(view.inspection_id, view.current_code())
    return {result.outcome} if result else set()


def test_the_outcome_buttons_show_exactly_the_current_criterions_answer(window, qtbot,
                                                                      demo_services):
    view = _start(window, qtbot)
    first = view.current_code()
    steps = (
        (Qt.Key.Key_2, "fail"), (Qt.Key.Key_Delete, "clear"),
        (Qt.Key.Key_3, "not applicable, on to the next unanswered"), (Qt.Key.Key_Up, "back"),
        (Qt.Key.Key_Backspace, "clear"), (Qt.Key.Key_1, "pass, on to the next unanswered"),
        (Qt.Key.Key_2, "fail"), (Qt.Key.Key_Down, "next criterion"),
    )
    assert _pressed(view) == set(), "unanswered at the start"
    for key, what in steps:
        qtbot.keyClick(view.criteria, key)
        assert _pressed(view) == _stored(view, demo_services), what
    qtbot.keyClick(view.criteria, Qt.Key.Key_U)
    assert view.current_code() != first and _pressed(view) == set()
    view.criteria.select_code(first)
    assert _pressed(view) == _stored(view, demo_services) == {Outcome.PASS}


def test_undo_and_redo_move_the_pressed_button_with_the_answer(window, qtbot, demo_services):
    view = _start(window, qtbot)
    qtbot.keyClick(view.criteria, Qt.Key.Key_2)
    qtbot.keyClick(view.criteria, Qt.Key.Key_Delete)
    for action, expected in ((window.actions.undo, "fail"), (window.actions.undo, "none"),
                             (window.actions.redo, "fail"), (window.actions.redo, "none")):
        action.trigger()
        shown = {o.value for o in _pressed(view)} or {"none"}
        assert shown == {expected} and _pressed(view) == _stored(view, demo_services)


def test_a_new_inspection_starts_with_no_outcome_pressed(window, qtbot, demo_services):
    view = _start(window, qtbot)
    qtbot.keyClick(view.criteria, Qt.Key.Key_2)  # a fail stays: its button is pressed
    assert _pressed(view) == {Outcome.FAIL}
    model = window.navigator.model
    other = next(o for o in (model.overview(r) for r in range(model.rowCount()))
                 if o.priority is Priority.TODAY and o.site.id != view.detail.site.id)
    window.start_or_continue(other.site.id)
    assert view.detail.site.id == other.site.id
    assert _stored(view, demo_services) == set() and _pressed(view) == set()


def test_a_pass_or_not_applicable_moves_on_to_the_next_unanswered_and_a_fail_stays(
        window, qtbot, demo_services):
    view = _start(window, qtbot)
    codes = view.model.codes()
    assert view.current_code() == codes[0]
    qtbot.keyClick(view.criteria, Qt.Key.Key_1)
    assert view.current_code() == codes[1] and view.criteria.hasFocus()
    qtbot.keyClick(view.criteria, Qt.Key.Key_2)
    assert view.current_code() == codes[1], "a fail stays for its count, location and note"
    qtbot.keyClick(view.criteria, Qt.Key.Key_Plus)
    qtbot.keyClick(view.criteria, Qt.Key.Key_Return)
    assert view.editor.location.hasFocus()
    qtbot.keyClicks(view.editor.location, "north gate")
    qtbot.keyClick(view.editor.location, Qt.Key.Key_Escape)
    qtbot.keyClick(view.criteria, Qt.Key.Key_U)
    qtbot.keyClick(view.criteria, Qt.Key.Key_3)
    assert view.current_code() == codes[3]
    view.criteria.select_code(codes[0])  # changing an answer: on past the answered ones
    qtbot.keyClick(view.criteria, Qt.Key.Key_3)
    assert view.current_code() == codes[3]
    qtbot.mouseClick(view.editor.buttons[Outcome.PASS], Qt.MouseButton.LeftButton)
    assert view.current_code() == codes[4], "the outcome buttons move on too"
    stored = {code: demo_services.inspections.result(view.inspection_id, code)
              for code in codes[:5]}
    assert [r.outcome if r else None for r in stored.values()] == [
        Outcome.NA, Outcome.FAIL, Outcome.NA, Outcome.PASS, None]
    assert (stored[codes[1]].instances, stored[codes[1]].location) == (2, "north gate")


def test_with_moving_on_switched_off_a_mark_stays(qtbot, demo_services, data_dir):
    Settings(data_dir).set(declared.ADVANCE_AFTER_MARK, False)
    window = open_window(qtbot, demo_services, data_dir)
    view = _start(window, qtbot)
    first = view.current_code()
    for key in (Qt.Key.Key_1, Qt.Key.Key_3):
        qtbot.keyClick(view.criteria, key)
        assert view.current_code() == first
    assert demo_services.inspections.result(view.inspection_id, first).outcome is Outcome.NA


def _set_moving_on(window, on: bool) -> None:
    """Settings… (from the File menu): tick or untick moving on after a mark, then OK."""
    shown: list[bool] = []

    def answer(dialog: PreferencesDialog) -> None:
        try:
            shown.append(dialog.advance_after_mark.isChecked())
            dialog.advance_after_mark.setChecked(on)
        finally:
            dialog.accept()  # even when the lines above fail: a test must not hang

    answers = ModalAnswers((PreferencesDialog, answer))
    window.actions.preferences.trigger()  # returns once the dialog was answered
    answers.stop()
    assert not answers.pending and shown == [not on]


def test_the_settings_dialog_switches_moving_on_off_and_on(window, qtbot, data_dir):
    view = _start(window, qtbot)
    _set_moving_on(window, False)
    assert Settings(data_dir).get(declared.ADVANCE_AFTER_MARK) is False
    first = view.current_code()
    qtbot.keyClick(view.criteria, Qt.Key.Key_1)
    assert view.current_code() == first
    _set_moving_on(window, True)
    assert Settings(data_dir).get(declared.ADVANCE_AFTER_MARK) is True
    qtbot.keyClick(view.criteria, Qt.Key.Key_3)
    assert view.current_code() == view.model.codes()[1]


def _search(window, qtbot, text: str):
    """Ctrl+F, then type ``text`` into the navigator's search box."""
    nav = window.navigator
    window.actions.find.trigger()
    assert nav.search.hasFocus()
    qtbot.keyClicks(nav.search, text)
    assert nav.proxy.rowCount() > 1  # several matches: the first one is meant
    return nav


def test_enter_in_the_search_box_opens_the_first_match(window, qtbot):
    nav = _search(window, qtbot, "GYGC")
    first = nav.proxy.index(0, 0).data(ID_ROLE)
    qtbot.keyClick(nav.search, Qt.Key.Key_Return)
    view = window.inspection_view
    assert view.detail is not None and view.detail.site.id == first
    assert view.criteria.hasFocus()
    assert nav.tree.currentIndex().data(ID_ROLE) == view.inspection_id


def test_down_in_the_search_box_goes_to_the_first_match_marked_and_enter_opens_it(window,
                                                                                 qtbot):
    nav = _search(window, qtbot, "GYGC")
    qtbot.keyClick(nav.search, Qt.Key.Key_Down)
    assert nav.tree.hasFocus()
    current = nav.tree.currentIndex()
    assert current == nav.proxy.index(0, 0)
    assert nav.tree.selectionModel().isSelected(current)  # drawn highlighted, not just focused
    qtbot.keyClick(nav.tree, Qt.Key.Key_Down)
    second = nav.tree.currentIndex()
    assert second.data(ID_ROLE) == nav.proxy.index(1, 0).data(ID_ROLE)
    assert nav.tree.selectionModel().isSelected(second)
    chosen = second.data(ID_ROLE)  # before Enter, which refreshes the list
    qtbot.keyClick(nav.tree, Qt.Key.Key_Return)
    assert window.inspection_view.detail.site.id == chosen


def test_the_current_row_is_marked_when_tab_brings_the_focus_to_the_list(window, qtbot):
    _start(window, qtbot)  # the open inspection's row is current...
    nav = _search(window, qtbot, "LJXQ")  # ...and filtered out: no current row is left
    for _ in range(10):
        if nav.tree.hasFocus():
            break
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert nav.tree.hasFocus()
    current = nav.tree.currentIndex()
    assert current.isValid() and nav.tree.selectionModel().isSelected(current)
    chosen = current.data(ID_ROLE)  # before Enter, which refreshes the list (an index kept
    qtbot.keyClick(nav.tree, Qt.Key.Key_Return)  # across a refresh may point at freed memory)
    assert window.inspection_view.detail.site.id == chosen
