"""What the keyboard shows in the field (issue 17): outcome buttons that tell the truth about
the current criterion, and a navigator search that Enter and ↓ lead straight into the list."""

from PySide6.QtCore import Qt

from model.inspections.inspections import Outcome
from model.inspections.navigator import Priority
from tests.ui.test_mainwindow import _start
from ui.itemmodels.navigator_model import ID_ROLE


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
        (Qt.Key.Key_2, "fail"), (Qt.Key.Key_Delete, "clear"), (Qt.Key.Key_3, "not applicable"),
        (Qt.Key.Key_Backspace, "clear"), (Qt.Key.Key_1, "pass"), (Qt.Key.Key_U, "next unanswered"),
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
    qtbot.keyClick(view.criteria, Qt.Key.Key_1)
    assert _pressed(view) == {Outcome.PASS}
    model = window.navigator.model
    other = next(o for o in (model.overview(r) for r in range(model.rowCount()))
                 if o.priority is Priority.TODAY and o.site.id != view.detail.site.id)
    window.start_or_continue(other.site.id)
    assert view.detail.site.id == other.site.id
    assert _stored(view, demo_services) == set() and _pressed(view) == set()


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
    qtbot.keyClick(nav.tree, Qt.Key.Key_Return)
    assert window.inspection_view.detail.site.id == second.data(ID_ROLE)


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
    qtbot.keyClick(nav.tree, Qt.Key.Key_Return)
    assert window.inspection_view.detail.site.id == current.data(ID_ROLE)
