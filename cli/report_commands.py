"""CLI commands for the office's figures: ``report`` (bulletin PDF, xlsx, CSV), ``rank`` and
``negative-list``.

Reading figures and writing reports works for anyone with the data directory,
like ``score``; setting the negative list needs an office profile (``--user``).
Months are checked here rather than by argparse so that a bad one gives the
same one-line ``error:`` message as every other refusal. The parser imports this module
for every command, so the handlers import the figures' modules they use themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cli.output import emit, emit_json, percent, table
from model.errors import InputFileError, ValidationError
from model.office.periods import Period

if TYPE_CHECKING:
    from usecases.services import Services

NEEDS_SIGN_IN = {("negative-list", "set")}
RANK_BY = ("district", "sub-district", "unit")
TABLES = ("findings", "notices", "districts", "units")
GROUP_HEADERS = {"district": "district 区县", "sub-district": "sub-district 街道",
                 "unit": "responsible unit 责任单位"}


def add_parsers(commands, json_flag) -> None:
    """Add ``report``, ``rank`` and ``negative-list`` to the main parser."""
    _report(commands, json_flag)
    rank = commands.add_parser("rank", help="rank districts, sub-districts or responsible units "
                                            "(negative list applied, last places marked)")
    rank.add_argument("--by", choices=RANK_BY, required=True)
    _period_flags(rank, required=False)
    json_flag(rank)
    group = commands.add_parser("negative-list", help="the negative list (负面清单) that zeroes, "
                                                      "caps or cuts scores").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    json_flag(group.add_parser("show", help="the rules in force (--json gives the file format "
                                            "`set` reads)"))
    replace = group.add_parser("set", help="replace the rules from a JSON file (office only)")
    replace.add_argument("file", metavar="FILE.json", type=Path)


def _report(commands, json_flag) -> None:
    group = commands.add_parser("report", help="the month's bulletin (通报) PDF, spreadsheet or "
                                               "CSV").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    bulletin = group.add_parser("bulletin", help="the bulletin PDF: scores, ranks, problems, "
                                                 "the overdue ones for the exposure list")
    xlsx = group.add_parser("xlsx", help="findings, notices and rankings as an Excel workbook")
    csv = group.add_parser("csv", help="one table as CSV (UTF-8 with BOM) for other tools")
    csv.add_argument("--table", choices=TABLES, required=True)
    for parser, suffix in ((bulletin, "pdf"), (xlsx, "xlsx"), (csv, "csv")):
        _period_flags(parser, required=True)
        parser.add_argument("--out", metavar=f"FILE.{suffix}", required=True, type=Path)
        json_flag(parser)


def _period_flags(parser, required: bool) -> None:
    parser.add_argument("--month", metavar="YYYY-MM", required=required,
                        help="the month" + ("" if required else " (default: the latest with "
                                            "finished inspections)"))
    parser.add_argument("--to", metavar="YYYY-MM", help="the last month of a longer period")


def period_of(args, services: Services) -> Period | None:
    """The period the flags name (None: no --month and nothing inspected yet)."""
    month = args.month
    if month is None:
        if args.to:
            raise ValidationError("--to needs --month: give the first month of the period too.")
        months = services.office.months()
        if not months:
            return None
        month = months[0]
    return Period.parse(f"{month}..{args.to}" if args.to else month)


# -- report ---------------------------------------------------------------------------


def _report_bulletin(args, services: Services) -> None:
    from reports.bulletin_pdf import write_bulletin  # ReportLab loads only when needed
    period = period_of(args, services)
    made = write_bulletin(services.store, period, args.out)
    if args.json:
        return emit_json({"path": str(made.path), "period": str(period), "pages": made.pages,
                          "size_bytes": made.size_bytes, "empty": made.empty})
    emit(f"Bulletin 通报 {period.label_zh}: {made.path} ({made.pages} page(s), "
         f"{made.size_bytes // 1024} KB).")
    if made.empty:
        emit(f"Nothing was inspected in {period}; the bulletin says so.")


def _report_xlsx(args, services: Services) -> None:
    from reports.spreadsheets import write_xlsx  # loaded only when a workbook is written
    period = period_of(args, services)
    _sheet_outcome(args, period, write_xlsx(services.store, period, args.out))


def _report_csv(args, services: Services) -> None:
    from reports.spreadsheets import write_csv
    period = period_of(args, services)
    _sheet_outcome(args, period, write_csv(services.store, period, args.out, args.table))


def _sheet_outcome(args, period: Period, made) -> None:
    if args.json:
        return emit_json({"path": str(made.path), "period": str(period), "rows": made.rows,
                          "size_bytes": made.size_bytes, "empty": made.empty})
    counts = ", ".join(f"{name} {count}" for name, count in made.rows.items())
    emit(f"Wrote {made.path} for {period.label_zh} ({counts} row(s)).")
    if made.empty:
        emit(f"Nothing was inspected in {period}; the file has the headers and says so.")


# -- rank -----------------------------------------------------------------------------


def _rank(args, services: Services) -> None:
    from model.office.dashboard import Scope
    from reports.sheet_tables import ranking_lines
    period = period_of(args, services)
    lines = ranking_lines(services.store, Scope(period), args.by) if period else []
    if args.json:
        return emit_json([_rank_json(line) for line in lines])
    if not lines:
        where = f"in {period} ({period.label_zh})" if period else "yet"
        return emit(f"Nothing to rank: no finished inspections {where}.")
    emit(f"{period.label_zh} — ranked by score rate after the negative list; 末位 = last place")
    emit(table(("rank 排名", GROUP_HEADERS[args.by], "score 得分率", "pass 符合率",
                "change 较上期", "", "negative list 负面清单"),
               [(line.rank, line.name, percent(line.score_rate), percent(line.pass_rate),
                 _points(line.change_points), "末位" if line.last else "",
                 "；".join(line.reasons) if line.inspected else "本期未检查 not inspected")
                for line in lines]))


def _points(change: float | None) -> str:
    return "—" if change is None else f"{change:+.1f} pts"


def _rank_json(line) -> dict:
    return {"rank": line.rank, "key": list(line.key), "name": line.name,
            "score_rate": _round(line.score_rate), "raw_score_rate": _round(line.raw_score_rate),
            "pass_rate": _round(line.pass_rate), "change_points": line.change_points,
            "rank_change": line.rank_change, "last": line.last, "negative_list": list(line.reasons),
            "checked": line.checked, "problems": line.problems, "inspected": line.inspected}


def _round(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 4)


# -- negative list --------------------------------------------------------------------


def _negative_show(args, services: Services) -> None:
    from model.office import negative_list
    from reports.sheet_tables import effect_words
    rules = negative_list.rules(services.store)
    if args.json:
        return emit(negative_list.to_json(rules))
    if not rules:
        return emit("The negative list is empty: no rule changes a score.")
    emit(table(("code", "name 名称", "criteria 测评标准", "from 触发", "effect 处理"),
               [(r.code, r.name, ", ".join(r.criteria), f"{r.threshold} 处", effect_words(r))
                for r in rules]))


def _negative_set(args, services: Services) -> None:
    from model.office import negative_list

    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problem = exc.strerror if isinstance(exc, OSError) else "is not UTF-8 text"
        raise InputFileError(args.file, problem or str(exc)) from None
    rules = negative_list.from_json(text, str(args.file))
    services.office.set_negative_rules(rules)
    emit(f"Negative list set from {args.file}: {len(rules)} rule(s)"
         + (f" ({', '.join(r.code for r in rules)})." if rules else "; no rule changes a score."))


HANDLERS = {
    ("report", "bulletin"): _report_bulletin,
    ("report", "xlsx"): _report_xlsx,
    ("report", "csv"): _report_csv,
    ("rank", None): _rank,
    ("negative-list", "show"): _negative_show,
    ("negative-list", "set"): _negative_set,
}
