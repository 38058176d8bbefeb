"""The pixel work on evidence photos: vetting, thumbnails, previews and annotated copies.

Originals are never changed; everything shown or printed is derived from them here. These are
plain top-level functions with picklable arguments and results, because ingest runs them in
worker processes. JPEGs are decoded in draft mode (the decoder scales by 1/2, 1/4 or 1/8 while
reading, which is what makes ingest fast) and the EXIF orientation is applied to the small image.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import logging
import math
import re
import stat
import struct
from collections.abc import Iterator
from pathlib import Path

# The plugins are imported by name so that they are registered before Image.open is
# restricted to our formats. (MPO, the JPEG variant many cameras write, opens as "JPEG".)
from PIL import (
    Image,
    ImageColor,
    ImageDraw,
    ImageFont,
    JpegImagePlugin,  # noqa: F401
    PngImagePlugin,  # noqa: F401
    UnidentifiedImageError,
)

from model.errors import OutputFileError, PhotoRefusedError
from model.photos.exifmeta import PhotoMeta, derived_exif, read_meta
from model.store import fileio

log = logging.getLogger(__name__)

MAX_PIXELS = 80_000_000
THUMB_EDGE = 320
PREVIEW_EDGE = 1600
MAX_ANNOTATIONS = 50
MAX_ANNOTATION_TEXT = 60
DEFAULT_COLOUR = "#e00000"

_JPEG_QUALITY = 85
_DRAFT_FORMATS = ("JPEG", "MPO")
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs",
                b"mif1", b"msf1", b"mif2"}
_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
              6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}
# What decoders raise on damaged data (OSError only when it carries no errno: see _decoded).
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error,
                  RuntimeError)

_RETRY = "copy it again from the camera or phone"
_TOO_DAMAGED = f"the image data is incomplete or damaged (was the copy interrupted?); {_RETRY}"
_NOT_A_PHOTO = "this is not a photo CivicAudit can read: only JPEG, PNG and HEIC files are accepted"
_NO_HEIC = ("this is a HEIC photo and this installation cannot read HEIC (the pillow-heif "
            "component is missing); set the phone to save JPEG ('Most Compatible') or "
            "convert the photo to JPEG")


@functools.cache
def heic_supported() -> bool:
    """Register the HEIC/HEIF decoder on first use; False when pillow-heif is not installed."""
    try:
        import pillow_heif
    except ImportError:
        log.info("pillow-heif is not installed: HEIC photos will be refused")
        return False
    pillow_heif.register_heif_opener()
    return True


def analyse(path: Path) -> tuple[PhotoMeta, bytes]:
    """Open the file, refuse it with a plain reason if it is not a usable photo, read its
    metadata and return it with an upright 320 px JPEG thumbnail."""
    path = Path(path)
    with _opened(path) as image:
        meta = read_meta(image)
        icc = _rgb_icc_profile(image)
        # Decoding at 1/8 scale (still ≥ 320 px) instead of 1/4 makes ingest a third faster;
        # the thumbnail stays within ~49 dB PSNR of one from a full decode (benchmarked).
        small = _decoded(image, path, THUMB_EDGE, draft_edge=THUMB_EDGE)
    return meta, _jpeg_bytes(_upright(small, meta.orientation), icc)


def make_preview(original: Path, target: Path) -> None:
    """Write an upright JPEG copy with long edge PREVIEW_EDGE (never upscaled) to ``target``
    atomically, keeping capture time, GPS, make and model and setting Orientation to 1."""
    original = Path(original)
    with _opened(original) as image:
        meta = read_meta(image)
        exif = derived_exif(image)
        icc = _rgb_icc_profile(image)
        small = _decoded(image, original, PREVIEW_EDGE, draft_edge=PREVIEW_EDGE)
    upright = _upright(small, meta.orientation)
    _write_atomically(Path(target), _jpeg_bytes(upright, icc, exif))


# --- opening and vetting ------------------------------------------------------------------


def _formats() -> tuple[str, ...]:
    return ("JPEG", "PNG", "HEIF") if heic_supported() else ("JPEG", "PNG")


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[Image.Image]:
    """Open ``path`` as far as its header, refusing it if it cannot be a usable photo."""
    size = _file_size(path)
    try:
        image = Image.open(path, formats=_formats())
    except Image.DecompressionBombError:
        raise _too_many_pixels(path, _header_size(path)) from None
    except UnidentifiedImageError:
        raise PhotoRefusedError(path, *_unidentified(path)) from None
    except _DECODE_ERRORS as exc:
        raise _decode_failure(path, exc) from exc
    with image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise _too_many_pixels(path, (width, height))
        if image.format == "HEIF" and not _heif_boxes_complete(path, size):
            raise PhotoRefusedError(path, _TOO_DAMAGED, "damaged")
        yield image


def _file_size(path: Path) -> int:
    try:
        status = path.stat()
    except OSError as exc:
        raise _read_failure(path, exc) from exc
    if stat.S_ISDIR(status.st_mode):
        raise PhotoRefusedError(path, "this is a folder, not a photo file", "folder")
    if status.st_size == 0:
        raise PhotoRefusedError(path, f"the file is empty (0 bytes); {_RETRY}", "empty")
    return status.st_size


def _decode_failure(path: Path, exc: Exception) -> PhotoRefusedError:
    """An OSError with an errno is the file system failing (card pulled out); anything else
    a decoder raises means the data is damaged."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return _read_failure(path, exc)
    log.debug("%s: decoding failed: %r", path, exc)
    return PhotoRefusedError(path, _TOO_DAMAGED, "damaged")


