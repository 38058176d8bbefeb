"""The office's checklist editions from the windows: which is in use, a CSV of local changes
previewed row by row (every bad row named before anything is stored) and imported as a new
edition, an edition written out, and one made the edition new inspections use.

The laptops receive editions with the next office bundle.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.checklist.checklist import EditionSummary
from model.checklist.checklist_csv import ChecklistPreview, PreviewLine
from model.errors import UserFacingError
from model.store import clock
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


class EditionModel(RowTable):
    """The stored editions, the active one marked."""

    def __init__(self, parent: QObject | None = None):
        super().__init__([self.tr("In use"), self.tr("Name"), self.tr("Source"),
                          self.tr("Site types"), self.tr("Criteria"), self.tr("Loaded")], parent)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index) or role != Qt.ItemDataRole.DisplayRole:
            return None
        e: EditionSummary = self.row_at(index.row())
        return (self.tr("✓ in use") if e.active else "", e.name, e.source, str(e.site_types),
                str(e.criteria), clock.office_text(e.loaded_at)[:10])[index.column()]


class CriterionPreviewModel(RowTable):
    """The good rows of a checklist file: line, criterion and what it changes."""

    def __init__(self, parent: QObject | None = None):
        super().__init__([self.tr("Line"), self.tr("Code"), self.tr("Site type"),
                          self.tr("Criterion"), self.tr("Change")], parent)
        self._changes = change_words()

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index) or role != Qt.ItemDataRole.DisplayRole:
            return None
        line: PreviewLine = self.row_at(index.row())
        c = line.criterion
        return (str(line.line), c.code, c.site_type, c.text_zh,
                self._changes[line.change])[index.column()]


class ChecklistDialog(QDialog):
    """Editions: see, import a CSV over the edition in use, export one, activate one."""

    editions_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.path: Path | None = None
        self.preview: ChecklistPreview | None = None
        self.setWindowTitle(self.tr("Checklist editions"))
        self.editions = EditionModel(self)
        self.edition_table = self._table(self.editions)
        self.edition_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.criteria = CriterionPreviewModel(self)
        self.criteria_table = self._table(self.criteria)
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("Name of the new edition"))
        self.problems, self.outcome = message_label(self), message_label(self)
        self.activate_button = QPushButton(self.tr("&Use for new inspections"), self)
        self.export_button = QPushButton(self.tr("E&xport…"), self)
        self.choose_button = QPushButton(self.tr("&Choose a CSV file…"), self)
        self.import_button = QPushButton(self.tr("&Import as a new edition"), self)
        self.import_button.setEnabled(False)
        self._build()
        self.activate_button.clicked.connect(self.activate_selected)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.import_button.clicked.connect(self.import_edition)
        self.refresh()
        resize_to_fit(self, 960, 640)

    def _table(self, model) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _build(self) -> None:
        edition_buttons = QHBoxLayout()
        edition_buttons.addStretch(1)
        edition_buttons.addWidget(self.export_button)
        edition_buttons.addWidget(self.activate_button)
        import_row = QHBoxLayout()
        import_row.addWidget(self.choose_button)
        import_row.addWidget(self.name_edit, 1)
        import_row.addWidget(self.import_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Editions"), self))
        layout.addWidget(self.edition_table, 1)
        layout.addLayout(edition_buttons)
        layout.addWidget(QLabel(self.tr("Local changes from a CSV file (over the edition in "
                                        "use)"), self))
        layout.addLayout(import_row)
        layout.addWidget(self.criteria_table, 1)
        layout.addWidget(ScrollingPart(self.problems, self))  # one line per bad row
        layout.addWidget(self.outcome)
        layout.addWidget(close)

    def refresh(self) -> None:
        """Reload the editions; the one in use is selected."""
        found = self._services.checklists.editions()
        self.editions.set_rows(found)
        active = next((row for row, e in enumerate(found) if e.active), 0)
        self.edition_table.selectRow(active)
        office = bool(self._services.user and self._services.user.is_office)
        self.activate_button.setEnabled(office)

    def selected(self) -> EditionSummary | None:
        """The edition selected in the list."""
        rows = self.edition_table.selectionModel().selectedRows()
        return self.editions.row_at(rows[0].row()) if rows else None

    def activate_selected(self) -> None:
        """Make the selected edition the one new inspections use (office only)."""
        chosen = self.selected()
        if chosen is None:
            return
        try:
            self._services.checklists.activate(chosen.content_hash)
        except UserFacingError as exc:
            self.outcome.setText(f"<span style='color:{BAD_COLOUR}'>{exc}</span>")
            return
        self.refresh()
        self.outcome.setText(self.tr("New inspections use “%1”; the laptops with the next "
                                     "office bundle.").replace("%1", chosen.name))
        self.editions_changed.emit()

    def show_file(self, path: Path) -> ChecklistPreview:
        """Preview ``path`` over the edition in use: its rows, every problem named."""
        self.path, self.preview = Path(path), self._services.checklists.preview_csv(path)
        self.criteria.set_rows(self.preview.lines)
        if not self.name_edit.text().strip():
            self.name_edit.setText(self.path.stem)
        self.outcome.clear()
        self.problems.setText(preview_html(self.preview))
        office = bool(self._services.user and self._services.user.is_office)
        self.import_button.setEnabled(office and self.preview.importable)
        return self.preview

    def import_edition(self) -> None:
        """Import the previewed file as a new edition, which new inspections then use."""
        if self.path is None or self.preview is None or not self.preview.importable:
            return
        try:
            edition, created = self._services.checklists.import_csv(self.path,
                                                                    self.name_edit.text())
        except UserFacingError as exc:
            self.outcome.setText(f"<span style='color:{BAD_COLOUR}'>{exc}</span>")
            return
        self.refresh()
        said = (self.tr("Edition “%1” stored; new inspections use it (the laptops with the "
                        "next office bundle).") if created else
                self.tr("This edition is already stored as “%1”; nothing changed."))
        self.outcome.setText(f"<span style='color:{GOOD_COLOUR}'>"
                             + said.replace("%1", edition.name) + "</span>")
        self.editions_changed.emit()

    def export_selected(self, path: Path) -> int:
        """Write the selected edition to ``path``; say how many criteria."""
        chosen = self.selected()
        count = self._services.checklists.export_csv(path, chosen.content_hash if chosen
                                                     else None)
        self.outcome.setText(self.tr("%1 criteria written to %2.").replace("%1", str(count))
                             .replace("%2", str(path)))
        return count

    def _on_choose_button_clicked(self) -> None:
        chosen = open_csv(self, self.tr("Choose a checklist file"))
        if chosen:
            self.show_file(chosen)

    def _on_export_button_clicked(self) -> None:
        chosen = save_csv(self, self.tr("Export the checklist"), "测评标准.csv")
        if chosen:
            self.export_selected(chosen)
