"""A streaming .xlsx writer: :class:`reports.sheet_tables.Table` rows straight into the zip.

An .xlsx file is a zip of SpreadsheetML parts. :class:`Workbook` writes each
sheet's part row by row into its deflated zip entry as the sheet is added, and
the workbook's own parts (the sheet list, the styles, the properties, the
content types) when it is closed, so memory stays flat however many rows there
are. It replaced openpyxl's write-only mode, which took over a minute for a
province's month; :mod:`reports.xlsx_writer` still writes the same sheets
through openpyxl, and the tests read both back alike.

The cells follow :mod:`reports.xlsx_cells`: numbers and dates (as serial days)
with their column's number format, text as inline strings, formula-like text
with the quote prefix so that no spreadsheet ever evaluates it. Every sheet
has a bold, filled, frozen and filtered header row and column widths measured
on its first rows; a sheet without rows shows the table's empty line.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from model.progress import Progress
from reports import sheet_tables as st
from reports import xlsx_cells as cells

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# zlib's own level: level 1 would save a fifth of the time (under a second for a province's
# month) but make the file a quarter bigger than openpyxl's, and it goes by mail and stick.
COMPRESSION = 6
WRITE_ROWS = 100    # rows joined into one write to the zip (divides PROGRESS_STEP)
EPOCH = dt.datetime(1899, 12, 30)          # day 0 of Excel's (and LibreOffice's) serial dates
# Styles (cellXfs indices): the header, the empty line, text kept from being a formula,
# then one a number format, in the order of NUMBER_FORMATS.
HEADER, NOTE, QUOTED = ' s="1"', ' s="2"', ' s="3"'
FORMAT_STYLE = {kind: f' s="{4 + i}"' for i, kind in enumerate(cells.NUMBER_FORMATS)}


class Workbook:
    """An .xlsx file being written to ``path``: add its sheets in order, then close it.

    Use it as a context manager; the workbook is complete only once it is closed
    without an error (on an error the file is left unfinished, for the caller to remove).
    """

    def __init__(self, path: Path, title: str, created: dt.datetime | None = None):
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION)
        self._title = title
        self._created = created or dt.datetime.now(dt.UTC)
        self._sheets: list[tuple[str, str, int]] = []  # name, last column, last data row

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if kind is None:
                self._finish()
        finally:
            self._zip.close()

    def add_sheet(self, table: st.Table, progress: Progress | None = None) -> int:
        """Write ``table`` as the next sheet; return the number of data rows written."""
        _check_name(table.name, [name for name, *_ in self._sheets])
        column, row = cells.column_letter(len(table.columns)), len(table.rows) + 1
        shown = 2 if not table.rows and table.empty_line else row    # the empty line
        with self._zip.open(f"xl/worksheets/sheet{len(self._sheets) + 1}.xml", "w") as part:
            part.write(_sheet_start(table, f"A1:{column}{shown}").encode())
            _write_rows(part, table, progress)
            part.write(f'</sheetData><autoFilter ref="A1:{column}{row}"/><pageMargins '
                       'left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
                       "</worksheet>".encode())
        self._sheets.append((table.name, column, row))
        return len(table.rows)

    def _finish(self) -> None:
        count = len(self._sheets)
        parts = {
            "xl/styles.xml": STYLES,
            "xl/workbook.xml": _workbook(self._sheets),
            "xl/_rels/workbook.xml.rels": _relations(
                [(f"rId{i}", f"{RELS}/worksheet", f"worksheets/sheet{i}.xml")
                 for i in range(1, count + 1)]
                + [(f"rId{count + 1}", f"{RELS}/styles", "styles.xml")]),
            "docProps/core.xml": _core(self._title, self._created),
            "_rels/.rels": ROOT_RELATIONS,
            "[Content_Types].xml": _content_types(count),
        }
        for name, text in parts.items():
            self._zip.writestr(name, XML_HEAD + text)


# -- a sheet ------------------------------------------------------------------------


def _check_name(name: str, taken: list[str]) -> None:
    if not name or len(name) > 31 or any(c in name for c in "[]:*?/\\") or name in taken:
        raise ValueError(f"{name!r} cannot name a sheet (31 characters, none of []:*?/\\, "
                         "a name not taken)")


def _sheet_start(table: st.Table, shown: str) -> str:
    """The sheet's part up to its first row: the frozen header and the column widths."""
    columns = "".join(f'<col min="{i}" max="{i}" width="{width:g}" customWidth="1"/>'
                      for i, width in enumerate(cells.column_widths(table), start=1))
    header = "".join(_text(f"{cells.column_letter(i)}1", text, HEADER)
                     for i, text in enumerate(table.headers, start=1))
    return (f'{XML_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}"><dimension ref="{shown}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{columns}</cols>'
            f'<sheetData><row r="1">{header}</row>')


