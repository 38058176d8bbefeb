"""What the sync dialogs share: running a job on a worker thread, and finding drives and bundles.

A sync *job* is a plain function ``job(services, progress)``. :func:`run_job` hands it
to the one path for slow work (:class:`ui.tasks.TaskRunner`); on the worker thread
it gets its own :class:`~usecases.services.Services`, opened as the signed-in profile
and closed afterwards, because an SQLite connection belongs to the thread that
opened it. :func:`writable_drives` lists the USB drives a bundle can be written
to; :func:`find_bundles` lists the bundles on drives or in folders, newest first,
from their manifests (read, not yet verified: the import verifies everything).
:func:`message_label` is the selectable label the dialogs say outcomes in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Qt
from PySide6.QtWidgets import QLabel, QWidget

from model.progress import Progress
from model.store import clock
from model.sync import bundle_format, bundle_open
from ui.card_scan import Volume, removable_volumes
from ui.tasks import Task, TaskRunner
from usecases.services import Services

Job = Callable[[Services, Progress], object]
GOOD_COLOUR, BAD_COLOUR = "#1b6e20", "#b3261e"


@dataclass(frozen=True)
class FoundBundle:
    """A bundle file found on a drive: its manifest, or why the manifest cannot be read."""

    path: Path
    manifest: bundle_format.Manifest | None
    problem: str | None = None
    modified: float = 0.0  # the file's time, for ordering bundles whose manifest is unreadable

    @property
    def made(self) -> dt.datetime:
        """When the bundle was made (its manifest's time, else the file's time)."""
        if self.manifest is not None:
            try:
                return clock.office_moment(self.manifest.created_at)
            except ValueError:
                pass
        return clock.office_moment(dt.datetime.fromtimestamp(self.modified, dt.UTC))


def run_job(tasks: TaskRunner, services: Services, job: Job, *, title: str, parent: QWidget,
            on_done: Callable, on_error: Callable,
            on_cancelled: Callable | None = None) -> Task:
    """Run ``job`` on a worker thread with its own connection as the signed-in profile."""
    session = (services.store.data_dir, services.user, services.workers)
    return tasks.run(_in_worker, session, job, title=title, parent_widget=parent,
                     on_done=on_done, on_error=on_error, on_cancelled=on_cancelled)


def _in_worker(session: tuple, job: Job, progress: Progress) -> object:
    """Runs on a worker thread (SQLite stays on its thread)."""
    worker = Services.open_as(*session)
    try:
        return job(worker, progress)
    finally:
        worker.close()


def writable_drives() -> list[Volume]:
    """The removable drives (mounted, ready) that are not read-only."""
    return [volume for volume in removable_volumes()
            if not QStorageInfo(str(volume.root)).isReadOnly()]


def free_bytes(folder: Path) -> int:
    """Free space on the drive holding ``folder`` (-1 when unknown)."""
    storage = QStorageInfo(str(folder))
    return storage.bytesAvailable() if storage.isValid() else -1


def find_bundles(folders: Iterable[Path]) -> list[FoundBundle]:
    """Every ``*.cabundle`` in the folders and their direct subfolders, newest first."""
    seen: dict[Path, FoundBundle] = {}
    for folder in folders:
        for path in _bundle_files(Path(folder)):
            key = path.resolve()
            if key not in seen:
                seen[key] = look_at(path)
    # Manifest times have whole seconds: the file's time breaks a tie.
    return sorted(seen.values(), reverse=True,
                  key=lambda found: (found.manifest is not None, found.made, found.modified))


def look_at(path: Path) -> FoundBundle:
    """Read a bundle's manifest without verifying it (a damaged file says why)."""
    path = Path(path)
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    try:
        return FoundBundle(path, bundle_open.peek_manifest(path), None, modified)
    except bundle_format.BundleError as error:
        return FoundBundle(path, None, error.detail, modified)


def _bundle_files(folder: Path) -> list[Path]:
    """Bundles at the top of a drive or one folder down (never .part files: they end
    differently)."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return []  # a drive pulled out while we looked
    found = [c for c in children if c.suffix.lower() == bundle_format.SUFFIX and c.is_file()]
    for child in children:
        if child.is_dir() and not child.name.startswith((".", "$")):
            try:
                found += [p for p in child.iterdir()
                          if p.suffix.lower() == bundle_format.SUFFIX and p.is_file()]
            except OSError:
                continue
    return found


def message_label(parent: QWidget) -> QLabel:
    """A wrapping label whose text can be selected and copied (paths, reasons)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
