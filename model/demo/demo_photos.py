"""Photos for the demo city: small drawn scenes with a camera's EXIF, ingested as evidence.

The demo photographs the failures of the inspections the office sends notices
for (and the re-inspections after them), so its notices have evidence to print.
A photo is a 640 × 480 JPEG drawn with Pillow: a street scene with litter
strewn about ("before") or swept clean ("after"), stamped with the capture time
(Beijing time, with its offset) and, where the site has coordinates, its GPS
position, as a phone would. They are analysed in this process: for a few dozen
small pictures, starting the photo worker processes costs more than the work.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from PIL import Image, ImageDraw

from model.people.profiles import Profile
from model.photos import photos
from model.sites.sites import Site
from model.store.db import Store

SIZE = (640, 480)
CAMERA = ("Demo", "CivicAudit Demo Camera")
BEIJING = dt.timezone(dt.timedelta(hours=8))
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_MAKE, _MODEL = 0x010F, 0x0110
_TAKEN, _OFFSET = 0x9003, 0x9011


class InProcess:
    """Stands in for the photo worker pool (``model.photos.workers.PixelWorkers``): runs each job
    here, in order."""

    def map(self, fn: Callable, items: Iterable) -> Iterator:
        """Run ``fn`` over ``items`` in this process, yielding results in order."""
        return map(fn, items)


def scene(seed: str, taken: dt.datetime, site: Site, litter: int) -> bytes:
    """A JPEG of a street scene with ``litter`` pieces of rubbish, with camera EXIF."""
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE, (150, 190, 225))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, SIZE[0], SIZE[1]), fill=(120, 120, 115))       # pavement
    for x in range(0, SIZE[0], 90):                                         # buildings
        height = rng.randint(120, 260)
        tone = rng.randint(150, 210)
        draw.rectangle((x, 300 - height, x + 80, 300), fill=(tone, tone - 20, tone - 40))
    draw.rectangle((rng.randint(40, 500), 250, rng.randint(540, 600), 300), fill=(40, 110, 60))
    for _ in range(litter):                                                 # rubbish
        x, y = rng.randint(10, SIZE[0] - 40), rng.randint(310, SIZE[1] - 30)
        colour = rng.choice(((230, 60, 40), (240, 240, 240), (250, 200, 40), (60, 90, 200)))
        draw.ellipse((x, y, x + rng.randint(12, 34), y + rng.randint(8, 22)), fill=colour)
    return _jpeg(image, taken, site)


def _jpeg(image: Image.Image, taken: dt.datetime, site: Site) -> bytes:
    exif = Image.Exif()
    exif[_MAKE], exif[_MODEL] = CAMERA
    local = taken.astimezone(BEIJING)
    exif.get_ifd(_EXIF_IFD).update({_TAKEN: local.strftime("%Y:%m:%d %H:%M:%S"),
                                    _OFFSET: "+08:00"})
    if site.lat is not None and site.lon is not None:
        exif.get_ifd(_GPS_IFD).update({1: "N", 2: _dms(site.lat), 3: "E", 4: _dms(site.lon)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, exif=exif.tobytes())
    return buffer.getvalue()


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 2)


def attach(store: Store, inspection_id: str, criterion_code: str, actor: Profile,
           pictures: list[bytes]) -> list[str]:
    """Ingest ``pictures`` as evidence of one criterion of an open inspection; return the
    photo ids."""
    with tempfile.TemporaryDirectory(prefix="civicaudit-demo-") as folder:
        files = write_files(Path(folder), pictures, criterion_code)
        outcomes = photos.ingest(store, inspection_id, files, actor, criterion_code,
                                 workers=InProcess())
    return [o.photo_id for o in outcomes if o.photo_id]


def write_files(folder: Path, pictures: list[bytes], code: str) -> list[Path]:
    """Write ``pictures`` into ``folder`` as a camera names them; return their paths."""
    files = []
    for number, data in enumerate(pictures, start=1):
        path = folder / f"IMG_{code}_{number}.jpg"
        path.write_bytes(data)
        files.append(path)
    return files
