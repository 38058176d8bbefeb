"""Issuing and re-inspecting notices from the GUI: certificate and drawn signature checks,
the editor, the passphrase, signing on a worker thread, then the preview.

The steps that can go wrong for a reason the auditor can fix (no certificate,
no drawn signature, a wrong passphrase, an addressee left empty) are caught and
explained: a wrong passphrase asks again, any other refusal shows its message
and brings the editor back. A cancelled passphrase prompt goes back a step too:
the editor (or the re-inspection dialog) opens again exactly as the auditor left
it, the representative's signature included, and only cancelling that dialog
gives up. Nothing is numbered until the model has checked the draft.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from model.errors import UserFacingError, WrongPassphraseError
from model.notices.notices import Notice, NoticeDraft
from ui.busy import busy_cursor
from ui.tasks import TaskRunner
from usecases.notices import Issued, NoticeDesk
from usecases.services import Services

# The dialogs are imported on first use (ui.warmup loads them once the window is painted): the
# window's start does not wait for them.
if TYPE_CHECKING:
    from ui.dialogs.notice_editor import NoticeEditor
    from ui.dialogs.notice_preview import NoticePreview
    from ui.dialogs.verify import VerifyDialog

# A signing job: the desk of a worker's own connection and the passphrase -> what was made.
SignedJob = Callable[[NoticeDesk, str], Issued]


class NoticeFlow(QObject):
    """Walks the auditor from "issue a notice" (or "re-inspect") to the signed PDF on screen."""

    notice_issued = Signal(str, str)  # inspection id, notice id
    notice_changed = Signal(str)  # notice id (re-inspected)

    def __init__(self, services: Services, tasks: TaskRunner | None, parent: QWidget):
        super().__init__(parent)
        self._services, self._tasks, self._window = services, tasks, parent
        self.desk = services.notices
        self.editor: NoticeEditor | None = None
        self.preview: NoticePreview | None = None

    # -- issuing -------------------------------------------------------------------

    def issue_for(self, inspection_id: str, codes: list[str] | None = None) -> None:
        """Start issuing a notice for an inspection's failed criteria."""
        if not self._has_certificate() or not self._has_drawn_signature():
            return
        self._edit(self.desk.draft(inspection_id, codes))

    def _edit(self, draft: NoticeDraft) -> None:
        from ui.dialogs.notice_editor import NoticeEditor

        with busy_cursor():
            photos = {p.id: p for p in self._services.photos.of(draft.inspection_id)}
            self.editor = NoticeEditor(draft, self.criterion_texts(draft.inspection_id),
                                       lambda pid: self._services.photos.thumbnail(photos[pid]),
                                       self.desk.with_deadline, self._window)
        self._run_editor(self.editor)

    def _run_editor(self, editor: NoticeEditor) -> None:
        """Show ``editor`` (again, as it was left) and sign the notice it accepts.

        The same editor comes back after a cancelled passphrase or a refusal: a new
        one made from its draft would lose the problems left unticked, the photos
        left out and the representative's signature.
        """
        if editor.exec() != QDialog.DialogCode.Accepted:
            self._close_editor(editor)
            return
        edited = editor.draft()
        back = lambda: self._run_editor(editor)  # noqa: E731

        def issued(result: Issued) -> None:
            self._close_editor(editor)
            self._on_issued(edited.inspection_id, result)

        self._signed(lambda desk, passphrase: desk.issue(edited, passphrase), issued,
                     on_refused=back, on_cancelled=back)

    def _close_editor(self, editor: NoticeEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()

    def criterion_texts(self, inspection_id: str) -> dict[str, str]:
        """Each criterion's wording on the inspection's checklist, by code."""
        return {line.criterion.code: line.criterion.text_zh
                for line in self._services.inspections.detail(inspection_id).lines}

    def _has_certificate(self) -> bool:
        if self._services.credentials.status() == "installed":
            return True
        QMessageBox.information(self._window, self.tr("No signing certificate"), self.tr(
            "Notices are signed with your key and a certificate from the office, and this "
            "laptop has none yet. A new laptop joins the office from the USB drive the office "
            "prepared (first start); the certificate then arrives with the office's next "
            "bundle: Sync ▸ Import from USB."))
        return False

    def _has_drawn_signature(self) -> bool:
        if self._services.people.signature() is not None:
            return True
        from ui.dialogs.signature import SignatureDialog

        dialog = SignatureDialog(self.tr("Your signature (printed on your notices)"),
                                 parent=self._window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.png_bytes()
        if accepted:
            self._services.people.set_signature(dialog.png_bytes())
        dialog.deleteLater()
        return bool(accepted)

    def _on_issued(self, inspection_id: str, issued: Issued) -> None:
        self.notice_issued.emit(inspection_id, issued.notice.id)
        self.show_notice(issued.notice.id)

    # -- re-inspecting ---------------------------------------------------------------

    def reinspect(self, notice_id: str, outcome: str, note: str,
                  after: dict[str, list[Path]]) -> None:
        """Record a re-inspection with its after-photos and show the signed record."""
        if not self._has_certificate() or not self._has_drawn_signature():
            return
        # Back to the dialog on a cancelled passphrase only: a refusal may come after the
        # re-inspection was recorded, and recording it again would count it twice.
        self._signed(lambda desk, passphrase: desk.record_reinspection(
            notice_id, outcome, note, after, passphrase), self._on_reinspected,
            on_cancelled=lambda: self._reinspect_again(notice_id, outcome, note, after))

    def _reinspect_again(self, notice_id: str, outcome: str, note: str,
                         after: dict[str, list[Path]]) -> None:
        """Reopen the re-inspection dialog as the auditor left it (the passphrase was
        cancelled); record what it accepts."""
        from ui.dialogs.reinspection import ReinspectionDialog

        notice = self._notice(notice_id)
        texts = self.criterion_texts(notice.inspection_id)
        dialog = ReinspectionDialog(notice.number, [(p.criterion_code, texts.get(
            p.criterion_code, "")) for p in notice.problems], self._window)
        dialog.restore(outcome, note, after)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = (dialog.outcome(), dialog.note(), dialog.after_files())
        dialog.deleteLater()
        if accepted:
            self.reinspect(notice_id, *chosen)

    def _on_reinspected(self, recorded: Issued) -> None:
        self.notice_changed.emit(recorded.notice.id)
        self._show_pdf(recorded.pdf, recorded.notice.number, recorded.pdf)

    # -- signing (shared) ----------------------------------------------------------------

    def _signed(self, job: SignedJob, on_done: Callable[[Issued], None],
                retry: bool = False, on_refused: Callable[[], None] | None = None,
                on_cancelled: Callable[[], None] | None = None) -> None:
        """Ask for the passphrase and run ``job`` on a worker thread; ask again if wrong.

        ``on_cancelled`` runs when the auditor cancels the prompt (the first or a
        retry), ``on_refused`` after the message of a refusal other than a wrong
        passphrase; both usually go back to the dialog the auditor came from.
        """
        prompt = (self.tr("That password did not unlock your key. Try again:") if retry else
                  self.tr("Your password unlocks your signing key:"))
        passphrase, ok = QInputDialog.getText(self._window, self.tr("Sign"), prompt,
                                              QLineEdit.EchoMode.Password)
        if not ok:
            if on_cancelled is not None:
                on_cancelled()
            return
        again = lambda exc: self._on_signing_error(  # noqa: E731
            exc, job, on_done, on_refused, on_cancelled)
        if self._tasks is None:  # no worker threads (tests of the dialogs alone)
            try:
                result = job(self.desk, passphrase)
            except UserFacingError as exc:
                again(exc)
                return
            on_done(result)
            return
        s = self._services
        self._tasks.run(_in_worker, (s.store.data_dir, s.user, s.workers), job, passphrase,
                        title=self.tr("Signing"), parent_widget=self._window,
                        on_done=on_done, on_error=again)

    def _on_signing_error(self, exc: BaseException, job: SignedJob, on_done,
                          on_refused, on_cancelled) -> None:
        if isinstance(exc, WrongPassphraseError):
            self._signed(job, on_done, retry=True, on_refused=on_refused,
                         on_cancelled=on_cancelled)
        elif isinstance(exc, UserFacingError) and on_refused is not None:
            QMessageBox.warning(self._window, self.tr("Not issued"), str(exc))
            on_refused()
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    # -- looking at notices ---------------------------------------------------------------

    def show_notice(self, notice_id: str) -> None:
        """Open the preview of a notice's signed PDF."""
        notice = self._notice(notice_id)
        self._show_pdf(self.desk.pdf_path(notice), notice.number, None,
                       lambda target: self.desk.export(notice, target))

    def _notice(self, notice_id: str) -> Notice:
        return next(n for n in self._services.notices.listing() if n.id == notice_id)

    def _show_pdf(self, pdf: Path, title: str, copy_of: Path | None,
                  save: Callable[[Path], Path] | None = None) -> None:
        from ui.dialogs.notice_preview import NoticePreview

        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = NoticePreview(pdf, title, save or (lambda target: _copy(copy_of, target)),
                                     lambda: self.verify(pdf), self._window)
        self.preview.open()

    def verify(self, path: Path | None = None) -> VerifyDialog:
        """Open the verify dialog (checking ``path`` at once when given)."""
        from ui.dialogs.verify import VerifyDialog

        dialog = VerifyDialog(self.desk.verify, self._window)
        dialog.open()
        if path is not None:
            dialog.check(path)
        return dialog


def _in_worker(session, job: SignedJob, passphrase: str, progress) -> Issued:
    """Runs on a worker thread with its own connection (SQLite stays on its thread)."""
    worker = Services.open_as(*session)
    try:
        return job(worker.notices, passphrase)
    finally:
        worker.close()


def _copy(source: Path, target: Path) -> Path:
    from model.store.fileio import write_atomically

    target = target / source.name if target.is_dir() else target
    write_atomically(target, source.read_bytes())
    return target
