"""The ReportLab layout of the re-inspection record (复查记录); used only through
:func:`reports.reinspection_pdf.build_reinspection_pdf`.

It has the notice's look and is built from the notice's pieces (:mod:`reports.notice_style`,
:mod:`reports.notice_pages`): the red issuer line, title and double rule, then the original
notice's number, the context of the re-inspection, the overall result in colour, one block per
problem with the photos before and after rectification side by side, the conclusion, the
inspector's signature and the office's sign-off. Every page carries "第 N 页 共 M 页", the short
fingerprint and the QR code.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from reports import notice_pages as pages
from reports import notice_pdf, reinspection_pdf, wording
from reports import notice_style as look

if TYPE_CHECKING:
    from reports.notice_pdf import NoticePhoto
    from reports.reinspection_pdf import ReinspectionDocument, ReinspectionItem

GREEN = colors.HexColor("#1a7a33")
ORANGE = colors.HexColor("#d2690a")
OUTCOME_COLOURS = {"fixed": GREEN, "partly": ORANGE, "not_fixed": look.RED}

HALF_W = look.BODY_W / 2
PHOTO_W, PHOTO_H = HALF_W - 6 * mm, 52 * mm  # every photo in the same box: equal heights
# Room a problem needs on a page for its heading, finding, the photo table's header and first
# row; less than that left and the problem starts on the next page.
PROBLEM_ROOM = PHOTO_H + 48 * mm


def render(doc: ReinspectionDocument) -> bytes:
    """Lay the record out and return the PDF bytes."""
    look.register_fonts()
    number, fingerprint = doc.notice_number, doc.fingerprint
    furniture = pages.PageFurniture(
        number, wording.REINSPECTION_TITLE, fingerprint,
        reinspection_pdf.QR_PAYLOAD.format(number=number, fingerprint=fingerprint))
    return pages.build_pages(
        _story(doc), furniture,
        title=wording.INFO_TITLE.format(title=wording.REINSPECTION_TITLE, number=number),
        author=doc.inspector, subject=reinspection_pdf.SUBJECT,
        keywords=notice_pdf.keywords(reinspection_pdf.KEYWORDS, number, fingerprint,
                                     doc.inspector_staff_no))


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    """The notice's styles and the few this record adds."""
    label = look.styles()["label"]
    outcomes = {f"outcome_{code}": ParagraphStyle(f"outcome_{code}", label, fontSize=15,
                                                  leading=21, textColor=colour)
                for code, colour in OUTCOME_COLOURS.items()}
    item = ParagraphStyle("item_heading", label, fontSize=10.5, leading=16, spaceBefore=8,
                          spaceAfter=2)
    return {**look.styles(), **outcomes, "item_heading": item}


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(look.markup(text), _styles()[style])


def _story(doc: ReinspectionDocument) -> list[Flowable]:
    number_line = wording.ORIGINAL_NUMBER.format(number=doc.notice_number)
    story = pages.letterhead(doc.letterhead, wording.REINSPECTION_TITLE, number_line)
    story += [_heading(1, wording.HEADING_REINSPECTION), _context(doc), Spacer(0, 3 * mm),
              _result(doc.outcome, doc.note)]
    story += [CondPageBreak(PROBLEM_ROOM + 10 * mm), _heading(2, wording.HEADING_COMPARISON)]
    for index, item in enumerate(doc.items, 1):
        story += _problem(index, item)
    # The conclusion and the signature under it stay together: a signature alone at the top
    # of a page invites the question what it signs.
    story.append(KeepTogether([
        _heading(3, wording.CONCLUSION_HEADING),
        _p(wording.CONCLUSION[doc.outcome], "opening"), Spacer(0, 6 * mm),
        look.signature_row(wording.REINSPECTOR_SIGNATURE, doc.inspector_signature_png,
                           doc.inspector, _day(doc.reinspected_on)),
        *look.issuer_sign_off(doc.letterhead.issuer, _day(doc.reinspected_on))]))
    return story


def _heading(numeral: int, heading: str) -> Paragraph:
    text = wording.SECTION.format(numeral=wording.NUMERALS[numeral - 1], heading=heading)
    return _p(text, "heading")


def _day(date_time: str) -> str:
    """"2026年12月2日" from "2026年12月2日 10:30": the signature is dated, not timed."""
    return date_time.strip().split(" ")[0]


