"""The month plan's tables: candidate sites to tick, the share-out preview (one auditor per
site, editable), and the month's saved assignments."""

from __future__ import annotations

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
)

from model.office.planning import PlanLine
from model.sites.sites import Site
from ui.itemmodels.row_table import Index, RowTable
from ui.labels import named

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the site's id (the assignment's, in the plan)


def _site_texts(site: Site, type_names: dict[str, str]) -> list[str]:
    return [f"{site.code} {site.name}", type_names.get(site.site_type, site.site_type),
            site.district, site.sub_district]


class CandidateModel(RowTable):
    """Sites the plan may take, each with a tick (taken unless already planned this month)."""

    checks_changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__((self.tr("Site"), self.tr("Site type"), self.tr("District"),
                          self.tr("Sub-district"), self.tr("Already planned"),
                          self.tr("Responsible unit")), parent)
        self._checked: set[str] = set()
        self._planned: dict[str, str] = {}
        self._type_names: dict[str, str] = {}

    def set_sites(self, found: list[Site], planned: dict[str, str],
                  type_names: dict[str, str]) -> None:
        """Show ``found``; ``planned`` names who already has a site this month (those start
        unticked)."""
        self._planned, self._type_names = dict(planned), dict(type_names)
        self._checked = {s.id for s in found if s.id not in planned}
        self.set_rows(found)
        self.checks_changed.emit()

    def checked_sites(self) -> list[Site]:
        """The ticked sites, in the list's order."""
        return [s for s in self._rows if s.id in self._checked]

    def site_count(self) -> int:
        """How many sites are listed."""
        return len(self._rows)

    def set_all(self, checked: bool) -> None:
        """Tick or untick every site."""
        self._checked = {s.id for s in self._rows} if checked else set()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.checks_changed.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        site = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [*_site_texts(site, self._type_names), self._planned.get(site.id, ""),
                    site.unit_name][index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return (Qt.CheckState.Checked if site.id in self._checked
                    else Qt.CheckState.Unchecked)
        if role == ID_ROLE:
            return site.id
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or index.column() != 0 \
                or role != Qt.ItemDataRole.CheckStateRole:
            return False
        site_id = self._rows[index.row()].id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(site_id)
        else:
            self._checked.discard(site_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checks_changed.emit()
        return True


class ShareModel(RowTable):
    """The share-out preview: each ticked site with its auditor, which the user may change."""

    AUDITOR_COLUMN = 4

    def __init__(self, parent: QObject | None = None):
        super().__init__((self.tr("Site"), self.tr("Site type"), self.tr("District"),
                          self.tr("Sub-district"), self.tr("Auditor")), parent)
        self._auditor_of: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._type_names: dict[str, str] = {}

    def set_share(self, found: list[Site], auditor_of: dict[str, str], names: dict[str, str],
                  type_names: dict[str, str]) -> None:
        """Show ``found`` with ``auditor_of`` (site id → auditor id); ``names`` words the
        auditor ids, in the order the rows are grouped by."""
        self._auditor_of, self._names = dict(auditor_of), dict(names)
        self._type_names = dict(type_names)
        order = {auditor_id: n for n, auditor_id in enumerate(names)}
        self.set_rows(sorted(found, key=lambda s: (order.get(auditor_of.get(s.id, ""), len(order)),
                                                 s.district, s.sub_district, s.code)))

    def pairs(self) -> list[tuple[str, str]]:
        """(site id, auditor id) of every row with an auditor."""
        return [(s.id, self._auditor_of[s.id]) for s in self._rows if s.id in self._auditor_of]

    def counts(self) -> dict[str, int]:
        """Sites per auditor id, in the auditors' order."""
        found = dict.fromkeys(self._names, 0)
        for _site, auditor in self.pairs():
            found[auditor] += 1
        return {a: n for a, n in found.items() if n}

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.AUDITOR_COLUMN \
            else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        site = self._rows[index.row()]
        auditor = self._auditor_of.get(site.id, "")
        if role == Qt.ItemDataRole.DisplayRole:
            return [*_site_texts(site, self._type_names),
                    self._names.get(auditor, "")][index.column()]
        if role == Qt.ItemDataRole.EditRole and index.column() == self.AUDITOR_COLUMN:
            return auditor
        if role == ID_ROLE:
            return site.id
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not self._valid(index) or index.column() != self.AUDITOR_COLUMN
                or role != Qt.ItemDataRole.EditRole or value not in self._names):
            return False
        self._auditor_of[self._rows[index.row()].id] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        return True


class PlanLineModel(RowTable):
    """The month's saved assignments: auditor, site, day, and whether they went out."""

    def __init__(self, parent: QObject | None = None):
        super().__init__((self.tr("Auditor"), self.tr("Site"), self.tr("Site type"),
                          self.tr("District"), self.tr("Day"), self.tr("Sent")), parent)
        self._type_names: dict[str, str] = {}

    def set_lines(self, lines: list[PlanLine], type_names: dict[str, str]) -> None:
        """Show a month's plan."""
        self._type_names = dict(type_names)
        self.set_rows(lines)

    def line_at(self, row: int) -> PlanLine:
        """The plan line shown at ``row``."""
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        line: PlanLine = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            site = line.site
            return (named(line.auditor.name, line.auditor.staff_no), f"{site.code} {site.name}",
                    self._type_names.get(site.site_type, site.site_type), site.district,
                    line.planned_on or "—",
                    self.tr("sent") if line.sent else self.tr("not yet"))[index.column()]
        if role == ID_ROLE:
            return line.assignment_id
        return None
