"""The ReportLab layout of the monthly bulletin (通报); used through
:func:`reports.bulletin_pdf.write_bulletin`.

A4 in the notice's look (the red issuer line and rule, the embedded Noto font, mirrored margins
for duplex binding; :mod:`reports.notice_pages`), then numbered sections: the overall figures
with the trend chart, the districts (chart and ranking), the responsible units, categories and
site types, the weakest criteria, the follow-up counts and the exposure list
(:mod:`reports.bulletin_exposure`). Every page says "第 N 页 共 M 页" and when the bulletin was
made. A period with nothing inspected prints one page that says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from model.office.bulletin import Bulletin
from model.office.dashboard import Figure
from model.office.rankings import Standing
from reports import (
    bulletin_charts,
    bulletin_exposure,
    notice_pages,
    notice_pdf,
    notice_style,
    wording,
)
from reports import bulletin_wording as words
from reports.bulletin_style import grid_table, header, para, styles
from reports.notice_style import BODY_W, FONT, FONT_BOLD, GREY, PAGE_H, RULE

LAST_SHADE = colors.HexColor("#fbe5e5")
TABLE_START = 40 * mm  # a table starts on a new page rather than with a lone row at the foot
UNIT_ROWS = 60  # more units than this (a province's) are summarised; the workbook has all


@dataclass(frozen=True)
class BulletinDocument:
    """What the bulletin prints: the gathered figures and the office's own words and files."""

    bulletin: Bulletin
    title: str
    issuer: str
    logo: Path | None
    # photo id → its preview JPEG with its caption (capture time, GPS); None when it is missing
    photos: Mapping[str, notice_pdf.NoticePhoto | None]


def render(doc: BulletinDocument, step: Callable[[], None] = lambda: None) -> tuple[bytes, int]:
    """Lay the bulletin out; return the PDF bytes and the number of pages.

    ``step`` is called after each section is laid out (progress, and a place to cancel).
    """
    notice_style.register_fonts()
    story = _head(doc) + (_empty(doc) if doc.bulletin.empty else _sections(doc, step))
    _sign_off(story, doc)
    made_at = wording.date_time(doc.bulletin.made_at.isoformat())
    furniture = _Furniture(doc.title, words.MADE_AT.format(time=made_at))
    data = notice_pages.build_pages(
        story, furniture, title=doc.title, author=doc.issuer, subject=words.SUBJECT,
        keywords=words.KEYWORDS.format(period=doc.bulletin.period))
    return data, furniture.pages


# --- the head, and the page furniture -------------------------------------------------------


def _head(doc: BulletinDocument) -> list[Flowable]:
    head = notice_pdf.Letterhead(doc.issuer, doc.title, doc.logo)
    made_on = wording.date(doc.bulletin.made_at.isoformat())
    return notice_pages.letterhead(head, words.title_lines(doc.title), made_on)


class _Furniture:
    """Every page: "第 N 页 共 M 页" and when the bulletin was made; pages after the first
    repeat the title as a running head. Remembers the page count for the caller."""

    def __init__(self, title: str, made_at: str):
        self.head = wording.HEADER_CONTINUED.format(title=title)
        self.made_at = made_at
        self.pages = 0

    def draw(self, canv: Canvas, pages: int) -> None:
        """Draw the furniture on the canvas's current page, one of ``pages``."""
        self.pages = pages
        page = canv.getPageNumber()
        left = notice_style.INSIDE if page % 2 else notice_style.OUTSIDE
        right = left + BODY_W
        canv.saveState()
        canv.setFillColor(GREY)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        if page > 1:
            canv.setFont(FONT, 9)
            canv.drawString(left, PAGE_H - 17 * mm, self.head)
            canv.line(left, PAGE_H - 19.5 * mm, right, PAGE_H - 19.5 * mm)
        bottom = notice_style.BOTTOM
        canv.line(left, bottom - 6 * mm, right, bottom - 6 * mm)
        canv.setFont(FONT, 7.5)
        canv.drawString(left, bottom - 11 * mm, self.made_at)
        canv.setFillColor(colors.black)
        canv.setFont(FONT, 9.5)
        canv.drawCentredString(left + BODY_W / 2, bottom - 11 * mm,
                               wording.FOOTER_PAGES.format(page=page, pages=pages))
        canv.restoreState()


