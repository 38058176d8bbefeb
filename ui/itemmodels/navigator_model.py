"""Sites with their state this month; each site's inspections are its children.

``ID_ROLE`` gives a site's or an inspection's id and ``KIND_ROLE`` says which (or
``MORE``); ``FILTER_ROLE`` gives the site's overview for :class:`NavigatorFilter`.

A site's inspections are read when the site is expanded, :data:`PAGE_SIZE` at a
time (``canFetchMore``/``fetchMore``), with their rates: an office's store holds a
province's years of inspections, and the navigator opens over it as fast as over
a laptop's few hundred. While a site has more inspections than are listed, its
last child is a ``MORE`` row ("Show more…") that reads the next page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from model.inspections.inspection_list import InspectionSummary, Page
from model.inspections.navigator import Priority, SiteOverview
from model.store import clock
from ui.itemmodels.two_level import TOP, TwoLevelModel
from ui.labels import percent, word

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3
SITE, INSPECTION, MORE = "site", "inspection", "more"
PAGE_SIZE = 50  # a site's inspections read at a time: over four years of monthly visits
# (site id, limit, the started_at and id of the last inspection listed or None) → a page
FetchPage = Callable[[str, int, tuple[str, str] | None], Page]


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

    def __init__(self, fetch_page: FetchPage, parent: QObject | None = None):
        super().__init__(parent)
        self._fetch_page = fetch_page
        self._sites: list[SiteOverview] = []
        self._inspections: list[list[InspectionSummary]] = []  # the pages read, per site
        self._totals: list[int | None] = []  # a site's inspections in all (None: none read)
        # a site's MORE row, if it has one: the counts it shows (listed, in all)
        self._more_rows: list[tuple[int, int] | None] = []
        self._type_names: dict[str, str] = {}
        self._where: dict[str, tuple[int, int]] = {}  # id -> (site row, inspection row or -1)
        self._texts: dict[str, tuple[str, ...]] = {}  # id -> display texts, made once

    def set_rows(self, sites: list[SiteOverview], type_names: dict[str, str]) -> None:
        """Replace everything with these site overviews (their inspections are read when a
        site is expanded)."""
        self.beginResetModel()
        self._sites = list(sites)
        self._inspections = [[] for _ in self._sites]
        self._totals = [None] * len(self._sites)
        self._more_rows = [None] * len(self._sites)
        self._type_names = type_names
        self._where = {site.site.id: (group, -1) for group, site in enumerate(self._sites)}
        self._texts = {}
        self.endResetModel()

    def add_sites(self, sites: list[SiteOverview]) -> None:
        """List more site overviews after those listed (the next page of a long register)."""
        if not sites:
            return
        first = len(self._sites)
        self.beginInsertRows(QModelIndex(), first, first + len(sites) - 1)
        for group, site in enumerate(sites, first):
            self._sites.append(site)
            self._inspections.append([])
            self._totals.append(None)
            self._more_rows.append(None)
            self._where[site.site.id] = (group, -1)
        self.endInsertRows()

    # -- reading a site's inspections a page at a time -------------------------------

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        group = self._site_row(parent)
        if group < 0:
            return super().hasChildren(parent)
        return self._sites[group].inspected or bool(self._inspections[group])

    def canFetchMore(self, parent: QModelIndex) -> bool:
        # Only the first page: a view fetches for as long as this says yes (a tree, when it
        # lays an expanded site out); the next pages wait for the MORE row (read_more).
        group = self._site_row(parent)
        return group >= 0 and self._sites[group].inspected and self._totals[group] is None

    def fetchMore(self, parent: QModelIndex) -> None:
        if self.canFetchMore(parent):
            self.read_more(parent)

    def has_more(self, site: QModelIndex) -> bool:
        """True while a site (a first-column index) has inspections not listed yet."""
        group = self._site_row(site)
        if group < 0 or not self._sites[group].inspected:
            return False
        total = self._totals[group]
        return total is None or len(self._inspections[group]) < total

    def read_more(self, site: QModelIndex) -> None:
        """List the next page of a site's inspections (a first-column index)."""
        if not self.has_more(site):
            return
        group = self._site_row(site)
        listed = self._inspections[group]
        after = (listed[-1].started_at, listed[-1].id) if listed else None
        self._add_page(group, self._fetch_page(self._sites[group].site.id, PAGE_SIZE, after))

    def _add_page(self, group: int, page: Page) -> None:
        """List a page's inspections after those listed, before the MORE row."""
        site, listed = self.index(group, 0), self._inspections[group]
        first = len(listed)
        if page.summaries:
            self.beginInsertRows(site, first, first + len(page.summaries) - 1)
            listed.extend(page.summaries)
            for row, summary in enumerate(page.summaries, first):
                self._where[summary.id] = (group, row)
            self.endInsertRows()
        full = len(page.summaries) == PAGE_SIZE
        self._totals[group] = max(page.total, len(listed)) if full else len(listed)
        self._show_more_row(group, len(listed) < self._totals[group])

    def _show_more_row(self, group: int, wanted: bool) -> None:
        site, row = self.index(group, 0), len(self._inspections[group])
        counts = (row, self._totals[group])
        if wanted and self._more_rows[group] is None:
            self.beginInsertRows(site, row, row)
            self._more_rows[group] = counts
            self.endInsertRows()
        elif not wanted and self._more_rows[group] is not None:
            self.beginRemoveRows(site, row, row)
            self._more_rows[group] = None
            self.endRemoveRows()
        elif wanted:  # its counts changed
            self._more_rows[group] = counts
            self.dataChanged.emit(self.index(row, 0, site),
                                  self.index(row, len(self.COLUMNS) - 1, site))

    def reveal(self, site_id: str, inspection_id: str) -> QModelIndex:
        """Read a site's pages until one of its inspections is listed; return the
        inspection's index (invalid if the site has no such inspection)."""
        group, _ = self._where.get(site_id, (-1, -1))
        site = self.index(group, 0) if group >= 0 else QModelIndex()
        while site.isValid() and inspection_id not in self._where and self.has_more(site):
            self.read_more(site)
        return self.index_of(inspection_id)

    def _site_row(self, index: QModelIndex) -> int:
        """The row of a site's first-column index; -1 for any other index."""
        if (index.isValid() and index.internalId() == TOP and index.column() == 0
                and index.row() < len(self._sites)):
            return index.row()
        return -1

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
        """Return a site row's inspections read so far, newest first."""
        return self._inspections[row]

    # -- TwoLevelModel hooks -----------------------------------------------------

    def group_count(self) -> int:
        return len(self._sites)

    def item_count(self, group: int) -> int:
        return len(self._inspections[group]) + (self._more_rows[group] is not None)

    def group_data(self, group: int, column: int, role):
        return self._site_data(self._sites[group], column, role)

    def item_data(self, group: int, row: int, column: int, role):
        listed = self._inspections[group]
        if row == len(listed):
            return self._more_data(*self._more_rows[group], column, role)
        return self._inspection_data(listed[row], column, role)

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

    def _more_data(self, listed: int, total: int, column: int, role):
        if role == KIND_ROLE:
            return MORE
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "NavigatorModel", "Double-click or press Enter to list more of its inspections")
        if role != Qt.ItemDataRole.DisplayRole or column != 0:
            return None
        return QCoreApplication.translate(
            "NavigatorModel", "Show more… (%1 of %2 inspections listed)").replace(
            "%1", str(listed)).replace("%2", str(total))


class NavigatorFilter(QSortFilterProxyModel):
    """Filters sites by text, district, sub-district, type, status and planned/inspected day."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.criteria: dict[str, str] = {}
        self._inspected_that_day: set[str] = set()

    def set_criteria(self, inspected_that_day: set[str] | None = None, **criteria: str) -> None:
        """Set the filters (empty strings mean any) and re-filter; with a ``day``,
        ``inspected_that_day`` holds the ids of the sites inspected on it."""
        self.beginFilterChange()
        self.criteria = {k: v for k, v in criteria.items() if v}
        self._inspected_that_day = inspected_that_day or set()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if source_parent.isValid():
            return True
        return self._accepts(self.sourceModel().overview(source_row))

    def _accepts(self, row: SiteOverview) -> bool:
        c, site = self.criteria, row.site
        text = c.get("text", "").lower()
        checks = (
            not text or text in f"{site.code} {site.name} {site.address}".lower(),
            c.get("district", site.district) == site.district,
            c.get("sub_district", site.sub_district) == site.sub_district,
            c.get("site_type", site.site_type) == site.site_type,
            c.get("status", row.status.value) == row.status.value,
            "day" not in c or row.planned_on == c["day"] or site.id in self._inspected_that_day,
        )
        return all(checks)
