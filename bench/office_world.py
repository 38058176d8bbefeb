"""The office benchmark's world: a year of a city's inspections, with notices and photos.

Built for ``bench/bench_office.py`` (its text says what is in it) from
``bench/bench_store.py``'s row builder and bulk load, then the program's own calls
for what the office adds: photos ingested while their inspections were open,
notices reserved and completed, follow-up steps. Nothing here is timed as a figure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
import time
from dataclasses import dataclass
from pathlib import Path

from bench import bench_store as bs
from model.checklist import checklist
from model.demo import demo_photos
from model.inspections import inspections
from model.notices import followup, notices
from model.notices.notices import Notice
from model.office import periods
from model.office.periods import Period
from model.people import profiles
from model.people.profiles import Profile, Role
from model.photos import photos
from model.sites import sites
from model.store import clock
from model.store import db as store_db

MONTH = "2026-11"
PERIOD = Period.month(MONTH)
MONTHS = tuple(periods.shift(MONTH, -k) for k in range(11, -1, -1))
NOTICE_MONTHS = MONTHS[-3:]
NOW = dt.datetime(2026, 11, 30, 18, 0, tzinfo=clock.CST)
DISTRICTS = ("小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区")
STREETS = ("府西", "府东", "桥东", "坞城", "营盘", "平阳", "龙城", "学府")
UNIT_KINDS = ("城市管理局", "市场监督管理局", "教育局", "卫生健康局", "交通运输局",
              "住房和城乡建设局", "文化和旅游局", "商务局")
SITE_HEADER = "点位编号,点位名称,点位类型,区县,街道,地址,责任单位,负责人,联系电话,纬度,经度"
PASSWORD = "bench-office-pass"
# Notice i follows STORY[i % 10]: (step, days after issue); steps after NOW are not taken.
STORY = ((("fixed", 5),), (("fixed", 3),), (("received", 0.2), ("fixed", 6)),
         (("received", 0.1), ("replied", 4), ("fixed", 7)), (("partly", 8),),
         (("received", 0.3), ("exposure", 10)), (("received", 0.2),),
         (("received", 0.1), ("replied", 4)), (), ())

STATUS, FINISHED_AT = bs.INSPECTION_COLUMNS.index("status"), \
    bs.INSPECTION_COLUMNS.index("finished_at")
R_INSPECTION, R_CODE, R_OUTCOME = (bs.RESULT_COLUMNS.index(c) for c in (
    "inspection_id", "criterion_code", "outcome"))
R_MONTH, R_COUNTED = bs.RESULT_COLUMNS.index("month"), bs.RESULT_COLUMNS.index("counted")


@dataclass
class World:
    """The store and what was put in it."""

    store: store_db.Store
    office: Profile
    auditor: Profile
    inspections: int
    sites: int
    site_types: int
    units: int
    notices: int
    photos: int
    overdue: list[Notice]
    load_seconds: float
    services: object = None  # the province's office (usecases.services.Services), signed in
    day: object = None  # the province's bundle to import (bench.office_import.Day)


def make(folder: Path, args) -> World:
    """Build the world in ``folder`` from the benchmark's arguments."""
    rng = random.Random(bs.SEED)
    store = store_db.open_store(folder)
    checklist.ensure_shipped(store)
    office = profiles.create(store, "基准办公室", "BENCH-O", Role.OFFICE, PASSWORD)
    auditor = profiles.create(store, "基准巡检员", "BENCH-A", Role.AUDITOR, PASSWORD)
    types = sorted(checklist.known_site_types(store))
    path = write_sites(folder.parent / "sites.csv", args.sites, args.units, types, rng)
    sites.import_csv(store, path, office.id)
    data = bs.make_dataset(store, auditor.id, args.inspections, args.results_per_inspection,
                           MONTHS)
    real = {c.code for c in checklist.load(store, checklist.active_hash(store)).criteria}
    failed = first_real_failures(data, real)
    notified = sorted(failed, key=lambda i: data.inspections[i][bs.INSPECTION_COLUMNS.index(
        "started_at")])[:args.notices]
    photographed = notified[:args.photos]
    data, finished_at = reopened(data, photographed)
    start = time.perf_counter()
    bs.bulk_load(store, data, "executemany")
    load_seconds = time.perf_counter() - start
    photograph(store, auditor, [(data.inspections[i], failed[i]) for i in photographed],
               finished_at)
    issue(store, auditor, office, [data.inspections[i][0] for i in notified])
    overdue = [n for n in notices.listing(store, now=NOW) if n.overdue(NOW)]
    return World(store, office, auditor, len(data.inspections), args.sites, len(types),
                 args.units, len(notified), len(photographed), overdue, load_seconds)


