"""The office's spreadsheet export: a period's findings, notices and rankings as .xlsx or CSV.

``write_xlsx`` writes one workbook with the sheets 问题清单, 整改通知, 区县排名,
责任单位排名 and 说明 (the period, when it was made, the rules used), streaming
the rows to disk (``reports.xlsx_stream``), so the workbook itself is never
held in memory; the rows are (``model.office.dashboard.findings`` returns a list).
``write_csv`` writes one of the tables as UTF-8 with a byte order mark, which
Excel needs to read Chinese. Both write to a temporary name and rename it when
complete: a full disk or a pulled stick leaves no file that looks finished. A
period without inspections gives the headers and a line saying so.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from model.errors import OutputFileError, ValidationError
from model.office import dashboard, negative_list, rankings
from model.office.dashboard import Scope, Totals
from model.office.periods import Period
from model.progress import Progress
from model.store import clock, fileio
from model.store.db import Store
from reports import sheet_tables as st
from reports import wording, xlsx_stream

TABLES = ("findings", "notices", "districts", "units")
CSV_CHUNK = 5000  # rows between progress reports (and chances to cancel)


@dataclass(frozen=True)
class SheetFile:
    """A written spreadsheet: where, how many data rows per sheet, its size."""

    path: Path
    rows: dict[str, int]    # sheet (table) name → data rows, 说明 left out
    size_bytes: int
    empty: bool             # nothing was inspected in the period


def write_xlsx(store: Store, period: Period, out: Path, progress: Progress | None = None,
               now: dt.datetime | None = None) -> SheetFile:
    """Write the period's workbook to ``out``; OutputFileError when it cannot be written."""
    now = now or clock.now()
    totals = dashboard.totals(store, Scope(period))
    tables = build_tables(store, period, now, totals, progress)
    if progress is not None:
        progress.start(sum(len(t.rows) for t in tables))
    out = Path(out)
    with (atomic_output(out) as temporary,
          xlsx_stream.Workbook(temporary, f"创城巡检数据 {period.label_zh}", now) as workbook):
        rows = {t.name: workbook.add_sheet(t, progress) for t in tables}
        workbook.add_sheet(notes_table(store, period, now, totals, rows))
    return SheetFile(out, rows, out.stat().st_size, totals.inspections == 0)


def write_csv(store: Store, period: Period, out: Path, table: str,
              progress: Progress | None = None, now: dt.datetime | None = None) -> SheetFile:
    """Write one table (findings, notices, districts or units) as CSV to ``out``.

    ``out`` may be a folder: the file is then named after the table and the period.
    """
    if table not in TABLES:
        raise ValidationError(f"There is no table '{table}'; choose one of {', '.join(TABLES)}.")
    now = now or clock.now()
    totals = dashboard.totals(store, Scope(period))
    chosen = build_tables(store, period, now, totals, progress, only=table)[0]
    out = Path(out)
    if out.is_dir():
        out = out / csv_name(table, period)
    if progress is not None:
        progress.start(len(chosen.rows))
    kinds = [c.kind for c in chosen.columns]
    with atomic_output(out) as temporary, open(temporary, "w", encoding="utf-8-sig",
                                               newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(chosen.headers)
        for start in range(0, len(chosen.rows), CSV_CHUNK):
            writer.writerows([csv_field(k, value) for k, value in zip(kinds, row, strict=True)]
                             for row in chosen.rows[start:start + CSV_CHUNK])
            if progress is not None:
                progress.advance(min(CSV_CHUNK, len(chosen.rows) - start))
    return SheetFile(out, {chosen.name: len(chosen.rows)}, out.stat().st_size,
                     totals.inspections == 0)


def csv_name(table: str, period: Period) -> str:
    """The file name of a table's CSV for a period, e.g. ``findings-2026-11.csv``."""
    span = period.first if period.first == period.last else f"{period.first}_{period.last}"
    return f"{table}-{span}.csv"


def build_tables(store: Store, period: Period, now: dt.datetime, totals: Totals,
                 progress: Progress | None, only: str | None = None) -> list[st.Table]:
    """The data tables of the export (or only the one named), in sheet order."""
    inspected = totals.inspections > 0
    makers = {"findings": lambda: st.findings_table(store, period, inspected),
              "notices": lambda: st.notices_table(store, period, now),
              "districts": lambda: st.ranking_table(store, period, "districts", inspected),
              "units": lambda: st.ranking_table(store, period, "units", inspected)}
    tables = []
    for name in ([only] if only else TABLES):
        if progress is not None:
            progress.check()
        tables.append(makers[name]())
    return tables


def csv_field(kind: str, value):
    """A value as a CSV field: dates in ISO form, rates as shares, text never formula-like."""
    if value is None:
        return ""
    if kind == st.TEXT:
        text = str(value)
        return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
    if kind == st.DATE:
        return value.isoformat()
    if kind == st.DATETIME:
        return value.strftime("%Y-%m-%d %H:%M")
    if kind == st.RATE:
        return round(value, 4)
    return value


def notes_table(store: Store, period: Period, now: dt.datetime, totals: Totals,
                rows: dict[str, int]) -> st.Table:
    """The 说明 sheet: the period, when the file was made, what was counted and how."""
    rates = totals.rates
    inspected = (f"完成检查 {totals.inspections} 次，涉及点位 {totals.sites} 个；"
                 f"符合率 {_percent(rates.pass_rate)}，"
                 f"得分率 {_percent(rates.score_rate)}（负面清单调整前）"
                 if totals.inspections else st.nothing_inspected(period))
    rules = negative_list.rules(store)
    lines = [
        ("统计期间", f"{period.label_zh}（{period}）；较上期对比 {period.previous().label_zh}"),
        ("生成时间", f"{clock.office_moment(now):%Y-%m-%d %H:%M}（{wording.zone_name()}）"),
        ("检查情况", inspected),
        ("统计范围", "只统计已完成的检查；区县、街道、点位类型、责任单位按检查时的点位登记信息"),
        ("符合率", "符合项数 ÷ 适用项数；不适用项不计"),
        ("得分率", "每项按问题处数计分：0 处 100%，1 处 66%，2 处 33%，3 处及以上 0%；"
                   "不适用项不计"),
        ("排名", "按负面清单调整后的得分率从高到低排列，得分率相同看符合率，完全相同的并列；"
                 f"末位标注最后 {rankings.last_places(store)} 个名次"),
        *[("负面清单", f"{r.code} {r.name}：{r.threshold} 处及以上时{st.effect_words(r)}"
                       f"（测评标准 {'、'.join(r.criteria)}）") for r in rules],
        *([] if rules else [("负面清单", "未设置负面清单")]),
        ("整改通知", "本期签发的整改通知书；剩余天数按生成时间计算，逾期的显示逾期天数，"
                     "已销号的不计"),
        *[("工作表", f"{name}：{count} 行") for name, count in rows.items()],
    ]
    return st.Table("说明", st.NOTE_COLUMNS, lines)


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it to ``target`` once written.

    On any failure the temporary file is removed and ``target`` is left as it was;
    a write error becomes an OutputFileError naming ``target`` and what to do.
    """
    if target.is_dir():
        raise OutputFileError(target, "is a folder; give a file name, e.g. 2026-11.xlsx")
    if not target.parent.is_dir():
        raise OutputFileError(target, f"the folder {target.parent} does not exist; create it "
                                      "or choose another one")
    try:
        with fileio.atomic_output(target) as temporary:
            yield temporary
    except OSError as exc:
        raise OutputFileError(target, f"cannot be written ({exc.strerror or exc}); check that "
                                      "the folder is writable and has space, or choose "
                                      "another") from exc
