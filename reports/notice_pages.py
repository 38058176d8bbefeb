"""The pages in the notice's look: A4 with the inside margin wider for duplex binding,
mirrored on even pages; the furniture every page carries ("第 N 页 共 M 页", the short
fingerprint and a QR code; pages after the first repeat the number in a running head); and
the letterhead at the top of the first page. The re-inspection record and the bulletin are
laid out on these pages too.
"""

from __future__ import annotations

import functools
import io
import itertools
from typing import TYPE_CHECKING

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    PageTemplate,
    Table,
)

from reports import notice_pdf, wording
from reports.notice_style import (
    BODY_W,
    BOTTOM,
    FONT,
    FONT_BOLD,
    FRAME_H,
    GREY,
    INSIDE,
    OUTSIDE,
    PAGE_H,
    QR_SIZE,
    RED,
    RULE,
    TOP,
    paragraph,
    register_fonts,
    styles,
    table,
)

if TYPE_CHECKING:
    from reports.notice_pdf import Letterhead


def build_pages(story: list[Flowable], furniture: PageFurniture, *, title: str, author: str,
                subject: str, keywords: str) -> bytes:
    """Flow ``story`` onto A4 pages in the notice's look (mirrored margins, ``furniture`` on
    every page) and return the PDF bytes; the arguments after ``furniture`` go into the PDF
    information dictionary. The re-inspection record is laid out with this too."""
    register_fonts()
    out = io.BytesIO()
    template = _template(out, title=title, author=author, subject=subject, keywords=keywords)
    template.build(story, canvasmaker=functools.partial(CountingCanvas, furniture=furniture))
    return out.getvalue()


def _template(out: io.BytesIO, **info: str) -> BaseDocTemplate:
    template = BaseDocTemplate(
        out, pagesize=A4, invariant=1, initialFontName=FONT, lang="zh-CN",
        leftMargin=INSIDE, rightMargin=OUTSIDE, topMargin=TOP, bottomMargin=BOTTOM,
        creator=notice_pdf.CREATOR, **info)
    # Odd pages bind on the left, even pages on the right.
    odd = Frame(INSIDE, BOTTOM, BODY_W, FRAME_H, id="odd", leftPadding=0, rightPadding=0)
    even = Frame(OUTSIDE, BOTTOM, BODY_W, FRAME_H, id="even", leftPadding=0, rightPadding=0)
    template.addPageTemplates([PageTemplate("odd", [odd], autoNextPageTemplate="even"),
                               PageTemplate("even", [even], autoNextPageTemplate="odd")])
    return template


def left_margin(page: int) -> float:
    """Return the left margin of ``page``: odd pages bind on the left."""
    return INSIDE if page % 2 else OUTSIDE


class CountingCanvas(Canvas):
    """A canvas that holds back every page until the end, so that the furniture drawn on each
    page can say how many pages there are ("共 M 页"). ``furniture`` is anything with
    ``draw(canvas, pages)`` (the notice's :class:`PageFurniture`, the cover list's own)."""

    def __init__(self, *args, furniture, **kwargs):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held: list[dict] = []

    def showPage(self):  # noqa: D102 (ReportLab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):  # noqa: D102
        for state in self._held:
            self.__dict__.update(state)
            self._furniture.draw(self, len(self._held))
            super().showPage()
        super().save()


