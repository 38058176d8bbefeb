"""Evidence photos in the window: import, flags, drop, viewer, annotations, camera, card, remove."""

import datetime as dt
import os
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from model.inspections.navigator import Priority
from model.photos.photos import Flag
from model.store import clock
from tests.helpers import make_jpeg
from ui.camera import FakeCameraSource
from ui.card_scan import Volume, removable_volumes
from ui.dialogs.card_import import CardImportDialog
from ui.dialogs.photo_viewer import PairView
from ui.itemmodels.card_model import THUMB_EDGE, CardPhotoModel
from ui.itemmodels.photo_model import BADGE_COLOURS, PHOTO_ROLE

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "photos"
IMPORT_TIMEOUT = 30_000


_jpeg = make_jpeg


def _now_jpeg(path: Path, **options) -> Path:
    return _jpeg(path, dt.datetime.now(), **options)


@pytest.fixture
def view(window, qtbot):
    """The inspection view with a fresh inspection of one of today's sites."""
    model = window.navigator.model
    rows = [model.overview(r) for r in range(model.rowCount())]
    site = next(r for r in rows if r.priority is Priority.TODAY and r.status.value != "finished")
    window.start_or_continue(site.site.id)
    return window.inspection_view


@pytest.fixture
def panel(view):
    return view.editor.evidence


def _import(qtbot, panel, files, previews=True):
    """Import through the panel as its buttons do, and wait for the outcome (and previews)."""
    seen = []
    panel.importer.photos_imported.connect(lambda _id, outcomes: seen.append(outcomes))
    signals = [panel.importer.photos_imported] + ([panel.importer.previews_made] if previews
                                                  else [])
    with qtbot.waitSignals(signals, timeout=IMPORT_TIMEOUT, order="strict"):
        assert panel.import_files(files)
    return seen[0]


def _photos(panel):
    return [panel.model.index(r, 0).data(PHOTO_ROLE) for r in range(panel.model.rowCount())]


def _close_refusals(panel):
    for box in panel.findChildren(QMessageBox, "refusals"):
        box.close()


def test_imported_files_are_stored_and_shown_with_their_flags(panel, qtbot, demo_services,
                                                              tmp_path, qtmodeltester):
    good = _now_jpeg(tmp_path / "IMG_0001.jpg")
    bare = _jpeg(tmp_path / "screenshot.jpg", colour=(200, 60, 60))
    assert not panel.sources.buttons["add"].isHidden() and panel.sources.buttons["add"].isEnabled()
    _import(qtbot, panel, [good, bare])
    stored = demo_services.photos.of(panel.inspection_id, panel.criterion_code)
    assert sorted(p.original_name for p in stored) == ["IMG_0001.jpg", "screenshot.jpg"]
    assert panel.model.rowCount() == 2
    assert "2" in panel.status.text() and "已添加" in panel.status.text()
    row = next(r for r, p in enumerate(_photos(panel)) if p.original_name == "screenshot.jpg")
    index = panel.model.index(row, 0)
    assert set(index.data(PHOTO_ROLE).flags) == {Flag.NO_EXIF, Flag.NO_GPS}
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "无GPS定位" in tooltip and "无拍摄信息" in tooltip
    image = index.data(Qt.ItemDataRole.DecorationRole).toImage()
    badge = image.pixelColor(6, image.height() - 8)  # the first badge, lower left
    assert _near(badge, QColor(BADGE_COLOURS[Flag.NO_EXIF]))
    clean = next(r for r in range(2) if r != row)
    clean_image = panel.model.index(clean, 0).data(Qt.ItemDataRole.DecorationRole).toImage()
    assert not _near(clean_image.pixelColor(6, clean_image.height() - 8),
                     QColor(BADGE_COLOURS[Flag.NO_EXIF]))
    qtmodeltester.check(panel.model)


def _near(a: QColor, b: QColor, tolerance: int = 30) -> bool:
    return all(abs(x - y) <= tolerance for x, y in ((a.red(), b.red()), (a.green(), b.green()),
                                                    (a.blue(), b.blue())))


def test_a_refused_file_is_reported_with_its_reason_and_the_rest_still_imports(
        panel, qtbot, tmp_path):
    fake = tmp_path / "notes.jpg"
    fake.write_text("this is not a picture", encoding="utf-8")
    good = _now_jpeg(tmp_path / "IMG_0002.jpg")
    outcomes = _import(qtbot, panel, [fake, good])
    assert [o.status.value for o in outcomes] == ["refused", "stored"]
    assert [p.original_name for p in _photos(panel)] == ["IMG_0002.jpg"]
    boxes = panel.findChildren(QMessageBox, "refusals")
    assert len(boxes) == 1 and boxes[0].isVisible()
    assert boxes[0].text().startswith("notes.jpg：被拒收 — ")
    assert "不是 JPEG、PNG 或 HEIC 照片" in boxes[0].text()  # worded from the reason's kind
    assert "1 个被拒收" in panel.status.text()
    _close_refusals(panel)


