"""The office's figures for a period: rates by group with rank and change, trends, weak criteria.

Everything here reads trigger-kept tallies of the results, the narrowest that holds what a
figure groups and filters by: ``month_tally`` (a month's outcomes), ``unit_tally`` (by
district and unit), ``kind_tally`` (by site type and category), ``criterion_tally``,
``inspection_group_tally`` (which inspections count in a group) and, for anything else,
``result_tally`` (one row per month × district × sub-district × site type × unit × category
× outcome × instance bucket). So a month's figures cost what the month holds at the grain
asked, not what the store holds. Only the click-through queries and a figure narrowed to a
category read the ``result`` rows of the period (indexed by month). Only results of
finished inspections count (``counted = 1``).

A :class:`Scope` says which results a figure counts; every :class:`Figure`
carries the narrower scope of its own group, so a screen can click through
from any figure to the findings and inspections behind it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields, replace

from model.checklist import checklist, scoring
from model.checklist.scoring import Rates
from model.errors import ValidationError
from model.office.periods import Period
from model.store.db import Store
from model.store.schema_v01 import TALLY_KEY
from model.store.schema_v13 import KIND_KEY, UNIT_KEY

# Dimension name → the tally columns that identify one of its groups (months are the trend's).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    by: columns for by, columns in scoring.DIMENSIONS.items() if by != "month"}


# The outcome tallies (migrations 2 and 13), narrowest first, and the result columns each
# can be grouped and filtered by.
_OUTCOME_TALLIES = (("month_tally", {"month"}), ("unit_tally", set(UNIT_KEY)),
                    ("kind_tally", set(KIND_KEY)), ("result_tally", set(TALLY_KEY)))

NOTHING = Rates(passed=0, failed=0, not_applicable=0, problems=0, pass_rate=None,
                score_rate=None)  # the rates of a group without results in the period


@dataclass(frozen=True)
class Scope:
    """A period and, optionally, one fixed value per dimension column ('' = any)."""

    period: Period
    district: str = ""
    sub_district: str = ""
    site_type: str = ""
    unit_name: str = ""
    category: str = ""

    def where(self, alias: str = "") -> tuple[str, list]:
        """SQL condition and parameters selecting counted results in scope.

        The column names are the same in ``result`` and ``result_tally``.
        """
        prefix = f"{alias}." if alias else ""
        if self.period.length == 1:  # an equality lets the (…, month, …) indexes give order
            clauses, params = [f"{prefix}counted = 1", f"{prefix}month = ?"], [self.period.first]
        else:
            clauses = [f"{prefix}counted = 1", f"{prefix}month BETWEEN ? AND ?"]
            params = [self.period.first, self.period.last]
        for name, value in self.filters().items():
            clauses.append(f"{prefix}{name} = ?")
            params.append(value)
        return " AND ".join(clauses), params

    def filters(self) -> dict[str, str]:
        """The fixed dimension columns and their values."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if f.name != "period" and getattr(self, f.name)}

    def narrowed(self, **values: str) -> Scope:
        """This scope with more columns fixed.

        Made by copying the fields rather than by ``dataclasses.replace``, which costs a
        fifth of a province's unit ranking (it narrows one scope per unit and period).
        """
        if unknown := values.keys() - self.__dict__.keys():
            raise TypeError(f"Scope has no column {', '.join(sorted(unknown))}")
        scope = object.__new__(Scope)
        scope.__dict__.update(self.__dict__, **values)
        return scope

    def previous(self) -> Scope:
        """The same filters over the period just before."""
        return replace(self, period=self.period.previous())


@dataclass(frozen=True)
class Figure:
    """One group's rates in a period, its rank, and the same for the period before."""

    key: tuple[str, ...]
    label: str
    rates: Rates
    rank: int | None
    previous: Rates | None
    previous_rank: int | None
    scope: Scope
    # As ranked (rankings.as_figures): the negative-list hits that changed the score rate,
    # and the score rate before them. A plain dashboard figure has none.
    hits: tuple = ()
    raw_score_rate: float | None = None

    @property
    def inspected(self) -> bool:
        """False for a group without a finished inspection in the period (本期未检查)."""
        return self.rates.answered > 0

    @property
    def score_change(self) -> float | None:
        """Change of the score rate against the previous period (None when either is unknown)."""
        if self.previous is None or self.previous.score_rate is None \
                or self.rates.score_rate is None:
            return None
        return self.rates.score_rate - self.previous.score_rate

    @property
    def rank_change(self) -> int | None:
        """Places gained since the previous period (negative: places lost)."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank


@dataclass(frozen=True)
class Totals:
    """The whole scope's rates and how many inspections and sites they come from."""

    rates: Rates
    inspections: int
    sites: int


