"""Office bundles carry only what the laptops lack (issue 18): real stores, real signed bundles.

Each laptop's bundle says which office bundle it holds; the office believes it only for a
bundle it wrote, sends what changed since the oldest one its laptops hold, and a laptop
refuses a bundle that leaves out what it never got.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from model.people.profiles import Role
from model.sync import bundle_format, bundle_open, sync_export, sync_holds
from tests import worlds
from tests.corpus.store_state import files_of, store_digest
from tests.helpers import site_line, sites_csv
from tests.model import sync_world
from tests.model.sync_world import PW, inspect
from tests.model.test_sync import _domain
from usecases.services import Services

world = sync_world.world  # an office and the laptops of A07 and A08, office bundle 1 taken
OWN = "a09-own-pass"  # the password a laptop joining by USB stick gives its auditor


def _records_of(bundle: Path) -> set[tuple[str, str]]:
    """(kind, id) of each record version in a bundle, read straight from its zip."""
    with zipfile.ZipFile(bundle) as archive:
        lines = archive.read(sync_export.RECORDS_ENTRY).splitlines()
    return {(json.loads(line)["kind"], json.loads(line)["id"]) for line in lines if line}


def _since(bundle: Path) -> int:
    return bundle_open.peek_manifest(bundle).meta[sync_holds.SINCE_KEY]


def _report(office: Services, laptop: Services, stick: Path, password: str = PW) -> None:
    """The laptop's next bundle (saying what it holds) reaches the office."""
    office.login("O01", PW)
    office.sync.import_bundle(laptop.sync.export(stick, password)[0])


def _rename(office: Services, tmp_path: Path, code: str, name: str) -> str:
    """The office renames one site; return its id."""
    office.sites.import_csv(sites_csv(tmp_path, [site_line(code, name=name)], f"{name}.csv"))
    return office.store.db.execute("SELECT id FROM site WHERE code = ?", [code]).fetchone()[0]


def _name(services: Services, code: str) -> str:
    return services.sites.search(code)[0].name


def _first_bundle(office: Services) -> int:
    """The office bundle every laptop of the world took (the office's newest so far)."""
    return office.store.db.execute("SELECT max(sequence) FROM sync_export").fetchone()[0]


def test_once_every_laptop_said_what_it_holds_the_office_sends_only_what_changed(world,
                                                                                 tmp_path):
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    first = _first_bundle(office)
    inspection = inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    notice = a07.notices.issue(a07.notices.draft(inspection), PW).notice
    for laptop in (a07, a08):
        _report(office, laptop, stick)
    site = _rename(office, tmp_path, "YZ-2", "新名字")
    bundle, counts = office.sync.export(stick, PW)
    assert counts["since"] == _since(bundle) == first
    assert _records_of(bundle) == {("site", site), ("inspection", inspection),
                                   ("notice", notice.id)}
    assert counts["records"] == 3
    full, full_counts = office.sync.export(stick, PW, full=True)
    assert _since(full) == full_counts["since"] == 0 and full_counts["records"] > 10
    summary = a08.sync.import_bundle(bundle)
    assert summary.counts["new"] == 2 and summary.counts["updated"] == 1
    assert _name(a08, "YZ-2") == "新名字"
    assert [n.number for n in a08.notices.listing()] == [notice.number]
    with zipfile.ZipFile(bundle) as archive:  # the office's settings go every time
        assert "office-settings.json" in archive.namelist()
        events = json.loads(archive.read(sync_export.EVENTS_ENTRY))
    carried = office.store.db.execute("SELECT events_upto FROM sync_export WHERE sequence = ?",
                                      [first]).fetchone()[0]
    assert events and min(e["seq"] for e in events) == carried + 1  # its events: the new ones
    held = [seq for seq, in a08.store.db.execute(
        "SELECT seq FROM remote_event WHERE device_id = ? ORDER BY seq",
        [bundle_open.peek_manifest(bundle).device_id])]
    assert held == list(range(1, max(e["seq"] for e in events) + 1))  # and none missing


def test_a_laptop_taking_only_what_changed_ends_as_one_taking_complete_bundles(world,
                                                                               tmp_path):
    office, laptops, stick = world
    twin = Services.open(_saved(laptops, "A07", tmp_path / "a07-twin"))
    a07, a08 = laptops["A07"], laptops["A08"]
    try:
        twin.login("A07", PW)
        for number, code in enumerate(("YZ-1", "XD-1")):
            a08.notices.issue(a08.notices.draft(inspect(a08, code, tmp_path, ["ZCGD-01"])), PW)
            for laptop in (a07, a08):
                _report(office, laptop, stick)
            _rename(office, tmp_path, code, f"第{number + 1}次改名")
            changed, _ = office.sync.export(stick, PW)
            complete, _ = office.sync.export(stick, PW, full=True)
            assert 0 < len(_records_of(changed)) < len(_records_of(complete))
            for laptop in (a07, a08):
                laptop.sync.import_bundle(changed)
            twin.sync.import_bundle(complete)
        assert _domain(a07) == _domain(twin)
        assert len(a07.notices.listing()) == 2
    finally:
        twin.close()


