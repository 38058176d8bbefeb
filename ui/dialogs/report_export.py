"""The office's report files: the monthly bulletin (通报) PDF, the xlsx workbook, a CSV table.

Office ▸ Bulletin and spreadsheets (Ctrl+Shift+B). The user picks a period,
what to write and where; the file is written on a worker thread with its own
store connection (``ui.sync_work.run_job``) with a progress bar and Cancel,
always to a temporary name first, so a cancelled or failed run leaves nothing
behind. The result line says where the file is and what is in it, and the
file can be opened at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from model.errors import UserFacingError
from model.office.periods import Period
from ui.dialogs.task_dialog import TaskDialog
from ui.folders import default_folder
from ui.screen_fit import resize_to_fit
from ui.sync_work import message_label
from ui.tasks import Task, TaskRunner
from ui.widgets.period_picker import PeriodPicker
from usecases.services import Services

GOOD_COLOUR, BAD_COLOUR = "#1b5e20", "#b71c1c"
BULLETIN, WORKBOOK, CSV = "bulletin", "xlsx", "csv"


class ReportExportDialog(TaskDialog):
    """Choose a period and a kind of file, write it, open it."""

    written = Signal(str)  # the path of a file just written

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.last_file: Path | None = None
        self.setWindowTitle(self.tr("Bulletin and spreadsheets"))
        self.period = PeriodPicker(self)
        self.kinds = QButtonGroup(self)
        self.bulletin_choice = QRadioButton(self.tr("Monthly &bulletin (PDF)"), self)
        self.workbook_choice = QRadioButton(
            self.tr("&Workbook (xlsx): findings, notices, rankings"), self)
        self.csv_choice = QRadioButton(self.tr("One &table as CSV:"), self)
        self.csv_table = QComboBox(self)
        for key, text in (("findings", self.tr("Findings")), ("notices", self.tr("Notices")),
                          ("districts", self.tr("District ranking")),
                          ("units", self.tr("Unit ranking"))):
            self.csv_table.addItem(text, key)
        self.target = QLineEdit(self)
        self.choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.message = message_label(self)
        self.write_button = QPushButton(self.tr("&Generate"), self)  # Alt+W is the workbook
        self.open_button = QPushButton(self.tr("&Open the file"), self)
        self.open_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"), self)
        self._build()
        self._connect()
        self.bulletin_choice.setChecked(True)
        self._suggest_target()

    def _build(self) -> None:
        for number, button in enumerate((self.bulletin_choice, self.workbook_choice,
                                         self.csv_choice)):
            self.kinds.addButton(button, number)
        csv_row = QHBoxLayout()
        csv_row.addWidget(self.csv_choice)
        csv_row.addWidget(self.csv_table, 1)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(self.period)
        form.addRow(self.tr("Write:"), self.bulletin_choice)
        form.addRow("", self.workbook_choice)
        form.addRow("", csv_row)
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.target)  # a label of a layout has none: its & would show
        form.addRow(file_label, target_row)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.write_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.write_button.setDefault(True)
        resize_to_fit(self, 620, 300)

    def _connect(self) -> None:
        self.write_button.clicked.connect(self.start_writing)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.kinds.idClicked.connect(self._on_kinds_id_clicked)
        self.csv_table.currentIndexChanged.connect(self._on_kinds_id_clicked)
        self.period.period_changed.connect(self._on_period_period_changed)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)

    def refresh(self) -> None:
        """List the months that have inspections (the newest is chosen the first time)."""
        self.period.set_months(self._services.office.months())
        self._suggest_target()

    # -- what to write, where --------------------------------------------------------------

    def kind(self) -> str:
        """BULLETIN, WORKBOOK or CSV, as chosen."""
        return (BULLETIN, WORKBOOK, CSV)[max(self.kinds.checkedId(), 0)]

    def file_name(self, period: Period) -> str:
        """The suggested file name for the chosen kind and ``period``."""
        if self.kind() == BULLETIN:
            return self.tr("Bulletin %1.pdf").replace("%1", str(period))
        if self.kind() == WORKBOOK:
            return self.tr("Inspection data %1.xlsx").replace("%1", str(period))
        return f"{self.csv_table.currentText()} {period}.csv"

    def _suggest_target(self) -> None:
        period = self.period.period()
        if period is None:
            return
        current = Path(self.target.text()) if self.target.text() else None
        folder = current.parent if current else default_folder()
        self.target.setText(str(folder / self.file_name(period).replace("..", "–")))

    # -- writing ---------------------------------------------------------------------------

    def start_writing(self) -> Task | None:
        """Write the chosen file on a worker thread."""
        if self.task is not None:
            return self.task
        period, target = self.period.period(), self.target.text().strip()
        if period is None:
            self._say(self.tr("Choose a month (YYYY-MM) first."), BAD_COLOUR)
            return None
        if not target:
            self._say(self.tr("Choose where to write the file."), BAD_COLOUR)
            return None
        job = _job(self.kind(), period, Path(target), self.csv_table.currentData())
        return self._run(job, self.tr("Writing"), self.tr("Writing %1…").replace("%1", target))

    def _when_done(self, written) -> None:
        self.last_file = Path(written.path)
        size = self.tr("%1 KB").replace("%1", f"{written.size_bytes / 1024:,.0f}")
        details = (self.tr("%n page(s)", "", written.pages) if hasattr(written, "pages")
                   else self.tr("%n row(s)", "", sum(written.rows.values())))
        text = self.tr("Written: %1").replace("%1", str(self.last_file)) + f"\n{details} · {size}"
        if written.empty:
            text += "\n" + self.tr("Nothing was inspected in this period; the file says so.")
        self._say(text, GOOD_COLOUR)
        self.open_button.setEnabled(True)
        self.written.emit(str(self.last_file))

    def _when_refused(self, exc: UserFacingError) -> None:
        self._say(self.tr("Not written: %1").replace("%1", str(exc)), BAD_COLOUR)

    def _when_cancelled(self) -> None:
        self._say(self.tr("Cancelled. No file was written."), BAD_COLOUR)

    # -- helpers ---------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        for widget in (self.period, self.bulletin_choice, self.workbook_choice, self.csv_choice,
                       self.csv_table, self.target, self.choose_button, self.write_button):
            widget.setEnabled(not running)
        self.close_button.setText(self.tr("Cancel") if running else self.tr("Close"))

    def _on_kinds_id_clicked(self, *_args) -> None:
        self._suggest_target()

    def _on_period_period_changed(self, _period: Period) -> None:
        self._suggest_target()

    def _on_choose_button_clicked(self) -> None:
        patterns = {BULLETIN: self.tr("PDF (*.pdf)"), WORKBOOK: self.tr("Workbook (*.xlsx)"),
                    CSV: self.tr("CSV (*.csv)")}
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Write to"), self.target.text(),
                                                patterns[self.kind()])
        if chosen:
            self.target.setText(chosen)

    def _on_open_button_clicked(self) -> None:
        if self.last_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_file)))


def _job(kind: str, period: Period, target: Path, table: str):
    """The worker-thread function writing the chosen file (reports imported there, lazily)."""
    def write(services: Services, progress):
        if kind == BULLETIN:
            from reports.bulletin_pdf import write_bulletin
            return write_bulletin(services.store, period, target, progress=progress)
        from reports import spreadsheets
        if kind == WORKBOOK:
            return spreadsheets.write_xlsx(services.store, period, target, progress)
        return spreadsheets.write_csv(services.store, period, target, table, progress)
    return write
