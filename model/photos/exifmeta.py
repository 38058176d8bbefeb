"""What a photo's EXIF says about it: capture time, place, camera and orientation.

Evidence photos come from cameras, phones, editors and chat apps, and their EXIF is often
malformed. None of that is a reason to refuse a photo, so :func:`read_meta` reads what it can,
logs at debug level what it could not, and never raises. :func:`derived_exif` writes the part
of it that derived copies (previews) carry.
"""

from __future__ import annotations

import logging
import math
import re
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from PIL import Image, TiffImagePlugin
from PIL.ExifTags import GPS, IFD, Base

log = logging.getLogger(__name__)

# What a malformed EXIF block makes Pillow (or our parsing of its values) raise.
_EXIF_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OSError,
                SyntaxError, struct.error, ZeroDivisionError, OverflowError)

# Tags only a capture device writes. An EXIF block without any of them (Photoshop writes one
# on export, with its own software name and save time) says nothing about the capture.
_CAPTURE_TAGS = (Base.DateTimeOriginal, Base.DateTimeDigitized, Base.ExposureTime, Base.FNumber,
                 Base.ISOSpeedRatings, Base.FocalLength)

_DATE_TIME = re.compile(r"\s*(\d{4})[:/.-](\d\d)[:/.-](\d\d)[ T](\d\d):(\d\d):(\d\d)")
_OFFSET = re.compile(r"\s*([+-])(\d\d):(\d\d)")


@dataclass(frozen=True)
class PhotoMeta:
    """The facts about one photo that evidence needs, as read from the file.

    ``width``/``height`` are as displayed, after the orientation is applied. ``taken_at`` is ISO
    8601, with the UTC offset when the camera recorded one, else naive camera-local time.
    ``has_exif`` is False when the file carries no camera EXIF: screenshots, images forwarded
    through chat apps, and exports whose EXIF holds only the editor's own tags.
    """

    width: int
    height: int
    orientation: int
    taken_at: str | None
    lat: float | None
    lon: float | None
    gps_accuracy_m: float | None
    make: str
    model: str
    has_exif: bool


def read_meta(image: Image.Image) -> PhotoMeta:
    """Read the metadata of an opened image (call before ``draft()``, which changes its size)."""
    name = getattr(image, "filename", "") or "image"
    exif = _exif_of(image, name)
    base = _tags(exif, None, name)
    details = _tags(exif, IFD.Exif, name)
    gps = _tags(exif, IFD.GPSInfo, name)
    orientation = _orientation(base.get(Base.Orientation), name)
    width, height = image.size
    if orientation >= 5:
        width, height = height, width
    lat, lon = _position(gps, name)
    make, model = _text(base.get(Base.Make)), _text(base.get(Base.Model))
    return PhotoMeta(
        width=width, height=height, orientation=orientation,
        taken_at=_taken_at(base, details, name), lat=lat, lon=lon,
        gps_accuracy_m=_accuracy(gps.get(GPS.GPSHPositioningError)) if lat is not None else None,
        make=make, model=model,
        has_exif=bool(make or model or lat is not None
                      or any(tag in details for tag in _CAPTURE_TAGS)))


def derived_exif(image: Image.Image) -> bytes:
    """Return the EXIF a derived copy of ``image`` carries, with Orientation 1.

    Capture time (as recorded, with its offset), GPS position and accuracy, make and model are
    kept; everything else (maker notes, embedded thumbnail, software) is left to the original,
    which is kept byte for byte. Values that cannot be read are left out.
    """
    name = getattr(image, "filename", "") or "image"
    meta = read_meta(image)
    exif = _exif_of(image, name)
    base, details = _tags(exif, None, name), _tags(exif, IFD.Exif, name)
    out = Image.Exif()
    out[Base.Orientation] = 1
    if meta.make:
        out[Base.Make] = meta.make
    if meta.model:
        out[Base.Model] = meta.model
    if _parse_date_time(base.get(Base.DateTime)):
        out[Base.DateTime] = base[Base.DateTime].strip("\x00 ")
    kept = {tag: details[tag].strip("\x00 ") for tag in (
        Base.DateTimeOriginal, Base.DateTimeDigitized, Base.OffsetTime, Base.OffsetTimeOriginal)
        if _parse_date_time(details.get(tag)) or _parse_offset(details.get(tag))}
    if kept:
        out[IFD.Exif] = kept
    if meta.lat is not None and meta.lon is not None:
        out[IFD.GPSInfo] = _gps_tags(meta)
    return out.tobytes()


