"""Words for the domain's enums, translatable (the domain returns codes, the UI says words)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from model.checklist.checklist import Criterion

CONTEXT = "Labels"
_WORDS = {
    "method": {
        "observe": QT_TRANSLATE_NOOP("Labels", "observe on site"),
        "ask": QT_TRANSLATE_NOOP("Labels", "ask or test"),
        "document": QT_TRANSLATE_NOOP("Labels", "check records"),
    },
    "severity": {
        "major": QT_TRANSLATE_NOOP("Labels", "major"),
        "minor": QT_TRANSLATE_NOOP("Labels", "minor"),
    },
    "deadline": {
        "24h": QT_TRANSLATE_NOOP("Labels", "fix at once (24 h)"),
        "3wd": QT_TRANSLATE_NOOP("Labels", "3 working days"),
        "7d": QT_TRANSLATE_NOOP("Labels", "7 days"),
        "15d": QT_TRANSLATE_NOOP("Labels", "15 days"),
    },
    "site_status": {
        "not_started": QT_TRANSLATE_NOOP("Labels", "Not started"),
        "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
        "finished": QT_TRANSLATE_NOOP("Labels", "Finished"),
    },
    "priority": {
        "today": QT_TRANSLATE_NOOP("Labels", "Today"),
        "this_month": QT_TRANSLATE_NOOP("Labels", "This month"),
        "other": "",
    },
    "refusal": {
        "empty": QT_TRANSLATE_NOOP("Labels", "the file is empty"),
        "folder": QT_TRANSLATE_NOOP("Labels", "this is a folder, not a photo"),
        "disappeared": QT_TRANSLATE_NOOP("Labels", "the file disappeared (card pulled out?)"),
        "unreadable": QT_TRANSLATE_NOOP("Labels", "the file cannot be read"),
        "not_a_photo": QT_TRANSLATE_NOOP("Labels", "not a JPEG, PNG or HEIC photo"),
        "damaged": QT_TRANSLATE_NOOP("Labels", "the image is incomplete or damaged"),
        "too_large": QT_TRANSLATE_NOOP("Labels", "the image has too many pixels"),
        "heic_unsupported": QT_TRANSLATE_NOOP("Labels", "HEIC photos cannot be read here"),
        "changed": QT_TRANSLATE_NOOP("Labels", "the file changed during the import"),
        "missing": QT_TRANSLATE_NOOP("Labels", "no such file or folder"),
    },
    "role": {
        "auditor": QT_TRANSLATE_NOOP("Labels", "Auditor"),
        "office": QT_TRANSLATE_NOOP("Labels", "Office"),
    },
    "photo_flag": {
        "time_outside_inspection": QT_TRANSLATE_NOOP(
            "Labels", "taken outside the inspection's time"),
        "no_gps": QT_TRANSLATE_NOOP("Labels", "no GPS position"),
        "no_exif": QT_TRANSLATE_NOOP("Labels", "no camera data (EXIF)"),
        "used_elsewhere": QT_TRANSLATE_NOOP("Labels", "also evidence in another inspection"),
    },
    "photo_badge": {  # a word or two drawn on the thumbnail; the tooltip explains it
        "time_outside_inspection": QT_TRANSLATE_NOOP("Labels", "Other time"),
        "no_gps": QT_TRANSLATE_NOOP("Labels", "No location"),
        "no_exif": QT_TRANSLATE_NOOP("Labels", "No camera info"),
        "used_elsewhere": QT_TRANSLATE_NOOP("Labels", "Used before"),
    },
    "photo_flag_help": {  # what a badge means and what to do about it
        "time_outside_inspection": QT_TRANSLATE_NOOP(
            "Labels", "The camera's clock says the photo was taken before or after this "
            "inspection. Check that it is the right photo, or that the camera's clock is right."),
        "no_gps": QT_TRANSLATE_NOOP(
            "Labels", "The photo does not say where it was taken: the camera's or phone's "
            "location was off. Switch it on for the next photos."),
        "no_exif": QT_TRANSLATE_NOOP(
            "Labels", "The photo carries no camera information (time, camera, place): it may "
            "be a screenshot, an edited copy or a picture passed on through a chat app. "
            "Attach the original from the camera or phone if you can."),
        "used_elsewhere": QT_TRANSLATE_NOOP(
            "Labels", "The same photo is evidence in another inspection too. Check that it "
            "shows this site on this inspection's day."),
    },
    "notice_status": {
        "reserved": QT_TRANSLATE_NOOP("Labels", "being issued"),
        "void": QT_TRANSLATE_NOOP("Labels", "void"),
        "issued": QT_TRANSLATE_NOOP("Labels", "issued"),
        "received": QT_TRANSLATE_NOOP("Labels", "received"),
        "replied": QT_TRANSLATE_NOOP("Labels", "reply received"),
        "reinspected": QT_TRANSLATE_NOOP("Labels", "re-inspected, not fixed"),
        "escalated": QT_TRANSLATE_NOOP("Labels", "escalated"),
        "closed": QT_TRANSLATE_NOOP("Labels", "closed"),
    },
    "reinspection": {
        "fixed": QT_TRANSLATE_NOOP("Labels", "fixed"),
        "partly": QT_TRANSLATE_NOOP("Labels", "partly fixed"),
        "not_fixed": QT_TRANSLATE_NOOP("Labels", "not fixed"),
    },
    "escalation": {
        "bulletin": QT_TRANSLATE_NOOP("Labels", "bulletin (通报)"),
        "exposure": QT_TRANSLATE_NOOP("Labels", "exposure list (曝光台)"),
    },
}


def word(kind: str, code: str) -> str:
    """Return the translated word for an enum value (the code itself if unknown)."""
    text = _WORDS.get(kind, {}).get(str(code))
    if text is None:
        return str(code)
    return QCoreApplication.translate(CONTEXT, text) if text else ""


def listed(items: Iterable[str]) -> str:
    """Items joined as the UI's language lists them: "a, b" in English, "a、b" in Chinese."""
    return QCoreApplication.translate("Labels", ", ", "between the items of a list").join(items)


def named(name: str, code: str) -> str:
    """A name with its staff number or code, bracketed as the UI's language writes it:
    "李明 (A07)" in English, "李明（A07）" in Chinese."""
    return (QCoreApplication.translate("Labels", "%1 (%2)", "a name and its staff number")
            .replace("%1", name).replace("%2", code))


def english_ui() -> bool:
    """True when the UI is English (``ui.i18n`` sets the default locale with the language)."""
    return QLocale().language() == QLocale.Language.English


def in_ui_language(chinese: str, english: str) -> str:
    """A checklist's text in the UI's language: its English one in the English UI when it
    has one, else the Chinese (the official wording)."""
    return english if english and english_ui() else chinese


def in_other_language(chinese: str, english: str) -> str:
    """The same text in the other language, as a gloss under :func:`in_ui_language`'s
    ("" when there is none)."""
    shown = in_ui_language(chinese, english)
    other = chinese if shown == english else english
    return "" if other == shown else other


def criterion_text(criterion: Criterion) -> str:
    """A criterion's text in the UI's language (its English one in the English UI)."""
    return in_ui_language(criterion.text_zh, criterion.text_en)


def criterion_gloss(criterion: Criterion) -> str:
    """A criterion's text in the other language ("" when there is none)."""
    return in_other_language(criterion.text_zh, criterion.text_en)


def percent(rate: float | None) -> str:
    """Format a rate as a percentage with one decimal, or a dash."""
    return "—" if rate is None else f"{rate * 100:.1f}%"
