"""A signed notice on screen: the pages as they print, with Print, Save a copy and Verify.

Printing renders each page of the signed PDF (the very file that was signed)
at the printer's resolution; the layout has generous inside margins so the
office can print duplex (long edge) and bind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import resize_to_fit
from ui.widgets.pdf_preview import PdfPreview

PRINT_DPI = 300


class NoticePreview(QDialog):
    """Shows one notice PDF; ``save_copy(target)`` copies it where the user chose."""

    def __init__(self, pdf: Path, title: str, save_copy: Callable[[Path], Path],
                 verify: Callable[[], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf, self._save_copy, self._verify = Path(pdf), save_copy, verify
        self.setWindowTitle(title)
        resize_to_fit(self, 900, 1000)
        self.heading = QLabel(title, self)
        self.preview = PdfPreview(self)
        self.preview.load(self.pdf)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = self.buttons.addButton(self.tr("&Print…"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton(self.tr("&Save a copy…"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button = self.buttons.addButton(self.tr("&Verify"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button.setVisible(verify is not None)
        self.print_button.clicked.connect(self.print_notice)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.verify_button.clicked.connect(self._on_verify_button_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

    def print_notice(self) -> None:
        """Ask for a printer (duplex by default) and print every page."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
        printer.setDocName(self.windowTitle())
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        if not print_pdfs(printer, [self.pdf]):
            QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not be used."))

    def _on_save_button_clicked(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the notice"),
                                                self.heading.text() + ".pdf", "PDF (*.pdf)")
        if target:
            saved = self._save_copy(Path(target))
            self.heading.setText(self.tr("Saved to %1").replace("%1", str(saved)))

    def _on_verify_button_clicked(self) -> None:
        if self._verify is not None:
            self._verify()


def print_pdfs(printer: QPrinter, pdfs: list[Path]) -> bool:
    """Print PDFs one after the other on ``printer``, each page on the whole sheet at its
    own size (the notice's margins already leave room for binding); False if painting
    could not start."""
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    first = True
    try:
        for pdf in pdfs:
            document = QPdfDocument()
            document.load(str(pdf))
            for page in range(document.pageCount()):
                if not first:
                    printer.newPage()
                first = False
                _paint_page(painter, printer, document, page)
    finally:
        painter.end()
    return True


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """Draw one page over the whole sheet, rendered at no more than PRINT_DPI (an A4 page at
    600 dpi would be a 140 MB image; 300 dpi prints text and photos sharply)."""
    sheet = printer.pageLayout().fullRectPixels(printer.resolution())
    points = document.pagePointSize(page)
    dpi = min(printer.resolution(), PRINT_DPI)
    image = document.render(page, QSize(round(points.width() / 72 * dpi),
                                        round(points.height() / 72 * dpi)))
    scale = min(sheet.width() / points.width(), sheet.height() / points.height())
    width, height = points.width() * scale, points.height() * scale  # A4 on A4: the sheet
    painter.drawImage(QRectF((sheet.width() - width) / 2, (sheet.height() - height) / 2,
                             width, height), image)
