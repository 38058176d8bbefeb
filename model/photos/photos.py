"""Evidence photos: ingest, provenance flags, attach and detach, annotations, rendered copies.

Ingest works file by file in a process pool (decoding is CPU-bound): each
worker hashes the file and makes its metadata and upright thumbnail; then the
original is copied into the media store (verified against the hash), the
thumbnail cached, and only then the record committed with its audit event.
A refused file gets its reason and the batch goes on; nothing half-written or
unreferenced is recorded. Previews (1600 px) follow in a second pass.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from model import paths
from model.errors import NotFoundError, PhotoRefusedError, ValidationError
from model.inspections import inspections
from model.people.profiles import Profile
from model.photos import media
from model.photos.stamp import DEFAULT_STAMP, STAMP_SETTING, capture_time_text
from model.photos.workers import PixelWorkers
from model.progress import Progress
from model.store import audit, clock
from model.store.db import Store
from model.store.ids import new_id

# Pillow (model.photos.imaging) is imported by the functions that decode or draw pixels, on
# first use: the window lists photos and shows their cached thumbnails without it.
if TYPE_CHECKING:
    from model.photos.exifmeta import PhotoMeta

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".heic", ".heif"}
MARGIN_SETTING = "photo_time_margin_minutes"
DEFAULT_MARGIN_MINUTES = 120
PRINT_QUALITY = 75  # JPEG quality of the small copies printed at 300 dpi: no visible loss there
# px, long edge of a photo printed on a notice: its box is 79 × 56 mm, so 900 px is above
# 300 dpi there (1200 px made a notice with ten phone photos 2.4 MB; issue 18)
PRINT_EDGE = 900


class IngestStatus(StrEnum):
    """What happened to one offered file."""

    STORED = "stored"        # a new original, now evidence
    LINKED = "linked"        # the original was stored before; now also evidence here
    DUPLICATE = "duplicate"  # already evidence for this very finding: nothing changed
    REFUSED = "refused"      # not usable; ``reason`` says why


class Flag(StrEnum):
    """Provenance warnings shown on a photo."""

    TIME_OUTSIDE = "time_outside_inspection"
    NO_GPS = "no_gps"
    NO_EXIF = "no_exif"
    USED_ELSEWHERE = "used_elsewhere"


@dataclass(frozen=True)
class IngestOutcome:
    """The result for one file of a batch."""

    path: str
    status: IngestStatus
    reason: str = ""
    reason_kind: str = ""
    photo_id: str | None = None
    sha256: str | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Analysis:
    """What a worker process learnt about one file."""

    sha256: str
    size: int
    meta: PhotoMeta
    thumbnail: bytes
    staged: Path | None = None


def collect(paths: Iterable[Path]) -> list[Path]:
    """Expand folders (recursively, photo files only, sorted); files named explicitly stay."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES)
        else:
            found.append(path)
    return found


def analyse_file(path: Path, staging: Path | None = None) -> _Analysis | PhotoRefusedError:
    """Worker-process job: hash, metadata and thumbnail of one file, or why it is refused.

    With ``staging`` (the media store's temporary folder) the worker also writes and
    syncs the copy it hashed there, so the bytes stored are exactly the bytes hashed and
    the main process only has to rename the copy into place.
    """
    from model.photos import imaging

    try:
        meta, thumbnail = imaging.analyse(path)
        if staging is None:
            return _Analysis(media.sha256_of(path), path.stat().st_size, meta, thumbnail)
        sha256, size, staged = media.stage_copy(path, staging)
        return _Analysis(sha256, size, meta, thumbnail, staged)
    except PhotoRefusedError as refusal:
        return refusal
    except FileNotFoundError:
        return PhotoRefusedError(path, "the file disappeared (was the card pulled out?)",
                                 "disappeared")
    except OSError as exc:
        return PhotoRefusedError(path, f"cannot be read ({exc.strerror or exc})")


def ingest(store: Store, inspection_id: str, paths: Iterable[Path], actor: Profile,
           criterion_code: str | None = None, progress: Progress | None = None,
           workers: PixelWorkers | None = None,
           reinspection_id: str | None = None) -> list[IngestOutcome]:
    """Add photos as evidence to an inspection (or one of its criteria); one outcome per file.

    ``workers`` is the session's pool; without one a pool is started for this call.
    With ``reinspection_id`` the photos are that re-inspection's after-photos of a
    finished inspection (not evidence of it, so its lock does not apply).
    """
    inspection = (inspections.get(store, inspection_id) if reinspection_id else
                  inspections.editable(store, inspection_id, actor))
    if criterion_code is not None:
        inspections.criterion_of(store, inspection, criterion_code)
    named = collect(paths)
    # A path that is not there now was never there (a typo), unlike a file that vanishes
    # during the import (a card pulled out): say which.
    outcomes = [IngestOutcome(str(p), IngestStatus.REFUSED, "no such file or folder; check "
                              "the path", "missing") for p in named if not p.exists()]
    files = [p for p in named if p.exists()]
    progress = progress or Progress()
    progress.start(len(files))
    media.clean_partials(store)
    job = functools.partial(analyse_file, staging=media.staging_folder(store))
    with _borrowed(workers) as pool:
        for path, analysis in zip(files, pool.map(job, files), strict=True):
            outcomes.append(_ingest_one(store, _Target(inspection, criterion_code,
                                                       reinspection_id), path, analysis, actor))
            progress.advance()
    return outcomes


