"""Reading PDFs back with poppler's tools, for the report tests."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def run(*args: str) -> str:
    """Run a command and return its standard output (it must succeed)."""
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def text(pdf_path: Path, page: int | None = None) -> str:
    """The PDF's text in reading order (one page, or all)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", "-raw", *pages, str(pdf_path), "-")


def squeezed(value: str) -> str:
    """Text without any white space (pdftotext breaks CJK lines anywhere)."""
    return re.sub(r"\s+", "", value)


def page_count(pdf_path: Path) -> int:
    """The number of pages, from pdfinfo."""
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf_path)), re.M)[1])
