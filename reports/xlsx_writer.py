"""Writing a :class:`reports.sheet_tables.Table` into a streaming (write-only) openpyxl workbook.

The program writes its workbooks with :mod:`reports.xlsx_stream`, several times
faster; this is the same sheet through openpyxl, the reference that writer is
read back against in the tests. Both follow
:mod:`reports.xlsx_cells`: numbers stay numbers and dates stay dates, each with
a number format; the header row is bold, frozen and filtered; columns get widths
that fit Chinese text. Text that a spreadsheet would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is stored as a
string cell with Excel's quote prefix, so neither Excel nor LibreOffice ever
evaluates it, not even after the cell is edited.
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from model.progress import Progress
from reports import sheet_tables as st
from reports import xlsx_cells as cells

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor=cells.HEADER_FILL)
NOTE_FONT = Font(italic=True, color=cells.NOTE_COLOUR)


def add_sheet(workbook: Workbook, table: st.Table, progress: Progress | None = None) -> int:
    """Append ``table`` as a sheet of ``workbook``; return the number of data rows written."""
    sheet = workbook.create_sheet(table.name)
    for index, width in enumerate(cells.column_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_header(sheet, text) for text in table.headers])
    makers = [_maker(sheet, column.kind) for column in table.columns]
    for count, row in enumerate(table.rows, start=1):
        sheet.append([make(value) for make, value in zip(makers, row, strict=True)])
        if progress is not None and count % cells.PROGRESS_STEP == 0:
            progress.advance(cells.PROGRESS_STEP)
    if progress is not None:
        progress.advance(len(table.rows) % cells.PROGRESS_STEP)
    last_row = len(table.rows) + 1
    if not table.rows and table.empty_line:
        sheet.append([_note(sheet, table.empty_line)])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{last_row}"
    return len(table.rows)


def _header(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, text)
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    cell.alignment = Alignment(vertical="center")
    return cell


def _note(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, text)
    cell.font = NOTE_FONT
    return cell


def _maker(sheet: WriteOnlyWorksheet, kind: str) -> Callable[[object], object]:
    """How a value of a column of ``kind`` becomes what ``sheet.append`` takes."""
    if kind == st.TEXT:
        return lambda value: safe_text(sheet, value)
    number_format = cells.NUMBER_FORMATS.get(kind)
    if number_format is None:
        return lambda value: value

    def formatted(value):
        if value is None:
            return None
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = number_format
        return cell
    return formatted


def safe_text(sheet: WriteOnlyWorksheet, value):
    """A text value as a cell that is never a formula (and without XML-illegal characters)."""
    if not value:
        return None
    text = cells.clean_text(value)
    formula_like = cells.formula_like(text)
    if not formula_like and text not in ERROR_CODES:
        return text
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"               # openpyxl typed it a formula ('=') or an error ('#N/A')
    cell.quotePrefix = formula_like    # and an edit in Excel or LibreOffice keeps it text
    return cell
