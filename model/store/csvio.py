"""Reading and writing the CSV files offices edit in Excel.

Input may be UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"
writes one). Headers may use the Chinese labels we export or English field
names. Every problem is reported as an :class:`InputFileError` naming the file
and the line. Output is UTF-8 with a BOM so Excel shows Chinese correctly, and
cells that a spreadsheet would run as a formula are neutralised with a leading
apostrophe (stripped again on import).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from model.errors import InputFileError, OutputFileError
from model.store import fileio

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_FIELD_CHARS = 10_000
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    """One CSV column: our field name, the Chinese header we write, and whether it is required."""

    field: str
    label: str
    required: bool = True

    def matches(self, header: str) -> bool:
        """True when a header cell names this column (Chinese label or field name)."""
        cleaned = header.strip().lower()
        return cleaned in (self.label.lower(), self.field.lower())


@dataclass(frozen=True)
class Row:
    """A parsed data row: its physical line in the file and its cells by field name."""

    line: int
    values: dict[str, str]

    def get(self, field: str) -> str:
        """Return a cell, stripped, or an empty string when the column is absent."""
        return self.values.get(field, "").strip()


def read_rows(path: Path, columns: Sequence[Column]) -> list[Row]:
    """Read a whole CSV file into rows, or raise naming the first bad line."""
    text = _decode(path, _read_bytes(path))
    # strict: a quote left open must not swallow the rest of the file into one cell
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = list(_parse(path, reader, columns))
    if not rows:
        raise InputFileError(path, "the file has a header but no data rows")
    return rows


def _read_bytes(path: Path) -> bytes:
    """Read the file, refusing absurd sizes and explaining unreadable ones."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputFileError(path, f"the file is {size // 1_048_576} MB; the limit is "
                                       f"{MAX_FILE_BYTES // 1_048_576} MB")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputFileError(path, "the file does not exist") from exc
    except IsADirectoryError as exc:
        raise InputFileError(path, "this is a folder, not a CSV file") from exc
    except PermissionError as exc:
        raise InputFileError(path, "the file cannot be read (permission denied)") from exc


def _decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 (BOM optional), naming the line of the first undecodable byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputFileError(
            path,
            f"byte 0x{data[exc.start]:02x} is not UTF-8 text; save the file from Excel as "
            "'CSV UTF-8 (comma delimited)'",
            line,
        ) from exc
    if "\x00" in text:  # never in a CSV file: UTF-16 ("Unicode text") or not text at all
        raise InputFileError(path, "the file contains NUL bytes, so it is not CSV text (saved as "
                                   "UTF-16 'Unicode text', or not a CSV file at all); save it "
                                   "from Excel as 'CSV UTF-8 (comma delimited)'",
                             text.count("\n", 0, text.index("\x00")) + 1)
    return text


def _parse(path: Path, reader, columns: Sequence[Column]) -> Iterator[Row]:
    """Map the header to columns, then yield each non-blank row with its line number."""
    line = 0
    try:
        header = next(reader, None)
        if header is None:
            raise InputFileError(path, "the file is empty")
        mapping = _map_header(path, header, columns)
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            yield _make_row(path, start, cells, mapping, len(header))
    except csv.Error as exc:
        raise _structure_error(path, exc, line + 1, reader.line_num) from exc


def _structure_error(path: Path, exc: csv.Error, start: int, line: int) -> InputFileError:
    """Word what the CSV reader refused: an unclosed quote, a huge cell, or else its message."""
    if "unexpected end of data" in str(exc):
        return InputFileError(path, 'a quoted cell is never closed (a " is missing), so the rest '
                                    "of the file would run into it", start)
    if "field larger than field limit" in str(exc):
        return InputFileError(path, f"a cell is longer than {MAX_FIELD_CHARS} characters", line)
    return InputFileError(path, f"the CSV structure is broken ({exc})", line)


def _map_header(path: Path, header: list[str], columns: Sequence[Column]) -> dict[int, str]:
    """Return {cell index: field}, refusing unknown, repeated or missing columns."""
    mapping: dict[int, str] = {}
    for index, cell in enumerate(header):
        if not cell.strip():
            continue
        column = next((c for c in columns if c.matches(cell)), None)
        if column is None:
            expected = "、".join(c.label for c in columns)
            raise InputFileError(path, f"unknown column '{cell.strip()}' (expected: {expected})", 1)
        if column.field in mapping.values():
            raise InputFileError(path, f"column '{column.label}' appears twice", 1)
        mapping[index] = column.field
    missing = [c.label for c in columns if c.required and c.field not in mapping.values()]
    if missing:
        raise InputFileError(path, f"required column(s) missing: {'、'.join(missing)}", 1)
    return mapping


def _make_row(path: Path, line: int, cells: list[str], mapping: dict[int, str], width: int) -> Row:
    """Build one row, refusing extra cells and oversized fields."""
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        raise InputFileError(path, f"the row has {len(cells)} cells but the header has {width}",
                             line)
    values = {}
    for index, field in mapping.items():
        value = cells[index] if index < len(cells) else ""
        if len(value) > MAX_FIELD_CHARS:
            raise InputFileError(path, f"the '{field}' cell is longer than {MAX_FIELD_CHARS} "
                                       "characters", line)
        values[field] = _unneutralise(value)
    return Row(line, values)


def neutralise(value: object) -> str:
    """Return a cell's text, prefixed with ' when a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    if isinstance(value, (int, float)) or not text.startswith(FORMULA_PREFIXES):
        return text
    return "'" + text


def _unneutralise(text: str) -> str:
    """Undo :func:`neutralise` on import."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def write_rows(path: Path, columns: Sequence[Column], rows: Iterable[dict]) -> int:
    """Write rows atomically (temporary file, fsync, rename) and return how many were written."""
    path = Path(path)
    try:
        with fileio.atomic_output(path) as part:
            count = _write_file(part, columns, rows)
    except OSError as exc:
        raise OutputFileError(path, exc.strerror or str(exc)) from exc
    return count


def _write_file(path: Path, columns: Sequence[Column], rows: Iterable[dict]) -> int:
    """Write header and rows to ``path`` and flush them to the disk."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.label for c in columns])
        for row in rows:
            writer.writerow([neutralise(row.get(c.field)) for c in columns])
            count += 1
    return count
