"""The screen lock: an opaque cover over the main window, and the idle timer that calls it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.login import add_row, error_label, make_roomy, show_error
from usecases.services import Services

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
})


class LockOverlay(QWidget):
    """Covers its parent window until the signed-in profile's password is typed.

    Nothing beneath is touched: widgets keep their text, and focus returns to
    where it was. While locked, the window's keyboard shortcuts are swallowed.
    """

    unlocked = Signal()
    switch_user_requested = Signal()  # someone else wants the laptop: sign out instead

    def __init__(self, services: Services, parent: QWidget):
        super().__init__(parent)
        self._services = services
        self._focus_before: QWidget | None = None
        self.title_label = QLabel(self)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.title_label.setFont(font)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.switch_button = QPushButton(self.tr("Switch user / sign out"), self)
        self.error_label = error_label(self)
        self._build_layout()
        self.password_edit.returnPressed.connect(self._on_unlock_button_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.switch_button.clicked.connect(self.switch_user_requested)
        parent.installEventFilter(self)
        self.hide()

    def _build_layout(self) -> None:
        form = QFormLayout()
        add_row(form, self.tr("Password"), self.password_edit)
        make_roomy(self.password_edit, self.unlock_button, self.switch_button)
        box = QWidget(self)
        box.setFixedWidth(440)
        inner = QVBoxLayout(box)
        inner.setSpacing(16)
        inner.addWidget(self.title_label)
        inner.addLayout(form)
        inner.addWidget(self.error_label)
        inner.addWidget(self.unlock_button)
        inner.addWidget(self.switch_button)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def lock(self) -> None:
        """Cover the parent window and ask for the password (someone must be signed in)."""
        if not self.is_locked():
            self._focus_before = self.window().focusWidget()
            QApplication.instance().installEventFilter(self)
        self._services.locked()
        user = self._services.user
        self.title_label.setText(self.tr("Locked — %1 (%2)").replace("%1", user.name)
                                 .replace("%2", user.staff_no))
        self.password_edit.clear()
        self.error_label.hide()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.password_edit.setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Paint opaquely ourselves: a style sheet (the sunlight look) turns autoFillBackground
        # off, and any data showing through the lock would defeat it.
        colour = self.palette().color(QPalette.ColorRole.Window)
        colour.setAlpha(255)
        QPainter(self).fillRect(self.rect(), colour)

    def is_locked(self) -> bool:
        """Return True while the overlay covers the window."""
        return not self.isHidden()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        elif event.type() == QEvent.Type.Shortcut and self._covers_active_window():
            return not (isinstance(watched, QWidget) and self.isAncestorOf(watched))
        return False

    def _covers_active_window(self) -> bool:
        return self.is_locked() and QApplication.activeWindow() is self.window()

    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab must not walk into the covered widgets and let keys land there unseen.
        chain = [self.password_edit, self.unlock_button]
        focused = QApplication.focusWidget()
        current = chain.index(focused) if focused in chain else 0
        step = 1 if forward else -1
        chain[(current + step) % len(chain)].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def _on_unlock_button_clicked(self) -> None:
        if not self._services.check_password(self.password_edit.text()):
            show_error(self.error_label, self.tr("Wrong password."))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.password_edit.clear()
        QApplication.instance().removeEventFilter(self)
        self.hide()
        if self._focus_before is not None:
            self._focus_before.setFocus(Qt.FocusReason.OtherFocusReason)
        self.unlocked.emit()


class IdleWatcher(QObject):
    """Emits :attr:`idle_timed_out` after a stretch with no keyboard, mouse or touch input.

    Install it on the QApplication (``app.installEventFilter(watcher)``) so it
    sees input to every window.
    """

    idle_timed_out = Signal()

    def __init__(self, minutes: int = 0, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle_timed_out)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        """Time out after ``minutes`` without input; 0 turns the lock off."""
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, interval: int) -> None:
        """Time out after ``interval`` milliseconds without input (0 = never); for tests."""
        self._timer.stop()
        self._timer.setInterval(interval)
        if interval > 0:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.interval() > 0:
            self._timer.start()
        return False