def _context(doc: ReinspectionDocument) -> Table:
    def row(label, value, label2=None, value2=None):
        second = [_p(label2, "cell_label"), _p(value2, "cell")] if label2 else ["", ""]
        return [_p(label, "cell_label"), _p(value, "cell"), *second]

    rows = [row(wording.UNIT, doc.addressee_unit),
            row(wording.SITE, doc.site_name),
            row(wording.ADDRESS, doc.site_address),
            row(wording.NOTICE_ISSUED_ON, doc.notice_issued_on, wording.DEADLINE,
                doc.deadline_text),
            row(wording.REINSPECT_ON, doc.reinspected_on, wording.REINSPECTOR, doc.inspector)]
    return look.table(
        # The dates are short, the deadline with its preset words is not.
        rows, [22 * mm, 46 * mm, 22 * mm, look.BODY_W - 90 * mm],
        [*[("SPAN", (1, row), (3, row)) for row in (0, 1, 2)],
         ("GRID", (0, 0), (-1, -1), 0.5, look.RULE),
         ("BACKGROUND", (0, 0), (0, -1), look.SHADE),
         ("BACKGROUND", (2, 3), (2, 4), look.SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
        splitInRow=1)  # a name longer than a page continues on the next instead of failing


def _result(outcome: str, note: str) -> Table:
    """The overall result in large bold letters of its colour, with the inspector's note."""
    colour = OUTCOME_COLOURS[outcome]
    rows = [[_p(wording.RESULT, "cell_label"), _p(wording.OUTCOME[outcome], f"outcome_{outcome}")]]
    if note.strip():
        rows.append([_p(wording.RESULT_NOTE, "cell_label"), _p(note, "cell")])
    return look.table(rows, [22 * mm, look.BODY_W - 22 * mm],
                      [("GRID", (0, 0), (-1, -1), 0.5, look.RULE),
                         ("BOX", (0, 0), (-1, -1), 1.2, colour),
                         ("BACKGROUND", (0, 0), (0, -1), look.SHADE),
                         ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                         ("VALIGN", (0, 1), (-1, -1), "TOP")],
                      splitInRow=1)  # a note may be long: it continues on the next page


# --- one problem: heading, finding and photos before | after ----------------------------------


def _problem(index: int, item: ReinspectionItem) -> list[Flowable]:
    heading = wording.ITEM_HEADING.format(index=index, code=item.criterion_code.strip(),
                                          criterion=item.criterion_text.strip())
    return [CondPageBreak(PROBLEM_ROOM),
            _p(heading, "item_heading"),
            look.labelled(wording.ITEM_LOCATION, item.location, "cell"),
            look.labelled(wording.ITEM_DESCRIPTION, item.description, "cell"),
            Spacer(0, 2 * mm), _photo_table(item)]


def _photo_table(item: ReinspectionItem) -> Table:
    """Before and after in two columns, the n-th photo of each side on the n-th row, so that
    the same view taken twice can be compared across."""
    header = [_p(text, "cell_head") for text in wording.BEFORE_AFTER]
    rows = [[_photo_cell(item.before, n), _photo_cell(item.after, n)]
            for n in range(max(len(item.before), len(item.after), 1))]
    return look.table([header, *rows], [HALF_W, HALF_W],
                      [("GRID", (0, 0), (-1, -1), 0.5, look.RULE),
                         ("BACKGROUND", (0, 0), (-1, 0), look.SHADE),
                         ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                         ("ALIGN", (0, 1), (-1, -1), "CENTER"),
                         ("VALIGN", (0, 1), (-1, -1), "TOP"),
                         ("BOTTOMPADDING", (0, 1), (-1, -1), 5)],
                      repeatRows=1)


def _photo_cell(photos: tuple[NoticePhoto, ...], n: int) -> list[Flowable] | str:
    """The n-th photo with its caption; "（无照片）" in a box of a photo's size when the side
    has none at all; nothing where the other side simply has more."""
    if n < len(photos):
        return [look.photo_box(photos[n].path, PHOTO_W, PHOTO_H), Spacer(0, 1.5 * mm),
                _p(photos[n].caption, "caption")]
    if n > 0:
        return ""
    return [look.table([[_p(wording.NO_PHOTO, "caption")]], [PHOTO_W],
                       [("VALIGN", (0, 0), (-1, -1), "MIDDLE")], rowHeights=[PHOTO_H])]
