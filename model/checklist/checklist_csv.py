"""Checklist editions to and from CSV, for offices that edit criteria in Excel.

Export writes a whole edition. Import lays the file's rows over a base edition
(the active one unless told otherwise): a row whose code exists replaces that
criterion, a new code adds a local criterion. The result is a new, derived
edition with its own hash; the base edition and the inspections pinned to it
are untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from model.checklist import checklist
from model.checklist.checklist import Criterion, Edition, SiteType
from model.errors import InputFileError
from model.store.csvio import Column, Row, read_rows, write_rows
from model.store.db import Store

COLUMNS = (
    Column("code", "编码"),
    Column("site_type", "点位类型编码"),
    Column("site_type_name", "点位类型", required=False),
    Column("category", "测评类别"),
    Column("text_zh", "测评内容"),
    Column("text_en", "英文说明", required=False),
    Column("method", "测评方法"),
    Column("severity", "重要程度"),
    Column("deadline", "整改时限", required=False),
)

METHOD_LABELS = {"observe": "实地观察", "ask": "询问测试", "document": "查阅资料"}
SEVERITY_LABELS = {"major": "重要", "minor": "一般"}
DEADLINE_LABELS = {"24h": "立行立改", "3wd": "3个工作日", "7d": "7天", "15d": "15天"}
DEFAULT_DEADLINE = {"major": "3wd", "minor": "7d"}
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")


def export_csv(store: Store, digest: str, path: Path) -> int:
    """Write an edition's criteria to ``path``; return the number of criteria written."""
    edition = checklist.load(store, digest)
    rows = (_export_row(edition, c) for c in edition.criteria)
    return write_rows(Path(path), COLUMNS, rows)


def _export_row(edition: Edition, c: Criterion) -> dict:
    return {
        "code": c.code,
        "site_type": c.site_type,
        "site_type_name": edition.site_type(c.site_type).name_zh,
        "category": edition.category(c.category).name_zh,
        "text_zh": c.text_zh,
        "text_en": c.text_en,
        "method": METHOD_LABELS[c.method],
        "severity": SEVERITY_LABELS[c.severity],
        "deadline": DEADLINE_LABELS[c.deadline],
    }


def import_csv(store: Store, path: Path, name: str, actor_id: str,
               base_hash: str | None = None) -> tuple[Edition, bool]:
    """Derive a new edition from ``path`` over the base; return it and whether it was new."""
    path = Path(path)
    base = checklist.load(store, base_hash or checklist.active_hash(store))
    rows = read_rows(path, COLUMNS)
    derived = derive(path, base, rows, name)
    created = checklist.install(store, derived, actor_id)
    return derived, created


@dataclass(frozen=True)
class PreviewLine:
    """One good row of a checklist file: its criterion and what it does to the base."""

    line: int
    criterion: Criterion
    change: str  # "created", "updated" or "unchanged" against the base edition


@dataclass(frozen=True)
class ChecklistPreview:
    """What :func:`import_csv` would make of a file over the base, nothing stored: every
    good row, and every bad one with its line and problem (the import stops at the first)."""

    lines: list[PreviewLine]
    problems: list[tuple[int | None, str]]

    @property
    def importable(self) -> bool:
        """True when the file has rows and no problem."""
        return bool(self.lines) and not self.problems


def preview_csv(store: Store, path: Path, base_hash: str | None = None) -> ChecklistPreview:
    """Read a checklist file as :func:`import_csv` would, collecting every problem."""
    path = Path(path)
    base = checklist.load(store, base_hash or checklist.active_hash(store))
    try:
        rows = read_rows(path, COLUMNS)
    except InputFileError as exc:
        return ChecklistPreview([], [(exc.line, exc.problem)])
    site_types = {t.code: t for t in base.site_types}
    seen: dict[str, int] = {}
    lines, problems = [], []
    for row in rows:
        try:
            criterion = _read_row(path, row, base, site_types, seen)
        except InputFileError as exc:
            problems.append((exc.line, exc.problem))
            continue
        old = base.criterion(criterion.code)
        change = "created" if old is None else "unchanged" if old == criterion else "updated"
        lines.append(PreviewLine(row.line, criterion, change))
    return ChecklistPreview(lines, problems)


