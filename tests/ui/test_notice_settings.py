"""The office's notice letterhead and numbering from the window: what is stored shows, Save
stores both (the next notice's number has the prefix), a broken pattern or logo is refused
where it was typed and nothing changes, and a chosen logo is adopted."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication

from model.notices import letterhead, notices
from tests.helpers import site_line, sites_csv
from ui.dialogs.notice_settings import NoticeSettingsDialog, office_year

PATTERN = "{prefix}创城整改〔{year}〕{code}-{serial:03d}号"


@pytest.fixture
def dialog(qtbot, office):
    shown = NoticeSettingsDialog(office)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoticeSettingsDialog", text)


def _fill(dialog, *, pattern: str = PATTERN) -> None:
    dialog.issuer_edit.setText("太原市迎泽区创建全国文明城市指挥部办公室")
    dialog.title_edit.setText("限期整改通知书")
    dialog.clauses_edit.setPlainText("请于期限内整改到位。\n\n逾期未改的，予以通报。\n")
    dialog.copies_edit.setText("区创城办")
    dialog.prefix_edit.setText("迎泽")
    dialog.pattern_edit.setText(pattern)


def _stored(office):
    return letterhead.get(office.store), office.office.notice_numbering()


def test_the_dialog_shows_what_is_stored(qtbot, office, tmp_path):
    logo = tmp_path / "logo.jpg"
    Image.new("RGB", (30, 20), (200, 20, 20)).save(logo, "JPEG")
    office.office.set_letterhead(letterhead.LetterheadSettings(
        "测试办公室", "整改通知书", ("第一条", "第二条"), "市创城办"), logo)
    office.office.set_notice_numbering(PATTERN, "小店")
    shown = NoticeSettingsDialog(office)
    qtbot.addWidget(shown)
    assert shown.issuer_edit.text() == "测试办公室"
    assert shown.title_edit.text() == "整改通知书"
    assert shown.clauses_edit.toPlainText() == "第一条\n第二条"
    assert shown.copies_edit.text() == "市创城办"
    assert shown.logo_edit.text() == str(letterhead.logo_path(office.store))
    assert not shown.logo_preview.pixmap().isNull()
    assert (shown.prefix_edit.text(), shown.pattern_edit.text()) == ("小店", PATTERN)
    year = office_year()
    assert f"小店创城整改〔{year}〕A07-012号" in shown.sample_label.text()


def test_the_defaults_show_before_the_office_sets_anything(dialog):
    assert dialog.title_edit.text() == "整改通知书"
    assert dialog.issuer_edit.text() == letterhead.DEFAULT_ISSUER
    assert dialog.logo_edit.text() == "" and dialog.prefix_edit.text() == ""
    assert dialog.pattern_edit.text() == notices.DEFAULT_PATTERN


def test_saving_stores_both_and_the_next_number_has_the_prefix(qtbot, dialog, office, tmp_path):
    _fill(dialog)
    year = office_year()
    assert f"迎泽创城整改〔{year}〕A07-012号" in dialog.sample_label.text()  # live, before saving
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.save_button.click()
    stored, numbering = _stored(office)
    assert stored.issuer == "太原市迎泽区创建全国文明城市指挥部办公室"
    assert stored.title == "限期整改通知书"
    assert stored.clauses == ("请于期限内整改到位。", "逾期未改的，予以通报。")
    assert stored.copies_to == "区创城办"
    assert numbering == (PATTERN, "迎泽")
    assert _tr("Saved: new notices use it; laptops receive it with the next office bundle "
               "(Sync ▸ Export).") in dialog.message.text()
    office.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1")]))
    inspection = office.inspections.start(office.sites.search()[0].id)
    office.inspections.record(inspection.id, "ZCGD-01", "fail", 1, "东门", "垃圾")
    office.inspections.finish(inspection.id)
    notice = notices.reserve(office.store, office.notices.draft(inspection.id), office.user)
    assert notice.number.startswith(f"迎泽创城整改〔{notice.issued_at[:4]}〕O01-001")


@pytest.mark.parametrize("pattern", ["{prefix}{year}-{serial:04d}",  # no {code}: refused
                                     "{prefix}{code}{serial:04d}{",  # a lone brace
                                     "{prefix.x}{code}{serial}"])  # reaches into a field
def test_a_broken_pattern_is_refused_inline_and_nothing_changes(qtbot, dialog, office,
                                                                  pattern):
    before = _stored(office)
    _fill(dialog, pattern=pattern)
    with qtbot.assertNotEmitted(dialog.settings_saved):
        dialog.save_button.click()
    assert "color:#b3261e" in dialog.message.text().replace(" ", "")
    assert _stored(office) == before  # neither the numbering nor the letterhead


def test_a_broken_pattern_shows_at_once_in_the_sample(dialog):
    dialog.pattern_edit.setText("{prefix}{oops}{serial}")
    assert "A07" not in dialog.sample_label.text()
    assert "b3261e" in dialog.sample_label.styleSheet()
    dialog.pattern_edit.setText(PATTERN)
    assert "A07-012" in dialog.sample_label.text()
    assert dialog.sample_label.styleSheet() == ""


def test_a_logo_is_adopted_kept_and_removed(qtbot, dialog, office, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 40), (20, 80, 200)).save(logo)
    _fill(dialog)
    dialog.logo_edit.setText(str(logo))
    assert not dialog.logo_preview.pixmap().isNull()
    assert dialog.save()
    adopted = letterhead.logo_path(office.store)
    assert adopted is not None and adopted.read_bytes() == logo.read_bytes()
    assert dialog.logo_edit.text() == str(adopted)
    dialog.copies_edit.setText("市创城办")  # saving other changes keeps the logo
    assert dialog.save()
    assert letterhead.logo_path(office.store) == adopted
    dialog.remove_logo_button.click()
    assert dialog.save()
    assert letterhead.logo_path(office.store) is None


def test_a_file_that_is_not_an_image_is_refused_and_nothing_changes(dialog, office, tmp_path):
    not_logo = tmp_path / "logo.png"
    not_logo.write_text("not a picture")
    before = _stored(office)
    _fill(dialog)
    dialog.logo_edit.setText(str(not_logo))
    assert not dialog.save()
    assert "logo.png" in dialog.message.text()
    assert _stored(office) == before and letterhead.logo_path(office.store) is None
