"""The monthly bulletin (通报) as a PDF file: the use case the office's dialog and the CLI call.

:func:`write_bulletin` gathers the period's figures (:func:`model.office.bulletin.gather`),
finds the office's letterhead and the exposure list's photos with their captions, lays the
bulletin out (:mod:`reports.bulletin_layout`) and writes the file atomically: a failure or a
cancel leaves no file and no partial one. The same store, period and time always give the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from model.errors import NotFoundError, OutputFileError, PhotoRefusedError
from model.notices import letterhead
from model.office import bulletin
from model.office.periods import Period
from model.photos import photos
from model.progress import Progress
from model.store.db import Store
from model.store.fileio import write_atomically
from reports import bulletin_exposure, bulletin_layout
from reports import bulletin_wording as words
from reports.notice_pdf import NoticePhoto

log = logging.getLogger(__name__)
SECTIONS = 8  # the layout's sections, each a progress step


@dataclass(frozen=True)
class BulletinFile:
    """A bulletin just written."""

    path: Path
    pages: int
    size_bytes: int
    empty: bool  # nothing was inspected in the period: the file says so on one page


def write_bulletin(store: Store, period: Period, out: Path, now: dt.datetime | None = None,
                   progress: Progress | None = None) -> BulletinFile:
    """Write the bulletin of ``period`` as the store stands at ``now`` to ``out``.

    ``out`` is the PDF file, or a folder to put it in under its usual name. Raises
    OutputFileError when the file cannot be written, and ``Cancelled`` (nothing written)
    when ``progress`` is cancelled.
    """
    progress = progress or Progress()
    progress.start(SECTIONS + 2)
    target = _target(Path(out), period)
    _check_folder(target)
    gathered = bulletin.gather(store, period, now)
    progress.advance()
    head = letterhead.get(store)
    title = words.TITLE.format(place=words.place_of(head.issuer), period=period.label_zh)
    document = bulletin_layout.BulletinDocument(
        gathered, title, head.issuer, letterhead.logo_path(store), _photos(store, gathered))
    data, pages = bulletin_layout.render(document, progress.advance)
    progress.advance(progress.total - progress.done)  # an empty period skips the sections
    write_atomically(target, data)
    log.info("bulletin of %s written to %s: %d pages, %d bytes", period, target, pages,
             len(data))
    return BulletinFile(target, pages, len(data), gathered.empty)


def _target(out: Path, period: Period) -> Path:
    """The file to write: ``out`` itself, or the usual name inside ``out`` if it is a folder."""
    return out / words.FILE_NAME.format(period=period) if out.is_dir() else out


def _check_folder(target: Path) -> None:
    """Refuse at once (before the work) a file whose folder does not exist."""
    if not target.parent.is_dir():
        raise OutputFileError(target, f"{target.parent} is not an existing folder; choose "
                              "another place to save it (was a USB stick removed?)")


def _photos(store: Store, gathered: bulletin.Bulletin) -> dict[str, NoticePhoto | None]:
    """Each photo the exposure list prints: its preview JPEG and caption; None for one that
    is gone."""
    shown = {}
    for photo_id in bulletin_exposure.photo_ids_shown(gathered.overdue):
        path = _preview(store, photo_id)
        shown[photo_id] = NoticePhoto(path, photos.caption(store, photo_id)) if path else None
    return shown


def _preview(store: Store, photo_id: str) -> Path | None:
    """A photo's upright preview (made now if the cache lacks it), checked to be a JPEG, so
    that a deleted, damaged or never-synced photo shows as missing instead of failing."""
    try:
        path = photos.preview_of(store, photo_id)
        with Image.open(path) as image:
            if image.format == "JPEG":
                return path
    except (NotFoundError, PhotoRefusedError, OSError) as exc:
        log.warning("bulletin: photo %s is not available (%s)", photo_id, exc)
        return None
    log.warning("bulletin: the preview of photo %s is not a JPEG", photo_id)
    return None
