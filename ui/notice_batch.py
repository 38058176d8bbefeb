"""Printing the day's notices in one job, behind a cover list (清单).

The follow-up board collects the notices issued today (this computer's date),
lists them on a cover sheet and prints cover and notices one after the other
on one printer. On a duplex printer every document starts on a sheet of its
own: after a document with an odd number of pages a blank page is printed, so
that no unit's notice is printed on the back of another unit's.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from model.notices.followup import BoardRow
from model.store import clock
from reports import wording
from ui.dialogs.notice_preview import print_pdfs
from usecases.services import Services


def issued_today(services: Services) -> list[BoardRow]:
    """The notices issued today (the office's date), in the order they were issued."""
    today = clock.office_today()
    rows = [row for row in services.notices.board()
            if clock.office_date(row.notice.issued_at).isoformat() == today]
    return sorted(rows, key=lambda row: (row.notice.issued_at, row.notice.number))


def print_batch(printer: QPrinter, services: Services, rows: list[BoardRow],
                duplex: bool | None = None) -> bool:
    """Print the cover list and then each notice's signed PDF; False if the printer failed.

    ``duplex`` is taken from the printer unless given (a PDF printer never says duplex).
    """
    if duplex is None:
        duplex = printer.duplex() != QPrinter.DuplexMode.DuplexNone
    from reports.cover_list import blank_page, build_cover_list  # ReportLab: on first use

    desk = services.notices
    # Windows keeps a PDF that Qt has open locked; the folder then goes at the next clean-up.
    with tempfile.TemporaryDirectory(prefix="civicaudit-print-",
                                     ignore_cleanup_errors=True) as folder:
        cover = Path(folder) / "cover.pdf"
        cover.write_bytes(build_cover_list([cover_row(row) for row in rows],
                                           wording.COVER_TITLE,
                                           wording.date(clock.office_today())))
        documents = [cover, *(desk.pdf_path(row.notice) for row in rows)]
        if duplex:
            blank = Path(folder) / "blank.pdf"
            blank.write_bytes(blank_page())
            documents = sheet_per_document(documents, blank)
        return print_pdfs(printer, documents)


def cover_row(row: BoardRow):
    """The cover list's line for a board row (in Chinese: the list is an official paper)."""
    from reports.cover_list import CoverRow

    notice = row.notice
    return CoverRow(notice.number, row.site, notice.addressee_unit,
                    wording.date_time(notice.deadline) if notice.deadline else "",
                    wording.COVER_STATUS.get(notice.status.value, notice.status.value))


def sheet_per_document(documents: list[Path], blank: Path) -> list[Path]:
    """``documents`` with ``blank`` after each one (but the last) that has an odd page count."""
    padded: list[Path] = []
    for index, document in enumerate(documents):
        padded.append(document)
        if index < len(documents) - 1 and page_count(document) % 2:
            padded.append(blank)
    return padded


def page_count(pdf: Path) -> int:
    """How many pages a PDF has (0 if Qt cannot read it)."""
    document = QPdfDocument()
    document.load(str(pdf))
    count = document.pageCount()
    document.close()
    return count