@dataclass(frozen=True)
class WeakCriterion:
    """A criterion that failed in the scope, with how often."""

    code: str
    text: str
    failed: int
    applicable: int
    problems: int

    @property
    def fail_rate(self) -> float:
        """Share of applicable checks of this criterion that failed."""
        return self.failed / self.applicable if self.applicable else 0.0


@dataclass(frozen=True)
class Finding:
    """One failed criterion at one site: what the click-through lists."""

    inspection_id: str
    started_at: str
    site_code: str
    site_name: str
    district: str
    sub_district: str
    site_type: str
    unit_name: str
    category: str
    criterion_code: str
    criterion_text: str
    instances: int
    location: str
    note: str
    auditor: str


@dataclass(frozen=True)
class InspectionLine:
    """One finished inspection in the scope, with its own rates."""

    inspection_id: str
    started_at: str
    site_code: str
    site_name: str
    district: str
    unit_name: str
    auditor: str
    rates: Rates


def check_dimension(by: str) -> tuple[str, ...]:
    """The columns of dimension ``by``; a ValidationError naming the choices if unknown."""
    if by not in DIMENSIONS:
        raise ValidationError(f"Cannot group by '{by}'; choose one of {', '.join(DIMENSIONS)}.")
    return DIMENSIONS[by]


def table(store: Store, scope: Scope, by: str) -> list[Figure]:
    """Rates per group of ``by`` within ``scope``, ranked, with the previous period beside them.

    Groups that had results only in the previous period are left out; a group
    new in this period has no previous figures. By district, once anything was inspected in
    the period, every district of the site register is there: one without a finished
    inspection comes last, without rates or rank (:attr:`Figure.inspected` is False), rather
    than silently dropping out.
    """
    columns = check_dimension(by)
    return _figures(store, scope, by, _ranked(store, scope, columns),
                    _ranked(store, scope.previous(), columns))


def tables(store: Store, scope: Scope, by: str) -> tuple[list[Figure], list[Figure]]:
    """:func:`table` of ``scope`` and of the period before it (that one without its own
    previous figures), from two periods' tallies rather than the four of two calls: the
    rankings need both, and at a province's 3,800 units a period costs a tenth of a second."""
    columns = check_dimension(by)
    now, before = _ranked(store, scope, columns), _ranked(store, scope.previous(), columns)
    return (_figures(store, scope, by, now, before),
            _figures(store, scope.previous(), by, before, []))


def _figures(store: Store, scope: Scope, by: str, now: list[scoring.GroupScore],
             earlier_groups: list[scoring.GroupScore]) -> list[Figure]:
    """The figures of ``now``'s groups, each beside the same group of ``earlier_groups``."""
    columns = check_dimension(by)
    before = {g.key: g for g in earlier_groups}
    label = _labeller(store, by)
    figures = []
    for group in now:
        values = tuple(group.key.split("\x1f"))
        earlier = before.get(group.key)
        figures.append(Figure(
            key=values, label=label(values), rates=group.rates, rank=group.rank,
            previous=earlier.rates if earlier else None,
            previous_rank=earlier.rank if earlier else None,
            scope=scope.narrowed(**dict(zip(columns, values, strict=True)))))
    if by == "district" and figures:  # a period without any results stays empty: "nothing yet"
        figures += _uninspected_districts(store, scope, {f.key for f in figures}, before)
    return figures


def _uninspected_districts(store: Store, scope: Scope, listed: set[tuple[str, ...]],
                           before: dict[str, scoring.GroupScore]) -> list[Figure]:
    """The districts of the site register (within the scope's site filters) that have no
    results in ``scope``, as figures without rates, in name order."""
    filters = {c: getattr(scope, c) for c in ("district", "sub_district", "site_type",
                                              "unit_name") if getattr(scope, c)}
    where = " AND ".join(f"{column} = ?" for column in filters) or "1"
    rows = store.db.execute(f"SELECT DISTINCT district FROM site WHERE {where} "
                            "ORDER BY district", list(filters.values()))
    figures = []
    for (district,) in rows:
        if (district,) in listed:
            continue
        earlier = before.get(district)
        figures.append(Figure(
            key=(district,), label=district, rates=NOTHING, rank=None,
            previous=earlier.rates if earlier else None,
            previous_rank=earlier.rank if earlier else None,
            scope=scope.narrowed(district=district)))
    return figures


