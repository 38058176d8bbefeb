"""What a field tester reads (issue 17): the Chinese UI reads as Chinese software, not as a
translation (no "时" or "无EXIF" badges, no English under every criterion), and the English
UI shows whole words ("Not started", not "Not st…"), real plurals, lists with commas and
ISO dates, in both languages on a 1366×768 laptop."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTableView,
    QWidget,
)

from model.demo import demo
from model.inspections.evidence import PhotoRecord
from model.photos.photos import Flag
from tests.ui.conftest import open_window
from tests.ui.test_notice_ui import _editor, _finish_with_fails
from ui import dates, screen_fit
from ui import settings as declared
from ui.columns import fit_columns, header_of
from ui.dialogs.board_actions import ReinspectionPlanDialog
from ui.dialogs.month_plan import MonthPlanDialog
from ui.dialogs.notice_board import NoticeBoard
from ui.dialogs.preferences import PreferencesDialog
from ui.dialogs.staff import StaffDialog
from ui.dialogs.summary import SummaryDialog
from ui.i18n import set_language
from ui.itemmodels.photo_model import PhotoListModel, badge_text, badged_thumbnail, flag_help
from ui.labels import listed
from ui.notice_flow import NoticeFlow
from ui.settings import Settings

LAPTOP = QRect(0, 0, 1366, 768 - 48)  # less the Windows taskbar, as tests/ui/test_screen_fit.py
ISO_DAY, ISO_MONTH = re.compile(r"^\d{4}-\d{2}-\d{2}$"), re.compile(r"^\d{4}-\d{2}$")


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp):
    """Each test in Chinese (the default) and in English; Chinese again afterwards."""
    set_language(qapp, request.param)
    yield request.param
    set_language(qapp, "zh_CN")


@pytest.fixture
def english(qapp):
    set_language(qapp, "en")
    yield
    set_language(qapp, "zh_CN")


@pytest.fixture
def on_laptop(monkeypatch):
    """Windows open on a 1366×768 laptop's screen."""
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget: QRect(LAPTOP))


@pytest.fixture
def office(demo_services):
    """The demo city, signed in as the office."""
    demo_services.login("O01", demo.DEMO_PASSWORD)
    return demo_services


def _main_window(qtbot, services, data_dir):
    """The window as opened the first time, with an inspection open."""
    Settings(data_dir).set(declared.GEOMETRY, QByteArray())
    window = open_window(qtbot, services, data_dir)
    window.start_or_continue(services.sites.search()[0].id)
    QApplication.processEvents()
    return window


def _photo(flags: tuple[str, ...]) -> PhotoRecord:
    return PhotoRecord("p1", "ab" * 32, "i1", "CYD-01", "IMG_0001.jpg", None, flags)


# -- the photo badges ----------------------------------------------------------------------------

def test_photo_badges_are_words_and_their_tooltip_says_what_to_do(language, tmp_path):
    for flag in Flag:
        badge = badge_text(flag.value)
        assert badge and "EXIF" not in badge.upper() and badge not in ("时", "Time"), badge
        if re.search(r"[\u4e00-\u9fff]", badge):  # Chinese: a word, not one character
            assert len(badge) >= 3, badge
        assert len(flag_help(flag.value)) > 3 * len(badge)  # what it means, what to do
    model = PhotoListModel(lambda photo: tmp_path / "missing.jpg")
    model.set_photos([_photo(tuple(f.value for f in Flag))])
    tooltip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    for flag in Flag:
        assert flag_help(flag.value) in tooltip


def test_a_photo_without_camera_information_is_badged_in_words(tmp_path, qtbot, screenshot):
    flags = tuple(f.value for f in Flag)
    assert "EXIF" not in "".join(badge_text(flag) for flag in flags)
    label = QLabel()
    qtbot.addWidget(label)
    label.setPixmap(badged_thumbnail(tmp_path / "missing.jpg", flags))
    label.show()
    screenshot(label, "badges")


# -- the English gloss ---------------------------------------------------------------------------

def test_the_english_gloss_is_hidden_by_default_and_shown_when_asked(window, demo_services,
                                                                      data_dir):
    assert Settings(data_dir).get(declared.CRITERION_GLOSS) is False
    window.start_or_continue(demo_services.sites.search()[0].id)
    view, editor = window.inspection_view, window.inspection_view.editor
    criterion = view.model.line(view.current_code()).criterion
    assert criterion.text_en and criterion.text_zh in editor.heading.text()
    shown = [editor.heading.text(), editor.method.text()]
    assert editor.gloss.isHidden() and not any(criterion.text_en in text for text in shown)
    view.set_show_gloss(True)
    assert not editor.gloss.isHidden() and editor.gloss.text() == criterion.text_en
    view.criteria.step(1)  # the next criterion's gloss follows
    assert editor.gloss.text() == view.model.line(view.current_code()).criterion.text_en
    view.set_show_gloss(False)
    assert editor.gloss.isHidden()


