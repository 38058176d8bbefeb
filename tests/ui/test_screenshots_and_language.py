"""Screens rendered for review are Chinese in the shipped font; English is one switch away."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QFontMetrics, QImage

from tests.ui.conftest import open_window
from ui.i18n import set_language
from ui.screenshots import render_screens

SCREENS = ("1-login.png", "2-navigator.png", "3-inspection.png", "4-summary.png",
           "5-notice-editor.png", "6-notice-preview.png", "7-follow-up-board.png", "8-verify.png",
           "9a-dashboard.png", "9b-rankings.png")


def _colours(image: QImage) -> int:
    step = max(1, image.width() // 200)
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def test_screenshots_show_the_main_screens(tmp_path, qapp):
    written = render_screens(tmp_path)
    assert [p.name for p in written] == list(SCREENS)
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 300 and image.height() >= 150, path
        assert _colours(image) > 20, f"{path} looks blank"
    big = QImage(str(tmp_path / "3-inspection.png"))
    assert (big.width(), big.height()) == (1440, 900)


def test_the_visible_chinese_has_real_glyphs_in_the_shipped_font(window, qapp):
    font = window.font()
    assert QFontInfo(font).family() == "Noto Sans CJK SC"
    metrics = QFontMetrics(font)
    texts = [window.windowTitle(), window.navigator.search.placeholderText(),
             *(action.text() for action in window.menuBar().actions())]
    model = window.navigator.model
    texts += [model.data(model.index(r, c)) or "" for r in range(5) for c in range(5)]
    missing = {ch for text in texts for ch in text
               if not ch.isspace() and not metrics.inFontUcs4(ord(ch))}
    assert not missing


def test_english_is_selectable(qtbot, demo_services, data_dir, qapp):
    set_language(qapp, "en")
    try:
        window = open_window(qtbot, demo_services, data_dir)
        assert window.windowTitle() == "CivicAudit"
        assert window.menuBar().actions()[0].text() == "&File"
        assert window.navigator.model.headerData(0, Qt.Orientation.Horizontal) == "Site"
    finally:
        set_language(qapp, "zh_CN")
    again = open_window(qtbot, demo_services, data_dir)
    assert again.windowTitle() == "创城巡检"


def test_the_command_line_renders_screenshots(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "main.py", "--screenshot", str(tmp_path / "s"),
                             "--data-dir", str(tmp_path / "untouched")], cwd=root,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == list(SCREENS)
    assert "propagateSizeHints" not in result.stderr
    assert not (tmp_path / "untouched" / "civicaudit.db").exists()
