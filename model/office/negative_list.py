"""The negative list (负面清单): problems that zero, cap or cut a district's or unit's score.

A rule names the criteria it watches (codes; ``NMSC-*`` matches a prefix), how
many failed checks in the period set it off, and its effect on the score rate:
``zero`` (the score becomes 0), ``cap`` (at most ``value``) or ``deduct``
(``value`` is taken off). The office keeps its rules in the database (setting
``negative_list``, JSON); until it sets its own, :data:`DEFAULT_RULES` apply.
Rankings (``model.office.rankings``) apply the rules and show each hit as a reason.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from enum import StrEnum

from model.errors import PermissionDeniedError, ValidationError
from model.office.dashboard import Scope, check_dimension
from model.people.profiles import Profile
from model.store import audit
from model.store.db import Store
from model.sync import office_settings

SETTING = office_settings.NEGATIVE_LIST  # the office's bundles carry it to the laptops


class Effect(StrEnum):
    """What a rule does to a score rate when it is set off."""

    ZERO = "zero"
    CAP = "cap"
    DEDUCT = "deduct"


@dataclass(frozen=True)
class NegativeRule:
    """One item of the negative list."""

    code: str
    name: str
    criteria: tuple[str, ...]
    effect: Effect
    value: float = 0.0
    threshold: int = 1

    def watches(self, criterion_code: str) -> bool:
        """True if a failure of ``criterion_code`` counts towards this rule."""
        return any(criterion_code.startswith(c[:-1]) if c.endswith("*") else criterion_code == c
                   for c in self.criteria)

    def applied_to(self, score_rate: float) -> float:
        """The score rate after this rule."""
        if self.effect is Effect.ZERO:
            return 0.0
        if self.effect is Effect.CAP:
            return min(score_rate, self.value)
        return max(score_rate - self.value, 0.0)


_FIRE_EXITS = ("BJXX-10", "JMXQ-07", "NMSC-12", "SCCS-10", "ZWDT-11", "YY-13", "JTCZ-08",
               "GYGC-10", "BGFD-08", "CYD-09", "XXXN-06", "WB-06", "XWPX-03", "WXHY-02", "DYY-06")

DEFAULT_RULES: tuple[NegativeRule, ...] = (
    NegativeRule("FM-01", "销售过期、变质、伪劣或“三无”食品", ("NMSC-08", "SCCS-11", "XXZB-05"),
                 Effect.ZERO),
    NegativeRule("FM-02", "消防通道、安全出口堵塞或占用", _FIRE_EXITS, Effect.CAP, 0.6),
    NegativeRule("FM-03", "违法小广告、乱张贴屡查屡现（3 处及以上）", ("ZCGD-09", "BJXX-07"),
                 Effect.DEDUCT, 0.05, threshold=3),
)


@dataclass(frozen=True)
class Hit:
    """A rule set off in one group: by how many failed checks, at which sites."""

    rule: NegativeRule
    failed: int
    site_codes: tuple[str, ...]
    criteria: tuple[str, ...]


def rules(store: Store) -> list[NegativeRule]:
    """The office's rules, or the defaults while it has set none."""
    text = store.get_setting(SETTING)
    return list(DEFAULT_RULES) if text is None else from_json(text, "the stored negative list")


def set_rules(store: Store, new_rules: list[NegativeRule], actor: Profile) -> None:
    """The office replaces its negative list (validated; recorded in the audit log)."""
    if not actor.is_office:
        raise PermissionDeniedError("Only the office sets the negative list.")
    text = to_json(new_rules)
    from_json(text, "the new negative list")
    with store.atomic() as db:
        store.set_setting(SETTING, text)
        audit.append(db, actor.id, "negative_list.set", "setting", SETTING,
                     {"new": json.loads(text)})


def to_json(items: list[NegativeRule]) -> str:
    """The rules as JSON text (a list of objects)."""
    return json.dumps([{**asdict(r), "criteria": list(r.criteria), "effect": r.effect.value}
                       for r in items], ensure_ascii=False, indent=1)


