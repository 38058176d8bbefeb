"""Pixel work on evidence photos: upright thumbnails and previews, metadata, refusals, drawing."""

import dataclasses
import errno
import hashlib
import io
import math
import multiprocessing
import os
import pickle
import random
import struct
import subprocess
import sys
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFile, ImageFont
from PIL.ExifTags import GPS, IFD, Base
from PIL.TiffImagePlugin import IFDRational

from model.errors import OutputFileError, PhotoRefusedError
from model.photos import imaging
from model.photos.exifmeta import PhotoMeta, read_meta

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = ROOT / ".." / "shared" / "reference" / "photos"
FONT = ROOT / "resources" / "fonts" / "NotoSansSC-Regular.ttf"

# Mean absolute difference (0-255) of 32×24 greyscale versions: the scene under another
# orientation number (each file shows its own digit) measures about 13, the upright scene
# mirrored about 39, turned or stored sideways 55 and more.
SAME_SCENE = 20
OTHER_SCENE = 30


@pytest.fixture
def photos() -> Path:
    if not PHOTOS.is_dir():
        pytest.skip("the reference photos (shared/reference/photos) are not here")
    return PHOTOS.resolve()


def grey(image) -> bytes:
    if isinstance(image, bytes):
        image = Image.open(io.BytesIO(image))
    elif isinstance(image, Path):
        image = Image.open(image)
    return image.convert("L").resize((32, 24), Image.Resampling.BOX).tobytes()


def distance(a: bytes, b: bytes) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def jpeg(path: Path, size=(64, 48), exif: Image.Exif | None = None, colour="grey",
         **options) -> Path:
    Image.new("RGB", size, colour).save(path, "JPEG", exif=exif.tobytes() if exif else b"",
                                        **options)
    return path


