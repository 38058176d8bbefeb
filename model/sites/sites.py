"""Inspection sites (点位): where they are and which unit answers for them.

Sites come and go by CSV (the office's site list, edited in Excel). A site is
identified across files by its code (点位编号); importing the same file twice
changes nothing. When a site's district or unit changes, the copies of those
keys on its results are updated in the same transaction, so roll-ups follow
the site.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from model.checklist import checklist
from model.errors import InputFileError, NotFoundError
from model.store import audit, clock
from model.store.csvio import Column, Row, read_rows, write_rows
from model.store.db import Store
from model.store.ids import new_id

COLUMNS = (
    Column("code", "点位编号"),
    Column("name", "点位名称"),
    Column("site_type", "点位类型"),
    Column("district", "区县"),
    Column("sub_district", "街道"),
    Column("address", "地址", required=False),
    Column("unit_name", "责任单位"),
    Column("unit_person", "负责人", required=False),
    Column("unit_phone", "联系电话", required=False),
    Column("lat", "纬度", required=False),
    Column("lon", "经度", required=False),
)
REQUIRED = tuple(c.field for c in COLUMNS if c.required)
EDITABLE = tuple(c.field for c in COLUMNS if c.field != "code")
# Where a site is and who answers for it follow the site onto its results; the site
# type does not: an inspection keeps the type (and checklist part) it was made for.
KEYS_ON_RESULTS = ("district", "sub_district", "unit_name")


@dataclass(frozen=True)
class Site:
    """A place that is inspected, with its responsible unit (责任单位)."""

    id: str
    code: str
    name: str
    site_type: str
    district: str
    sub_district: str
    address: str
    unit_name: str
    unit_person: str
    unit_phone: str
    lat: float | None
    lon: float | None

    def fields(self) -> dict:
        """Return the editable fields (everything but the id) as a dict."""
        values = dataclasses.asdict(self)
        values.pop("id")
        return values


@dataclass(frozen=True)
class ImportSummary:
    """What a site import did."""

    created: int
    updated: int
    unchanged: int


def import_csv(store: Store, path: Path, actor_id: str) -> ImportSummary:
    """Create or update sites from a CSV file; all rows or none are stored."""
    path = Path(path)
    site_types = checklist.known_site_types(store)
    parsed = _parse_all(path, read_rows(path, COLUMNS), site_types)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with store.atomic() as db:
        for values in parsed:
            counts[_upsert(store, db, values, actor_id)] += 1
    return ImportSummary(**counts)


@dataclass(frozen=True)
class PreviewLine:
    """One good row of a site file: the site as it would be stored, and what would change."""

    line: int
    values: dict
    change: str  # "created", "updated" or "unchanged"


@dataclass(frozen=True)
class ImportPreview:
    """What :func:`import_csv` would do with a file, nothing stored: every good row, and
    every bad one with its line and problem (the import itself stops at the first)."""

    lines: list[PreviewLine]
    problems: list[tuple[int | None, str]]

    @property
    def importable(self) -> bool:
        """True when the file has rows and no problem: the import would store them all."""
        return bool(self.lines) and not self.problems


def preview_csv(store: Store, path: Path) -> ImportPreview:
    """Read a site file as :func:`import_csv` would, collecting every problem."""
    path = Path(path)
    try:
        rows = read_rows(path, COLUMNS)
    except InputFileError as exc:
        return ImportPreview([], [(exc.line, exc.problem)])
    site_types = checklist.known_site_types(store)
    seen: dict[str, int] = {}
    lines, problems = [], []
    for row in rows:
        try:
            values = _parse_row(path, row, site_types)
        except InputFileError as exc:
            problems.append((exc.line, exc.problem))
            continue
        if values["code"] in seen:
            problems.append((row.line, f"site code {values['code']} was already used on line "
                                       f"{seen[values['code']]}"))
            continue
        seen[values["code"]] = row.line
        existing = find_by_code(store, values["code"])
        change = ("created" if existing is None else
                  "unchanged" if existing.fields() == values else "updated")
        lines.append(PreviewLine(row.line, values, change))
    return ImportPreview(lines, problems)


def _parse_all(path: Path, rows: list[Row], site_types: dict) -> list[dict]:
    """Validate every row before anything is written, refusing duplicate codes."""
    seen: dict[str, int] = {}
    parsed = []
    for row in rows:
        values = _parse_row(path, row, site_types)
        if values["code"] in seen:
            raise InputFileError(path, f"site code {values['code']} was already used on line "
                                       f"{seen[values['code']]}", row.line)
        seen[values["code"]] = row.line
        parsed.append(values)
    return parsed


def _parse_row(path: Path, row: Row, site_types: dict) -> dict:
    """Return one row's site fields, or raise naming the line and the problem."""
    values = {c.field: row.get(c.field) for c in COLUMNS}
    for field in REQUIRED:
        if not values[field]:
            label = next(c.label for c in COLUMNS if c.field == field)
            raise InputFileError(path, f"the required cell {label} is empty", row.line)
    values["site_type"] = _site_type_code(path, row.line, values["site_type"], site_types)
    values["lat"], values["lon"] = _gps(path, row.line, values["lat"], values["lon"])
    return values


