"""The base of the dialogs that run one job at a time on a worker thread and say how it ended.

The report, export and import dialogs each start a job with :func:`ui.sync_work.run_job`
(its own store connection, a progress dialog after half a second, Cancel), lock their
controls while it runs and, once it has ended, say in one message label whether it was
done, refused (a :class:`~model.errors.UserFacingError`, with what to do), cancelled
(nothing was written or changed) or failed with a bug (``sys.excepthook``, the crash
dialog). :class:`TaskDialog` owns that tail; a subclass keeps its widgets and its words,
because ``self.tr()`` translates in the context of the subclass.
"""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from model.errors import UserFacingError, WrongPassphraseError
from ui.sync_work import Job, run_job
from ui.tasks import Task, TaskRunner
from usecases.services import Services


class TaskDialog(QDialog):
    """A dialog that runs one job on a worker thread and says how it ended in ``message``.

    A subclass makes ``self.message`` (``ui.sync_work.message_label``) and implements
    ``_set_running`` and the outcomes ``_when_done``, ``_when_refused`` and
    ``_when_cancelled``; one that asks for a password also ``_when_wrong_password``.
    """

    message: QLabel

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self._tasks = services, tasks
        self.task: Task | None = None
        self._close_when_stopped = False

    # -- running ---------------------------------------------------------------------------

    def _run(self, job: Job, title: str, saying: str) -> Task:
        """Lock the controls, say ``saying`` and run ``job`` under the progress ``title``."""
        self._set_running(True)
        self._say(saying, None)
        self.task = run_job(self._tasks, self._services, job, title=title, parent=self,
                            on_done=self._on_task_done, on_error=self._on_task_error,
                            on_cancelled=self._on_task_cancelled)
        return self.task

    def cancel(self) -> None:
        """Stop the running job, if any (a cancelled job leaves nothing behind)."""
        if self.task is not None:
            self.task.cancel()

    def reject(self) -> None:
        """Close; a running job is cancelled instead (the dialog stays to say so)."""
        if self.task is not None:
            self.cancel()
            return
        super().reject()

    def _end_task(self) -> None:
        """Unlock the controls, and close if the user asked to while the job was stopping."""
        self.task = None
        self._set_running(False)
        if self._close_when_stopped:
            self._close_when_stopped = False
            super().reject()

    # -- how it ended -------------------------------------------------------------------------

    def _on_task_done(self, result: object) -> None:
        self._end_task()
        self._when_done(result)

    def _on_task_error(self, exc: BaseException) -> None:
        self._end_task()
        if isinstance(exc, WrongPassphraseError):
            self._when_wrong_password(exc)
        elif isinstance(exc, UserFacingError):
            self._when_refused(exc)
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def _on_task_cancelled(self) -> None:
        self._end_task()
        self._when_cancelled()

    def _when_wrong_password(self, exc: WrongPassphraseError) -> None:
        """The job's password was wrong; without a password field it is one more refusal."""
        self._when_refused(exc)

    def _ask_password_again(self, password: QLineEdit, text: str, colour: str) -> None:
        """Say ``text`` and select what was typed in ``password``, ready to be typed over."""
        self._say(text, colour)
        password.selectAll()
        password.setFocus()

    def _say(self, text: str, colour: str | None, rich: bool = False) -> None:
        """Show ``text`` in ``colour``; only ``rich`` text is read as HTML in a rich label."""
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        plain_in_rich = not rich and self.message.textFormat() == Qt.TextFormat.RichText
        self.message.setText(html.escape(text) if plain_in_rich else text)

    # -- what a subclass says and locks -------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        """Lock the controls while a job runs (Close reads Cancel then); unlock them after."""
        raise NotImplementedError

    def _when_done(self, result: object) -> None:
        """Say what the job made of ``result`` and tell whoever listens."""
        raise NotImplementedError

    def _when_refused(self, exc: UserFacingError) -> None:
        """Say why the job was refused and that nothing was written or changed."""
        raise NotImplementedError

    def _when_cancelled(self) -> None:
        """Say that the job stopped and nothing was written or changed."""
        raise NotImplementedError
