"""Evidence photo ingest against a real store and media folder."""

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from PIL import Image

from model.errors import LockedError
from model.photos import media
from model.photos.photos import Flag, IngestStatus
from model.store import audit
from tests.conftest import PASSWORD
from tests.helpers import make_jpeg, site_line, sites_csv

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "photos"


@pytest.fixture
def inspecting(auditor_services, tmp_path):
    s = auditor_services
    s.login("O01", PASSWORD)
    s.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1"), site_line("YZ-2")]))
    s.login("A07", PASSWORD)
    inspection = s.inspections.start("YZ-1")
    return s, inspection


def _now_local():
    return dt.datetime.now().replace(microsecond=0)


def test_a_photo_is_stored_byte_for_byte_under_its_hash(inspecting, tmp_path):
    services, inspection = inspecting
    path = make_jpeg(tmp_path / "a.jpg", _now_local())
    [outcome] = services.photos.add(inspection.id, [path], "ZCGD-06")
    assert outcome.status is IngestStatus.STORED and outcome.flags == ()
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert outcome.sha256 == sha
    stored = media.original_path(services.store, sha)
    assert stored.read_bytes() == path.read_bytes()
    assert media.thumbnail_path(services.store, sha).exists()
    [photo] = services.photos.of(inspection.id, "ZCGD-06")
    assert photo.sha256 == sha and photo.original_name == "a.jpg"
    event = audit.events(services.store.db, inspection.id)[-1]
    assert event.action == "photo.attach" and event.detail["new"]["sha256"] == sha


def test_the_same_photo_twice_is_stored_once_and_may_back_several_findings(inspecting,
                                                                           tmp_path):
    services, inspection = inspecting
    path = make_jpeg(tmp_path / "a.jpg", _now_local())
    copy = tmp_path / "renamed.jpg"
    copy.write_bytes(path.read_bytes())
    first = services.photos.add(inspection.id, [path], "ZCGD-06")[0]
    again = services.photos.add(inspection.id, [copy], "ZCGD-06")[0]
    other = services.photos.add(inspection.id, [copy], "ZCGD-07")[0]
    assert (first.status, again.status, other.status) == (
        IngestStatus.STORED, IngestStatus.DUPLICATE, IngestStatus.LINKED)
    originals = [p for p in media.root(services.store).glob("??/*")]
    assert len(originals) == 1
    assert len(services.photos.of(inspection.id)) == 2


def test_provenance_flags(inspecting, tmp_path):
    services, inspection = inspecting
    old = make_jpeg(tmp_path / "old.jpg", _now_local() - dt.timedelta(days=3))
    no_gps = make_jpeg(tmp_path / "nogps.jpg", _now_local(), gps=False, colour=(1, 2, 3))
    screenshot = make_jpeg(tmp_path / "shot.jpg", None, colour=(9, 9, 9))
    outcomes = services.photos.add(inspection.id, [old, no_gps, screenshot])
    flags = [set(o.flags) for o in outcomes]
    assert Flag.TIME_OUTSIDE.value in flags[0]
    assert flags[1] == {Flag.NO_GPS.value}
    assert {Flag.NO_EXIF.value, Flag.NO_GPS.value} <= flags[2]
    services.inspections.finish(inspection.id)
    later = services.inspections.start("YZ-2")
    reused = services.photos.add(later.id, [no_gps])[0]
    assert Flag.USED_ELSEWHERE.value in reused.flags