def _site_type_code(path: Path, line: int, value: str, site_types: dict) -> str:
    """Accept a site type by code or by Chinese name."""
    if value in site_types:
        return value
    for code, site_type in site_types.items():
        if site_type.name_zh == value:
            return code
    raise InputFileError(path, f"unknown site type '{value}'; use a code such as ZCGD or a "
                               "name from the checklist", line)


def _gps(path: Path, line: int, lat: str, lon: str) -> tuple[float | None, float | None]:
    """Parse optional WGS84 coordinates: both or neither, in range."""
    if not lat and not lon:
        return None, None
    try:
        lat_value, lon_value = float(lat), float(lon)
    except ValueError:
        raise InputFileError(path, f"GPS '{lat}, {lon}' is not a pair of decimal numbers "
                                   "(纬度 and 经度 in degrees, e.g. 37.8570, 112.5490)",
                             line) from None
    if not (-90 <= lat_value <= 90 and -180 <= lon_value <= 180):
        raise InputFileError(path, f"GPS {lat_value}, {lon_value} is out of range (纬度 −90…90, "
                                   "经度 −180…180); check that the columns are not swapped", line)
    return lat_value, lon_value


def _upsert(store: Store, db, values: dict, actor_id: str) -> str:
    """Insert or update one site; return 'created', 'updated' or 'unchanged'."""
    existing = find_by_code(store, values["code"])
    now = clock.now_iso()
    if existing is None:
        site_id = new_id()
        db["site"].insert({"id": site_id, **values, "created_at": now, "updated_at": now})
        audit.append(db, actor_id, "site.create", "site", site_id, {"new": values})
        return "created"
    old = existing.fields()
    if old == values:
        return "unchanged"
    changed = {k: values[k] for k in EDITABLE if old[k] != values[k]}
    db["site"].update(existing.id, {**changed, "updated_at": now})
    update_result_keys(db, existing.id, changed)
    audit.append(db, actor_id, "site.update", "site", existing.id,
                 {"old": {k: old[k] for k in changed}, "new": changed})
    return "updated"


def update_result_keys(db, site_id: str, changed: dict) -> None:
    """Copy changed grouping keys (any of ``changed`` in KEYS_ON_RESULTS) onto the site's
    results; the tally triggers move their counts."""
    keys = {k: v for k, v in changed.items() if k in KEYS_ON_RESULTS}
    if not keys:
        return
    assignments = ", ".join(f"{k} = ?" for k in keys)
    db.execute(
        f"UPDATE result SET {assignments} WHERE inspection_id IN "
        "(SELECT id FROM inspection WHERE site_id = ?)",
        [*keys.values(), site_id],
    )


def export_csv(store: Store, path: Path) -> int:
    """Write every site to ``path``; return how many were written."""
    return write_rows(Path(path), COLUMNS, (s.fields() for s in search(store)))


def find_by_code(store: Store, code: str) -> Site | None:
    """Return the site with a code, or None."""
    rows = list(store.db.query("SELECT * FROM site WHERE code = ?", [code]))
    return _from_row(rows[0]) if rows else None


def get(store: Store, site_id: str) -> Site:
    """Return a site by id or by code."""
    rows = list(store.db.query("SELECT * FROM site WHERE id = ? OR code = ?", [site_id, site_id]))
    if not rows:
        raise NotFoundError(f"No site with id or code '{site_id}'.")
    return _from_row(rows[0])


def search(store: Store, text: str = "", district: str = "", site_type: str = "") -> list[Site]:
    """Return sites matching all given filters; ``text`` searches name, code and address."""
    clauses, params = [], []
    if text:
        clauses.append("(name LIKE ? OR code LIKE ? OR address LIKE ?)")
        params += [f"%{text}%"] * 3
    if district:
        clauses.append("district = ?")
        params.append(district)
    if site_type:
        clauses.append("site_type = ?")
        params.append(site_type)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = store.db.query(f"SELECT * FROM site{where} ORDER BY district, sub_district, code",
                          params)
    return [_from_row(row) for row in rows]


def _from_row(row: dict) -> Site:
    return Site(**{f: row[f] for f in Site.__dataclass_fields__})
