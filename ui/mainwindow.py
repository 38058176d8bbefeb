"""The main window: for now a searchable list of inspections and the demo loader.

The auditor's full workflow (login, inspection view, keyboard marking) is
built on this shell by later work.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.appinfo import VERSION
from model.services import Services
from ui.itemmodels.inspection_table import SORT_ROLE, InspectionTableModel


class MainWindow(QMainWindow):
    """The application's top-level window."""

    def __init__(self, services: Services):
        super().__init__()
        self._services = services
        self.setWindowTitle(self.tr("CivicAudit"))
        self.resize(1100, 700)
        self.table_model = InspectionTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self._build_central()
        self._build_menus()
        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)
        self.refresh()

    def _build_central(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search site, district or auditor (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.empty_hint = QLabel(self.tr("No inspections yet. Load the demo city from the "
                                         "File menu to look around."), self)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # newest first
        layout = QVBoxLayout()
        for widget in (self.search, self.empty_hint, self.table):
            layout.addWidget(widget)
        central = QWidget(self)
        central.setLayout(layout)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.load_demo_action = self._action(self.tr("Load &demo city"), self._on_load_demo)
        file_menu.addAction(self.load_demo_action)
        file_menu.addSeparator()
        quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        file_menu.addAction(quit_action)
        find = self._action(self.tr("&Find"), self.search.setFocus, QKeySequence.StandardKey.Find)
        self.menuBar().addMenu(self.tr("&Edit")).addAction(find)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About CivicAudit"), self._on_about))

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def refresh(self) -> None:
        """Reload the inspection list and the status line from the store."""
        rows = self._services.list_inspections()
        self.table_model.set_rows(rows)
        self.empty_hint.setVisible(not rows)
        self.table.resizeColumnsToContents()
        sites = len(self._services.search_sites())
        self.status_label.setText(
            self.tr("%n site(s)", "", sites) + " · " + self.tr("%n inspection(s)", "", len(rows))
            + " · " + self.tr("Data: %1").replace("%1", str(self._services.store.data_dir)))

    def _on_load_demo(self) -> None:
        self._services.load_demo()
        self.refresh()
        self.statusBar().showMessage(self.tr("Demo city loaded. Password for every demo "
                                             "profile: demo"), 10_000)

    def _on_about(self) -> None:
        QMessageBox.about(self, self.tr("About CivicAudit"),
                          self.tr("%1 %2 — offline field audits for the National Civilized "
                                  "City assessment.").replace("%1", self.tr("CivicAudit"))
                          .replace("%2", VERSION))
