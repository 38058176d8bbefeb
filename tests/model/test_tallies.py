"""An import keeps the roll-up tallies in bulk (model.inspections.tallies): real bundles
between an office and laptops; the tallies must equal a recount of the results, and what the
triggers give."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil

import pytest

from model.errors import OutputFileError
from model.inspections import tallies
from model.photos import media
from model.store.schema_v13 import MONTH_TALLIES
from model.sync import sync_import
from tests.helpers import make_jpeg
from tests.model import sync_world
from tests.model.sync_world import PW
from tests.model.sync_world import inspect as _inspect
from usecases.services import Services

world = sync_world.world  # an office and two enrolled laptops, office data synced

# from scratch, as migrations 2 and 4 first fill the tables
RECOUNT = {
    "result_tally": "SELECT month, district, sub_district, site_type, unit_name, category,"
                    " outcome, min(instances, 3), counted, count(*), sum(instances) FROM result"
                    " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9",
    "inspection_tally": "SELECT inspection_id, outcome, min(instances, 3), count(*),"
                        " sum(instances) FROM result GROUP BY 1, 2, 3",
}
KEPT = {
    "result_tally": "SELECT month, district, sub_district, site_type, unit_name, category,"
                    " outcome, bucket, counted, n, instances FROM result_tally",
    "inspection_tally": "SELECT inspection_id, outcome, bucket, n, instances FROM"
                        " inspection_tally",
}
# the month-sized tallies of migration 13, recounted and read the same way
MONTH_SIZED = dict(MONTH_TALLIES)
for _table, _key in MONTH_TALLIES:
    _columns = ", ".join("min(instances, 3)" if c == "bucket" else c for c in _key)
    _groups = ", ".join(str(i) for i in range(1, len(_key) + 1))
    RECOUNT[_table] = (f"SELECT {_columns}, count(*), sum(instances) FROM result"
                       f" GROUP BY {_groups}")
    KEPT[_table] = f"SELECT {', '.join(_key)}, n, instances FROM {_table}"
SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid"


def _recount(services: Services) -> dict[str, list[tuple]]:
    db = services.store.db
    return {table: sorted(db.execute(sql).fetchall()) for table, sql in RECOUNT.items()}


def _kept(services: Services, with_zeros: bool = False) -> dict[str, list[tuple]]:
    """The tally tables; rows at n = 0 (which the triggers leave too) only when asked."""
    db = services.store.db
    return {table: sorted(row for row in db.execute(sql).fetchall()
                          if with_zeros or row[-2] != 0)
            for table, sql in KEPT.items()}


def _triggers(services: Services) -> list[tuple]:
    return sorted(row for row in services.store.db.execute(SCHEMA).fetchall()
                  if row[0] == "trigger")


@contextlib.contextmanager
def _no_bulk():
    """Imports inside the block leave the tallies to the triggers (the path to compare)."""
    original = sync_import.tallies.bulk

    @contextlib.contextmanager
    def triggers_only(db):
        yield None
    sync_import.tallies.bulk = triggers_only
    try:
        yield
    finally:
        sync_import.tallies.bulk = original


def _twin(office: Services, tmp_path) -> Services:
    twin = Services.open(shutil.copytree(office.store.data_dir, tmp_path / "office-twin"))
    twin.login("O01", PW)
    return twin


def test_imports_leave_the_tallies_equal_to_a_recount_and_to_what_triggers_give(world,
                                                                                tmp_path):
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    first = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01", "ZCGD-02"])
    _inspect(a07, "YZ-2", tmp_path, ["ZCGD-04"])
    _inspect(a08, "XD-1", tmp_path, ["ZCGD-01"])
    bundles = [a07.sync.export(stick, PW)[0], a08.sync.export(stick, PW)[0]]
    # then the auditor corrects the first inspection: a fail becomes a pass, one is cleared,
    # one is added; the office gets the new version of a record it holds already
    a07.inspections.reopen(first, "复核")
    a07.inspections.record(first, "ZCGD-01", "pass")
    a07.inspections.clear(first, "ZCGD-02")
    a07.inspections.record(first, "ZCGD-05", "fail", 3, "北门", "破损")
    a07.inspections.finish(first)
    bundles.append(a07.sync.export(stick, PW)[0])
    office.login("O01", PW)
    twin = _twin(office, tmp_path)
    try:
        for path in bundles:
            assert office.sync.import_bundle(path).counts
            with _no_bulk():
                twin.sync.import_bundle(path)
        assert _kept(office) == _recount(office)
        assert _kept(office, with_zeros=True) == _kept(twin, with_zeros=True)
        assert any(row[-2] == 0 for row in _kept(office, with_zeros=True)["result_tally"])
        assert _triggers(office) == _triggers(twin)
        assert {row[1] for row in _triggers(office)} == {
            f"{table}_{event}" for table in ("result_tally", "inspection_tally", *MONTH_SIZED)
            for event in ("insert", "update", "delete")}
    finally:
        twin.close()


def test_an_import_that_fails_midway_leaves_triggers_and_tallies_as_they_were(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    office.login("O01", PW)
    office.sync.import_bundle(a07.sync.export(stick, PW)[0])
    inspection = a07.inspections.start("YZ-2").id
    a07.inspections.record(inspection, "ZCGD-02", "fail", 1, "西门", "乱贴")
    photo = make_jpeg(tmp_path / "other.jpg", dt.datetime(2026, 10, 1, 9), colour=(200, 30, 30))
    a07.photos.add(inspection, [photo], "ZCGD-02")  # unlike any photo the office has
    a07.inspections.finish(inspection)
    exported, _ = a07.sync.export(stick, PW)
    blocker = media.original_path(office.store, a07.photos.of(inspection)[0].sha256).parent
    assert not blocker.exists()
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_bytes(b"a file where the photo's folder should be")
    schema = office.store.db.execute(SCHEMA).fetchall()
    tallies = _kept(office, with_zeros=True)
    with pytest.raises(OutputFileError):
        office.sync.import_bundle(exported)
    assert office.store.db.execute(SCHEMA).fetchall() == schema
    assert _kept(office, with_zeros=True) == tallies
    assert _kept(office) == _recount(office)
    blocker.unlink()
    assert office.sync.import_bundle(exported).counts["new"] >= 1
    assert _kept(office) == _recount(office)


def test_after_an_import_the_triggers_keep_the_tallies_again(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    imported = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01", "ZCGD-02"])
    office.login("O01", PW)
    office.sync.import_bundle(a07.sync.export(stick, PW)[0])
    before = _kept(office)
    office.inspections.reopen(imported, "抽查")        # its results stop counting
    assert _kept(office) != before
    own = office.inspections.start("YZ-2")
    office.inspections.record(own.id, "ZCGD-03", "fail", 2, "南门", "积水")
    office.inspections.record(own.id, "ZCGD-04", "pass")
    office.inspections.clear(own.id, "ZCGD-04")
    office.inspections.finish(own.id)
    assert _kept(office) == _recount(office)


def test_a_whole_store_loaded_with_the_triggers_off_is_counted_afresh(world, tmp_path):
    """``tallies.loading`` (the province benchmark's builder): results written raw inside the
    block; after it the tallies equal a recount, the triggers are back and keep them."""
    laptop = world[1]["A07"]
    _inspect(laptop, "YZ-1", tmp_path, ["ZCGD-01", "ZCGD-02"])
    before = _kept(laptop)
    columns = "id, inspection_id, criterion_code, outcome, instances, location, note," \
              " updated_at, updated_by, month, district, sub_district, site_type, unit_name," \
              " category, counted"
    with laptop.store.atomic() as db, tallies.loading(db):
        assert not [row for row in _triggers(laptop) if "tally" in row[1]]
        copied = db.execute(
            f"INSERT INTO result ({columns}) SELECT 'copy-' || id, inspection_id,"
            f" criterion_code || '-copy', {columns.split(', ', 3)[3]} FROM result").rowcount
    assert copied > 0
    assert _kept(laptop) == _recount(laptop) != before
    assert sum(n for *_, n, _i in _kept(laptop)["inspection_tally"]) == 2 * copied
    laptop.store.db.execute("DELETE FROM result WHERE id LIKE 'copy-%'")
    assert _kept(laptop) == before  # the triggers took the copies out again


def test_loading_refuses_to_run_outside_a_transaction(world):
    with pytest.raises(RuntimeError, match="transaction"), \
            tallies.loading(world[0].store.db):
        pass
