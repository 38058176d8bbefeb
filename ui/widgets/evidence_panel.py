"""The photos backing one finding: thumbnails with flags, and every way to add more.

Photos attach to the current criterion; photos attached to the whole
inspection are listed too, labelled so. Files come from a drop or from
:class:`ui.widgets.photo_sources.PhotoSources` (file dialog, folder, camera
card, laptop camera); all of them go through one
:class:`ui.photo_import.PhotoImporter`. A finished inspection can only be
looked at.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from model.photos.photos import IngestOutcome
from ui.camera import CameraSource
from ui.itemmodels.photo_model import THUMB_SIZE, PhotoListModel
from ui.photo_import import PhotoImporter
from ui.tasks import TaskRunner
from ui.warmup import after_first_paint
from ui.widgets.photo_sources import PhotoSources
from usecases.services import Services

# The viewer and the annotator are imported on first use (ui.warmup loads them once the
# window is painted): the window's start does not wait for them.
if TYPE_CHECKING:
    from ui.dialogs.annotate import AnnotationEditor
    from ui.dialogs.photo_viewer import PhotoViewer

# Under a thumbnail: its caption and the scroll bar, in lines of text and pixels (180 px
# at 10 pt); the caption grows with the sunlight mode's large text.
CAPTION_LINES, CAPTION_PIXELS = 2, 22


class EvidencePanel(QWidget):
    """Thumbnails of the photos of the current criterion, with buttons to add photos."""

    photos_changed = Signal(str)  # inspection id: photos were added, removed or annotated

    def __init__(self, services: Services, parent: QWidget | None = None,
                 camera: CameraSource | None = None):
        super().__init__(parent)
        self._services = services
        self.inspection_id: str | None = None
        self.criterion_code: str | None = None
        self.editable = False
        self.importer = PhotoImporter(services, self)
        self.importer.photos_imported.connect(self._on_importer_photos_imported)
        self.importer.import_failed.connect(self._on_importer_import_failed)
        self.importer.import_cancelled.connect(self._on_importer_import_cancelled)
        self.viewer: PhotoViewer | None = None
        self.annotator: AnnotationEditor | None = None
        self.caption = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.model = PhotoListModel(services.photos.thumbnail, self)
        self.thumbnails = self._thumbnail_view()
        self._fit_thumbnails_to_font()
        self.sources = PhotoSources(services, self, camera)
        self.sources.files_chosen.connect(self.import_files)
        self._lay_out()
        self.setAcceptDrops(True)
        # asked once the panel is on screen: loading QtMultimedia and listing cameras is slow
        after_first_paint(self, self._check_camera)
        self.show_for(None, None)

    def _thumbnail_view(self) -> QListView:
        view = QListView(self)
        view.setModel(self.model)
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setIconSize(THUMB_SIZE)
        view.setFlow(QListView.Flow.LeftToRight)
        view.setWrapping(False)
        view.setMovement(QListView.Movement.Static)
        view.setUniformItemSizes(True)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # double-click (or Enter; a single click where the desktop says so)
        view.activated.connect(self._on_thumbnails_activated)
        view.customContextMenuRequested.connect(self._on_thumbnails_context_menu_requested)
        return view

    def _fit_thumbnails_to_font(self) -> None:
        """As tall as a thumbnail with its caption: no caption is cut in the large text."""
        caption = CAPTION_LINES * self.fontMetrics().lineSpacing() + CAPTION_PIXELS
        self.thumbnails.setFixedHeight(THUMB_SIZE.height() + caption)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the sunlight mode's large text, or back
            self._fit_thumbnails_to_font()

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.caption, 1)
        for button in self.sources.buttons.values():
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.thumbnails)
        layout.addWidget(self.status)
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Maximum)

    # -- set up by the window ------------------------------------------------------

    def set_tasks(self, tasks: TaskRunner) -> None:
        """Give the runner imports go through; without it the panel only shows photos."""
        self.sources.tasks = tasks
        self.importer.set_tasks(tasks)
        self._update_buttons()

    # -- what is shown ---------------------------------------------------------------

    def show_for(self, inspection_id: str | None, criterion_code: str | None,
                 editable: bool = True) -> None:
        """Show the photos of a criterion and of the whole inspection; add to the criterion."""
        if (inspection_id, criterion_code) != (self.inspection_id, self.criterion_code):
            self.status.clear()
        self.inspection_id, self.criterion_code = inspection_id, criterion_code
        self.sources.inspection_id = inspection_id
        self.editable = bool(inspection_id) and editable
        self.refresh()

    def refresh(self) -> None:
        """Read the photos again (after an import, a removal, an annotation)."""
        photos = []
        if self.inspection_id:
            everything = self._services.photos.of(self.inspection_id)
            photos = [p for p in everything if p.criterion_code == self.criterion_code]
            if self.criterion_code is not None:
                photos += [p for p in everything if p.criterion_code is None]
        self.model.set_photos(photos)
        self._update_caption()
        self._update_buttons()

    def _update_caption(self) -> None:
        photos = self.model.photos()
        if not self.inspection_id:
            self.caption.setText(self.tr("Evidence"))
        elif photos:
            self.caption.setText(self.tr("Evidence: %n photo(s)", "", len(photos)))
        else:
            self.caption.setText(self.tr("Evidence: no photos for this criterion yet"))

    def _update_buttons(self) -> None:
        self.sources.set_enabled(self.editable and self.importer.ready
                                 and not self.importer.busy)

    # -- adding photos --------------------------------------------------------------

    def import_files(self, files: list[Path]) -> bool:
        """Add files and folders to the current finding in the background; False if not now."""
        if not (self.editable and self.importer.ready and files) or self.importer.busy:
            return False
        self.status.setText(self.tr("Adding photos…"))
        self.importer.import_files(self.inspection_id, self.criterion_code, files, self)
        self._update_buttons()
        return True

    def _on_importer_photos_imported(self, inspection_id: str,
                                     outcomes: list[IngestOutcome]) -> None:
        self.refresh()
        self.status.setText(self.importer.summary_text(outcomes))
        refused = self.importer.refusal_lines(outcomes)
        if refused:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some photos were refused"),
                              "\n".join(refused), QMessageBox.StandardButton.Ok, self)
            box.setObjectName("refusals")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.photos_changed.emit(inspection_id)

    def _on_importer_import_failed(self, inspection_id: str) -> None:
        self.status.clear()
        self.refresh()

    def _on_importer_import_cancelled(self, inspection_id: str) -> None:
        self.refresh()
        self.status.setText(self.tr("Import stopped; photos added before stopping are kept."))
        self.photos_changed.emit(inspection_id)

    # -- drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.editable and self.importer.ready and _local_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event)
        if files and self.import_files(files):
            event.acceptProposedAction()

    # -- what one does with a photo -----------------------------------------------

    def _on_thumbnails_activated(self, index: QModelIndex) -> None:
        self.open_viewer(index.row())

    def _on_thumbnails_context_menu_requested(self, position: QPoint) -> None:
        index = self.thumbnails.indexAt(position)
        if not index.isValid():  # the menu key: the current thumbnail
            index = self.thumbnails.currentIndex()
        if index.isValid():
            self.context_menu(index.row()).popup(self.thumbnails.viewport().mapToGlobal(position))

    def context_menu(self, row: int) -> QMenu:
        """The menu of one thumbnail: view, annotate, remove."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("&View"), lambda: self.open_viewer(row))
        annotate = menu.addAction(self.tr("&Annotate…"), lambda: self.open_annotator(row))
        remove = menu.addAction(self.tr("&Remove from this finding…"), lambda: self.remove(row))
        annotate.setEnabled(self.editable)
        remove.setEnabled(self.editable)
        return menu

    def open_viewer(self, row: int) -> PhotoViewer | None:
        """Show a photo large, with the others of the list a key press away."""
        from ui.dialogs.photo_viewer import PhotoViewer

        photos = self.model.photos()
        if not 0 <= row < len(photos):
            return None
        self.viewer = PhotoViewer(self._services, photos, row, self)
        self.viewer.show()
        return self.viewer

    def open_annotator(self, row: int) -> AnnotationEditor | None:
        """Draw arrows, circles, boxes and words on a photo."""
        from ui.dialogs.annotate import AnnotationEditor

        photo = self.model.photo(row)
        if photo is None or not self.editable:
            return None
        self.annotator = AnnotationEditor(self._services, photo, self)
        self.annotator.annotations_saved.connect(self._on_annotator_annotations_saved)
        self.annotator.open()
        return self.annotator

    def remove(self, row: int) -> bool:
        """Detach a photo from its finding after asking; True when removed."""
        photo = self.model.photo(row)
        if photo is None or not self.editable:
            return False
        question = self.tr("Remove %1 from this finding?").replace("%1", photo.original_name)
        if not self.confirm(self.tr("Remove photo"), question):
            return False
        self._services.photos.detach(photo.id)
        self.model.remove(photo.id)
        self._update_caption()
        self.photos_changed.emit(self.inspection_id)
        return True

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question (replaced in tests)."""
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def _on_annotator_annotations_saved(self, _photo_id: str) -> None:
        self.refresh()
        self.photos_changed.emit(self.inspection_id)

    def _check_camera(self) -> None:
        if not self.sources.camera_checked:
            self.sources.check_camera()


def _local_files(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    """The local files and folders being dragged."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
