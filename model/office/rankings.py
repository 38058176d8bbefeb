"""Monthly rankings of districts, sub-districts and responsible units, with the last places marked.

A standing is a group's raw rates (from ``model.office.dashboard``), the negative-list
rules it set off (``model.office.negative_list``) and the score rate after them; the
rank follows the adjusted score rate, then the pass rate. The last
``last_places`` ranks are marked (ties included) when at least two groups are
ranked; this is who gets the yellow card (末位).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from model.errors import ValidationError
from model.office import dashboard, negative_list
from model.office.dashboard import Figure, Scope
from model.office.negative_list import Hit
from model.store.db import Store

RANKABLE = ("district", "sub-district", "unit")
LAST_PLACES_SETTING = "ranking_last_places"


@dataclass(frozen=True)
class Standing:
    """One group's place in a ranking."""

    figure: Figure
    hits: tuple[Hit, ...]
    score_rate: float | None     # after the negative list
    rank: int | None
    previous_rank: int | None
    last: bool
    previous_score_rate: float | None = None  # after the negative list, previous period

    @property
    def label(self) -> str:
        """The group's name."""
        return self.figure.label

    @property
    def score_change(self) -> float | None:
        """Change of the (adjusted) score rate against the previous period, as the ranks move."""
        if self.score_rate is None or self.previous_score_rate is None:
            return None
        return self.score_rate - self.previous_score_rate

    @property
    def rank_change(self) -> int | None:
        """Places gained since the previous period (negative: places lost)."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank


def last_places(store: Store) -> int:
    """How many of the lowest ranks the office marks (1 unless it set another number)."""
    return int(store.get_setting(LAST_PLACES_SETTING) or 1)


def standings(store: Store, scope: Scope, by: str,
              marked: int | None = None) -> list[Standing]:
    """The ranking of ``by`` in ``scope``: best first, unranked groups (nothing applicable) last."""
    if by not in RANKABLE:
        raise ValidationError(f"Cannot rank by '{by}'; choose one of {', '.join(RANKABLE)}.")
    rules = negative_list.rules(store)
    marked = last_places(store) if marked is None else marked
    current, earlier = dashboard.tables(store, scope, by)
    now = _ranked(store, scope, by, rules, current)
    before = {s.figure.key: s for s in _ranked(store, scope.previous(), by, rules, earlier)}
    ranks = [s.rank for s in now if s.rank is not None]
    cut = sorted(set(ranks))[-marked:] if marked > 0 and len(ranks) > 1 else []
    return [Standing(s.figure, s.hits, s.score_rate, s.rank,
                     before[s.figure.key].rank if s.figure.key in before else None,
                     s.rank in cut,
                     before[s.figure.key].score_rate if s.figure.key in before else None)
            for s in now]


def as_figures(store: Store, scope: Scope, by: str) -> list[Figure]:
    """The ranking as the dashboard's figures: the score rate after the negative list and
    the rank that follows from it, this period and the previous, in ranking order, each
    with the hits that changed it and its score before them. The dashboard shows these, so
    that it, the rankings, the bulletin and the workbook give one score and one rank."""
    figures = []
    for s in standings(store, scope, by):
        earlier = s.figure.previous
        figures.append(replace(
            s.figure, rates=replace(s.figure.rates, score_rate=s.score_rate), rank=s.rank,
            previous=replace(earlier, score_rate=s.previous_score_rate) if earlier else None,
            previous_rank=s.previous_rank, hits=s.hits,
            raw_score_rate=s.figure.rates.score_rate))
    return figures


def _ranked(store: Store, scope: Scope, by: str, rules,
            figures: list[Figure]) -> list[Standing]:
    """Standings of ``figures`` (the dashboard's of ``scope``) without previous ranks or
    marks, sorted and ranked (ties share a rank)."""
    found = negative_list.hits(store, scope, by, rules)
    unranked = [Standing(f, tuple(found.get(f.key, ())),
                         negative_list.adjusted(f.rates.score_rate, found.get(f.key, [])),
                         None, None, False) for f in figures]

    def order(s: Standing):
        return (s.score_rate is None, -(s.score_rate or 0), -(s.figure.rates.pass_rate or 0),
                s.figure.label)

    ranked, previous = [], None
    for position, standing in enumerate(sorted(unranked, key=order), start=1):
        if standing.score_rate is None:
            ranked.append(standing)
            continue
        marks = (round(standing.score_rate, 6), round(standing.figure.rates.pass_rate, 6))
        rank = previous[1] if previous and previous[0] == marks else position
        previous = (marks, rank)
        ranked.append(Standing(standing.figure, standing.hits, standing.score_rate, rank,
                               None, False))
    return ranked
