"""USB sync between an office and two auditors' laptops: real stores, real signed bundles.

The laptops and the office exchange bundles in different orders and repeatedly; the
merged data must come out the same, nothing may be lost or doubled, conflicting edits
are kept for a person, and a bad bundle changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.errors import InputFileError
from model.photos import media
from model.sync import bundle_open, sync_device, sync_export
from tests.corpus.store_state import files_of, store_digest
from tests.helpers import site_line, sites_csv
from tests.model import sync_world
from tests.model.sync_world import PW
from tests.model.sync_world import inspect as _inspect
from usecases.services import Services

world = sync_world.world  # an office and two enrolled laptops, office data synced


DOMAIN = {
    "site": "SELECT * FROM site ORDER BY id",
    "profile": "SELECT id, name, staff_no, organisation, role FROM profile ORDER BY id",
    "inspection": "SELECT * FROM inspection ORDER BY id",
    "result": "SELECT inspection_id, criterion_code, outcome, instances, location, note,"
              " updated_at, updated_by, counted FROM result ORDER BY 1, 2",
    "photo": "SELECT * FROM photo ORDER BY id",
    "notice": "SELECT * FROM notice ORDER BY id",
    "notice_event": "SELECT * FROM notice_event ORDER BY id",
    "result_tally": "SELECT * FROM result_tally ORDER BY 1, 2, 3, 4, 5, 6, 7",
}


def _domain(services: Services) -> dict:
    return {name: [tuple(r) for r in services.store.db.execute(sql).fetchall()]
            for name, sql in DOMAIN.items()}


def test_bundles_in_any_order_any_number_of_times_give_the_same_office(world, tmp_path):
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    first = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01", "ZCGD-02"])
    _inspect(a08, "XD-1", tmp_path, ["ZCGD-04"])
    b07, counts = a07.sync.export(stick, PW)
    assert counts["records"] >= 1 and counts["media"] == 1
    b08, _ = a08.sync.export(stick, PW)
    twin = Services.open(shutil.copytree(office.store.data_dir, tmp_path / "office-twin"))
    try:
        twin.login("O01", PW)
        office.login("O01", PW)
        one = office.sync.import_bundle(b07)
        assert one.counts["new"] >= 1 and one.media_copied == 1
        office.sync.import_bundle(b08)
        twin.sync.import_bundle(b08)
        twin.sync.import_bundle(b07)
        again = twin.sync.import_bundle(b07)
        assert again.already_imported and not again.counts
        assert _domain(office) == _domain(twin)
        scores = office.office.score("district")
        assert {g.key for g in scores} == {"迎泽区", "小店区"}
        photo = office.photos.of(first)[0]
        assert office.photos.original(photo).read_bytes() == a07.photos.original(
            a07.photos.of(first)[0]).read_bytes()
    finally:
        twin.close()


def test_a_later_export_repeats_what_was_missed_and_an_old_bundle_changes_nothing(world,
                                                                                  tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspection = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    old, _ = a07.sync.export(stick, PW)           # lost on the way to the office
    a07.inspections.reopen(inspection, "漏记一处")
    a07.inspections.record(inspection, "ZCGD-02", "fail", 2, "西门", "乱贴")
    a07.inspections.finish(inspection)
    new, _ = a07.sync.export(stick, PW)
    office.login("O01", PW)
    summary = office.sync.import_bundle(new)
    assert any("gap" in note for note in summary.notes)
    office.sync.import_bundle(old)                        # arrives late: superseded, not applied
    codes = {line.criterion.code for line in office.inspections.detail(inspection).lines
             if line.result}
    assert {"ZCGD-01", "ZCGD-02"} <= codes
    assert office.inspections.result(inspection, "ZCGD-02").instances == 2


def test_receipts_acknowledge_and_only_then_may_photos_be_pruned(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspection = _inspect(a07, "YZ-2", tmp_path, ["ZCGD-01"])
    exported, _ = a07.sync.export(stick, PW)
    assert a07.sync.prunable() == []               # nothing acknowledged yet
    office.login("O01", PW)
    summary = office.sync.import_bundle(exported, receipt_folder=stick, passphrase=PW)
    assert summary.receipt and Path(summary.receipt).exists()
    done = a07.sync.import_bundle(Path(summary.receipt))
    assert done.counts["acknowledged"] >= 1
    assert a07.sync.status()["unsynced"] == 0
    prunable = a07.sync.prunable()
    assert len(prunable) == 1
    assert a07.sync.prune(confirmed=True) == 1
    assert a07.photos.of(inspection)                     # the record and its thumbnail stay
    again, _ = a07.sync.export(stick, PW)           # nothing new to send
    assert bundle_open.peek_manifest(again).meta["records"] == 0


def test_pruning_keeps_unacknowledged_and_open_case_originals_and_counts_why(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    with_notice = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    a07.notices.issue(a07.notices.draft(with_notice), PW)  # an open case: its evidence stays
    closed_case = _inspect(a07, "YZ-2", tmp_path, ["ZCGD-02"])
    exported, _ = a07.sync.export(stick, PW)
    summary = office.sync.import_bundle(exported, receipt_folder=stick, passphrase=PW)
    a07.sync.import_bundle(Path(summary.receipt))
    later = _inspect(a07, "XD-1", tmp_path, ["ZCGD-03"])  # after the export: not acknowledged
    [shown] = a07.photos.of(closed_case)
    assert a07.sync.prunable() == [shown.sha256]
    kept = a07.sync.kept()
    assert (kept.unacknowledged, kept.unfinished, kept.open_notice) == (1, 0, 1)
    assert a07.sync.prune(confirmed=True) == 1
    assert a07.sync.kept() == kept  # what stays is still there, for the same reasons
    for inspection in (with_notice, later):
        [photo] = a07.photos.of(inspection)
        assert media.original_path(a07.store, photo.sha256).exists()


def test_edits_of_one_notice_on_two_machines_are_kept_as_a_conflict(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspection = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    desk = a07.notices
    issued = desk.issue(desk.draft(inspection), PW)
    office.login("O01", PW)
    office.sync.import_bundle(a07.sync.export(stick, PW)[0])
    office.notices.escalate(issued.notice.id, "bulletin")      # the office escalates …
    a07.notices.set_status(issued.notice.id, "received", "签收")  # … the auditor records receipt
    office.sync.import_bundle(a07.sync.export(stick, PW)[0])
    conflicts = office.sync.conflicts()
    assert [(mine.id, other.id) for mine, other in conflicts] == [(issued.notice.id,) * 2]
    _mine, other = conflicts[0]
    office.sync.resolve_conflict(other.kind, other.id, other.rev)
    assert office.sync.conflicts() == []
    a07.sync.import_bundle(office.sync.export(stick, PW)[0])     # the resolution travels back
    assert a07.sync.conflicts() == []


def test_a_bad_bundle_changes_nothing(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    exported, _ = a07.sync.export(stick, PW)
    broken = tmp_path / "broken.cabundle"
    data = bytearray(exported.read_bytes())
    data[len(data) // 3] ^= 0xFF
    broken.write_bytes(bytes(data))
    office.login("O01", PW)
    before = _domain(office)
    with pytest.raises(InputFileError):
        office.sync.import_bundle(broken)
    assert _domain(office) == before
    truncated = tmp_path / "cut.cabundle"
    truncated.write_bytes(exported.read_bytes()[: len(data) // 2])
    with pytest.raises(InputFileError):
        office.sync.import_bundle(truncated)
    assert _domain(office) == before
    with pytest.raises(InputFileError, match="this computer"):
        a07.sync.import_bundle(exported)


def test_databases_stay_sound(world, tmp_path):
    office, laptops, stick = world
    _inspect(laptops["A07"], "YZ-1", tmp_path, ["ZCGD-01"])
    office.login("O01", PW)
    office.sync.import_bundle(laptops["A07"].sync.export(stick, PW)[0])
    for services in (office, *laptops.values()):
        conn = sqlite3.connect(services.store.path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()
    assert sync_device.status(office.store)["conflicts"] == 0


def test_an_office_bundle_carries_other_auditors_notices_with_their_inspections(world,
                                                                                tmp_path):
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    inspection = _inspect(a08, "XD-1", tmp_path, ["ZCGD-01"])
    desk = a08.notices
    notice = desk.issue(desk.draft(inspection), PW).notice
    office.login("O01", PW)
    office.sync.import_bundle(a08.sync.export(stick, PW)[0])
    summary = a07.sync.import_bundle(office.sync.export(stick, PW)[0])
    assert summary.counts["new"] >= 2
    assert [n.number for n in a07.notices.listing()] == [notice.number]
    assert a07.inspections.detail(inspection).inspection.status.value == "finished"


def test_a_photo_that_cannot_be_written_rolls_the_whole_import_back(world, tmp_path):
    from model.errors import OutputFileError
    from model.photos import media
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspection = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    exported, _ = a07.sync.export(stick, PW)
    sha = a07.photos.of(inspection)[0].sha256
    blocker = media.original_path(office.store, sha).parent
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_bytes(b"a file where the photo's folder should be")
    office.login("O01", PW)
    before = _domain(office)
    with pytest.raises(OutputFileError):
        office.sync.import_bundle(exported)
    assert _domain(office) == before
    blocker.unlink()
    assert office.sync.import_bundle(exported).counts["new"] >= 1  # running it again completes it


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(cuts=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), min_size=1, max_size=4),
       truncate=st.one_of(st.none(), st.floats(0, 1)))
def test_no_damaged_bundle_gets_past_the_checks_or_changes_anything(sync_pair, cuts, truncate):
    """Any bytes flipped anywhere, or a cut anywhere: a clear InputFileError and nothing
    changed (no row of any table, the audit log included, and no file in the data folder) — or,
    where the flip hit bytes no check covers (a zip header's date), exactly what the intact
    bundle gives."""
    office, exported, expected = sync_pair
    data = bytearray(exported)
    for where, flip in cuts:
        data[min(int(where * len(data)), len(data) - 1)] ^= flip
    if truncate is not None:
        data = data[: int(truncate * len(data))]
    damaged = office.store.data_dir.parent / "damaged.cabundle"
    damaged.write_bytes(bytes(data))
    before, tables, files = _domain(office), store_digest(office.store.path), \
        files_of(office.store.data_dir)
    try:
        office.sync.import_bundle(damaged)
    except InputFileError:
        assert _domain(office) == before
        assert store_digest(office.store.path) == tables
        assert files_of(office.store.data_dir) == files
    else:
        assert _domain(office) == expected
    for sha, in office.store.db.execute("SELECT sha256 FROM media").fetchall():
        original = media.original_path(office.store, sha)
        assert not original.exists() or hashlib.sha256(original.read_bytes()).hexdigest() == sha


@pytest.fixture
def sync_pair(world, tmp_path):
    """The office; the bytes of an auditor's bundle (an inspection with a photo); and the
    office's data after importing it intact (into a copy)."""
    office, laptops, stick = world
    _inspect(laptops["A07"], "YZ-1", tmp_path, ["ZCGD-01"])
    exported, _ = laptops["A07"].sync.export(stick, PW)
    twin = Services.open(shutil.copytree(office.store.data_dir, tmp_path / "twin"))
    twin.login("O01", PW)
    twin.sync.import_bundle(exported)
    expected = _domain(twin)
    twin.close()
    office.login("O01", PW)
    return office, exported.read_bytes(), expected


def test_a_site_moved_at_the_office_moves_its_results_on_the_laptop(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspection = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    office.login("O01", PW)
    moved = site_line("YZ-1", district="小店区", sub_district="坞城街道", unit="小店区城管局")
    assert office.sites.import_csv(sites_csv(tmp_path, [moved], "moved.csv")).updated == 1
    a07.sync.import_bundle(office.sync.export(stick, PW)[0])
    keys = a07.store.db.execute("SELECT DISTINCT district, sub_district, unit_name FROM result "
                                "WHERE inspection_id = ?", [inspection]).fetchall()
    assert [tuple(k) for k in keys] == [("小店区", "坞城街道", "小店区城管局")]
    tallied = a07.store.db.execute(
        "SELECT district, sum(n) FROM result_tally WHERE n > 0 GROUP BY 1").fetchall()
    counted = a07.store.db.execute("SELECT district, count(*) FROM result GROUP BY 1").fetchall()
    assert [tuple(r) for r in tallied] == [tuple(r) for r in counted] == [("小店区", len(
        a07.store.db.execute("SELECT id FROM result").fetchall()))]


def test_what_a_laptop_received_from_the_office_never_goes_back(world, tmp_path):
    """A08's notice reaches A07 through the office; A07's next bundle carries only his own
    work, not the notice and inspection the office sent him (issue 18: the echo)."""
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    inspection = _inspect(a08, "XD-1", tmp_path, ["ZCGD-01"])
    a08.notices.issue(a08.notices.draft(inspection), PW)
    office.sync.import_bundle(a08.sync.export(stick, PW)[0])
    a07.sync.import_bundle(office.sync.export(stick, PW)[0])
    own = _inspect(a07, "YZ-1", tmp_path, ["ZCGD-02"])
    exported, counts = a07.sync.export(stick, PW)
    records = _records_of(exported)
    assert {(kind, record_id) for kind, record_id in records} == {("inspection", own)}
    assert counts["records"] == 1


def _records_of(bundle: Path) -> list[tuple[str, str]]:
    """(kind, id) of each record version in a bundle, read straight from its zip."""
    with zipfile.ZipFile(bundle) as archive:
        lines = archive.read(sync_export.RECORDS_ENTRY).splitlines()
    return [(json.loads(line)["kind"], json.loads(line)["id"]) for line in lines if line]
