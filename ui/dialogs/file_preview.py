"""What the office's import dialogs say about a previewed file: every bad row by its line,
or how many rows are new, changed and unchanged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.folders import default_folder

BAD_COLOUR, GOOD_COLOUR = "#b3261e", "#1b6e20"


def preview_html(preview) -> str:
    """A preview (sites or checklist: ``lines`` with a ``change``, ``problems``) in words."""
    translate = QCoreApplication.translate
    if preview.problems:
        lines = [translate("FilePreview", "Line %1: %2").replace("%1", str(line))
                 .replace("%2", problem) if line else problem
                 for line, problem in preview.problems]
        return (f"<b style='color:{BAD_COLOUR}'>"
                + translate("FilePreview", "Rows that cannot be imported: %1.").replace(
                    "%1", str(len(preview.problems))) + " "
                + translate("FilePreview", "Fix the file and choose it again: nothing is stored "
                                           "until every row is right.")
                + "</b><br>" + "<br>".join(lines))
    counts = {c: sum(1 for line in preview.lines if line.change == c)
              for c in ("created", "updated", "unchanged")}
    return translate("FilePreview", "%1 new, %2 changed, %3 unchanged.").replace(
        "%1", str(counts["created"])).replace("%2", str(counts["updated"])).replace(
        "%3", str(counts["unchanged"]))


def change_words() -> dict[str, str]:
    """A previewed row's change in words."""
    translate = QCoreApplication.translate
    return {"created": translate("FilePreview", "new"),
            "updated": translate("FilePreview", "changed"),
            "unchanged": translate("FilePreview", "unchanged")}


def open_csv(parent: QWidget, title: str) -> Path | None:
    """Ask for a CSV file to read, starting in the default folder; None when cancelled."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(default_folder()), _csv_filter())
    return Path(chosen) if chosen else None


def save_csv(parent: QWidget, title: str, name: str) -> Path | None:
    """Ask where to write a CSV file, suggesting ``name`` in the default folder."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(default_folder() / name),
                                            _csv_filter())
    return Path(chosen) if chosen else None


def _csv_filter() -> str:
    return QCoreApplication.translate("FilePreview", "CSV (*.csv)")
