"""Taking evidence photos with the laptop's camera, behind an interface tests can fake.

:class:`CameraSource` is what the evidence panel and :class:`CameraDialog` need:
whether a camera exists, a live preview widget, and ``capture_to(path)``.
:class:`QtCameraSource` uses QtMultimedia, imported only when first asked
(importing it costs time and makes Qt print warnings about missing video
libraries); :class:`FakeCameraSource` writes a generated JPEG for tests.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.store import clock

log = logging.getLogger(__name__)
CAPTURE_TIMEOUT_MS = 10_000


class CameraSource:
    """A camera: ask :meth:`available` first; then a preview and captures."""

    def available(self) -> bool:
        """True when a camera can be used."""
        raise NotImplementedError

    def preview_widget(self, parent: QWidget) -> QWidget:
        """Return a widget showing the live picture (starts the camera)."""
        raise NotImplementedError

    def capture_to(self, path: Path) -> Path:
        """Take a picture, save it as a JPEG at ``path`` and return the path."""
        raise NotImplementedError

    def stop(self) -> None:
        """Switch the camera off."""


def system_camera() -> CameraSource:
    """Return the camera of this computer (nothing is loaded until it is asked about)."""
    return QtCameraSource()


class QtCameraSource(CameraSource):
    """The default camera through QtMultimedia."""

    def __init__(self):
        self._available: bool | None = None
        self._camera = self._capture = self._session = None

    def available(self) -> bool:
        if self._available is None:
            self._available = self._query()
        return self._available

    @staticmethod
    def _query() -> bool:
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError:
            log.info("QtMultimedia is missing: no camera")
            return False
        inputs = QMediaDevices.videoInputs()
        log.info("cameras: %s", [device.description() for device in inputs])
        return bool(inputs)

    def preview_widget(self, parent: QWidget) -> QWidget:
        from PySide6.QtMultimedia import (
            QCamera,
            QImageCapture,
            QMediaCaptureSession,
            QMediaDevices,
        )
        from PySide6.QtMultimediaWidgets import QVideoWidget

        widget = QVideoWidget(parent)
        self._session = QMediaCaptureSession(widget)
        self._camera = QCamera(QMediaDevices.defaultVideoInput(), widget)
        self._capture = QImageCapture(widget)
        self._capture.setFileFormat(QImageCapture.FileFormat.JPEG)
        self._session.setCamera(self._camera)
        self._session.setImageCapture(self._capture)
        self._session.setVideoOutput(widget)
        self._camera.start()
        return widget

    def capture_to(self, path: Path) -> Path:
        """Capture and wait (briefly, in a local event loop) until the file is written."""
        if self._capture is None:
            raise RuntimeError("preview_widget() starts the camera first")
        loop, saved = QEventLoop(), []

        def on_saved(_id: int, name: str) -> None:
            saved.append(name)
            loop.quit()

        def on_error(*_args) -> None:
            loop.quit()

        self._capture.imageSaved.connect(on_saved)
        self._capture.errorOccurred.connect(on_error)
        try:
            QTimer.singleShot(CAPTURE_TIMEOUT_MS, loop.quit)
            if self._capture.captureToFile(str(path)) != -1:
                loop.exec()
        finally:
            self._capture.imageSaved.disconnect(on_saved)
            self._capture.errorOccurred.disconnect(on_error)
        if not saved or not Path(saved[0]).exists():
            raise OSError(f"the camera did not deliver a picture ({self._capture.errorString()})")
        return Path(saved[0])

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()


class FakeCameraSource(CameraSource):
    """A camera for tests: a grey preview; each capture writes a Pillow JPEG with EXIF time."""

    def __init__(self, available: bool = True):
        self._available = available
        self.captured: list[Path] = []

    def available(self) -> bool:
        return self._available

    def preview_widget(self, parent: QWidget) -> QWidget:
        label = QLabel("fake camera", parent)  # test support only, never shown to users
        label.setMinimumSize(320, 240)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("background: #404040; color: white;")
        return label

    def capture_to(self, path: Path) -> Path:
        from PIL import Image

        image = Image.new("RGB", (640, 480), (90 + 20 * len(self.captured) % 160, 120, 150))
        exif = Image.Exif()
        exif[0x010F] = "CivicAudit fake camera"  # Make
        # as a camera set to the local clock writes it: the office's wall-clock time
        exif.get_ifd(0x8769)[0x9003] = clock.office_moment(clock.now()).strftime(
            "%Y:%m:%d %H:%M:%S")
        image.save(path, "JPEG", exif=exif)
        self.captured.append(Path(path))
        return Path(path)


class CameraDialog(QDialog):
    """Live picture; Space or Enter takes a photo, which ``photo_captured`` hands on.

    Pictures are written to ``folder``, which must outlive the import that follows.
    """

    photo_captured = Signal(object)  # Path of the new JPEG

    def __init__(self, camera: CameraSource, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Camera"))
        self._camera, self._folder = camera, Path(folder)
        self.preview = camera.preview_widget(self)
        self.status = QLabel(self.tr("Space or Enter takes a photo; it is added to the "
                                     "current finding."), self)
        self.capture_button = QPushButton(self.tr("&Take photo"), self)
        self.capture_button.setAutoDefault(False)
        self.capture_button.clicked.connect(self.capture)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.capture_button)
        layout.addWidget(buttons)
        self.finished.connect(self._on_self_finished)

    def capture(self) -> Path | None:
        """Take a photo now; return its file (None when the camera failed)."""
        name = dt.datetime.now().strftime("camera-%Y%m%d-%H%M%S-%f")[:-3] + ".jpg"
        try:
            path = self._camera.capture_to(self._folder / name)
        except OSError as exc:
            log.warning("capture failed: %s", exc)
            self.status.setText(self.tr("The camera did not deliver a picture. Try again."))
            return None
        self.status.setText(self.tr("Taken: %1").replace("%1", path.name))
        self.photo_captured.emit(path)
        return path

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.capture()
            return
        super().keyPressEvent(event)

    def _on_self_finished(self, _result: int) -> None:
        self._camera.stop()
