"""Broken and hostile CSV files for the site list and checklist importers (office, O01)."""

from __future__ import annotations

import random

from tests.corpus.case import Spec, static
from tests.helpers import SITE_HEADER, site_line

CHECKLIST_HEADER = ("编码,点位类型编码,点位类型,测评类别,测评内容,英文说明,测评方法,重要程度,"
                    "整改时限")
CHECKLIST_ROW = "X-1,ZCGD,,C08,路面无垃圾,,实地观察,一般,"
# Cells a spreadsheet would run as a formula; stored as text, written back neutralised.
FORMULAS = ("=CMD()", "+SUM(1,2)", "@x", "-1+1")
GOOD = site_line("C-1")


def specs() -> list[Spec]:
    """The CSV cases."""
    return _site_specs() + _checklist_specs()


def lines(*rows: str) -> bytes:
    """CSV rows as UTF-8 bytes, one a line."""
    return ("\n".join(rows) + "\n").encode("utf-8")


def _sites(name: str, produce, reasons: tuple[str, ...], describe: str, **flags) -> Spec:
    return Spec(name, "sites", describe, reasons, static(produce), **flags)


def _site_specs() -> list[Spec]:
    header_and_good = SITE_HEADER + "\n" + GOOD + "\n"
    return [
        _sites("sites-gbk.csv", lambda: header_and_good.encode("gbk"), ("not UTF-8", "line 1"),
               "saved by Excel as ANSI (GBK)"),
        _sites("sites-utf16.csv", lambda: header_and_good.encode("utf-16"),
               ("not UTF-8", "line 1"), "saved as UTF-16 with its BOM"),
        _sites("sites-utf16-nobom.csv", lambda: "code,name\nC-1,x\n".encode("utf-16-le"),
               ("NUL", "UTF-16"), "UTF-16 without a BOM: NULs between ASCII letters"),
        _sites("sites-garbage.csv", lambda: random.Random(8).randbytes(4096), ("not UTF-8",),
               "4 KB of random bytes"),
        _sites("sites-bom-only.csv", lambda: b"\xef\xbb\xbf", ("empty",),
               "a UTF-8 BOM and nothing else"),
        _sites("sites-empty.csv", lambda: b"", ("empty",), "zero bytes"),
        _sites("sites-header-only.csv", lambda: lines(SITE_HEADER), ("no data rows",),
               "the header alone"),
        _sites("sites-missing-column.csv",
               lambda: lines(SITE_HEADER.replace(",责任单位", ""), GOOD),
               ("required column", "责任单位"), "no 责任单位 column"),
        _sites("sites-unknown-column.csv", lambda: lines(SITE_HEADER + ",备注", GOOD + ",x"),
               ("unknown column", "备注"), "an extra, unknown column"),
        _sites("sites-column-twice.csv",
               lambda: lines(SITE_HEADER.replace("区县", "点位名称"), GOOD),
               ("appears twice",), "a column given twice"),
        _sites("sites-semicolons.csv",
               lambda: lines(SITE_HEADER.replace(",", ";"), GOOD.replace(",", ";")),
               ("unknown column",), "semicolon-separated (European Excel)"),
        _sites("sites-extra-cells.csv", lambda: lines(SITE_HEADER, GOOD + ",多余,cells"),
               ("cells", "line 2"), "a row longer than the header"),
        _sites("sites-duplicate-code.csv", lambda: lines(SITE_HEADER, GOOD, site_line("C-2"), GOOD),
               ("already used on line 2", "line 4"), "a code twice"),
        _sites("sites-huge-field.csv",
               lambda: lines(SITE_HEADER, site_line("C-1", name="巡" * 700_000)),
               ("longer than", "line 2"), "a 2 MB cell"),
        _sites("sites-50000-bad-lines.csv",
               lambda: lines(SITE_HEADER, *(site_line(f"C-{n}", site_type="NOPE")
                                            for n in range(50_000))),
               ("unknown site type", "line 2"), "50,000 rows, each with an unknown site type"),
        _sites("sites-nul.csv", lambda: lines(SITE_HEADER, site_line("C-1", name="测试\x00点位")),
               ("NUL", "line 2"), "a NUL byte inside a cell"),
        _sites("sites-unbalanced-quote.csv",
               lambda: lines(SITE_HEADER, site_line("C-1", name='"测试点位'), site_line("C-2")),
               ("never closed", "line 2"), "a quote opened in a cell and never closed"),
        _sites("sites-unclosed-quote-phone.csv",
               lambda: lines(SITE_HEADER, GOOD.replace("13900000000", '"13900000000'),
                             site_line("C-2"), site_line("C-3")),
               ("never closed", "line 2"), "a quote opened in the phone cell and never closed "
               "(the next rows ran into it and were silently lost)"),
        _sites("sites-gps-text.csv",
               lambda: lines(SITE_HEADER, site_line("C-1", gps="北纬37,东经112")),
               ("GPS", "line 2"), "GPS cells that are not numbers"),
        _sites("sites-gps-range.csv",
               lambda: lines(SITE_HEADER, site_line("C-1", gps="137.8,412.5")),
               ("out of range", "line 2"), "GPS outside the globe"),
        _sites("sites-gps-nan.csv", lambda: lines(SITE_HEADER, site_line("C-1", gps="nan,inf")),
               ("GPS", "line 2"), "GPS of nan and inf"),
        _sites("sites-unknown-type.csv",
               lambda: lines(SITE_HEADER, site_line("C-1", site_type="火星基地")),
               ("unknown site type", "line 2"), "a site type no checklist has"),
        _sites("sites-formula-type.csv",
               lambda: lines(SITE_HEADER, site_line("C-1", site_type="=CMD()")),
               ("unknown site type", "line 2"), "a formula as the site type"),
        _sites("sites-empty-required.csv", lambda: lines(SITE_HEADER, site_line("C-1", unit="  ")),
               ("required cell", "责任单位"), "a required cell of spaces"),
        _sites("sites-formulas.csv",
               lambda: lines(SITE_HEADER, *(site_line(f"F-{n}", name=f'"{f}"', unit=f'"{f}"')
                                            for n, f in enumerate(FORMULAS))),
               ("4 created",), "cells =CMD(), +SUM(1,2), @x, -1+1 as names and units (taken as "
               "text; every export neutralises them)", accepted=True, changes_store=True),
    ]