def write_sites(path: Path, count: int, units: int, types: list[str],
                rng: random.Random, districts: tuple[str, ...] = DISTRICTS) -> Path:
    """A site CSV: ``count`` sites of every type spread over ``districts`` (Taiyuan's six
    by default), answered for by ``units`` units of their district."""
    units_of = {d: [] for d in districts}
    for k in range(units):
        district = districts[k % len(districts)]
        n = len(units_of[district])
        units_of[district].append(f"{district}{UNIT_KINDS[n]}" if n < len(UNIT_KINDS)
                                  else f"{district}第{n - len(UNIT_KINDS) + 1:02d}物业服务有限公司")
    lines = [SITE_HEADER]
    for i in range(count):
        district = districts[i % len(districts)]
        street = f"{rng.choice(STREETS)}街道"
        lines.append(f"B{i:05d},基准点位{i:05d},{types[i % len(types)]},{district},{street},"
                     f"{district}{street}{i}号,{rng.choice(units_of[district] or ['（无）'])},"
                     f"张三,13900000000,{37.80 + rng.random() / 10:.5f},"
                     f"{112.50 + rng.random() / 10:.5f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def first_real_failures(data: bs.Dataset, real: set[str]) -> dict[int, str]:
    """Finished inspections of the notice months with a failed real criterion: index → code."""
    index = {row[0]: n for n, row in enumerate(data.inspections)
             if row[STATUS] == "finished"}
    found: dict[int, str] = {}
    for row in data.results:
        n = index.get(row[R_INSPECTION])
        if (n is not None and n not in found and row[R_OUTCOME] == "fail"
                and row[R_CODE] in real and row[R_MONTH] in NOTICE_MONTHS):
            found[n] = row[R_CODE]
    return found


def reopened(data: bs.Dataset, chosen: list[int]) -> tuple[bs.Dataset, dict[str, str]]:
    """The rows with the ``chosen`` inspections still in progress (to photograph them);
    and the time each of them is to be finished."""
    rows, finished_at = list(data.inspections), {}
    for n in chosen:
        row = list(rows[n])
        finished_at[row[0]] = row[FINISHED_AT]
        row[STATUS], row[FINISHED_AT] = "in_progress", None
        rows[n] = tuple(row)
    results = [(*r[:R_COUNTED], 0, *r[R_COUNTED + 1:]) if r[R_INSPECTION] in finished_at else r
               for r in data.results]
    return dataclasses.replace(data, inspections=rows, results=results), finished_at


def photograph(store: store_db.Store, auditor: Profile, chosen: list[tuple[tuple, str]],
               finished_at: dict[str, str]) -> None:
    """Photograph one failure of each open inspection, then finish it; make the previews."""
    for row, code in chosen:
        inspection_id = row[0]
        site = sites.get(store, row[bs.INSPECTION_COLUMNS.index("site_id")])
        taken = dt.datetime.fromisoformat(row[bs.INSPECTION_COLUMNS.index("started_at")])
        picture = demo_photos.scene(inspection_id, taken + dt.timedelta(minutes=5), site, 6)
        demo_photos.attach(store, inspection_id, code, auditor, [picture])
        inspections.finish(store, inspection_id, auditor, at=finished_at[inspection_id])
    photos.make_missing_previews(store, workers=demo_photos.InProcess())


def issue(store: store_db.Store, auditor: Profile, office: Profile,
          inspection_ids: list[str]) -> None:
    """A notice from each inspection, issued after it, then its story's steps."""
    with store.atomic():
        for n, inspection_id in enumerate(inspection_ids):
            inspection = inspections.get(store, inspection_id)
            issued = dt.datetime.fromisoformat(inspection.finished_at) + dt.timedelta(minutes=30)
            due = (issued + dt.timedelta(days=7)).astimezone(clock.CST).replace(
                hour=23, minute=59, second=0)
            draft = dataclasses.replace(
                notices.draft_for(store, inspection_id), deadline_preset="7d",
                deadline=due.isoformat(), reinspect_on=(due.date() + dt.timedelta(days=1))
                .isoformat())
            at = issued.isoformat()
            notice = notices.reserve(store, draft, auditor, at)
            digest = hashlib.sha256(notice.number.encode()).hexdigest()
            notices.complete(store, notice.id, digest, digest, "bench", auditor, at)
            for step, days in STORY[n % len(STORY)]:
                moment = issued + dt.timedelta(days=days)
                if moment > NOW:
                    break
                _step(store, notice.id, step, moment.isoformat(), auditor, office)


def _step(store, notice_id: str, step: str, at: str, auditor: Profile,
          office: Profile) -> None:
    if step in ("fixed", "partly"):
        followup.record_reinspection(store, notice_id, step, "", auditor, at=at)
    elif step == "exposure":
        followup.escalate(store, notice_id, step, office, at=at)
    else:
        followup.set_status(store, notice_id, step, "", auditor, at=at)
