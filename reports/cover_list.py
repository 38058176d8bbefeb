"""The cover list (清单) printed in front of a batch of notices, and the blank page between them.

When the office prints a day's notices in one job, the first sheet lists them: 序号, number,
site, responsible unit, deadline and status, with "共 N 份", so whoever hands them out or files
them can check the pile against the list. Every page says "第 N 页 共 M 页". The font is the
notice's own embedded CJK TrueType font, registered by :mod:`reports.notice_style`.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports import notice_pdf, wording
from reports.notice_pages import CountingCanvas
from reports.notice_style import FONT, FONT_BOLD, register_fonts

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
TOP, BOTTOM = 20 * mm, 22 * mm
BODY_W = PAGE_W - 2 * MARGIN
# 序号, number, site, unit, deadline, status: the number and the names get the room.
WIDTHS = (12 * mm, 40 * mm, 36 * mm, 32 * mm, 32 * mm, BODY_W - 152 * mm)
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#888888")
SHADE = colors.HexColor("#eeeeee")
# A table sets its cells' own font (Helvetica by default) even around paragraphs, and that
# would put an unembedded font in the PDF.
CELLS_IN_OUR_FONT = (("FONTNAME", (0, 0), (-1, -1), FONT),)


@dataclass(frozen=True)
class CoverRow:
    """One notice on the list, as printed (already formatted text)."""

    number: str
    site: str
    addressee: str
    deadline: str
    status: str


def build_cover_list(rows: list[CoverRow], title: str, printed_on: str) -> bytes:
    """The cover list as PDF bytes: ``title``, the date it was printed, one line per notice."""
    register_fonts()
    out = io.BytesIO()
    template = SimpleDocTemplate(
        out, pagesize=A4, invariant=1, initialFontName=FONT, lang="zh-CN",
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP, bottomMargin=BOTTOM,
        title=title, subject=wording.COVER_SUBJECT, creator=notice_pdf.CREATOR)
    template.build(_story(rows, title, printed_on),
                   canvasmaker=functools.partial(CountingCanvas,
                                                  furniture=_CoverFurniture(title)))
    return out.getvalue()


def blank_page() -> bytes:
    """One empty A4 page: put after a document with an odd page count in a duplex job, so
    that the next document starts on a sheet of its own (each goes to a different unit)."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1, initialFontName=FONT)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", base, fontSize=9.5, leading=13)
    return {
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=18, leading=26,
                                alignment=TA_CENTER, spaceAfter=4),
        "body": base,
        "right": ParagraphStyle("right", base, alignment=TA_RIGHT),
        "cell": cell,
        "cell_head": ParagraphStyle("cell_head", cell, fontName=FONT_BOLD, alignment=TA_CENTER),
        "cell_centre": ParagraphStyle("cell_centre", cell, alignment=TA_CENTER),
    }


def _p(text: str, style: str = "cell") -> Paragraph:
    return Paragraph(escape(text.strip() or wording.EMPTY), _styles()[style])


def _story(rows: list[CoverRow], title: str, printed_on: str) -> list:
    meta = Table([[_p(wording.COVER_PRINTED_ON.format(date=printed_on), "body"),
                   _p(wording.COVER_TOTAL.format(count=len(rows)), "right")]],
                 [BODY_W / 2, BODY_W / 2],
                 style=TableStyle([*CELLS_IN_OUR_FONT, ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [_p(title, "title"), meta, Spacer(0, 3 * mm), _table(rows)]


def _table(rows: list[CoverRow]) -> Table:
    body = [[_p(str(index), "cell_centre"), _p(row.number), _p(row.site), _p(row.addressee),
             _p(row.deadline, "cell_centre"), _p(row.status, "cell_centre")]
            for index, row in enumerate(rows, 1)]
    return Table([[_p(text, "cell_head") for text in wording.COVER_HEADER], *body],
                 list(WIDTHS), repeatRows=1,
                 style=TableStyle([*CELLS_IN_OUR_FONT, ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                                   ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))


class _CoverFurniture:
    """The cover list's page furniture: "第 N 页 共 M 页", and the title as a running head on
    pages after the first (drawn by :class:`reports.notice_pages.CountingCanvas`)."""

    def __init__(self, title: str):
        self._title = title

    def draw(self, canv: Canvas, pages: int) -> None:
        """Draw the furniture on the canvas's current page, one of ``pages``."""
        page = canv.getPageNumber()
        canv.saveState()
        canv.setFont(FONT, 9)
        canv.setFillColor(GREY)
        if page > 1:
            canv.drawString(MARGIN, PAGE_H - 12 * mm,
                            wording.HEADER_CONTINUED.format(title=self._title))
        canv.drawCentredString(PAGE_W / 2, 11 * mm,
                               wording.FOOTER_PAGES.format(page=page, pages=pages))
        canv.restoreState()
