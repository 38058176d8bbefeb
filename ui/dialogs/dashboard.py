"""The office's dashboard: a period's rates by group, with rank, change, trend and weak criteria.

At the top the period, the dimension the table groups by (district,
sub-district, site type, responsible unit, category) and filters that fix a
district, a site type or a unit. Under them the headline figures, the table
and two charts. Double-clicking a row or a weak criterion opens the findings
and inspections behind it (:class:`ui.dialogs.drill_down.DrillDownDialog`).

The figures come from summary tables: milliseconds on a city's data, a second
or more on a province's. So every refresh reads them on a worker thread, through
the task runner, on a connection of its own; the window stays usable meanwhile,
with a busy bar under the controls, and keeps showing the figures it has until
the new ones arrive. Only the newest refresh's figures are shown: one overtaken
by a later choice is cancelled and, should it still finish, dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from model.checklist.scoring import Rates
from model.office.dashboard import Figure, Scope, Totals, WeakCriterion
from model.progress import Progress
from ui import theme
from ui.dialogs.drill_down import DrillDownDialog
from ui.itemmodels.figure_model import FigureTableModel, group_name
from ui.screen_fit import ScrollingPart, resize_to_fit
from ui.tasks import Task, TaskRunner
from ui.widgets.headline_tiles import HeadlineTiles
from ui.widgets.office_charts import TrendChart, WeakCriteriaChart, short_text
from ui.widgets.office_table import OfficeTable
from ui.widgets.period_picker import PeriodPicker
from usecases.office import OfficeDesk
from usecases.services import Services

BUSY_BAR_HEIGHT = 4  # pixels: a thin bar under the controls while the figures are read
MESSAGE_SCALE = 1.4  # the message shown instead of an empty table (14 pt in the normal look)
GAP = 12  # pixels between the groups of controls at the top
FILTERS = (("district", "district"), ("site_type", "site-type"), ("unit_name", "unit"))


@dataclass(frozen=True)
class Snapshot:
    """Everything one refresh shows, read in one go (on whichever thread)."""

    scope: Scope
    by: str
    figures: list[Figure]
    totals: Totals
    previous: Totals
    trend: list[tuple[str, Rates | None]]
    weakest: list[WeakCriterion]
    choices: dict[str, list[tuple[str, str]]]  # filter column → (value, label) in the period


def gather(office: OfficeDesk, scope: Scope, by: str,
           progress: Progress | None = None) -> Snapshot:
    """Read the dashboard's figures for ``scope`` grouped by ``by``; once ``progress`` is
    cancelled (a newer refresh was asked for), stop at the next query."""
    def read(query: Callable):
        if progress is not None:
            progress.check()
        return query()

    choices = read(lambda: {column: sorted(
        ((key[0], group_name(label)) for key, label in office.groups(
            replace(scope, **{column: ""}), dimension)), key=lambda pair: pair[1])
        for column, dimension in FILTERS})
    return Snapshot(scope, by, read(lambda: office.figures(scope, by)),
                    read(lambda: office.totals(scope)),
                    read(lambda: office.totals(scope.previous())),
                    read(lambda: office.trend(scope)),
                    read(lambda: office.weakest_criteria(scope)), choices)


def _gather_in_worker(session: tuple, scope: Scope, by: str, progress: Progress) -> Snapshot:
    """Runs on a worker thread, on its own connection (SQLite stays on its thread)."""
    worker = Services.open_as(*session)
    try:
        return gather(worker.office, scope, by, progress)
    finally:
        worker.close()


class DashboardDialog(QDialog):
    """A non-modal window over the office's figures; F5 reads them again."""

    inspection_chosen = Signal(str, str)  # inspection id, criterion code ('' for none)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self._tasks = services, tasks
        self.setWindowTitle(self.tr("Dashboard"))
        resize_to_fit(self, 1360, 820)
        self.snapshot: Snapshot | None = None
        self.drill_down: DrillDownDialog | None = None  # the last one opened
        self._task: Task | None = None  # the newest refresh, while it reads
        self._generation = 0  # of the newest refresh: an older one's figures are dropped
        self.picker = PeriodPicker(self)
        self.dimension = QComboBox(self)
        for key, word in self._dimensions():
            self.dimension.addItem(word, key)
        self.filters = {column: QComboBox(self) for column, _ in FILTERS}
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Read the figures again (F5)"))
        self.busy = QProgressBar(self)  # moves while a refresh reads
        self.tiles = HeadlineTiles(self)
        self.table = OfficeTable(FigureTableModel(self), self)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555555;")
        self.message.setFont(theme.scaled(self.font(), MESSAGE_SCALE))
        self.body = QStackedWidget(self)
        self.trend_chart = TrendChart(self)
        self.weak_chart = WeakCriteriaChart(self)
        self._lay_out()
        self._connect()

    def _dimensions(self) -> list[tuple[str, str]]:
        return [("district", self.tr("District")), ("sub-district", self.tr("Sub-district")),
                ("site-type", self.tr("Site type")), ("unit", self.tr("Responsible unit")),
                ("category", self.tr("Category"))]

    def _filter_words(self) -> dict[str, str]:
        return {"district": self.tr("All districts"), "site_type": self.tr("All site types"),
                "unit_name": self.tr("All units")}

    def _lay_out(self) -> None:
        self.choosing = QHBoxLayout()  # the period and the grouping …
        self.choosing.addWidget(self.picker)
        group_label = QLabel(self.tr("&Group by:"), self)
        group_label.setBuddy(self.dimension)
        self.choosing.addSpacing(GAP)
        self.choosing.addWidget(group_label)
        self.choosing.addWidget(self.dimension)
        self.choosing.addStretch(0)  # (takes room only when the filters are on a line below)
        self.filtering = QHBoxLayout()  # … and the filters, after them or below (_arrange)
        filter_label = QLabel(self.tr("&Only:"), self)
        filter_label.setBuddy(self.filters["district"])
        self.filtering.addWidget(filter_label)
        for column, box in self.filters.items():
            box.addItem(self._filter_words()[column], "")
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)
            self.filtering.addWidget(box)
        self.filtering.addStretch(1)
        self.filtering.addWidget(self.refresh_button)
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top.addLayout(self.choosing, 0)
        self.top.addSpacing(GAP)
        self.top.addLayout(self.filtering, 1)
        self.body.addWidget(self._table_and_charts())
        self.body.addWidget(self.message)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top)
        layout.addWidget(self._busy_bar())
        layout.addWidget(self.tiles)
        layout.addWidget(self.body, 1)
        # In the sunlight mode's large text it is larger than a small screen: it scrolls.
        self.scrolling = ScrollingPart(content, self)
        QVBoxLayout(self).addWidget(self.scrolling)

    def _busy_bar(self) -> QProgressBar:
        """A thin bar without text that moves to and fro; hidden, it keeps its room, so
        nothing below it jumps when a refresh starts or ends."""
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(BUSY_BAR_HEIGHT)
        self.busy.setToolTip(self.tr("Reading the figures…"))
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # as wide as the window has
        self.busy.setSizePolicy(policy)
        self.busy.hide()
        return self.busy

    def _arrange(self) -> None:
        """The filters after the period and the grouping when one line holds them all,
        else on a line of their own (the sunlight mode's large text on a small screen)."""
        wanted = (self.choosing.sizeHint().width() + GAP
                  + self.filtering.minimumSize().width())
        room = self.scrolling.width() - self.scrolling.verticalScrollBar().sizeHint().width()
        self.top.setDirection(QBoxLayout.Direction.LeftToRight if wanted <= room
                              else QBoxLayout.Direction.TopToBottom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the sunlight mode's large text, or back
            self.message.setFont(theme.scaled(self.font(), MESSAGE_SCALE))
            # once the controls have their new sizes (and the sunlight mode its style sheet)
            QTimer.singleShot(0, self, self._arrange)

    def _table_and_charts(self) -> QSplitter:
        charts = QSplitter(Qt.Orientation.Vertical, self)
        charts.addWidget(self.trend_chart)
        charts.addWidget(self.weak_chart)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([740, 600])
        return splitter

    def _connect(self) -> None:
        self.picker.period_changed.connect(self.refresh)
        self.dimension.currentIndexChanged.connect(self.refresh)
        for box in self.filters.values():
            box.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self.table.activated.connect(self._on_table_activated)
        self.weak_chart.criterion_chosen.connect(self._on_weak_chart_criterion_chosen)

    # -- reading the figures -------------------------------------------------

    def scope(self) -> Scope | None:
        """The period and filters chosen (None while the period typed is not a period)."""
        period = self.picker.period()
        if period is None:
            return None
        return Scope(period, **{column: box.currentData() or ""
                                for column, box in self.filters.items()})

    @property
    def refreshing(self) -> bool:
        """True while the newest refresh's figures are being read."""
        return self._task is not None

    def refresh(self, *_args) -> None:
        """Read the figures for the period, dimension and filters chosen, on a worker thread.

        The figures shown stay until the new ones arrive; a refresh still reading is
        cancelled, and should it finish all the same, its figures are dropped.
        """
        self.picker.set_months(self._services.office.months())
        scope, by = self.scope(), self.dimension.currentData()
        if scope is None:
            return
        if self._task is not None:
            self._task.cancel()
        self._generation += 1
        generation = self._generation
        session = (self._services.store.data_dir, self._services.user, self._services.workers)
        self._task = self._tasks.run(
            _gather_in_worker, session, scope, by, quiet=True, parent_widget=self,
            title=self.tr("Reading the figures…"),
            on_done=lambda snapshot: self._on_gathered(generation, snapshot))
        self._task.finished.connect(lambda: self._on_refresh_ended(generation))
        self._show_busy(True)

    def _is_newest(self, generation: int) -> bool:
        """False once the window is gone or a later refresh supersedes this one."""
        return isValid(self) and generation == self._generation

    def _on_gathered(self, generation: int, snapshot: Snapshot) -> None:
        if self._is_newest(generation):
            self.show_snapshot(snapshot)

    def _on_refresh_ended(self, generation: int) -> None:
        """Done, failed (a bug: the crash handler has it) or cancelled: no longer busy."""
        if self._is_newest(generation):
            self._task = None
            self._show_busy(False)

    def _show_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        if busy and self.snapshot is None:  # the first figures: nothing to keep showing
            self.message.setText(self.tr("Reading the figures…"))
            self.body.setCurrentWidget(self.message)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Show what :func:`gather` read."""
        self.snapshot = snapshot
        self._fill_filters(snapshot)
        self.tiles.show_totals(snapshot.totals, snapshot.previous)
        self.table.source.set_header(FigureTableModel.NAME, self.dimension.currentText())
        self.table.source.set_rows(snapshot.figures)
        if not snapshot.figures:
            self.message.setText(self._empty_text(snapshot.scope))
            self.body.setCurrentWidget(self.message)
            return
        self.body.setCurrentIndex(0)
        self.trend_chart.set_trend(snapshot.trend)
        self.weak_chart.set_criteria(snapshot.weakest)

    def _empty_text(self, scope: Scope) -> str:
        if scope.filters():
            return self.tr("No finished inspections in %1 for the filters chosen.").replace(
                "%1", scope.period.label_zh)
        return self.tr("No finished inspections in %1.").replace("%1", scope.period.label_zh)

    def _fill_filters(self, snapshot: Snapshot) -> None:
        """List each filter's values in the period; a value chosen stays even without data."""
        for column, box in self.filters.items():
            chosen = box.currentData() or ""
            box.blockSignals(True)
            box.clear()
            box.addItem(self._filter_words()[column], "")
            choices = snapshot.choices.get(column, [])
            for value, label in choices:
                box.addItem(label, value)
            if chosen and chosen not in {value for value, _ in choices}:
                box.addItem(group_name(chosen), chosen)
            box.setCurrentIndex(max(box.findData(chosen), 0))
            box.blockSignals(False)

    # -- clicking through ----------------------------------------------------

    def _title(self, what: str) -> str:
        scope = self.snapshot.scope
        chosen = [box.currentText() for box in self.filters.values() if box.currentData()]
        return " · ".join([scope.period.label_zh, *chosen, what])

    def _on_table_activated(self, index) -> None:
        figure = self.table.row_value(index.row())
        if figure is not None:
            self.open_drill_down(figure.scope, self._title(
                f"{self.dimension.currentText()} {group_name(figure.label)}"))

    def _on_weak_chart_criterion_chosen(self, code: str) -> None:
        if self.snapshot is None:
            return
        text = next((c.text for c in self.snapshot.weakest if c.code == code), "")
        self.open_drill_down(self.snapshot.scope, self._title(short_text(code, text, 30)), code)

    def open_drill_down(self, scope: Scope, title: str,
                        criterion_code: str | None = None) -> DrillDownDialog:
        """Open the findings and inspections of ``scope`` (of one criterion if given)."""
        dialog = DrillDownDialog(self._services, scope, title, criterion_code, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.inspection_chosen.connect(self.inspection_chosen)
        self.drill_down = dialog
        dialog.show()
        return dialog