def test_the_gloss_is_a_setting_of_the_preferences(qtbot, data_dir):
    settings = Settings(data_dir)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.criterion_gloss.isChecked()
    dialog.criterion_gloss.setChecked(True)
    dialog.accept()
    assert Settings(data_dir).get(declared.CRITERION_GLOSS) is True
    again = PreferencesDialog(Settings(data_dir))
    qtbot.addWidget(again)
    assert again.criterion_gloss.isChecked()


def test_the_english_ui_shows_the_criteria_in_english(english, qtbot, demo_services, data_dir):
    window = _main_window(qtbot, demo_services, data_dir)
    view, editor = window.inspection_view, window.inspection_view.editor
    criterion = view.model.line(view.current_code()).criterion
    row = view.model.index_of(criterion.code)
    assert row.siblingAtColumn(1).data() == criterion.text_en
    heading = editor.heading.text()
    assert criterion.text_en in heading and criterion.text_zh not in heading
    view.set_show_gloss(True)  # both languages: the official Chinese under the English
    assert editor.gloss.text() == criterion.text_zh


# -- columns and filter boxes on a 1366×768 laptop -----------------------------------------------

def _cut_titles(view: QAbstractItemView) -> list[str]:
    header = header_of(view)
    titles = view.model().headerData
    return [f"{type(view).__name__}: {titles(c, Qt.Orientation.Horizontal)!r} is "
            f"{header.sectionSize(c)} px, its title needs {header.sectionSizeHint(c)}"
            for c in range(header.count())
            if not header.isSectionHidden(c) and header.sectionSize(c) < header.sectionSizeHint(c)]


def _cut_values(view: QAbstractItemView, columns: tuple[int, ...]) -> list[str]:
    """The values of ``columns`` in the rows on screen that do not show whole."""
    found, index = [], view.indexAt(QPoint(1, 1))
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    while index.isValid() and view.visualRect(index).top() < view.viewport().height():
        for column in columns:
            cell = index.siblingAtColumn(column)
            font = QFont(view.font())
            font.setBold(bool(cell.data(Qt.ItemDataRole.FontRole)
                              and cell.data(Qt.ItemDataRole.FontRole).bold()))
            text, room = cell.data() or "", view.visualRect(cell).width()
            if QFontMetrics(font).horizontalAdvance(text) + margin > room:
                found.append(f"{text!r} in {room} px")
        index = view.indexBelow(index)
    return found


def _cut_boxes(window: QWidget) -> list[str]:
    """Filter boxes whose "All …" item or placeholder does not show whole."""
    found = []
    for box in window.findChildren(QComboBox):
        if box.isVisible() and not box.isEditable() and box.count():
            option = QStyleOptionComboBox()
            box.initStyleOption(option)
            room = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                              QStyle.SubControl.SC_ComboBoxEditField, box)
            if room.width() < box.fontMetrics().horizontalAdvance(box.itemText(0)):
                found.append(f"the box {box.itemText(0)!r} is cut")
    for field in window.findChildren(QLineEdit):
        if field.isVisible() and field.placeholderText() and not isinstance(
                field.parentWidget(), QComboBox | QDateEdit):
            option = QStyleOptionFrame()
            field.initStyleOption(option)
            room = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option,
                                                field).width()
            if room < field.fontMetrics().horizontalAdvance(field.placeholderText()) + 30:
                found.append(f"the field {field.placeholderText()!r} is cut")
    return found


def test_the_main_windows_columns_and_filters_show_whole_words_on_a_laptop(
        language, on_laptop, qtbot, demo_services, data_dir, screenshot):
    window = _main_window(qtbot, demo_services, data_dir)
    tree, criteria = window.navigator.tree, window.inspection_view.criteria
    screenshot(window, f"main-window-{language}")
    assert not _cut_titles(tree) + _cut_titles(criteria)
    assert not _cut_values(tree, (1, 2, 5))  # plan, status, score rate
    assert not _cut_values(criteria, (0, 2, 3))  # code, result, problems
    assert tree.horizontalScrollBar().maximum() == 0, "a column of the sites is out of sight"
    assert not _cut_boxes(window.navigator)
    window.inspection_view.set_show_gloss(True)
    QApplication.processEvents()
    screenshot(window, f"main-window-{language}-with-gloss")


