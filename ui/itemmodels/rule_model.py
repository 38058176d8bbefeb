"""The negative-list rules in force, as a read-only table (code, name, criteria, effect)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from model.office.negative_list import Effect, NegativeRule
from ui.itemmodels.figure_model import Column, RowTableModel


class RuleTableModel(RowTableModel):
    """One row per :class:`model.office.negative_list.NegativeRule`."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(self._rule_columns(), parent)

    def effect_text(self, rule: NegativeRule) -> str:
        """What the rule does to a score rate, in words."""
        points = f"{rule.value * 100:g}"
        if rule.effect is Effect.ZERO:
            return self.tr("score rate becomes 0")
        if rule.effect is Effect.CAP:
            return self.tr("score rate at most %1%").replace("%1", points)
        return self.tr("%1 percentage points off the score rate").replace("%1", points)

    def _rule_columns(self) -> list[Column]:
        def text(fn):
            return {"text": fn, "sort": fn, "numeric": False}
        return [
            Column(self.tr("Code"), **text(lambda r: r.code)),
            Column(self.tr("Item"), **text(lambda r: r.name)),
            Column(self.tr("Set off by"), **text(lambda r: self.tr("%1 or more failed checks")
                                                  .replace("%1", str(r.threshold)))),
            Column(self.tr("Effect"), **text(self.effect_text)),
            Column(self.tr("Criteria watched"), **text(lambda r: "、".join(r.criteria)),
                   tooltip=lambda r: "\n".join(r.criteria)),
        ]
