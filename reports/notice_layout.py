"""The ReportLab layout of the rectification notice; used only through
:func:`reports.notice_pdf.build_notice_pdf`, and the look (fonts, styles, page furniture) that
the re-inspection record shares with it.

A4 in the manner of an official document (公文): a red issuer line and rule, the title, the
number, then the findings as numbered sections, signatures, the unit's receipt and, at the foot
of the last page, a reply slip (回执) to cut off. Every page carries "第 N 页 共 M 页", the short
fingerprint and a QR code; pages after the first repeat the number in a running head. The inside
margin is wider for duplex binding, mirrored on even pages.
"""

from __future__ import annotations

import functools
import io
import threading
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph

from model.paths import resources_dir
from reports import notice_pdf, wording

if TYPE_CHECKING:
    from reports.notice_pdf import Letterhead, NoticeDocument, NoticeProblem, Receipt

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


# --- fonts and styles ------------------------------------------------------------------------


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


def _has_glyph(char: str) -> bool:
    return ord(char) in pdfmetrics.getFont(FONT).face.charToGlyph


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
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


def _markup(text: str) -> str:
    """Plain text as paragraph markup: escaped (data may contain < and &), "—" when empty."""
    # Only ASCII whitespace is trimmed: leading ideographic spaces are deliberate room.
    text = escape(text.strip(" \t\r\n") or wording.EMPTY).replace("\n", "<br/>")
    # ReportLab collapses runs of ideographic spaces (used to leave room on forms) into one
    # narrow space; non-breaking spaces survive, and four of them are about as wide.
    return text.replace("\u3000", "\u00a0" * 4)


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(_markup(text), _styles()[style])


def _labelled(label: str, value: str, style: str = "body") -> Paragraph:
    return Paragraph(f"<b>{escape(label)}：</b>{_markup(value)}", _styles()[style])


def _section(numbering: list[int], heading: str, body: list[Flowable],
             room: float = 30 * mm) -> list[Flowable]:
    """The next numbered section ("一、…"), starting on a new page unless ``room`` is left for
    its heading and the first lines of its body. (keepWithNext would move a long table whole.)
    ``numbering`` counts the sections printed so far."""
    numbering.append(len(numbering))
    title = wording.SECTION.format(numeral=wording.NUMERALS[numbering[-1]], heading=heading)
    return [CondPageBreak(room), _p(title, "heading"), *body]


_PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")


def _table(rows: list[list], widths: list[float], style: list[tuple], **options) -> Table:
    """A table whose own text, empty cells included, is set in our font: ReportLab's default
    cell font is Helvetica, which would then be listed (not embedded) among the PDF's fonts."""
    table = Table(rows, colWidths=widths, **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *style]))
    return table


# --- the document and its pages ----------------------------------------------------------------


def render(doc: NoticeDocument) -> bytes:
    """Lay the notice out and return the PDF bytes."""
    register_fonts()
    furniture = PageFurniture(
        doc.number, doc.letterhead.title, doc.fingerprint,
        notice_pdf.QR_PAYLOAD.format(number=doc.number, fingerprint=doc.fingerprint))
    return build_pages(
        _story(doc), furniture,
        title=wording.INFO_TITLE.format(title=doc.letterhead.title, number=doc.number),
        author=doc.auditor_name, subject=notice_pdf.SUBJECT,
        keywords=notice_pdf.keywords(notice_pdf.KEYWORDS, doc.number, doc.fingerprint,
                                     doc.auditor_staff_no))


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


def _left_margin(page: int) -> float:
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
        left = _left_margin(page)
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
            widget = QrCodeWidget(self.qr_payload, barLevel="M", barWidth=QR_SIZE,
                                  barHeight=QR_SIZE, barBorder=2)
            # Without an initial font the renderer selects Helvetica, which would then be
            # listed as a font of the document, and not embedded.
            drawing = Drawing(QR_SIZE, QR_SIZE, initialFontName=FONT)
            drawing.add(widget)
            renderPDF.draw(drawing, canv, 0, 0)
            canv.endForm()
            self._qr_drawn = True
        canv.saveState()
        canv.translate(x, y)
        canv.doForm(self._QR_FORM)
        canv.restoreState()


