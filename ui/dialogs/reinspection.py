"""Re-inspecting a notice's site: the outcome, a note, after-photos per problem; and a
before/after view of the photos.

:class:`ReinspectionDialog` collects what the auditor found (已整改 / 部分整改 /
未整改) and, for each problem of the notice, the photo files taken now;
recording and signing the record happen in :class:`ui.notice_flow.NoticeFlow`.
:class:`BeforeAfterDialog` shows each problem's photo from the notice beside the
latest after-photo, zooming together.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.inspections.evidence import PhotoRecord
from model.notices.followup import ReinspectionOutcome
from ui.dialogs.photo_viewer import PairView
from ui.labels import word
from ui.screen_fit import resize_to_fit
from usecases.services import Services

ROLE_CODE = Qt.ItemDataRole.UserRole
PHOTO_FILTER = "*.jpg *.jpeg *.png *.heic *.heif"


class ReinspectionDialog(QDialog):
    """Asks what a re-inspection found, with a note and after-photos for each problem."""

    def __init__(self, number: str, problems: list[tuple[str, str]] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Re-inspection of %1").replace("%1", number))
        resize_to_fit(self, 640, 460)
        self._after: dict[str, list[Path]] = {}
        self.outcomes = QComboBox(self)
        for outcome in ReinspectionOutcome:
            self.outcomes.addItem(word("reinspection", outcome.value), outcome.value)
        self.notes = QPlainTextEdit(self)
        self.problem_list = QListWidget(self)
        for code, text in problems or ():
            item = QListWidgetItem(f"{code}  {text}", self.problem_list)
            item.setData(ROLE_CODE, code)
        self.problem_list.setCurrentRow(0)
        self.add_button = QPushButton(self.tr("Add &after-photos…"), self)
        self.add_button.setEnabled(bool(problems))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record and sign…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Outcome"), self.outcomes)
        form.addRow(self.tr("&Note"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("After-photos of each problem:"), self))
        layout.addWidget(self.problem_list, 1)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)

    def outcome(self) -> str:
        """The chosen outcome's code."""
        return self.outcomes.currentData()

    def note(self) -> str:
        """What the auditor wrote."""
        return self.notes.toPlainText()

    def after_files(self) -> dict[str, list[Path]]:
        """The after-photo files chosen, by criterion code."""
        return {code: list(files) for code, files in self._after.items() if files}

    def restore(self, outcome: str, note: str, after: dict[str, list[Path]]) -> None:
        """Show what the auditor had chosen before (when the dialog comes back because
        the passphrase was cancelled)."""
        self.outcomes.setCurrentIndex(max(0, self.outcomes.findData(outcome)))
        self.notes.setPlainText(note)
        for code, files in after.items():
            self.add_after_files(code, files)

    def add_after_files(self, code: str, files: list[Path]) -> None:
        """Add after-photo files to a problem (what the file dialog does)."""
        self._after.setdefault(code, []).extend(files)
        for row in range(self.problem_list.count()):
            item = self.problem_list.item(row)
            if item.data(ROLE_CODE) == code:
                count = len(self._after[code])
                base = item.text().split("  ·  ")[0]
                item.setText(f"{base}  ·  " + self.tr("%n after-photo(s)", "", count))

    def _on_add_button_clicked(self) -> None:
        item = self.problem_list.currentItem()
        if item is None:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("After-photos"), "", self.tr("Photos (%1)").replace("%1", PHOTO_FILTER))
        if names:
            self.add_after_files(item.data(ROLE_CODE), [Path(n) for n in names])


class BeforeAfterDialog(QDialog):
    """Each problem's photo from the notice beside the latest after-photo."""

    def __init__(self, services: Services, notice_id: str, title: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        resize_to_fit(self, 1200, 700)
        self._pairs = [(code, before, after)
                       for code, before, after in services.notices.before_and_after(notice_id)]
        self.problems = QComboBox(self)
        for code, before, after in self._pairs:
            self.problems.addItem(f"{code} ({len(before)} / {len(after)})", code)
        self.pair = PairView(services, self)
        self.empty = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addWidget(self.pair, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.problems.currentIndexChanged.connect(self._show)
        self._show(0)

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self._pairs):
            return
        _code, before, after = self._pairs[index]
        complete = bool(before) and bool(after)
        self.pair.setVisible(complete)
        self.empty.setVisible(not complete)
        if complete:
            self.pair.show_pair(_first(before), _first(after))
        else:
            self.empty.setText(self.tr("This problem has no photo from the notice or no "
                                       "after-photo yet."))


def _first(photos: list[PhotoRecord]) -> PhotoRecord:
    return photos[0]
