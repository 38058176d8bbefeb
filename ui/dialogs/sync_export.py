"""Export to USB: choose the stick, see what will go, type the password, write the bundle.

The dialog lists the removable drives that can be written to (or takes any
folder), says what the bundle will carry (the records no office receipt has
acknowledged yet), and writes the signed bundle on a worker thread through
:func:`ui.sync_work.run_job`, with the task's progress dialog and Cancel. The
model writes to a temporary name and renames only a verified file, so a full
disk, a pulled stick or a Cancel leaves nothing that looks like a bundle; the
dialog shows those outcomes in plain words and stays open to try again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.errors import UserFacingError, WrongPassphraseError
from model.store import clock
from ui.card_scan import Volume
from ui.dialogs.task_dialog import TaskDialog
from ui.screen_fit import resize_to_fit
from ui.sync_work import BAD_COLOUR, GOOD_COLOUR, free_bytes, message_label, writable_drives
from ui.tasks import Task, TaskRunner
from usecases.services import Services


class ExportDialog(TaskDialog):
    """Write a signed bundle of what the other side lacks onto a USB drive."""

    exported = Signal(str, dict)  # the bundle's path; records, media, sequence (office: since)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None,
                 volumes: list[Volume] | None = None):
        super().__init__(services, tasks, parent)
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Export to USB"))
        resize_to_fit(self, 640, 360)
        self.drives = QComboBox(self)
        self.choose_button = QPushButton(self.tr("Choose a &folder…"), self)
        self.choose_button.setAutoDefault(False)
        self.pending = message_label(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        # the office's bundle carries only what the laptops lack, unless this is ticked
        self.full = (QCheckBox(self.tr("Send &everything (for a laptop that missed a bundle)"),
                               self) if services.user.is_office else None)
        self.message = message_label(self)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("&Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._close_text = self.close_button.text()  # Qt's own words, in the user's language
        self._lay_out()
        self._connect()
        self._fill_drives(writable_drives() if volumes is None else volumes)
        self._show_pending()

    def _lay_out(self) -> None:
        drive_row = QHBoxLayout()
        drive_row.addWidget(self.drives, 1)
        drive_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(self.tr("&Drive:"), drive_row)
        form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.drives)
        form.addRow(self.tr("What goes:"), self.pending)
        form.addRow(self.tr("&Password:"), self.password)
        form.itemAt(2, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.password)
        if self.full is not None:
            form.addRow(self.full)
        intro = message_label(self)
        intro.setText(self._intro())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _intro(self) -> str:
        if self._services.user.is_office:
            return self.tr("Writes checklists, sites, assignments, the certificate roster and "
                           "notice changes for the auditors' laptops onto the drive, signed "
                           "with your key.")
        return self.tr("Writes your new and changed work (inspections, photos, notices) onto "
                       "the drive for the office, signed with your key. Everything the office "
                       "has not acknowledged goes again, so nothing is lost if a stick is.")

    def _connect(self) -> None:
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)

    def _fill_drives(self, volumes: list[Volume]) -> None:
        for volume in volumes:
            self.drives.addItem(self._drive_text(volume.name, volume.root, volume.free_bytes),
                                str(volume.root))
        if not volumes:
            self.drives.addItem(self.tr("No USB drive found: connect one, or choose a folder"),
                                None)

    def _drive_text(self, name: str, root: Path, free: int) -> str:
        where = name if name == str(root) else f"{name} ({root})"
        if free < 0:
            return where
        return where + " — " + self.tr("%1 free").replace(
            "%1", QLocale().formattedDataSize(free))

    def _show_pending(self) -> None:
        status = self._services.sync.status()
        last_export = clock.office_text(status["last_export"]) or self.tr("never")
        if self._services.user.is_office:
            lines = [self.tr("Everything the laptops need from the office."),
                     self.tr("Only what the laptops do not hold yet goes, unless you tick "
                             "“Send everything”."),
                     self.tr("Last export: %1").replace("%1", last_export)]
        else:
            receipt = clock.office_text(status["last_receipt"])
            lines = [self.tr("%n change(s) the office has not acknowledged; every record they "
                             "touched goes, with its photos and PDFs", "", status["unsynced"]),
                     (self.tr("Last receipt from the office: %1").replace("%1", receipt)
                      if receipt else self.tr("No receipt from the office yet")),
                     self.tr("Last export: %1").replace("%1", last_export)]
        self.pending.setText("\n".join(lines))

    # -- what the user does -----------------------------------------------------------

    def folder(self) -> Path | None:
        """The drive or folder the bundle goes to, if one is chosen."""
        chosen = self.drives.currentData()
        return Path(chosen) if chosen else None

    def set_folder(self, folder: Path) -> None:
        """Choose a folder as the target (what "Choose a folder…" does after its dialog)."""
        folder = Path(folder)
        index = self.drives.findData(str(folder))
        if index < 0:
            none_found = self.drives.count() == 1 and self.drives.itemData(0) is None
            if none_found:
                self.drives.removeItem(0)
            self.drives.addItem(self._drive_text(str(folder), folder, free_bytes(folder)),
                                str(folder))
            index = self.drives.count() - 1
        self.drives.setCurrentIndex(index)

    def start_export(self) -> Task | None:
        """Write the bundle on a worker thread (after checking a target and a password)."""
        if self.task is not None:
            return self.task
        folder, passphrase = self.folder(), self.password.text()
        full = self.full is not None and self.full.isChecked()
        if folder is None:
            self._say(self.tr("Choose a USB drive or a folder first."), BAD_COLOUR)
            return None
        if not passphrase:
            self._say(self.tr("Type your password: it unlocks the key that signs the bundle."),
                      BAD_COLOUR)
            self.password.setFocus()
            return None
        return self._run(
            lambda services, progress: services.sync.export(folder, passphrase, progress, full),
            self.tr("Writing the bundle"),
            self.tr("Writing the bundle to %1…").replace("%1", str(folder)))

    def reject(self) -> None:
        """Close, or while writing stop first and close once the export has stopped."""
        if self.task is not None:
            self._close_when_stopped = True
            self._say(self.tr("Stopping…"), None)
        super().reject()

    # -- how the export ended --------------------------------------------------------------

    def _when_done(self, result: tuple[Path, dict]) -> None:
        path, counts = result
        self.written = Path(path)
        self._say(self.tr("Written: %1").replace("%1", str(path)) + "\n"
                  + self.tr("%n record(s)", "", counts["records"]) + " · "
                  + self.tr("%n photo(s)", "", counts["media"]) + " · "
                  + self.tr("bundle no. %1").replace("%1", str(counts["sequence"]))
                  + self._coverage(counts) + "\n"
                  + self._next_step(), GOOD_COLOUR)
        self.password.clear()
        self._show_pending()
        self.exported.emit(str(path), dict(counts))

    def _coverage(self, counts: dict) -> str:
        """What an office bundle carries: everything, or what changed since a bundle."""
        if "since" not in counts:
            return ""
        if counts["since"]:
            return " · " + self.tr("only what changed since bundle no. %1").replace(
                "%1", str(counts["since"]))
        return " · " + self.tr("everything")

    def _next_step(self) -> str:
        if self._services.user.is_office:
            return self.tr("Each auditor imports it on their laptop (Sync ▸ Import from USB).")
        return self.tr("Take the drive to the office. Its receipt, imported here, confirms "
                       "what arrived.")

    def _when_wrong_password(self, _exc: WrongPassphraseError) -> None:
        self._ask_password_again(
            self.password, self.tr("That password did not unlock your signing key. Try again."),
            BAD_COLOUR)

    def _when_refused(self, exc: UserFacingError) -> None:
        self._say(self.tr("Not exported: %1").replace("%1", str(exc)), BAD_COLOUR)

    def _when_cancelled(self) -> None:
        self._say(self.tr("Export cancelled. Nothing was written to the drive."), BAD_COLOUR)

    # -- helpers ---------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        for widget in (self.drives, self.choose_button, self.password, self.export_button,
                       self.full):
            if widget is not None:
                widget.setEnabled(not running)
        self.close_button.setText(self.tr("Cancel") if running else self._close_text)

    def _on_choose_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the bundle"))
        if folder:
            self.set_folder(Path(folder))
