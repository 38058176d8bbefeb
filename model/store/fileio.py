"""Writing files so that a crash, a full disk or a pulled USB stick never leaves half a file.

Every file the program writes for keeps (photos, previews, signed PDFs, bundles, reports,
CSV) goes the same way: written under a temporary name beside its target, flushed and
fsynced, renamed onto the target (atomic on one file system), and the folder fsynced so
the rename itself survives a power cut. A reader sees the old file or the whole new one,
never a part. This module is that one way; callers word their own errors.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from model.errors import OutputFileError


def part_path(target: Path) -> Path:
    """The temporary name a file is written under beside ``target`` (hidden, per process)."""
    return target.with_name(f".{target.name}.{os.getpid()}.part")


@contextlib.contextmanager
def atomic_output(target: Path, part: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; once the block ends, fsync it and rename it onto
    ``target``, then sync the folder. On any failure the temporary file is removed and
    ``target`` is as it was; an ``OSError`` goes to the caller, who words it.

    ``part`` names the temporary file when it must live elsewhere on the same file
    system (a store's own temporary folder)."""
    part = part or part_path(target)
    try:
        yield part
        fsync_file(part)
        os.replace(part, target)
        sync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` the safe way (folders made as needed); a failure is an
    :class:`OutputFileError` naming ``target`` and nothing is left behind."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(target) as part:
            part.write_bytes(data)
    except OSError as exc:
        raise OutputFileError(target, exc.strerror or str(exc)) from exc


def fsync_file(path: Path) -> None:
    """Flush a written file's bytes to the disk."""
    with open(path, "rb+") as written:
        os.fsync(written.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename into ``folder`` durable (POSIX: fsync the folder; Windows has no such
    call and needs none)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_folders(folders: Iterable[Path]) -> None:
    """Make renames into these folders durable, and the folders themselves where they may
    have been made just now (their parents are synced too)."""
    folders = set(folders)
    for folder in sorted(folders | {folder.parent for folder in folders}):
        sync_folder(folder)