def _sign_off(story: list[Flowable], doc: BulletinDocument) -> None:
    """Add the issuer and the date at the right (落款), kept on the page of the last paragraph
    or block: a sign-off alone on a page signs nothing. (A long table stays where it is.)"""
    made_on = wording.date(doc.bulletin.made_at.isoformat())
    lines = [Spacer(0, 10 * mm), para(doc.issuer, "sign_off"), para(made_on, "sign_off")]
    last = story[-1]
    if isinstance(last, Paragraph) or (isinstance(last, Table) and last._nrows == 1):
        story[-1:] = [KeepTogether([last, *lines])]
    else:
        story += lines


# --- an empty period -----------------------------------------------------------------------------


def _empty(doc: BulletinDocument) -> list[Flowable]:
    bulletin = doc.bulletin
    story = [Spacer(0, 6 * mm),
             para(words.EMPTY_PERIOD.format(period=bulletin.period.label_zh), "opening")]
    if bulletin.overdue:
        story.append(para(words.EMPTY_OVERDUE.format(
            date=wording.date(bulletin.made_at.isoformat()), count=len(bulletin.overdue)),
            "opening"))
    return story


# --- the sections ---------------------------------------------------------------------------


class _Counter:
    """Numbers sections (一、二、…) and figures (图1, 图2) as they are printed."""

    def __init__(self):
        self.sections = 0
        self.figures = 0

    def section(self, heading: str, body: list[Flowable], room: float = 40 * mm
                ) -> list[Flowable]:
        """The next numbered section, on a new page unless ``room`` is left; none if empty."""
        if not body:
            return []
        title = words.section(self.sections, heading)
        self.sections += 1
        return [CondPageBreak(room), para(title, "heading"), *body]

    def figure(self) -> int:
        """The next figure's number."""
        self.figures += 1
        return self.figures


def _sections(doc: BulletinDocument, step: Callable[[], None]) -> list[Flowable]:
    bulletin, count = doc.bulletin, _Counter()
    one_month = bulletin.period.length == 1
    parts = [
        (words.HEADING_OVERALL, lambda: _overall(bulletin, count, one_month), 90 * mm),
        (words.HEADING_DISTRICTS, lambda: _districts(bulletin, count),  # heading + whole chart
         max(70 * mm, bulletin_charts.district_chart_height(bulletin.districts) + 25 * mm)),
        (words.HEADING_UNITS, lambda: _units(bulletin.units), 40 * mm),
        (words.HEADING_CATEGORIES, lambda: _groups(bulletin.categories, words.CATEGORY), 40 * mm),
        (words.HEADING_SITE_TYPES, lambda: _groups(bulletin.site_types, words.SITE_TYPE),
         40 * mm),
        (words.HEADING_WEAKEST, lambda: _weakest(bulletin), 40 * mm),
        (words.HEADING_PROBLEMS, lambda: _problems(bulletin, one_month), 40 * mm),
        (words.HEADING_EXPOSURE, lambda: bulletin_exposure.story(doc), 70 * mm),
    ]
    story = [para(words.OPENING.format(issuer=doc.issuer, period=bulletin.period.label_zh),
                  "opening")]
    for heading, make, room in parts:
        story += count.section(heading, make(), room)
        step()
    return story


def _overall(bulletin: Bulletin, count: _Counter, one_month: bool) -> list[Flowable]:
    totals, rates = bulletin.totals, bulletin.totals.rates
    span = words.SPAN[one_month]
    change = words.change_sentence(rates.score_rate, bulletin.previous_totals.rates.score_rate,
                                   one_month)
    lines = [words.SUMMARY.format(
        span=span, sites=totals.sites, inspections=totals.inspections, problems=rates.problems,
        score=words.percent(rates.score_rate), passed=words.percent(rates.pass_rate),
        change=change)]
    lines += _extremes(bulletin.districts)
    story = [para("".join(lines), "opening")]
    penalised = sum(1 for s in [*bulletin.districts, *bulletin.units] if s.hits)
    if penalised:
        story.append(para(words.NEGATIVE_LIST_NOTE.format(count=penalised), "opening"))
    chart = bulletin_charts.trend_chart(bulletin.trend, BODY_W)
    if chart is not None:
        caption = words.CHART_TREND.format(number=count.figure(), months=len(bulletin.trend))
        story += [Spacer(0, 3 * mm), chart, para(caption, "caption")]
    return story


