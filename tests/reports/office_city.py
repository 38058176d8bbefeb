"""A small city over two months for the office's exports: two districts, three units, notices.

October 2026: YZ-1 passes everything, XD-1 fails one criterion once.
November 2026: YZ-1 fails ZCGD-01 twice, YZ-2 passes, XD-1 fails ZCGD-09 (a negative-list
rule of this office caps the score at 50 %), XD-2 fails ZCGD-02; an unfinished inspection
of YZ-2 does not count. Site names and notes look like spreadsheet formulas on purpose.
Two notices from November: one overdue at :data:`NOW` and escalated to the exposure list
(曝光台), one not yet due and re-inspected as partly fixed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from model.notices import notices
from model.office import negative_list
from model.office.negative_list import Effect, NegativeRule
from model.people.profiles import Role
from model.store import clock
from tests.helpers import site_line, sites_csv
from usecases.services import Services

PASSWORD = "city-pass"
NOW = dt.datetime(2026, 11, 28, 4, 0, tzinfo=dt.UTC)
RULE = NegativeRule("T-01", "乱张贴屡查屡现", ("ZCGD-09",), Effect.CAP, 0.5)
SITES = [
    site_line("YZ-1", name="=CMD()", district="迎泽区", unit="甲单位"),
    site_line("YZ-2", name="柳巷步行街", district="迎泽区", unit="乙单位"),
    site_line("XD-1", name="亲贤街", district="小店区", sub_district="坞城街道", unit="丙单位"),
    site_line("XD-2", name="+1+1", district="小店区", sub_district="坞城街道", unit="丙单位"),
]
# (day, site, {criterion: (outcome, instances, location, note)})
VISITS = [
    ("2026-10-12", "YZ-1", {"ZCGD-01": ("pass",), "ZCGD-02": ("pass",), "ZCGD-03": ("pass",)}),
    ("2026-10-13", "XD-1", {"ZCGD-01": ("fail", 1, "北口", ""), "ZCGD-02": ("pass",),
                            "ZCGD-03": ("pass",)}),
    ("2026-11-05", "YZ-1", {"ZCGD-01": ("fail", 2, "东门", '=HYPERLINK("http://x")'),
                            "ZCGD-02": ("pass",), "ZCGD-03": ("pass",)}),
    ("2026-11-06", "YZ-2", {"ZCGD-01": ("pass",), "ZCGD-02": ("pass",), "ZCGD-03": ("na",)}),
    ("2026-11-09", "XD-1", {"ZCGD-09": ("fail", 1, "公交站", "@SUM(A1)"), "ZCGD-01": ("pass",),
                            "ZCGD-02": ("pass",)}),
    ("2026-11-10", "XD-2", {"ZCGD-02": ("fail", 1, "-3号楼", "\t隐患"), "ZCGD-01": ("pass",),
                            "ZCGD-03": ("pass",)}),
]


def build_city(data_dir: Path, tmp_path: Path) -> None:
    """Fill a new data directory with the city (profiles O01 office and A07 auditor)."""
    services = Services.open(data_dir)
    try:
        services.people.create("王建国", "O01", Role.OFFICE, PASSWORD, "创城办")
        services.login("O01", PASSWORD)
        services.people.create("李明", "A07", Role.AUDITOR, PASSWORD, "督查一组")
        services.sites.import_csv(sites_csv(tmp_path, SITES))
        negative_list.set_rules(services.store, [RULE], services.user)
        services.login("A07", PASSWORD)
        done = {(day, code): _visit(services, day, code, results)
                for day, code, results in VISITS}
        _at("2026-11-20")
        services.inspections.start("YZ-2")  # unfinished: never counted
        late = _notice(services, done[("2026-11-05", "YZ-1")], "2026-11-07",
                       "2026-11-20T18:00:00+08:00")
        due = _notice(services, done[("2026-11-10", "XD-2")], "2026-11-11",
                      "2026-12-02T18:00:00+08:00")
        _at("2026-11-24")
        services.notices.reinspect(due, "partly", "还有一处")
        services.login("O01", PASSWORD)
        _at("2026-11-25")
        services.notices.escalate(late, "exposure")
    finally:
        clock.set_fixed(None)
        services.close()


def _at(day: str) -> None:
    clock.set_fixed(dt.datetime.fromisoformat(f"{day}T02:30:00+00:00"))


def _visit(services: Services, day: str, code: str, results: dict) -> str:
    _at(day)
    inspection = services.inspections.start(code)
    for criterion, (outcome, *rest) in results.items():
        instances, location, note = rest if rest else (None, "", "")
        services.inspections.record(inspection.id, criterion, outcome, instances, location, note)
    services.inspections.finish(inspection.id)
    return inspection.id


def _notice(services: Services, inspection_id: str, day: str, deadline: str) -> str:
    _at(day)
    draft = dataclasses.replace(notices.draft_for(services.store, inspection_id),
                                deadline=deadline, reinspect_on=deadline[:10])
    reserved = notices.reserve(services.store, draft, services.user)
    notices.complete(services.store, reserved.id, "f" * 64, "a" * 64, "01", services.user)
    return reserved.id
