"""The bulletin's type and tables: paragraph styles derived from the notice's, and the ruled
table every section uses. Shared by :mod:`reports.bulletin_layout` and
:mod:`reports.bulletin_exposure`.

Tables hold plain strings where a cell never wraps (numbers) and paragraphs only for names and
reasons: a month's bulletin with a few hundred units stays quick to lay out.
"""

from __future__ import annotations

import functools

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table

from reports import notice_style
from reports.notice_style import FONT_BOLD, RULE, SHADE

CELL_SIZE, CELL_LEADING = 9, 12


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """The bulletin's paragraph styles: the notice's, with smaller table cells."""
    base = notice_style.styles()
    cell = ParagraphStyle("b_cell", base["cell"], fontSize=CELL_SIZE, leading=CELL_LEADING)
    return {
        **base,
        "cell": cell,
        "cell_bold": ParagraphStyle("b_cell_bold", cell, fontName=FONT_BOLD),
        "cell_head": ParagraphStyle("b_cell_head", cell, fontName=FONT_BOLD,
                                    alignment=TA_CENTER),
        "cell_centre": ParagraphStyle("b_cell_centre", cell, alignment=TA_CENTER),
        "reason": ParagraphStyle("b_reason", cell, fontSize=8, leading=10.5),
        "caption": ParagraphStyle("b_caption", base["caption"], fontSize=8.5, leading=12,
                                  spaceBefore=2, spaceAfter=6),
        "sign_off": ParagraphStyle("b_sign_off", base["body"], alignment=TA_RIGHT),
    }


def para(text: str, style: str = "cell") -> Paragraph:
    """Plain text as a paragraph in one of :func:`styles` ("—" when empty)."""
    return Paragraph(notice_style.markup(text), styles()[style])


def header(texts: tuple[str, ...], what: str = "") -> list[Paragraph]:
    """A table's header cells; ``{what}`` in a text names the table's groups."""
    return [para(text.format(what=what), "cell_head") for text in texts]


def grid_table(rows: list[list], widths: list[float], extra: list[tuple] = (),
               numbers_from: int = 2) -> Table:
    """A ruled table with a shaded header row repeated on every page; the first column and
    those from ``numbers_from`` on are centred (their plain-string cells are numbers)."""
    style = [("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE), ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
             ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (0, -1), "CENTER"),
             ("ALIGN", (numbers_from, 0), (-1, -1), "CENTER"), *extra]
    return notice_style.table(rows, widths, style, repeatRows=1)
