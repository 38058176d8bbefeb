"""USB sync in the GUI over real stores: an office and two laptops with real keys and bundles.

The dialogs run the real export and import on worker threads (TaskRunner); the
tests choose folders and files through the dialogs' own methods instead of file
choosers. Assertions look at numbers, file names and the model's own words, so
they hold in any language the dialogs are translated to.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox

from model.people.profiles import Role
from model.store import clock
from model.sync import bundle_format, bundle_open
from tests import worlds
from tests.model import sync_world
from tests.model.sync_world import PW
from tests.model.sync_world import inspect as _inspect
from tests.model.test_sync import _domain
from tests.ui.conftest import open_window
from tests.ui.test_notice_ui import ModalAnswers
from ui.card_scan import Volume
from ui.dialogs.conflicts import ConflictDialog
from ui.dialogs.sync_export import ExportDialog
from ui.dialogs.sync_import import ImportDialog
from ui.labels import named, word
from ui.sync_flow import SyncFlow
from ui.tasks import TaskRunner

world = sync_world.world  # an office and two enrolled laptops, office data synced
TASK_TIMEOUT_MS = 60_000
HIGHLIGHT = "#fff1b8"  # conflicts.DIFFERENT_STYLE's background


@pytest.fixture
def runner():
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def _stick(folder: Path) -> list[Volume]:
    return [Volume("STICK", folder, 1 << 30)]


def _show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _wait(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.task is None, timeout=TASK_TIMEOUT_MS)


def _row_texts(dialog: ImportDialog) -> list[list[str]]:
    tree = dialog.list
    return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]
            for r in range(tree.topLevelItemCount())]


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


# -- export ---------------------------------------------------------------------------------

def test_the_export_dialog_writes_a_verified_bundle_into_the_chosen_folder(qtbot, world,
                                                                           runner, tmp_path):
    _office, laptops, _stick_dir = world
    a07 = laptops["A07"]
    _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    out = tmp_path / "usb"
    out.mkdir()
    dialog = _show(qtbot, ExportDialog(a07, runner, volumes=[]))
    assert dialog.folder() is None and not dialog.drives.currentData()
    unsynced = a07.sync.status()["unsynced"]
    assert unsynced in _numbers(dialog.pending.text())
    dialog.set_folder(out)
    assert dialog.folder() == out and dialog.drives.count() == 1
    assert dialog.start_export() is None  # no password typed: nothing starts
    assert dialog.password.hasFocus() or not dialog.isActiveWindow()
    dialog.password.setText(PW)
    with qtbot.waitSignal(dialog.exported, timeout=TASK_TIMEOUT_MS) as signal:
        dialog.start_export()
        assert not dialog.export_button.isEnabled()
    _wait(qtbot, dialog)
    path, counts = Path(signal.args[0]), signal.args[1]
    assert dialog.written == path and path.parent == out
    assert sorted(p.name for p in out.iterdir()) == [path.name]  # no .part left behind
    manifest = bundle_open.peek_manifest(path)
    assert manifest.kind == "auditor" and manifest.meta["records"] == counts["records"]
    assert counts["media"] == 1
    assert str(path) in dialog.message.text()
    assert {counts["records"], counts["media"]} <= set(_numbers(dialog.message.text()))
    assert dialog.export_button.isEnabled() and dialog.password.text() == ""


def test_the_office_ticks_send_everything_for_a_laptop_that_missed_a_bundle(qtbot, world,
                                                                             runner, tmp_path):
    office, laptops, stick = world
    for laptop in laptops.values():  # each says which office bundle it holds
        office.sync.import_bundle(laptop.sync.export(stick, PW)[0])
    auditors = ExportDialog(laptops["A07"], runner, volumes=[])
    qtbot.addWidget(auditors)
    assert auditors.full is None  # only the office's dialog offers it
    out = tmp_path / "usb"
    out.mkdir()
    dialog = _show(qtbot, ExportDialog(office, runner, volumes=_stick(out)))
    sent, said = [], []
    for full in (False, True):
        dialog.full.setChecked(full)
        dialog.password.setText(PW)
        with qtbot.waitSignal(dialog.exported, timeout=TASK_TIMEOUT_MS) as signal:
            dialog.start_export()
            assert not dialog.full.isEnabled()
        _wait(qtbot, dialog)
        sent.append(bundle_open.peek_manifest(Path(signal.args[0])).meta)
        said.append(dialog.message.text())
        assert dialog.full.isEnabled()
    assert sent[0]["since"] > 0 and sent[1]["since"] == 0
    assert sent[0]["records"] < sent[1]["records"]
    assert sent[0]["since"] in _numbers(said[0]) and sent[1]["records"] in _numbers(said[1])


def test_a_wrong_password_or_a_vanished_drive_is_said_plainly_and_writes_nothing(qtbot, world,
                                                                                 runner,
                                                                                 tmp_path):
    _office, laptops, _stick_dir = world
    a07 = laptops["A07"]
    _inspect(a07, "YZ-2", tmp_path, ["ZCGD-01"])
    out = tmp_path / "usb"
    out.mkdir()
    dialog = _show(qtbot, ExportDialog(a07, runner, volumes=_stick(out)))
    assert dialog.folder() == out  # the one drive is chosen
    dialog.password.setText("not-the-password")
    dialog.start_export()
    _wait(qtbot, dialog)
    assert dialog.written is None and list(out.iterdir()) == []
    assert dialog.password.selectedText() == "not-the-password"  # ready to be typed over
    pulled = tmp_path / "pulled-stick"
    dialog.set_folder(pulled)  # the drive went away
    dialog.password.setText(PW)
    dialog.start_export()
    _wait(qtbot, dialog)
    assert dialog.written is None and not pulled.exists()
    assert str(pulled) in dialog.message.text()
    assert "No file was written." in dialog.message.text()  # the model's words, shown whole
    assert a07.sync.status()["last_export"] is None


def test_closing_during_an_export_cancels_it_and_leaves_nothing(qtbot, world, runner, tmp_path):
    _office, laptops, _stick_dir = world
    a07 = laptops["A07"]
    _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    out = tmp_path / "usb"
    out.mkdir()
    dialog = _show(qtbot, ExportDialog(a07, runner, volumes=_stick(out)))
    dialog.password.setText(PW)
    task = dialog.start_export()
    dialog.reject()  # Esc or Cancel while the key is still being unlocked
    assert dialog.isVisible()  # it waits for the export to stop
    qtbot.waitUntil(lambda: not task.is_running, timeout=TASK_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.written is None and list(out.iterdir()) == []
    assert dialog.message.text() == dialog.tr("Export cancelled. Nothing was written to the "
                                              "drive.")
    assert a07.sync.status()["last_export"] is None


# -- import ---------------------------------------------------------------------------------

def test_the_office_imports_a_bundle_from_the_stick_and_writes_the_receipt(qtbot, world,
                                                                           runner, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01", "ZCGD-02"])
    exported, counts = a07.sync.export(stick, PW)
    dialog = _show(qtbot, ImportDialog(office, runner, volumes=_stick(stick)))
    rows = _row_texts(dialog)
    assert [r[0] for r in rows] == [exported.name, "civicaudit-office-O01-00001.cabundle"]
    assert rows[0][2] == named("李明", "A07") and rows[0][3] == str(counts["sequence"])
    assert dialog.selected() == str(exported)  # the newest bundle meant for the office
    assert dialog.start_import() is None  # the receipt needs the office's password
    dialog.password.setText(PW)
    with qtbot.waitSignal(dialog.imported, timeout=TASK_TIMEOUT_MS):
        dialog.start_import()
    _wait(qtbot, dialog)
    summary = dialog.summary
    assert summary.counts["new"] >= 1 and summary.media_copied == 1
    receipt = Path(summary.receipt)
    assert receipt.parent == stick and receipt.exists()
    assert bundle_open.peek_manifest(receipt).kind == "receipt"
    shown = _numbers(dialog.message.text())
    assert {summary.counts["new"], summary.counts["unchanged"], summary.media_copied} <= set(
        shown)
    assert receipt.name in dialog.message.text()
    assert receipt.name in [r[0] for r in _row_texts(dialog)]  # listed now, for the laptop
    assert not dialog.conflicts_button.isVisible()
    dialog.password.setText(PW)
    dialog.start_import()  # the same bundle again
    _wait(qtbot, dialog)
    assert dialog.summary.already_imported and not dialog.summary.counts
    laptop_dialog = _show(qtbot, ImportDialog(a07, runner, volumes=_stick(stick)))
    assert laptop_dialog.password.isHidden()
    assert laptop_dialog.selected() == str(receipt)
    laptop_dialog.start_import()
    _wait(qtbot, laptop_dialog)
    assert laptop_dialog.summary.counts["acknowledged"] == counts["records"]
    assert a07.sync.status()["unsynced"] == 0


def test_a_laptops_rewritten_history_is_shown_to_the_office_as_a_warning(qtbot, world, runner,
                                                                         tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    office.sync.import_bundle(a07.sync.export(stick, PW)[0])
    db = a07.store.db  # in the laptop's own file: the newest events deleted, the anchor fixed
    keep = db.execute("SELECT max(seq) FROM audit_event").fetchone()[0] - 3
    db.execute("DELETE FROM audit_event WHERE seq > ?", [keep])
    db.execute("UPDATE setting SET value = (SELECT seq || ':' || hash FROM audit_event WHERE "
               "seq = ?) WHERE key = 'audit_head'", [keep])
    db.conn.commit()
    _inspect(a07, "YZ-2", tmp_path, ["ZCGD-02"])
    second, _ = a07.sync.export(stick, PW)
    dialog = _show(qtbot, ImportDialog(office, runner, volumes=_stick(stick)))
    assert dialog.selected() == str(second)
    dialog.password.setText(PW)
    dialog.start_import()
    _wait(qtbot, dialog)
    assert dialog.summary.history_rewritten and dialog.summary.counts["new"] >= 1
    shown = dialog.message.text()
    assert "审计日志在创城办接收之后被改写过" in shown and "李明" in shown
    assert dialog.summary.rewritten_from == keep + 1 and f"第 {keep + 1} 条" in shown


def test_a_laptop_that_missed_an_office_bundle_is_told_to_ask_for_a_complete_one(
        qtbot, world, runner, tmp_path):
    office, laptops, stick = world
    for laptop in laptops.values():  # each says which office bundle it holds
        office.sync.import_bundle(laptop.sync.export(stick, PW)[0])
    incremental, _ = office.sync.export(stick, PW)
    office.people.create("赵六", "A09", Role.AUDITOR, PW, "督查三组")
    fresh = worlds.make_laptop(tmp_path / "A09", office, PW, staff_no="A09", name="赵六")
    try:  # a laptop that holds none of the office's bundles
        before = _domain(fresh)
        dialog = _show(qtbot, ImportDialog(fresh, runner, volumes=_stick(stick)))
        dialog.set_file(incremental)
        dialog.start_import()
        _wait(qtbot, dialog)
        assert dialog.summary is None and dialog.refusal.kind == "missed"
        assert html.escape(dialog.refusal.detail) in dialog.message.text()
        assert _domain(fresh) == before
        dialog.close()
    finally:
        fresh.close()


def test_a_damaged_bundle_is_refused_with_its_reason_and_changes_nothing(qtbot, world, runner,
                                                                         tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    exported, _ = a07.sync.export(stick, PW)
    data = bytearray(exported.read_bytes())
    data[len(data) // 3] ^= 0xFF  # one changed byte in an entry
    broken = tmp_path / "elsewhere" / "broken.cabundle"
    broken.parent.mkdir()
    broken.write_bytes(bytes(data))
    cut = tmp_path / "elsewhere" / "cut.cabundle"
    cut.write_bytes(exported.read_bytes()[: len(data) // 2])
    before = _domain(office)
    dialog = _show(qtbot, ImportDialog(office, runner, volumes=_stick(tmp_path / "elsewhere")))
    rows = {r[0]: r for r in _row_texts(dialog)}
    assert rows["cut.cabundle"][2] == ""  # its manifest cannot be read: no sender shown
    # the manifest is intact, an entry is not
    assert rows["broken.cabundle"][2] == named("李明", "A07")
    dialog.set_file(broken)
    dialog.password.setText(PW)
    dialog.start_import()
    _wait(qtbot, dialog)
    assert dialog.summary is None and isinstance(dialog.refusal, bundle_format.BundleError)
    assert dialog.refusal.kind == "altered"
    assert html.escape(dialog.refusal.detail) in dialog.message.text()
    assert _domain(office) == before
    assert [p.name for p in stick.iterdir() if "receipt" in p.name] == []
    dialog.set_file(cut)
    dialog.start_import()
    _wait(qtbot, dialog)
    assert dialog.refusal.kind == "unreadable" and _domain(office) == before


# -- conflicts ------------------------------------------------------------------------------

def _make_conflict(world, tmp_path):
    """The office escalates a notice while the auditor records its receipt (as in the model
    test); the auditor's next bundle brings the competing version to the office."""
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspection = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    desk = a07.notices
    issued = desk.issue(desk.draft(inspection), PW)
    office.sync.import_bundle(a07.sync.export(stick, PW)[0])
    office.notices.escalate(issued.notice.id, "bulletin")
    a07.notices.set_status(issued.notice.id, "received", "签收")
    return issued.notice, a07.sync.export(stick, PW)[0]