def from_json(text: str, source: str) -> list[NegativeRule]:
    """Read rules; a ValidationError names ``source``, the rule and what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{source} is not JSON ({exc}).") from exc
    if not isinstance(data, list):
        raise ValidationError(f"{source} must be a list of rules.")
    found, codes = [], set()
    for number, item in enumerate(data, start=1):
        rule = _rule(item, f"{source}, rule {number}")
        if rule.code in codes:
            raise ValidationError(f"{source}, rule {number}: the code {rule.code} is used twice.")
        codes.add(rule.code)
        found.append(rule)
    return found


def _rule(item, where: str) -> NegativeRule:
    if not isinstance(item, dict):
        raise ValidationError(f"{where} must be an object with code, name, criteria and effect.")
    try:
        rule = NegativeRule(str(item["code"]).strip(), str(item["name"]).strip(),
                            tuple(str(c).strip() for c in item["criteria"]),
                            Effect(item["effect"]), float(item.get("value", 0.0)),
                            int(item.get("threshold", 1)))
    except KeyError as exc:
        raise ValidationError(f"{where} has no {exc.args[0]}.") from exc
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{where}: {exc}; effect is one of zero, cap, deduct.") from exc
    if not rule.code or not rule.name or not rule.criteria or rule.threshold < 1:
        raise ValidationError(f"{where} needs a code, a name, at least one criterion and a "
                              "threshold of 1 or more.")
    if rule.effect is not Effect.ZERO and not 0.0 <= rule.value <= 1.0:
        raise ValidationError(f"{where}: value {rule.value} must be a share between 0 and 1.")
    return rule


def hits(store: Store, scope: Scope, by: str,
         active: list[NegativeRule] | None = None) -> dict[tuple[str, ...], list[Hit]]:
    """Rules set off per group of ``by`` (keys as in ``dashboard.table``) within ``scope``."""
    columns = check_dimension(by)
    active = rules(store) if active is None else active
    if not active:
        return {}
    where, params = scope.where("r")
    watched, watched_params = _watched_sql(active, "r.criterion_code")
    rows = store.db.execute(
        f"SELECT {', '.join('r.' + c for c in columns)}, r.criterion_code, count(*),"
        " group_concat(DISTINCT coalesce(s.code, '')) FROM result r"
        " JOIN inspection i ON i.id = r.inspection_id LEFT JOIN site s ON s.id = i.site_id"
        f" WHERE {where} AND r.outcome = 'fail' AND ({watched})"
        f" GROUP BY {', '.join('r.' + c for c in columns)}, r.criterion_code",
        [*params, *watched_params]).fetchall()
    failures: dict[tuple, list[tuple[str, int, str]]] = defaultdict(list)
    for row in rows:
        failures[tuple(row[:len(columns)])].append(row[len(columns):])
    return {key: found for key, group in failures.items()
            if (found := _hits_of(group, active))}


def _watched_sql(active: list[NegativeRule], column: str) -> tuple[str, list]:
    """SQL condition (and parameters) true for the criteria some rule watches, as
    :meth:`NegativeRule.watches` decides: failures of other criteria are never fetched."""
    codes = sorted({c for rule in active for c in rule.criteria})
    exact = [c for c in codes if not c.endswith("*")]
    clauses = [f"substr({column}, 1, ?) = ?" for c in codes if c.endswith("*")]
    params: list = [v for c in codes if c.endswith("*") for v in (len(c) - 1, c[:-1])]
    if exact:
        clauses.append(f"{column} IN ({', '.join('?' for _ in exact)})")
        params += exact
    return " OR ".join(clauses), params


def _hits_of(failures: list[tuple[str, int, str]], active: list[NegativeRule]) -> list[Hit]:
    found = []
    for rule in active:
        watched = [(code, n, sites) for code, n, sites in failures if rule.watches(code)]
        failed = sum(n for _, n, _ in watched)
        if watched and failed >= rule.threshold:
            site_codes = sorted({s for _, _, sites in watched for s in (sites or "").split(",")
                                 if s})
            found.append(Hit(rule, failed, tuple(site_codes),
                             tuple(sorted(code for code, _, _ in watched))))
    return found


def adjusted(score_rate: float | None, group_hits: list[Hit]) -> float | None:
    """The score rate after every hit's rule (None stays None)."""
    if score_rate is None:
        return None
    for hit in group_hits:
        score_rate = hit.rule.applied_to(score_rate)
    return score_rate
