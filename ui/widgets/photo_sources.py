"""Where evidence photos come from: files, a folder, a camera card, the laptop camera.

:class:`PhotoSources` owns the four buttons of the evidence panel and the
dialogs behind them, and hands every chosen file on through ``files_chosen``;
the panel imports them. The camera is asked about only once the panel is first
shown (:meth:`check_camera`), because loading QtMultimedia is slow and noisy.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from model.photos.photos import PHOTO_SUFFIXES
from ui.camera import CameraDialog, CameraSource, system_camera
from ui.tasks import TaskRunner
from usecases.services import Services

if TYPE_CHECKING:  # imported on first use (or by ui.warmup, once the window is painted)
    from ui.dialogs.card_import import CardImportDialog


class PhotoSources(QObject):
    """The buttons that add photos, and what each opens."""

    files_chosen = Signal(list)  # list[Path]: files and folders to import

    def __init__(self, services: Services, panel: QWidget, camera: CameraSource | None = None):
        super().__init__(panel)
        self._services, self._panel = services, panel
        self._camera = camera or system_camera()
        self.camera_checked = False
        self._capture_dir: tempfile.TemporaryDirectory | None = None
        self.tasks: TaskRunner | None = None
        self.inspection_id: str | None = None
        self.card_dialog: CardImportDialog | None = None
        self.camera_dialog: CameraDialog | None = None
        self.buttons = self._buttons()

    def _buttons(self) -> dict[str, QPushButton]:
        specs = (("add", self.tr("Add &photos…"), self.choose_files),
                 ("folder", self.tr("Add fol&der…"), self.choose_folder),
                 ("card", self.tr("From ca&rd…"), self.open_card_import),
                 ("camera", self.tr("Ca&mera…"), self.open_camera))
        buttons = {}
        for name, text, handler in specs:
            button = QPushButton(text, self._panel)
            button.setObjectName(f"evidence_{name}")
            button.clicked.connect(handler)
            buttons[name] = button
        buttons["camera"].setVisible(False)  # until a camera is found
        return buttons

    def set_enabled(self, enabled: bool) -> None:
        """Allow or stop adding photos (a finished inspection, an import running)."""
        for button in self.buttons.values():
            button.setEnabled(enabled)

    # -- the camera ------------------------------------------------------------------

    def set_camera(self, camera: CameraSource) -> None:
        """Use another camera (tests use :class:`ui.camera.FakeCameraSource`)."""
        self._camera, self.camera_checked = camera, False
        if self._panel.isVisible():
            self.check_camera()

    def check_camera(self) -> None:
        """Show the camera button if there is a camera (asks the system once)."""
        self.camera_checked = True
        self.buttons["camera"].setVisible(self._camera.available())

    def open_camera(self) -> CameraDialog | None:
        """Show the camera; each photo taken is handed on at once."""
        if not self._camera.available():
            return None
        if self._capture_dir is None:  # kept while the panel lives: imports read from it
            self._capture_dir = tempfile.TemporaryDirectory(prefix="civicaudit-camera-")
        self.camera_dialog = CameraDialog(self._camera, Path(self._capture_dir.name),
                                          self._panel)
        self.camera_dialog.photo_captured.connect(lambda path: self.files_chosen.emit([path]))
        self.camera_dialog.open()
        return self.camera_dialog

    # -- files, folders, cards -------------------------------------------------------

    def choose_files(self) -> None:
        """Ask for photo files."""
        patterns = " ".join(f"*{s} *{s.upper()}" for s in sorted(PHOTO_SUFFIXES))
        files, _filter = QFileDialog.getOpenFileNames(
            self._panel, self.tr("Add photos"), "",
            self.tr("Photos (%1)").replace("%1", patterns))
        if files:
            self.files_chosen.emit([Path(f) for f in files])

    def choose_folder(self) -> None:
        """Ask for a folder (every photo in it and below is imported)."""
        folder = QFileDialog.getExistingDirectory(self._panel, self.tr("Add a folder of photos"))
        if folder:
            self.files_chosen.emit([Path(folder)])

    def open_card_import(self) -> CardImportDialog:
        """Offer the new photos of a camera card or phone."""
        from ui.dialogs.card_import import CardImportDialog

        self.card_dialog = CardImportDialog(self._services, self.tasks, self.inspection_id,
                                            self._panel)
        self.card_dialog.files_chosen.connect(self.files_chosen)
        self.card_dialog.open()
        return self.card_dialog
