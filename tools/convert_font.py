#!/usr/bin/env python3
"""Convert Noto Sans CJK SC (CFF outlines) into a subset TrueType (glyf) font.

Why this script exists
----------------------
CivicAudit renders Chinese text in two places: the PySide6 UI and the PDF
notices produced with ReportLab.  The target machines cannot be assumed to
have any CJK font installed, so the application ships its own font in
``resources/fonts/``.

Noto Sans CJK is distributed with PostScript (CFF) outlines only (``.otf`` /
``.ttc``).  Qt reads those fine, but ReportLab's ``TTFont`` can only embed
fonts with TrueType ``glyf`` outlines, and ReportLab's built-in CID font
``STSong-Light`` is not embedded in the PDF (the reader must supply it).  This
script therefore:

1. picks the Simplified-Chinese face out of a ``.ttc`` collection (or takes
   an ``.otf`` as is),
2. subsets it to the characters an official Chinese notice needs (ASCII,
   Latin-1, CJK punctuation, full-width forms, symbols such as ``℃ № ≤ ① Ⅲ``,
   every character of GBK and the whole CJK Unified Ideographs block
   U+4E00..U+9FFF) to keep the file size reasonable,
3. converts the cubic CFF outlines to quadratic TrueType outlines with
   fontTools' ``cu2qu`` and writes a ``.ttf`` usable by both Qt and ReportLab.

The family name is kept (``Noto Sans CJK SC``); only the version string and
unique ID are marked as modified.  The SIL Open Font License permits this
(the only Reserved Font Name upstream declares is "Source", which is not
used).  The ``head.modified`` timestamp of the source is preserved so that
re-running the script with the same inputs and fontTools version gives
byte-identical output.

This is a build-time tool only: it needs ``fonttools`` (``pip install
fonttools``); the application itself does not need fontTools at run time.

Usage (from the repository root)::

    apt-get download fonts-noto-cjk
    dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto
    python tools/convert_font.py \\
        /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \\
        /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc

This writes ``resources/fonts/NotoSansSC-Regular.ttf`` and
``resources/fonts/NotoSansSC-Bold.ttf``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "resources" / "fonts"
DEFAULT_FAMILY = "Noto Sans CJK SC"

# Maximum deviation (in font units, 1000/em for Noto CJK) allowed when
# approximating a cubic curve by quadratic ones.  1.0 is what fontTools'
# own otf2ttf example uses; it is invisible at any practical size.
DEFAULT_MAX_ERR = 1.0

# Unicode ranges kept in the subset (inclusive).  Code points the source
# font does not map are silently ignored by the subsetter.
KEEP_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement: ° ± × ÷ ² ³ · § ¥ ...
    (0x0100, 0x024F),  # Latin Extended-A/B (pinyin tone marks ā á ǎ à)
    (0x02C6, 0x02DD),  # spacing modifier letters (ˇ ˉ ˊ ˋ ˙)
    (0x0391, 0x03C9),  # Greek (α β μ Ω in measurements)
    (0x0401, 0x0451),  # Cyrillic (part of GB2312)
    (0x2000, 0x206F),  # General Punctuation: — – … ‰ ‘ ’ “ ” • ※ ′ ″
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x20A0, 0x20CF),  # currency symbols
    (0x2100, 0x214F),  # letterlike symbols: ℃ ℉ № ℡ ™
    (0x2150, 0x218F),  # number forms: Ⅰ-Ⅻ ⅰ-ⅻ ½ ⅓
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: ≤ ≥ ≠ ≈ ∞ √ ∵ ∴
    (0x2300, 0x23FF),  # miscellaneous technical
    (0x2460, 0x24FF),  # enclosed alphanumerics: ①-⑳ ⑴-⒇ ⒈-⒛ Ⓐ
    (0x2500, 0x257F),  # box drawing
    (0x2580, 0x259F),  # block elements
    (0x25A0, 0x25FF),  # geometric shapes: ■ □ ▲ △ ○ ● ◎ ◆ ◇
    (0x2600, 0x26FF),  # miscellaneous symbols: ★ ☆ ☐ ☑ ☒
    (0x2700, 0x27BF),  # dingbats: ✓ ✔ ✕ ✗ ❶-❿
    (0x2E80, 0x2EFF),  # CJK radicals supplement
    (0x2F00, 0x2FDF),  # Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〈〉《》「」【】〔〕
    (0x3040, 0x30FF),  # hiragana / katakana (part of GB2312)
    (0x3100, 0x312F),  # bopomofo
    (0x3200, 0x32FF),  # enclosed CJK letters and months: ㈠-㈩ ㊣
    (0x3300, 0x33FF),  # CJK compatibility: ㎡ ㎏ ㎝ ㎞
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs (basic block)
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFE50, 0xFE6F),  # small form variants
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms
    (0xFFFC, 0xFFFD),  # object replacement / replacement character
)

# OpenType layout features kept.  Only Qt (HarfBuzz) uses them; ReportLab
# ignores GSUB/GPOS.  'locl' is deliberately left out: in this face it only
# maps to Japanese/Korean/Traditional forms and would pull in thousands of
# glyphs we do not need.
LAYOUT_FEATURES = [
    "ccmp",
    "calt",
    "liga",
    "kern",
    "mark",
    "halt",
    "palt",
    "vert",
    "vrt2",
    "vhal",
    "vpal",
    "vkrn",
]


def gbk_code_points() -> set[int]:
    """Every BMP code point that can be encoded in GBK (GB2312 is a subset)."""
    points = set()
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        points.add(cp)
    return points


def wanted_code_points() -> set[int]:
    """The code points kept in the subset: GBK plus ``KEEP_RANGES``."""
    points = gbk_code_points()
    for first, last in KEEP_RANGES:
        points.update(range(first, last + 1))
    return points


def family_name(font: TTFont) -> str | None:
    """Typographic family name if present, else the legacy family name."""
    name = font["name"]
    return name.getDebugName(16) or name.getDebugName(1)


def load_face(path: Path, family: str) -> TTFont:
    """Load ``path``; for a collection, return the face named ``family``."""
    with path.open("rb") as fh:
        is_collection = fh.read(4) == b"ttcf"
    if not is_collection:
        return TTFont(path, recalcTimestamp=False)
    collection = TTCollection(path, lazy=True)
    names = [family_name(face) for face in collection.fonts]
    for index, name in enumerate(names):
        if name == family:
            return TTFont(path, fontNumber=index, recalcTimestamp=False)
    raise SystemExit(f"{path}: no face named {family!r} in collection (has: {names})")


def subset_font(font: TTFont, unicodes: set[int]) -> None:
    """Drop every glyph not reachable from ``unicodes``, in place."""
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.glyph_names = False
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def cff_to_glyf(font: TTFont, max_err: float) -> None:
    """Replace the 'CFF ' table with quadratic 'glyf' outlines, in place."""
    if "CFF " not in font:
        raise SystemExit("source font has no 'CFF ' table (already TrueType?)")
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quadratic = {}
    for glyph_name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType clockwise.
        glyph_set[glyph_name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        quadratic[glyph_name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quadratic
    del font["CFF "]
    if "VORG" in font:  # vertical origins only exist for CFF fonts
        del font["VORG"]
    glyf.compile(font)

    # TrueType requires lsb == xMin.
    hmtx = font["hmtx"]
    for glyph_name, glyph in glyf.glyphs.items():
        advance, _ = hmtx.metrics[glyph_name]
        hmtx.metrics[glyph_name] = (advance, getattr(glyph, "xMin", 0))

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.compile(font)

    post = font["post"]
    post.formatType = 3.0  # no glyph names (CID-keyed source has none anyway)
    post.extraNames = []
    post.mapping = {}

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def mark_modified(font: TTFont) -> None:
    """Record in the version string / unique ID that this is a converted subset."""
    name = font["name"]
    suffix = "; TrueType subset for CivicAudit"
    for record in list(name.names):
        if record.nameID in (3, 5):
            text = record.toUnicode()
            if not text.endswith(suffix):
                name.setName(
                    text + suffix, record.nameID, record.platformID, record.platEncID, record.langID
                )


def output_name(font: TTFont) -> str:
    """File name for the converted face, e.g. ``NotoSansSC-Bold.ttf``."""
    style = font["name"].getDebugName(17) or font["name"].getDebugName(2) or "Regular"
    return f"NotoSansSC-{style.replace(' ', '')}.ttf"


def convert(source: Path, out_dir: Path, family: str, max_err: float, do_subset: bool) -> Path:
    """Convert one source font; return the path of the written ``.ttf``."""
    font = load_face(source, family)
    if do_subset:
        subset_font(font, wanted_code_points())
    cff_to_glyf(font, max_err)
    mark_modified(font)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / output_name(font)
    font.save(target)
    return target


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "sources",
        nargs="+",
        type=Path,
        help="Noto Sans CJK .ttc collection(s) or Noto Sans SC .otf file(s)",
    )
    parser.add_argument(
        "-o",
        "--out-dir",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"output directory (default: {DEFAULT_OUT_DIR})",
    )
    parser.add_argument(
        "--family",
        default=DEFAULT_FAMILY,
        help=f"face to take from a .ttc (default: {DEFAULT_FAMILY!r})",
    )
    parser.add_argument(
        "--max-err",
        type=float,
        default=DEFAULT_MAX_ERR,
        help="cu2qu approximation tolerance in font units (default: 1.0)",
    )
    parser.add_argument(
        "--no-subset", action="store_true", help="keep every glyph (~20 MB per weight)"
    )
    args = parser.parse_args(argv)

    for source in args.sources:
        target = convert(
            source, args.out_dir, args.family, args.max_err, do_subset=not args.no_subset
        )
        check = TTFont(target, lazy=True)
        print(
            f"{source} -> {target}: {target.stat().st_size / 1e6:.1f} MB, "
            f"{check['maxp'].numGlyphs} glyphs, "
            f"{len(check.getBestCmap())} code points, family {family_name(check)!r}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