def test_one_laptop_holding_more_does_not_make_the_office_skip_what_another_lacks(world,
                                                                                  tmp_path):
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    first = _first_bundle(office)
    for laptop in (a07, a08):
        _report(office, laptop, stick)
    site = _rename(office, tmp_path, "YZ-1", "改过一次")
    second, _ = office.sync.export(stick, PW)
    a07.sync.import_bundle(second)  # A08 never imports it
    for laptop in (a07, a08):
        _report(office, laptop, stick)
    third, _ = office.sync.export(stick, PW)
    assert _since(third) == _since(second) == first  # A08 still holds only the first
    assert ("site", site) in _records_of(third)
    a08.sync.import_bundle(third)
    assert _name(a08, "YZ-1") == "改过一次"


def test_a_laptop_that_missed_a_bundle_refuses_the_next_and_takes_a_complete_one(world,
                                                                                 tmp_path):
    """The office believes A08 holds bundle 2, but A08 was put back from a backup made
    before it took it: the next bundle leaves out what A08 lacks, and A08 refuses it."""
    office, laptops, stick = world
    backup = _saved(laptops, "A08", tmp_path / "a08-backup")
    _rename(office, tmp_path, "YZ-1", "改名")
    second, _ = office.sync.export(stick, PW)  # complete: nobody said what it holds yet
    for laptop in laptops.values():
        laptop.sync.import_bundle(second)
        _report(office, laptop, stick)
    a08 = _restored(laptops, "A08", backup)  # the copy made before bundle 2
    third, _ = office.sync.export(stick, PW)
    assert _since(third) == bundle_open.peek_manifest(second).sequence
    tables, files = store_digest(a08.store.path), files_of(a08.store.data_dir)
    with pytest.raises(bundle_format.BundleError, match="missed one") as refused:
        a08.sync.import_bundle(third)
    assert refused.value.kind == "missed" and third.name in str(refused.value)
    assert "export --full" in str(refused.value)
    assert store_digest(a08.store.path) == tables and files_of(a08.store.data_dir) == files
    complete, _ = office.sync.export(stick, PW, full=True)
    assert a08.sync.import_bundle(complete).counts["updated"] >= 1
    assert _name(a08, "YZ-1") == "改名"
    a08.sync.import_bundle(third)  # now it holds a later one: the third fits
    _report(office, a08, stick)
    assert _since(office.sync.export(stick, PW)[0]) == bundle_open.peek_manifest(
        second).sequence  # A07 still holds the second


def _saved(laptops: dict[str, Services], staff_no: str, to: Path) -> Path:
    """A copy of a laptop's data folder (closed while it is copied), as a backup is."""
    folder = laptops[staff_no].store.data_dir
    laptops[staff_no].close()
    shutil.copytree(folder, to)
    _reopen(laptops, staff_no, folder)
    return to


def _restored(laptops: dict[str, Services], staff_no: str, backup: Path) -> Services:
    """The laptop's data folder put back from ``backup``; the laptop signed in again."""
    folder = laptops[staff_no].store.data_dir
    laptops[staff_no].close()
    shutil.rmtree(folder)
    shutil.copytree(backup, folder)
    return _reopen(laptops, staff_no, folder)


def _reopen(laptops: dict[str, Services], staff_no: str, folder: Path) -> Services:
    laptops[staff_no] = Services.open(folder)
    laptops[staff_no].login(staff_no, PW)
    return laptops[staff_no]


def test_a_laptop_holding_no_office_bundle_takes_only_a_complete_one(world, tmp_path):
    office, laptops, stick = world
    _report(office, laptops["A07"], stick)
    _report(office, laptops["A08"], stick)
    incremental, _ = office.sync.export(stick, PW)
    assert _since(incremental) > 0
    office.people.create("赵六", "A09", Role.AUDITOR, PW, "督查三组")
    fresh = worlds.make_laptop(tmp_path / "A09", office, PW, staff_no="A09", name="赵六")
    try:
        with pytest.raises(bundle_format.BundleError, match="holds none"):
            fresh.sync.import_bundle(incremental)
        assert fresh.sites.search() == []
    finally:
        fresh.close()


def test_a_laptop_that_never_said_what_it_holds_makes_the_bundles_complete_until_revoked(
        world, tmp_path):
    office, laptops, stick = world
    first = _first_bundle(office)
    for laptop in laptops.values():
        _report(office, laptop, stick)
    assert _since(office.sync.export(stick, PW)[0]) == first
    office.people.create("赵六", "A09", Role.AUDITOR, PW, "督查三组")
    fresh = worlds.make_laptop(tmp_path / "A09", office, PW, staff_no="A09", name="赵六")
    try:  # enrolled: its certificate signed no bundle yet
        assert _since(office.sync.export(stick, PW)[0]) == 0
        _report(office, fresh, stick)  # an empty bundle, holding none of the office's
    finally:
        fresh.close()
    assert _since(office.sync.export(stick, PW)[0]) == 0
    serial = office.store.db.execute("SELECT serial FROM certificate WHERE staff_no = "
                                     "'A09'").fetchone()[0]
    office.credentials.revoke(serial, "laptop lost", PW)
    assert _since(office.sync.export(stick, PW)[0]) == first


