"""The batched paths of sync give exactly what the one-record-at-a-time paths give: records
read a batch at a time, versions observed by kind, bundle lines spliced from texts already
made, and entries checked and extracted in one pass."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile

import pytest

from model.errors import InputFileError
from model.inspections import tallies
from model.progress import Cancelled, Progress
from model.store import clock
from model.sync import (
    bundle_open,
    sync_batch,
    sync_device,
    sync_export,
    sync_records,
    sync_versions,
)
from model.sync.bundle_format import BundleError
from tests.model import test_bundle, test_sync
from tests.model.sync_world import PW
from tests.model.sync_world import inspect as _inspect
from usecases.services import Services

world = test_sync.world  # an office and two enrolled laptops, office data synced
pki, photos = test_bundle.pki, test_bundle.photos  # real keys; three generated JPEGs
VERSIONS = "SELECT * FROM sync_head ORDER BY kind, id, rev"
REVS = "SELECT * FROM sync_rev ORDER BY kind, id, rev"


@pytest.fixture
def laptop(world, tmp_path):
    """A07's laptop with three inspections (photos, fails), one exported and then edited."""
    _office, laptops, stick = world
    a07 = laptops["A07"]
    edited = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01", "ZCGD-02"])
    _inspect(a07, "YZ-2", tmp_path, ["ZCGD-04"])
    a07.sync.export(stick, PW)
    a07.inspections.reopen(edited, "复核")
    a07.inspections.record(edited, "ZCGD-02", "pass")
    a07.inspections.finish(edited)
    _inspect(a07, "XD-1", tmp_path, ["ZCGD-01"])
    return a07


def test_inspections_read_in_batches_are_those_read_one_by_one(laptop, monkeypatch):
    store = laptop.store
    ids = [*sync_records.ids(store, "inspection"), "no-such-inspection"]
    one_by_one = [(record_id, sync_records.read(store, "inspection", record_id))
                  for record_id in ids]
    assert sum(content is not None for _id, content in one_by_one) == 3
    assert list(sync_records.read_many(store, "inspection", ids)) == one_by_one
    monkeypatch.setattr(sync_records, "READ_BATCH", 2)  # batches that split the list
    assert list(sync_records.read_many(store, "inspection", ids)) == one_by_one
    sites = sync_records.ids(store, "site")
    assert list(sync_records.read_many(store, "site", sites)) == [
        (site, sync_records.read(store, "site", site)) for site in sites]


def test_an_observer_makes_the_versions_and_rows_observe_makes(laptop, tmp_path):
    clock.set_fixed(dt.datetime(2026, 11, 26, 8, tzinfo=dt.UTC))
    twin = Services.open(shutil.copytree(laptop.store.data_dir, tmp_path / "laptop-twin"))
    try:
        device = sync_device.device_id(laptop.store)
        for kind in sync_records.ORDER:
            ids = sync_records.ids(laptop.store, kind)
            with laptop.store.atomic() as db:
                single = [sync_versions.observe(laptop.store, db, kind, record_id,
                                                sync_records.read(laptop.store, kind, record_id),
                                                device) for record_id in ids]
            with twin.store.atomic() as db:
                observer = sync_versions.Observer(twin.store, db, kind, device)
                batched = [observer.observe(record_id, content) for record_id, content
                           in sync_records.read_many(twin.store, kind, ids)]
                observer.flush()
            assert batched == single
            assert [v.as_line() for v in batched if v] == [v.as_line() for v in single if v]
        for sql in (VERSIONS, REVS):
            assert (twin.store.db.execute(sql).fetchall()
                    == laptop.store.db.execute(sql).fetchall())
    finally:
        twin.close()


