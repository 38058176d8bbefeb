"""Keep the Qt translation files in step with the source.

    python tools/i18n.py extract   # add new UI strings to resources/i18n/*.ts
    python tools/i18n.py compile   # build the .qm files the program loads

Between the two, translate the new entries (Qt Linguist: pyside6-linguist, or
any editor: fill each <translation> and drop type="unfinished").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def ts_path(language: str) -> Path:
    """Return the translation source of a language."""
    return I18N / f"civicaudit_{language}.ts"


def extract(target: Path | None = None, language: str = "zh_CN") -> None:
    """Run lupdate over ui/ into the language's .ts file (or ``target``)."""
    subprocess.run(["pyside6-lupdate", "-extensions", "py", "-no-obsolete", "-locations", "none",
                    "-silent", str(ROOT / "ui"), "-ts", str(target or ts_path(language))],
                   check=True)


def compile_qm(source: Path, target: Path) -> None:
    """Run lrelease on one .ts file."""
    subprocess.run(["pyside6-lrelease", "-silent", str(source), "-qm", str(target)], check=True)


def main(argv: list[str]) -> int:
    """Run the command named on the command line."""
    if argv[1:] == ["extract"]:
        for language in LANGUAGES:
            extract(language=language)
        return 0
    if argv[1:] == ["compile"]:
        for language in LANGUAGES:
            compile_qm(ts_path(language), ts_path(language).with_suffix(".qm"))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