def test_a_conflict_shows_both_versions_and_is_resolved_in_the_dialog(qtbot, world, runner,
                                                                      tmp_path):
    office, _laptops, _stick_dir = world
    notice, second = _make_conflict(world, tmp_path)
    host = QMainWindow()
    qtbot.addWidget(host)
    flow = SyncFlow(office, runner, host)
    importer = flow.import_bundles()
    importer.set_file(second)
    importer.password.setText(PW)
    importer.start_import()
    _wait(qtbot, importer)
    assert importer.summary.counts["conflict"] == 1
    assert importer.conflicts_button.isVisible()
    importer.conflicts_button.click()
    dialog = flow.conflict_dialog
    qtbot.waitExposed(dialog)
    assert dialog.list.topLevelItemCount() == 1
    assert notice.number in dialog.list.topLevelItem(0).text(0)
    sides = [view.toPlainText() for view in dialog.views]
    auditors = next(i for i, text in enumerate(sides) if "签收" in text)  # which is in use
    offices = 1 - auditors                                             # depends on the clock
    assert word("notice_status", "received") in sides[auditors]
    assert word("notice_status", "escalated") in sides[offices] and "签收" not in sides[offices]
    assert all(HIGHLIGHT in view.toHtml() for view in dialog.views)  # the differing lines
    with qtbot.waitSignal(flow.data_changed):
        dialog.keep_buttons[auditors].click()
    assert office.sync.conflicts() == []
    assert dialog.list.topLevelItemCount() == 0 and dialog.empty.isVisible()
    assert not any(button.isEnabled() for button in dialog.keep_buttons)
    assert next(n for n in office.notices.listing() if n.id == notice.id).status.value == "received"
    assert re.search(r"\b0\b", flow.status_label.text())  # the office's line: 0 conflicts


