"""Widgets for notices: the signature pad and dialog, the PDF preview, the verify dialog."""

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QInputDevice,
    QPointingDevice,
    QTabletEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from model.errors import InputFileError
from reports.verdict import NoticeVerdict
from ui.dialogs.signature import SignatureDialog
from ui.dialogs.verify import BAD_COLOUR, FAILED, GOOD_COLOUR, NOT_APPLICABLE, PASSED, VerifyDialog
from ui.widgets.pdf_preview import PdfPreview
from ui.widgets.signature_pad import SignaturePad


def _tr(context: str, text: str) -> str:
    """A source string as the installed translation shows it (today English or Chinese)."""
    return QCoreApplication.translate(context, text)


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _draw(pad, points):
    """One stroke with the mouse through widget positions ``points``."""
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(*points[0]))
    for point in points[1:]:
        QTest.mouseMove(pad, QPoint(*point))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(*points[-1]))


ZIGZAG = [(60 + 40 * i, 90 + (40 if i % 2 else -20)) for i in range(11)]
TICK = [(200, 100), (230, 140), (320, 60)]


@pytest.fixture
def pad(qtbot):
    widget = SignaturePad()
    widget.resize(600, 250)
    return _shown(qtbot, widget)


def _rgba(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image.convert("RGBA")


# -- the signature pad ---------------------------------------------------------------------

def test_the_pad_starts_empty_and_is_at_least_480_by_200(pad):
    assert pad.is_empty() and pad.strokes() == []
    assert pad.minimumWidth() >= 480 and pad.minimumHeight() >= 200
    with pytest.raises(ValueError):
        pad.png_bytes()


def test_drawing_with_the_mouse_makes_a_stroke_and_says_so(qtbot, pad):
    with qtbot.waitSignal(pad.signature_changed):
        _draw(pad, ZIGZAG)
    assert not pad.is_empty()
    [stroke] = pad.strokes()
    assert len(stroke) == len(ZIGZAG)
    # 600 × 250 shows the 1200 × 500 sheet at half size: sheet units are twice the pixels.
    assert stroke[0][:2] == (120.0, 140.0) and stroke[-1][:2] == (920.0, 140.0)


def test_ctrl_z_and_undo_take_back_the_last_stroke_only(qtbot, pad):
    _draw(pad, ZIGZAG)
    _draw(pad, TICK)
    assert len(pad.strokes()) == 2
    pad.setFocus()
    QTest.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(pad.strokes()) == 1 and len(pad.strokes()[0]) == len(ZIGZAG)
    assert pad.undo_stroke() and pad.is_empty()
    assert not pad.undo_stroke()


def test_clear_wipes_every_stroke(pad):
    _draw(pad, ZIGZAG)
    _draw(pad, TICK)
    pad.clear()
    assert pad.is_empty()


def test_the_png_is_dark_blue_ink_on_transparent_cropped_to_the_ink(pad):
    _draw(pad, ZIGZAG)
    image = _rgba(pad.png_bytes())
    assert image.height == 240 and image.width > image.height  # a wide zigzag stays wide
    for corner in ((0, 0), (image.width - 1, 0), (0, image.height - 1),
                   (image.width - 1, image.height - 1)):
        assert image.getpixel(corner)[3] == 0
    data = image.tobytes()
    ink = [tuple(data[i:i + 4]) for i in range(0, len(data), 4) if data[i + 3] > 200]
    assert ink and all(b > r + 40 and b > g + 40 and r < 80 for r, g, b, _a in ink)
    left, top, right, bottom = image.getchannel("A").getbbox()
    # A thin, even margin around the ink.
    assert abs(left - (image.width - right)) <= 3 and abs(top - (image.height - bottom)) <= 3
    assert left < image.width * 0.05 and top < image.height * 0.2


def test_the_png_is_the_same_wherever_on_the_pad_one_signs(qtbot, pad):
    _draw(pad, ZIGZAG)
    here = pad.png_bytes()
    pad.clear()
    _draw(pad, [(x + 90, y + 50) for x, y in ZIGZAG])
    assert pad.png_bytes() == here


def test_a_click_leaves_a_dot(pad):
    QTest.mouseClick(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(300, 100))
    assert len(pad.strokes()) == 1
    alpha = _rgba(pad.png_bytes()).getchannel("A")
    assert alpha.getextrema()[1] == 255
    # The dot, ~6 sheet units wide, is in the middle of its (minimum-size) picture.
    assert alpha.getpixel((alpha.width // 2, alpha.height // 2)) == 255


def test_the_png_height_is_the_one_asked_for(pad):
    _draw(pad, ZIGZAG)
    small, large = _rgba(pad.png_bytes(120)), _rgba(pad.png_bytes(480))
    assert (small.height, large.height) == (120, 480)
    assert abs(large.width - 4 * small.width) <= 4


def test_a_flat_line_is_not_stretched_to_a_huge_picture(pad):
    _draw(pad, [(60, 120), (300, 120), (540, 120)])
    image = _rgba(pad.png_bytes())
    assert image.width <= 240 * 12


def test_strokes_survive_a_round_trip_and_do_not_depend_on_the_window_size(qtbot, pad):
    _draw(pad, ZIGZAG)
    kept = pad.strokes()
    other = SignaturePad()
    other.resize(1100, 400)
    _shown(qtbot, other)
    with qtbot.waitSignal(other.signature_changed):
        other.set_strokes(kept)
    assert other.strokes() == kept
    assert other.png_bytes() == pad.png_bytes()


def test_a_pen_draws_wider_where_pressed_harder(pad):
    pen = QPointingDevice("test pen", 4242, QInputDevice.DeviceType.Stylus,
                          QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                          1, 3)

    def stroke(y: float, pressure: float) -> None:
        for kind, x in ((QEvent.Type.TabletPress, 60.0), (QEvent.Type.TabletMove, 300.0),
                        (QEvent.Type.TabletRelease, 540.0)):
            position = QPointF(x, y)
            event = QTabletEvent(kind, pen, position, QPointF(pad.mapToGlobal(position)),
                                 pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                                 Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                                 Qt.MouseButton.LeftButton)
            QApplication.sendEvent(pad, event)

    stroke(60.0, 0.1)
    stroke(180.0, 1.0)
    light, heavy = pad.strokes()
    assert {p for _x, _y, p in light} == {0.1} and {p for _x, _y, p in heavy} == {1.0}
    alpha = _rgba(pad.png_bytes(480)).getchannel("A")
    middle = alpha.width // 2
    column = [alpha.getpixel((middle, y)) > 128 for y in range(alpha.height)]
    runs = "".join("#" if inked else "." for inked in column).split(".")
    thin, thick = sorted(len(run) for run in runs if run)
    assert thick >= 2 * thin


def test_a_finger_draws_too(pad):
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(100, 60), pad)
    QTest.touchEvent(pad, device).move(0, QPoint(300, 80), pad)
    QTest.touchEvent(pad, device).release(0, QPoint(400, 90), pad)
    [stroke] = pad.strokes()
    assert [point[:2] for point in stroke] == [(200.0, 120.0), (600.0, 160.0), (800.0, 180.0)]


def test_the_empty_pad_shows_a_baseline_and_a_hint_that_go_once_signed(pad):
    empty = pad.grab().toImage()
    _draw(pad, [(500, 40), (560, 60)])  # far from the hint under the middle of the baseline
    signed = pad.grab().toImage()
    hint_area = [(x, y) for x in range(240, 360, 3) for y in range(195, 235, 2)]
    assert any(empty.pixelColor(x, y).lightness() < 200 for x, y in hint_area)
    assert all(signed.pixelColor(x, y).lightness() > 240 for x, y in hint_area)
    baseline_y = round(250 * 0.74)
    assert signed.pixelColor(300, baseline_y).lightness() < 230


# -- the signature dialog --------------------------------------------------------------------

def _dialog(qtbot, **options):
    return _shown(qtbot, SignatureDialog("Signature of the unit's representative", **options))


def test_ok_is_enabled_only_while_something_is_drawn(qtbot):
    dialog = _dialog(qtbot)
    assert dialog.windowTitle() == "Signature of the unit's representative"
    assert not dialog.ok_button.isEnabled() and not dialog.undo_button.isEnabled()
    assert dialog.refusal.isHidden() and dialog.name.isHidden()
    _draw(dialog.pad, [(40, 60), (200, 120), (300, 70)])
    assert dialog.ok_button.isEnabled()
    QTest.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert not dialog.ok_button.isEnabled() and dialog.png_bytes() is None
    _draw(dialog.pad, [(40, 60), (200, 120), (300, 70)])
    QTest.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.pad.is_empty() and not dialog.ok_button.isEnabled()


def test_the_signature_comes_back_as_a_transparent_png(qtbot):
    dialog = _dialog(qtbot)
    _draw(dialog.pad, [(40, 60), (200, 120), (300, 70)])
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SignatureDialog.DialogCode.Accepted
    image = _rgba(dialog.png_bytes())
    assert image.getpixel((0, 0))[3] == 0 and image.getchannel("A").getextrema()[1] == 255
    assert not dialog.refused() and dialog.signer_name() == ""


def test_a_refusal_enables_ok_without_a_signature_and_disables_the_pad(qtbot):
    dialog = _dialog(qtbot, allow_refusal=True, ask_name=True)
    assert not dialog.refusal.isHidden() and not dialog.name.isHidden()
    assert not dialog.ok_button.isEnabled()
    dialog.refusal.setChecked(True)
    assert dialog.ok_button.isEnabled() and not dialog.pad.isEnabled()
    dialog.name.setText("  王建国 ")  # (QTest.keyClicks types ASCII only)
    assert dialog.refused() and dialog.png_bytes() is None and dialog.signer_name() == "王建国"
    dialog.refusal.setChecked(False)
    assert not dialog.ok_button.isEnabled() and dialog.pad.isEnabled() and not dialog.refused()


def test_a_refusal_discards_what_was_drawn(qtbot):
    dialog = _dialog(qtbot, allow_refusal=True)
    _draw(dialog.pad, [(40, 60), (200, 120)])
    dialog.refusal.setChecked(True)
    assert dialog.png_bytes() is None


# -- the PDF preview ------------------------------------------------------------------------

def _two_page_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in (1, 2):
        pdf.setFont("Helvetica-Bold", 24)
        pdf.drawString(72, 760, f"Page {page}")
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def preview(qtbot):
    widget = PdfPreview()
    widget.resize(700, 800)
    return _shown(qtbot, widget)


def test_the_preview_shows_page_one_of_two_and_steps_to_two(qtbot, preview, tmp_path):
    assert preview.load(_two_page_pdf(tmp_path / "notice.pdf"))
    assert preview.page_count() == 2 and preview.error_text() == ""
    assert preview.page_label.text() == "1 / 2"
    assert not preview._buttons["previous"].isEnabled()
    preview.next_page()
    qtbot.waitUntil(lambda: preview.page_label.text() == "2 / 2")
    assert preview.current_page() == 1 and not preview._buttons["next"].isEnabled()
    preview._buttons["previous"].click()
    qtbot.waitUntil(lambda: preview.page_label.text() == "1 / 2")


def test_the_zoom_keys_zoom_and_ctrl_0_fits_the_width_again(qtbot, preview, tmp_path):
    preview.load(_two_page_pdf(tmp_path / "notice.pdf"))
    fitted = preview.zoom()
    # A4 is 595 pt wide: fitting ~680 px at 96 dpi is a zoom a little under 1.
    assert 0.7 < fitted < 1.0
    preview.view.setFocus()
    QTest.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom() == pytest.approx(fitted * 1.25, rel=0.01)
    QTest.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom() == pytest.approx(fitted / 1.25, rel=0.01)
    QTest.keyClick(preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom() == pytest.approx(fitted, rel=0.01)


def test_the_preview_draws_the_pages(qtbot, preview, tmp_path):
    preview.load(_two_page_pdf(tmp_path / "notice.pdf"))

    def dark_pixels() -> int:
        image = preview.view.viewport().grab().toImage()
        return sum(image.pixelColor(x, y).lightness() < 100
                   for x in range(0, image.width(), 2) for y in range(0, 200, 2))

    qtbot.waitUntil(lambda: dark_pixels() > 20)  # "Page 1" in bold near the top


def test_a_corrupt_or_missing_file_is_refused_with_a_visible_message(preview, tmp_path):
    corrupt = tmp_path / "truncated.pdf"
    corrupt.write_bytes(_two_page_pdf(tmp_path / "good.pdf").read_bytes()[:300])
    assert not preview.load(corrupt)
    assert "truncated.pdf" in preview.error_text() and preview.message.isVisible()
    assert preview.page_count() == 0 and preview.page_label.text() == "– / –"
    assert not preview._buttons["next"].isEnabled()
    assert not preview.load(tmp_path / "nowhere.pdf")
    assert "nowhere.pdf" in preview.error_text()
    assert preview.load(tmp_path / "good.pdf")  # and a good file afterwards shows again
    assert preview.error_text() == "" and preview.view.isVisible()
    assert preview.page_label.text() == "1 / 2"


# -- the verify dialog ------------------------------------------------------------------------

SIGNED = dict(is_notice=True, signed=True, intact=True, covers_document=True, trusted=True,
              signer="李明", signer_staff_no="A07", serial="3F9A12C4",
              signed_at="2026-03-04T02:15:00+00:00", number="迎泽创城整改〔2026〕A07-0012号",
              fingerprint="9f2c41ab77d0e513", local_record=True, fingerprint_ok=True,
              signatures=1, as_written=True, expected_staff_no="A07", signer_bound=True)
VALID = NoticeVerdict(path="valid.pdf", **SIGNED)
TAMPERED = NoticeVerdict(path="tampered.pdf", **{**SIGNED, "intact": False},
                         problems=("The signed bytes do not match the signature.",))
UNSIGNED = NoticeVerdict(path="plain.pdf", is_notice=True, number="X-1", fingerprint="ab")


class Verifier:
    """A verify callable answering by file name, as the real use case would by content."""

    def __init__(self):
        self.asked: list[Path] = []

    def __call__(self, path: Path) -> NoticeVerdict:
        self.asked.append(path)
        if path.name == "cut.pdf":
            raise InputFileError(path, "the file is truncated; ask for the notice again")
        return {"valid.pdf": VALID, "tampered.pdf": TAMPERED, "plain.pdf": UNSIGNED,
                "other.pdf": NoticeVerdict(path="other.pdf", **{**SIGNED,
                                                                "fingerprint_ok": False})
                }[path.name]


@pytest.fixture
def verifier():
    return Verifier()


@pytest.fixture
def verify_dialog(qtbot, verifier):
    return _shown(qtbot, VerifyDialog(verifier))


def _marks(dialog) -> list[str]:
    return [mark for mark, _text in dialog.lines(dialog.verdict)]


def test_a_valid_notice_gets_the_green_headline_and_only_ticks(verify_dialog, tmp_path):
    assert verify_dialog.check(tmp_path / "valid.pdf") is VALID
    assert verify_dialog.headline.text() == _tr("VerifyDialog", "Valid: authentic and unaltered")
    assert GOOD_COLOUR in verify_dialog.headline.styleSheet()
    assert _marks(verify_dialog) == [PASSED] * 10
    shown = verify_dialog.results.toPlainText()
    for value in ("迎泽创城整改〔2026〕A07-0012号", "李明", "A07", "3F9A12C4", "9f2c41ab77d0e513"):
        assert value in shown
    assert not verify_dialog.error.isVisible()


def test_a_tampered_notice_gets_the_red_tampered_headline_and_its_problems(verify_dialog,
                                                                           tmp_path):
    verify_dialog.check(tmp_path / "tampered.pdf")
    assert verify_dialog.headline.text() == _tr("VerifyDialog", "TAMPERED: changed after signing")
    assert BAD_COLOUR in verify_dialog.headline.styleSheet()
    assert _marks(verify_dialog)[2] == FAILED  # intact
    assert "The signed bytes do not match the signature." in verify_dialog.results.toPlainText()


def test_an_unsigned_or_mismatched_notice_is_not_valid_but_not_tampered(verify_dialog, tmp_path):
    verify_dialog.check(tmp_path / "plain.pdf")
    assert verify_dialog.headline.text() == _tr("VerifyDialog", "Not valid")
    assert _marks(verify_dialog) == [PASSED, FAILED, NOT_APPLICABLE, NOT_APPLICABLE]
    verify_dialog.check(tmp_path / "other.pdf")
    assert verify_dialog.headline.text() == _tr("VerifyDialog", "Not valid")
    assert _marks(verify_dialog)[-1] == FAILED  # the fingerprint differs from our record


def test_a_file_that_cannot_be_read_is_a_red_message_naming_it(verify_dialog, tmp_path):
    verify_dialog.check(tmp_path / "valid.pdf")
    assert verify_dialog.check(tmp_path / "cut.pdf") is None
    assert verify_dialog.error.isVisible() and "cut.pdf" in verify_dialog.error.text()
    assert "truncated" in verify_dialog.error.text()
    assert BAD_COLOUR in verify_dialog.error.styleSheet()
    assert verify_dialog.headline.text() != _tr("VerifyDialog", "Valid: authentic and unaltered")
    assert not verify_dialog.results.isVisible()


def test_the_results_are_plain_text_that_can_be_selected_and_copied(verify_dialog, tmp_path):
    verify_dialog.check(tmp_path / "tampered.pdf")
    assert verify_dialog.results.isReadOnly()
    assert Qt.TextInteractionFlag.TextSelectableByMouse in (
        verify_dialog.results.textInteractionFlags())
    verify_dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert f"{FAILED}\t" in copied and f"{PASSED}\t" in copied and "tampered.pdf" in copied
    assert _tr("VerifyDialog", "TAMPERED: changed after signing") in copied


def _drag(kind, dialog, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = kind(QPoint(40, 40), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                 Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog, event)
    return event


def test_dropping_one_pdf_checks_it_and_drops_of_no_notice_are_refused(verify_dialog, verifier,
                                                                       tmp_path):
    assert not _drag(QDragEnterEvent, verify_dialog, [tmp_path / "notes.txt"]).isAccepted()
    # several PDFs or a folder are a batch (tests/ui/test_verify_folder.py); several that are
    # not there are nothing to check
    assert not _drag(QDragEnterEvent, verify_dialog,
                     [tmp_path / "a.pdf", tmp_path / "b.pdf"]).isAccepted()
    assert _drag(QDragEnterEvent, verify_dialog, [tmp_path / "valid.PDF"]).isAccepted()
    _drag(QDropEvent, verify_dialog, [tmp_path / "valid.pdf"])
    assert verifier.asked == [tmp_path / "valid.pdf"]
    assert verify_dialog.headline.text() == _tr("VerifyDialog", "Valid: authentic and unaltered")


def test_a_notice_signed_by_someone_else_twice_says_so(qtbot):
    forged = NoticeVerdict(path="forged.pdf", **{
        **SIGNED, "covers_document": False, "signatures": 2, "as_written": False,
        "signer_bound": False})
    dialog = _shown(qtbot, VerifyDialog(lambda path: forged))
    dialog.check(Path("forged.pdf"))
    lines = dict((text, mark) for mark, text in dialog.lines(forged))
    assert lines[_tr("VerifyDialog", "%1 signatures: CivicAudit signs a document once")
                 .replace("%1", "2")] == FAILED
    assert lines[_tr("VerifyDialog", "The signer is not the auditor the notice names "
                                     "(staff no. %1)").replace("%1", "A07")] == FAILED


def test_a_certificate_revoked_after_the_notice_was_recorded_keeps_it_valid(qtbot):
    kept = NoticeVerdict(path="kept.pdf", **SIGNED, recorded_at="2026-03-04T02:15:00+00:00",
                         revoked_at="2026-05-01T00:00:00+00:00")
    dialog = _shown(qtbot, VerifyDialog(lambda path: kept))
    dialog.check(Path("kept.pdf"))
    assert kept.valid and _marks(dialog) == [PASSED] * 10
    shown = dialog.results.toPlainText()
    assert "2026-03-04" in shown and "2026-05-01" in shown