@dataclass(frozen=True)
class _Target:
    """What the photos of one ingest attach to."""

    inspection: inspections.Inspection
    criterion_code: str | None
    reinspection_id: str | None


def _ingest_one(store: Store, target: _Target, path: Path, analysis,
                actor: Profile) -> IngestOutcome:
    """Store one analysed file and record it, or report why not."""
    if isinstance(analysis, PhotoRefusedError):
        return IngestOutcome(str(path), IngestStatus.REFUSED, analysis.reason, analysis.kind)
    try:
        new_original = (media.adopt_staged(store, analysis.staged, analysis.sha256)
                        if analysis.staged else
                        media.store_original(store, path, analysis.sha256))
        thumb = media.thumbnail_path(store, analysis.sha256)
        if not thumb.exists():
            media.write_bytes(store, thumb, analysis.thumbnail)
    except PhotoRefusedError as refusal:
        return IngestOutcome(str(path), IngestStatus.REFUSED, refusal.reason, refusal.kind)
    if _already_attached(store, target, analysis.sha256):
        return IngestOutcome(str(path), IngestStatus.DUPLICATE, sha256=analysis.sha256)
    flags = _flags(store, target, analysis)
    photo_id = _record(store, target, path, analysis, actor, flags)
    status = IngestStatus.STORED if new_original else IngestStatus.LINKED
    return IngestOutcome(str(path), status, photo_id=photo_id, sha256=analysis.sha256,
                         flags=flags)


def _already_attached(store: Store, target: _Target, sha256: str) -> bool:
    return store.db.execute(
        "SELECT 1 FROM photo WHERE inspection_id = ? AND sha256 = ? AND criterion_code IS ?"
        " AND reinspection_id IS ?", [target.inspection.id, sha256, target.criterion_code,
                                      target.reinspection_id]).fetchone() is not None


def _record(store: Store, target: _Target, path: Path, analysis: _Analysis, actor: Profile,
            flags: tuple[str, ...]) -> str:
    """Insert the media row (once per original) and the photo record, with its audit event."""
    meta, now, photo_id = analysis.meta, clock.now_iso(), new_id()
    with store.atomic() as db:
        db.execute(
            "INSERT OR IGNORE INTO media (sha256, size, width, height, orientation, taken_at,"
            " lat, lon, gps_accuracy, make, model, has_exif, original_name, stored_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [analysis.sha256, analysis.size, meta.width, meta.height, meta.orientation,
             meta.taken_at, meta.lat, meta.lon, meta.gps_accuracy_m, meta.make, meta.model,
             int(meta.has_exif), path.name, now])
        db["photo"].insert({
            "id": photo_id, "sha256": analysis.sha256, "inspection_id": target.inspection.id,
            "criterion_code": target.criterion_code, "original_name": path.name,
            "taken_at": meta.taken_at, "lat": meta.lat, "lon": meta.lon,
            "flags": json.dumps(list(flags)), "created_at": now, "created_by": actor.id,
            "annotations": "[]", "reinspection_id": target.reinspection_id})
        audit.append(db, actor.id, "photo.attach", "inspection", target.inspection.id,
                     {"new": {"photo": photo_id, "sha256": analysis.sha256,
                              "criterion": target.criterion_code, "file": path.name,
                              "reinspection": target.reinspection_id}})
    return photo_id


def _flags(store: Store, target: _Target, analysis: _Analysis) -> tuple:
    """Return the provenance flags of a photo offered as evidence for an inspection
    (an after-photo is taken later by nature: its time is not checked against it)."""
    inspection, meta, flags = target.inspection, analysis.meta, []
    if not meta.has_exif:
        flags.append(Flag.NO_EXIF.value)
    if meta.lat is None:
        flags.append(Flag.NO_GPS.value)
    if (meta.taken_at and target.reinspection_id is None
            and not _within_window(store, inspection, meta.taken_at)):
        flags.append(Flag.TIME_OUTSIDE.value)
    if store.db.execute("SELECT 1 FROM photo WHERE sha256 = ? AND inspection_id != ? LIMIT 1",
                        [analysis.sha256, inspection.id]).fetchone():
        flags.append(Flag.USED_ELSEWHERE.value)
    return tuple(flags)


