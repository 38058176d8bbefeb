"""The monthly rankings: districts, sub-districts and responsible units, last places marked.

Each tab ranks one kind of group by its score rate after the negative list
(负面清单) and shows the rules a group set off as its reasons; the last places
are shaded and say 末位 in words. The office sets how many last places are
marked; the rules themselves are shown read-only here and changed with the
command line (``negative-list set FILE``). Double-clicking a group opens the
findings and inspections behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from model.office.dashboard import Scope
from model.office.rankings import Standing
from ui import theme
from ui.dialogs.drill_down import DrillDownDialog
from ui.itemmodels.figure_model import StandingTableModel, group_name
from ui.itemmodels.rule_model import RuleTableModel
from ui.screen_fit import resize_to_fit
from ui.widgets.office_table import OfficeTable
from ui.widgets.period_picker import PeriodPicker
from usecases.services import Services

SAVE_DELAY_MS = 600  # the number of last places is saved once the arrows stop
MESSAGE_SCALE = 1.4  # the message shown instead of an empty table (14 pt in the normal look)


class RankingPage(QStackedWidget):
    """One ranking: its table, or a plain message when nothing was inspected."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = OfficeTable(StandingTableModel(self), self)
        self.table.stretch_column(StandingTableModel.REASONS)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555555;")
        self.message.setFont(theme.scaled(self.font(), MESSAGE_SCALE))
        self.addWidget(self.table)
        self.addWidget(self.message)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the sunlight mode's large text, or back
            self.message.setFont(theme.scaled(self.font(), MESSAGE_SCALE))

    def show_standings(self, standings: list[Standing], empty_text: str) -> None:
        """Show ``standings``, or ``empty_text`` when there are none."""
        self.table.source.set_rows(standings)
        self.message.setText(empty_text)
        self.setCurrentWidget(self.table if standings else self.message)


class RankingsDialog(QDialog):
    """A non-modal window over the rankings of the period chosen."""

    inspection_chosen = Signal(str, str)  # inspection id, criterion code ('' for none)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(self.tr("Rankings"))
        resize_to_fit(self, 1200, 700)
        self.drill_down: DrillDownDialog | None = None
        self.picker = PeriodPicker(self)
        self.last_places = QSpinBox(self)
        self.last_places.setRange(0, 20)
        self.rules_button = QPushButton(self.tr("&Negative list…"), self)
        self.rules_button.setToolTip(self.tr("The rules that zero, cap or cut a score"))
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Read the rankings again (F5)"))
        self.pages = {by: RankingPage(self) for by, _, _ in self._kinds()}
        self.tabs = QTabWidget(self)
        for by, tab, header in self._kinds():
            self.tabs.addTab(self.pages[by], tab)
            self.pages[by].table.source.set_header(StandingTableModel.NAME, header)
        self.note = QLabel(self.tr("Ranked by the score rate after the negative list. "
                                   "The last places are shaded and marked “Last place”."), self)
        self.note.setWordWrap(True)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._lay_out()
        self._connect()
        self._set_up_last_places()

    def _kinds(self) -> list[tuple[str, str, str]]:
        """Each ranking: its dimension, its tab and the heading of its name column."""
        return [("district", self.tr("Districts"), self.tr("District")),
                ("sub-district", self.tr("Sub-districts"), self.tr("Sub-district")),
                ("unit", self.tr("Responsible units"), self.tr("Responsible unit"))]

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addSpacing(12)
        label = QLabel(self.tr("&Last places marked:"), self)
        label.setBuddy(self.last_places)
        top.addWidget(label)
        top.addWidget(self.last_places)
        top.addStretch(1)
        top.addWidget(self.rules_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)

    def _connect(self) -> None:
        self.picker.period_changed.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.rules_button.clicked.connect(self.show_rules)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self.last_places.valueChanged.connect(self._save_timer.start)
        self.last_places.editingFinished.connect(self.save_last_places)
        self._save_timer.timeout.connect(self.save_last_places)
        for page in self.pages.values():
            page.table.activated.connect(
                lambda index, table=page.table: self._on_table_activated(table, index))

    def _set_up_last_places(self) -> None:
        office = self._services.user is not None and self._services.user.is_office
        self.last_places.blockSignals(True)
        self.last_places.setValue(self._services.office.last_places())
        self.last_places.blockSignals(False)
        self.last_places.setEnabled(office)
        self.last_places.setToolTip(
            self.tr("How many of the lowest ranks are marked (0: none)") if office
            else self.tr("Only the office sets how many last places are marked"))

    def refresh(self, *_args) -> None:
        """Read the rankings of the period chosen."""
        self.picker.set_months(self._services.office.months())
        period = self.picker.period()
        if period is None:
            return
        scope = Scope(period)
        empty = self.tr("No finished inspections in %1.").replace("%1", period.label_zh)
        for by, page in self.pages.items():
            page.show_standings(self._services.office.standings(scope, by), empty)

    def save_last_places(self) -> None:
        """Store the number of last places marked (office only) and show the new marks."""
        self._save_timer.stop()
        office = self._services.office
        if not self.last_places.isEnabled() or self.last_places.value() == office.last_places():
            return
        office.set_last_places(self.last_places.value())
        self.refresh()

    def standings(self, by: str) -> list[Standing]:
        """The standings shown on the tab of ``by``, in model order."""
        return self.pages[by].table.source.rows()

    def show_rules(self) -> QDialog:
        """Show the negative-list rules in force (read-only)."""
        dialog = NegativeListDialog(self._services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _on_table_activated(self, table: OfficeTable, index) -> None:
        standing = table.row_value(index.row())
        if standing is None:
            return
        kind = self.tabs.tabText(self.tabs.currentIndex())
        title = " · ".join([standing.figure.scope.period.label_zh, kind,
                            group_name(standing.label)])
        dialog = DrillDownDialog(self._services, standing.figure.scope, title, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.inspection_chosen.connect(self.inspection_chosen)
        self.drill_down = dialog
        dialog.show()


class NegativeListDialog(QDialog):
    """The negative-list rules in force, read-only, and how to change them."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Negative list"))
        resize_to_fit(self, 980, 360)
        self.table = OfficeTable(RuleTableModel(self), self)
        self.table.source.set_rows(services.office.negative_rules())
        how = QLabel(self.tr("A rule applies to a district, sub-district or unit when its "
                             "criteria failed at least the given number of times in the period. "
                             "To change the list, write the rules to a JSON file and load it with "
                             "“python main.py negative-list set FILE”."), self)
        how.setWordWrap(True)
        how.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(how)
        layout.addWidget(buttons)