def derive(path: Path, base: Edition, rows: list[Row], name: str) -> Edition:
    """Return the edition made by laying ``rows`` over ``base``, or raise naming the bad line."""
    site_types = {t.code: t for t in base.site_types}
    criteria = {c.code: c for c in base.criteria}
    seen: dict[str, int] = {}
    for row in rows:
        criterion = _read_row(path, row, base, site_types, seen)
        criteria[criterion.code] = criterion
    edition = Edition(
        name=name.strip() or path.stem,
        label=f"{base.label}+{path.stem}" if base.label else path.stem,
        categories=base.categories,
        site_types=tuple(site_types.values()),
        criteria=_ordered(criteria, site_types),
        parent_hash=base.content_hash,
        source="csv",
    )
    checklist.validate(edition)
    return edition


def _read_row(path: Path, row: Row, base: Edition, site_types: dict[str, SiteType],
              seen: dict[str, int]) -> Criterion:
    """One row's criterion, its new site type added to ``site_types``; raise naming the line
    (a code used twice, an unknown type, a bad value)."""
    code = row.get("code")
    if code in seen:
        raise InputFileError(path, f"code {code} was already used on line {seen[code]}",
                             row.line)
    seen[code] = row.line
    site_type = _site_type(path, row, site_types)
    site_types.setdefault(site_type.code, site_type)
    return _criterion(path, row, base)


def _ordered(criteria: dict[str, Criterion], site_types: dict[str, SiteType]) -> tuple:
    """Group criteria by site type in site-type order, keeping each group's order."""
    order = {code: i for i, code in enumerate(site_types)}
    return tuple(sorted(criteria.values(), key=lambda c: order[c.site_type]))


def _site_type(path: Path, row: Row, known: dict[str, SiteType]) -> SiteType:
    """Return the row's site type, a new one when the row names it, or raise."""
    code = row.get("site_type")
    if code in known:
        return known[code]
    name = row.get("site_type_name")
    if not name or not CODE_PATTERN.match(code):
        raise InputFileError(
            path, f"unknown site type '{code}'; use a code of the checklist or give the new "
                  "type's name in the 点位类型 column", row.line)
    return SiteType(code, name)


def _criterion(path: Path, row: Row, base: Edition) -> Criterion:
    """Build one criterion from a row, raising with the line and column on bad values."""
    code = row.get("code")
    if not CODE_PATTERN.match(code):
        raise InputFileError(path, f"code '{code}' must be 1–32 letters, digits, '-', '_' or '.'",
                             row.line)
    if not row.get("text_zh"):
        raise InputFileError(path, "the 测评内容 cell is empty", row.line)
    severity = _choice(path, row, "severity", SEVERITY_LABELS)
    deadline = (_choice(path, row, "deadline", DEADLINE_LABELS) if row.get("deadline")
                else DEFAULT_DEADLINE[severity])
    return Criterion(
        code=code,
        site_type=row.get("site_type"),
        category=_category(path, row, base),
        text_zh=row.get("text_zh"),
        text_en=row.get("text_en"),
        method=_choice(path, row, "method", METHOD_LABELS),
        severity=severity,
        deadline=deadline,
        basis=base.criterion(code).basis if base.criterion(code) else "local",
    )


def _choice(path: Path, row: Row, field: str, labels: dict[str, str]) -> str:
    """Accept an enum value by its code or its Chinese label."""
    value = row.get(field)
    for code, label in labels.items():
        if value.lower() == code or value == label:
            return code
    allowed = "、".join(labels.values())
    column = next(c.label for c in COLUMNS if c.field == field)
    raise InputFileError(path, f"'{value}' in column {column} is not one of {allowed}", row.line)


def _category(path: Path, row: Row, base: Edition) -> str:
    """Accept a category by code or Chinese name."""
    value = row.get("category")
    for category in base.categories:
        if value in (category.code, category.name_zh):
            return category.code
    raise InputFileError(path, f"unknown category '{value}' (测评类别 must be one of the "
                               "checklist's categories)", row.line)


