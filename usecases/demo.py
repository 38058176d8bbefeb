"""The demo city: loading it, then its notices issued and followed up, back-dated.

``model.demo.demo`` makes four months of inspections and photographs the failures of
those the office sent a notice for; issuing needs the PDF and the signature, which
``model`` never imports, so this module does the rest, through the same
notice desk the program uses. For each photographed inspection, oldest
first, its auditor issues a notice listing the photographed failures, a little
after finishing it, and the notice then goes the way its month's :data:`STORIES`
say: signed for, replied, re-inspected (fixed: closed, 销号; partly fixed: still
open), escalated to a bulletin (通报) or the exposure list (曝光台), or left
unanswered. Every step is dated when it happened; steps that would fall after
the morning of the day the demo was made for are left out, so the notices of the
current month are still being followed. Several deadlines have passed: those
notices are overdue.

Loading again adds nothing: an inspection that has a notice is skipped, so a load
cancelled between two notices (through ``progress``) is finished by loading again. The
CLI ``demo`` command and the GUI's demo task call :meth:`DemoDesk.load`, then
:meth:`DemoDesk.issue_notices`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from model.demo import demo, demo_photos
from model.inspections import evidence, inspections
from model.notices import followup, notices
from model.notices.notices import Notice, NoticeStatus
from model.office import periods
from model.people import profiles
from model.people.profiles import Profile
from model.progress import Progress
from model.store import clock
from usecases.desk import Desk, Session
from usecases.notices import NoticeDesk


@dataclass(frozen=True)
class Story:
    """How one demo notice went: its deadline preset and the steps after it was issued."""

    preset: str
    steps: tuple[tuple[str, float], ...] = ()  # (step, days after issue)


CLOSED = Story("7d", (("received", 0.1), ("replied", 5), ("fixed", 6)))
QUICK_FIX = Story("24h", (("received", 0.05), ("fixed", 1)))
CLOSED_LATE = Story("3wd", (("received", 0.2), ("bulletin", 8), ("replied", 10), ("fixed", 12)))
PARTLY = Story("7d", (("received", 0.1), ("replied", 6), ("partly", 8)))
EXPOSED = Story("3wd", (("received", 0.3), ("exposure", 9)))
IGNORED = Story("24h")
RECEIVED = Story("7d", (("received", 0.2),))
REPLIED = Story("15d", (("received", 0.1), ("replied", 4)))
ISSUED = Story("7d")
# Months ago → the stories of that month's notices, in the order they were issued (cycled).
STORIES = {3: (CLOSED, EXPOSED, CLOSED, CLOSED_LATE, CLOSED),
           2: (CLOSED, PARTLY, IGNORED, CLOSED_LATE, EXPOSED),
           1: (CLOSED, IGNORED, PARTLY, RECEIVED, REPLIED),
           0: (REPLIED, RECEIVED, ISSUED, QUICK_FIX, ISSUED)}
NOTES = {"received": "责任单位已签收", "replied": "责任单位书面回复：已按要求整改，附整改后照片",
         "fixed": "复查已整改到位，予以销号", "partly": "部分问题已整改，仍有遗留，限期继续整改"}
ISSUED_AFTER = dt.timedelta(minutes=20)  # after finishing the inspection
CUTOFF_HOUR = 8  # Beijing time, on the day the demo was made for


class DemoDesk(Desk):
    """The demo city: profiles, sites, four months of inspections, then their notices."""

    def load(self, progress: Progress | None = None) -> demo.DemoSummary:
        """Load the demo city (profiles, sites, four months of inspections); again adds
        nothing. Its notices are issued afterwards by :meth:`issue_notices`."""
        return demo.load(self.store, progress=progress)

    def issue_notices(self, progress: Progress | None = None) -> int:
        """Issue and follow up the demo's notices not issued yet; return how many."""
        return load(self.session, progress)