def _extremes(districts: list[Standing]) -> list[str]:
    """The sentence naming the best district and the last places (none if under two ranked)."""
    ranked = [s for s in districts if s.rank is not None]
    last = [s for s in ranked if s.last]
    if len(ranked) < 2 or not last:
        return []
    best = [s for s in ranked if s.rank == ranked[0].rank]
    return [words.DISTRICT_EXTREMES.format(
        best=_names(best), best_rate=words.percent(best[0].score_rate),
        last=_names(last), last_rate=words.percent(last[-1].score_rate))]


def _names(districts: list[Standing]) -> str:
    return words.names([s.label.strip() or words.NO_DISTRICT for s in districts])


def _districts(bulletin: Bulletin, count: _Counter) -> list[Flowable]:
    story: list[Flowable] = []
    chart = bulletin_charts.district_chart(bulletin.districts, BODY_W, words.NO_DISTRICT)
    if chart is not None:
        ranked = sum(1 for s in bulletin.districts if s.score_rate is not None)
        caption = (words.CHART_DISTRICTS if ranked <= bulletin_charts.MAX_BARS
                   else words.CHART_DISTRICTS_PART).format(
            number=count.figure(), half=bulletin_charts.MAX_BARS // 2, count=ranked)
        story.append(KeepTogether([chart, para(caption, "caption")]))  # never a lone caption
    return story + _standings(bulletin.districts, words.DISTRICT, words.NO_DISTRICT)


def _units(units: list[Standing]) -> list[Flowable]:
    """The units' ranking; of more than ``UNIT_ROWS`` (a province's thousands) only the
    ranked ones, and of those only the first and the last ``UNIT_ROWS // 2`` (the last places
    always among them), under a line saying that the workbook has every unit."""
    if len(units) <= UNIT_ROWS:
        return _standings(units, words.UNIT, words.NO_UNIT)
    ranked, half = [s for s in units if s.rank is not None], UNIT_ROWS // 2
    if len(ranked) <= UNIT_ROWS:
        shown, sentence = ranked, words.UNITS_RANKED_SHOWN
    else:
        shown = ranked[:half] + [s for s in ranked[half:-half] if s.last] + ranked[-half:]
        sentence = words.UNITS_SUMMARISED
    note = sentence.format(count=len(units), ranked=len(ranked), top=half, bottom=half)
    return [para(note, "opening"), *_standings(_with_gaps(shown, ranked), words.UNIT,
                                               words.NO_UNIT)]


def _with_gaps(shown: list[Standing], ranked: list[Standing]) -> list[Standing | str]:
    """``shown`` with a line saying what was left out wherever it skips some of ``ranked``
    (whose order it keeps), so that the table never jumps from 30th to 3,790th unremarked."""
    position = {id(standing): index for index, standing in enumerate(ranked)}
    rows: list[Standing | str] = []
    for before, standing in zip([None, *shown], shown, strict=False):
        skipped = position[id(standing)] - (position[id(before)] + 1 if before else 0)
        if skipped > 0:
            first = ranked[position[id(standing)] - skipped].rank
            rows.append(words.UNITS_LEFT_OUT.format(count=skipped, first=first,
                                                    last=ranked[position[id(standing)] - 1].rank))
        rows.append(standing)
    return rows


def _standings(standings: list[Standing | str], what: str, unnamed: str) -> list[Flowable]:
    """A ranking: rank, name (last places bold and marked), rates, change and the reasons;
    a group without a name (sites registered without one) is called ``unnamed``. A text
    among the standings is a line across the table (what a summary left out)."""
    if not standings:
        return []
    rows = [header(words.STANDING_HEADER, what)]
    extra = []
    for row, standing in enumerate(standings, start=1):
        if isinstance(standing, str):
            rows.append([para(standing, "cell_centre"), "", "", "", "", ""])
            extra.append(("SPAN", (0, row), (-1, row)))
            continue
        rows.append(_standing_row(standing, unnamed))
        if standing.last:
            extra += [("FONTNAME", (0, row), (-1, row), FONT_BOLD),
                      ("BACKGROUND", (0, row), (-1, row), LAST_SHADE)]
    widths = [11 * mm, 42 * mm, 17 * mm, 17 * mm, 19 * mm, BODY_W - 106 * mm]
    return [CondPageBreak(TABLE_START), grid_table(rows, widths, extra),
            para(words.STANDING_NOTE, "note")]


def _standing_row(standing: Standing, unnamed: str) -> list:
    name = escape(standing.label.strip() or unnamed)
    if standing.last:
        name = f"<b>{name}</b> <font color='#c00000'><b>{words.LAST_MARK}</b></font>"
    figure = standing.figure
    return [str(standing.rank) if standing.rank is not None else wording.EMPTY,
            Paragraph(name, styles()["cell"]), words.percent(standing.score_rate),
            words.percent(figure.rates.pass_rate),
            _change(standing),
            para(words.hits(standing.hits) if figure.inspected else wording.NOT_INSPECTED,
                 "reason")]


def _change(standing: Standing) -> Paragraph:
    """"+1.2" over "升2位": the score rate's change and the places gained or lost."""
    places = words.rank_change(standing.rank, standing.previous_rank)
    text = (f"{escape(words.points(standing.score_change))}<br/>"
            f"<font size=7.5 color='#555555'>{escape(places)}</font>")
    return Paragraph(text, styles()["cell_centre"])


def _groups(figures: list[Figure], what: str) -> list[Flowable]:
    """Categories or site types: rank, name, rates, change, checks and problems."""
    if not figures:
        return []
    rows = [header(words.GROUP_HEADER, what)]
    rows += [[str(f.rank) if f.rank is not None else wording.EMPTY, para(f.label),
              words.percent(f.rates.score_rate), words.percent(f.rates.pass_rate),
              words.points(f.score_change), str(f.rates.applicable), str(f.rates.problems)]
             for f in figures]
    widths = [11 * mm, BODY_W - 107 * mm, 17 * mm, 17 * mm, 19 * mm, 21 * mm, 22 * mm]
    return [CondPageBreak(TABLE_START), grid_table(rows, widths), para(words.GROUP_NOTE, "note")]


def _weakest(bulletin: Bulletin) -> list[Flowable]:
    if not bulletin.weakest:
        return []
    rows = [header(words.WEAKEST_HEADER)]
    rows += [[str(index), [para(weak.code, "cell_bold"), para(weak.text)],
              words.OUT_OF.format(failed=weak.failed, applicable=weak.applicable),
              words.fail_share(weak.failed, weak.applicable), str(weak.problems)]
             for index, weak in enumerate(bulletin.weakest, start=1)]
    widths = [11 * mm, BODY_W - 76 * mm, 28 * mm, 19 * mm, 18 * mm]
    return [grid_table(rows, widths)]


def _problems(bulletin: Bulletin, one_month: bool) -> list[Flowable]:
    counts, span = bulletin.problems, words.SPAN[one_month]
    if not counts.found:
        return [para(words.NO_NOTICES.format(span=span), "opening")]
    sentence = words.NOTICES.format(span=span, found=counts.found, fixed=counts.fixed,
                                    open=counts.open, overdue=counts.overdue)
    rows = [header(words.PROBLEM_HEADER),
            [str(counts.found), str(counts.fixed), str(counts.open), str(counts.overdue)]]
    table = grid_table(rows, [BODY_W / 4] * 4, numbers_from=0,
                       extra=[("TEXTCOLOR", (3, 1), (3, 1), bulletin_charts.LAST_COLOUR)])
    return [para(sentence, "opening"), Spacer(0, 2 * mm), table]