def groups(store: Store, scope: Scope, by: str) -> list[tuple[tuple[str, ...], str]]:
    """The groups of ``by`` that have results in ``scope``: (column values, name), for filters.

    Cheaper than :func:`table`: no rates, no previous period.
    """
    columns = check_dimension(by)
    where, params = scope.where()
    label = _labeller(store, by)
    return [(tuple(row), label(tuple(row))) for row in store.db.execute(
        f"SELECT DISTINCT {', '.join(columns)} FROM {_tally_for(scope, columns)}"
        f" WHERE {where} AND n > 0",
        params)]


def _ranked(store: Store, scope: Scope, columns: tuple[str, ...]) -> list[scoring.GroupScore]:
    """Ranked group scores of ``columns`` in ``scope``; keys join the column values with
    \\x1f. Grouped by the columns themselves, not by the joined key: the tallies' keys
    begin (month, counted, columns…), so a month is read in group order, without sorting
    (65 → 42 ms for a province's month by unit)."""
    where, params = scope.where()
    key_sql = " || char(31) || ".join(columns)
    rows = store.db.execute(
        f"SELECT {key_sql}, outcome, bucket, sum(n), sum(instances)"
        f" FROM {_tally_for(scope, columns)}"
        f" WHERE {where} GROUP BY {', '.join(columns)}, outcome, bucket HAVING sum(n) > 0",
        params).fetchall()
    return scoring.rank(scoring.fold_groups(rows, lambda key: key))


def _labeller(store: Store, by: str):
    """Name a group from its column values: codes of types and categories become names."""
    if by == "sub-district":
        return lambda values: " ".join(v for v in values if v)
    name = scoring.labeller(store, by)
    return lambda values: name(values[0])


def totals(store: Store, scope: Scope) -> Totals:
    """The rates of everything in ``scope`` and the number of inspections and sites behind them."""
    where, params = scope.where()
    tally = store.db.execute(
        f"SELECT outcome, bucket, sum(n), sum(instances) FROM {_tally_for(scope)}"
        f" WHERE {where} GROUP BY 1, 2", params).fetchall()
    problems = sum(max(instances, n) for outcome, _, n, instances in tally if outcome == "fail")
    rates = scoring.rates(((o, b, n) for o, b, n, _ in tally), problems)
    # The set of inspections first, then their sites: joining every result row to its
    # inspection costs twice as much on a month of 85,000 results.
    among, among_params = _inspections_in(scope)
    inspections, sites = store.db.execute(
        f"SELECT count(*), count(DISTINCT site_id) FROM inspection WHERE id IN ({among})",
        among_params).fetchone()
    return Totals(rates, inspections, sites)


def _tally_for(scope: Scope, columns: tuple[str, ...] = ()) -> str:
    """The narrowest outcome tally that can be grouped by ``columns`` and filtered as the
    scope is: a province's month is a few rows of ``month_tally``, some 20,000 of
    ``unit_tally`` and 190,000 of ``result_tally``."""
    needed = {*columns, *scope.filters()}
    return next(table for table, held in _OUTCOME_TALLIES if needed <= held)


def _inspections_in(scope: Scope) -> tuple[str, list]:
    """SQL selecting the ids of the inspections with counted results in ``scope``, and its
    parameters: from ``inspection_group_tally`` (a row per inspection and group) unless the
    scope narrows to a category, which only the results know."""
    if scope.category:
        where, params = scope.where("r")
        return f"SELECT r.inspection_id FROM result r WHERE {where}", params
    where, params = scope.where()
    return f"SELECT inspection_id FROM inspection_group_tally WHERE {where} AND n > 0", params


def trend(store: Store, scope: Scope, months: int = 12) -> list[tuple[str, Rates | None]]:
    """Rates month by month over the ``months`` months ending with the scope's last month.

    Every month is listed, with None where nothing was inspected, so a chart
    shows the gaps.
    """
    span = replace(scope, period=scope.period.trailing(months))
    by_month = {g.key: g.rates for g in _ranked(store, span, ("month",))}
    return [(month, by_month.get(month)) for month in span.period.months]