def _within_window(store: Store, inspection: inspections.Inspection, taken_at: str) -> bool:
    """True when the capture time lies in the inspection's time, give or take the margin.

    A capture time without an offset is the camera's local time, taken as the
    office's time zone (whatever zone this computer is set to).
    """
    margin = dt.timedelta(minutes=int(store.get_setting(MARGIN_SETTING,
                                                         str(DEFAULT_MARGIN_MINUTES))))
    taken = clock.office_moment(taken_at)
    start = dt.datetime.fromisoformat(inspection.started_at) - margin
    end = (dt.datetime.fromisoformat(inspection.finished_at) if inspection.finished_at
           else clock.now()) + margin
    return start <= taken <= end


def make_missing_previews(store: Store, progress: Progress | None = None,
                          workers: PixelWorkers | None = None,
                          print_copies: bool = False) -> int:
    """Make the 1600 px preview of every original that has none; return how many were made.

    With ``print_copies``, the stamped copies a notice prints (:data:`PRINT_EDGE`) of the
    photos behind those originals are drawn too, in the same workers: an auditor's first
    notice then finds them made instead of drawing them while he waits.
    """
    missing = [sha for (sha,) in store.db.execute("SELECT sha256 FROM media ORDER BY stored_at")
               if not media.preview_path(store, sha).exists()
               and media.original_path(store, sha).exists()]
    copied = _photos_of(store, missing) if print_copies else []
    progress = progress or Progress()
    progress.start(len(missing) + len(copied))
    jobs = [(media.original_path(store, sha), media.preview_path(store, sha)) for sha in missing]
    with _borrowed(workers) as pool:
        for _ in pool.map(_make_preview, jobs):
            progress.advance()
        copies = [job for job in (_copy_job(store, photo_id, True, PRINT_EDGE)
                                  for photo_id in copied) if not job.target.exists()]
        for job, data in zip(copies, pool.map(_drawn_copy, copies), strict=True):
            media.write_bytes(store, job.target, data)
            progress.advance()
    return len(missing)


def _photos_of(store: Store, shas: list[str]) -> list[str]:
    """The ids of the photos of these originals."""
    found: list[str] = []
    for start in range(0, len(shas), 500):
        chunk = shas[start:start + 500]
        found += [photo_id for (photo_id,) in store.db.execute(
            f"SELECT id FROM photo WHERE sha256 IN ({', '.join('?' * len(chunk))}) "
            "ORDER BY created_at, id", chunk)]
    return found


@contextlib.contextmanager
def _borrowed(workers: PixelWorkers | None) -> Iterator[PixelWorkers]:
    """The session's pool as it is, or a pool for this call alone (the CLI)."""
    if workers is not None:
        yield workers
        return
    with PixelWorkers() as own:
        yield own


def _make_preview(job: tuple[Path, Path]) -> None:
    from model.photos import imaging

    original, target = job
    target.parent.mkdir(parents=True, exist_ok=True)
    imaging.make_preview(original, target)


def detach(store: Store, photo_id: str, actor: Profile) -> None:
    """Remove a photo from its finding; the original goes once nothing refers to it."""
    row = _photo_row(store, photo_id)
    inspections.editable(store, row["inspection_id"], actor)
    with store.atomic() as db:
        db.execute("DELETE FROM photo WHERE id = ?", [photo_id])
        audit.append(db, actor.id, "photo.detach", "inspection", row["inspection_id"],
                     {"old": {"photo": photo_id, "sha256": row["sha256"],
                              "criterion": row["criterion_code"]}})
    media.release(store, row["sha256"])


def set_annotations(store: Store, photo_id: str, annotations: list, actor: Profile) -> list:
    """Replace a photo's annotations (validated vector shapes); return what was stored."""
    from model.photos import imaging

    row = _photo_row(store, photo_id)
    inspections.editable(store, row["inspection_id"], actor)
    cleaned = imaging.validate_annotations(annotations)
    with store.atomic() as db:
        db["photo"].update(photo_id, {"annotations": json.dumps(cleaned, ensure_ascii=False)})
        audit.append(db, actor.id, "photo.annotate", "inspection", row["inspection_id"],
                     {"photo": photo_id, "old": json.loads(row["annotations"]), "new": cleaned})
    return cleaned


def _photo_row(store: Store, photo_id: str) -> dict:
    rows = list(store.db.query("SELECT * FROM photo WHERE id = ?", [photo_id]))
    if not rows:
        raise NotFoundError(f"No photo with id {photo_id}.")
    return rows[0]