def _read_failure(path: Path, exc: OSError) -> PhotoRefusedError:
    if isinstance(exc, FileNotFoundError):
        return PhotoRefusedError(path, "the file has disappeared (was the card or phone "
                                       "disconnected?); connect it again and retry",
                                 "disappeared")
    if isinstance(exc, IsADirectoryError):
        return PhotoRefusedError(path, "this is a folder, not a photo file", "folder")
    why = exc.strerror or str(exc)
    return PhotoRefusedError(path, f"the file cannot be read ({why}); check that the card or "
                                   "drive is still connected and that you may open the file")


def _too_many_pixels(path: Path, size: tuple[int, int] | None) -> PhotoRefusedError:
    limit = f"the limit is {MAX_PIXELS // 1_000_000} megapixels"
    if size is None:
        return PhotoRefusedError(path, f"the image has too many pixels ({limit})", "too_large")
    width, height = size
    return PhotoRefusedError(path, f"the image has too many pixels: {width} × {height} is "
                                   f"{width * height / 1e6:.0f} megapixels and {limit}",
                             "too_large")


def _header_size(path: Path) -> tuple[int, int] | None:
    """Read the size from the header of an image Pillow refused to open as a bomb."""
    try:
        with path.open("rb") as fp:
            prefix = fp.read(16)
            for name in _formats():
                factory, accept = Image.OPEN[name]
                if accept and not accept(prefix):
                    continue
                fp.seek(0)
                with contextlib.suppress(*_DECODE_ERRORS):
                    return factory(fp, str(path)).size
    except OSError as exc:
        log.debug("%s: size of the refused image unknown: %r", path, exc)
    return None


def _unidentified(path: Path) -> tuple[str, str]:
    """Why Pillow could not identify a file, as (reason, kind)."""
    try:
        with path.open("rb") as fp:
            prefix = fp.read(16)
    except OSError:
        prefix = b""
    heif = prefix[4:8] == b"ftyp" and prefix[8:12] in _HEIF_BRANDS  # not MP4/MOV, also ftyp
    if heif and not heic_supported():
        return _NO_HEIC, "heic_unsupported"
    if heif or prefix.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        return _TOO_DAMAGED, "damaged"
    return _NOT_A_PHOTO, "not_a_photo"


def _heif_boxes_complete(path: Path, size: int) -> bool:
    """Whether the file's top-level boxes end where the file does.

    libheif decodes a HEIC cut short without complaint, showing the missing part grey, so an
    interrupted copy is caught here instead: the last box then claims more bytes than remain.
    """
    position = 0
    try:
        fp = path.open("rb")
    except OSError as exc:
        raise _read_failure(path, exc) from exc
    with fp:
        while position < size:
            fp.seek(position)
            header = fp.read(16)
            if len(header) < 8:
                return False
            length = struct.unpack(">I", header[:4])[0]
            if length == 1 and len(header) == 16:
                length = struct.unpack(">Q", header[8:])[0]
            elif length == 0:  # the last box runs to the end of the file
                return True
            if length < 8:
                return False
            position += length
    return position == size


# --- decoding -----------------------------------------------------------------------------


