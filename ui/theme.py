"""The normal look and the large-text, high-contrast look for bright sunlight."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

NORMAL_POINT_SIZE = 10
LARGE_POINT_SIZE = 15
HIGH_CONTRAST_STYLE = """
* { color: #000000; }
QWidget { background: #ffffff; }
QTreeView, QTableView, QListView { alternate-background-color: #f0f0f0; }
QTreeView::item:selected, QTableView::item:selected {
    background: #ffd500; color: #000000; }
*:focus { outline: 3px solid #0030c0; }
QPushButton { border: 2px solid #000000; padding: 6px 12px; background: #ffffff; }
QPushButton:checked { background: #000000; color: #ffffff; }
QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QDateEdit {
    border: 2px solid #000000; padding: 3px; }
"""


def apply(app: QApplication, large: bool) -> None:
    """Switch the whole application between the normal and the sunlight look."""
    font = QFont(app.font())
    font.setPointSize(LARGE_POINT_SIZE if large else NORMAL_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(HIGH_CONTRAST_STYLE if large else "")
