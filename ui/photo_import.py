"""Adding photos as evidence: the import task, the background previews, the words for outcomes.

Every way in (file dialog, folder, drop, card, camera) ends in
:meth:`PhotoImporter.import_files`, which runs ``Services.photos.add`` on a
worker with its own connection, then makes the 1600 px previews in a quiet
second task. ``photos_imported`` brings the per-file outcomes back to the GUI
thread; :meth:`PhotoImporter.summary_text` and :meth:`PhotoImporter.refusal_lines`
put them into words.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from model.people.profiles import Profile
from model.photos.photos import IngestOutcome, IngestStatus
from model.photos.workers import PixelWorkers
from ui.labels import word
from ui.tasks import Task, TaskRunner
from usecases.services import Services

WorkerArgs = tuple[Path, Profile, PixelWorkers]  # a data dir, the signed-in user, the pool


class PhotoImporter(QObject):
    """Runs photo imports and preview making through the task runner."""

    photos_imported = Signal(str, object)  # inspection id, list[IngestOutcome]
    import_failed = Signal(str)  # inspection id (the error went to the crash handler)
    import_cancelled = Signal(str)  # inspection id (files added before Cancel are kept)
    previews_made = Signal(int)

    def __init__(self, services: Services, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._tasks: TaskRunner | None = None
        self._running: Task | None = None

    def set_tasks(self, tasks: TaskRunner) -> None:
        """Give the runner that slow work goes through (the window's)."""
        self._tasks = tasks

    @property
    def ready(self) -> bool:
        """True once a task runner is known."""
        return self._tasks is not None

    @property
    def busy(self) -> bool:
        """True while an import is running."""
        return self._running is not None and self._running.is_running

    def import_files(self, inspection_id: str, criterion_code: str | None, files: list[Path],
                     parent_widget: QWidget | None = None) -> Task | None:
        """Start adding files and folders as evidence; None when there is nothing to do."""
        if not files or self._tasks is None or self._services.user is None:
            return None
        self._running = self._tasks.run(
            _add_in_worker, self._worker_args(), inspection_id,
            [Path(f) for f in files], criterion_code,
            on_done=lambda outcomes: self._on_import_done(inspection_id, outcomes),
            on_error=lambda exc: self._on_import_error(inspection_id, exc),
            on_cancelled=lambda: self._on_import_cancelled(inspection_id),
            title=self.tr("Adding photos"), parent_widget=parent_widget)
        return self._running

    def _worker_args(self) -> WorkerArgs:
        """What a worker thread needs to open its own connection as the signed-in user."""
        return self._services.store.data_dir, self._services.user, self._services.workers

    def cancel(self) -> None:
        """Stop the running import after the file being added (those before it stay)."""
        if self.busy:
            self._running.cancel()

    def make_previews(self) -> Task | None:
        """Make missing previews in the background, without a progress dialog."""
        if self._tasks is None or self._services.user is None:
            return None
        return self._tasks.run(_previews_in_worker, self._worker_args(),
                               on_done=self.previews_made.emit,
                               title=self.tr("Making previews"), quiet=True)

    def _on_import_done(self, inspection_id: str, outcomes: list[IngestOutcome]) -> None:
        self.photos_imported.emit(inspection_id, outcomes)
        if any(o.status is IngestStatus.STORED for o in outcomes):
            self.make_previews()

    def _on_import_cancelled(self, inspection_id: str) -> None:
        self.import_cancelled.emit(inspection_id)
        self.make_previews()  # for the files stored before Cancel

    def _on_import_error(self, inspection_id: str, exc: BaseException) -> None:
        self.import_failed.emit(inspection_id)
        # the crash handler shows a user-facing error (locked inspection …) as a plain message
        sys.excepthook(type(exc), exc, exc.__traceback__)


    def summary_text(self, outcomes: list[IngestOutcome]) -> str:
        """One line saying how an import went, e.g. "3 photos added · 1 refused"."""
        counts = Counter(o.status for o in outcomes)
        added = counts[IngestStatus.STORED] + counts[IngestStatus.LINKED]
        flagged = sum(1 for o in outcomes if o.flags and o.status is not IngestStatus.REFUSED)
        parts = [self.tr("%n photo(s) added", "", added)]
        if counts[IngestStatus.DUPLICATE]:
            parts.append(self.tr("%n already attached", "", counts[IngestStatus.DUPLICATE]))
        if counts[IngestStatus.REFUSED]:
            parts.append(self.tr("%n refused", "", counts[IngestStatus.REFUSED]))
        if flagged:
            parts.append(self.tr("%n with warnings", "", flagged))
        return " · ".join(parts)

    def refusal_lines(self, outcomes: list[IngestOutcome]) -> list[str]:
        """One line per refused file: "name: refused — reason"."""
        template = self.tr("%1: refused — %2")
        return [template.replace("%1", Path(o.path).name).replace("%2", _reason(o))
                for o in outcomes if o.status is IngestStatus.REFUSED]


def _add_in_worker(session: WorkerArgs, inspection_id: str, files: list[Path],
                   criterion_code: str | None, progress) -> list[IngestOutcome]:
    """Runs on a worker thread, with its own connection (SQLite stays on its thread) and the
    session's photo worker processes."""
    worker = Services.open_as(*session)
    try:
        return worker.photos.add(inspection_id, files, criterion_code, progress)
    finally:
        worker.close()


def _previews_in_worker(session: WorkerArgs, progress) -> int:
    worker = Services.open_as(*session)
    try:
        return worker.photos.make_previews(progress)
    finally:
        worker.close()


def _reason(outcome: IngestOutcome) -> str:
    """The refusal in the user's language (the model's English sentence as a fallback)."""
    return word("refusal", outcome.reason_kind) if outcome.reason_kind else outcome.reason