def load(services: Session, progress: Progress | None = None) -> int:
    """Issue and follow up the demo's notices not issued yet; return how many were issued."""
    made_for = services.store.get_setting(demo.MARKER_SETTING)
    if made_for is None:
        return 0
    today = dt.date.fromisoformat(made_for)
    cutoff = min(clock.now(), dt.datetime(today.year, today.month, today.day, CUTOFF_HOUR,
                                          tzinfo=demo.BEIJING))
    progress = progress or Progress()
    waiting = _photographed(services, today, cutoff)
    progress.start(len(waiting))
    office = profiles.find(services.store, demo.DEMO_PROFILES[0][1])
    for inspection, story in waiting:
        _tell(services, inspection, story, office, cutoff)
        progress.advance()
    return len(waiting)


def _photographed(services: Session, today: dt.date, cutoff: dt.datetime
                  ) -> list[tuple[inspections.Inspection, Story]]:
    """The demo's finished, photographed inspections without a notice, oldest first, with the
    story of each (by its month and its place among that month's photographed inspections).

    The demo's are those started before the day it was made for: an inspection someone
    made afterwards in the demo city is left to them.
    """
    day_start = dt.datetime(today.year, today.month, today.day, tzinfo=demo.BEIJING)
    rows = demo.photographed_before(services.store, day_start)
    current, seen, found = today.strftime("%Y-%m"), {}, []
    for inspection_id, month in rows:
        months_ago = periods.month_span(month, current) - 1
        place = seen[month] = seen.get(month, -1) + 1
        inspection = inspections.get(services.store, inspection_id)
        stories = STORIES.get(months_ago)
        if (stories is None or notices.for_inspection(services.store, inspection_id)
                or _issue_time(inspection) > cutoff):
            continue
        found.append((inspection, stories[place % len(stories)]))
    return found


def _issue_time(inspection: inspections.Inspection) -> dt.datetime:
    return dt.datetime.fromisoformat(inspection.finished_at) + ISSUED_AFTER


def _tell(services: Session, inspection: inspections.Inspection, story: Story,
          office: Profile, cutoff: dt.datetime) -> Notice:
    """Issue one notice as the inspection's auditor and take it through its story's steps."""
    auditor = profiles.get(services.store, inspection.auditor_id)
    desk = NoticeDesk(services.acting_as(auditor, demo_photos.InProcess()))
    issued_at = _issue_time(inspection)
    codes = sorted(evidence.photo_counts(services.store, inspection.id))
    draft = desk.draft(inspection.id, codes, story.preset, now=issued_at)
    notice = desk.issue(draft, demo.DEMO_PASSWORD, at=issued_at.isoformat()).notice
    for step, days in story.steps:
        moment = issued_at + dt.timedelta(days=days)
        if moment > cutoff:
            break
        notice = _step(desk, notice, step, moment, office)
    return notice


def _step(desk: NoticeDesk, notice: Notice, step: str, moment: dt.datetime,
          office: Profile) -> Notice:
    store, auditor, at = desk.store, desk.session.user, moment.isoformat()
    if step in ("bulletin", "exposure"):
        return followup.escalate(store, notice.id, step, office, at=at)
    if step in ("received", "replied"):
        return followup.set_status(store, notice.id, NoticeStatus(step), NOTES[step], auditor,
                                   at=at)
    site = notices.site_of(store, notice)
    litter = 0 if step == "fixed" else 2
    with tempfile.TemporaryDirectory(prefix="civicaudit-demo-") as folder:
        after = {p.criterion_code: demo_photos.write_files(
            Path(folder), [demo_photos.scene(f"{notice.id}{p.criterion_code}", moment, site,
                                             litter)], f"{p.criterion_code}_after")
                 for p in notice.problems}
        outcome = (followup.ReinspectionOutcome.FIXED if step == "fixed"
                   else followup.ReinspectionOutcome.PARTLY)
        return desk.record_reinspection(notice.id, outcome.value, NOTES[step], after,
                                        demo.DEMO_PASSWORD, at=at).notice