class PageFurniture:
    """What every page carries besides the text: the running head ("{title}（续）" and the
    number), the page count, the short fingerprint and the QR code (drawn once as a form and
    placed on each page)."""

    _QR_FORM = "notice_qr"

    def __init__(self, number: str, title: str, fingerprint: str, qr_payload: str):
        self.number = number
        self.head = wording.HEADER_CONTINUED.format(title=title)
        self.fingerprint = wording.FINGERPRINT.format(
            short=notice_pdf.short_fingerprint(fingerprint))
        self.qr_payload = qr_payload
        self._qr_drawn = False

    def draw(self, canv: Canvas, pages: int) -> None:
        """Draw the furniture on the canvas's current page, one of ``pages``."""
        page = canv.getPageNumber()
        left = left_margin(page)
        right = left + BODY_W
        canv.saveState()
        if page > 1:
            self._draw_head(canv, left, right)
        self._draw_foot(canv, left, right, page, pages)
        canv.restoreState()

    def _draw_head(self, canv: Canvas, left: float, right: float) -> None:
        y = PAGE_H - 17 * mm
        canv.setFont(FONT, 9)
        canv.setFillColor(GREY)
        canv.drawString(left, y, self.head)
        canv.drawRightString(right, y, self.number)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(left, y - 2.5 * mm, right, y - 2.5 * mm)

    def _draw_foot(self, canv: Canvas, left: float, right: float, page: int, pages: int) -> None:
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(left, BOTTOM - 6 * mm, right - QR_SIZE - 2 * mm, BOTTOM - 6 * mm)
        y = BOTTOM - 11 * mm
        canv.setFillColor(colors.black)
        canv.setFont(FONT, 9.5)
        canv.drawCentredString(left + BODY_W / 2, y,
                               wording.FOOTER_PAGES.format(page=page, pages=pages))
        canv.setFillColor(GREY)
        canv.setFont(FONT, 7.5)
        canv.drawString(left, y, self.fingerprint)
        self._place_qr(canv, right - QR_SIZE, BOTTOM - QR_SIZE - 4 * mm)

    def _place_qr(self, canv: Canvas, x: float, y: float) -> None:
        if not self._qr_drawn:
            canv.beginForm(self._QR_FORM, 0, 0, QR_SIZE, QR_SIZE)
            draw_qr(canv, self.qr_payload, QR_SIZE)
            canv.endForm()
            self._qr_drawn = True
        canv.saveState()
        canv.translate(x, y)
        canv.doForm(self._QR_FORM)
        canv.restoreState()


def draw_qr(canv: Canvas, payload: str, size: float, border: int = 2) -> None:
    """Draw ``payload``'s QR code (error correction M) as a ``size`` square at the origin,
    ``border`` modules of quiet zone inside it, each dark run of a row one filled rectangle.

    ReportLab's QR widget draws the same rectangles as some 550 shapes rendered one by one:
    a tenth of a notice's whole build. Each stays a rectangle of its own (not one path of
    them all), which viewers snap to whole pixels: a scanner reads the print and the screen.
    """
    code = QrCodeWidget(payload, barLevel="M").qr  # ReportLab's encoder, as its widget uses
    code.make()
    box = size / (code.getModuleCount() + 2 * border)
    canv.saveState()
    canv.setFillColor(colors.black)
    for r, row in enumerate(code.modules):
        column = 0
        for dark, run in itertools.groupby(map(bool, row)):
            length = len(list(run))
            if dark:
                canv.rect((column + border) * box, size - (r + border + 1) * box,
                          length * box, box, stroke=0, fill=1)
            column += length
    canv.restoreState()


# --- the letterhead ---------------------------------------------------------------------------


def letterhead(head: Letterhead, title: str, number_line: str) -> list[Flowable]:
    """The head of the first page: the issuer in red (with the logo), ``title``, the red double
    rule and ``number_line`` at the right."""
    issuer = paragraph(head.issuer, "issuer")
    if head.logo is not None:
        issuer = _with_logo(head.logo, head.issuer)
    return [issuer, paragraph(title, "title"),
            HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=0, spaceAfter=1.2),
            HRFlowable(width="100%", thickness=0.5, color=RED, spaceBefore=0, spaceAfter=0),
            paragraph(number_line, "number")]


def _with_logo(logo, issuer: str) -> Table:
    """The issuer line with the office logo to its left, the pair centred on the page."""
    style = styles()["issuer"]
    text_w = min(pdfmetrics.stringWidth(issuer, FONT_BOLD, style.fontSize) + 2, BODY_W - 16 * mm)
    image = Image(str(logo), width=12 * mm, height=12 * mm, kind="proportional")
    return table([[image, paragraph(issuer, "issuer")]], [15 * mm, text_w],
                 [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