def _drop(panel, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_files_and_folders_onto_the_panel_imports_them(panel, qtbot, tmp_path):
    single = _now_jpeg(tmp_path / "dropped.jpg")
    folder = tmp_path / "trip"
    _now_jpeg(folder / "a.jpg", colour=(10, 200, 10))
    _now_jpeg(folder / "sub" / "b.JPG", colour=(10, 10, 200))
    (folder / "readme.txt").write_text("not a photo")
    signals = [panel.importer.photos_imported, panel.importer.previews_made]
    with qtbot.waitSignals(signals, timeout=IMPORT_TIMEOUT, order="strict"):
        assert _drop(panel, [single, folder]) == (True, True)
    assert sorted(p.original_name for p in _photos(panel)) == ["a.jpg", "b.JPG", "dropped.jpg"]


def test_nothing_can_be_added_to_a_finished_inspection_but_photos_can_be_viewed(
        panel, view, qtbot, demo_services, tmp_path):
    _import(qtbot, panel, [_now_jpeg(tmp_path / "IMG_0003.jpg")])
    demo_services.inspections.finish(view.inspection_id)
    view.refresh()
    assert not panel.editable
    assert not any(button.isEnabled() for button in panel.sources.buttons.values())
    assert not panel.import_files([tmp_path / "IMG_0003.jpg"])
    assert _drop(panel, [tmp_path / "IMG_0003.jpg"]) == (False, False)
    menu = panel.context_menu(0)
    assert [a.isEnabled() for a in menu.actions()] == [True, False, False]
    viewer = panel.open_viewer(0)
    qtbot.addWidget(viewer)
    assert viewer.isVisible()


def test_photos_of_the_whole_inspection_are_listed_and_labelled(panel, view, demo_services,
                                                                tmp_path):
    demo_services.photos.add(view.inspection_id, [_now_jpeg(tmp_path / "gate.jpg")])
    panel.refresh()
    photo = _photos(panel)[0]
    assert photo.criterion_code is None
    assert panel.model.index(0, 0).data() == "gate.jpg（整次检查）"
    view.criteria.step(1)  # another criterion: the whole-inspection photo is still listed
    assert [p.original_name for p in _photos(panel)] == ["gate.jpg"]


def _three_photos(qtbot, panel, tmp_path):
    files = [_now_jpeg(tmp_path / f"IMG_00{n}.jpg", colour=(60 * n, 80, 120)) for n in (1, 2, 3)]
    _import(qtbot, panel, files)
    return _photos(panel)


def test_the_viewer_opens_zooms_and_steps_through_the_photos(panel, qtbot, tmp_path):
    _three_photos(qtbot, panel, tmp_path)
    thumbnails = panel.thumbnails
    rect = thumbnails.visualRect(panel.model.index(0, 0))
    qtbot.mouseClick(thumbnails.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(thumbnails.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = panel.viewer
    _activate(qtbot, viewer)
    assert viewer.current == 0 and "IMG_001.jpg" in viewer.metadata.text()
    assert viewer.position.text() == "1 / 3"
    for key, expected in ((Qt.Key.Key_Right, 1), (Qt.Key.Key_PageDown, 2), (Qt.Key.Key_Right, 2),
                          (Qt.Key.Key_Left, 1), (Qt.Key.Key_PageUp, 0)):
        qtbot.keyClick(viewer.view, key)
        assert viewer.current == expected
    assert viewer.view.zoom == 1.0
    qtbot.keyClick(viewer.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert viewer.view.zoom > 1.0
    qtbot.keyClick(viewer.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.view.zoom == 1.0
    _wheel(viewer.view, 120)
    assert viewer.view.zoom > 1.0
    qtbot.keyClick(viewer.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.view.zoom == 1.0  # never smaller than the whole photo


def _wheel(view, delta):
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(0, 0),
                        QPoint(0, delta), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def test_the_stamp_can_be_hidden_in_the_viewer(panel, qtbot, tmp_path):
    _three_photos(qtbot, panel, tmp_path)
    viewer = panel.open_viewer(0)
    qtbot.addWidget(viewer)
    stamped = viewer.view.picture.pixmap().toImage()
    viewer.stamp.setChecked(False)
    plain = viewer.view.picture.pixmap().toImage()
    assert stamped.size() == plain.size()
    bottom = stamped.height() - 3
    assert stamped.pixelColor(10, bottom).lightness() < plain.pixelColor(10, bottom).lightness()


def test_the_pair_view_shows_before_and_after_with_one_zoom(panel, qtbot, tmp_path,
                                                            demo_services):
    before, after, _ = _three_photos(qtbot, panel, tmp_path)
    pair = PairView(demo_services)
    qtbot.addWidget(pair)
    pair.resize(1000, 500)
    pair.show()
    qtbot.waitExposed(pair)
    pair.show_pair(before, after)
    assert "IMG_001.jpg" in pair.before_caption.text()
    assert "IMG_002.jpg" in pair.after_caption.text()
    pair.before.zoom_by(2)
    assert pair.after.zoom == pytest.approx(2)
    _wheel(pair.after, -120)
    assert pair.before.zoom == pytest.approx(pair.after.zoom)
    assert pair.before.zoom < 2


def _activate(qtbot, dialog):
    """Make a dialog the active window, as it is when it opens on a real desktop."""
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def _drag(qtbot, canvas, start, end):
    viewport = canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def _relative(canvas, point):
    return canvas.relative(canvas.mapToScene(point))


def test_the_annotation_editor_saves_relative_shapes_and_shows_them_again(
        panel, qtbot, tmp_path, demo_services):
    _three_photos(qtbot, panel, tmp_path)
    editor = panel.open_annotator(0)
    _activate(qtbot, editor)
    canvas = editor.canvas
    centre = canvas.viewport().rect().center()
    qtbot.keyClick(canvas, Qt.Key.Key_R)
    assert canvas.tool == "rect"
    box = (centre - QPoint(120, 80), centre + QPoint(40, 30))
    _drag(qtbot, canvas, *box)
    qtbot.keyClick(canvas, Qt.Key.Key_A)
    arrow = (centre + QPoint(150, 120), centre + QPoint(60, 40))
    _drag(qtbot, canvas, *arrow)
    qtbot.keyClick(canvas, Qt.Key.Key_T)
    editor.ask_text = lambda *args, **kwargs: "垃圾堆放"
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=centre - QPoint(100, 140))
    assert editor.shape_list.count() == 3
    editor.buttons.button(editor.buttons.StandardButton.Save).click()

    stored = demo_services.photos.of(panel.inspection_id, panel.criterion_code)[0].annotations
    assert [s["kind"] for s in stored] == ["rect", "arrow", "text"]
    for shape in stored:
        assert all(0 <= shape[k] <= 1 for k in ("x1", "y1", "x2", "y2"))
    expected = (*_relative(canvas, box[0]), *_relative(canvas, box[1]))
    assert tuple(stored[0][k] for k in ("x1", "y1", "x2", "y2")) == pytest.approx(expected,
                                                                                  abs=0.01)
    assert stored[0]["x2"] - stored[0]["x1"] > 0.1  # relative, not pixels
    assert stored[2]["text"] == "垃圾堆放"
    assert len(_photos(panel)[0].annotations) == 3

    again = panel.open_annotator(0)
    _activate(qtbot, again)
    assert [s["kind"] for s in again.canvas.shapes] == ["rect", "arrow", "text"]
    assert again.shape_list.count() == 3
    again.shape_list.setCurrentRow(0)
    assert again.canvas.selected_index() == 0
    qtbot.keyClick(again.canvas, Qt.Key.Key_Delete)
    assert [s["kind"] for s in again.canvas.shapes] == ["arrow", "text"]
    qtbot.keyClick(again.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s["kind"] for s in again.canvas.shapes] == ["rect", "arrow", "text"]


def test_clicking_a_shape_selects_it(panel, qtbot, tmp_path):
    _three_photos(qtbot, panel, tmp_path)
    editor = panel.open_annotator(0)
    _activate(qtbot, editor)
    canvas = editor.canvas
    centre = canvas.viewport().rect().center()
    qtbot.keyClick(canvas, Qt.Key.Key_C)
    _drag(qtbot, canvas, centre - QPoint(60, 60), centre + QPoint(60, 60))
    canvas.select(-1)
    qtbot.keyClick(canvas, Qt.Key.Key_S)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert canvas.selected_index() == 0 and editor.shape_list.currentRow() == 0


def test_the_camera_button_shows_only_with_a_camera_and_a_capture_is_imported(
        panel, qtbot, demo_services):
    assert panel.isVisible() and not panel.sources.buttons["camera"].isVisible()  # no camera here
    camera = FakeCameraSource()
    panel.sources.set_camera(camera)
    assert panel.sources.buttons["camera"].isVisible()
    dialog = panel.sources.open_camera()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(panel.importer.photos_imported, timeout=IMPORT_TIMEOUT):
        qtbot.keyClick(dialog, Qt.Key.Key_Space)
    with qtbot.waitSignal(panel.importer.previews_made, timeout=IMPORT_TIMEOUT):
        pass
    photos = _photos(panel)
    assert len(camera.captured) == 1
    assert [p.original_name for p in photos] == [camera.captured[0].name]
    assert Flag.TIME_OUTSIDE not in photos[0].flags
    dialog.reject()


def _card(tmp_path, inspection_day):
    """A camera card: one photo imported before, two new ones (one from another day)."""
    card = tmp_path / "card"
    folder = card / "DCIM" / "100CANON"
    old = _now_jpeg(folder / "IMG_0100.JPG", colour=(10, 10, 10))
    today = _now_jpeg(folder / "IMG_0101.JPG", colour=(200, 10, 10))
    earlier = _now_jpeg(folder / "IMG_0099.JPG", colour=(10, 200, 10))
    (card / "MISC").mkdir()
    (card / "MISC" / "notes.txt").write_text("not a photo")
    noon = dt.datetime.combine(inspection_day, dt.time(12)).timestamp()
    os.utime(today, (noon, noon))
    os.utime(old, (noon - 60, noon - 60))
    three_days_before = noon - 3 * 86400
    os.utime(earlier, (three_days_before, three_days_before))
    return card, old, today, earlier


def test_card_import_offers_only_new_photos_and_filters_by_day(panel, qtbot, tmp_path,
                                                               qtmodeltester):
    office_day = dt.date.fromisoformat(clock.office_today())
    card, old, today, earlier = _card(tmp_path, office_day)
    _import(qtbot, panel, [old])
    dialog = panel.sources.open_card_import()
    qtbot.addWidget(dialog)
    assert dialog.day == office_day and dialog.only_day.isChecked()
    dialog.scan(card)
    qtbot.waitUntil(lambda: dialog.last_scan is not None, timeout=IMPORT_TIMEOUT)
    assert dialog.last_scan.known == 1
    assert dialog.model.rowCount() == 2
    assert [dialog.proxy.index(r, 0).data(CardPhotoModel.PATH_ROLE)
            for r in range(dialog.proxy.rowCount())] == [today]
    dialog.only_day.setChecked(False)
    assert [dialog.proxy.index(r, 0).data(CardPhotoModel.PATH_ROLE)
            for r in range(dialog.proxy.rowCount())] == [today, earlier]  # newest first

    def thumbnails_loaded():
        sizes = [dialog.proxy.index(r, 0).data(Qt.ItemDataRole.DecorationRole).size()
                 for r in range(dialog.proxy.rowCount())]
        return all(s.width() == THUMB_EDGE and s.height() < THUMB_EDGE for s in sizes)
    qtbot.waitUntil(thumbnails_loaded, timeout=IMPORT_TIMEOUT)
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)

    assert not dialog.import_button.isEnabled()
    dialog.only_day.setChecked(True)
    dialog.check_all(True)
    assert dialog.checked_files() == [today] and dialog.import_button.isEnabled()
    signals = [panel.importer.photos_imported, panel.importer.previews_made]
    with qtbot.waitSignals(signals, timeout=IMPORT_TIMEOUT, order="strict"):
        dialog.import_button.click()
    assert sorted(p.original_name for p in _photos(panel)) == ["IMG_0100.JPG", "IMG_0101.JPG"]


def test_a_listed_card_is_scanned_and_a_checkbox_checks_a_photo(panel, qtbot, tmp_path,
                                                                demo_services):
    card, *_ = _card(tmp_path, dt.date.fromisoformat(clock.office_today()))
    dialog = CardImportDialog(demo_services, panel.sources.tasks, panel.inspection_id, panel,
                              volumes=[Volume("CANON EOS", card, 3 * 1024 ** 3)])
    qtbot.addWidget(dialog)
    assert "CANON EOS" in dialog.drives.currentText() and "可用 3" in dialog.drives.currentText()
    dialog.scan_button.click()
    qtbot.waitUntil(lambda: dialog.last_scan is not None, timeout=IMPORT_TIMEOUT)
    assert dialog.scanned_root == card and dialog.model.rowCount() == 3
    index = dialog.proxy.index(0, 0)
    assert dialog.proxy.setData(index, Qt.CheckState.Checked.value,
                                Qt.ItemDataRole.CheckStateRole)
    assert dialog.checked_files() == [index.data(CardPhotoModel.PATH_ROLE)]


def test_the_system_volume_is_never_offered_as_a_card():
    assert all(volume.root != Path("/") and volume.root != Path.home()
               for volume in removable_volumes())


def test_removing_a_photo_asks_first_and_takes_its_thumbnail_away(panel, qtbot, tmp_path,
                                                                  demo_services):
    photos = _three_photos(qtbot, panel, tmp_path)
    panel.confirm = lambda title, question: False
    assert not panel.remove(1)
    assert panel.model.rowCount() == 3
    asked = []
    panel.confirm = lambda title, question: asked.append(question) or True
    assert panel.remove(1)
    assert photos[1].original_name in asked[0]
    assert [p.original_name for p in _photos(panel)] == ["IMG_001.jpg", "IMG_003.jpg"]
    assert len(demo_services.photos.of(panel.inspection_id, panel.criterion_code)) == 2
    assert "2" in panel.caption.text()


@pytest.mark.skipif(not (REFERENCE / "orientation").exists(), reason="reference photos absent")
def test_the_editor_draws_on_the_same_upright_picture_the_notices_use(panel, qtbot):
    """Relative coordinates hold only if the editor's picture is the model's, turned alike."""
    files = [REFERENCE / "orientation" / f"landscape_{n}.jpg" for n in (1, 3, 6, 8)]
    _import(qtbot, panel, files)
    for row in range(panel.model.rowCount()):
        editor = panel.open_annotator(row)
        qtbot.addWidget(editor)
        width, height = editor.canvas.image_size()
        copy = Image.open(panel._services.photos.copy(editor.photo.id, stamp=False))
        assert width / height == pytest.approx(copy.width / copy.height, rel=0.01)
        left = editor.canvas.picture.pixmap().toImage().scaled(copy.width, copy.height)
        for x, y in ((0.2, 0.2), (0.8, 0.3), (0.5, 0.8)):
            ours = left.pixelColor(int(x * copy.width), int(y * copy.height))
            theirs = QColor(*copy.convert("RGB").getpixel((int(x * copy.width),
                                                          int(y * copy.height))))
            assert _near(ours, theirs, 60), (editor.photo.original_name, x, y)
        editor.reject()


def test_a_cancelled_import_keeps_what_was_added_and_says_so(panel, qtbot, tmp_path):
    files = [_now_jpeg(tmp_path / f"IMG_01{n}.jpg", colour=(30 * n, 60, 90)) for n in range(4)]
    with qtbot.waitSignal(panel.importer.import_cancelled, timeout=IMPORT_TIMEOUT):
        assert panel.import_files(files)
        panel.importer.cancel()  # as the progress dialog's Cancel button does
    with qtbot.waitSignal(panel.importer.previews_made, timeout=IMPORT_TIMEOUT):
        pass
    assert "导入已停止" in panel.status.text()
    assert 1 <= panel.model.rowCount() < 4
    assert panel.sources.buttons["add"].isEnabled()


def test_refusals_are_worded_in_chinese(qapp):
    """Each kind of refusal has Chinese words; the model's English sentence is only a fallback."""
    from model.photos.photos import IngestOutcome, IngestStatus
    from ui.photo_import import PhotoImporter

    importer = PhotoImporter(services=None)
    outcome = IngestOutcome("/card/x.jpg", IngestStatus.REFUSED, "english reason", "damaged")
    [line] = importer.refusal_lines([outcome])
    assert "x.jpg" in line and "损坏" in line and "english" not in line


def test_the_window_makes_the_previews_the_command_line_left(qtbot, window, demo_services):
    """``photos add`` returns without previews; the window makes the missing ones quietly in
    the background after it starts (ui.app schedules make_missing_previews)."""
    from model.photos import media

    store = demo_services.store
    shas = [sha for (sha,) in store.db.execute("SELECT sha256 FROM media LIMIT 3")]
    assert shas
    for sha in shas:
        media.preview_path(store, sha).unlink(missing_ok=True)
    importer = window.inspection_view.editor.evidence.importer
    with qtbot.waitSignal(importer.previews_made, timeout=60_000):
        window.make_missing_previews()
    assert all(media.preview_path(store, sha).exists() for sha in shas)