def test_a_bundle_line_is_the_canonical_json_of_the_version(laptop):
    store = laptop.store
    heads = [sync_versions.current(store, "inspection", record_id)
             for record_id in sync_records.ids(store, "inspection")]
    made = [v for v in heads if v is not None]
    assert made and all(v.text is not None for v in made)
    odd = sync_versions.Version("site", "s1", "r" * 32, ("a", "b"),
                                {"名称": "迎泽公园 \"东门\"", "lat": 37.5, "n": None, "x": [1, 2]},
                                "2026-11-26T08:00:00+00:00", "设备-1")
    for version in [*made, odd]:
        expected = sync_export.json_bytes(version.as_json())
        assert version.as_line() == expected
        assert json.loads(version.as_line()) == version.as_json()


def _damaged(path, tmp_path, pki, photos):
    """A copy of a good bundle with one byte of its last photo changed."""
    with zipfile.ZipFile(path) as archive:
        info = max((archive.getinfo(name) for name in photos), key=lambda i: i.header_offset)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.orig_filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x20
    damaged = tmp_path / "damaged.cabundle"
    damaged.write_bytes(bytes(data))
    return damaged


def test_entries_checked_and_extracted_in_one_pass(tmp_path, pki, photos):
    good = tmp_path / "good.cabundle"
    test_bundle._write(good, pki, test_bundle._entries(photos))
    targets = {name: tmp_path / "out" / name.replace("/", "-") for name in photos}
    with bundle_open.open_bundle(good, pki.trust, hash_entries=False) as opened:
        opened.check_and_extract(opened.names(), targets)
    for name, source in photos.items():
        assert targets[name].read_bytes() == source.read_bytes()
    assert not list((tmp_path / "out").glob("*.part"))
    shutil.rmtree(tmp_path / "out")
    damaged = _damaged(good, tmp_path, pki, photos)
    with bundle_open.open_bundle(damaged, pki.trust, hash_entries=False) as opened, \
            pytest.raises(BundleError) as caught:
        opened.check_and_extract(opened.names(), targets)
    assert caught.value.entry in photos
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_cancelled_import_changes_nothing_and_leaves_no_file(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    for site in ("YZ-1", "YZ-2", "XD-1"):
        _inspect(a07, site, tmp_path, ["ZCGD-01"])
    exported, _ = a07.sync.export(stick, PW)
    records = sum(e["size"] for e in bundle_open.peek_manifest(exported).entries
                  if not e["name"].startswith(("media/", "notices/")))
    office.login("O01", PW)
    before = test_sync._domain(office)
    schema = office.store.db.execute("SELECT * FROM sqlite_master ORDER BY rowid").fetchall()

    def cancel_once_photos_are_read(done: int, total: int) -> None:
        if done > records:
            progress.cancel()
    progress = Progress(on_update=cancel_once_photos_are_read)
    with pytest.raises(Cancelled):
        office.sync.import_bundle(exported, progress=progress)
    assert test_sync._domain(office) == before
    assert office.store.db.execute("SELECT * FROM sqlite_master ORDER BY rowid").fetchall() \
        == schema
    originals = office.store.data_dir / "media"
    assert not originals.exists() or not [p for p in originals.rglob("*") if p.is_file()]
    assert office.sync.import_bundle(exported).counts["new"] >= 3  # and it can be run again


def test_a_bundle_line_reads_back_with_its_content_text(laptop):
    store = laptop.store
    made = [sync_versions.current(store, "inspection", record_id)
            for record_id in sync_records.ids(store, "inspection")]
    for version in filter(None, made):
        read = sync_versions.Version.from_line(version.as_line())
        assert read == version
        assert read.text == sync_records.canonical(version.content)
        spaced = json.dumps(version.as_json(), ensure_ascii=False, indent=1).encode()
        other = sync_versions.Version.from_line(spaced)  # another writer's layout: read whole
        assert other == version and other.text is None
    with pytest.raises(ValueError):
        sync_versions.Version.from_line(b'{"ancestry":[],"content":{"a":1},"device":')


ALL_RESULT_COLUMNS = ", ".join(c for c in sync_records.RESULT_COLUMNS if c != "id")
TABLES = {
    "inspection": "SELECT * FROM inspection ORDER BY id",
    "result": f"SELECT {ALL_RESULT_COLUMNS} FROM result ORDER BY inspection_id, criterion_code",
    "photo": "SELECT * FROM photo ORDER BY id",
    "media": "SELECT sha256, size, taken_at FROM media ORDER BY sha256",
    "result_tally": "SELECT * FROM result_tally WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7",
    "inspection_tally": "SELECT * FROM inspection_tally WHERE n > 0 ORDER BY 1, 2, 3",
}


def _tables(store) -> dict:
    return {name: store.db.execute(sql).fetchall() for name, sql in TABLES.items()}


def _edited(content: dict) -> dict:
    """The content with its first result changed, its second gone and a new one added."""
    results = [dict(r) for r in content["results"]]
    results[0] = {**results[0], "outcome": "pass", "instances": 0, "note": "已整改"}
    added = {**results[-1], "criterion_code": "ZCGD-05", "outcome": "fail", "instances": 2}
    return {**content, "results": [results[0], *results[2:], added]}


def test_inspections_applied_in_batches_are_those_applied_one_by_one(world, laptop, tmp_path):
    office = world[0]
    contents = [c for _id, c in sync_records.read_many(
        laptop.store, "inspection", sync_records.ids(laptop.store, "inspection"))]
    assert len(contents) == 3 and all(len(c["results"]) >= 2 for c in contents)
    twin = Services.open(shutil.copytree(office.store.data_dir, tmp_path / "office-twin"))
    try:
        for rounds in ([contents], [[_edited(c) for c in contents[:2]]]):  # new, then edits
            for batch in rounds:
                with office.store.atomic() as db, tallies.bulk(db) as tally:
                    sync_records.apply_many(office.store, db, "inspection", batch, tally)
                for content in batch:
                    with twin.store.atomic() as db:  # the tally triggers, one record at a time
                        sync_records.apply(twin.store, db, "inspection", content)
            assert _tables(office.store) == _tables(twin.store)
            for content in rounds[-1]:  # exactly the content's results, as it says them
                assert office.store.db.execute(
                    "SELECT criterion_code, outcome, instances, note FROM result WHERE "
                    "inspection_id = ? ORDER BY 1", [content["inspection"]["id"]]).fetchall() \
                    == sorted((r["criterion_code"], r["outcome"], r["instances"], r["note"])
                              for r in content["results"])
    finally:
        twin.close()


def test_a_record_that_does_not_fit_is_named_in_a_batch_and_nothing_changes(world, laptop):
    office = world[0]
    contents = [c for _id, c in sync_records.read_many(
        laptop.store, "inspection", sync_records.ids(laptop.store, "inspection"))]
    misfit = contents[1]["inspection"]["id"]
    contents[1] = {**contents[1], "results": [{**contents[1]["results"][0], "outcome": "maybe"},
                                              *contents[1]["results"][1:]]}
    before = _tables(office.store)
    with pytest.raises(InputFileError) as caught, office.store.atomic() as db, \
            tallies.bulk(db) as tally:
        pending = sync_batch.PendingApplies(office.store, db, tally, "b.cabundle")
        for content in contents:
            pending.add("inspection", content["inspection"]["id"], content)
        pending.flush()
    assert f"inspection record {misfit} " in str(caught.value)
    assert "b.cabundle" in str(caught.value)
    assert _tables(office.store) == before


def test_an_import_in_small_batches_gives_the_office_a_whole_batch_gives(world, laptop,
                                                                         tmp_path, monkeypatch):
    office, _laptops, stick = world
    exported, _ = laptop.sync.export(stick, PW)
    twin = Services.open(shutil.copytree(office.store.data_dir, tmp_path / "office-twin"))
    try:
        twin.login("O01", PW)
        office.login("O01", PW)
        assert twin.sync.import_bundle(exported).counts["new"] == 3
        monkeypatch.setattr(sync_batch.PendingApplies, "SIZE", 2)
        assert office.sync.import_bundle(exported).counts["new"] == 3
        assert test_sync._domain(office) == test_sync._domain(twin)
    finally:
        twin.close()