def bitmap_png(path: Path, width: int, height: int) -> Path:
    """A black 1-bit PNG, compressed row by row so the test never holds its pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    row = bytes(1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
                     + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return path


def jpeg_claiming(path: Path, width: int, height: int) -> Path:
    """A small real JPEG whose frame header claims ``width`` × ``height``."""
    data = bytearray(jpeg(path, (16, 16)).read_bytes())
    frame = data.find(b"\xff\xc0")
    data[frame + 5:frame + 9] = struct.pack(">HH", height, width)
    path.write_bytes(bytes(data))
    return path


# --- orientation ---------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, 9))
def test_every_orientation_gives_an_upright_thumbnail(photos, number):
    reference = grey(imaging.analyse(photos / "orientation" / "landscape_1.jpg")[1])
    meta, thumbnail = imaging.analyse(photos / "orientation" / f"landscape_{number}.jpg")
    image = Image.open(io.BytesIO(thumbnail))
    assert meta.orientation == number
    assert (meta.width, meta.height) == (600, 450)
    assert image.format == "JPEG" and image.size == (320, 240)
    assert distance(grey(image), reference) < SAME_SCENE


@pytest.mark.parametrize("number", range(1, 9))
def test_every_orientation_gives_an_upright_preview(photos, number, tmp_path):
    reference = grey(photos / "orientation" / "landscape_1.jpg")
    imaging.make_preview(photos / "orientation" / f"landscape_{number}.jpg", tmp_path / "p.jpg")
    with Image.open(tmp_path / "p.jpg") as preview:
        assert preview.size == (600, 450)  # smaller than 1600 px: not enlarged
        assert preview.getexif()[Base.Orientation] == 1
        assert distance(grey(preview), reference) < SAME_SCENE


def test_the_upright_check_tells_a_wrong_orientation_apart(photos):
    upright = Image.open(photos / "orientation" / "landscape_1.jpg")
    for wrong in (Image.Transpose.FLIP_LEFT_RIGHT, Image.Transpose.ROTATE_180,
                  Image.Transpose.FLIP_TOP_BOTTOM):
        assert distance(grey(upright.transpose(wrong)), grey(upright)) > OTHER_SCENE
    stored_sideways = Image.open(photos / "orientation" / "landscape_6.jpg")
    assert distance(grey(stored_sideways), grey(upright)) > OTHER_SCENE


def test_a_generated_sideways_phone_photo_is_turned_upright(tmp_path):
    # Stored as the sensor saw it (left half dark); orientation 6 means turn it clockwise,
    # after which the dark half is at the top.
    stored = Image.new("RGB", (400, 300), "white")
    stored.paste((0, 0, 0), (0, 0, 200, 300))
    exif = Image.Exif()
    exif[Base.Orientation] = 6
    stored.save(tmp_path / "phone.jpg", exif=exif.tobytes())
    meta, thumbnail = imaging.analyse(tmp_path / "phone.jpg")
    upright = Image.open(io.BytesIO(thumbnail)).convert("L")
    assert (meta.width, meta.height) == (300, 400) and upright.size == (240, 320)
    assert upright.getpixel((120, 40)) < 60 and upright.getpixel((120, 280)) > 200


# --- metadata from real cameras ------------------------------------------------------------


def test_gps_and_capture_time_of_a_nikon_with_gps(photos):
    meta, _ = imaging.analyse(photos / "camera" / "DSCN0010.jpg")
    # Read with exiftool-free reasoning: 43° 28' 2.81" N, 11° 53' 6.46" E (Tuscany).
    assert 43.46 < meta.lat < 43.47, meta
    assert 11.88 < meta.lon < 11.89, meta
    assert meta.taken_at == "2008-10-22T16:28:39"
    assert (meta.make, meta.model) == ("NIKON", "COOLPIX P6000")
    assert meta.has_exif and meta.gps_accuracy_m is None


@pytest.mark.parametrize(("name", "make", "model", "taken_at"), [
    ("Canon_40D.jpg", "Canon", "Canon EOS 40D", "2008-05-30T15:56:01"),
    ("Nikon_D70.jpg", "NIKON CORPORATION", "NIKON D70", "2008-03-15T09:52:01"),
])
def test_make_and_model_of_cameras(photos, name, make, model, taken_at):
    meta, _ = imaging.analyse(photos / "camera" / name)
    assert (meta.make, meta.model, meta.taken_at) == (make, model, taken_at)
    assert meta.has_exif and meta.lat is None


def test_an_image_without_camera_exif_is_accepted_and_says_so(photos):
    # Photoshop left an EXIF block with its own name and save time, but nothing from a camera.
    meta, thumbnail = imaging.analyse(photos / "camera" / "no_exif.jpg")
    assert not meta.has_exif
    assert (meta.width, meta.height) == (322, 466) and (meta.make, meta.model) == ("", "")
    assert Image.open(io.BytesIO(thumbnail)).size == (221, 320)


@pytest.mark.parametrize("name", ["corrupted.jpg", "image00971.jpg"])
def test_photos_with_malformed_exif_are_accepted(photos, name):
    meta, thumbnail = imaging.analyse(photos / "bad-exif" / name)
    image = Image.open(io.BytesIO(thumbnail))
    image.load()
    assert max(image.size) == 320 and meta.width > meta.height
    assert image.convert("L").getextrema()[1] > 100  # a picture, not a blank


def test_a_heic_photo_from_an_iphone(photos, tmp_path):
    pytest.importorskip("pillow_heif")
    original = photos / "camera" / "iphone_13_pro_max.HEIC"
    meta, thumbnail = imaging.analyse(original)
    assert (meta.make, meta.model) == ("Apple", "iPhone 13 Pro Max")
    assert meta.taken_at == "2022-02-16T12:55:41+01:00"
    assert (meta.width, meta.height) == (3024, 4032)  # upright: libheif applies the rotation
    assert Image.open(io.BytesIO(thumbnail)).size == (240, 320)
    imaging.make_preview(original, tmp_path / "p.jpg")
    with Image.open(tmp_path / "p.jpg") as preview:  # decoded in full, not from the thumbnail
        assert preview.format == "JPEG" and preview.size == (1200, 1600)
        assert read_meta(preview).taken_at == meta.taken_at
        assert distance(grey(preview), grey(thumbnail)) < 5  # the same picture, same way up


def test_a_heic_cut_short_is_refused(photos, tmp_path):
    pytest.importorskip("pillow_heif")
    data = (photos / "camera" / "iphone_13_pro_max.HEIC").read_bytes()
    (tmp_path / "cut.heic").write_bytes(data[:len(data) // 2])
    with pytest.raises(PhotoRefusedError, match="incomplete or damaged"):
        imaging.analyse(tmp_path / "cut.heic")


def test_heic_without_pillow_heif_is_refused_with_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(imaging, "heic_supported", lambda: False)
    path = tmp_path / "IMG_0001.HEIC"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(500))
    with pytest.raises(PhotoRefusedError) as refused:
        imaging.analyse(path)
    assert "HEIC" in refused.value.reason and "JPEG" in refused.value.reason


# --- metadata edge cases -------------------------------------------------------------------


def meta_of(tmp_path, base: dict | None = None, details: dict | None = None,
            gps: dict | None = None) -> PhotoMeta:
    exif = Image.Exif()
    exif.update(base or {})
    if details:
        exif[IFD.Exif] = details
    if gps:
        exif[IFD.GPSInfo] = gps
    return imaging.analyse(jpeg(tmp_path / "m.jpg", exif=exif))[0]


def test_capture_time_carries_the_recorded_offset(tmp_path):
    meta = meta_of(tmp_path, details={Base.DateTimeOriginal: "2026:03:01 09:15:00",
                                      Base.OffsetTimeOriginal: "+08:00"})
    assert meta.taken_at == "2026-03-01T09:15:00+08:00"


def test_an_unset_camera_clock_falls_back_to_the_file_time(tmp_path):
    meta = meta_of(tmp_path, base={Base.DateTime: "2026:03:01 10:00:00"},
                   details={Base.DateTimeOriginal: "0000:00:00 00:00:00"})
    assert meta.taken_at == "2026-03-01T10:00:00"


def test_south_and_west_are_negative_and_accuracy_is_read(tmp_path):
    meta = meta_of(tmp_path, base={Base.Make: "Xiaomi\x00  "}, gps={
        GPS.GPSLatitudeRef: "S", GPS.GPSLatitude: (33.0, 52.0, 4.0),
        GPS.GPSLongitudeRef: "W", GPS.GPSLongitude: (151.0, 12.0, 36.0),
        GPS.GPSHPositioningError: 4.5})
    assert meta.lat == pytest.approx(-33.867778) and meta.lon == pytest.approx(-151.21)
    assert meta.gps_accuracy_m == 4.5 and meta.make == "Xiaomi" and meta.has_exif


@pytest.mark.parametrize("gps", [
    {GPS.GPSLatitude: (37.0, 51.0, 36.0), GPS.GPSLongitude: (112.0, 33.0, 0.0)},  # no N/S, E/W
    {GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: (IFDRational(1, 0), 0.0, 0.0),
     GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: (112.0, 0.0, 0.0)},  # 1/0 degrees
    {GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: (0.0, 0.0, 0.0),
     GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: (0.0, 0.0, 0.0)},  # what a GPS without fix says
    {GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: (137.0, 0.0, 0.0),
     GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: (112.0, 0.0, 0.0)},  # beyond the pole
])
def test_a_position_that_cannot_be_trusted_is_left_out(tmp_path, gps):
    meta = meta_of(tmp_path, gps=gps)
    assert (meta.lat, meta.lon, meta.gps_accuracy_m) == (None, None, None)


def test_an_impossible_orientation_counts_as_upright(tmp_path):
    meta = meta_of(tmp_path, base={Base.Orientation: 9})
    assert meta.orientation == 1 and (meta.width, meta.height) == (64, 48)


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow warns of each defect it skips
def test_mangled_exif_never_stops_a_photo(photos, tmp_path):
    exif = Image.open(photos / "camera" / "DSCN0010.jpg").info["exif"]
    rng = random.Random(20260301)
    for attempt in range(300):
        mangled = bytearray(exif)
        for _ in range(rng.randint(1, 40)):
            mangled[rng.randrange(6, len(mangled))] = rng.randrange(256)
        path = tmp_path / f"{attempt}.jpg"
        Image.new("RGB", (40, 30), "grey").save(path, "JPEG", exif=bytes(mangled))
        meta, thumbnail = imaging.analyse(path)
        assert isinstance(meta, PhotoMeta) and thumbnail[:2] == b"\xff\xd8"
        path.unlink()


# --- previews ------------------------------------------------------------------------------


def test_a_preview_is_1600_px_keeps_the_metadata_and_leaves_the_original(photos, tmp_path):
    original = photos / "camera" / "jolla.jpg"
    before = sha256(original)
    meta, _ = imaging.analyse(original)
    imaging.make_preview(original, tmp_path / "p.jpg")
    with Image.open(tmp_path / "p.jpg") as preview:
        assert preview.size == (1600, 1200)
        assert read_meta(preview) == dataclasses.replace(meta, width=1600, height=1200)
    assert sha256(original) == before


def test_a_preview_keeps_gps_time_and_camera_and_resets_orientation(tmp_path):
    exif = Image.Exif()
    exif.update({Base.Make: "HUAWEI", Base.Model: "P60", Base.Orientation: 6,
                 Base.DateTime: "2026:03:02 08:00:00"})
    exif[IFD.Exif] = {Base.DateTimeOriginal: "2026:03:01 09:15:00",
                      Base.OffsetTimeOriginal: "+08:00"}
    exif[IFD.GPSInfo] = {GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: (37.0, 51.0, 36.5),
                         GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: (112.0, 33.0, 0.25),
                         GPS.GPSHPositioningError: 3.0}
    original = jpeg(tmp_path / "o.jpg", size=(3000, 2000), exif=exif)
    meta, _ = imaging.analyse(original)
    imaging.make_preview(original, tmp_path / "p.jpg")
    with Image.open(tmp_path / "p.jpg") as preview:
        assert preview.size == (1067, 1600) and preview.getexif()[Base.Orientation] == 1
        kept = read_meta(preview)
    assert kept.lat == pytest.approx(meta.lat, abs=1e-7)
    assert kept.lon == pytest.approx(meta.lon, abs=1e-7)
    assert dataclasses.replace(kept, lat=meta.lat, lon=meta.lon) == dataclasses.replace(
        meta, orientation=1, width=1067, height=1600)
    assert meta.taken_at == "2026-03-01T09:15:00+08:00" and meta.gps_accuracy_m == 3.0


def test_a_small_photo_is_never_enlarged(tmp_path):
    imaging.make_preview(jpeg(tmp_path / "small.jpg", size=(200, 100)), tmp_path / "p.jpg")
    assert Image.open(tmp_path / "p.jpg").size == (200, 100)


def test_a_preview_replaces_the_target_in_one_step(tmp_path):
    target = tmp_path / "previews" / "p.jpg"
    target.parent.mkdir()
    target.write_bytes(b"old")
    imaging.make_preview(jpeg(tmp_path / "o.jpg"), target)
    assert Image.open(target).size == (64, 48)
    assert [p.name for p in target.parent.iterdir()] == ["p.jpg"]  # no temporary left


def test_a_preview_that_cannot_be_written_says_so_and_leaves_nothing(tmp_path):
    with pytest.raises(OutputFileError, match="folder does not exist"):
        imaging.make_preview(jpeg(tmp_path / "o.jpg"), tmp_path / "gone" / "p.jpg")
    folder = tmp_path / "full"
    folder.mkdir()

    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        with pytest.raises(OutputFileError, match="disk is full"):
            imaging.make_preview(jpeg(tmp_path / "o.jpg"), folder / "p.jpg")
    assert list(folder.iterdir()) == []


def test_a_damaged_original_gets_no_preview(photos, tmp_path):
    data = (photos / "camera" / "jolla.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(data[:len(data) // 2])
    with pytest.raises(PhotoRefusedError, match="incomplete or damaged"):
        imaging.make_preview(tmp_path / "cut.jpg", tmp_path / "p.jpg")
    assert not (tmp_path / "p.jpg").exists()


# --- other kinds of image ------------------------------------------------------------------


def test_a_transparent_screenshot_gets_a_white_background(tmp_path):
    Image.new("RGBA", (100, 50), (255, 0, 0, 0)).save(tmp_path / "shot.png")
    meta, thumbnail = imaging.analyse(tmp_path / "shot.png")
    assert not meta.has_exif and meta.taken_at is None
    assert min(Image.open(io.BytesIO(thumbnail)).getpixel((50, 25))) >= 250


def test_only_an_rgb_colour_profile_travels_to_the_thumbnail(tmp_path):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    jpeg(tmp_path / "rgb.jpg", icc_profile=srgb)
    assert Image.open(io.BytesIO(imaging.analyse(tmp_path / "rgb.jpg")[1])).info[
        "icc_profile"] == srgb
    cmyk = srgb[:16] + b"CMYK" + srgb[20:]  # a CMYK profile would misstate the RGB pixels
    Image.new("CMYK", (64, 48)).save(tmp_path / "cmyk.jpg", icc_profile=cmyk)
    assert "icc_profile" not in Image.open(
        io.BytesIO(imaging.analyse(tmp_path / "cmyk.jpg")[1])).info


def test_a_16_bit_grey_png_keeps_its_tones(tmp_path):
    Image.new("I;16", (100, 50), 32768).save(tmp_path / "scan.png")
    _, thumbnail = imaging.analyse(tmp_path / "scan.png")
    assert 120 < Image.open(io.BytesIO(thumbnail)).convert("L").getpixel((50, 25)) < 136


def test_a_cmyk_jpeg_comes_out_in_its_colours(tmp_path):
    Image.new("CMYK", (100, 50), (0, 255, 255, 0)).save(tmp_path / "print.jpg")
    _, thumbnail = imaging.analyse(tmp_path / "print.jpg")
    red, green, blue = Image.open(io.BytesIO(thumbnail)).getpixel((50, 25))
    assert red > 200 and green < 60 and blue < 60


def test_a_multi_picture_jpeg_from_a_camera_is_accepted(tmp_path):
    frames = [Image.new("RGB", (800, 600), colour) for colour in ("red", "blue")]
    frames[0].save(tmp_path / "dual.jpg", "MPO", save_all=True, append_images=frames[1:])
    assert Image.open(tmp_path / "dual.jpg").format == "MPO"
    _, thumbnail = imaging.analyse(tmp_path / "dual.jpg")
    assert Image.open(io.BytesIO(thumbnail)).getpixel((160, 120))[0] > 200


# --- refusals ------------------------------------------------------------------------------


def refused(path: Path) -> str:
    with pytest.raises(PhotoRefusedError) as refusal:
        imaging.analyse(path)
    assert refusal.value.path == str(path)
    return refusal.value.reason


def test_an_empty_file_is_refused(tmp_path):
    (tmp_path / "empty.jpg").write_bytes(b"")
    assert "empty (0 bytes)" in refused(tmp_path / "empty.jpg")


def test_a_text_file_named_jpg_is_refused(tmp_path):
    (tmp_path / "notes.jpg").write_text("巡检记录 not a photo\n", "utf-8")
    assert "not a photo" in refused(tmp_path / "notes.jpg")


def test_an_unsupported_format_is_refused(tmp_path):
    Image.new("RGB", (20, 20)).save(tmp_path / "anim.gif")
    assert "only JPEG, PNG and HEIC" in refused(tmp_path / "anim.gif")
    # A phone's video sits beside its photos and starts like a HEIC.
    (tmp_path / "IMG_0002.MOV").write_bytes(b"\x00\x00\x00\x14ftypqt  " + bytes(500))
    assert "only JPEG, PNG and HEIC" in refused(tmp_path / "IMG_0002.MOV")


def test_a_heic_damaged_in_its_header_is_refused_as_damaged(tmp_path):
    pytest.importorskip("pillow_heif")
    path = tmp_path / "IMG_0001.HEIC"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(500))
    assert "incomplete or damaged" in refused(path)


@pytest.mark.parametrize("fraction", [0.5, 0.95])
def test_a_truncated_jpeg_is_refused(photos, tmp_path, fraction):
    data = (photos / "camera" / "jolla.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(data[:int(len(data) * fraction)])
    assert "incomplete or damaged" in refused(tmp_path / "cut.jpg")


def test_a_truncated_progressive_jpeg_is_refused(tmp_path):
    noise = Image.effect_noise((800, 600), 60).convert("RGB")
    noise.save(tmp_path / "p.jpg", progressive=True)
    data = (tmp_path / "p.jpg").read_bytes()
    (tmp_path / "p.jpg").write_bytes(data[:len(data) * 3 // 4])
    assert "incomplete or damaged" in refused(tmp_path / "p.jpg")


def test_a_corrupt_jpeg_is_refused(photos, tmp_path):
    data = (photos / "camera" / "jolla.jpg").read_bytes()
    # Zeros over the middle decode, as grey blocks, without complaint (libjpeg only warns);
    # what Pillow reports is a stream of markers, and a file that stops after its headers.
    broken = bytearray(data)
    broken[len(data) // 3:len(data) // 3 + 2000] = b"\xff" * 2000
    (tmp_path / "broken.jpg").write_bytes(bytes(broken))
    assert "incomplete or damaged" in refused(tmp_path / "broken.jpg")
    (tmp_path / "header.jpg").write_bytes(data[:data.find(b"\xff\xda")])
    assert "incomplete or damaged" in refused(tmp_path / "header.jpg")


def test_a_truncated_png_is_refused(tmp_path):
    Image.effect_noise((300, 200), 60).save(tmp_path / "cut.png")
    data = (tmp_path / "cut.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[:len(data) // 2])
    assert "incomplete or damaged" in refused(tmp_path / "cut.png")


@pytest.fixture
def no_decoding(monkeypatch):
    def load(self):
        raise AssertionError("the image was decoded")
    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


@pytest.mark.parametrize(("make", "size"), [
    (lambda path: bitmap_png(path, 20000, 20000), "20000 × 20000 is 400 megapixels"),
    (lambda path: jpeg_claiming(path, 60000, 60000), "60000 × 60000 is 3600 megapixels"),
    # 81 MP: over our limit, under the one at which Pillow itself warns
    (lambda path: jpeg_claiming(path, 9000, 9000), "9000 × 9000 is 81 megapixels"),
])
def test_too_many_pixels_are_refused_before_decoding(tmp_path, no_decoding, make, size):
    path = make(tmp_path / "bomb.img")
    started = time.perf_counter()
    reason = refused(path)
    assert time.perf_counter() - started < 1
    assert reason == f"the image has too many pixels: {size} and the limit is 80 megapixels"


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX-only")
def test_a_decompression_bomb_costs_no_memory(tmp_path):
    bomb = bitmap_png(tmp_path / "bomb.png", 20000, 20000)  # 400 MB once decoded
    code = ("import resource, sys\nfrom model.photos import imaging\nfrom model.errors import "
            "PhotoRefusedError\nbefore = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "try:\n    imaging.analyse(sys.argv[1])\nexcept PhotoRefusedError:\n    pass\n"
            "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print((after - before) // 1024)")
    grown = subprocess.run([sys.executable, "-c", code, str(bomb)], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout
    assert int(grown) < 20  # MB (ru_maxrss is in KiB on Linux)


def test_a_folder_is_refused(tmp_path):
    assert "folder" in refused(tmp_path)


def test_a_file_that_disappeared_is_refused(tmp_path):
    path = jpeg(tmp_path / "DSC_0001.jpg")
    path.unlink()  # the card was pulled out between listing and reading
    assert "disappeared" in refused(path)
    assert "disappeared" in refused(tmp_path / "never-there.jpg")


def test_a_read_error_while_decoding_is_refused_as_unreadable(tmp_path, monkeypatch):
    def load(self):
        raise OSError(errno.EIO, "Input/output error")
    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    assert "cannot be read (Input/output error)" in refused(jpeg(tmp_path / "a.jpg"))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="permissions do not stop root")
def test_a_file_without_read_permission_is_refused(tmp_path):
    path = jpeg(tmp_path / "locked.jpg")
    path.chmod(0)
    assert "cannot be read" in refused(path)


def test_results_and_refusals_cross_into_worker_processes(tmp_path):
    good, bad = jpeg(tmp_path / "good.jpg"), tmp_path / "bad.jpg"
    bad.write_bytes(b"")
    assert pickle.loads(pickle.dumps(PhotoRefusedError(bad, "why"))).reason == "why"
    context = multiprocessing.get_context("spawn")  # as on Windows
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(imaging.analyse, good).result() == imaging.analyse(good)
        refusal = pool.submit(imaging.analyse, bad).exception()
    assert isinstance(refusal, PhotoRefusedError) and refusal.path == str(bad)
    assert "empty" in refusal.reason


# --- annotations and the stamp -------------------------------------------------------------


@pytest.fixture
def preview(tmp_path) -> Path:
    return jpeg(tmp_path / "preview.jpg", size=(1600, 1200), colour=(90, 140, 90), quality=95)


def changed(before: Image.Image, after: Image.Image, box) -> int:
    """How many pixels inside ``box`` differ visibly."""
    a, b = before.crop(box).convert("L").tobytes(), after.crop(box).convert("L").tobytes()
    return sum(abs(x - y) > 40 for x, y in zip(a, b, strict=True))


def test_annotations_are_drawn_where_they_point(preview):
    before_hash = sha256(preview)
    plain = Image.open(preview).convert("RGB")
    arrow = {"kind": "arrow", "x1": 0.1, "y1": 0.1, "x2": 0.4, "y2": 0.4}
    drawn = imaging.render_derived(preview, [arrow], [], None)
    assert drawn.size == plain.size and drawn.mode == "RGB"
    for t in (0.2, 0.5, 0.8):  # along the shaft
        x, y = 1599 * (0.1 + 0.3 * t), 1199 * (0.1 + 0.3 * t)
        assert changed(plain, drawn, (x - 6, y - 6, x + 6, y + 6)) > 0
    assert drawn.getpixel((int(0.4 * 1599) - 5, int(0.4 * 1199) - 5)) == (224, 0, 0)  # the head
    assert changed(plain, drawn, (1000, 700, 1600, 1200)) == 0  # nothing elsewhere
    assert sha256(preview) == before_hash


@pytest.mark.parametrize(("shape", "box"), [
    ({"kind": "circle", "x1": 0.5, "y1": 0.5, "x2": 0.7, "y2": 0.9}, (790, 590, 1130, 1090)),
    ({"kind": "rect", "x1": 0.7, "y1": 0.9, "x2": 0.5, "y2": 0.5, "colour": "#0000FF"},
     (790, 590, 1130, 1090)),
    ({"kind": "text", "x1": 0.5, "y1": 0.5, "text": "井盖缺失"}, (790, 590, 1300, 700)),
])
def test_each_kind_of_shape_is_drawn_in_its_box(preview, shape, box):
    plain = Image.open(preview).convert("RGB")
    drawn = imaging.render_derived(preview, [shape], [], FONT)
    assert changed(plain, drawn, box) > 100
    assert changed(plain, drawn, (0, 0, 700, 500)) == 0


def test_strokes_grow_with_the_image(tmp_path):
    shape = {"kind": "rect", "x1": 0.2, "y1": 0.2, "x2": 0.8, "y2": 0.8}
    share = []
    for edge in (320, 1600):
        path = jpeg(tmp_path / f"{edge}.jpg", size=(edge, edge * 3 // 4), quality=95)
        plain = Image.open(path).convert("RGB")
        share.append(changed(plain, imaging.render_derived(path, [shape], [], None),
                             (0, 0, *plain.size)) / (plain.width * plain.height))
    assert 0.5 < share[0] / share[1] < 2


def test_the_stamp_is_a_band_of_real_chinese_text(preview):
    lines = ["2026-03-01 09:15 迎泽区柳巷街道", "37.86012 N, 112.55011 E ±5 m", "督查员 王建国"]
    plain = Image.open(preview).convert("RGB")
    stamped = imaging.render_derived(preview, [], lines, FONT)
    band = (0, 1000, 1600, 1200)
    dark = sum(value < 60 for value in stamped.crop(band).convert("L").tobytes())
    bright = sum(value > 200 for value in stamped.crop(band).convert("L").tobytes())
    assert dark > 100_000 and bright > 2_000  # darkened band, white writing
    assert changed(plain, stamped, (0, 0, 1600, 800)) == 0
    glyphs = [glyph(char) for char in "迎泽督查"]
    assert all(min(ink) < 60 for ink in glyphs)  # the font has ink for them ...
    assert len(set(glyphs)) == 4  # ... and not one missing-glyph box for all


def glyph(char: str) -> bytes:
    image = Image.new("L", (60, 60), "white")
    ImageDraw.Draw(image).text((5, 5), char, fill="black", font=ImageFont.truetype(str(FONT), 40))
    return image.tobytes()


def test_long_stamp_lines_are_made_to_fit(preview):
    lines = ["迎泽区柳巷街道" * 12] * 8
    stamped = imaging.render_derived(preview, [], lines, FONT).convert("L")
    column = [stamped.getpixel((800, y)) for y in range(1200)]
    band_top = next(y for y, value in enumerate(column) if value < 60 or value > 200)
    assert band_top > 1200 * 2 / 3 - 5  # at most a third of the photo
    assert max(stamped.crop((1590, 0, 1600, 1200)).tobytes()) < 200  # no text off the edge


def test_a_stamp_without_a_font_still_draws(preview):
    stamped = imaging.render_derived(preview, [], ["2026-03-01 09:15"], None)
    assert max(stamped.crop((0, 1100, 800, 1200)).convert("L").tobytes()) > 200


# --- annotation data -----------------------------------------------------------------------


def test_annotations_are_cleaned():
    cleaned = imaging.validate_annotations([
        {"kind": "arrow", "x1": 0, "y1": 1, "x2": 0.5, "y2": 0.25, "extra": "dropped"},
        {"kind": "text", "x1": 0.1, "y1": 0.2, "text": "占道经营", "colour": "#00AA00"},
    ])
    assert cleaned == [
        {"kind": "arrow", "x1": 0.0, "y1": 1.0, "x2": 0.5, "y2": 0.25, "text": "",
         "colour": "#e00000"},
        {"kind": "text", "x1": 0.1, "y1": 0.2, "x2": 0.1, "y2": 0.2, "text": "占道经营",
         "colour": "#00aa00"},
    ]


GOOD = {"kind": "circle", "x1": 0.1, "y1": 0.1, "x2": 0.2, "y2": 0.2}


@pytest.mark.parametrize(("change", "message"), [
    ({"kind": "star"}, "annotation 1: unknown kind 'star'"),
    ({"x1": 1.5}, "annotation 1: x1 is 1.5, outside 0..1"),
    ({"y2": -0.1}, "annotation 1: y2 is -0.1, outside 0..1"),
    ({"x1": "0.5"}, "annotation 1: x1 is not a number"),
    ({"y1": True}, "annotation 1: y1 is not a number"),
    ({"x2": math.nan}, "annotation 1: x2 is not a number"),
    ({"x2": None}, "annotation 1: x2 is missing"),
    ({"text": "长" * 61}, "annotation 1: text is 61 characters long"),
    ({"text": 5}, "annotation 1: text is not a string"),
    ({"kind": "text", "text": "  "}, "annotation 1: a text annotation needs some text"),
    ({"colour": "red"}, "annotation 1: colour must look like #rrggbb"),
])
def test_a_bad_annotation_is_named(change, message):
    with pytest.raises(ValueError, match=message):
        imaging.validate_annotations([GOOD, {**GOOD, **change}])


def test_annotations_must_be_a_short_list_of_mappings():
    assert len(imaging.validate_annotations([GOOD] * 50)) == 50
    with pytest.raises(ValueError, match="too many annotations: 51"):
        imaging.validate_annotations([GOOD] * 51)
    with pytest.raises(ValueError, match="annotation 0 is not a mapping"):
        imaging.validate_annotations(["arrow"])
    with pytest.raises(ValueError, match="must be a list"):
        imaging.validate_annotations("arrow")
