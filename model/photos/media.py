"""The content-addressed media store beside the database: originals by sha256, and caches.

``media/ab/cdef…`` holds each original byte-for-byte under its hash; records
reference hashes, never file names. Every file is written to a temporary name
in ``media/tmp``, flushed, synced and renamed, so a crash or a pulled stick
never leaves a half-written file under a real name. Thumbnails, previews and
rendered copies are caches under ``media/thumbs``, ``media/previews`` and
``media/derived``: they can be deleted and are rebuilt on demand.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from model.errors import PhotoRefusedError, StorageFullError
from model.store import fileio
from model.store.db import Store

MEDIA_DIRNAME = "media"
CHUNK = 1 << 20


def root(store: Store) -> Path:
    """Return the media folder of a store."""
    return store.data_dir / MEDIA_DIRNAME


def original_path(store: Store, sha256: str) -> Path:
    """Where the original with this hash lives."""
    return root(store) / sha256[:2] / sha256[2:]


def thumbnail_path(store: Store, sha256: str) -> Path:
    """Where the 320 px thumbnail of an original is cached."""
    return root(store) / "thumbs" / f"{sha256}.jpg"


def preview_path(store: Store, sha256: str) -> Path:
    """Where the 1600 px upright preview of an original is cached."""
    return root(store) / "previews" / f"{sha256}.jpg"


def derived_path(store: Store, name: str) -> Path:
    """Where a rendered copy (annotations, stamp) is cached."""
    return root(store) / "derived" / name


def staging_folder(store: Store) -> Path:
    """The folder for files being written (same disk as the store, so renames are atomic)."""
    folder = root(store) / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _temporary(store: Store, name: str) -> Path:
    return staging_folder(store) / f"{name}.{os.getpid()}.part"


def stage_copy(source: Path, staging: Path) -> tuple[str, int, Path]:
    """Copy a file into ``staging`` (synced), hashing what is written; return hash, size, copy.

    Runs in photo worker processes: the file is read once for both.
    """
    temporary = staging / f"incoming-{os.getpid()}-{os.urandom(6).hex()}.part"
    try:
        digest = _copy_hashing(source, temporary)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return digest, temporary.stat().st_size, temporary


def adopt_staged(store: Store, staged: Path, sha256: str) -> bool:
    """Move a staged copy into place under its hash; False (and drop it) if already stored."""
    target = original_path(store, sha256)
    if target.exists():
        staged.unlink(missing_ok=True)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)
    fileio.sync_folder(target.parent)
    return True


def store_original(store: Store, source: Path, expected_sha256: str) -> bool:
    """Copy ``source`` into the store under its hash; return False when it was there already.

    The copy is hashed as it is written; if the bytes differ from
    ``expected_sha256`` (the file changed or vanished since it was read) the
    copy is discarded and the photo refused.
    """
    target = original_path(store, expected_sha256)
    if target.exists():
        return False
    temporary = _temporary(store, expected_sha256)
    try:
        digest = _copy_hashing(source, temporary)
    except FileNotFoundError as exc:
        temporary.unlink(missing_ok=True)
        raise PhotoRefusedError(source, "the file disappeared during import "
                                        "(was the card or stick pulled out?)",
                                "disappeared") from exc
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        _raise_for_disk(exc, source)
    if digest != expected_sha256:
        temporary.unlink(missing_ok=True)
        raise PhotoRefusedError(source, "the file changed while it was being imported; "
                                        "import it again", "changed")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temporary, target)
    fileio.sync_folder(target.parent)
    return True


def _copy_hashing(source: Path, target: Path) -> str:
    """Copy a file, fsync the copy, and return the sha256 of what was written."""
    digest = hashlib.sha256()
    with open(source, "rb") as reader, open(target, "wb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest()


def write_bytes(store: Store, target: Path, data: bytes) -> None:
    """Write a cache file atomically (temporary name in the store, fsync, rename)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with fileio.atomic_output(target, _temporary(store, target.name)) as part:
            part.write_bytes(data)
    except OSError as exc:
        _raise_for_disk(exc, target)


def _raise_for_disk(exc: OSError, path: Path) -> None:
    if exc.errno == 28:  # ENOSPC
        raise StorageFullError(f"The disk is full while writing {path}. Free some space and "
                               "import again; nothing half-written was kept.") from exc
    raise PhotoRefusedError(path, f"cannot be read or written ({exc.strerror or exc})") from exc


def sha256_of(path: Path) -> str:
    """Return the sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as reader:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


STALE_PARTIAL_SECONDS = 3600
CACHE_DIRNAMES = ("thumbs", "previews", "derived")


def clean_partials(store: Store) -> int:
    """Delete temporary files left by an interrupted write; return how many.

    They are in ``media/tmp``, and in the cache folders, where the photo workers write
    each preview under a temporary ``.NAME.….part`` beside it. Only files untouched for
    an hour go, so an import running in another window or process keeps its staged copies.
    """
    folder = root(store)
    removed = 0
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    leftovers = [*(folder / "tmp").glob("*.part"),
                 *(p for name in CACHE_DIRNAMES for p in (folder / name).glob(".*.part"))]
    for leftover in leftovers:
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def stored_hashes(store: Store) -> set[str]:
    """The hashes of every stored original."""
    return {sha for (sha,) in store.db.execute("SELECT sha256 FROM media")}


def is_referenced(store: Store, sha256: str) -> bool:
    """True while any photo record refers to this original (a notice's photos are photo
    records of its locked inspection, so a notice keeps its originals)."""
    return store.db.execute("SELECT 1 FROM photo WHERE sha256 = ? LIMIT 1",
                            [sha256]).fetchone() is not None


def release(store: Store, sha256: str) -> bool:
    """Delete an original and its caches once nothing refers to it; return True if deleted."""
    if is_referenced(store, sha256):
        return False
    for path in (original_path(store, sha256), thumbnail_path(store, sha256),
                 preview_path(store, sha256)):
        path.unlink(missing_ok=True)
    return True
