"""Checking a notice PDF: is it ours, signed, unaltered, by a trusted auditor, as we issued it?

The dialog takes the PDF by drag-and-drop or from a file chooser and hands it
to the ``verify`` callable it was given (the use case that reads the signature
and the local records; the dialog itself knows nothing of PDFs or the store).
Several dropped files, or a folder dropped or chosen, are checked one by one
(:mod:`ui.dialogs.verify_batch`): a table lists each file's verdict under the
counts, and selecting a row shows that file's verdict below it.
It shows the :class:`reports.verdict.NoticeVerdict` as a headline (valid,
TAMPERED or not valid) over one line per check, each marked ✓, ✗ or – (not
applicable), and the verdict's problems as details. The lines are plain,
selectable text so they can be copied into an e-mail or a report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from model.errors import UserFacingError
from model.store import clock
from reports.verdict import NoticeVerdict
from ui.dialogs.verify_batch import BAD_COLOUR, GOOD_COLOUR, BatchPanel
from ui.screen_fit import resize_to_fit
from usecases import batch_verify
from usecases.batch_verify import Checked

PASSED, FAILED, NOT_APPLICABLE = "✓", "✗", "–"
MARK_COLOURS = {PASSED: "#1b6e20", FAILED: "#a4000f", NOT_APPLICABLE: "#6b6b6b"}
BATCH_SIZE = (900, 720)  # the size a batch would like: its table above one file's verdict
DROP_STYLE = ("QFrame#drop_area { border: 2px dashed %s; border-radius: 8px;"
              " background: %s; }")
IDLE_DROP = DROP_STYLE % ("#9aa1ad", "transparent")
HOVER_DROP = DROP_STYLE % ("#1f5fbf", "#e8f0fc")

Line = tuple[str, str]  # (mark, sentence)


def dropped_pdf(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one local .pdf file being dragged, or None (several files, folders, other kinds)."""
    paths = dropped_paths(event)
    if len(paths) != 1:
        return None
    return paths[0] if _is_pdf(paths[0]) else None


