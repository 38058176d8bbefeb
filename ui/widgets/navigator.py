"""The navigator: today's sites first, filters, instant search, and each site's inspections.

A city's register (up to :data:`SITE_PAGE` sites) is listed whole and the filters
act on the list as the user types, as they always did. A province's register is
listed a page at a time: its filters are sent to the store (the search after a
pause in the typing), and "Show more sites" under the list reads the next page.
A site's inspections are read when it is expanded, a page at a time
(:class:`ui.itemmodels.navigator_model.NavigatorModel`), so opening the window
does not read the store's inspections at all.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from model.inspections.inspection_list import Page
from model.inspections.navigator import ANY, SiteFilter, SiteStatus
from model.store import clock
from ui import dates
from ui.columns import FilterBox, fit_columns
from ui.itemmodels.navigator_model import (
    ID_ROLE,
    INSPECTION,
    KIND_ROLE,
    MORE,
    SITE,
    NavigatorFilter,
    NavigatorModel,
)
from ui.labels import in_ui_language, word
from usecases.services import Services

SITE_COLUMN, TYPE_COLUMN, DISTRICT_COLUMN = 0, 3, 4  # NavigatorModel's long text columns
SITE_PAGE = 2000  # sites listed at a time: a city's register whole, a province's in pages
SEARCH_PAUSE_MS = 300  # a province's register is searched in the store once typing pauses


def _plain(event: QKeyEvent) -> bool:
    """True for a key pressed without Ctrl, Alt, Shift or Meta (the keypad's Enter counts)."""
    return not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class _SearchBox(QLineEdit):
    """The search field: Enter is ``returnPressed``; Down asks to go on into the list."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and _plain(event):
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class _SiteTree(QTreeView):
    """The tree of sites; Enter activates like a double-click.

    The keyboard focus always lands on a highlighted row: a row that is only
    current gets at most a thin focus frame, and after a search has filtered
    out the current row there is no current row at all.
    """

    activated_by_key = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_by_key.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:  # a click picks its own row
            self.mark_current()

    def mark_current(self, index: QModelIndex | None = None) -> None:
        """Make ``index`` (default: the current row, else the first) current and highlighted."""
        if index is None or not index.isValid():
            index = self.currentIndex()
        if not index.isValid():
            index = self.model().index(0, 0)
        if index.isValid():
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.selectionModel().setCurrentIndex(index, flags)
            self.scrollTo(index)


class Navigator(QWidget):
    """Lists sites and inspections; emits what the user wants to open."""

    site_chosen = Signal(str)
    inspection_chosen = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._inspected: tuple[str, set[str]] = ("", set())  # a day and its sites, read once
        self._types: dict[str, str] = {}  # site type code → its name in the UI's language
        self._register = 0  # sites in the register
        self._listed: tuple[SiteFilter, int] = (ANY, 0)  # what the store listed, and how many
        self.model = NavigatorModel(self._fetch_page, self)
        self.proxy = NavigatorFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = _SearchBox(self)
        self.search.setPlaceholderText(self.tr("Search name, code or address"))
        self.search.setClearButtonEnabled(True)
        self.district, self.sub_district = FilterBox(self), FilterBox(self)
        self.site_type, self.status = FilterBox(self), FilterBox(self)
        self.day_enabled = QCheckBox(self.tr("Day:"), self)
        self.day = dates.day_edit(self)
        self.day.setDate(dates.qdate(clock.office_today()))
        self.day.setEnabled(False)
        self.tree = _SiteTree(self)
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        # plan, status and score rate as wide as their words; the site takes what is left
        fit_columns(self.tree, stretch=SITE_COLUMN,
                    widths={SITE_COLUMN: 12, TYPE_COLUMN: 6, DISTRICT_COLUMN: 5})
        self.empty_hint = QLabel(self)  # instead of the list while there is no site at all
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.empty_hint.setContentsMargins(12, 12, 12, 12)
        self.empty_hint.hide()
        self.more_sites = QPushButton(self)  # while a province's sites are not all listed
        self.more_sites.hide()
        self._search_pause = QTimer(self)
        self._search_pause.setSingleShot(True)
        self._search_pause.setInterval(SEARCH_PAUSE_MS)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self.search, 0, 0, 1, 2)
        # Two filters a row: four in one row cut "All sub-districts" in English (each box
        # shows its "All …" whole, and no more: the open list shows a long site type).
        for n, widget in enumerate((self.district, self.sub_district, self.site_type,
                                    self.status)):
            grid.addWidget(widget, 1 + n // 2, n % 2)
        day = QHBoxLayout()
        day.addWidget(self.day_enabled)
        day.addWidget(self.day)
        day.addStretch(1)
        grid.addLayout(day, 3, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.tree)
        layout.addWidget(self.more_sites)
        layout.addWidget(self.empty_hint, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._on_search_text_changed)
        self._search_pause.timeout.connect(self._apply_filters)
        self.more_sites.clicked.connect(self.show_more_sites)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.down_pressed.connect(self._on_search_down_pressed)
        for combo in (self.sub_district, self.site_type, self.status):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.district.currentIndexChanged.connect(self._on_district_current_index_changed)
        self.day_enabled.toggled.connect(self.day.setEnabled)
        self.day_enabled.toggled.connect(self._apply_filters)
        self.day.dateChanged.connect(self._apply_filters)
        self.tree.doubleClicked.connect(self._on_tree_activated)
        self.tree.activated_by_key.connect(self._on_tree_activated)

    def refresh(self) -> None:
        """Reload sites and inspections from the store, keeping filters and the current row."""
        current = self.tree.currentIndex().data(ID_ROLE)
        self._types = {code: in_ui_language(t.name_zh, t.name_en)
                       for code, t in self._services.checklists.site_types().items()}
        self._inspected = ("", set())
        self._register = self._services.inspections.navigator_count()
        self._fill_filters()
        self._show_empty_hint(not self._register)
        self._list_sites(at_least=self.model.rowCount())  # the pages the user had listed
        self.select(current)

    @property
    def site_count(self) -> int:
        """How many sites the register holds (listed or not)."""
        return self._register

    def _whole(self) -> bool:
        """True when the register fits in one page: listed whole, filtered as one types."""
        return self._register <= SITE_PAGE

    def _list_sites(self, at_least: int = 0) -> None:
        """List the first page of the sites (or ``at_least`` of them), whole or as the
        filters choose them."""
        chosen = ANY if self._whole() else self._chosen()
        limit = max(SITE_PAGE, at_least)
        overviews = self._services.inspections.navigator(chosen=chosen, limit=limit)
        total = len(overviews) if len(overviews) < limit else \
            self._services.inspections.navigator_count(chosen)
        self._listed = (chosen, total)
        self.model.set_rows(overviews, self._types)
        self._filter_listed()
        self._show_more_sites_button()

    def show_more_sites(self) -> None:
        """List the next page of sites (as the filters choose them)."""
        chosen, _total = self._listed
        self.model.add_sites(self._services.inspections.navigator(
            chosen=chosen, limit=SITE_PAGE, offset=self.model.rowCount()))
        self._show_more_sites_button()

    def _show_more_sites_button(self) -> None:
        listed, total = self.model.rowCount(), self._listed[1]
        self.more_sites.setVisible(self._register > 0 and listed < total)
        self.more_sites.setText(self.tr("Show more sites (%1 of %2 listed)").replace(
            "%1", str(listed)).replace("%2", str(total)))

    def _show_empty_hint(self, empty: bool) -> None:
        """With no site at all, say what to do next (by role) instead of an empty list."""
        self.tree.setVisible(not empty)
        self.empty_hint.setVisible(empty)
        if not empty:
            return
        user = self._services.user
        if user is not None and user.is_office:
            steps = self.tr("No sites yet. Import the city's site list: Office ▸ Site list. "
                            "Then plan the month and export the office bundle for the laptops.")
        else:
            steps = self.tr("No sites yet. Import the bundle the office gave you on a USB "
                            "drive: Sync ▸ Import from USB. Your sites and this month's plan "
                            "come with it.")
        self.empty_hint.setText(steps + "\n\n" + self.tr(
            "To look around first: File ▸ Load demo city (a made-up city; not on a working "
            "laptop)."))

    def _fetch_page(self, site_id: str, limit: int, after: tuple[str, str] | None) -> Page:
        return self._services.inspections.site_page(site_id, limit, after)

    def select(self, item_id: str | None) -> None:
        """Make the site or inspection with this id current, reading its site's inspections
        as far as needed."""
        index = self.proxy.mapFromSource(self._source_index(item_id))
        if not index.isValid():
            index = self.proxy.index(0, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _source_index(self, item_id: str | None) -> QModelIndex:
        found = self.model.index_of(item_id)
        if found.isValid() or not item_id:
            return found
        site_id = self._services.inspections.site_of(item_id)
        return self.model.reveal(site_id, item_id) if site_id else found

    def update_inspection(self, inspection_id: str) -> None:
        """Show one inspection's new rates without reloading the list (if it is listed)."""
        if self.model.index_of(inspection_id).isValid():
            self.model.update_inspection(self._services.inspections.summary(inspection_id))

    def _fill_filters(self) -> None:
        values = self._services.inspections.navigator_filters()
        self._fill(self.district, self.tr("All districts"), values["district"])
        self._fill_sub_districts()
        self._fill(self.site_type, self.tr("All site types"), values["site_type"], self._types)
        self._fill(self.status, self.tr("Any status"), [s.value for s in SiteStatus],
                   {s.value: word("site_status", s.value) for s in SiteStatus})

    def _fill_sub_districts(self) -> None:
        district = self.district.currentData() or ""
        subs = self._services.inspections.navigator_filters(district)["sub_district"]
        self._fill(self.sub_district, self.tr("All sub-districts"), subs)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, values: list[str],
              names: dict[str, str] | None = None) -> None:
        """Refill a filter combo, keeping its selection when still possible."""
        chosen = combo.currentData() or ""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for value in values:
            combo.addItem((names or {}).get(value, value), value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _chosen(self) -> SiteFilter:
        """What the filters choose."""
        return SiteFilter(text=self.search.text().strip(),
                          district=self.district.currentData() or "",
                          sub_district=self.sub_district.currentData() or "",
                          site_type=self.site_type.currentData() or "",
                          status=self.status.currentData() or "",
                          day=dates.iso(self.day.date()) if self.day_enabled.isChecked() else "")

    def _apply_filters(self) -> None:
        self._search_pause.stop()
        if self._whole():
            self._filter_listed()
        else:
            self._list_sites()

    def _filter_listed(self) -> None:
        """Filter the sites listed: by the filters when the register is listed whole; not at
        all when the store chose them."""
        if not self._whole():
            self.proxy.set_criteria()
            return
        chosen = self._chosen()
        self.proxy.set_criteria(inspected_that_day=self._inspected_on(chosen.day),
                                **{f: getattr(chosen, f) for f in SiteFilter.__dataclass_fields__})

    def _on_search_text_changed(self, _text: str) -> None:
        if self._whole():
            self._apply_filters()
        else:
            self._search_pause.start()  # (restarted by each key)

    def _inspected_on(self, day: str) -> set[str]:
        """The sites inspected on ``day`` (asked once per day until the next refresh)."""
        if not day:
            return set()
        if self._inspected[0] != day:
            self._inspected = (day, self._services.inspections.inspected_on(day))
        return self._inspected[1]

    def _on_district_current_index_changed(self, _index: int) -> None:
        self._fill_sub_districts()
        self._apply_filters()

    def _on_tree_activated(self, index: QModelIndex) -> None:
        first = index.siblingAtColumn(0)
        item_id, kind = first.data(ID_ROLE), first.data(KIND_ROLE)
        if kind == SITE:
            self.site_chosen.emit(item_id)
        elif kind == INSPECTION:
            self.inspection_chosen.emit(item_id)
        elif kind == MORE:
            self.show_more(index)

    def show_more(self, index: QModelIndex) -> None:
        """List the next page of a site's inspections in place of its "Show more" row
        (``index``, of the tree); the first of them becomes current."""
        source = self.proxy.mapToSource(index.siblingAtColumn(0))
        site, row = source.parent(), source.row()
        self.model.read_more(site)
        self.tree.mark_current(self.proxy.mapFromSource(self.model.index(row, 0, site)))

    def _on_search_return_pressed(self) -> None:
        """Open the single or first match, as activating its row would."""
        if self._search_pause.isActive():
            self._apply_filters()
        first = self.proxy.index(0, 0)
        if self.search.text().strip() and first.isValid():
            self.tree.mark_current(first)
            self._on_tree_activated(first)

    def _on_search_down_pressed(self) -> None:
        """Go on into the list, on the first match."""
        if self._search_pause.isActive():
            self._apply_filters()
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.tree.mark_current(first)
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