# --- the story: what flows down the pages -----------------------------------------------------


def _story(doc: NoticeDocument) -> list[Flowable]:
    numbering: list[int] = []
    number = wording.NUMBER.format(number=doc.number)
    story = [*letterhead(doc.letterhead, doc.letterhead.title, number), _addressee(doc),
             _p(wording.OPENING, "opening")]
    story += _section(numbering, wording.HEADING_CONTEXT, [_context(doc)], room=50 * mm)
    story += _section(numbering, wording.HEADING_PROBLEMS, [_problem_table(doc.problems)],
                      room=55 * mm)
    photos = _photo_grid(doc.problems)
    if photos is not None:
        story += _section(numbering, wording.HEADING_PHOTOS, [photos], room=85 * mm)
    story += _section(numbering, wording.HEADING_DEADLINE, [KeepTogether([
        _labelled(wording.DEADLINE, doc.deadline_text),
        _labelled(wording.REINSPECT_ON, doc.reinspect_on)])])
    if doc.letterhead.clauses:
        story += _section(numbering, wording.HEADING_CLAUSES, _clauses(doc.letterhead.clauses))
    # Signatures and receipt stay together: a signature alone at the top of a page invites
    # the question what it signs.
    signature = signature_row(wording.INSPECTOR_SIGNATURE, doc.auditor_signature_png,
                              doc.auditor_name, doc.issued_on)
    story.append(KeepTogether([Spacer(0, 8 * mm), signature,
                               *issuer_sign_off(doc.letterhead.issuer, doc.issued_on),
                               Spacer(0, 6 * mm), _receipt(doc.receipt)]))
    story += _copies_to(doc.letterhead.copies_to)
    story.append(_AtPageBottom([_CutLine(), *_reply_slip(doc)]))
    return story


def letterhead(head: Letterhead, title: str, number_line: str) -> list[Flowable]:
    """The head of the first page: the issuer in red (with the logo), ``title``, the red double
    rule and ``number_line`` at the right."""
    issuer = _p(head.issuer, "issuer")
    if head.logo is not None:
        issuer = _with_logo(head.logo, head.issuer)
    return [issuer, _p(title, "title"),
            HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=0, spaceAfter=1.2),
            HRFlowable(width="100%", thickness=0.5, color=RED, spaceBefore=0, spaceAfter=0),
            _p(number_line, "number")]


