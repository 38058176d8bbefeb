"""The trigger-maintained roll-up tally always equals an aggregate over the results."""

import random

import pytest

from tests.conftest import PASSWORD
from tests.helpers import site_line, sites_csv

DIRECT = ("SELECT month, district, sub_district, site_type, unit_name, category, outcome,"
          " min(instances, 3), counted, count(*), sum(instances) FROM result"
          " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9")
TALLY = ("SELECT month, district, sub_district, site_type, unit_name, category, outcome, bucket,"
         " counted, n, instances FROM result_tally WHERE n > 0")


PER_INSPECTION = ("SELECT inspection_id, outcome, min(instances, 3), count(*), sum(instances)"
                  " FROM result GROUP BY 1, 2, 3")
INSPECTION_TALLY = ("SELECT inspection_id, outcome, bucket, n, instances FROM inspection_tally"
                    " WHERE n > 0")


def _assert_tally_exact(db):
    assert sorted(db.execute(TALLY).fetchall()) == sorted(db.execute(DIRECT).fetchall())
    assert (sorted(db.execute(INSPECTION_TALLY).fetchall())
            == sorted(db.execute(PER_INSPECTION).fetchall()))


@pytest.fixture
def field(auditor_services, tmp_path):
    s = auditor_services
    s.login("O01", PASSWORD)
    places = [("迎泽区", "甲"), ("小店区", "乙"), ("小店区", "甲")]
    s.sites.import_csv(sites_csv(tmp_path, [site_line(f"S-{n}", district=d, unit=u)
                                            for n, (d, u) in enumerate(places)]))
    s.login("A07", PASSWORD)
    return s, tmp_path


def test_random_edits_keep_the_tally_exact(field):
    services, tmp_path = field
    rng = random.Random(7)
    criteria = [c.code for c in services.checklists.edition().criteria_for("ZCGD")]
    open_ids = [services.inspections.start(f"S-{n}").id for n in range(3)]
    finished: list[str] = []
    for step in range(240):
        action = rng.random()
        if action < 0.6 and open_ids:
            outcome = rng.choice(["pass", "fail", "na"])
            services.inspections.record(rng.choice(open_ids), rng.choice(criteria), outcome,
                                        rng.randint(1, 5) if outcome == "fail" else None)
        elif action < 0.7 and open_ids:
            services.inspections.clear(rng.choice(open_ids), rng.choice(criteria))
        elif action < 0.8 and open_ids:
            finished.append(open_ids.pop(rng.randrange(len(open_ids))))
            services.inspections.finish(finished[-1])
        elif action < 0.9 and finished:
            open_ids.append(finished.pop(rng.randrange(len(finished))))
            services.inspections.reopen(open_ids[-1], "复核")
        else:
            open_ids.append(services.inspections.start(f"S-{rng.randrange(3)}").id)
        if step % 40 == 0:
            _assert_tally_exact(services.store.db)
    services.login("O01", PASSWORD)
    services.sites.import_csv(sites_csv(tmp_path, [site_line("S-0", district="晋源区", unit="丙")]))
    _assert_tally_exact(services.store.db)
    moved = services.store.db.execute(
        "SELECT DISTINCT r.district FROM result r JOIN inspection i ON i.id = r.inspection_id"
        " JOIN site s ON s.id = i.site_id WHERE s.code = 'S-0'").fetchall()
    assert moved == [("晋源区",)]


def test_a_retyped_site_keeps_its_old_inspections_checklist(field):
    services, tmp_path = field
    inspection = services.inspections.start("S-0")
    services.inspections.record(inspection.id, "ZCGD-06", "fail", 2)
    services.inspections.finish(inspection.id)
    services.login("O01", PASSWORD)
    services.sites.import_csv(sites_csv(tmp_path, [site_line("S-0", site_type="NMSC")]))
    detail = services.inspections.detail(inspection.id)
    assert all(line.criterion.site_type == "ZCGD" for line in detail.lines)
    assert [g.key for g in services.office.score("site-type")] == ["ZCGD"]
    _assert_tally_exact(services.store.db)