def test_the_columns_follow_the_sunlight_modes_larger_text(on_laptop, qtbot, demo_services,
                                                            data_dir):
    window = _main_window(qtbot, demo_services, data_dir)
    tree, criteria = window.navigator.tree, window.inspection_view.criteria
    narrow = header_of(tree).sectionSize(3)  # the site type, 6 characters wide
    window.set_large_text(True)  # switched while the window is open
    try:
        QApplication.processEvents()
        assert header_of(tree).sectionSize(3) > narrow
        assert not _cut_titles(tree) + _cut_titles(criteria)
        assert not _cut_values(tree, (1, 2, 5)) + _cut_values(criteria, (0, 2, 3))
    finally:
        window.set_large_text(False)


def test_a_stretching_column_keeps_its_title_in_a_narrow_table(language, qtbot, office):
    dialog = StaffDialog(office)  # its organisation column takes the spare width
    qtbot.addWidget(dialog)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(dialog.model)
    fit_columns(table, stretch=3)
    table.resize(160, 300)  # narrower than the columns: the table scrolls sideways
    table.show()
    qtbot.waitExposed(table)
    assert not _cut_titles(table) and table.horizontalScrollBar().maximum() > 0
    table.resize(1000, 300)  # wider: the organisation takes what is left
    QApplication.processEvents()
    header = table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(4)) == table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0


def _opened(qtbot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def test_the_office_tables_show_whole_titles_on_a_laptop(language, on_laptop, qtbot, office,
                                                        screenshot):
    host = QWidget()
    qtbot.addWidget(host)
    flow = NoticeFlow(office, None, host)
    plan = MonthPlanDialog(office)
    plan.refresh()
    board = NoticeBoard(office, flow)
    board.refresh()
    for name, dialog in (("month-plan", plan), ("follow-up-board", board),
                         ("staff", StaffDialog(office))):
        _opened(qtbot, dialog)
        screenshot(dialog, f"{name}-{language}")
        for view in dialog.findChildren(QAbstractItemView):
            if view.isVisible() and hasattr(view, "horizontalHeader"):
                assert not _cut_titles(view), name
        assert not _cut_boxes(dialog), name


# -- plurals and lists ---------------------------------------------------------------------------

def test_the_unanswered_criteria_are_counted_in_english_plurals(english, qtbot, demo_services):
    site = demo_services.sites.search()[0]
    inspection = demo_services.inspections.start(site.id)
    review = demo_services.inspections.review(inspection.id)
    for count, words in ((1, "1 criterion not answered yet."),
                         (2, "2 criteria not answered yet.")):
        dialog = SummaryDialog(dataclasses.replace(
            review, unanswered=review.unanswered[:count], missing_evidence=("CYD-01", "CYD-04")))
        qtbot.addWidget(dialog)
        text = dialog.warnings.text()
        assert words in text and "CYD-01, CYD-04" in text, text
        assert "、" not in text and "criterion/criteria" not in text


def test_lists_are_written_with_the_languages_comma(english):
    assert listed(["CYD-01", "CYD-04", "CYD-05"]) == "CYD-01, CYD-04, CYD-05"


# -- dates ---------------------------------------------------------------------------------------

def test_every_date_field_shows_an_iso_date_in_english(english, qtbot, demo_services, data_dir,
                                                       tmp_path):
    window = _main_window(qtbot, demo_services, data_dir)
    editor = _editor(demo_services, _finish_with_fails(demo_services, tmp_path))
    planner = ReinspectionPlanDialog(demo_services.people.auditors(), 3, "A07",
                                     dt.date(2026, 5, 6))
    demo_services.login("O01", demo.DEMO_PASSWORD)
    month = MonthPlanDialog(demo_services)
    for dialog in (editor, planner, month):
        qtbot.addWidget(dialog)
    fields = [field for widget in (window.navigator, editor, planner, month)
              for field in widget.findChildren(QDateEdit)]
    assert len(fields) == 5  # the day filter, deadline and re-inspection, day, month
    for field in fields:
        assert ISO_DAY.match(field.text()) or ISO_MONTH.match(field.text()), field.text()
    assert ISO_MONTH.match(month.month.text())


def test_dates_are_read_and_written_as_iso(qapp):
    day = dates.qdate("2026-07-12")
    assert (dates.iso(day), dates.iso_month(day)) == ("2026-07-12", "2026-07")
    assert dates.qdate(day.toPython()) == day


