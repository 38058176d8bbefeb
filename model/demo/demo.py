"""The demo city: Taiyuan's six urban districts, their sites and four months of inspections.

Everything is fictional but plausible, made through the same functions the
program uses, so the demo also exercises the audit log. Loading it twice adds
nothing: profiles are matched by staff number, sites by code, and the
inspections are made once (a marker in the settings holding the day they were
made for, written in the same transaction). ``model.demo.demo_months`` plans and
makes the inspections; the notices sent from them are issued afterwards by
``usecases.demo`` (issuing needs the PDF, which ``model`` never imports).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

from model import paths
from model.demo import demo_months
from model.notices import letterhead, notices
from model.people import authority, handwriting, keys, profiles
from model.people.profiles import Profile, Role
from model.progress import Progress
from model.sites import assignments, sites
from model.store import clock
from model.store.db import Store

DEMO_PASSWORD = "demo-pass"
MARKER_SETTING = "demo_inspections_loaded"
TODAY_PER_AUDITOR = 4
BEIJING = dt.timezone(dt.timedelta(hours=8))  # the demo city's days are Beijing days
DEMO_PROFILES = (
    ("王建国", "O01", Role.OFFICE, "太原市创建全国文明城市指挥部办公室"),
    ("李明", "A07", Role.AUDITOR, "太原市创城办督查一组"),
    ("张丽", "A08", Role.AUDITOR, "太原市创城办督查二组"),
)
DEMO_ISSUER = "太原市创建全国文明城市指挥部办公室"
DEMO_AUTHORITY = "太原市创城办证书中心"
DEMO_PREFIX = "并州"
DEMO_CLAUSES = ("请责任单位于整改时限内完成整改，并将整改情况连同整改后照片书面报送市创城办。",
                "逾期未整改或整改不到位的，将予以通报并纳入月度考核；情节严重的在曝光台曝光。")
DEMO_COPIES = "市创城指挥部、相关区创城办"


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`load` added."""

    profiles_created: int
    sites: sites.ImportSummary
    inspections_created: int


def load(store: Store, today: dt.date | None = None,
         progress: Progress | None = None) -> DemoSummary:
    """Load the demo city into ``store`` in one transaction; a second call adds nothing.

    Cancelling through ``progress`` rolls everything back.
    """
    today = today or dt.date.fromisoformat(clock.office_today())
    progress = progress or Progress()
    with store.atomic():
        demo_profiles, created = _profiles(store)
        office = demo_profiles[0]
        site_summary = sites.import_csv(
            store, paths.resources_dir() / "demo" / "taiyuan_sites.csv", office.id)
        made = 0
        if store.get_setting(MARKER_SETTING) is None:
            made = demo_months.run(store, demo_profiles[1:], sites.search(store), today,
                                   progress)
            _assignments(store, office, demo_profiles[1:], today)
            store.set_setting(MARKER_SETTING, today.isoformat())
        _office_setup(store, office)
        _signing(store, demo_profiles, today)
    return DemoSummary(created, site_summary, made)


def _office_setup(store: Store, office: Profile) -> None:
    """Letterhead and numbering, so a demo notice looks like Taiyuan's."""
    if store.get_setting(letterhead.SETTING) is None:
        letterhead.set_letterhead(store, letterhead.LetterheadSettings(
            issuer=DEMO_ISSUER, clauses=DEMO_CLAUSES, copies_to=DEMO_COPIES), office)
    if store.get_setting(notices.PREFIX_SETTING) is None:
        notices.set_numbering(store, notices.DEFAULT_PATTERN, DEMO_PREFIX, office)


def _signing(store: Store, demo_profiles: list[Profile], today: dt.date) -> None:
    """An office authority, a certificate and a drawn signature for every demo profile,
    so a new user can sign a notice at once (keys locked with :data:`DEMO_PASSWORD`).

    The authority and the certificates are made as of the demo's first month, so the
    demo's back-dated notices are signed while their certificates were valid."""
    office = demo_profiles[0]
    with clock.pinned(_demo_start(today)):
        _keys(store, demo_profiles, office)
    for profile in demo_profiles:
        if handwriting.signature_of(store, profile.id) is None:
            handwriting.set_signature(store, profile, _drawn_signature(profile.name))


