"""What the values of a :class:`reports.sheet_tables.Table` become in a spreadsheet.

Shared by the two writers of a sheet, :mod:`reports.xlsx_stream` (the one the
program uses) and :mod:`reports.xlsx_writer` (the same sheet through openpyxl,
which the stream writer is checked against): each column kind's number format,
the rule for text a spreadsheet would take for a formula, the characters XML
cannot hold, and column widths that fit Chinese text. No openpyxl here.
"""

from __future__ import annotations

import re
import unicodedata

from reports import sheet_tables as st

# Text starting so is a formula to Excel or LibreOffice: it gets the quote prefix.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FORMATS = {
    st.RATE: "0.0%",
    st.POINTS: "+0.0;-0.0;0.0",
    st.PLACES: "+0;-0;0",
    st.DATE: "yyyy-mm-dd",
    st.DATETIME: "yyyy-mm-dd hh:mm",
    st.DAYS: '"剩余"0"天";"逾期"0"天";"今日到期"',
}
HEADER_FILL = "DDE4EE"     # RGB of the header row's background
NOTE_COLOUR = "555555"     # RGB of the italic line an empty sheet shows
# Control characters XML 1.0 cannot hold (openpyxl's rule), lone surrogates and the two
# non-characters, which cannot be written as UTF-8 or parsed back either.
ILLEGAL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
WIDTH_SAMPLE = 500   # rows measured for a column's width
MIN_WIDTH, MAX_WIDTH = 6, 48
PROGRESS_STEP = 1000


def clean_text(value) -> str:
    """``value`` as text without the characters XML cannot hold ("" for None)."""
    return "" if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))


def formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text``, typed into a cell, as a formula."""
    return text.startswith(FORMULA_START)


def column_widths(table: st.Table) -> list[float]:
    """Widths in characters: given ones, or measured on the header and the first rows."""
    widths = []
    for index, column in enumerate(table.columns):
        if column.width is not None:
            widths.append(column.width)
            continue
        sample = [text_width(_shown(row[index])) for row in table.rows[:WIDTH_SAMPLE]]
        measured = max([text_width(column.header) + 2, *sample]) + 2
        widths.append(min(max(measured, MIN_WIDTH), MAX_WIDTH))
    return widths


def text_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_letter(number: int) -> str:
    """The letters of the ``number``-th column (1 → A, 27 → AA)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _shown(value) -> str:
    return "" if value is None else str(value)