def _decoded(image: Image.Image, path: Path, edge: int, draft_edge: int) -> Image.Image:
    """Decode the whole image (so damage shows) into an RGB copy whose long edge is ≤ ``edge``.

    A JPEG is decoded at the smallest scale whose long edge still reaches ``draft_edge``.
    A HEIC decodes its embedded thumbnail instead when that is a scaled copy at least
    ``edge`` large (an iPhone's is 320 px): 13 ms instead of 600. Decoding the whole HEIC
    would prove nothing more, since libheif decodes damaged data without complaint (see
    _heif_boxes_complete).
    """
    if image.format in _DRAFT_FORMATS:
        image.draft("RGB", _draft_request(image.size, draft_edge))
    elif image.format == "HEIF":
        image.draft(None, _draft_request(image.size, edge))
    try:
        image.load()
    except _DECODE_ERRORS as exc:
        raise _decode_failure(path, exc) from exc
    image.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    return _to_rgb(image)


def _draft_request(size: tuple[int, int], edge: int) -> tuple[int, int]:
    """The smallest size, in the image's proportions, that draft mode may reduce to."""
    width, height = size
    scale = min(1.0, edge / max(width, height))
    return max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image.copy()
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale PNG
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    method = _TRANSPOSE.get(orientation)
    return image.transpose(method) if method is not None else image


def _rgb_icc_profile(image: Image.Image) -> bytes | None:
    """The colour profile, when it describes RGB (a CMYK or grey one would misstate our RGB)."""
    profile = image.info.get("icc_profile")
    if isinstance(profile, bytes) and profile[16:20] == b"RGB ":
        return profile
    return None


