"""The navigator: today's sites first, filters, instant search, and each site's inspections."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from model.inspections.navigator import SiteStatus
from model.store import clock
from ui import dates
from ui.columns import FilterBox, fit_columns
from ui.itemmodels.navigator_model import (
    ID_ROLE,
    KIND_ROLE,
    SITE,
    NavigatorFilter,
    NavigatorModel,
)
from ui.labels import in_ui_language, word
from usecases.services import Services

SITE_COLUMN, TYPE_COLUMN, DISTRICT_COLUMN = 0, 3, 4  # NavigatorModel's long text columns


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
        self.model = NavigatorModel(self)
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
        layout.addWidget(self.empty_hint, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._apply_filters)
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
        overviews = self._services.inspections.navigator()
        types = {code: in_ui_language(t.name_zh, t.name_en)
                 for code, t in self._services.checklists.site_types().items()}
        self.model.set_rows(overviews, self._services.inspections.listing(with_failed=False), types)
        self._fill_filters(overviews, types)
        self._show_empty_hint(not overviews)
        self._apply_filters()
        self.select(current)

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

    def select(self, item_id: str | None) -> None:
        """Make the site or inspection with this id current, if it is listed."""
        index = self.proxy.mapFromSource(self.model.index_of(item_id))
        if not index.isValid():
            index = self.proxy.index(0, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def update_inspection(self, inspection_id: str) -> None:
        """Show one inspection's new rates without reloading the list."""
        self.model.update_inspection(self._services.inspections.summary(inspection_id))

    def _fill_filters(self, overviews, types: dict[str, str]) -> None:
        sites = [o.site for o in overviews]
        self._fill(self.district, self.tr("All districts"), sorted({s.district for s in sites}))
        self._fill_sub_districts()
        used = sorted({s.site_type for s in sites})
        self._fill(self.site_type, self.tr("All site types"), used, types)
        self._fill(self.status, self.tr("Any status"), [s.value for s in SiteStatus],
                   {s.value: word("site_status", s.value) for s in SiteStatus})

    def _fill_sub_districts(self) -> None:
        district = self.district.currentData() or ""
        subs = sorted({self.model.overview(r).site.sub_district
                       for r in range(self.model.rowCount())
                       if not district or self.model.overview(r).site.district == district})
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

    def _apply_filters(self) -> None:
        day = dates.iso(self.day.date()) if self.day_enabled.isChecked() else ""
        self.proxy.set_criteria(text=self.search.text().strip(),
                                district=self.district.currentData() or "",
                                sub_district=self.sub_district.currentData() or "",
                                site_type=self.site_type.currentData() or "",
                                status=self.status.currentData() or "", day=day)

    def _on_district_current_index_changed(self, _index: int) -> None:
        self._fill_sub_districts()
        self._apply_filters()

    def _on_tree_activated(self, index: QModelIndex) -> None:
        item_id = index.siblingAtColumn(0).data(ID_ROLE)
        if index.siblingAtColumn(0).data(KIND_ROLE) == SITE:
            self.site_chosen.emit(item_id)
        else:
            self.inspection_chosen.emit(item_id)

    def _on_search_return_pressed(self) -> None:
        """Open the single or first match, as activating its row would."""
        first = self.proxy.index(0, 0)
        if self.search.text().strip() and first.isValid():
            self.tree.mark_current(first)
            self._on_tree_activated(first)

    def _on_search_down_pressed(self) -> None:
        """Go on into the list, on the first match."""
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.tree.mark_current(first)
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
