"""The tables of the office's spreadsheet export, as typed rows: what ``reports.spreadsheets``
writes to .xlsx sheets and CSV files.

Each :class:`Table` has a Chinese name, typed columns and rows of plain
Python values (``int``, ``float``, ``datetime.date``, ``str`` or None), so the
same rows become numeric and date cells in a workbook and plain fields in a
CSV file. Rates are shares (0.853), changes of a rate are percentage points.
The rankings carry the negative list's effect and reasons (``RankLine``), which
the ``rank`` command prints too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from model.checklist import scoring
from model.errors import NotFoundError
from model.notices import followup, notices
from model.office import dashboard, rankings
from model.office.dashboard import Scope
from model.office.negative_list import Effect, Hit, NegativeRule
from model.office.periods import Period
from model.store import clock
from model.store.db import Store
from reports.wording import COVER_STATUS, NOT_INSPECTED, OUTCOME

# Column kinds: how a value is typed and formatted.
TEXT, INT, RATE, POINTS, DATE, DATETIME, DAYS, PLACES = (
    "text", "int", "rate", "points", "date", "datetime", "days", "places")

NO_SITE = "（点位已不在名录中）"
NO_DISTRICT = "（未划区县）"
NO_UNIT = "（未填责任单位）"
STATUS_WORDS = {"issued": "已签发", **{k: v for k, v in COVER_STATUS.items() if k != "issued"}}
# Notes the follow-up records as codes: escalation levels and re-inspection outcomes.
NOTE_WORDS = {"bulletin": "通报", "exposure": "曝光台", **OUTCOME}


@dataclass(frozen=True)
class Column:
    """One column: its Chinese header, its kind and its width in characters (None: measured)."""

    header: str
    kind: str = TEXT
    width: float | None = None


@dataclass(frozen=True)
class Table:
    """One sheet's worth of rows, and what the sheet says when it has none."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple]
    empty_line: str = ""

    @property
    def headers(self) -> list[str]:
        """The column headers, in order."""
        return [c.header for c in self.columns]


@dataclass(frozen=True)
class RankLine:
    """One group's line in a ranking, with the negative list applied and its reasons."""

    key: tuple[str, ...]
    name: str
    rank: int | None
    score_rate: float | None      # after the negative list
    raw_score_rate: float | None  # before it
    pass_rate: float | None
    change_points: float | None   # score rate against the previous period, percentage points
    rank_change: int | None       # places gained (negative: lost)
    last: bool
    reasons: tuple[str, ...]
    checked: int
    problems: int
    inspected: bool = True  # False: no finished inspection in the period (本期未检查)


FINDING_COLUMNS = (
    Column("检查日期", DATE, 11), Column("点位编号", TEXT), Column("点位名称"),
    Column("区县"), Column("街道"), Column("点位类型"), Column("责任单位"), Column("测评类别"),
    Column("测评标准编号", TEXT, 13), Column("测评内容", TEXT, 60), Column("问题数", INT, 8),
    Column("具体位置"), Column("备注"), Column("检查员", TEXT, 9))
NOTICE_COLUMNS = (
    Column("编号", TEXT, 30), Column("责任单位"), Column("点位"), Column("签发日期", DATE, 11),
    Column("整改期限", DATETIME, 17), Column("状态", TEXT, 11), Column("问题数", INT, 8),
    Column("剩余天数/逾期天数", DAYS, 18), Column("最近处理", TEXT, 36))
RANK_COLUMNS = (
    Column("排名", INT, 6), Column("名称"), Column("得分率", RATE, 9),
    Column("调整前得分率", RATE, 13), Column("符合率", RATE, 9),
    Column("较上期（百分点）", POINTS, 16), Column("排名变化", PLACES, 9), Column("末位", TEXT, 6),
    Column("负面清单", TEXT, 50), Column("检查项数", INT, 9), Column("问题数", INT, 8))
NOTE_COLUMNS = (Column("项目", TEXT, 16), Column("内容", TEXT, 100))
RANKED_BY = {"districts": ("district", "区县排名"), "units": ("unit", "责任单位排名")}


def local_date(iso_time: str) -> dt.date:
    """The office's date of an ISO time."""
    return clock.office_date(iso_time)


def local_moment(iso_time: str) -> dt.datetime:
    """An ISO time as a naive datetime in the office's zone (spreadsheets have no time zones)."""
    return clock.office_moment(iso_time).replace(tzinfo=None, microsecond=0)


def nothing_inspected(period: Period) -> str:
    """The line a sheet shows for a period without finished inspections."""
    return f"{period.label_zh}没有完成的检查。"


# -- findings -----------------------------------------------------------------------