def _with_logo(logo, issuer: str) -> Table:
    """The issuer line with the office logo to its left, the pair centred on the page."""
    style = _styles()["issuer"]
    text_w = min(pdfmetrics.stringWidth(issuer, FONT_BOLD, style.fontSize) + 2, BODY_W - 16 * mm)
    image = Image(str(logo), width=12 * mm, height=12 * mm, kind="proportional")
    return _table([[image, _p(issuer, "issuer")]], [15 * mm, text_w],
                  [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def _addressee(doc: NoticeDocument) -> Table:
    rows = [[_p(wording.UNIT + "：", "label"), _p(doc.addressee_unit), "", ""],
            [_p(wording.PERSON + "：", "label"), _p(doc.addressee_person),
             _p(wording.PHONE + "：", "label"), _p(doc.addressee_phone)]]
    return _table(rows, [24 * mm, 60 * mm, 24 * mm, BODY_W - 108 * mm],
                  [("SPAN", (1, 0), (3, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])


def _context(doc: NoticeDocument) -> Table:
    codes = wording.LIST_SEPARATOR.join(doc.criterion_codes) or wording.EMPTY
    basis = wording.BASIS_CODES.format(basis=doc.basis.strip() or wording.EMPTY, codes=codes)
    area = " ".join(part for part in (doc.district.strip(), doc.sub_district.strip()) if part)
    inspectors = wording.LIST_SEPARATOR.join(doc.inspectors)

    def row(label, value, label2=None, value2=None):
        second = [_p(label2, "cell_label"), _p(value2, "cell")] if label2 else ["", ""]
        return [_p(label, "cell_label"), _p(value, "cell"), *second]

    rows = [row(wording.BASIS, basis),
            row(wording.INSPECTED_ON, doc.inspected_on, wording.INSPECTORS, inspectors),
            row(wording.SITE, doc.site_name, wording.SITE_TYPE, doc.site_type),
            row(wording.AREA, area),
            row(wording.ADDRESS, doc.site_address)]
    return _table(rows, [22 * mm, 56 * mm, 22 * mm, BODY_W - 100 * mm],
                  [*[("SPAN", (1, row), (3, row)) for row in (0, 3, 4)],
                   ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (0, -1), SHADE),
                   ("BACKGROUND", (2, 1), (2, 2), SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])


def _problem_table(problems: tuple[NoticeProblem, ...]) -> Table:
    rows = [[_p(text, "cell_head") for text in wording.TABLE_HEADER]]
    rows += [_problem_row(index, problem) for index, problem in enumerate(problems, 1)]
    widths = [12 * mm, 23 * mm, 34 * mm, 50 * mm, BODY_W - 119 * mm]
    # Rows stay whole, as in official tables, unless a finding is too long for a page: then
    # findings continue across pages (at least 3 lines on each side). ReportLab's mixed mode
    # would repeat the header row in mid-page, so it is one mode or the other.
    split_in_rows = _tallest_row(rows, widths) > FRAME_H * 0.75
    return _table(rows, widths,
                  [("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                   ("VALIGN", (0, 0), (-1, 0), "MIDDLE"), ("VALIGN", (0, 1), (-1, -1), "TOP")],
                  repeatRows=1, splitByRow=int(not split_in_rows),
                  splitInRow=42 if split_in_rows else 0)


def _tallest_row(rows: list[list], widths: list[float]) -> float:
    """The height of the tallest row's content, with the default cell padding."""
    def height(cell, width):
        parts = cell if isinstance(cell, list) else [cell]
        return sum(part.wrap(width - 12, FRAME_H)[1] for part in parts)

    return max(max(height(cell, w) for cell, w in zip(row, widths, strict=True)) + 6
               for row in rows)


def _problem_row(index: int, problem: NoticeProblem) -> list[Flowable]:
    # the code on a line of its own: CJK wrapping would split "ZCGD-06" anywhere
    criterion = [_p(problem.criterion_code.strip(), "cell"), _p(problem.criterion_text, "cell")]
    description = [_p(problem.description, "cell")]
    if problem.photos:
        description.append(_p(wording.PHOTO_COUNT.format(count=len(problem.photos)), "note"))
    return [_p(str(index), "cell_centre"), _p(problem.location, "cell"), criterion,
            description, _p(problem.requirement, "cell")]


def _photo_grid(problems: tuple[NoticeProblem, ...]) -> Table | None:
    """Every photo, two to a row, each labelled "问题N 图M" with its caption; None if none."""
    cells = [_photo_cell(p_index, f_index, photo)
             for p_index, problem in enumerate(problems, 1)
             for f_index, photo in enumerate(problem.photos, 1)]
    if not cells:
        return None
    if len(cells) % 2:
        cells.append("")
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    return _table(rows, [BODY_W / 2] * 2,
                  [("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                   ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])


def _photo_cell(problem: int, index: int, photo) -> list[Flowable]:
    box = photo_box(photo.path, BODY_W / 2 - 6 * mm, 56 * mm)
    return [box, _p(wording.PHOTO_LABEL.format(problem=problem, photo=index), "photo_label"),
            _p(photo.caption, "caption")]


def photo_box(path, width: float, height: float) -> Table:
    """The photo scaled to fit ``width`` × ``height`` and centred in a box of that size."""
    # The path (not an image object) makes ReportLab embed the JPEG bytes as they are.
    image = Image(str(path), width=width, height=height, kind="proportional")
    # A box of fixed height keeps the labels of portrait and landscape photos level.
    return _table([[image]], [width], [("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                       *[(side, (0, 0), (-1, -1), 0) for side in _PADDINGS]],
                  rowHeights=[height])


def _clauses(clauses: tuple[str, ...]) -> list[Paragraph]:
    return [_p(wording.CLAUSE.format(index=i, text=text), "body")
            for i, text in enumerate(clauses, 1)]


def _signature_image(png: bytes | None, width: float = 38 * mm, height: float = 14 * mm):
    if png is None:
        return ""
    return Image(io.BytesIO(png), width=width, height=height, kind="proportional")


def signature_row(label: str, png: bytes | None, name: str, signed_on: str) -> Table:
    """"{label} [drawn signature] name  日期：…", the signature on a line of its own."""
    row = [_p(label, "label"), _signature_image(png),
           _p(name), _labelled(wording.SIGNED_ON.rstrip("："), signed_on)]
    return _table([row], [38 * mm, 42 * mm, 26 * mm, BODY_W - 106 * mm],
                  [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0),
                   ("LINEBELOW", (1, 0), (1, 0), 0.5, RULE)])  # the line to sign on


def issuer_sign_off(issuer: str, signed_on: str) -> list[Flowable]:
    """The issuing office and date at the right (落款), with room above for the seal."""
    return [Spacer(0, 10 * mm), _p(issuer + wording.SEAL, "right"), _p(signed_on, "right")]


def _receipt(receipt: Receipt) -> Table:
    if receipt.refused:
        signed = _p(wording.RECEIPT_REFUSED, "label")
    else:
        image = _signature_image(receipt.signature_png)
        name = _p(receipt.signer, "body") if receipt.signer.strip() else ""
        signed = [image, name] if image else name
    date = receipt.signed_on.strip() or wording.DATE_BLANK
    rows = [[_p(wording.RECEIPT_HEADING, "cell_label"), "", "", ""],
            [_p(wording.RECEIPT_SIGNER, "label"), signed, _p(wording.RECEIPT_SIGNED_ON, "label"),
             _p(date)]]
    return _table(rows, [34 * mm, 50 * mm, 24 * mm, BODY_W - 108 * mm],
                  [("SPAN", (0, 0), (-1, 0)), ("BOX", (0, 0), (-1, -1), 0.8, GREY),
                   ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                   ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")],
                  rowHeights=[None, 20 * mm])


def _copies_to(copies_to: str) -> list[Flowable]:
    """The 抄送 line between two thin rules, as the 版记 of an official document; none if empty."""
    if not copies_to.strip():
        return []
    rule = functools.partial(HRFlowable, width="100%", thickness=0.5, color=colors.black)
    return [Spacer(0, 5 * mm), rule(spaceAfter=3), _labelled(wording.COPIES_TO.rstrip("："),
                                                              copies_to), rule(spaceBefore=3)]


# --- the reply slip ---------------------------------------------------------------------------


def _reply_slip(doc: NoticeDocument) -> list[Flowable]:
    def label(text):
        return _p(text, "cell_label")

    measures = [_p(wording.SLIP_MEASURES_HINT, "note"), _RuledLines(5, 8 * mm)]
    rows = [[label(wording.SLIP_NUMBER), _p(doc.number, "cell"), "", ""],
            [label(wording.SLIP_UNIT), _p(doc.addressee_unit, "cell"), "", ""],
            [label(wording.SLIP_MEASURES), measures, "", ""],
            [label(wording.SLIP_DONE_ON), _p(wording.DATE_BLANK, "cell"),
             label(wording.SLIP_PHOTOS), _p(wording.SLIP_PHOTOS_ATTACHED, "cell")],
            [label(wording.SLIP_SEAL), "", label(wording.SLIP_PERSON), ""],
            [label(wording.SLIP_DATE), _p(wording.DATE_BLANK, "cell"), "", ""]]
    table = _table(rows, [24 * mm, 56 * mm, 24 * mm, BODY_W - 104 * mm],
                   [*[("SPAN", (1, row), (3, row)) for row in (0, 1, 2, 5)],
                    ("GRID", (0, 0), (-1, -1), 0.5, GREY), ("BACKGROUND", (0, 0), (0, -1), SHADE),
                    ("BACKGROUND", (2, 3), (2, 4), SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
                   rowHeights=[None, None, None, 9 * mm, 20 * mm, 9 * mm])
    return [_p(wording.SLIP_TITLE, "slip_title"), table, Spacer(0, 2 * mm),
            _p(wording.SLIP_RETURN, "note")]


class _RuledLines(Flowable):
    """Blank ruled lines to write on by hand."""

    def __init__(self, count: int, spacing: float):
        super().__init__()
        self.count, self.spacing = count, spacing

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.count * self.spacing

    def draw(self):
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.4)
        self.canv.setDash(1, 2)
        for i in range(self.count):
            self.canv.line(0, i * self.spacing + 1, self.width - 12, i * self.spacing + 1)


class _CutLine(Flowable):
    """A dashed line across the whole sheet with "✂ 沿此线剪下" in the middle."""

    def __init__(self):
        super().__init__()
        scissors = all(_has_glyph(char) for char in wording.CUT_LINE if not char.isspace())
        self.label = wording.CUT_LINE if scissors else wording.CUT_LINE_PLAIN

    def wrap(self, aw, ah):
        self.width = aw
        return aw, 10 * mm

    def draw(self):
        canv, mid_y = self.canv, 5 * mm
        # From edge to edge of the sheet, not of the type area: the frame starts at the margin.
        frame_x = _left_margin(canv.getPageNumber())
        left, right = 10 * mm - frame_x, PAGE_W - 10 * mm - frame_x
        label_w = pdfmetrics.stringWidth(self.label, FONT, 8) + 6 * mm
        centre = self.width / 2
        canv.setStrokeColor(GREY)
        canv.setLineWidth(0.6)
        canv.setDash(4, 3)
        canv.line(left, mid_y, centre - label_w / 2, mid_y)
        canv.line(centre + label_w / 2, mid_y, right, mid_y)
        canv.setFillColor(GREY)
        canv.setFont(FONT, 8)
        canv.drawCentredString(centre, mid_y - 3, self.label)


class _AtPageBottom(Flowable):
    """Draws its flowables stacked at the foot of the page, so that the reply slip can be cut
    off along the line without cutting anything above it; moves to a new page if they do
    not fit below what is already there."""

    def __init__(self, flowables: list[Flowable]):
        super().__init__()
        self.flowables = flowables

    def wrap(self, aw, ah):
        self._heights = [f.wrap(aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                         for f in self.flowables]
        self.width = aw
        needed = sum(self._heights)
        # Taking all the space left keeps anything after this off the page; asking for more
        # than there is sends us to the next page.
        return aw, (ah if needed <= ah else needed)

    def split(self, aw, ah):
        return []

    def draw(self):
        y = sum(self._heights)
        for flowable, height in zip(self.flowables, self._heights, strict=True):
            y -= height
            flowable.drawOn(self.canv, 0, y + flowable.getSpaceAfter())


# --- shared with the other documents in the notice's look ---------------------------------------
# The re-inspection record (reports.reinspection_layout) is built from the same fonts, styles
# and tables; these are the public names it uses for them.
styles = _styles
markup = _markup
paragraph = _p
labelled = _labelled
table = _table
signature_image = _signature_image
