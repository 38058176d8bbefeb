"""Broken and hostile files offered as evidence photos (laptop, A07, its open inspection)."""

from __future__ import annotations

import datetime as dt
import functools
import io
import random
import struct
import tempfile
import zlib
from pathlib import Path

from PIL import Image

from tests.corpus.case import Spec, static
from tests.helpers import make_jpeg

DAMAGED = "incomplete or damaged"
NOT_A_PHOTO = "not a photo"
ONLY_OURS = "only JPEG, PNG and HEIC"


def specs() -> list[Spec]:
    """The photo cases."""
    return [
        _photo("photo-truncated.jpg", lambda: _jpeg()[: len(_jpeg()) // 2], (DAMAGED,),
               "a JPEG cut in half"),
        _photo("photo-header-only.jpg", lambda: _jpeg()[: _jpeg().find(b"\xff\xda")],
               (DAMAGED,), "a JPEG that stops after its headers"),
        _photo("photo-zero-bytes.jpg", lambda: b"", ("empty (0 bytes)",), "an empty file"),
        _photo("photo-text.jpg", "巡检记录 not a photo\n".encode, (NOT_A_PHOTO,),
               "a text file named .jpg"),
        _photo("photo-pdf.jpg", lambda: b"%PDF-1.7\n" + bytes(200), (NOT_A_PHOTO,),
               "a PDF named .jpg"),
        _photo("photo-png-bomb.png", lambda: _png_claiming(100_000, 100_000),
               ("too many pixels",), "a PNG declaring 100000 × 100000 pixels"),
        _photo("photo-jpeg-bomb.jpg", lambda: _jpeg_claiming(60_000, 60_000),
               ("too many pixels",), "a JPEG whose frame header claims 60000 × 60000"),
        _photo("photo-truncated.png", lambda: _noise_png()[:-400], (DAMAGED,),
               "a PNG cut short"),
        _photo("photo-gif.gif", lambda: _image_bytes("GIF"), (ONLY_OURS,),
               "a GIF, a format not accepted"),
        _photo("photo-tiff.tif", lambda: _image_bytes("TIFF"), (ONLY_OURS,),
               "a TIFF, a format not accepted"),
        _photo("photo-fake.heic",
               lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(500),
               (DAMAGED,), "a HEIC header over zeros"),
        _photo("photo-text.heic", lambda: b"IMG_0001 placeholder\n", (NOT_A_PHOTO,),
               "a text file named .heic"),
        _photo("photo-garbage.jpg", lambda: b"\xff\xd8\xff\xe0" + random.Random(3).randbytes(3000),
               (DAMAGED,), "a JPEG marker over random bytes"),
        _photo("photo-corrupt-exif.jpg", _corrupt_exif, ("stored",),
               "camera EXIF overwritten with junk (taken, as EXIF is never a reason to refuse)",
               accepted=True),
        _photo("photo-1x1.jpg", lambda: _image_bytes("JPEG", (1, 1)), ("stored", "no_exif"),
               "a 1 × 1 pixel image (taken, flagged as without camera EXIF)", accepted=True),
    ]


def _photo(name: str, produce, reasons: tuple[str, ...], describe: str,
           accepted: bool = False) -> Spec:
    return Spec(name, "photos", describe, reasons if accepted else ("refused", *reasons),
                static(produce), accepted=accepted, changes_store=accepted)


@functools.cache
def _jpeg() -> bytes:
    """A camera-like JPEG (capture time, GPS) of 800 × 600."""
    with tempfile.TemporaryDirectory() as folder:
        return make_jpeg(Path(folder) / "source.jpg", dt.datetime.now()).read_bytes()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width`` × ``height`` over one tiny row of data."""
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(bytes(64))) + _chunk(b"IEND", b""))


def _jpeg_claiming(width: int, height: int) -> bytes:
    data = bytearray(_jpeg())
    frame = data.find(b"\xff\xc0")
    data[frame + 5:frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _noise_png() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((200, 150), 60).save(buffer, "PNG")
    return buffer.getvalue()


def _image_bytes(kind: str, size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, kind)
    return buffer.getvalue()


def _corrupt_exif() -> bytes:
    """The JPEG with the body of its EXIF (APP1) segment replaced by junk of the same length."""
    jpeg = _jpeg()
    start = jpeg.find(b"\xff\xe1")
    length = struct.unpack(">H", jpeg[start + 2:start + 4])[0]
    body = b"Exif\x00\x00II*\x00" + random.Random(5).randbytes(length - 2 - 10)
    return jpeg[: start + 4] + body + jpeg[start + 2 + length:]
