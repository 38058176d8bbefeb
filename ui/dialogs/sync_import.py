"""Import from USB: pick a bundle found on the drives, import it, read what happened.

The dialog lists the ``*.cabundle`` files on the removable drives (or a file
chosen by hand), newest first, with what their manifests say: what they carry,
who sent them, their number and date. Importing runs on a worker thread
(:func:`ui.sync_work.run_job`); the model verifies the whole bundle before it
changes anything. At the office an auditor's bundle is answered with a signed
receipt written onto the same drive, so the office types its password first.
The result says what changed (new, updated, unchanged, conflicts, photos) or, for
a refused bundle, why it was refused and that nothing changed.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.errors import (
    InputFileError,
    NoCertificateError,
    UserFacingError,
    WrongPassphraseError,
)
from model.progress import Progress
from model.store import clock
from model.sync import bundle_format
from model.sync.import_summary import ImportSummary
from ui.card_scan import Volume, removable_volumes
from ui.dialogs.task_dialog import TaskDialog
from ui.labels import named
from ui.screen_fit import resize_to_fit
from ui.sync_work import BAD_COLOUR, GOOD_COLOUR, FoundBundle, find_bundles, look_at, message_label
from ui.tasks import Task, TaskRunner
from usecases.services import Services

PATH_ROLE = Qt.ItemDataRole.UserRole
OTHER_SIDE_COLOUR = "#7a7a7a"
COLUMNS = (QT_TRANSLATE_NOOP("ImportDialog", "File"),
           QT_TRANSLATE_NOOP("ImportDialog", "Contents"),
           QT_TRANSLATE_NOOP("ImportDialog", "From"),
           QT_TRANSLATE_NOOP("ImportDialog", "No."),
           QT_TRANSLATE_NOOP("ImportDialog", "Made"),
           QT_TRANSLATE_NOOP("ImportDialog", "Folder"))
CONTENTS = {
    "auditor": QT_TRANSLATE_NOOP("ImportDialog", "an auditor's work"),
    "office": QT_TRANSLATE_NOOP("ImportDialog", "office data"),
    "receipt": QT_TRANSLATE_NOOP("ImportDialog", "office receipt"),
}
# The office's settings a laptop takes from its bundle (model.sync.office_settings.KEYS).
SETTINGS = {
    "notice.letterhead": QT_TRANSLATE_NOOP("ImportDialog", "letterhead"),
    "notice.number_pattern": QT_TRANSLATE_NOOP("ImportDialog", "notice numbering"),
    "notice.office_prefix": QT_TRANSLATE_NOOP("ImportDialog", "number prefix"),
    "photo_stamp_template": QT_TRANSLATE_NOOP("ImportDialog", "photo stamp"),
    "negative_list": QT_TRANSLATE_NOOP("ImportDialog", "negative list"),
}
# BundleError.kind in words; the model's own sentence follows as the detail.
REFUSALS = {
    "unreadable": QT_TRANSLATE_NOOP("ImportDialog", "The file cannot be read: the copy is "
                                                    "incomplete or damaged, or the drive was "
                                                    "removed."),
    "altered": QT_TRANSLATE_NOOP("ImportDialog", "The bundle was changed after it was "
                                                 "signed."),
    "unsafe": QT_TRANSLATE_NOOP("ImportDialog", "The bundle holds something CivicAudit never "
                                                "writes; do not use it."),
    "untrusted": QT_TRANSLATE_NOOP("ImportDialog", "The bundle is not signed by anyone your "
                                                   "office trusts."),
    "revoked": QT_TRANSLATE_NOOP("ImportDialog", "The bundle is signed with a revoked "
                                                 "certificate."),
    "expired": QT_TRANSLATE_NOOP("ImportDialog", "The signer's certificate is expired or not "
                                                 "valid yet (check this computer's date)."),
    "other_office": QT_TRANSLATE_NOOP("ImportDialog", "The bundle belongs to another office."),
    "not_enrolled": QT_TRANSLATE_NOOP("ImportDialog", "This computer does not belong to an "
                                                      "office yet: install your certificate "
                                                      "from the office first."),
    "too_new": QT_TRANSLATE_NOOP("ImportDialog", "The bundle was made by a newer CivicAudit; "
                                                 "update this program."),
    "missed": QT_TRANSLATE_NOOP("ImportDialog", "This laptop missed an earlier office bundle, "
                                                "and this one carries only what changed since: "
                                                "ask the office for a complete bundle."),
}


def _words(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class ImportDialog(TaskDialog):
    """Choose a bundle on a USB drive and import it; shows what changed or why it was refused."""

    imported = Signal(object)  # the ImportSummary of an import that was not refused
    conflicts_requested = Signal()

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None,
                 volumes: list[Volume] | None = None):
        super().__init__(services, tasks, parent)
        self._volumes = volumes
        self._extra: list[Path] = []  # files chosen by hand, listed with the drives' bundles
        self._found: dict[str, FoundBundle] = {}
        self.summary: ImportSummary | None = None
        self.refusal: BaseException | None = None
        self.setWindowTitle(self.tr("Import from USB"))
        resize_to_fit(self, 860, 560)
        self.list = self._bundle_list()
        self.look_again_button = QPushButton(self.tr("&Look again"), self)
        self.choose_button = QPushButton(self.tr("Choose a &file…"), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = message_label(self)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.conflicts_button = QPushButton(self.tr("Resolve &conflicts…"), self)
        self.conflicts_button.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("&Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._close_text = self.close_button.text()  # Qt's own words, in the user's language
        self._lay_out()
        self._connect()
        self.refresh_list()

    def _bundle_list(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels([_words(c) for c in COLUMNS])
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setAllColumnsShowFocus(True)
        for column, width in enumerate((300, 120, 120, 50, 130)):
            tree.setColumnWidth(column, width)
        return tree

    def _lay_out(self) -> None:
        intro = message_label(self)
        intro.setText(self.tr(
            "Bundles from the auditors' laptops. Each is checked completely (signature, every "
            "file) before anything changes; a receipt for the auditor is written onto the same "
            "drive.") if self._is_office() else self.tr(
            "Data and receipts from the office. Each bundle is checked completely (signature, "
            "every file) before anything changes."))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.look_again_button)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        if self._is_office():
            form = QFormLayout()
            form.addRow(self.tr("&Password (signs the receipt):"), self.password)
            form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.password)
            layout.addLayout(form)
        else:
            self.password.hide()
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.conflicts_button)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.look_again_button.clicked.connect(self.refresh_list)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self.list.itemSelectionChanged.connect(self._update_import_button)

    def _is_office(self) -> bool:
        return self._services.user.is_office

    # -- the list ----------------------------------------------------------------------

    def refresh_list(self) -> None:
        """Look for bundles on the drives again (the chosen file stays selected)."""
        chosen = self.selected()
        volumes = removable_volumes() if self._volumes is None else self._volumes
        found = find_bundles([v.root for v in volumes])
        known = {f.path.resolve() for f in found}
        found = [look_at(p) for p in self._extra if p.resolve() not in known] + found
        self._found = {str(f.path): f for f in found}
        self.list.clear()
        for item in map(self._item, found):
            self.list.addTopLevelItem(item)
        if not found:
            self._say(self.tr("No bundle found on a USB drive. Connect the drive, or choose a "
                              "file."), None)
        self._select(chosen or self._first_importable())

    def _item(self, found: FoundBundle) -> QTreeWidgetItem:
        manifest = found.manifest
        if manifest is None:
            texts = [found.path.name, self.tr("cannot be read"), "", "",
                     found.made.strftime("%Y-%m-%d %H:%M"), str(found.path.parent)]
        else:
            sender = named(manifest.profile.get("name", ""), manifest.profile.get("staff_no", ""))
            texts = [found.path.name, _words(CONTENTS.get(manifest.kind, manifest.kind)), sender,
                     str(manifest.sequence), clock.office_text(manifest.created_at),
                     str(found.path.parent)]
        item = QTreeWidgetItem(texts)
        item.setData(0, PATH_ROLE, str(found.path))
        note = self._not_here(found)
        if note:
            for column in range(len(texts)):
                item.setForeground(column, QBrush(QColor(OTHER_SIDE_COLOUR)))
                item.setToolTip(column, note)
        return item

    def _not_here(self, found: FoundBundle) -> str:
        """Why a bundle is not for this computer ("" when it is)."""
        if found.manifest is None:
            return found.problem or ""
        if found.manifest.kind == "auditor" and not self._is_office():
            return self.tr("For the office: an auditor's work is imported there.")
        if found.manifest.kind != "auditor" and self._is_office():
            return self.tr("For an auditor's laptop.")
        return ""

    def _first_importable(self) -> str | None:
        return next((p for p, f in self._found.items() if not self._not_here(f)), None)

    def _select(self, path: str | None) -> None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item.data(0, PATH_ROLE) == path:
                self.list.setCurrentItem(item)
                break
        self._update_import_button()

    def selected(self) -> str | None:
        """The path of the chosen bundle, if any."""
        item = self.list.currentItem()
        return item.data(0, PATH_ROLE) if item is not None and item.isSelected() else None

    def set_file(self, path: Path) -> None:
        """List a bundle file chosen by hand and select it (what "Choose a file…" does)."""
        path = Path(path)
        if path not in self._extra:
            self._extra.append(path)
        self.refresh_list()
        self._select(str(path))

    # -- importing ------------------------------------------------------------------------

    def start_import(self) -> Task | None:
        """Import the chosen bundle on a worker thread (the office types its password first)."""
        path = self.selected()
        if self.task is not None or path is None:
            return self.task
        found = self._found[path]
        receipt_wanted = (self._is_office() and found.manifest is not None
                          and found.manifest.kind == "auditor")
        passphrase = self.password.text() if receipt_wanted else None
        if receipt_wanted and not passphrase:
            self._say(self.tr("Type your password: the receipt for the auditor is signed with "
                              "your key."), BAD_COLOUR)
            self.password.setFocus()
            return None
        self.summary = self.refusal = None
        self.conflicts_button.hide()
        return self._run(
            lambda services, progress: _import(services, Path(path), passphrase, progress),
            self.tr("Importing"),
            self.tr("Checking and importing %1…").replace("%1", Path(path).name))

    def _when_done(self, summary: ImportSummary) -> None:
        self.summary = summary
        self._say(self._summary_html(summary), GOOD_COLOUR, rich=True)
        self.conflicts_button.setVisible(summary.counts["conflict"] > 0)
        self.password.clear()
        self.refresh_list()  # the receipt is on the drive now
        self.imported.emit(summary)

    def _when_wrong_password(self, _exc: WrongPassphraseError) -> None:
        self._ask_password_again(
            self.password, self.tr("That password is not yours. Nothing was imported; try again."),
            BAD_COLOUR)

    def _when_refused(self, exc: UserFacingError) -> None:
        self.refusal = exc
        self._say(self._refusal_html(exc), BAD_COLOUR, rich=True)

    def _when_cancelled(self) -> None:
        self._say(self.tr("Import stopped. Nothing was changed."), BAD_COLOUR)

    # -- what to say ----------------------------------------------------------------------

    def _summary_html(self, s: ImportSummary) -> str:
        name = html.escape(Path(s.bundle).name)
        lines = ["<b>" + self.tr("Imported %1").replace("%1", name) + "</b>"]
        if s.already_imported:
            lines.append(self.tr("This bundle was imported before; nothing changed."))
            return "<br>".join(lines)
        if s.kind == "receipt":
            lines.append(self.tr("Receipt from the office for this laptop's bundle %1: %n "
                                 "record(s) acknowledged.", "", s.counts["acknowledged"])
                         .replace("%1", str(s.acknowledges)))
            lines.append(self.tr("Photo originals the office holds may now be deleted from this "
                                 "laptop (Sync ▸ Delete acknowledged photo originals)."))
            return "<br>".join(lines)
        lines.append(" · ".join((self.tr("%n new", "", s.counts["new"]),
                                 self.tr("%n updated", "", s.counts["updated"]),
                                 self.tr("%n unchanged", "", s.counts["unchanged"]),
                                 self.tr("%n conflict(s)", "", s.counts["conflict"]))))
        lines.append(" · ".join((self.tr("%n photo(s) copied", "", s.media_copied),
                                 self.tr("%n already here", "", s.media_present),
                                 self.tr("%n audit event(s)", "", s.events))))
        if s.counts["conflict"]:
            lines.append(f"<span style='color:{BAD_COLOUR}'>" + self.tr(
                "Records changed on both sides are kept in both versions: choose one in "
                "Resolve conflicts.") + "</span>")
        if s.settings_taken:
            lines.append(self.tr("The office's settings now used here: %1.").replace(
                "%1", self.tr(", ").join(_words(SETTINGS.get(k, k)) for k in s.settings_taken)))
        if s.receipt:
            lines.append(self.tr("Receipt written: %1 — give the drive back to the auditor.")
                         .replace("%1", html.escape(Path(s.receipt).name)))
        if s.history_rewritten:
            lines.append(f"<b style='color:{BAD_COLOUR}'>" + self.tr(
                "Warning: the audit log of %1's laptop was rewritten after the office received "
                "it. The work was imported; the office's audit log records the finding. Ask "
                "for the laptop and report it.").replace("%1", html.escape(s.sender))
                + "</b> " + self.tr("(From event %1 on, its log no longer matches what the "
                                    "office received.)").replace("%1", str(s.rewritten_from)))
        lines += [self.tr("Note: %1").replace("%1", html.escape(note)) for note in s.notes]
        return "<br>".join(lines)

    def _refusal_html(self, exc: UserFacingError) -> str:
        lines = ["<b>" + self.tr("Refused. Nothing was changed.") + "</b>"]
        if isinstance(exc, bundle_format.BundleError):
            lines.append(_words(REFUSALS.get(exc.kind, REFUSALS["altered"])))
            detail = f"“{exc.entry}”: {exc.detail}" if exc.entry else exc.detail
        elif isinstance(exc, NoCertificateError):
            detail = self.tr("You have no signing certificate, so no receipt can be signed "
                             "for the auditor. Install the office's certificate first.")
        elif isinstance(exc, InputFileError):
            detail = exc.problem
        else:
            detail = str(exc)
        lines.append(html.escape(detail))
        return "<br>".join(lines)

    # -- helpers ---------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        for widget in (self.list, self.look_again_button, self.choose_button, self.password,
                       self.import_button):
            widget.setEnabled(not running)
        self.close_button.setText(self.tr("Cancel") if running else self._close_text)
        if not running:
            self._update_import_button()

    def _update_import_button(self) -> None:
        self.import_button.setEnabled(self.task is None and self.selected() is not None)

    def _on_choose_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Bundle to import"), "",
            self.tr("CivicAudit bundles (*%1)").replace("%1", bundle_format.SUFFIX))
        if path:
            self.set_file(Path(path))

    def _on_list_item_double_clicked(self, _item: QTreeWidgetItem, _column: int) -> None:
        self.start_import()


def _import(services: Services, path: Path, passphrase: str | None,
            progress: Progress) -> ImportSummary:
    """Runs on a worker thread. The password and certificate are checked before the import,
    because the receipt is written after the merge: failing then would leave the bundle
    imported without a receipt."""
    if passphrase is not None:
        if not services.check_password(passphrase):
            raise WrongPassphraseError("wrong password")  # worded by the dialog
        if services.credentials.status() != "installed":
            raise NoCertificateError("no signing certificate")  # worded by the dialog
    return services.sync.import_bundle(path, receipt_folder=path.parent if passphrase else None,
                                       passphrase=passphrase, progress=progress)