def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files and folders being dragged, when there is something to check among
    them; else an empty list. One .pdf is checked as named (a missing one is reported);
    of several, one must be a folder or a .pdf file that is there."""
    mime = event.mimeData()
    urls = mime.urls() if mime.hasUrls() else []
    paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    if len(paths) == 1 and _is_pdf(paths[0]):
        return paths
    return paths if any(p.is_dir() or (_is_pdf(p) and p.is_file()) for p in paths) else []


def _is_pdf(path: Path) -> bool:
    return path.suffix.lower() == ".pdf"


class VerifyDialog(QDialog):
    """Drop or choose a notice PDF and see whether it is authentic and unaltered."""

    def __init__(self, verify: Callable[[Path], NoticeVerdict], parent: QWidget | None = None):
        super().__init__(parent)
        self._verify = verify
        self._folder = ""
        self.verdict: NoticeVerdict | None = None
        self.setWindowTitle(self.tr("Verify a notice"))
        self.setAcceptDrops(True)
        resize_to_fit(self, 680, 560)
        self.drop_area = self._drop_area()
        self.batch = BatchPanel(self._describe, self)
        self.batch.checked_chosen.connect(self._on_batch_checked_chosen)
        self.batch.hide()
        self.file_label = _selectable_label(self)
        self.headline = _selectable_label(self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.headline.setFont(font)
        self.error = _selectable_label(self)
        self.error.setStyleSheet(f"color: {BAD_COLOUR}; font-weight: bold;")
        self.results = QTextBrowser(self)
        self.results.setOpenLinks(False)
        self.results.setAcceptDrops(False)  # a drop anywhere goes to the dialog
        self.results.setAccessibleName(self.tr("Verification results"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = self.buttons.addButton(self.tr("&Copy results"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_area)
        layout.addWidget(self.batch, 1)
        for widget in (self.file_label, self.headline, self.error):
            layout.addWidget(widget)
        layout.addWidget(self.results, 1)
        layout.addStretch(0)  # takes the room of the results while they are hidden
        layout.addWidget(self.buttons)
        self._reset()

    def _drop_area(self) -> QFrame:
        area = QFrame(self)
        area.setObjectName("drop_area")
        area.setStyleSheet(IDLE_DROP)
        area.setMinimumHeight(110)
        # Its inner stretches would otherwise make it grow into the room left for the results.
        area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        hint = QLabel(self.tr("Drop a notice PDF here, or several, or a folder of them"), area)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_button = QPushButton(self.tr("Choose a PDF…"), area)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.folder_button = QPushButton(self.tr("Choose folder…"), area)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.choose_button, self.folder_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch()
        column = QVBoxLayout(area)
        column.addStretch()
        column.addWidget(hint)
        column.addLayout(buttons)
        column.addStretch()
        return area

    def _reset(self) -> None:
        self.file_label.setText(self.tr("No file checked yet."))
        self.headline.hide()
        self.error.hide()
        self.results.clear()
        self.results.hide()
        self.copy_button.setEnabled(False)

    # -- checking ----------------------------------------------------------------------

    def check(self, path: Path) -> NoticeVerdict | None:
        """Verify the PDF at ``path`` and show the verdict (or why it could not be checked)."""
        path = Path(path)
        self._folder = str(path.parent)
        self.batch.hide()
        self.file_label.setText(self.tr("File: %1").replace("%1", str(path)))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            verdict = self._verify(path)
        except UserFacingError as exc:
            self._show_error(path, str(exc))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.show_verdict(verdict)
        return verdict

    def check_many(self, paths: list[Path]) -> list[Checked]:
        """Verify every PDF of ``paths`` (files, and folders searched with their subfolders),
        list them in the table and show the first that is not valid (or the first)."""
        first = Path(paths[0])
        self._folder = str(first if first.is_dir() else first.parent)
        self._reset()
        try:
            entries = batch_verify.to_check(paths)
        except UserFacingError as exc:  # nothing to check: a folder without PDFs
            self.batch.hide()
            self._show_error(Path(paths[0]), str(exc))
            return []
        if self.width() < BATCH_SIZE[0] or self.height() < BATCH_SIZE[1]:
            resize_to_fit(self, max(self.width(), BATCH_SIZE[0]),
                          max(self.height(), BATCH_SIZE[1]))
        self.batch.show()
        self.drop_area.setEnabled(False)  # the progress dialog lets events through: no second
        self.setAcceptDrops(False)        # batch may start inside this one
        try:
            return self.batch.run(self._verify, entries)
        finally:
            self.drop_area.setEnabled(True)
            self.setAcceptDrops(True)

    def reject(self) -> None:
        """Close; a batch being checked stops after the file in hand."""
        self.batch.cancel()
        super().reject()

    def _describe(self, checked: Checked) -> tuple[str, str]:
        """A batch row's verdict: the words and colour of its headline."""
        if checked.verdict is None:
            return self.tr("Cannot check this file"), BAD_COLOUR
        return self.headline_of(checked.verdict)

    def _on_batch_checked_chosen(self, checked: Checked) -> None:
        self.file_label.setText(self.tr("File: %1").replace("%1", str(checked.path)))
        if checked.verdict is None:
            self._show_error(checked.path, checked.problem)
        else:
            self.show_verdict(checked.verdict)

    def _show_error(self, path: Path, message: str) -> None:
        self.verdict = None
        if path.name not in message:  # the message must say which file it is about
            message = f"{path.name}: {message}"
        self._set_headline(self.tr("Cannot check this file"), BAD_COLOUR)
        self.error.setText(message)
        self.error.show()
        self.results.clear()
        self.results.hide()
        self.copy_button.setEnabled(True)

    def show_verdict(self, verdict: NoticeVerdict) -> None:
        """Show a verdict: the headline, a marked line per check, then the problems."""
        self.verdict = verdict
        self.error.hide()
        self.results.show()
        self._set_headline(*self.headline_of(verdict))
        self._write_results(self.lines(verdict), verdict.problems)
        self.copy_button.setEnabled(True)

    def _set_headline(self, text: str, colour: str) -> None:
        self.headline.setText(text)
        self.headline.setStyleSheet(f"color: {colour};")
        self.headline.show()

    def headline_of(self, verdict: NoticeVerdict) -> tuple[str, str]:
        """The verdict in a few words, and its colour."""
        if verdict.valid:
            return self.tr("Valid: authentic and unaltered"), GOOD_COLOUR
        if verdict.tampered:
            return self.tr("TAMPERED: changed after signing"), BAD_COLOUR
        return self.tr("Not valid"), BAD_COLOUR

    # -- the lines ---------------------------------------------------------------------

    def lines(self, verdict: NoticeVerdict) -> list[Line]:
        """One marked sentence per check, in the order a reader asks the questions."""
        lines = [self._notice_line(verdict), self._signed_line(verdict)]
        if verdict.signed:
            lines += [self._intact_line(verdict), self._covers_line(verdict),
                      self._written_line(verdict), self._signer_line(verdict),
                      self._bound_line(verdict), self._trusted_line(verdict),
                      self._revoked_line(verdict)]
        else:
            lines.append((NOT_APPLICABLE, self.tr("Without a signature nothing proves who "
                                                  "issued it or that it is unaltered")))
        return [*lines, self._record_line(verdict)]

    def _notice_line(self, v: NoticeVerdict) -> Line:
        if v.is_notice:
            text = (self.tr("A re-inspection record of notice %1") if v.kind == "reinspection"
                    else self.tr("A CivicAudit notice, number %1"))
            return PASSED, text.replace("%1", v.number or self.tr("(none)"))
        return FAILED, self.tr("Not a CivicAudit notice (no notice number or fingerprint)")

    def _signed_line(self, v: NoticeVerdict) -> Line:
        if v.signed:
            return PASSED, self.tr("Digitally signed")
        return FAILED, self.tr("Not digitally signed")

    def _intact_line(self, v: NoticeVerdict) -> Line:
        if v.intact:
            return PASSED, self.tr("Intact: the signed content is unchanged")
        return FAILED, self.tr("Not intact: the signed content was changed")

    def _covers_line(self, v: NoticeVerdict) -> Line:
        if v.covers_document:
            return PASSED, self.tr("Nothing was added after signing")
        return FAILED, self.tr("Content was added after signing")

    def _written_line(self, v: NoticeVerdict) -> Line:
        if v.as_written:
            return PASSED, self.tr("Signed once, as CivicAudit signs it")
        if v.signatures > 1:
            return FAILED, self.tr("%1 signatures: CivicAudit signs a document once").replace(
                "%1", str(v.signatures))
        return FAILED, self.tr("Saved more often than CivicAudit saves it: someone else "
                               "changed the file")

    def _bound_line(self, v: NoticeVerdict) -> Line:
        if v.signer_bound is None:
            return NOT_APPLICABLE, self.tr("Not a notice, so there is no auditor to match the "
                                           "signer to")
        if not v.expected_staff_no:
            return FAILED, self.tr("The notice does not name its auditor, so the signer cannot "
                                   "be matched")
        text = (self.tr("The signer is the auditor the notice names (staff no. %1)")
                if v.signer_bound else
                self.tr("The signer is not the auditor the notice names (staff no. %1)"))
        return (PASSED if v.signer_bound else FAILED), text.replace("%1", v.expected_staff_no)

    def _signer_line(self, v: NoticeVerdict) -> Line:
        unknown = self.tr("unknown")
        signed_at = _local_time(v.signed_at) or unknown
        text = (self.tr("Signed by %1 (staff no. %2), certificate serial %3, at %4")
                .replace("%1", v.signer or unknown).replace("%2", v.signer_staff_no or unknown)
                .replace("%3", v.serial or unknown).replace("%4", signed_at))
        return (PASSED if v.signer else NOT_APPLICABLE), text

    def _trusted_line(self, v: NoticeVerdict) -> Line:
        if v.trusted:
            return PASSED, self.tr("The certificate chains to a trusted office authority")
        return FAILED, self.tr("The certificate does not chain to a trusted office authority")

    def _revoked_line(self, v: NoticeVerdict) -> Line:
        revoked_on = _local_time(v.revoked_at)
        if v.revoked and revoked_on:
            return FAILED, self.tr("The certificate was revoked on %1").replace("%1", revoked_on)
        if v.revoked:
            return FAILED, self.tr("The certificate has been revoked")
        if v.revoked_later:
            return PASSED, (self.tr("The certificate was revoked on %1, after this computer "
                                    "recorded the notice on %2: the notice stays valid")
                            .replace("%1", revoked_on)
                            .replace("%2", _local_time(v.recorded_at)))
        return PASSED, self.tr("The certificate is not revoked")

    def _record_line(self, v: NoticeVerdict) -> Line:
        fingerprint = v.fingerprint or self.tr("(none)")
        if not v.local_record:
            return NOT_APPLICABLE, self.tr("No local record of this notice")
        if v.fingerprint_ok is None:
            return NOT_APPLICABLE, self.tr("The fingerprint could not be compared with the "
                                           "local record")
        if v.fingerprint_ok:
            return PASSED, self.tr("Fingerprint %1 matches the local record").replace(
                "%1", fingerprint)
        return FAILED, self.tr("Fingerprint %1 does not match the local record").replace(
            "%1", fingerprint)

    def _write_results(self, lines: list[Line], problems: tuple[str, ...]) -> None:
        """Fill the results: one paragraph per line, the mark hanging left of its sentence.

        A tab (not a table) separates mark and sentence, so that copied text reads
        "✓<tab>sentence" line by line.
        """
        self.results.clear()
        cursor = QTextCursor(self.results.document())
        indent = round(self.fontMetrics().height() * 1.4)
        for number, (mark, text) in enumerate(lines):
            self._paragraph(cursor, indent, first=number == 0)
            cursor.insertText(mark, _char_format(MARK_COLOURS[mark], bold=True))
            cursor.insertText("\t" + text, _char_format())
        if problems:
            self._paragraph(cursor, 0, top=indent // 2)
            cursor.insertText(self.tr("Details"), _char_format(bold=True))
            for problem in problems:
                self._paragraph(cursor, indent)
                cursor.insertText("•\t" + problem, _char_format())

    def _paragraph(self, cursor: QTextCursor, indent: int, first: bool = False,
                   top: int = 0) -> None:
        block = QTextBlockFormat()
        block.setLeftMargin(indent)
        block.setTextIndent(-indent)
        block.setTabPositions([QTextOption.Tab(indent, QTextOption.TabType.LeftTab)])
        block.setTopMargin(top)
        block.setBottomMargin(4)
        if first:
            cursor.setBlockFormat(block)
        else:
            cursor.insertBlock(block)

    def report_text(self) -> str:
        """What is shown, as plain text (for the clipboard)."""
        parts = self.batch.report_lines() if self.batch.isVisibleTo(self) else []
        parts += [self.file_label.text(), self.headline.text()]
        if not self.error.isHidden():
            parts.append(self.error.text())
        parts.append(self.results.toPlainText())
        return "\n".join(part for part in parts if part)

    # -- where the file comes from ---------------------------------------------------------

    def _on_choose_button_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a notice PDF"), self._folder,
            self.tr("PDF documents (*.pdf *.PDF)"))
        if name:
            self.check(Path(name))

    def _on_folder_button_clicked(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder of notice PDFs"), self._folder)
        if name:
            self.check_many([Path(name)])

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            self.drop_area.setStyleSheet(HOVER_DROP)
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_area.setStyleSheet(IDLE_DROP)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_area.setStyleSheet(IDLE_DROP)
        path, paths = dropped_pdf(event), dropped_paths(event)
        if paths:
            event.acceptProposedAction()
        if path:
            self.check(path)
        elif paths:
            self.check_many(paths)


def _selectable_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def _char_format(colour: str | None = None, bold: bool = False) -> QTextCharFormat:
    char = QTextCharFormat()
    if colour:
        char.setForeground(QColor(colour))
    if bold:
        char.setFontWeight(QFont.Weight.Bold)
    return char


def _local_time(iso_time: str) -> str:
    """A signing time for people; shown as found when it is not an ISO time."""
    try:
        return clock.office_text(iso_time)
    except ValueError:
        return iso_time
