"""The notice's look, shared by every document that wears it (the notice, the re-inspection
record, the bulletin, the cover list): the bundled CJK fonts, the A4 type area, colours,
paragraph styles, and the blocks set in them (paragraphs, tables, a photo in its box,
signature lines).
"""

from __future__ import annotations

import functools
import io
import threading
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

from model.paths import resources_dir
from reports import wording

# ReportLab ASCII85-encodes every image in pure Python by default: 25x slower, 25 % bigger.
rl_config.useA85 = 0
# ReportLab's CJK line breaking knows the Japanese punctuation that must not start a line but
# not the Chinese full-width ones, and would start lines with "，" or "》".
_CANNOT_START = "，；：！？》〉」』”’％"
textsplit.ALL_CANNOT_START += _CANNOT_START  # used for single-style paragraphs
rl_paragraph.ALL_CANNOT_START += _CANNOT_START  # used for paragraphs with markup

FONT = "NotoSansCJKsc-Regular"
FONT_BOLD = "NotoSansCJKsc-Bold"
_FONT_FILES = {FONT: "NotoSansSC-Regular.ttf", FONT_BOLD: "NotoSansSC-Bold.ttf"}
_font_lock = threading.Lock()

PAGE_W, PAGE_H = A4
INSIDE, OUTSIDE = 28 * mm, 26 * mm  # binding side wider, for duplex printing
TOP, BOTTOM = 27 * mm, 32 * mm  # BOTTOM leaves room for the footer and the QR code
BODY_W = PAGE_W - INSIDE - OUTSIDE  # 156 mm, the type area of GB/T 9704
FRAME_H = PAGE_H - TOP - BOTTOM
QR_SIZE = 20 * mm

RED = colors.HexColor("#c00000")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#888888")
SHADE = colors.HexColor("#eeeeee")


# --- fonts and styles -------------------------------------------------------------------------


def register_fonts() -> None:
    """Register the bundled CJK TrueType fonts once per process (ReportLab embeds a subset)."""
    with _font_lock:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return
        folder = resources_dir() / "fonts"
        for name, file in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                      boldItalic=FONT_BOLD)


def has_glyph(char: str) -> bool:
    """Return True when the bundled font can draw ``char``."""
    return ord(char) in pdfmetrics.getFont(FONT).face.charToGlyph


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """Return the paragraph styles by name (made once)."""
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK")
    cell = ParagraphStyle("cell", base, fontSize=9.5, leading=13.5)

    def derive(name, parent=base, **kw):
        return ParagraphStyle(name, parent, **kw)

    return {
        "body": base,
        "opening": derive("opening", firstLineIndent=22, spaceBefore=6, spaceAfter=4),
        "issuer": derive("issuer", fontName=FONT_BOLD, fontSize=17, leading=24,
                         textColor=RED, alignment=TA_CENTER),
        "title": derive("title", fontName=FONT_BOLD, fontSize=26, leading=36,
                        alignment=TA_CENTER, spaceBefore=8, spaceAfter=6),
        "number": derive("number", alignment=TA_RIGHT, spaceBefore=3, spaceAfter=8),
        "heading": derive("heading", fontName=FONT_BOLD, fontSize=12, leading=18,
                          spaceBefore=10, spaceAfter=5),
        "label": derive("label", fontName=FONT_BOLD),
        "right": derive("right", alignment=TA_RIGHT),
        "cell": cell,
        "cell_head": derive("cell_head", cell, fontName=FONT_BOLD, alignment=TA_CENTER),
        "cell_centre": derive("cell_centre", cell, alignment=TA_CENTER),
        "cell_label": derive("cell_label", cell, fontName=FONT_BOLD),
        "note": derive("note", cell, fontSize=8.5, leading=12, textColor=GREY),
        "photo_label": derive("photo_label", cell, fontName=FONT_BOLD, alignment=TA_CENTER,
                              spaceBefore=3),
        "caption": derive("caption", cell, fontSize=8, leading=11, textColor=GREY,
                          alignment=TA_CENTER),
        "slip_title": derive("slip_title", fontName=FONT_BOLD, fontSize=16, leading=22,
                             alignment=TA_CENTER, spaceAfter=6),
    }


def markup(text: str) -> str:
    """Plain text as paragraph markup: escaped (data may contain < and &), "—" when empty."""
    # Only ASCII whitespace is trimmed: leading ideographic spaces are deliberate room.
    text = escape(text.strip(" \t\r\n") or wording.EMPTY).replace("\n", "<br/>")
    # ReportLab collapses runs of ideographic spaces (used to leave room on forms) into one
    # narrow space; non-breaking spaces survive, and four of them are about as wide.
    return text.replace("\u3000", "\u00a0" * 4)


def paragraph(text: str, style: str = "body") -> Paragraph:
    """Return ``text`` as a paragraph in the named style (see :func:`markup`)."""
    return Paragraph(markup(text), styles()[style])


def labelled(label: str, value: str, style: str = "body") -> Paragraph:
    """Return a paragraph of a bold label, a full-width colon and ``value``."""
    return Paragraph(f"<b>{escape(label)}：</b>{markup(value)}", styles()[style])


_PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")


def table(rows: list[list], widths: list[float], style: list[tuple], **options) -> Table:
    """A table whose own text, empty cells included, is set in our font: ReportLab's default
    cell font is Helvetica, which would then be listed (not embedded) among the PDF's fonts."""
    table = Table(rows, colWidths=widths, **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *style]))
    return table


# --- blocks the documents in this look share --------------------------------------------------


def photo_box(path, width: float, height: float) -> Table:
    """The photo scaled to fit ``width`` × ``height`` and centred in a box of that size."""
    # The path (not an image object) makes ReportLab embed the JPEG bytes as they are.
    image = Image(str(path), width=width, height=height, kind="proportional")
    # A box of fixed height keeps the labels of portrait and landscape photos level.
    return table([[image]], [width], [("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                      *[(side, (0, 0), (-1, -1), 0) for side in _PADDINGS]],
                 rowHeights=[height])


def signature_image(png: bytes | None, width: float = 38 * mm, height: float = 14 * mm):
    """Return a drawn signature scaled to fit its box, or an empty cell."""
    if png is None:
        return ""
    return Image(io.BytesIO(png), width=width, height=height, kind="proportional")


def signature_row(label: str, png: bytes | None, name: str, signed_on: str) -> Table:
    """"{label} [drawn signature] name  日期：…", the signature on a line of its own."""
    row = [paragraph(label, "label"), signature_image(png),
           paragraph(name), labelled(wording.SIGNED_ON.rstrip("："), signed_on)]
    return table([row], [38 * mm, 42 * mm, 26 * mm, BODY_W - 106 * mm],
                 [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0),
                  ("LINEBELOW", (1, 0), (1, 0), 0.5, RULE)])  # the line to sign on


def issuer_sign_off(issuer: str, signed_on: str) -> list[Flowable]:
    """The issuing office and date at the right (落款), with room above for the seal."""
    return [Spacer(0, 10 * mm), paragraph(issuer + wording.SEAL, "right"),
            paragraph(signed_on, "right")]