def _demo_start(today: dt.date) -> dt.datetime:
    """Midnight, Beijing time, of the first day of the demo's first month."""
    first = today.replace(day=1)
    for _ in range(demo_months.MONTHS - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return dt.datetime.combine(first, dt.time(), BEIJING).astimezone(dt.UTC)


def _keys(store: Store, demo_profiles: list[Profile], office: Profile) -> None:
    if not any(a.has_key for a in authority.trusted_authorities(store)):
        authority.init_authority(store, DEMO_AUTHORITY, DEMO_PASSWORD, office)
    for profile in demo_profiles:
        if keys.credential_status(store, profile) != "installed":
            request = keys.request_key(store, profile, DEMO_PASSWORD)
            chain = authority.issue_certificate(store, request, "demo", DEMO_PASSWORD, office,
                                                role=profile.role.value)
            keys.install_certificate(store, profile, chain, "demo")


def _drawn_signature(name: str) -> bytes:
    """A handwriting-like scribble in dark blue on a transparent background (a PNG)."""
    rng = random.Random(name)
    image = Image.new("RGBA", (420, 150), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    x = 20.0
    for _glyph in name:
        points = [(x + rng.uniform(0, 70), 30 + rng.uniform(0, 90)) for _ in range(7)]
        draw.line(points, fill=(20, 40, 120, 255), width=5, joint="curve")
        x += 110
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _profiles(store: Store) -> tuple[list[Profile], int]:
    """Return the demo profiles, creating those that are missing."""
    found, created = [], 0
    for name, staff_no, role, organisation in DEMO_PROFILES:
        profile = profiles.find(store, staff_no)
        if profile is None:
            profile = profiles.create(store, name, staff_no, role, DEMO_PASSWORD, organisation)
            created += 1
        found.append(profile)
    return found, created


def _assignments(store: Store, office: Profile, auditors: list[Profile],
                 today: dt.date) -> None:
    """Give each auditor this month's share of sites, four of them planned for today.

    Today's sites are those being inspected now, then those still to do this
    month that were visited longest ago.
    """
    period = today.strftime("%Y-%m")
    standing = {row[0]: row[1:] for row in store.db.execute(
        "SELECT site_id, max(status = 'in_progress' AND month = ?),"
        " max(status = 'finished' AND month = ?),"
        " max(CASE WHEN status = 'finished' THEN started_at END) FROM inspection"
        " GROUP BY site_id", [period, period])}
    for index, auditor in enumerate(auditors):
        mine = [s for n, s in enumerate(sites.search(store)) if n % len(auditors) == index]
        mine.sort(key=lambda s: (*_order(standing.get(s.id)), s.code))
        for position, site in enumerate(mine):
            planned = today.isoformat() if position < TODAY_PER_AUDITOR else None
            assignments.assign(store, site.id, auditor.id, period, planned, office.id)


def _order(standing: tuple | None) -> tuple[int, str]:
    """Sort key of a site for today's plan: being inspected, then still to do this month
    (visited longest ago first), then done this month."""
    busy, done, last_finished = standing or (0, 0, None)
    return (0 if busy else 2 if done else 1), last_finished or ""


def photographed_before(store: Store, before: dt.datetime) -> list[tuple[str, str]]:
    """(id, month) of the finished inspections started before ``before`` that have evidence
    photos on a criterion, oldest first (the ones the demo sends notices for)."""
    return store.db.execute(
        "SELECT i.id, i.month FROM inspection i WHERE i.status = 'finished'"
        " AND i.started_at < ? AND EXISTS (SELECT 1 FROM photo p WHERE p.inspection_id = i.id"
        " AND p.criterion_code IS NOT NULL AND p.reinspection_id IS NULL)"
        " ORDER BY i.started_at, i.id", [before.astimezone(dt.UTC).isoformat()]).fetchall()
