"""Issuing a notice from the GUI: certificate and drawn signature checks, the editor,
the passphrase, signing on a worker thread, then the preview.

The steps that can go wrong for a reason the auditor can fix (no certificate,
no drawn signature, a wrong passphrase) are caught before or while issuing and
explained; nothing is numbered until the model has checked the draft.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from model.errors import WrongPassphraseError
from model.notices import NoticeDraft
from model.services import Services
from reports.notice_desk import Issued, NoticeDesk
from ui.dialogs.notice_editor import NoticeEditor
from ui.dialogs.notice_preview import NoticePreview
from ui.dialogs.signature import SignatureDialog
from ui.dialogs.verify import VerifyDialog
from ui.tasks import TaskRunner


class NoticeFlow(QObject):
    """Walks the auditor from "issue a notice" to the signed PDF on screen."""

    notice_issued = Signal(str, str)  # inspection id, notice id

    def __init__(self, services: Services, tasks: TaskRunner | None, parent: QWidget):
        super().__init__(parent)
        self._services, self._tasks, self._window = services, tasks, parent
        self.desk = NoticeDesk(services)
        self.editor: NoticeEditor | None = None
        self.preview: NoticePreview | None = None

    def issue_for(self, inspection_id: str, codes: list[str] | None = None) -> None:
        """Start issuing a notice for an inspection's failed criteria."""
        if not self._has_certificate() or not self._has_drawn_signature():
            return
        draft = self.desk.draft(inspection_id, codes)
        texts = {line.criterion.code: line.criterion.text_zh
                 for line in self._services.inspection(inspection_id).lines}
        photos = {p.id: p for p in self._services.photos(inspection_id)}
        self.editor = NoticeEditor(draft, texts,
                                   lambda pid: self._services.thumbnail_file(photos[pid]),
                                   self.desk.with_deadline, self._window)
        if self.editor.exec() == QDialog.DialogCode.Accepted:
            self._sign(self.editor.draft())

    def _has_certificate(self) -> bool:
        if self._services.credential_status() == "installed":
            return True
        QMessageBox.information(self._window, self.tr("No signing certificate"), self.tr(
            "Notices are signed with your key and a certificate from the office. Make a "
            "request with “main.py keys request --out FILE”, take the file to the office, "
            "and install the certificate it gives you with “main.py keys install FILE”."))
        return False

    def _has_drawn_signature(self) -> bool:
        if self._services.signature_image() is not None:
            return True
        dialog = SignatureDialog(self.tr("Your signature (printed on your notices)"),
                                 parent=self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.png_bytes():
            return False
        self._services.set_signature_image(dialog.png_bytes())
        return True

    def _sign(self, draft: NoticeDraft, retry: bool = False) -> None:
        prompt = (self.tr("That password did not unlock your key. Try again:") if retry else
                  self.tr("Your password unlocks your signing key:"))
        passphrase, ok = QInputDialog.getText(self._window, self.tr("Sign the notice"), prompt,
                                              QLineEdit.EchoMode.Password)
        if not ok:
            return
        if self._tasks is None:  # no worker threads (tests of the dialogs alone)
            self._on_issued(draft.inspection_id, self.desk.issue(draft, passphrase))
            return
        s = self._services
        self._tasks.run(_issue_in_worker, (s.store.data_dir, s.user, s.workers), draft,
                        passphrase, title=self.tr("Signing the notice"),
                        parent_widget=self._window,
                        on_done=lambda issued: self._on_issued(draft.inspection_id, issued),
                        on_error=lambda exc: self._on_issue_error(draft, exc))

    def _on_issue_error(self, draft: NoticeDraft, exc: BaseException) -> None:
        if isinstance(exc, WrongPassphraseError):
            self._sign(draft, retry=True)
            return
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _on_issued(self, inspection_id: str, issued: Issued) -> None:
        self.notice_issued.emit(inspection_id, issued.notice.id)
        self.show_notice(issued.notice.id)

    def show_notice(self, notice_id: str) -> None:
        """Open the preview of a notice's signed PDF."""
        notice = next(n for n in self._services.notice_list() if n.id == notice_id)
        self.preview = NoticePreview(
            self.desk.pdf_path(notice), notice.number,
            lambda target: self.desk.export(notice, target),
            lambda: self.verify(self.desk.pdf_path(notice)), self._window)
        self.preview.open()

    def verify(self, path: Path | None = None) -> VerifyDialog:
        """Open the verify dialog (checking ``path`` at once when given)."""
        dialog = VerifyDialog(self.desk.verify, self._window)
        dialog.open()
        if path is not None:
            dialog.check(path)
        return dialog


def _issue_in_worker(session, draft: NoticeDraft, passphrase: str, progress) -> Issued:
    """Runs on a worker thread with its own connection (SQLite stays on its thread)."""
    worker = Services.open_as(*session)
    try:
        return NoticeDesk(worker).issue(draft, passphrase)
    finally:
        worker.close()
