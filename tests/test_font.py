"""The bundled CJK font covers every character our notices and UI use.

Needs fontTools (a test/build dependency only; the app does not import it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FONT_FILES = ["NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"]
FAMILY = "Noto Sans CJK SC"

# Characters that notices, indicator codes and the UI rely on.
SPECIALS = (
    "《》〈〉〔〕【】「」『』、。，；：？！…—·“”‘’（）"
    "℃℉№≤≥±×÷°‰%％～"
    "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⒈⒉⒊㈠㈡㈢"
    "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
    "←↑→↓⇒√✓★☆■□●○◎◆◇▲△"
    "㎡²³µ¥§©®"
)
HANZI = (
    "整改通知书迎泽区小店杏花岭尖草坪万柏林晋源街道社区责任单位负责人"
    "联系电话第页共号创城巡检督查问题描述限期完成日期年月日市文明办"
)
ASCII = "".join(chr(c) for c in range(0x21, 0x7F))
LATIN1 = "".join(chr(c) for c in range(0xA1, 0x100) if c != 0xAD)  # no soft hyphen
# Whitespace has no outline by design, so it is excluded.
REQUIRED = "".join(sorted(set(SPECIALS + HANZI + ASCII + LATIN1)))


@pytest.fixture(scope="module", params=FONT_FILES)
def font(request: pytest.FixtureRequest) -> TTFont:
    path = FONT_DIR / request.param
    assert path.is_file(), f"missing bundled font {path}"
    return TTFont(path)


def test_truetype_outlines(font: TTFont) -> None:
    assert "glyf" in font
    assert "CFF " not in font
    assert "CFF2" not in font


def test_family_name(font: TTFont) -> None:
    assert font["name"].getDebugName(1) == FAMILY


def test_embedding_allowed(font: TTFont) -> None:
    # ReportLab refuses to embed a font whose fsType has the
    # "restricted licence embedding" bit set.
    assert not font["OS/2"].fsType & 0x0002


def test_required_characters_have_outlines(font: TTFont) -> None:
    cmap = font.getBestCmap()
    glyf = font["glyf"]
    no_entry = [ch for ch in REQUIRED if ord(ch) not in cmap]
    empty = [
        ch
        for ch in REQUIRED
        if ord(ch) in cmap
        and not (glyf[cmap[ord(ch)]].numberOfContours > 0 or glyf[cmap[ord(ch)]].isComposite())
    ]
    assert not no_entry, f"no cmap entry for: {' '.join(no_entry)}"
    assert not empty, f"empty glyph for: {' '.join(empty)}"


def test_whole_basic_cjk_block_present(font: TTFont) -> None:
    cmap = font.getBestCmap()
    # Noto Sans CJK 2.004 maps U+4E00..U+9FEF; U+9FF0..U+9FFF are recent
    # additions the source font lacks.
    missing = [hex(cp) for cp in range(0x4E00, 0x9FF0) if cp not in cmap]
    assert not missing