def weakest_criteria(store: Store, scope: Scope, limit: int = 10) -> list[WeakCriterion]:
    """The criteria failed most often in ``scope``: by number of failed checks, then by share.

    Counting first keeps a criterion failed once in its only check from
    outranking one failed at twenty sites.
    """
    where, params = scope.where()
    if scope.filters():  # a group's: counted from its results
        failed, applicable = "sum(outcome = 'fail')", "sum(outcome != 'na')"
        problems, source = "CASE WHEN outcome = 'fail' THEN max(instances, 1) ELSE 0 END", "result"
    else:  # the whole period's: from the month's tally by criterion
        failed, applicable = "sum(n * (outcome = 'fail'))", "sum(n * (outcome != 'na'))"
        problems = ("CASE WHEN outcome != 'fail' THEN 0 WHEN bucket = 0 THEN n"
                    " ELSE instances END")
        source = "criterion_tally"
    rows = store.db.execute(
        f"SELECT criterion_code, {failed} AS failed, {applicable}, sum({problems})"
        f" FROM {source} WHERE {where} GROUP BY criterion_code HAVING failed > 0"
        f" ORDER BY failed DESC, failed * 1.0 / {applicable} DESC, criterion_code"
        " LIMIT ?", [*params, limit]).fetchall()
    texts = criterion_texts(store)
    return [WeakCriterion(code, texts.get(code, ""), failed, applicable, problems)
            for code, failed, applicable, problems in rows]


def findings(store: Store, scope: Scope, criterion_code: str | None = None,
             limit: int | None = None) -> list[Finding]:
    """Failed criteria in ``scope`` (optionally of one criterion), newest inspection first.

    A site that is no longer in the register still shows, with the names its
    results were recorded under and an empty code and name.
    """
    where, params = scope.where("r")
    if criterion_code:
        where, params = f"{where} AND r.criterion_code = ?", [*params, criterion_code]
    sql = ("SELECT r.inspection_id, i.started_at, coalesce(s.code, ''), coalesce(s.name, ''),"
           " r.district, r.sub_district, r.site_type, r.unit_name, r.category, r.criterion_code,"
           " r.instances, r.location, r.note, coalesce(p.name, '')"
           " FROM result r JOIN inspection i ON i.id = r.inspection_id"
           " LEFT JOIN site s ON s.id = i.site_id LEFT JOIN profile p ON p.id = i.auditor_id"
           f" WHERE {where} AND r.outcome = 'fail'"
           " ORDER BY i.started_at DESC, r.criterion_code")
    if limit is not None:
        sql, params = f"{sql} LIMIT ?", [*params, limit]
    texts = criterion_texts(store)
    return [Finding(*row[:10], texts.get(row[9], ""), max(row[10], 1), *row[11:])
            for row in store.db.execute(sql, params)]


def inspections(store: Store, scope: Scope) -> list[InspectionLine]:
    """The finished inspections with results in ``scope``, newest first, with their own rates."""
    among, params = _inspections_in(scope)
    rows = store.db.execute(
        "SELECT i.id, i.started_at, coalesce(s.code, ''), coalesce(s.name, ''),"
        " coalesce(s.district, ''), coalesce(s.unit_name, ''), coalesce(p.name, '')"
        " FROM inspection i LEFT JOIN site s ON s.id = i.site_id"
        " LEFT JOIN profile p ON p.id = i.auditor_id"
        f" WHERE i.id IN ({among}) ORDER BY i.started_at DESC", params).fetchall()
    tallies = _inspection_tallies(store, [row[0] for row in rows])
    return [InspectionLine(*row, scoring.rates(tallies.get(row[0], ()))) for row in rows]


def _inspection_tallies(store: Store, ids: list[str]) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for inspection_id, outcome, bucket, n in store.db.execute(
                "SELECT inspection_id, outcome, bucket, n FROM inspection_tally"
                f" WHERE inspection_id IN ({marks}) AND n > 0", chunk):
            found[inspection_id].append((outcome, bucket, n))
    return found


def criterion_texts(store: Store) -> dict[str, str]:
    """Criterion code → Chinese text, from every installed edition (the active one wins)."""
    texts: dict[str, str] = {}
    summaries = sorted(checklist.summaries(store), key=lambda s: s.active)
    for summary in summaries:
        texts.update({c.code: c.text_zh for c in checklist.load(store, summary.content_hash)
                      .criteria})
    return texts


def months_with_data(store: Store) -> list[str]:
    """Months that have counted results, newest first (for period pickers).

    One index seek per month (``result_tally_by_month``), not a scan of every tally row:
    the dashboard asks on every refresh.
    """
    return [row[0] for row in store.db.execute(
        "WITH RECURSIVE m(month) AS ("
        " SELECT max(month) FROM result_tally WHERE counted = 1 AND n > 0"
        " UNION ALL SELECT (SELECT max(month) FROM result_tally WHERE counted = 1 AND n > 0"
        " AND month < m.month) FROM m WHERE m.month IS NOT NULL)"
        " SELECT month FROM m WHERE month IS NOT NULL")]
