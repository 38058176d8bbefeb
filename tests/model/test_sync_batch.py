"""The batched paths of sync give exactly what the one-record-at-a-time paths give: records
read a batch at a time, versions observed by kind, bundle lines spliced from texts already
made, and entries checked and extracted in one pass."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile

import pytest

from model import bundle, clock, sync, sync_records, sync_versions
from model.bundle import BundleError
from model.progress import Cancelled, Progress
from model.services import Services
from tests.model import test_bundle, test_sync
from tests.model.test_sync import PW, _inspect

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
    a07.export_bundle(stick, PW)
    a07.reopen_inspection(edited, "复核")
    a07.record_result(edited, "ZCGD-02", "pass")
    a07.finish_inspection(edited)
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
        device = sync.device_id(laptop.store)
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
        expected = sync._json(version.as_json())
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
    with bundle.open_bundle(good, pki.trust, hash_entries=False) as opened:
        opened.check_and_extract(opened.names(), targets)
    for name, source in photos.items():
        assert targets[name].read_bytes() == source.read_bytes()
    assert not list((tmp_path / "out").glob("*.part"))
    shutil.rmtree(tmp_path / "out")
    damaged = _damaged(good, tmp_path, pki, photos)
    with bundle.open_bundle(damaged, pki.trust, hash_entries=False) as opened, \
            pytest.raises(BundleError) as caught:
        opened.check_and_extract(opened.names(), targets)
    assert caught.value.entry in photos
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_cancelled_import_changes_nothing_and_leaves_no_file(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    for site in ("YZ-1", "YZ-2", "XD-1"):
        _inspect(a07, site, tmp_path, ["ZCGD-01"])
    exported, _ = a07.export_bundle(stick, PW)
    records = sum(e["size"] for e in bundle.peek_manifest(exported).entries
                  if not e["name"].startswith(("media/", "notices/")))
    office.login("O01", PW)
    before = test_sync._domain(office)
    schema = office.store.db.execute("SELECT * FROM sqlite_master ORDER BY rowid").fetchall()

    def cancel_once_photos_are_read(done: int, total: int) -> None:
        if done > records:
            progress.cancel()
    progress = Progress(on_update=cancel_once_photos_are_read)
    with pytest.raises(Cancelled):
        office.import_bundle(exported, progress=progress)
    assert test_sync._domain(office) == before
    assert office.store.db.execute("SELECT * FROM sqlite_master ORDER BY rowid").fetchall() \
        == schema
    originals = office.store.data_dir / "media"
    assert not originals.exists() or not [p for p in originals.rglob("*") if p.is_file()]
    assert office.import_bundle(exported).counts["new"] >= 3  # and it can be run again