def test_folders_are_walked_and_each_bad_file_is_refused_with_its_reason(inspecting, tmp_path):
    services, inspection = inspecting
    folder = tmp_path / "card"
    (folder / "DCIM").mkdir(parents=True)
    make_jpeg(folder / "DCIM" / "good1.jpg", _now_local())
    make_jpeg(folder / "DCIM" / "good2.JPG", _now_local(), colour=(200, 1, 1))
    (folder / "DCIM" / "empty.jpg").write_bytes(b"")
    (folder / "DCIM" / "notes.jpg").write_text("not a photo")
    good = (folder / "DCIM" / "good1.jpg").read_bytes()
    (folder / "DCIM" / "cut.jpg").write_bytes(good[: len(good) // 2])
    (folder / "DCIM" / "readme.txt").write_text("ignored in a folder")
    outcomes = {Path(o.path).name: o for o in services.photos.add(inspection.id, [folder])}
    assert set(outcomes) == {"good1.jpg", "good2.JPG", "empty.jpg", "notes.jpg", "cut.jpg"}
    assert outcomes["good1.jpg"].status is IngestStatus.STORED
    assert outcomes["good2.JPG"].status is IngestStatus.STORED
    for name in ("empty.jpg", "notes.jpg", "cut.jpg"):
        assert outcomes[name].status is IngestStatus.REFUSED and outcomes[name].reason
    assert len(services.photos.of(inspection.id)) == 2
    assert list((media.root(services.store) / "tmp").glob("*.part")) == []


def test_a_path_that_is_not_there_is_refused_and_leaves_nothing(inspecting, tmp_path):
    services, inspection = inspecting
    good = make_jpeg(tmp_path / "good.jpg", _now_local())
    outcomes = services.photos.add(inspection.id, [tmp_path / "typo.jpg", good])
    missing = next(o for o in outcomes if o.path.endswith("typo.jpg"))
    assert missing.status is IngestStatus.REFUSED and missing.reason_kind == "missing"
    assert "no such file" in missing.reason
    assert [p.original_name for p in services.photos.of(inspection.id)] == ["good.jpg"]


def test_a_file_that_vanishes_after_it_was_found_is_refused(tmp_path):
    from model.photos.photos import analyse_file

    gone = tmp_path / "gone.jpg"
    refusal = analyse_file(gone)  # what a worker sees when the card is pulled out mid-import
    assert refusal.kind == "disappeared" and "disappeared" in refusal.reason


def test_detach_keeps_a_shared_original_and_deletes_an_unreferenced_one(inspecting, tmp_path):
    services, inspection = inspecting
    path = make_jpeg(tmp_path / "a.jpg", _now_local())
    services.photos.add(inspection.id, [path], "ZCGD-06")
    services.photos.add(inspection.id, [path], "ZCGD-07")
    first, second = services.photos.of(inspection.id)
    original = media.original_path(services.store, first.sha256)
    services.photos.detach(first.id)
    assert original.exists()
    services.photos.detach(second.id)
    assert not original.exists()
    assert services.photos.of(inspection.id) == []


def test_a_finished_inspection_takes_no_photos(inspecting, tmp_path):
    services, inspection = inspecting
    services.inspections.finish(inspection.id)
    with pytest.raises(LockedError):
        services.photos.add(inspection.id, [make_jpeg(tmp_path / "a.jpg", _now_local())])


def test_annotations_and_stamp_touch_only_derived_copies(inspecting, tmp_path):
    services, inspection = inspecting
    path = make_jpeg(tmp_path / "a.jpg", _now_local(), size=(1200, 900))
    services.photos.add(inspection.id, [path], "ZCGD-06")
    [photo] = services.photos.of(inspection.id)
    sha_before = media.sha256_of(media.original_path(services.store, photo.sha256))
    shapes = [{"kind": "arrow", "x1": 0.1, "y1": 0.1, "x2": 0.5, "y2": 0.5},
              {"kind": "text", "x1": 0.2, "y1": 0.8, "x2": 0.2, "y2": 0.8, "text": "烟头"}]
    services.photos.annotate(photo.id, shapes)
    plain = services.photos.copy(photo.id, stamp=False)
    stamped = services.photos.copy(photo.id, stamp=True)
    assert plain != stamped and plain.exists() and stamped.exists()
    assert media.sha256_of(media.original_path(services.store, photo.sha256)) == sha_before
    assert sha_before == photo.sha256
    stored = json.loads(services.store.db.execute(
        "SELECT annotations FROM photo WHERE id = ?", [photo.id]).fetchone()[0])
    assert [s["kind"] for s in stored] == ["arrow", "text"]
    with Image.open(stamped) as image:
        assert max(image.size) == 1200  # never upscaled past the original



def test_an_auditors_previews_bring_the_copies_his_notices_print(inspecting, tmp_path):
    from model.photos import photos

    services, inspection = inspecting
    path = make_jpeg(tmp_path / "a.jpg", _now_local(), size=(2400, 1800))
    services.photos.add(inspection.id, [path], "ZCGD-06")
    [photo] = services.photos.of(inspection.id)
    derived = media.root(services.store) / "derived"
    assert not derived.exists() or not any(derived.iterdir())
    assert services.photos.make_previews() == 1
    [copy] = derived.iterdir()
    made = copy.stat().st_mtime_ns
    assert photos.rendered_copy(services.store, photo.id, edge=photos.PRINT_EDGE) == copy
    assert copy.stat().st_mtime_ns == made  # the notice found it made, not drawn again
    with Image.open(copy) as image:
        assert max(image.size) == photos.PRINT_EDGE


def test_the_office_makes_previews_without_print_copies(inspecting, tmp_path):
    services, inspection = inspecting
    services.photos.add(inspection.id, [make_jpeg(tmp_path / "a.jpg", _now_local())])
    services.login("O01", PASSWORD)
    assert services.photos.make_previews() == 1
    assert not (media.root(services.store) / "derived").exists()

@pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference photos not available")
def test_real_camera_files_import_with_their_metadata(inspecting):
    services, inspection = inspecting
    files = [REFERENCE / "camera" / "DSCN0010.jpg", REFERENCE / "camera" / "no_exif.jpg",
             REFERENCE / "bad-exif" / "corrupted.jpg"]
    outcomes = services.photos.add(inspection.id, files)
    assert [o.status for o in outcomes] == [IngestStatus.STORED] * 3
    row = services.store.db.execute(
        "SELECT lat, lon, make FROM media WHERE sha256 = ?", [outcomes[0].sha256]).fetchone()
    assert 43 < row[0] < 44 and 11 < row[1] < 12 and row[2].upper().startswith("NIKON")
    assert Flag.NO_EXIF.value in outcomes[1].flags


def test_deleted_thumbnails_are_made_again_on_demand(inspecting, tmp_path):
    services, inspection = inspecting
    services.photos.add(inspection.id, [make_jpeg(tmp_path / "a.jpg", _now_local())])
    [photo] = services.photos.of(inspection.id)
    thumb = media.thumbnail_path(services.store, photo.sha256)
    thumb.unlink()
    assert services.photos.thumbnail(photo) == thumb and thumb.exists()
    with Image.open(thumb) as image:
        assert max(image.size) == 320


def test_the_office_sets_the_stamp_template(inspecting, tmp_path):
    from model.errors import PermissionDeniedError, ValidationError

    services, inspection = inspecting
    services.photos.add(inspection.id, [make_jpeg(tmp_path / "a.jpg", _now_local())])
    [photo] = services.photos.of(inspection.id)
    with pytest.raises(PermissionDeniedError):
        services.photos.set_stamp_template("{site}")
    services.login("O01", PASSWORD)
    with pytest.raises(ValidationError, match="unknown field"):
        services.photos.set_stamp_template("{weather}")
    services.photos.set_stamp_template("迎泽创城 {site}\n#{hash}")
    from model.photos.photos import stamp_lines
    expected = ["迎泽创城 YZ-1 测试点位", f"#{photo.sha256[:12]}"]
    assert stamp_lines(services.store, photo.id) == expected


def test_only_stale_partial_files_are_swept(services):
    import os
    import time

    folder = media.staging_folder(services.store)
    fresh, stale = folder / "fresh.part", folder / "stale.part"
    fresh.write_bytes(b"x")
    stale.write_bytes(b"x")
    old = time.time() - media.STALE_PARTIAL_SECONDS - 10
    os.utime(stale, (old, old))
    assert media.clean_partials(services.store) == 1
    assert fresh.exists() and not stale.exists()


def test_a_photo_without_a_capture_time_is_stamped_as_such_with_its_import_time(
        inspecting, tmp_path, monkeypatch):
    """Issue 17: a screenshot was stamped with its import time as if it were taken then."""
    from model.photos import imaging, photos
    from model.store import clock

    services, inspection = inspecting
    imported = dt.datetime(2026, 11, 26, 5, 12, tzinfo=dt.UTC)  # 13:12 in the office's zone
    taken = dt.datetime(2026, 11, 26, 13, 7, tzinfo=clock.CST)
    with clock.pinned(imported):
        no_time, camera = services.photos.add(inspection.id, [
            make_jpeg(tmp_path / "shot.jpg", None), make_jpeg(tmp_path / "cam.jpg", taken)])
    drawn = []
    real = imaging.render_derived
    monkeypatch.setattr(imaging, "render_derived",
                        lambda *args: drawn.append(args[2]) or real(*args))
    services.photos.copy(no_time.photo_id, stamp=True)
    honest = "拍摄时间不详（导入于 2026-11-26 13:12）"
    assert drawn == [photos.stamp_lines(services.store, no_time.photo_id)]
    assert drawn[0][0] == f"{honest}  YZ-1 测试点位"
    assert photos.caption(services.store, no_time.photo_id) == f"{honest} · GPS —"
    # a photo that knows when it was taken keeps its capture time, as before
    assert photos.stamp_lines(services.store, camera.photo_id)[0].startswith(
        "2026-11-26 13:07  YZ-1")
    assert photos.caption(services.store, camera.photo_id) == (
        "2026-11-26 13:07 · 37.86000, 112.55000")
