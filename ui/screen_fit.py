"""Windows that fit the screen they open on.

The smallest screens the program supports are a 1366×768 laptop and a 1920×1080 screen at
150 % scaling, which gives windows 1280×720 device-independent pixels (less the taskbar). A
window asks for the size it likes best through :func:`resize_to_fit` (or
:func:`size_to_content`) and gets as much of it as its screen has room for. A window whose
content cannot shrink that far, in the normal look or in the sunlight mode's large text, puts
that content in a :class:`ScrollingPart` rather than reach past the screen, where its buttons
could not be clicked. ``tests/ui/test_screen_fit.py`` opens every window on both screens.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

# The title bar and borders the system draws around a window, in device-independent pixels
# (Windows 10 and 11: a title bar of about 31 px and thin borders, at any scaling). A window
# not yet shown does not know its own frame, so room is kept for this one.
FRAME = QMargins(8, 32, 8, 8)
MIN_LINES = 4  # a part that scrolls shows at least this many lines of text


def available_geometry(widget: QWidget) -> QRect:
    """The part of ``widget``'s screen that windows may use (without the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(available: QRect) -> QSize:
    """The largest window (without its frame) that fits in ``available`` with its frame."""
    return available.marginsRemoved(FRAME).size()


def fit(window: QWidget, available: QRect) -> None:
    """Shrink ``window`` so that it fits in ``available`` with its frame; a window that is
    already small enough keeps its size."""
    window.resize(window.size().boundedTo(room(available)))


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """Give ``window`` the size it likes best, or as much of it as its screen has room for."""
    window.resize(width, height)
    fit(window, available_geometry(window))


def size_to_content(window: QWidget) -> None:
    """Give ``window`` the size its layout asks for, or as much of it as its screen has room
    for (Qt's own first size stops at two thirds of the screen, and a part that scrolls would
    scroll on a screen with room to spare)."""
    hint = window.sizeHint()
    resize_to_fit(window, hint.width(), hint.height())


def centre(window: QWidget) -> None:
    """Place ``window`` with its frame in the middle of its screen (for a main window opened
    the first time: the system may otherwise put it partly under the taskbar)."""
    outer = window.rect().marginsAdded(FRAME)
    outer.moveCenter(available_geometry(window).center())
    window.move(outer.topLeft())  # a window's position is its frame's


class ScrollingPart(QScrollArea):
    """A part of a window that scrolls when the screen is too small to show all of it: no
    frame and no scroll bars while everything shows, and a field that takes the keyboard
    focus (by Tab or by a shortcut) is scrolled into view."""

    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        QApplication.instance().focusChanged.connect(self._on_application_focus_changed)

    def sizeHint(self) -> QSize:
        # All of the content (a QScrollArea asks for at most 24 lines): the window takes what
        # room its screen has, and only what is left over scrolls.
        return self.widget().sizeHint()

    def minimumSizeHint(self) -> QSize:
        # A few lines at least (an empty message: nothing), not the scroll bars' own minimum
        # of about four arrows' height, which left a gap under every empty message.
        lines = MIN_LINES * self.fontMetrics().lineSpacing()
        return QSize(super().minimumSizeHint().width(),
                     min(lines, self.widget().sizeHint().height()))

    def _on_application_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.widget().isAncestorOf(new):
            self.ensureWidgetVisible(new)