def test_a_false_statement_of_what_a_laptop_holds_is_ignored(world, tmp_path, monkeypatch):
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    first = _first_bundle(office)
    for laptop in (a07, a08):
        _report(office, laptop, stick)
    second, _ = office.sync.export(stick, PW)
    office_device = bundle_open.peek_manifest(second).device_id
    true_claim = sync_holds.held(a07.store.db)
    assert [c["device_id"] for c in true_claim] == [office_device]
    # A07 runs a patched program: it claims the newest bundle, but with another manifest hash
    monkeypatch.setattr(sync_holds, "held", lambda _db: [
        {**true_claim[0], "sequence": bundle_open.peek_manifest(second).sequence,
         "sha256": "0" * 64}])
    lied, _ = a07.sync.export(stick, PW)
    summary = office.sync.import_bundle(lied)
    assert any("not a bundle this office wrote" in note for note in summary.notes)
    assert _since(office.sync.export(stick, PW)[0]) == 0  # A07 now counts as holding none
    monkeypatch.setattr(sync_holds, "held", lambda _db: [  # a bundle the office never wrote
        {**true_claim[0], "sequence": 999, "sha256": "0" * 64}])
    summary = office.sync.import_bundle(a07.sync.export(stick, PW)[0])
    assert any("no. 999" in note for note in summary.notes)
    monkeypatch.undo()
    a07.sync.import_bundle(second)
    _report(office, a07, stick)  # the truth again: A07 holds the second, A08 the first
    assert _since(office.sync.export(stick, PW)[0]) == first


def test_an_older_laptop_bundle_arriving_late_does_not_wind_back_its_statement(world,
                                                                               tmp_path):
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    early, _ = a07.sync.export(stick, PW)  # says it holds bundle 1
    _report(office, a08, stick)
    second, _ = office.sync.export(stick, PW)
    for laptop in (a07, a08):
        laptop.sync.import_bundle(second)
    _report(office, a07, stick)
    _report(office, a08, stick)
    office.sync.import_bundle(early)  # late
    assert _since(office.sync.export(stick, PW)[0]) == bundle_open.peek_manifest(
        second).sequence


def test_enrolment_takes_the_complete_bundle_from_a_stick_that_also_holds_a_later_one(
        world, tmp_path):
    office, laptops, stick = world
    for laptop in laptops.values():
        _report(office, laptop, stick)
    office.people.create("赵六", "A09", Role.AUDITOR, PW, "督查三组")
    drive = tmp_path / "drive"
    drive.mkdir()
    prepared, _ = office.enrolment.prepare(drive, PW)
    assert _since(prepared) == 0
    later, _ = office.sync.export(drive, PW)
    assert _since(later) > 0
    fresh = Services.open(tmp_path / "A09")
    try:
        offer = fresh.enrolment.read(drive)
        assert offer.bundle == prepared
        _profile, summary, _request = fresh.enrolment.join(offer, "A09", OWN, drive)
        assert summary.counts["new"] >= 3
        assert {s.code for s in fresh.sites.search()} == {"YZ-1", "YZ-2", "XD-1"}
        fresh.sync.import_bundle(later)  # it holds the prepared one: the later one fits
        [issued] = office.enrolment.issue_requests(drive, PW)
        assert issued.serial and not issued.problem
        with_certificate, _ = office.sync.export(drive, PW)
        assert _since(with_certificate) == 0  # until the new laptop says what it holds
        fresh.sync.import_bundle(with_certificate)
        assert fresh.credentials.status() == "installed"
        _report(office, fresh, drive, OWN)
        assert _since(office.sync.export(drive, PW)[0]) > 0
    finally:
        fresh.close()


def test_an_office_bundle_whose_since_is_not_a_number_is_refused(world, tmp_path):
    from tests.corpus import bundle_forge

    office, laptops, stick = world
    bundle, _ = office.sync.export(stick, PW)
    document, _members = bundle_forge.contents(bundle)
    forged = bundle_forge.forge_from(
        bundle, tmp_path / "forged.cabundle", _office_credential(office),
        meta={**document["meta"], sync_holds.SINCE_KEY: "all"})
    with pytest.raises(bundle_format.BundleError, match="not a bundle number"):
        laptops["A07"].sync.import_bundle(forged)


def _office_credential(office: Services):
    from model.people import keys
    return keys.signing_credential(office.store, office.user, PW)
