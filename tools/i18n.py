"""Keep the Qt translation files in step with the source.

    python tools/i18n.py extract   # add new UI strings to resources/i18n/*.ts
    python tools/i18n.py compile   # build the .qm files the program loads

Between the two, translate the new entries (Qt Linguist: pyside6-linguist, or
any editor: fill each <translation> and drop type="unfinished").

The source strings are English, so English needs a translation only for its plurals:
``civicaudit_en.ts`` holds the messages counted with ``%n`` ("%n site(s)"), and
``extract`` fills their singular and plural from the source ("%n site", "%n sites";
see :func:`english_forms` for the words that do not just take an s).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def ts_path(language: str) -> Path:
    """Return the translation source of a language."""
    return I18N / f"civicaudit_{language}.ts"


ENGLISH = "en"
# "(s)" words whose plural is not the singular and an s; "word(s)" is the rule otherwise.
IRREGULAR = {"criterion(s)": ("criterion", "criteria"), "entry(ies)": ("entry", "entries"),
             "copy(ies)": ("copy", "copies"), "was/were": ("was", "were"),
             "is/are": ("is", "are"), "has/have": ("has", "have")}


def extract(target: Path | None = None, language: str = "zh_CN") -> None:
    """Run lupdate over ui/ into the language's .ts file (or ``target``)."""
    subprocess.run(["pyside6-lupdate", "-extensions", "py", "-no-obsolete", "-locations", "none",
                    "-silent", str(ROOT / "ui"), "-ts", str(target or ts_path(language))],
                   check=True)


def extract_english(target: Path | None = None) -> None:
    """Write the English plurals file (or ``target``): lupdate's counted messages, filled."""
    path = target or ts_path(ENGLISH)
    subprocess.run(["pyside6-lupdate", "-extensions", "py", "-no-obsolete", "-locations", "none",
                    "-pluralonly", "-target-language", ENGLISH, "-silent", str(ROOT / "ui"),
                    "-ts", str(path)], check=True)
    path.write_text(fill_english(path.read_text(encoding="utf-8")), encoding="utf-8")


def fill_english(ts: str) -> str:
    """Each counted message of an English .ts file with its singular and plural forms."""
    def fill(found: re.Match) -> str:
        singular, plural = english_forms(html.unescape(found["source"]))
        return (f"{found['head']}<translation>\n            <numerusform>"
                f"{html.escape(singular, quote=False)}</numerusform>\n            <numerusform>"
                f"{html.escape(plural, quote=False)}</numerusform>\n        </translation>")
    return re.sub(r'(?P<head><message numerus="yes">\s*<source>(?P<source>[^<]*)</source>\s*)'
                  r"<translation[^>]*>.*?</translation>", fill, ts, flags=re.S)


def english_forms(source: str) -> tuple[str, str]:
    """("%n site", "%n sites") for "%n site(s)": every "word(s)" and "a/b" of the source."""
    singular, plural = source, source
    for counted, (one, many) in IRREGULAR.items():
        singular, plural = singular.replace(counted, one), plural.replace(counted, many)
    singular = re.sub(r"\((?:s|es)\)", "", singular)
    plural = re.sub(r"\((s|es)\)", r"\1", plural)
    return singular, plural


def compile_qm(source: Path, target: Path) -> None:
    """Run lrelease on one .ts file."""
    subprocess.run(["pyside6-lrelease", "-silent", str(source), "-qm", str(target)], check=True)


def main(argv: list[str]) -> int:
    """Run the command named on the command line."""
    if argv[1:] == ["extract"]:
        for language in LANGUAGES:
            extract(language=language)
        extract_english()
        return 0
    if argv[1:] == ["compile"]:
        for language in (*LANGUAGES, ENGLISH):
            compile_qm(ts_path(language), ts_path(language).with_suffix(".qm"))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
