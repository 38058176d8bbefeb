"""The finishing summary: score, failed criteria, gaps; then finish, or go back.

Once finished, the dialog offers to issue a rectification notice for the
failed criteria (``notice_requested``); the notice module answers it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.inspections.review import Review
from ui.labels import criterion_text, listed, percent
from ui.screen_fit import resize_to_fit


class SummaryDialog(QDialog):
    """Shows a :class:`model.inspections.review.Review`; ``finish_requested`` asks to lock
    the inspection."""

    finish_requested = Signal()
    notice_requested = Signal(str, list)

    def __init__(self, review: Review, parent: QWidget | None = None):
        super().__init__(parent)
        self.review = review
        self.setWindowTitle(self.tr("Finish inspection"))
        resize_to_fit(self, 760, 520)
        self.scores = QLabel(self)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.failed = self._failed_table()
        self.buttons = QDialogButtonBox(self)
        self.finish_button = self.buttons.addButton(self.tr("Finish and &lock"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.back_button = self.buttons.addButton(self.tr("&Back to the inspection"),
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.notice_button = QPushButton(self.tr("Issue a rectification &notice…"), self)
        self.notice_button.setVisible(False)
        self.finish_button.clicked.connect(self.finish_requested)
        self.back_button.clicked.connect(self.reject)
        self.notice_button.clicked.connect(self._on_notice_button_clicked)
        layout = QVBoxLayout(self)
        for widget in (self.scores, self.warnings, self.failed, self.notice_button, self.buttons):
            layout.addWidget(widget)
        self.show_review(review)

    def _failed_table(self) -> QTableWidget:
        table = QTableWidget(0, 4, self)
        table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Criterion"),
                                         self.tr("Problems"), self.tr("Location")])
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    def show_review(self, review: Review) -> None:
        """Fill the dialog from a review."""
        self.review = review
        r = review.rates
        self.scores.setText(
            f"<h3>{review.site_name}</h3>"
            + self.tr("Score rate %1 · pass rate %2 · %3 passed, %4 failed, %5 not applicable")
            .replace("%1", percent(r.score_rate)).replace("%2", percent(r.pass_rate))
            .replace("%3", str(r.passed)).replace("%4", str(r.failed))
            .replace("%5", str(r.not_applicable)))
        self.warnings.setText(self._warning_text(review))
        self.failed.setRowCount(len(review.failed))
        for row, line in enumerate(review.failed):
            values = (line.criterion.code, criterion_text(line.criterion),
                      str(line.result.instances), line.result.location)
            for column, value in enumerate(values):
                self.failed.setItem(row, column, QTableWidgetItem(value))
        self.failed.resizeColumnsToContents()
        self.failed.setColumnWidth(1, min(self.failed.columnWidth(1), 380))

    def _warning_text(self, review: Review) -> str:
        parts = []
        if review.unanswered:
            parts.append(self.tr("%n criterion(s) not answered yet.", "",
                                 len(review.unanswered)))
        if review.missing_evidence:
            parts.append(self.tr("No photo yet for: %1").replace(
                "%1", listed(review.missing_evidence)))
        if not review.failed:
            parts.append(self.tr("No failed criteria: no notice is needed."))
        return "\n".join(parts)

    def show_finished(self, review: Review) -> None:
        """Switch to the after-finishing state: locked, and offer a notice for failures."""
        self.show_review(review)
        self.setWindowTitle(self.tr("Inspection finished"))
        self.finish_button.setVisible(False)
        self.back_button.setText(self.tr("&Close"))
        self.notice_button.setVisible(bool(review.failed))
        if review.failed:
            self.notice_button.setFocus()

    def _on_notice_button_clicked(self) -> None:
        codes = [line.criterion.code for line in self.review.failed]
        self.notice_requested.emit(self.review.inspection.id, codes)