def test_the_conflict_dialog_shows_an_inspection_s_results(qtbot, world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspection = _inspect(a07, "YZ-2", tmp_path, ["ZCGD-01"])
    office.sync.import_bundle(a07.sync.export(stick, PW)[0])
    a07.inspections.reopen(inspection, "补记")             # the auditor corrects a result …
    a07.inspections.record(inspection, "ZCGD-01", "fail", 4, "南门", "堆放杂物")
    office.inspections.reopen(inspection, "办公室退回")   # … while the office reopens it
    office.sync.import_bundle(a07.sync.export(stick, PW)[0])
    dialog = _show(qtbot, ConflictDialog(office))
    assert dialog.list.topLevelItemCount() == 1
    assert "YZ-2" in dialog.list.topLevelItem(0).text(0)
    sides = [view.toPlainText() for view in dialog.views]
    auditors = next(i for i, text in enumerate(sides) if "南门" in text)
    assert "ZCGD-01" in sides[auditors] and "4" in sides[auditors] and "堆放杂物" in sides[auditors]
    assert "东门" in sides[1 - auditors] and "南门" not in sides[1 - auditors]
    # who, and the unchanged results
    assert named("李明", "A07") in sides[0] and "ZCGD-03" in sides[0]
    dialog.keep(auditors)
    assert office.sync.conflicts() == []
    assert office.inspections.result(inspection, "ZCGD-01").location == "南门"


# -- the window -----------------------------------------------------------------------------

def test_the_sync_menu_and_the_status_line_of_a_laptop(qtbot, world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    window = open_window(qtbot, a07, a07.store.data_dir)
    label = window.sync_flow.status_label
    qtbot.waitUntil(lambda: label.text() != "")
    unsynced = a07.sync.status()["unsynced"]
    assert _numbers(label.text()) == [unsynced, 0]  # n unsynced · no receipt yet · 0 conflicts
    sync_menu = window.menuBar().actions()[4].menu()
    actions = [a for a in sync_menu.actions() if not a.isSeparator()]
    assert actions == [window.actions.sync_export, window.actions.sync_import,
                       window.actions.sync_conflicts, window.actions.prune_photos]
    assert window.actions.sync_export.shortcut().toString() == "Ctrl+Shift+E"
    assert window.actions.sync_import.shortcut().toString() == "Ctrl+Shift+I"
    exported, _ = a07.sync.export(stick, PW)
    office.sync.import_bundle(exported, receipt_folder=stick, passphrase=PW)
    importer = window.sync_flow.import_bundles()
    importer.set_file(next(stick.glob("civicaudit-receipt-*")))
    importer.start_import()
    _wait(qtbot, importer)
    receipt_day = clock.office_text(a07.sync.status()["last_receipt"])
    assert receipt_day in label.text()
    assert _numbers(label.text().replace(receipt_day, "")) == [0, 0]  # unsynced, conflicts
    yes, ok = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok
    answers = ModalAnswers((QMessageBox, lambda box: (box.button(yes) or box.button(ok)).click()))
    try:
        importer.reject()
        assert window.sync_flow.prune_photos() == 1
    finally:
        answers.stop()
    assert a07.sync.prunable() == []
