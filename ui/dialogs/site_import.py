"""The office's site list from the windows: a CSV file previewed row by row, every bad row
named before anything is stored, then imported in one go; and the list written out again.

The laptops receive the sites with the next office bundle.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.errors import UserFacingError
from model.sites.sites import ImportPreview, PreviewLine
from ui.dialogs.file_preview import (
    BAD_COLOUR,
    GOOD_COLOUR,
    change_words,
    open_csv,
    preview_html,
    save_csv,
)
from ui.itemmodels.row_table import RowTable
from ui.screen_fit import ScrollingPart, resize_to_fit
from ui.sync_work import message_label
from usecases.services import Services

FIELDS = ("code", "name", "district", "sub_district", "site_type", "unit_name")


class PreviewModel(RowTable):
    """The good rows of a site file: line, the site's main fields and what would change."""

    def __init__(self, parent: QObject | None = None):
        super().__init__([self.tr("Line"), self.tr("Code"), self.tr("Name"), self.tr("District"),
                          self.tr("Sub-district"), self.tr("Type"), self.tr("Unit"),
                          self.tr("Change")], parent)
        self._changes = change_words()

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        line: PreviewLine = self.row_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(line.line)
            if column <= len(FIELDS):
                return str(line.values[FIELDS[column - 1]])
            return self._changes[line.change]
        if role == Qt.ItemDataRole.ForegroundRole and column == len(FIELDS) + 1 \
                and line.change != "unchanged":
            return QBrush(QColor(GOOD_COLOUR))
        return None


class SiteImportDialog(QDialog):
    """Choose a site CSV, see what it would do, import it (office); export the list."""

    sites_imported = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.setWindowTitle(self.tr("Site list"))
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.file_label = message_label(self)
        self.problems = message_label(self)
        self.outcome = message_label(self)
        self.choose_button = QPushButton(self.tr("&Choose a CSV file…"), self)
        self.import_button = QPushButton(self.tr("&Import these sites"), self)
        self.export_button = QPushButton(self.tr("&Export the site list…"), self)
        self.import_button.setEnabled(False)
        self._build()
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.import_button.clicked.connect(self.import_sites)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        resize_to_fit(self, 900, 560)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        columns = QLabel(self.tr("Columns: 点位编号, 点位名称, 点位类型, 区县, 街道, 地址, "
                                 "责任单位, 负责人, 联系电话, 纬度, 经度. UTF-8 text: in "
                                 "Excel, save as 'CSV UTF-8 (comma delimited)'."), self)
        columns.setWordWrap(True)  # two lines on a small screen rather than a wider dialog
        layout.addWidget(columns)
        layout.addWidget(self.table, 1)
        layout.addWidget(ScrollingPart(self.problems, self))  # one line per bad row
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)

    def show_file(self, path: Path) -> ImportPreview:
        """Preview ``path``: its rows in the table, every problem named below them."""
        self.path, self.preview = Path(path), self._services.sites.preview_csv(path)
        self.file_label.setText(str(self.path))
        self.model.set_rows(self.preview.lines)
        self.outcome.clear()
        self.problems.setText(preview_html(self.preview))
        office = bool(self._services.user and self._services.user.is_office)
        self.import_button.setEnabled(office and self.preview.importable)
        return self.preview

    def import_sites(self) -> None:
        """Import the previewed file (all rows or none) and show what it did."""
        if self.path is None or self.preview is None or not self.preview.importable:
            return
        try:
            done = self._services.sites.import_csv(self.path)
        except UserFacingError as exc:
            self.outcome.setText(f"<span style='color:{BAD_COLOUR}'>{exc}</span>")
            return
        said = f"<span style='color:{GOOD_COLOUR}'>" + self.tr(
            "Imported: %1 new, %2 changed, %3 unchanged. The laptops receive them with the next "
            "office bundle.").replace("%1", str(done.created)).replace(
            "%2", str(done.updated)).replace("%3", str(done.unchanged)) + "</span>"
        self.show_file(self.path)  # now every row reads "unchanged"
        self.outcome.setText(said)
        self.sites_imported.emit()

    def export_sites(self, path: Path) -> int:
        """Write the site list to ``path``; say how many."""
        count = self._services.sites.export_csv(path)
        self.outcome.setText(self.tr("%n site(s) written to %1.", "", count)
                             .replace("%1", str(path)))
        return count

    def _on_choose_button_clicked(self) -> None:
        chosen = open_csv(self, self.tr("Choose a site list"))
        if chosen:
            self.show_file(chosen)

    def _on_export_button_clicked(self) -> None:
        chosen = save_csv(self, self.tr("Export the site list"), "点位清单.csv")
        if chosen:
            self.export_sites(chosen)