def _exif_of(image: Image.Image, name: str) -> Image.Exif:
    try:
        return image.getexif()
    except _EXIF_ERRORS as exc:
        log.debug("%s: EXIF block unreadable: %r", name, exc)
        return Image.Exif()


def _tags(exif: Image.Exif, ifd: int | None, name: str) -> dict:
    try:
        return dict(exif) if ifd is None else dict(exif.get_ifd(ifd))
    except _EXIF_ERRORS as exc:
        log.debug("%s: EXIF directory %s unreadable: %r", name, ifd, exc)
        return {}


def _orientation(value, name: str) -> int:
    if isinstance(value, tuple) and len(value) == 1:
        value = value[0]
    if isinstance(value, int) and 1 <= value <= 8:
        return value
    if value is not None:
        log.debug("%s: orientation %r ignored", name, value)
    return 1


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value.strip("\x00 \t\r\n") if isinstance(value, str) else ""


def _taken_at(base: dict, details: dict, name: str) -> str | None:
    for time_tag, offset_tag, tags in ((Base.DateTimeOriginal, Base.OffsetTimeOriginal, details),
                                       (Base.DateTime, Base.OffsetTime, base)):
        when = _parse_date_time(tags.get(time_tag))
        if when is None:
            if tags.get(time_tag) is not None:
                log.debug("%s: %s %r ignored", name, time_tag.name, tags.get(time_tag))
            continue
        offset = _parse_offset(details.get(offset_tag))
        return (when.replace(tzinfo=offset) if offset else when).isoformat()
    return None


def _parse_date_time(value) -> datetime | None:
    match = _DATE_TIME.match(value) if isinstance(value, str) else None
    if not match:
        return None
    try:
        return datetime(*(int(part) for part in match.groups()))
    except ValueError:  # 0000:00:00 00:00:00 from cameras whose clock was never set
        return None


def _parse_offset(value) -> timezone | None:
    match = _OFFSET.fullmatch(value.strip("\x00 ")) if isinstance(value, str) else None
    if not match:
        return None
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    if delta > timedelta(hours=14):
        return None
    return timezone(-delta if sign == "-" else delta)


def _position(gps: dict, name: str) -> tuple[float | None, float | None]:
    lat = _coordinate(gps.get(GPS.GPSLatitude), gps.get(GPS.GPSLatitudeRef), "NS", 90)
    lon = _coordinate(gps.get(GPS.GPSLongitude), gps.get(GPS.GPSLongitudeRef), "EW", 180)
    if lat is None or lon is None or (lat == 0 and lon == 0):  # 0,0 is what a fixless GPS writes
        if GPS.GPSLatitude in gps or GPS.GPSLongitude in gps:
            log.debug("%s: GPS position ignored: %r", name, gps)
        return None, None
    return lat, lon


def _coordinate(value, ref, refs: str, limit: float) -> float | None:
    ref = _text(ref).upper()[:1]
    if not ref or ref not in refs:  # without its reference the sign is a guess
        return None
    parts = value if isinstance(value, tuple) else (value,)
    if not 1 <= len(parts) <= 3:
        return None
    try:
        degrees = sum(float(part) / 60**i for i, part in enumerate(parts))
    except _EXIF_ERRORS:
        return None
    if not math.isfinite(degrees) or not 0 <= degrees <= limit:
        return None
    return -degrees if ref == refs[1] else degrees


def _accuracy(value) -> float | None:
    try:
        metres = float(value)
    except _EXIF_ERRORS:
        return None
    return metres if math.isfinite(metres) and metres >= 0 else None


def _gps_tags(meta: PhotoMeta) -> dict:
    tags = {GPS.GPSVersionID: b"\x02\x03\x00\x00",
            GPS.GPSLatitudeRef: "S" if meta.lat < 0 else "N",
            GPS.GPSLatitude: _degrees_minutes_seconds(meta.lat),
            GPS.GPSLongitudeRef: "W" if meta.lon < 0 else "E",
            GPS.GPSLongitude: _degrees_minutes_seconds(meta.lon)}
    if meta.gps_accuracy_m is not None:
        tags[GPS.GPSHPositioningError] = _rational(meta.gps_accuracy_m, 1000)
    return tags


def _degrees_minutes_seconds(value: float) -> tuple:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return (_rational(degrees, 1), _rational(minutes, 1), _rational(seconds, 10000))


def _rational(value: float, denominator: int) -> TiffImagePlugin.IFDRational:
    return TiffImagePlugin.IFDRational(round(value * denominator), denominator)