def _write_rows(part: BinaryIO, table: st.Table, progress: Progress | None) -> None:
    """Stream the rows, a hundred at a time, with a progress step (and a cancel) a thousand."""
    letters = [cells.column_letter(i) for i in range(1, len(table.columns) + 1)]
    styles = [FORMAT_STYLE.get(column.kind, "") for column in table.columns]
    for start in range(0, len(table.rows), WRITE_ROWS):
        chunk = table.rows[start:start + WRITE_ROWS]
        part.write("".join([_row(number, row, letters, styles)
                            for number, row in enumerate(chunk, start=start + 2)]).encode())
        if progress is not None and (start + len(chunk)) % cells.PROGRESS_STEP == 0:
            progress.advance(cells.PROGRESS_STEP)
    if progress is not None:
        progress.advance(len(table.rows) % cells.PROGRESS_STEP)
    if not table.rows and table.empty_line:
        note = _text("A2", table.empty_line, NOTE)
        part.write(f'<row r="2">{note}</row>'.encode())


def _row(number: int, values: tuple, letters: list[str], styles: list[str]) -> str:
    r = str(number)
    xml = [_WRITERS.get(type(value), _other)(letter + r, value, style)
           for letter, style, value in zip(letters, styles, values, strict=True)]
    return f'<row r="{r}">{"".join(xml)}</row>'


# -- cells: (reference, value, its column's style attribute) → the cell's XML ("": none) ---


def _text(ref: str, value, style: str = "") -> str:
    text = cells.clean_text(value)
    if not text:
        return ""
    if cells.formula_like(text):
        style = QUOTED
    escaped = escape(text)
    if "\r" in escaped:
        escaped = escaped.replace("\r", "&#13;")   # a bare CR would be read as a line feed
    return (f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{escaped}</t>'
            "</is></c>")


def _number(ref: str, value, style: str) -> str:
    if not math.isfinite(value):
        return ""
    return f'<c r="{ref}"{style}><v>{value}</v></c>'


def _date(ref: str, value: dt.date, style: str) -> str:
    return _number(ref, (value - EPOCH.date()).days, style or FORMAT_STYLE[st.DATE])


def _datetime(ref: str, value: dt.datetime, style: str) -> str:
    days = (value - EPOCH) / dt.timedelta(days=1)
    return _number(ref, days, style or FORMAT_STYLE[st.DATETIME])


def _boolean(ref: str, value: bool, style: str) -> str:
    return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'


def _other(ref: str, value, style: str) -> str:
    """A value of a subclass (an IntEnum, a StrEnum) as its base type; anything else as text."""
    for kind, write in _WRITERS.items():
        if isinstance(value, kind):
            return write(ref, value, style)
    return _text(ref, value)


_WRITERS: dict[type, Callable[[str, object, str], str]] = {
    type(None): lambda ref, value, style: "", str: _text, int: _number, float: _number,
    bool: _boolean, dt.datetime: _datetime, dt.date: _date}


# -- the workbook's parts -----------------------------------------------------------------


