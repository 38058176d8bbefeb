"""Importing from a camera card or phone: only the photos not imported before, newest first.

The dialog lists the removable drives (or takes any folder), scans it in a task
(:func:`ui.card_scan.scan`: DCIM or the whole volume, every photo hashed and
compared with the photo store), and shows the new photos as a checkable list
whose thumbnails load in the background as they scroll into view. By default
only photos from the inspection's day are shown. ``files_chosen`` hands the
checked files to the evidence panel, which imports them as any other files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.store import clock
from ui.card_scan import ScanResult, Volume, removable_volumes, scan
from ui.itemmodels.card_model import THUMB_EDGE, CardPhotoModel, DayFilter, load_thumbnails
from ui.screen_fit import resize_to_fit
from ui.tasks import TaskRunner
from usecases.services import Services


class CardImportDialog(QDialog):
    """Choose a card, see its new photos, check some, import them."""

    files_chosen = Signal(list)  # list[Path], newest first

    def __init__(self, services: Services, tasks: TaskRunner | None, inspection_id: str | None,
                 parent: QWidget | None = None, volumes: list[Volume] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Photos from a card or phone"))
        resize_to_fit(self, 900, 640)
        self._services, self._tasks = services, tasks
        self.day = _inspection_day(services, inspection_id)
        self.scanned_root: Path | None = None
        self.last_scan: ScanResult | None = None
        self.model = CardPhotoModel(self)
        self.model.thumbnails_wanted.connect(self._on_model_thumbnails_wanted)
        self.proxy = DayFilter(self)
        self.proxy.setSourceModel(self.model)
        self.drives = QComboBox(self)
        self.scan_button = QPushButton(self.tr("&Look for new photos"), self)
        self.browse_button = QPushButton(self.tr("&Browse folder…"), self)
        self.only_day = QCheckBox(self.tr("Only photos from the inspection's &day (%1)")
                                  .replace("%1", self.day.isoformat()), self)
        self.only_day.setChecked(True)
        self.list = self._list_view()
        self.status = QLabel(self.tr("Choose the card or phone."), self)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("&Import checked"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._lay_out()
        self._connect()
        self._fill_drives(removable_volumes() if volumes is None else volumes)
        self._on_only_day_toggled(True)

    def _list_view(self) -> QListView:
        view = QListView(self)
        view.setModel(self.proxy)
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setIconSize(QSize(THUMB_EDGE, THUMB_EDGE))
        view.setGridSize(QSize(THUMB_EDGE + 40, THUMB_EDGE + 56))
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setMovement(QListView.Movement.Static)
        view.setUniformItemSizes(True)
        view.setWordWrap(True)
        return view

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Drive:"), self))
        top.addWidget(self.drives, 1)
        top.addWidget(self.scan_button)
        top.addWidget(self.browse_button)
        checks = QHBoxLayout()
        for text, checked in ((self.tr("Check &all"), True), (self.tr("Check &none"), False)):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=checked: self.check_all(c))
            checks.addWidget(button)
        checks.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.only_day)
        layout.addWidget(self.list, 1)
        layout.addLayout(checks)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.drives.activated.connect(self._on_drives_activated)
        self.scan_button.clicked.connect(self._on_scan_button_clicked)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.only_day.toggled.connect(self._on_only_day_toggled)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        for signal in (self.proxy.dataChanged, self.proxy.modelReset, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved):
            signal.connect(self._update_import_button)

    def _fill_drives(self, volumes: list[Volume]) -> None:
        locale = QLocale()
        for volume in volumes:
            free = self.tr("%1 free").replace("%1", locale.formattedDataSize(volume.free_bytes))
            where = volume.name if volume.name == str(volume.root) else (
                f"{volume.name} ({volume.root})")
            self.drives.addItem(f"{where} — {free}", str(volume.root))
        if not volumes:
            self.drives.addItem(self.tr("No card or phone found: connect one, or browse a "
                                        "folder"), None)
            self.drives.setEnabled(False)
            self.scan_button.setEnabled(False)
        self._update_import_button()

    # -- what the user does -----------------------------------------------------------

    def scan(self, root: Path) -> None:
        """Look for new photos under ``root`` (a drive or a folder) in the background."""
        if self._tasks is None:
            return
        self.scanned_root = Path(root)
        self.status.setText(self.tr("Looking for new photos in %1…").replace("%1", str(root)))
        known = frozenset(self._services.photos.imported_hashes())
        self._tasks.run(scan, Path(root), known, on_done=self._on_scan_done,
                        title=self.tr("Looking for new photos"), parent_widget=self)

    def check_all(self, checked: bool) -> None:
        """Check or uncheck every photo shown."""
        rows = [self.proxy.mapToSource(self.proxy.index(r, 0)).row()
                for r in range(self.proxy.rowCount())]
        self.model.set_checked(rows, checked)

    def checked_files(self) -> list[Path]:
        """The checked photos that are shown (the day filter applies), newest first."""
        return [self.proxy.index(r, 0).data(CardPhotoModel.PATH_ROLE)
                for r in range(self.proxy.rowCount())
                if self.proxy.index(r, 0).data(Qt.ItemDataRole.CheckStateRole)
                == Qt.CheckState.Checked]

    # -- slots -------------------------------------------------------------------------

    def _on_drives_activated(self, index: int) -> None:
        root = self.drives.itemData(index)
        if root:
            self.scan(Path(root))

    def _on_scan_button_clicked(self) -> None:
        self._on_drives_activated(self.drives.currentIndex())

    def _on_browse_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with photos"))
        if folder:
            self.scan(Path(folder))

    def _on_scan_done(self, result: ScanResult) -> None:
        self.last_scan = result
        self.model.set_photos(result.new)
        self._show_counts(result)

    def _show_counts(self, result: ScanResult) -> None:
        shown = self.proxy.rowCount()
        text = self.tr("%n new photo(s)", "", len(result.new))
        if self.only_day.isChecked():
            text += " · " + self.tr("%n from the inspection's day", "", shown)
        text += " · " + self.tr("%n imported before", "", result.known)
        self.status.setText(text)

    def _on_only_day_toggled(self, checked: bool) -> None:
        self.proxy.set_day(self.day if checked else None)
        if self.last_scan is not None:
            self._show_counts(self.last_scan)

    def _on_model_thumbnails_wanted(self, paths: list) -> None:
        if self._tasks is not None:
            self._tasks.run(load_thumbnails, paths, on_done=self.model.set_thumbnails,
                            on_error=lambda _exc: None, quiet=True)

    def _update_import_button(self, *_args) -> None:
        self.import_button.setEnabled(bool(self.checked_files()))

    def _on_buttons_accepted(self) -> None:
        files = self.checked_files()
        if files:
            self.files_chosen.emit(files)
            self.accept()


def _inspection_day(services: Services, inspection_id: str | None) -> dt.date:
    """The office's day an inspection started (today when there is none)."""
    if not inspection_id:
        return dt.date.fromisoformat(clock.office_today())
    return clock.office_date(services.inspections.detail(inspection_id).inspection.started_at)
