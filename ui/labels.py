"""Words for the domain's enums, translatable (the domain returns codes, the UI says words)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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
    "photo_badge": {  # a few characters drawn on the thumbnail
        "time_outside_inspection": QT_TRANSLATE_NOOP("Labels", "Time"),
        "no_gps": QT_TRANSLATE_NOOP("Labels", "No GPS"),
        "no_exif": QT_TRANSLATE_NOOP("Labels", "No EXIF"),
        "used_elsewhere": QT_TRANSLATE_NOOP("Labels", "Reused"),
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


def percent(rate: float | None) -> str:
    """Format a rate as a percentage with one decimal, or a dash."""
    return "—" if rate is None else f"{rate * 100:.1f}%"
