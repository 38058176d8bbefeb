"""Generate the bad-input corpus: hostile and broken files for every importer of CivicAudit.

``python tests/corpus/make_corpus.py DIR`` writes the corpus into DIR and lists its cases
(``--markdown`` as the table in tests/corpus/README.md). ``build(DIR)`` does the same for
tests and returns the cases. Files that need keys, bundles or signed notices are made from a
small world of real stores (an office, a laptop, another office) created under DIR/world;
nothing binary is kept in the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.corpus import bundle_cases, csv_cases, pdf_cases, photo_cases, world
from tests.corpus.case import Case, Spec

__all__ = ["Case", "build", "specs"]

FOLDERS = {"sites": "csv", "checklist": "csv", "photos": "photos", "bundle": "bundles",
           "pdf": "pdfs"}


def specs() -> list[Spec]:
    """Every case, declared (nothing is made): their names are known without the world."""
    found = (csv_cases.specs() + photo_cases.specs() + bundle_cases.specs()
             + pdf_cases.specs())
    names = [spec.name for spec in found]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"corpus case names used twice: {duplicates}")
    return found


def build(target_dir: Path) -> list[Case]:
    """Write the corpus (and the stores its cases run against) into ``target_dir``."""
    target = Path(target_dir)
    made = world.build(target / "world")
    cases = []
    for spec in specs():
        path = target / FOLDERS[spec.importer] / spec.name
        path.parent.mkdir(parents=True, exist_ok=True)
        spec.make(path, made)
        args, store = _command(spec, path, made)
        cases.append(Case(spec.name, spec.importer, path, args, store, spec.reasons,
                          spec.describe, spec.accepted, spec.changes_store))
    return cases


def _command(spec: Spec, path: Path, made: world.World) -> tuple[tuple[str, ...], Path]:
    """The CLI arguments that import ``path``, and the store they run against."""
    office, auditor = ("--user", world.OFFICE_USER), ("--user", world.AUDITOR_USER)
    if spec.importer == "sites":
        return (*office, "sites", "import", str(path)), made.office
    if spec.importer == "checklist":
        return (*office, "checklist", "import", "--name", "本地版", str(path)), made.office
    if spec.importer == "photos":
        return (*auditor, "photos", "add", made.open_inspection, str(path)), made.laptop
    if spec.importer == "bundle":
        if spec.on_laptop:
            return (*auditor, "import", str(path)), made.laptop
        return (*office, "import", str(path)), made.office
    return ("notice", "verify", str(path)), made.laptop


def markdown(cases: list[Case]) -> str:
    """The cases as a Markdown table: name, importer, what the file is, expected outcome."""
    lines = ["| case | importer | the input | expected |", "|---|---|---|---|"]
    for case in cases:
        outcome = "accepted" if case.accepted else "refused"
        words = "; ".join(word for word in case.reasons if word != outcome)
        lines.append(f"| {case.name} | {case.importer} | {case.describe} | {outcome}: "
                     f"{words} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Build the corpus into the folder named on the command line and list its cases."""
    if not argv or argv[0].startswith("-"):
        sys.stderr.write("usage: make_corpus.py DIR [--markdown]\n")
        return 2
    cases = build(Path(argv[0]))
    if "--markdown" in argv:
        sys.stdout.write(markdown(cases) + "\n")
    else:
        sys.stdout.writelines(f"{case.name}\t{case.importer}\t{case.file}\n" for case in cases)
    sys.stdout.write(f"{len(cases)} corpus cases\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
