"""Printing results for people (aligned tables) or programs (JSON)."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Return the number of terminal columns ``text`` takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    """Pad ``text`` with spaces to ``columns`` terminal columns."""
    return text + " " * max(columns - width(text), 0)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Return rows as an aligned text table with a header line."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([width(h)] + [width(row[i]) for row in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip()
              for row in cells]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def percent(rate: float | None) -> str:
    """Format a rate as a percentage with one decimal, or a dash when there is none."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def emit(text: str) -> None:
    """Write a line to standard output."""
    sys.stdout.write(text + "\n")


def emit_json(data: object) -> None:
    """Write data as indented JSON (Chinese kept readable)."""
    emit(json.dumps(data, ensure_ascii=False, indent=2))
