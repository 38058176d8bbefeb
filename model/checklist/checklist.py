"""Checklist editions: site types, categories and criteria as versioned data.

An edition is identified by the sha256 of its content, so two machines that
load the same checklist agree on its identity, and an inspection that stores
the hash keeps being scored against exactly the criteria it was started with.
The shipped edition lives in ``resources/checklists/``; offices derive local
editions from CSV files (:mod:`model.checklist.checklist_csv`).
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field

from model import paths
from model.errors import InputFileError, NotFoundError, ValidationError
from model.store import audit, clock
from model.store.db import Store
from model.store.ids import new_id

FORMAT = "civicaudit-checklist/1"
METHODS = ("observe", "ask", "document")
SEVERITIES = ("major", "minor")
DEADLINES = ("24h", "3wd", "7d", "15d")
ACTIVE_SETTING = "active_edition"


@dataclass(frozen=True)
class Category:
    """An environment or indicator group of the manual (e.g. 和谐宜居的生活环境)."""

    code: str
    name_zh: str
    name_en: str = ""
    group: str = ""


@dataclass(frozen=True)
class SiteType:
    """A kind of inspection site (点位类型), e.g. ZCGD 主次干道、商业大街."""

    code: str
    name_zh: str
    name_en: str = ""
    responsible_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Criterion:
    """One check item of a site type, with how it is checked and its default deadline."""

    code: str
    site_type: str
    category: str
    text_zh: str
    text_en: str
    method: str
    severity: str
    deadline: str
    basis: str = ""


@dataclass(frozen=True)
class Edition:
    """A complete checklist: its identity is :attr:`content_hash`, not its name."""

    name: str
    categories: tuple[Category, ...]
    site_types: tuple[SiteType, ...]
    criteria: tuple[Criterion, ...]
    label: str = ""
    parent_hash: str | None = None
    source: str = "shipped"
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    @functools.cached_property
    def content_hash(self) -> str:
        """sha256 of the canonical JSON of categories, site types and criteria, in order."""
        content = {
            "categories": [asdict(c) for c in self.categories],
            "site_types": [asdict(s) for s in self.site_types],
            "criteria": [asdict(c) for c in self.criteria],
        }
        text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def criteria_for(self, site_type: str) -> list[Criterion]:
        """Return the criteria of one site type, in checklist order."""
        return [c for c in self.criteria if c.site_type == site_type]

    def criterion(self, code: str) -> Criterion | None:
        """Return a criterion by code, or None."""
        return self._lookup("criteria", self.criteria).get(code)

    def site_type(self, code: str) -> SiteType | None:
        """Return a site type by code, or None."""
        return self._lookup("site_types", self.site_types).get(code)

    def category(self, code: str) -> Category | None:
        """Return a category by code, or None."""
        return self._lookup("categories", self.categories).get(code)

    def _lookup(self, name: str, items) -> dict:
        if name not in self._index:
            self._index[name] = {item.code: item for item in items}
        return self._index[name]


@dataclass(frozen=True)
class EditionSummary:
    """What lists of editions show."""

    content_hash: str
    name: str
    label: str
    source: str
    parent_hash: str | None
    loaded_at: str
    site_types: int
    criteria: int
    active: bool


def validate(edition: Edition) -> None:
    """Raise :class:`ValidationError` when an edition is not internally consistent."""
    type_codes = _unique_codes(edition.site_types, "site type")
    category_codes = _unique_codes(edition.categories, "category")
    _unique_codes(edition.criteria, "criterion")
    for c in edition.criteria:
        problem = _criterion_problem(c, type_codes, category_codes)
        if problem:
            raise ValidationError(f"Criterion {c.code}: {problem}.")


def _unique_codes(items, what: str) -> set[str]:
    codes: set[str] = set()
    for item in items:
        if item.code in codes:
            raise ValidationError(f"The {what} code {item.code} appears twice.")
        codes.add(item.code)
    return codes


def _criterion_problem(c: Criterion, type_codes: set, category_codes: set) -> str | None:
    """Return what is wrong with one criterion, or None."""
    checks = [
        (c.site_type in type_codes, f"unknown site type {c.site_type}"),
        (c.category in category_codes, f"unknown category {c.category}"),
        (c.method in METHODS, f"method must be one of {', '.join(METHODS)}"),
        (c.severity in SEVERITIES, f"severity must be one of {', '.join(SEVERITIES)}"),
        (c.deadline in DEADLINES, f"deadline must be one of {', '.join(DEADLINES)}"),
        (bool(c.text_zh.strip()), "the Chinese text is empty"),
    ]
    return next((message for ok, message in checks if not ok), None)


def from_json(data: dict, source: str = "shipped") -> Edition:
    """Build an edition from the ``civicaudit-checklist/1`` JSON structure."""
    if data.get("format") != FORMAT:
        raise ValidationError(f"Not a CivicAudit checklist (format {data.get('format')!r}).")
    edition = Edition(
        name=data["name"],
        label=data.get("edition", ""),
        categories=tuple(Category(c["code"], c["name_zh"], c.get("name_en", ""), c.get("group", ""))
                         for c in data["categories"]),
        site_types=tuple(SiteType(s["code"], s["name_zh"], s.get("name_en", ""),
                                  tuple(s.get("responsible_units_zh", ())))
                         for s in data["site_types"]),
        criteria=tuple(Criterion(**{k: c.get(k, "") for k in Criterion.__dataclass_fields__})
                       for c in data["criteria"]),
        parent_hash=data.get("parent_hash"),
        source=source,
    )
    validate(edition)
    return edition


def to_json(edition: Edition) -> dict:
    """The ``civicaudit-checklist/1`` structure of an edition (``from_json`` reads it back
    with the same content hash); how editions travel in sync bundles."""
    return {
        "format": FORMAT, "name": edition.name, "edition": edition.label,
        "parent_hash": edition.parent_hash,
        "categories": [{"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en,
                        "group": c.group} for c in edition.categories],
        "site_types": [{"code": s.code, "name_zh": s.name_zh, "name_en": s.name_en,
                        "responsible_units_zh": list(s.responsible_units)}
                       for s in edition.site_types],
        "criteria": [asdict(c) for c in edition.criteria],
    }


def shipped_editions() -> list[Edition]:
    """Return the editions shipped in ``resources/checklists/``."""
    editions = []
    for path in sorted((paths.resources_dir() / "checklists").glob("*.json")):
        try:
            editions.append(from_json(json.loads(path.read_text("utf-8"))))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputFileError(path, f"the shipped checklist is damaged ({exc})") from exc
    return editions


def ensure_shipped(store: Store) -> None:
    """Install shipped editions missing from the store; activate one if none is active."""
    for edition in shipped_editions():
        install(store, edition, actor_id=None)


def install(store: Store, edition: Edition, actor_id: str | None) -> bool:
    """Store an edition unless one with the same hash exists; return True when it was new."""
    digest = edition.content_hash
    if _exists(store, digest):
        return False
    with store.atomic() as db:
        db.execute(
            "INSERT INTO checklist_edition (id, content_hash, name, label, parent_hash, source,"
            " loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [new_id(), digest, edition.name, edition.label, edition.parent_hash,
             edition.source, clock.now_iso()],
        )
        _insert_content(db, digest, edition)
        audit.append(db, actor_id, "checklist.install", "checklist_edition", digest,
                     {"new": {"name": edition.name, "criteria": len(edition.criteria)}})
        if store.get_setting(ACTIVE_SETTING) is None or edition.source != "shipped":
            _set_active(db, digest)
    return True


def _insert_content(db, digest: str, edition: Edition) -> None:
    """Insert categories, site types and criteria rows of one edition."""
    db["checklist_category"].insert_all(
        {"edition_hash": digest, "code": c.code, "name_zh": c.name_zh, "name_en": c.name_en,
         "grp": c.group, "position": i} for i, c in enumerate(edition.categories))
    db["checklist_site_type"].insert_all(
        {"edition_hash": digest, "code": s.code, "name_zh": s.name_zh, "name_en": s.name_en,
         "responsible_units": json.dumps(list(s.responsible_units), ensure_ascii=False),
         "position": i} for i, s in enumerate(edition.site_types))
    db["criterion"].insert_all(
        {**asdict(c), "edition_hash": digest, "position": i}
        for i, c in enumerate(edition.criteria))


def _set_active(db, digest: str) -> None:
    db.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [ACTIVE_SETTING, digest],
    )


def _exists(store: Store, digest: str) -> bool:
    return store.db.execute(
        "SELECT 1 FROM checklist_edition WHERE content_hash = ?", [digest]
    ).fetchone() is not None


def resolve_hash(store: Store, prefix: str) -> str:
    """Return the full hash of the one edition whose hash starts with ``prefix`` (6+ hex digits)."""
    prefix = prefix.strip().lower()
    rows = store.db.execute(
        "SELECT content_hash FROM checklist_edition WHERE content_hash LIKE ?", [prefix + "%"]
    ).fetchall() if len(prefix) >= 6 else []
    if len(rows) != 1:
        raise NotFoundError(f"No single checklist edition matches '{prefix}'. "
                            "Use 'checklist list' to see the hashes.")
    return rows[0][0]


def active_hash(store: Store) -> str:
    """Return the hash of the edition new inspections use."""
    digest = store.get_setting(ACTIVE_SETTING)
    if digest is None:
        raise NotFoundError("No checklist edition is loaded.")
    return digest


def set_active(store: Store, digest: str, actor_id: str | None) -> None:
    """Make an edition the one new inspections use (inspections already started keep theirs)."""
    if not _exists(store, digest):
        raise NotFoundError(f"No checklist edition {digest[:12]}.")
    with store.atomic() as db:
        old = store.get_setting(ACTIVE_SETTING)
        _set_active(db, digest)
        audit.append(db, actor_id, "checklist.activate", "checklist_edition", digest,
                     {"old": old, "new": digest})


def load(store: Store, digest: str) -> Edition:
    """Return a stored edition by hash (editions never change, so this is cached)."""
    cached = _EDITION_CACHE.get((str(store.path), digest))
    if cached is not None:
        return cached
    meta = store.db.execute(
        "SELECT name, label, parent_hash, source FROM checklist_edition WHERE content_hash = ?",
        [digest]).fetchone()
    if meta is None:
        raise NotFoundError(f"No checklist edition {digest[:12]}.")
    edition = Edition(
        name=meta[0], label=meta[1], parent_hash=meta[2], source=meta[3],
        categories=tuple(Category(r["code"], r["name_zh"], r["name_en"], r["grp"])
                         for r in _rows(store, "checklist_category", digest)),
        site_types=tuple(SiteType(r["code"], r["name_zh"], r["name_en"],
                                  tuple(json.loads(r["responsible_units"])))
                         for r in _rows(store, "checklist_site_type", digest)),
        criteria=tuple(Criterion(**{k: r[k] for k in Criterion.__dataclass_fields__})
                       for r in _rows(store, "criterion", digest)),
    )
    _EDITION_CACHE[(str(store.path), digest)] = edition
    return edition


_EDITION_CACHE: dict[tuple[str, str], Edition] = {}


def _rows(store: Store, table: str, digest: str) -> list[dict]:
    return list(store.db.query(
        f"SELECT * FROM {table} WHERE edition_hash = ? ORDER BY position", [digest]))


def summaries(store: Store) -> list[EditionSummary]:
    """Return every stored edition, oldest first, with counts and which one is active."""
    active = store.get_setting(ACTIVE_SETTING)
    rows = store.db.query(
        "SELECT e.*, (SELECT count(*) FROM checklist_site_type t WHERE t.edition_hash ="
        " e.content_hash) AS n_types, (SELECT count(*) FROM criterion c WHERE c.edition_hash ="
        " e.content_hash) AS n_criteria FROM checklist_edition e ORDER BY e.id")
    return [EditionSummary(r["content_hash"], r["name"], r["label"], r["source"],
                           r["parent_hash"], r["loaded_at"], r["n_types"], r["n_criteria"],
                           r["content_hash"] == active) for r in rows]


def edition_for_site_type(store: Store, site_type: str) -> str:
    """Return the hash of the edition a new inspection of ``site_type`` uses.

    The active edition when it has the site type, else the newest edition that does.
    """
    active = active_hash(store)
    if load(store, active).site_type(site_type) is not None:
        return active
    row = store.db.execute(
        "SELECT e.content_hash FROM checklist_edition e JOIN checklist_site_type t"
        " ON t.edition_hash = e.content_hash WHERE t.code = ? ORDER BY e.id DESC LIMIT 1",
        [site_type]).fetchone()
    if row is None:
        raise NotFoundError(f"No checklist edition has the site type {site_type}. "
                            "Import a checklist that covers it.")
    return row[0]


def known_site_types(store: Store) -> dict[str, SiteType]:
    """Return every site type of every stored edition by code (the active edition wins)."""
    found: dict[str, SiteType] = {}
    active = store.get_setting(ACTIVE_SETTING)
    hashes = [s.content_hash for s in summaries(store)]
    for digest in sorted(hashes, key=lambda h: h == active):
        found.update({t.code: t for t in load(store, digest).site_types})
    return found
