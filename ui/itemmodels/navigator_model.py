"""Sites with their state this month; each site's inspections are its children.

``ID_ROLE`` gives a site's or an inspection's id and ``KIND_ROLE`` says which;
``FILTER_ROLE`` gives the site's overview for :class:`NavigatorFilter`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from model.inspections.inspection_list import InspectionSummary
from model.inspections.navigator import Priority, SiteOverview
from model.store import clock
from ui.itemmodels.two_level import TwoLevelModel
from ui.labels import percent, word

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3
SITE, INSPECTION = "site", "inspection"


class NavigatorModel(TwoLevelModel):
    """Two levels: site overviews, then the inspections of each site."""

    CONTEXT = "NavigatorModel"
    COLUMNS = (
        QT_TRANSLATE_NOOP("NavigatorModel", "Site"),
        QT_TRANSLATE_NOOP("NavigatorModel", "Plan"),
        QT_TRANSLATE_NOOP("NavigatorModel", "Status"),
        QT_TRANSLATE_NOOP("NavigatorModel", "Type"),
        QT_TRANSLATE_NOOP("NavigatorModel", "District"),
        QT_TRANSLATE_NOOP("NavigatorModel", "Score rate"),
    )

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._sites: list[SiteOverview] = []
        self._inspections: list[list[InspectionSummary]] = []
        self._type_names: dict[str, str] = {}
        self._where: dict[str, tuple[int, int]] = {}  # id -> (site row, inspection row or -1)
        self._texts: dict[str, tuple[str, ...]] = {}  # id -> display texts, made once

    def set_rows(self, sites: list[SiteOverview], inspections: list[InspectionSummary],
                 type_names: dict[str, str]) -> None:
        """Replace everything: site overviews and all inspections (grouped here by site)."""
        by_site: dict[str, list[InspectionSummary]] = {}
        for summary in inspections:
            by_site.setdefault(summary.site_id, []).append(summary)
        self.beginResetModel()
        self._sites = list(sites)
        self._inspections = [by_site.get(s.site.id, []) for s in self._sites]
        self._type_names = type_names
        self._where, self._texts = {}, {}
        for group, site in enumerate(self._sites):
            self._where[site.site.id] = (group, -1)
            for row, summary in enumerate(self._inspections[group]):
                self._where[summary.id] = (group, row)
        self.endResetModel()

    def index_of(self, item_id: str | None) -> QModelIndex:
        """Return the first-column index of a site or an inspection (invalid if unknown)."""
        group, row = self._where.get(item_id, (-1, -1))
        if group < 0:
            return QModelIndex()
        site = self.index(group, 0)
        return site if row < 0 else self.index(row, 0, site)

    def update_inspection(self, summary: InspectionSummary) -> None:
        """Show an inspection's new rates and status (its site and row stay where they are)."""
        group, row = self._where.get(summary.id, (-1, -1))
        if row < 0:
            return
        self._inspections[group][row] = summary
        self._texts.pop(summary.id, None)
        parent = self.index(group, 0)
        self.dataChanged.emit(self.index(row, 0, parent),
                              self.index(row, len(self.COLUMNS) - 1, parent))

    def overview(self, row: int) -> SiteOverview:
        """Return the overview of a site row."""
        return self._sites[row]

    def inspections_of(self, row: int) -> list[InspectionSummary]:
        """Return a site row's inspections, newest first."""
        return self._inspections[row]

    # -- TwoLevelModel hooks -----------------------------------------------------

    def group_count(self) -> int:
        return len(self._sites)

    def item_count(self, group: int) -> int:
        return len(self._inspections[group])

    def group_data(self, group: int, column: int, role):
        return self._site_data(self._sites[group], column, role)

    def item_data(self, group: int, row: int, column: int, role):
        return self._inspection_data(self._inspections[group][row], column, role)

    def _site_data(self, row: SiteOverview, column: int, role):
        if role == ID_ROLE:
            return row.site.id
        if role == KIND_ROLE:
            return SITE
        if role == FILTER_ROLE:
            return row
        if role == Qt.ItemDataRole.FontRole and row.priority is Priority.TODAY:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.site.address}\n{row.site.unit_name} {row.site.unit_person}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = self._texts.get(row.site.id)
        if values is None:
            values = (f"{row.site.code} {row.site.name}", word("priority", row.priority),
                      word("site_status", row.status),
                      self._type_names.get(row.site.site_type, row.site.site_type),
                      f"{row.site.district} {row.site.sub_district}", "")
            self._texts[row.site.id] = values
        return values[column] if column < len(values) else None

    def _inspection_data(self, row: InspectionSummary, column: int, role):
        if role == ID_ROLE:
            return row.id
        if role == KIND_ROLE:
            return INSPECTION
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = self._texts.get(row.id)
        if values is None:
            values = (f"{clock.office_text(row.started_at)}  {row.auditor_name}", "",
                      word("site_status", row.status.value), "", "",
                      percent(row.rates.score_rate))
            self._texts[row.id] = values
        return values[column] if column < len(values) else None


class NavigatorFilter(QSortFilterProxyModel):
    """Filters sites by text, district, sub-district, type, status and planned/inspected day."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.criteria: dict[str, str] = {}

    def set_criteria(self, **criteria: str) -> None:
        """Set the filters (empty strings mean any) and re-filter."""
        self.beginFilterChange()
        self.criteria = {k: v for k, v in criteria.items() if v}
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if source_parent.isValid():
            return True
        model: NavigatorModel = self.sourceModel()
        return self._accepts(model.overview(source_row), model.inspections_of(source_row))

    def _accepts(self, row: SiteOverview, inspections: list[InspectionSummary]) -> bool:
        c, site = self.criteria, row.site
        text = c.get("text", "").lower()
        checks = (
            not text or text in f"{site.code} {site.name} {site.address}".lower(),
            c.get("district", site.district) == site.district,
            c.get("sub_district", site.sub_district) == site.sub_district,
            c.get("site_type", site.site_type) == site.site_type,
            c.get("status", row.status.value) == row.status.value,
            "day" not in c or row.planned_on == c["day"]
            or any(clock.office_text(i.started_at)[:10] == c["day"] for i in inspections),
        )
        return all(checks)