def stamp_lines(store: Store, photo_id: str) -> list[str]:
    """Return the watermark lines of a photo from the office's template (time, site, GPS, …)."""
    row = list(store.db.query(
        "SELECT p.sha256, p.taken_at, p.lat, p.lon, p.created_at, s.code, s.name,"
        " a.name AS auditor FROM photo p JOIN inspection i ON i.id = p.inspection_id"
        " JOIN site s ON s.id = i.site_id JOIN profile a ON a.id = i.auditor_id"
        " WHERE p.id = ?", [photo_id]))
    if not row:
        raise NotFoundError(f"No photo with id {photo_id}.")
    r = row[0]
    values = {
        "time": capture_time_text(r["taken_at"], r["created_at"]),
        "site": f"{r['code']} {r['name']}",
        "gps": f"{r['lat']:.5f}, {r['lon']:.5f}" if r["lat"] is not None else "GPS —",
        "auditor": r["auditor"],
        "hash": r["sha256"][:12],
    }
    template = store.get_setting(STAMP_SETTING, DEFAULT_STAMP)
    return template.format(**values).splitlines()


def caption(store: Store, photo_id: str) -> str:
    """A photo's caption for notices and the bulletin: capture time and GPS, e.g.
    "2026-11-26 10:42 · 37.85710, 112.54890" ("GPS —" without a fix; "拍摄时间不详（导入于
    2026-11-26 13:12）" without a capture time, see :func:`capture_time_text`)."""
    r = _photo_row(store, photo_id)
    gps = f"{r['lat']:.5f}, {r['lon']:.5f}" if r["lat"] is not None else "GPS —"
    return f"{capture_time_text(r['taken_at'], r['created_at'])} · {gps}"


def rendered_copy(store: Store, photo_id: str, stamp: bool = True,
                  edge: int | None = None) -> Path:
    """Return an upright copy with the photo's annotations (and the stamp) drawn on it.

    Made from the preview, cached by content, so the same drawing is made once;
    the original is never touched. ``edge`` shrinks the copy to that long edge
    (:data:`PRINT_EDGE` for a notice).
    """
    job = _copy_job(store, photo_id, stamp, edge)
    if not job.target.exists():
        media.write_bytes(store, job.target, _drawn_copy(job))
    return job.target


@dataclass(frozen=True)
class _CopyJob:
    """What drawing one copy needs, read from the store: a worker process can draw it."""

    preview: Path
    annotations: list
    stamp_lines: list[str]
    edge: int | None
    target: Path  # named by a hash of everything above, in media/derived


def _copy_job(store: Store, photo_id: str, stamp: bool, edge: int | None) -> _CopyJob:
    row = _photo_row(store, photo_id)
    annotations = json.loads(row["annotations"])
    lines = stamp_lines(store, photo_id) if stamp else []
    key = hashlib.sha1(json.dumps([row["sha256"], annotations, lines, edge], ensure_ascii=False)
                       .encode("utf-8")).hexdigest()[:16]
    return _CopyJob(preview_of(store, photo_id), annotations, lines, edge,
                    media.derived_path(store, f"{photo_id}-{key}.jpg"))


def _drawn_copy(job: _CopyJob) -> bytes:
    """The JPEG bytes of a copy (in this process or a worker)."""
    from PIL import Image

    from model.photos import imaging

    image = imaging.render_derived(job.preview, job.annotations, job.stamp_lines, _stamp_font())
    if job.edge:
        image.thumbnail((job.edge, job.edge), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=PRINT_QUALITY if job.edge else 88)
    return buffer.getvalue()


def thumbnail_of(store: Store, sha256: str) -> Path:
    """Return an original's thumbnail, making it again if the cache was deleted."""
    thumb = media.thumbnail_path(store, sha256)
    original = media.original_path(store, sha256)
    if not thumb.exists() and original.exists():
        from model.photos import imaging

        _meta, data = imaging.analyse(original)
        media.write_bytes(store, thumb, data)
    return thumb


def set_stamp_template(store: Store, template: str, actor: Profile) -> None:
    """Set the office's watermark template; fields {time} {site} {gps} {auditor} {hash}."""
    try:
        template.format(time="", site="", gps="", auditor="", hash="")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(f"The stamp template has an unknown field or a stray brace ({exc}); "
                              "use {time} {site} {gps} {auditor} {hash}.") from None
    with store.atomic() as db:
        old = store.get_setting(STAMP_SETTING, DEFAULT_STAMP)
        store.set_setting(STAMP_SETTING, template)
        audit.append(db, actor.id, "setting.stamp_template", "setting", STAMP_SETTING,
                     {"old": old, "new": template})


def preview_of(store: Store, photo_id: str) -> Path:
    """Return a photo's upright preview, making it now if the cache lacks it."""
    sha = _photo_row(store, photo_id)["sha256"]
    preview = media.preview_path(store, sha)
    if not preview.exists():
        _make_preview((media.original_path(store, sha), preview))
    return preview


def _stamp_font() -> Path:
    return paths.resources_dir() / "fonts" / "NotoSansSC-Regular.ttf"
