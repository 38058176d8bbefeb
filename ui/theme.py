"""The normal look and the large-text, high-contrast look for bright sunlight."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

NORMAL_POINT_SIZE = 10
LARGE_POINT_SIZE = 15
FOCUS_COLOUR = "#0030c0"
ROW_PADDING = 11  # a table row is its text's height and this much air (30 px at 10 pt)
# Scroll bars get a black handle on grey (under the white background they were white on
# white). Qt style sheets have no `outline`: the focus is a border twice as thick, in blue,
# on the item views, the fields and the buttons; the padding shrinks by as much, so that
# nothing moves when the focus comes or goes.
HIGH_CONTRAST_STYLE = f"""
* {{ color: #000000; }}
QWidget {{ background: #ffffff; }}
QTreeView, QTableView, QListView {{
    alternate-background-color: #f0f0f0; border: 2px solid #000000; padding: 2px; }}
QTreeView::item:selected, QTableView::item:selected, QListView::item:selected {{
    background: #ffd500; color: #000000; }}
QPushButton {{ border: 2px solid #000000; padding: 6px 12px; background: #ffffff; }}
QPushButton:checked {{ background: #000000; color: #ffffff; }}
QPushButton:focus {{ border: 4px solid {FOCUS_COLOUR}; padding: 4px 10px; }}
QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QDateEdit {{
    border: 2px solid #000000; padding: 3px; }}
QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus, QComboBox:focus, QDateEdit:focus {{
    border: 4px solid {FOCUS_COLOUR}; padding: 1px; }}
QTreeView:focus, QTableView:focus, QListView:focus {{
    border: 4px solid {FOCUS_COLOUR}; padding: 0px; }}
QScrollBar {{ background: #e6e6e6; border: 1px solid #000000; }}
QScrollBar:vertical {{ width: 18px; }}
QScrollBar:horizontal {{ height: 18px; }}
QScrollBar::handle {{ background: #000000; }}
QScrollBar::handle:vertical {{ min-height: 40px; }}
QScrollBar::handle:horizontal {{ min-width: 40px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; border: none; }}
"""


def apply(app: QApplication, large: bool) -> None:
    """Switch the whole application between the normal and the sunlight look.

    Every widget that shows text takes the new size, the windows already open too: their
    views, headers and charts follow their font (see ``FontChange`` in ``changeEvent``).
    """
    # A widget under a style sheet (the application's, or one of its own) keeps the font it
    # had when the sheet was applied and lets later application fonts pass it by. So the
    # sunlight sheet comes off before the font changes, every widget takes the new font,
    # and only then does the sheet go on; widgets with a sheet of their own are polished
    # again, which gives them the new font as well.
    if not large:
        app.setStyleSheet("")
    font = QFont(app.font())
    font.setPointSize(LARGE_POINT_SIZE if large else NORMAL_POINT_SIZE)
    app.setFont(font)
    _take_the_application_font(app)
    if large:
        app.setStyleSheet(HIGH_CONTRAST_STYLE)
    for widget in app.allWidgets():
        if widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


def _take_the_application_font(app: QApplication) -> None:
    """Have every widget take its font again, each after its parent.

    Qt lets the windows tell their children; a widget that takes it before its parent
    (the widgets come in no fixed order) keeps its parent's old font, as the headers of
    tables on tabs not shown did.
    """
    event = QEvent(QEvent.Type.ApplicationFontChange)
    for window in app.topLevelWidgets():
        for widget in (window, *window.findChildren(QWidget)):  # parents before children
            QCoreApplication.sendEvent(widget, event)


def row_height(font: QFont) -> int:
    """The height of a table row whose text is in ``font``."""
    return QFontMetrics(font).height() + ROW_PADDING


def scaled(font: QFont, factor: float) -> QFont:
    """``font`` ``factor`` times as large: a big figure or a message, made again from the
    widget's font when that changes (a font set on a widget no longer follows the mode)."""
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * factor)
    return larger