def _checklist(name: str, produce, reasons: tuple[str, ...], describe: str, **flags) -> Spec:
    return Spec(name, "checklist", describe, reasons, static(produce), **flags)


def _checklist_specs() -> list[Spec]:
    row = CHECKLIST_ROW
    return [
        _checklist("checklist-gbk.csv", lambda: (CHECKLIST_HEADER + "\n" + row + "\n")
                   .encode("gbk"), ("not UTF-8",), "saved as GBK"),
        _checklist("checklist-bad-method.csv",
                   lambda: lines(CHECKLIST_HEADER, row.replace("实地观察", "看一看")),
                   ("测评方法", "line 2"), "a method that is not one of the three"),
        _checklist("checklist-bad-category.csv",
                   lambda: lines(CHECKLIST_HEADER, row.replace("C08", "C99")),
                   ("unknown category", "line 2"), "an unknown category"),
        _checklist("checklist-formula-code.csv",
                   lambda: lines(CHECKLIST_HEADER, row.replace("X-1", "=1+1")),
                   ("code", "line 2"), "a formula as the criterion code"),
        _checklist("checklist-duplicate-code.csv", lambda: lines(CHECKLIST_HEADER, row, row),
                   ("already used on line 2",), "a code twice"),
        _checklist("checklist-huge-field.csv",
                   lambda: lines(CHECKLIST_HEADER, row.replace("路面无垃圾", "垃" * 700_000)),
                   ("longer than",), "a 2 MB cell"),
        _checklist("checklist-header-only.csv", lambda: lines(CHECKLIST_HEADER),
                   ("no data rows",), "the header alone"),
        _checklist("checklist-formulas.csv",
                   lambda: lines(CHECKLIST_HEADER, row.replace("路面无垃圾", '=HYPERLINK("x")')),
                   ("New edition",), "a formula as the criterion text (taken as text; the "
                   "export neutralises it)", accepted=True, changes_store=True),
    ]