def _workbook(sheets: list[tuple[str, str, int]]) -> str:
    listed = "".join(f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
                     for i, (name, *_) in enumerate(sheets, start=1))
    # Excel keeps each sheet's filter range under this hidden name (openpyxl writes it too).
    names = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                    f"{escape(_quoted(name))}!$A$1:${column}${row}</definedName>"
                    for i, (name, column, row) in enumerate(sheets))
    return (f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews><workbookView activeTab="0"/>'
            f"</bookViews><sheets>{listed}</sheets><definedNames>{names}</definedNames>"
            "</workbook>")


def _quoted(sheet: str) -> str:
    """A sheet's name as a formula names it: in quotes, its own quotes doubled."""
    return "'" + sheet.replace("'", "''") + "'"


def _relations(targets: list[tuple[str, str, str]]) -> str:
    return (f'<Relationships xmlns="{PACKAGE_RELS}">'
            + "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
                      for rid, kind, target in targets)
            + "</Relationships>")


def _core(title: str, created: dt.datetime) -> str:
    when = f"{created.astimezone(dt.UTC):%Y-%m-%dT%H:%M:%SZ}"
    stamp = f'xsi:type="dcterms:W3CDTF">{when}'
    return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>CivicAudit</dc:creator><dc:title>{escape(title)}</dc:title>"
            f"<dcterms:created {stamp}</dcterms:created>"
            f"<dcterms:modified {stamp}</dcterms:modified></cp:coreProperties>")


def _content_types(sheets: int) -> str:
    office = "application/vnd.openxmlformats-officedocument"
    overrides = {"/xl/workbook.xml": f"{office}.spreadsheetml.sheet.main+xml",
                 "/xl/styles.xml": f"{office}.spreadsheetml.styles+xml",
                 "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                 **{f"/xl/worksheets/sheet{i}.xml": SHEET_TYPE for i in range(1, sheets + 1)}}
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>'
                      for part, kind in overrides.items())
            + "</Types>")


def _styles() -> str:
    """Fonts (plain, bold, grey italic), fills (the two Excel requires, the header's), and the
    cell formats: plain, header, empty line, quote prefix, then each number format."""
    font = '<sz val="11"/>{}<name val="Calibri"/><family val="2"/>'
    fonts = [font.format(""), font.format("<b/>"),
             font.format(f'<i/><color rgb="FF{cells.NOTE_COLOUR}"/>')]
    formats = "".join(f'<numFmt numFmtId="{164 + i}" formatCode={quoteattr(code)}/>'
                      for i, code in enumerate(cells.NUMBER_FORMATS.values()))
    xf = '<xf numFmtId="{}" fontId="{}" fillId="{}" borderId="0" xfId="0"{}>{}</xf>'
    xfs = [xf.format(0, 0, 0, "", ""),
           xf.format(0, 1, 2, ' applyFont="1" applyFill="1" applyAlignment="1"',
                     '<alignment vertical="center"/>'),
           xf.format(0, 2, 0, ' applyFont="1"', ""),
           xf.format(0, 0, 0, ' quotePrefix="1"', ""),
           *(xf.format(164 + i, 0, 0, ' applyNumberFormat="1"', "")
             for i in range(len(cells.NUMBER_FORMATS)))]
    return (f'<styleSheet xmlns="{MAIN}"><numFmts count="{len(cells.NUMBER_FORMATS)}">{formats}'
            f'</numFmts><fonts count="3">{"".join(f"<font>{f}</font>" for f in fonts)}</fonts>'
            '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill '
            'patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor '
            f'rgb="FF{cells.HEADER_FILL}"/><bgColor indexed="64"/></patternFill></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            f'borderId="0"/></cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>")


STYLES = _styles()
ROOT_RELATIONS = _relations([
    ("rId1", f"{RELS}/officeDocument", "xl/workbook.xml"),
    ("rId2", f"{PACKAGE_RELS}/metadata/core-properties", "docProps/core.xml")])
