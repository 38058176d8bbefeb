"""The bulletin's exposure list (曝光台): the overdue problems, the longest overdue first.

The first :data:`WITH_PHOTOS` problems are printed one to a block with their first photo (the
preview JPEG, embedded as it is, captioned like the notice's: capture time, or 拍摄时间不详 and
the import time, and GPS) beside the notice number, unit, site, criterion, location, deadline
and days overdue; a missing photo shows a marked empty box and never stops the bulletin. The
next :data:`LISTED` are listed in a table without photos; any beyond those are counted, so
that a backlog of thousands cannot turn the bulletin into a book.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from model.office.bulletin import OverdueProblem
from reports import bulletin_wording as words
from reports import notice_style, wording
from reports.bulletin_style import grid_table, para, styles
from reports.notice_style import BODY_W, GREY, RULE

if TYPE_CHECKING:
    from reports.bulletin_layout import BulletinDocument

WITH_PHOTOS = 60
LISTED = 400
PHOTO_W, PHOTO_H = 62 * mm, 46 * mm
RED = "#c00000"


def photo_ids_shown(problems: list[OverdueProblem]) -> list[str]:
    """The photos the list prints: the first photo of each problem printed with one."""
    return [p.photo_ids[0] for p in problems[:WITH_PHOTOS] if p.photo_ids]


def story(doc: BulletinDocument) -> list[Flowable]:
    """The exposure section's body: a sentence, the blocks with photos, the rest as a table."""
    bulletin = doc.bulletin
    on = wording.date(bulletin.made_at.isoformat())
    problems = bulletin.overdue
    if not problems:
        return [para(words.EXPOSURE_NONE.format(date=on), "opening")]
    flowables: list[Flowable] = [para(words.EXPOSURE_INTRO.format(
        date=on, count=len(problems), issuer=doc.issuer), "opening")]
    rest = problems[WITH_PHOTOS:]
    if rest:
        flowables.append(para(words.EXPOSURE_WITH_PHOTOS.format(
            shown=WITH_PHOTOS, rest=len(rest)), "opening"))
    flowables.append(Spacer(0, 2 * mm))
    flowables += [_block(index, problem, doc.photos)
                  for index, problem in enumerate(problems[:WITH_PHOTOS], start=1)]
    if rest:
        flowables += _rest(rest)
    return flowables


def _block(index: int, problem: OverdueProblem, photos) -> Table:
    """One problem: its photo (or a marked empty box) left, what and where right."""
    def line(label: str, value: str) -> Paragraph:
        return notice_style.labelled(label, value, "cell")

    late = words.DAYS_OVERDUE.format(days=problem.days_overdue)
    details = [
        para(words.ITEM_HEADING.format(index=index, unit=problem.unit), "cell_bold"),
        line(words.ITEM_NUMBER, problem.notice_number),
        line(words.ITEM_SITE, _site(problem)),
        line(words.ITEM_CRITERION, f"{problem.criterion_code} {problem.criterion_text}"),
        line(words.ITEM_LOCATION, problem.location),
        line(words.ITEM_DESCRIPTION, problem.description),
        Paragraph(f"<b>{words.ITEM_DEADLINE}：</b>{notice_style.markup(_deadline(problem))}"
                  f"　<font color='{RED}'><b>{late}</b></font>", styles()["cell"]),
    ]
    table = notice_style.table(
        [[_photo(problem, photos), details]], [PHOTO_W + 4 * mm, BODY_W - PHOTO_W - 4 * mm],
        [("BOX", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
         ("LEFTPADDING", (0, 0), (0, 0), 2 * mm), ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm)])
    table.spaceAfter = 3 * mm
    return table


def _photo(problem: OverdueProblem, photos) -> Flowable | list[Flowable]:
    if not problem.photo_ids:
        return _placeholder(words.NO_PHOTO)
    photo = photos.get(problem.photo_ids[0])
    if photo is None:
        return _placeholder(words.PHOTO_MISSING)
    return [notice_style.photo_box(photo.path, PHOTO_W, PHOTO_H), para(photo.caption, "caption")]


def _placeholder(text: str) -> Table:
    """An empty box of the photo's size with ``text`` in its middle."""
    return notice_style.table(
        [[para(text, "cell_centre")]], [PHOTO_W],
        [("BOX", (0, 0), (-1, -1), 0.6, GREY), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
         ("BACKGROUND", (0, 0), (-1, -1), notice_style.SHADE)], rowHeights=[PHOTO_H])


def _site(problem: OverdueProblem) -> str:
    if not problem.site_code:
        return words.SITE_DELETED
    site = words.SITE_LINE.format(name=problem.site_name, code=problem.site_code)
    return f"{problem.district} {site}" if problem.district else site


def _deadline(problem: OverdueProblem) -> str:
    return wording.date(problem.deadline)


def _rest(problems: list[OverdueProblem]) -> list[Flowable]:
    """The overdue problems after those with photos, as a table (at most :data:`LISTED`)."""
    listed = problems[:LISTED]
    rows = [[para(text, "cell_head") for text in words.EXPOSURE_REST_HEADER]]
    rows += [[str(index), para(p.notice_number), para(p.unit), para(_site(p)),
              para(p.criterion_code), _deadline(p), str(p.days_overdue)]
             for index, p in enumerate(listed, start=WITH_PHOTOS + 1)]
    widths = [11 * mm, 36 * mm, 30 * mm, BODY_W - 140 * mm, 20 * mm, 27 * mm, 16 * mm]
    flowables = [Spacer(0, 3 * mm), para(words.EXPOSURE_REST, "heading"),
                 grid_table(rows, widths, numbers_from=5)]
    if len(problems) > LISTED:
        flowables.append(para(words.EXPOSURE_CUT.format(more=len(problems) - LISTED), "note"))
    return flowables
