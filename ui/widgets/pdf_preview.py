"""Looking at a notice PDF before it is signed or handed over: all pages, scrolling, zoom.

:class:`PdfPreview` shows the pages one under the other (QtPdf renders them,
so what is seen is the file itself, not a re-drawing of it). The toolbar says
"page N / M" and steps through the pages; Ctrl++ / Ctrl+- / Ctrl+0 zoom in,
out and back to the page width. The file's bytes are read into memory, so the
preview never keeps the file open (Windows would refuse to rename or delete it).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument, QPdfPageNavigator
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0
ERROR_STYLE = "color: #b3261e; font-weight: bold;"


class PdfPreview(QWidget):
    """A multi-page PDF viewer with page and zoom controls."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # Both stay alive as members: the view only points at the document, the document
        # reads from the buffer.
        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.page_label = QLabel(self)
        self.page_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("000 / 000"))
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons: dict[str, QToolButton] = {}
        self._lay_out()
        self._add_shortcuts()
        self._navigator().currentPageChanged.connect(self._on_navigator_current_page_changed)
        self._update_controls()

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for name, text, tip, handler in (
                ("previous", "◀", self.tr("Previous page"), self.previous_page),
                ("next", "▶", self.tr("Next page"), self.next_page),
                ("zoom_out", "−", self.tr("Zoom out (Ctrl+-)"), self.zoom_out),
                ("zoom_in", "+", self.tr("Zoom in (Ctrl++)"), self.zoom_in),
                ("fit", self.tr("Fit width"), self.tr("Fit the page width (Ctrl+0)"),
                 self.fit_width)):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(handler)
            self._buttons[name] = button
            if name == "zoom_out":
                bar.addStretch()
            bar.addWidget(button)
            if name == "previous":
                bar.addWidget(self.page_label)
        pages = QStackedLayout()
        pages.addWidget(self.view)
        pages.addWidget(self.message)
        self._pages = pages
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(pages, 1)

    def _add_shortcuts(self) -> None:
        for keys, handler in (("Ctrl++", self.zoom_in), ("Ctrl+=", self.zoom_in),
                              ("Ctrl+-", self.zoom_out), ("Ctrl+0", self.fit_width)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)

    def _navigator(self) -> QPdfPageNavigator:
        return self.view.pageNavigator()

    # -- the document ----------------------------------------------------------------

    def load(self, path: Path) -> bool:
        """Show the PDF at ``path``; False (and a message in place of the pages) if it fails."""
        self.document.close()
        self._buffer.close()
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            return self._failed(path, exc.strerror or str(exc))
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready or not self.page_count():
            return self._failed(path, self._reason(self.document.error()))
        self._pages.setCurrentWidget(self.view)
        self.fit_width()
        self._navigator().jump(0, QPointF(), self.view.zoomFactor())
        self._update_controls()
        return True

    def _failed(self, path: Path, reason: str) -> bool:
        self.document.close()
        self.message.setText(self.tr("Cannot show %1: %2").replace("%1", Path(path).name)
                             .replace("%2", reason))
        self._pages.setCurrentWidget(self.message)
        self._update_controls()
        return False

    def _reason(self, error: QPdfDocument.Error) -> str:
        if error in (QPdfDocument.Error.IncorrectPassword,
                     QPdfDocument.Error.UnsupportedSecurityScheme):
            return self.tr("it is protected by a password.")
        if error == QPdfDocument.Error.FileNotFound:
            return self.tr("the file does not exist.")
        return self.tr("it is not a PDF, or it is damaged or incomplete.")

    def page_count(self) -> int:
        """The number of pages of the loaded document (0 when none is loaded)."""
        ready = self.document.status() == QPdfDocument.Status.Ready
        return self.document.pageCount() if ready else 0

    def current_page(self) -> int:
        """The page at the top of the view, counted from 0."""
        return self._navigator().currentPage()

    def error_text(self) -> str:
        """The message shown instead of the pages, empty when the document is shown."""
        return self.message.text() if self._pages.currentWidget() is self.message else ""

    # -- pages -------------------------------------------------------------------------

    def go_to_page(self, page: int) -> None:
        """Scroll to the top of ``page`` (counted from 0, clamped to the document)."""
        if self.page_count():
            page = max(0, min(page, self.page_count() - 1))
            self._navigator().jump(page, QPointF(), self._navigator().currentZoom())

    def next_page(self) -> None:
        """Go to the next page."""
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        """Go to the previous page."""
        self.go_to_page(self.current_page() - 1)

    def _on_navigator_current_page_changed(self, _page: int) -> None:
        self._update_controls()

    def _update_controls(self) -> None:
        count, page = self.page_count(), self.current_page()
        self.page_label.setText(f"{page + 1} / {count}" if count else "– / –")
        self._buttons["previous"].setEnabled(count > 0 and page > 0)
        self._buttons["next"].setEnabled(count > 0 and page < count - 1)
        for name in ("zoom_out", "zoom_in", "fit"):
            self._buttons[name].setEnabled(count > 0)

    # -- zoom --------------------------------------------------------------------------

    def zoom(self) -> float:
        """The zoom shown, 1.0 being the page at its printed size on the screen."""
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            return self._fit_width_zoom()
        return self.view.zoomFactor()

    def _fit_width_zoom(self) -> float:
        """What "fit width" amounts to: QPdfView keeps its zoom factor at 1.0 in that mode."""
        widest = max((self.document.pagePointSize(page).width()
                      for page in range(self.page_count())), default=0.0)
        if not widest:
            return 1.0
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        return max(MIN_ZOOM, room / (widest * self.view.logicalDpiX() / 72))

    def set_zoom(self, zoom: float) -> None:
        """Show the pages at ``zoom`` (kept between MIN_ZOOM and MAX_ZOOM)."""
        with self._keeping_place():
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, zoom)))

    def zoom_in(self) -> None:
        """Make the pages larger."""
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Make the pages smaller."""
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        """Make the pages as wide as the view (and follow its width from now on)."""
        with self._keeping_place():
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    @contextmanager
    def _keeping_place(self):
        """Keep the same part of the document in the middle of the view while the zoom changes.

        QPdfView keeps the scroll position in pixels, which after a zoom is
        somewhere else in the document.
        """
        bar = self.view.verticalScrollBar()
        middle = (bar.value() + bar.pageStep() / 2) / (bar.maximum() + bar.pageStep())
        yield
        bar.setValue(round(middle * (bar.maximum() + bar.pageStep()) - bar.pageStep() / 2))
