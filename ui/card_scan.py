"""Finding the new photos on a camera card, phone or stick (plain functions for a worker).

:func:`scan` walks ``DCIM`` (or the whole volume when there is none), hashes
every photo file and keeps those whose hash is not yet in the photo store,
newest first by file time. :func:`removable_volumes` lists the drives a card
could be in. Hashing here is the same sha256 of the bytes the model keys
originals by.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

from model.photos.photos import PHOTO_SUFFIXES
from model.progress import Progress
from model.store import clock
from usecases.photos import PhotoDesk

CHUNK = 1 << 20
LINUX_MOUNT_ROOTS = ("/media/", "/run/media/", "/mnt/")
SKIPPED_FOLDERS = {"$recycle.bin", "system volume information", ".trashes", ".spotlight-v100",
                   ".fseventsd", ".thumbnails", "lost+found"}


@dataclass(frozen=True)
class CardPhoto:
    """A photo file on a card that the photo store does not hold yet."""

    path: Path
    modified: dt.datetime  # the file's time, local and aware
    size: int
    sha256: str


@dataclass(frozen=True)
class ScanResult:
    """What a scan found: the new photos, newest first, and how many were known already."""

    new: list[CardPhoto]
    known: int


@dataclass(frozen=True)
class Volume:
    """A mounted drive that may be a camera card or phone."""

    name: str
    root: Path
    free_bytes: int


def photo_files(root: Path) -> list[Path]:
    """The photo files under ``DCIM`` of a volume, or under the whole folder if it has none."""
    root = Path(root)
    dcim = next((child for child in _children(root)
                 if child.is_dir() and child.name.lower() == "dcim"), None)
    found = []
    for folder, subfolders, names in os.walk(dcim or root, onerror=lambda _error: None):
        subfolders[:] = [s for s in subfolders if s.lower() not in SKIPPED_FOLDERS
                         and not s.startswith(".")]
        found += [Path(folder) / n for n in names
                  if Path(n).suffix.lower() in PHOTO_SUFFIXES and not n.startswith("._")]
    return found


def _children(root: Path) -> list[Path]:
    try:
        return list(root.iterdir())
    except OSError:
        return []


def scan(root: Path, known_hashes: frozenset[str], progress: Progress,
         digest: Callable[[Path], str] = PhotoDesk.file_digest) -> ScanResult:
    """Hash every photo under ``root`` and return those not in ``known_hashes``, newest first."""
    files = photo_files(root)
    progress.start(len(files))
    new, known, seen = [], 0, set()
    for path in files:
        try:
            stat = path.stat()
            sha256 = digest(path)
        except OSError:
            progress.advance()
            continue  # unreadable now: the import would refuse it anyway
        if sha256 in known_hashes:
            known += 1
        elif sha256 not in seen:  # the same picture twice on the card is offered once
            seen.add(sha256)
            modified = clock.office_moment(dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC))
            new.append(CardPhoto(path, modified, stat.st_size, sha256))
        progress.advance()
    new.sort(key=lambda photo: photo.modified, reverse=True)
    return ScanResult(new, known)


def removable_volumes() -> list[Volume]:
    """Mounted, ready drives other than the system's, where a card or phone would appear.

    On Linux only mounts under /media, /run/media and /mnt count (everything else
    is the system's own), on macOS those under /Volumes; on Windows every ready
    drive but the system's.
    """
    volumes = []
    for storage in QStorageInfo.mountedVolumes():
        if not (storage.isValid() and storage.isReady()) or storage.isRoot():
            continue
        root = storage.rootPath()
        if sys.platform.startswith("linux") and not root.startswith(LINUX_MOUNT_ROOTS):
            continue
        if sys.platform == "darwin" and not root.startswith("/Volumes/"):
            continue
        name = storage.displayName() or root
        volumes.append(Volume(name, Path(root), storage.bytesAvailable()))
    return sorted(volumes, key=lambda volume: volume.name.lower())