def findings_table(store: Store, period: Period, inspected: bool = True) -> Table:
    """Every failed criterion of the period's finished inspections, newest first."""
    type_name = scoring.labeller(store, "site-type")
    category_name = scoring.labeller(store, "category")
    rows = [(local_date(f.started_at), f.site_code, f.site_name or NO_SITE,
             f.district or NO_DISTRICT, f.sub_district, type_name(f.site_type),
             f.unit_name or NO_UNIT, category_name(f.category), f.criterion_code,
             f.criterion_text, f.instances, f.location, f.note, f.auditor)
            for f in dashboard.findings(store, Scope(period))]
    empty = (f"{period.label_zh}的检查没有发现问题。" if inspected
             else nothing_inspected(period))
    return Table("问题清单", FINDING_COLUMNS, rows, empty)


# -- notices ------------------------------------------------------------------------


def notices_in(store: Store, period: Period, now: dt.datetime) -> list[notices.Notice]:
    """The notices issued in the period (void and unfinished ones left out), overdue first."""
    return [n for n in notices.listing(store, now=now)
            if period.first <= clock.month_of(n.issued_at) <= period.last]


def notices_table(store: Store, period: Period, now: dt.datetime) -> Table:
    """The notices issued in the period with where they stand at ``now``."""
    rows = [(n.number, n.addressee_unit or NO_UNIT, _site_text(store, n), local_date(n.issued_at),
             local_moment(n.deadline) if n.deadline else None, STATUS_WORDS.get(n.status, n.status),
             len(n.problems), n.days_left(now) if n.is_open else None, _last_step(store, n))
            for n in notices_in(store, period, now)]
    return Table("整改通知", NOTICE_COLUMNS, rows, f"{period.label_zh}没有签发整改通知书。")


def _site_text(store: Store, notice: notices.Notice) -> str:
    try:
        site = notices.site_of(store, notice)
    except NotFoundError:
        return NO_SITE
    return f"{site.code} {site.name}"


def _last_step(store: Store, notice: notices.Notice) -> str:
    steps = followup.events(store, notice.id)
    if not steps:
        return ""
    step = steps[-1]
    note = NOTE_WORDS.get(step.note, step.note)
    words = STATUS_WORDS.get(step.status, step.status)
    return f"{local_moment(step.at):%Y-%m-%d %H:%M} {words}" + (f"：{note}" if note else "")


# -- rankings -----------------------------------------------------------------------


def ranking_lines(store: Store, scope: Scope, by: str) -> list[RankLine]:
    """The ranking of ``by`` with the negative list applied; the change compares the score
    rates after the negative list in both periods, so it matches the ranks."""
    lines = []
    for s in rankings.standings(store, scope, by):
        change = None if s.score_change is None else round(s.score_change * 100, 2)
        rates = s.figure.rates
        lines.append(RankLine(s.figure.key, _group_name(s.label, by), s.rank, s.score_rate,
                              rates.score_rate, rates.pass_rate, change, s.rank_change, s.last,
                              tuple(hit_reason(h) for h in s.hits), rates.applicable,
                              rates.problems, s.figure.inspected))
    return lines


def _group_name(label: str, by: str) -> str:
    if label.strip():
        return label
    return NO_UNIT if by == "unit" else NO_DISTRICT


def hit_reason(hit: Hit) -> str:
    """A negative-list hit in words: rule, how many failures where, and what it did."""
    rule = hit.rule
    sites = "、".join(hit.site_codes[:5]) + ("等" if len(hit.site_codes) > 5 else "")
    where = f"（{sites}）" if sites else ""
    return f"{rule.code} {rule.name}：{hit.failed} 处{where}，{effect_words(rule)}"


def effect_words(rule: NegativeRule) -> str:
    """What a negative-list rule does to the score rate, in words."""
    return {Effect.ZERO: "得分率计为零",
            Effect.CAP: f"得分率最高计 {rule.value * 100:g}%",
            Effect.DEDUCT: f"得分率扣 {rule.value * 100:g} 个百分点"}[rule.effect]


def ranking_table(store: Store, period: Period, which: str, inspected: bool = True) -> Table:
    """The districts' (``which`` = districts) or units' ranking as a sheet."""
    by, name = RANKED_BY[which]
    rows = [(line.rank, line.name, line.score_rate, line.raw_score_rate, line.pass_rate,
             line.change_points, line.rank_change, "是" if line.last else "",
             "；".join(line.reasons) if line.inspected else NOT_INSPECTED, line.checked,
             line.problems)
            for line in ranking_lines(store, Scope(period), by)]
    empty = nothing_inspected(period) if not inspected else "本期没有可排名的结果。"
    return Table(name, RANK_COLUMNS, rows, empty)
