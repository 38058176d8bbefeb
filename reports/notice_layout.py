"""The ReportLab layout of the rectification notice; used only through
:func:`reports.notice_pdf.build_notice_pdf`. Its look and its pages are shared with the other
documents: :mod:`reports.notice_style` (fonts, styles, blocks) and :mod:`reports.notice_pages`
(the page template, the furniture on every page, the letterhead).

A4 in the manner of an official document (公文): a red issuer line and rule, the title, the
number, then the findings as numbered sections, signatures, the unit's receipt and, at the foot
of the last page, a reply slip (回执) to cut off. Every page carries "第 N 页 共 M 页", the short
fingerprint and a QR code; pages after the first repeat the number in a running head. The inside
margin is wider for duplex binding, mirrored on even pages.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from reports import notice_pdf, wording
from reports.notice_pages import PageFurniture, build_pages, left_margin, letterhead
from reports.notice_style import (
    BODY_W,
    FONT,
    FRAME_H,
    GREY,
    PAGE_W,
    RULE,
    SHADE,
    has_glyph,
    issuer_sign_off,
    labelled,
    paragraph,
    photo_box,
    register_fonts,
    signature_image,
    signature_row,
    table,
)

if TYPE_CHECKING:
    from reports.notice_pdf import NoticeDocument, NoticeProblem, Receipt


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


# --- the story: what flows down the pages -----------------------------------------------------


def _story(doc: NoticeDocument) -> list[Flowable]:
    numbering: list[int] = []
    number = wording.NUMBER.format(number=doc.number)
    story = [*letterhead(doc.letterhead, doc.letterhead.title, number), _addressee(doc),
             paragraph(wording.OPENING, "opening")]
    story += _section(numbering, wording.HEADING_CONTEXT, [_context(doc)], room=50 * mm)
    story += _section(numbering, wording.HEADING_PROBLEMS, [_problem_table(doc.problems)],
                      room=55 * mm)
    photos = _photo_grid(doc.problems)
    if photos is not None:
        story += _section(numbering, wording.HEADING_PHOTOS, [photos], room=85 * mm)
    story += _section(numbering, wording.HEADING_DEADLINE, [KeepTogether([
        labelled(wording.DEADLINE, doc.deadline_text),
        labelled(wording.REINSPECT_ON, doc.reinspect_on)])])
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


def _section(numbering: list[int], heading: str, body: list[Flowable],
             room: float = 30 * mm) -> list[Flowable]:
    """The next numbered section ("一、…"), starting on a new page unless ``room`` is left for
    its heading and the first lines of its body. (keepWithNext would move a long table whole.)
    ``numbering`` counts the sections printed so far."""
    numbering.append(len(numbering))
    title = wording.SECTION.format(numeral=wording.NUMERALS[numbering[-1]], heading=heading)
    return [CondPageBreak(room), paragraph(title, "heading"), *body]


def _addressee(doc: NoticeDocument) -> Table:
    rows = [[paragraph(wording.UNIT + "：", "label"), paragraph(doc.addressee_unit), "", ""],
            [paragraph(wording.PERSON + "：", "label"), paragraph(doc.addressee_person),
             paragraph(wording.PHONE + "：", "label"), paragraph(doc.addressee_phone)]]
    return table(rows, [24 * mm, 60 * mm, 24 * mm, BODY_W - 108 * mm],
                 [("SPAN", (1, 0), (3, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                  ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                  ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])


def _context(doc: NoticeDocument) -> Table:
    codes = wording.LIST_SEPARATOR.join(doc.criterion_codes) or wording.EMPTY
    basis = wording.BASIS_CODES.format(basis=doc.basis.strip() or wording.EMPTY, codes=codes)
    area = " ".join(part for part in (doc.district.strip(), doc.sub_district.strip()) if part)
    inspectors = wording.LIST_SEPARATOR.join(doc.inspectors)

    def row(label, value, label2=None, value2=None):
        second = ([paragraph(label2, "cell_label"), paragraph(value2, "cell")] if label2
                  else ["", ""])
        return [paragraph(label, "cell_label"), paragraph(value, "cell"), *second]

    rows = [row(wording.BASIS, basis),
            row(wording.INSPECTED_ON, doc.inspected_on, wording.INSPECTORS, inspectors),
            row(wording.SITE, doc.site_name, wording.SITE_TYPE, doc.site_type),
            row(wording.AREA, area),
            row(wording.ADDRESS, doc.site_address)]
    return table(rows, [22 * mm, 56 * mm, 22 * mm, BODY_W - 100 * mm],
                 [*[("SPAN", (1, row), (3, row)) for row in (0, 3, 4)],
                  ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (0, -1), SHADE),
                  ("BACKGROUND", (2, 1), (2, 2), SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])


def _problem_table(problems: tuple[NoticeProblem, ...]) -> Table:
    rows = [[paragraph(text, "cell_head") for text in wording.TABLE_HEADER]]
    rows += [_problem_row(index, problem) for index, problem in enumerate(problems, 1)]
    widths = [12 * mm, 23 * mm, 34 * mm, 50 * mm, BODY_W - 119 * mm]
    # Rows stay whole, as in official tables, unless a finding is too long for a page: then
    # findings continue across pages (at least 3 lines on each side). ReportLab's mixed mode
    # would repeat the header row in mid-page, so it is one mode or the other.
    split_in_rows = _tallest_row(rows, widths) > FRAME_H * 0.75
    return table(rows, widths,
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
    criterion = [paragraph(problem.criterion_code.strip(), "cell"),
                 paragraph(problem.criterion_text, "cell")]
    description = [paragraph(problem.description, "cell")]
    if problem.photos:
        description.append(paragraph(wording.PHOTO_COUNT.format(count=len(problem.photos)), "note"))
    return [paragraph(str(index), "cell_centre"), paragraph(problem.location, "cell"), criterion,
            description, paragraph(problem.requirement, "cell")]


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
    return table(rows, [BODY_W / 2] * 2,
                 [("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                  ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])


def _photo_cell(problem: int, index: int, photo) -> list[Flowable]:
    box = photo_box(photo.path, BODY_W / 2 - 6 * mm, 56 * mm)
    return [box, paragraph(wording.PHOTO_LABEL.format(problem=problem, photo=index), "photo_label"),
            paragraph(photo.caption, "caption")]


def _clauses(clauses: tuple[str, ...]) -> list[Paragraph]:
    return [paragraph(wording.CLAUSE.format(index=i, text=text), "body")
            for i, text in enumerate(clauses, 1)]


def _receipt(receipt: Receipt) -> Table:
    if receipt.refused:
        signed = paragraph(wording.RECEIPT_REFUSED, "label")
    else:
        image = signature_image(receipt.signature_png)
        name = paragraph(receipt.signer, "body") if receipt.signer.strip() else ""
        signed = [image, name] if image else name
    date = receipt.signed_on.strip() or wording.DATE_BLANK
    rows = [[paragraph(wording.RECEIPT_HEADING, "cell_label"), "", "", ""],
            [paragraph(wording.RECEIPT_SIGNER, "label"), signed,
             paragraph(wording.RECEIPT_SIGNED_ON, "label"), paragraph(date)]]
    return table(rows, [34 * mm, 50 * mm, 24 * mm, BODY_W - 108 * mm],
                 [("SPAN", (0, 0), (-1, 0)), ("BOX", (0, 0), (-1, -1), 0.8, GREY),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                  ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")],
                 rowHeights=[None, 20 * mm])


def _copies_to(copies_to: str) -> list[Flowable]:
    """The 抄送 line between two thin rules, as the 版记 of an official document; none if empty."""
    if not copies_to.strip():
        return []
    rule = functools.partial(HRFlowable, width="100%", thickness=0.5, color=colors.black)
    return [Spacer(0, 5 * mm), rule(spaceAfter=3), labelled(wording.COPIES_TO.rstrip("："),
                                                             copies_to), rule(spaceBefore=3)]


# --- the reply slip ---------------------------------------------------------------------------


def _reply_slip(doc: NoticeDocument) -> list[Flowable]:
    def label(text):
        return paragraph(text, "cell_label")

    measures = [paragraph(wording.SLIP_MEASURES_HINT, "note"), _RuledLines(5, 8 * mm)]
    rows = [[label(wording.SLIP_NUMBER), paragraph(doc.number, "cell"), "", ""],
            [label(wording.SLIP_UNIT), paragraph(doc.addressee_unit, "cell"), "", ""],
            [label(wording.SLIP_MEASURES), measures, "", ""],
            [label(wording.SLIP_DONE_ON), paragraph(wording.DATE_BLANK, "cell"),
             label(wording.SLIP_PHOTOS), paragraph(wording.SLIP_PHOTOS_ATTACHED, "cell")],
            [label(wording.SLIP_SEAL), "", label(wording.SLIP_PERSON), ""],
            [label(wording.SLIP_DATE), paragraph(wording.DATE_BLANK, "cell"), "", ""]]
    grid = table(rows, [24 * mm, 56 * mm, 24 * mm, BODY_W - 104 * mm],
                 [*[("SPAN", (1, row), (3, row)) for row in (0, 1, 2, 5)],
                  ("GRID", (0, 0), (-1, -1), 0.5, GREY), ("BACKGROUND", (0, 0), (0, -1), SHADE),
                  ("BACKGROUND", (2, 3), (2, 4), SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
                 rowHeights=[None, None, None, 9 * mm, 20 * mm, 9 * mm])
    return [paragraph(wording.SLIP_TITLE, "slip_title"), grid, Spacer(0, 2 * mm),
            paragraph(wording.SLIP_RETURN, "note")]


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
        scissors = all(has_glyph(char) for char in wording.CUT_LINE if not char.isspace())
        self.label = wording.CUT_LINE if scissors else wording.CUT_LINE_PLAIN

    def wrap(self, aw, ah):
        self.width = aw
        return aw, 10 * mm

    def draw(self):
        canv, mid_y = self.canv, 5 * mm
        # From edge to edge of the sheet, not of the type area: the frame starts at the margin.
        frame_x = left_margin(canv.getPageNumber())
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