def _jpeg_bytes(image: Image.Image, icc: bytes | None, exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    if exif:
        options["exif"] = exif
    image.save(buffer, "JPEG", quality=_JPEG_QUALITY, **options)
    return buffer.getvalue()


def _write_atomically(target: Path, data: bytes) -> None:
    try:
        with fileio.atomic_output(target) as part:
            part.write_bytes(data)
    except OSError as exc:
        raise OutputFileError(target, _write_problem(exc)) from exc


def _write_problem(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder cannot be written to"
    if exc.errno == errno.ENOENT:
        return "the folder does not exist"
    return exc.strerror or str(exc)


# --- annotations and the stamp --------------------------------------------------------------


def render_derived(preview: Path, annotations: list[dict], stamp_lines: list[str],
                   font_path: Path | None) -> Image.Image:
    """Return the preview with ``annotations`` drawn over it and, when ``stamp_lines`` is not
    empty, a semi-transparent band along the bottom holding them. The preview is not changed."""
    shapes = validate_annotations(annotations)
    with Image.open(preview) as source:
        image = source.convert("RGB")
    scale = _Scale(image.size)
    draw = ImageDraw.Draw(image)
    for shape in shapes:
        _draw_shape(draw, shape, scale, font_path)
    if stamp_lines:
        image = _with_stamp(image, stamp_lines, font_path)
    return image


class _Scale:
    """Turns relative coordinates into pixels and sizes strokes to the image."""

    def __init__(self, size: tuple[int, int]):
        self.width, self.height = size
        self.long_edge = max(size)
        self.line = max(2, round(self.long_edge * 0.005))
        self.text = max(12, round(self.long_edge * 0.03))

    def point(self, x: float, y: float) -> tuple[float, float]:
        return x * (self.width - 1), y * (self.height - 1)


def _draw_shape(draw: ImageDraw.ImageDraw, shape: dict, scale: _Scale,
                font_path: Path | None) -> None:
    start = scale.point(shape["x1"], shape["y1"])
    end = scale.point(shape["x2"], shape["y2"])
    box = (min(start[0], end[0]), min(start[1], end[1]),
           max(start[0], end[0]), max(start[1], end[1]))
    colour = shape["colour"]
    if shape["kind"] == "arrow":
        _draw_arrow(draw, start, end, colour, scale)
    elif shape["kind"] == "circle":
        draw.ellipse(box, outline=colour, width=scale.line)
    elif shape["kind"] == "rect":
        draw.rectangle(box, outline=colour, width=scale.line)
    if shape["text"]:
        at = start if shape["kind"] in ("arrow", "text") else (box[0], box[1])
        above = shape["kind"] != "text"  # a label sits above what it names
        _draw_label(draw, shape["text"], at, colour, scale, font_path, above=above)


def _draw_arrow(draw: ImageDraw.ImageDraw, start, end, colour: str, scale: _Scale) -> None:
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length < 1:
        return
    head = min(length, max(scale.line * 4, scale.long_edge * 0.025))
    angle = math.atan2(dy, dx)
    wings = [(end[0] - head * math.cos(angle + turn), end[1] - head * math.sin(angle + turn))
             for turn in (0.45, -0.45)]
    neck = (end[0] - head * 0.8 * math.cos(angle), end[1] - head * 0.8 * math.sin(angle))
    draw.line([start, neck], fill=colour, width=scale.line)
    draw.polygon([end, *wings], fill=colour)


def _draw_label(draw: ImageDraw.ImageDraw, text: str, at, colour: str, scale: _Scale,
                font_path: Path | None, *, above: bool) -> None:
    """Draw ``text`` with a contrasting outline (legible on any background), inside the image."""
    font = _font(font_path, scale.text)
    outline = max(1, scale.text // 12)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font, stroke_width=outline)
    x = min(max(at[0], -left), scale.width - right)
    y = at[1] - bottom - scale.line if above else at[1] - top
    y = min(max(y, -top), scale.height - bottom)
    draw.text((x, y), text, fill=colour, font=font, stroke_width=outline,
              stroke_fill=_contrast(colour))


def _with_stamp(image: Image.Image, lines: list[str], font_path: Path | None) -> Image.Image:
    width, height = image.size
    size = _stamp_text_size(lines, image.size, font_path)
    font, pad, leading = _font(font_path, size), size // 2, round(size * 1.3)
    band_top = height - (len(lines) * leading + 2 * pad)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle((0, band_top, width, height), fill=(0, 0, 0, 140))
    for number, line in enumerate(lines):
        draw.text((pad, band_top + pad + number * leading), line, fill="white", font=font)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def _stamp_text_size(lines: list[str], size: tuple[int, int], font_path: Path | None) -> int:
    """About 2.2 % of the long edge, smaller when the lines would not fit the width or would
    cover more than a third of the height."""
    width, height = size
    wanted = max(10, round(max(size) * 0.022))
    widest = max(_font(font_path, wanted).getlength(line) for line in lines) or 1
    by_width = wanted * (width - wanted) / widest
    by_height = height / 3 / (len(lines) * 1.3 + 1)
    return max(8, math.floor(min(wanted, by_width, by_height)))


@functools.lru_cache(maxsize=16)
def _font(font_path: Path | None, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if font_path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(font_path), size)


# --- annotation data ------------------------------------------------------------------------

_KINDS = ("arrow", "circle", "rect", "text")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def validate_annotations(annotations: list) -> list[dict]:
    """Return cleaned annotation dicts, or raise ValueError naming the bad entry."""
    if not isinstance(annotations, list | tuple):
        raise ValueError(f"annotations must be a list, not {type(annotations).__name__}")
    if len(annotations) > MAX_ANNOTATIONS:
        raise ValueError(f"too many annotations: {len(annotations)} (at most {MAX_ANNOTATIONS})")
    return [_cleaned(index, entry) for index, entry in enumerate(annotations)]


def _cleaned(index: int, entry) -> dict:
    where = f"annotation {index}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where} is not a mapping: {entry!r}")
    kind = entry.get("kind")
    if kind not in _KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r} (expected one of {', '.join(_KINDS)})")
    x1, y1 = _coordinate(entry, "x1", where), _coordinate(entry, "y1", where)
    optional = kind == "text"
    x2 = _coordinate(entry, "x2", where, x1 if optional else None)
    y2 = _coordinate(entry, "y2", where, y1 if optional else None)
    return {"kind": kind, "x1": x1, "y1": y1, "x2": x2, "y2": y2,
            "text": _label(entry, kind, where), "colour": _colour(entry, where)}


def _coordinate(entry: dict, key: str, where: str, default: float | None = None) -> float:
    value = entry.get(key, default)
    if value is None:
        raise ValueError(f"{where}: {key} is missing")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{where}: {key} is not a number: {value!r}")
    if not 0 <= value <= 1:
        raise ValueError(f"{where}: {key} is {value}, outside 0..1")
    return float(value)


def _label(entry: dict, kind: str, where: str) -> str:
    text = entry.get("text", "")
    if not isinstance(text, str):
        raise ValueError(f"{where}: text is not a string: {text!r}")
    if len(text) > MAX_ANNOTATION_TEXT:
        raise ValueError(f"{where}: text is {len(text)} characters long "
                         f"(at most {MAX_ANNOTATION_TEXT})")
    if kind == "text" and not text.strip():
        raise ValueError(f"{where}: a text annotation needs some text")
    return text


def _colour(entry: dict, where: str) -> str:
    colour = entry.get("colour", DEFAULT_COLOUR)
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        raise ValueError(f"{where}: colour must look like #rrggbb, not {colour!r}")
    return colour.lower()


def _contrast(colour) -> str:
    """White around dark text, black around light text (so white text stays readable)."""
    red, green, blue = ImageColor.getrgb(colour)[:3] if isinstance(colour, str) else colour[:3]
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 160 else "white"
