"""Writing a signed bundle: into a temporary file, synced, read back and verified, then renamed.

The format is :mod:`model.sync.bundle_format`'s. A full disk, a pulled stick or an
unreadable source file becomes an :class:`OutputFileError` worded with what to do,
and leaves neither the temporary file nor a target behind. The safe-writing helpers
at the end are shared with :mod:`model.sync.bundle_open`, which extracts entries the
same way.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from model.errors import OutputFileError
from model.progress import Progress
from model.store import clock, fileio
from model.sync import bundle_verify
from model.sync.bundle_format import (
    ALGORITHM,
    CHUNK,
    FORMAT,
    FORMAT_VERSION,
    JSON_LEVEL,
    MANIFEST_NAME,
    MAX_ENTRY_BYTES,
    MAX_MANIFEST_BYTES,
    SHA256_HEX,
    SIGNATURE_NAME,
    BundleError,
    Entry,
    Manifest,
    Signer,
    canonical,
    entries_problem,
    manifest_from,
    manifest_problem,
)


def write_bundle(target: Path, kind: str, entries: list[Entry], signer: Signer, *,
                 schema_version: int, device_id: str, device_name: str, profile: dict,
                 authority_id: str, sequence: int, created_at: str, meta: dict,
                 progress: Progress | None = None) -> Manifest:
    """Write a signed bundle to ``target`` atomically, verified by reading it back.

    The zip goes to ``<target>.part``, is synced, re-opened and checked entry by
    entry against its manifest, then renamed to ``target``. A full disk, a
    pulled stick or a missing folder raises :class:`OutputFileError` and a
    cancel re-raises :class:`~model.progress.Cancelled`; either way the
    ``.part`` file is removed and ``target`` is not touched. ``progress``
    counts the entries' bytes twice: once written, once verified.
    """
    target = Path(target)
    header = {"format": FORMAT, "format_version": FORMAT_VERSION,
              "schema_version": schema_version, "kind": kind, "device_id": device_id,
              "device_name": device_name, "profile": profile, "authority_id": authority_id,
              "sequence": sequence, "created_at": created_at, "entries": [], "meta": meta}
    _check_request(header, entries, signer)
    part = part_of(target)
    try:
        sizes = [_entry_size(target, entry) for entry in entries]
        if progress is not None:
            progress.start(2 * sum(sizes))
        manifest = _write_part(target, header, entries, signer, progress)
        _verify_part(part, target, manifest, entries, progress)
        _publish(part, target)
    except OSError as error:
        discard(part)
        raise OutputFileError(target, write_reason(error)) from error
    except BaseException:
        discard(part)
        raise
    return manifest


def _check_request(header: dict, entries: list[Entry], signer: Signer) -> None:
    """Refuse a call that could only make a bundle no reader accepts (a programming error)."""
    problem = manifest_problem(header)
    if problem is None:
        problem = entries_problem([entry.name for entry in entries])
    if problem is not None:
        raise ValueError(f"Cannot write this bundle: {problem}")
    for entry in entries:
        if (entry.data is None) == (entry.path is None):
            raise ValueError(f"Bundle entry {entry.name!r} needs either data or a path")
        if entry.sha256 is not None and not SHA256_HEX.fullmatch(entry.sha256):
            raise ValueError(f"Bundle entry {entry.name!r} has no valid sha256")
    leaf = signer.certificates[0].public_key() if signer.certificates else None
    if leaf is None or leaf.public_numbers() != signer.private_key.public_key().public_numbers():
        raise ValueError("The signer's first certificate is not for its private key")
    canonical(header)  # meta must be JSON: fail before anything is written


def _entry_size(target: Path, entry: Entry) -> int:
    """Return an entry's size, refusing one too large for any reader."""
    size = len(entry.data) if entry.data is not None else _source_size(target, entry)
    if size > MAX_ENTRY_BYTES:
        raise OutputFileError(target, f"“{entry.name}” has {size:,} bytes, more than the "
                                      f"{MAX_ENTRY_BYTES:,} a bundle entry may hold")
    return size


def _source_size(target: Path, entry: Entry) -> int:
    try:
        return os.stat(entry.path).st_size
    except OSError as error:
        raise _unreadable_source(target, entry, error) from error


def _write_part(target: Path, header: dict, entries: list[Entry], signer: Signer,
                progress: Progress | None) -> Manifest:
    """Write the whole zip to ``target``'s .part file, sync it, and return its manifest."""
    when = _zip_time(header["created_at"])
    with open(part_of(target), "wb") as file:
        with zipfile.ZipFile(file, "w", allowZip64=True, compresslevel=JSON_LEVEL) as archive:
            listed = [_write_entry(archive, target, entry, when, progress)
                      for entry in entries]
            raw = canonical({**header, "entries": listed})
            _add_member(archive, MANIFEST_NAME, raw, when)
            _add_member(archive, SIGNATURE_NAME, _signature_file(signer, raw), when)
        file.flush()
        os.fsync(file.fileno())
        _forget_cached(file.fileno())
    return manifest_from(header | {"entries": listed}, raw)


def _write_entry(archive: zipfile.ZipFile, target: Path, entry: Entry, when: tuple,
                 progress: Progress | None) -> dict:
    """Stream one entry into the zip, hashing what is written unless its digest is known;
    return its manifest line."""
    digest, size = (None if entry.sha256 else hashlib.sha256()), 0
    with archive.open(_member_info(entry.name, when), "w") as member:
        for chunk in _source_chunks(target, entry):
            if digest is not None:
                digest.update(chunk)
            member.write(chunk)
            size += len(chunk)
            if progress is not None:
                progress.advance(len(chunk))
    if size > MAX_ENTRY_BYTES:  # the file grew while it was being read
        raise OutputFileError(target, f"“{entry.name}” grew past {MAX_ENTRY_BYTES:,} bytes")
    return {"name": entry.name, "sha256": entry.sha256 or digest.hexdigest(), "size": size}


def _source_chunks(target: Path, entry: Entry) -> Iterator[bytes]:
    """Yield an entry's bytes in chunks; a file is read as it is written, never whole."""
    if entry.data is not None:
        view = memoryview(entry.data)
        for start in range(0, len(view), CHUNK):
            yield view[start:start + CHUNK]
        return
    try:
        source = open(entry.path, "rb")  # noqa: SIM115 (closed below; errors need wording)
    except OSError as error:
        raise _unreadable_source(target, entry, error) from error
    with source:
        while True:
            try:
                chunk = source.read(CHUNK)
            except OSError as error:
                raise _unreadable_source(target, entry, error) from error
            if not chunk:
                return
            yield chunk


def _unreadable_source(target: Path, entry: Entry, error: OSError) -> OutputFileError:
    # Not an OSError, so it is not mistaken for a problem of the drive written to.
    reason = error.strerror or str(error)
    return OutputFileError(target, f"“{entry.name}” could not be read from {entry.path} "
                                   f"({reason}); check that the file is still there")


def _member_info(name: str, when: tuple) -> zipfile.ZipInfo:
    """Return the zip header of a regular file: JSON deflated, everything else stored."""
    info = zipfile.ZipInfo(name, when)
    info.compress_type = (zipfile.ZIP_DEFLATED if name.endswith((".json", ".jsonl"))
                          else zipfile.ZIP_STORED)
    info.create_system = 3  # Unix, so the mode bits below mean the same on every reader
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _add_member(archive: zipfile.ZipFile, name: str, data: bytes, when: tuple) -> None:
    archive.writestr(_member_info(name, when), data)


def _signature_file(signer: Signer, raw: bytes) -> bytes:
    """Return manifest.sig: the signature over ``raw`` and the signer's certificates."""
    signature = signer.private_key.sign(raw, ec.ECDSA(hashes.SHA256()))
    pems = [cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
            for cert in signer.certificates]
    return canonical({"algorithm": ALGORITHM, "certificates": pems,
                       "signature": base64.b64encode(signature).decode("ascii")})


def _verify_part(part: Path, target: Path, manifest: Manifest, entries: list[Entry],
                 progress: Progress | None) -> None:
    """Re-open what was written and check every entry against the manifest (for an entry
    whose digest was given, that checks its source file too)."""
    try:
        with bundle_verify.open_zip(part) as archive:
            members = bundle_verify.members(part, archive)
            bundle_verify.check_listing(part, members, manifest.entries)
            if bundle_verify.read_small(part, archive, members[MANIFEST_NAME], MAX_MANIFEST_BYTES) \
                    != manifest.raw:
                raise BundleError(part, "reads back differently", MANIFEST_NAME)
            bundle_verify.hash_entries(part, archive, members, manifest.entries, progress)
    except BundleError as error:
        damaged = _damaged_source(entries, error.entry)
        if damaged is not None:
            raise OutputFileError(target, f"{damaged.path} on this computer is damaged (its "
                                          f"content no longer matches its name "
                                          f"{damaged.sha256}); it cannot be sent: restore it "
                                          "from a backup or remove the photo") from error
        raise OutputFileError(target, f"the file on the drive does not read back as written "
                                      f"({error.problem}); the drive may be failing: export "
                                      "again, to another drive if it happens again") from error


def _damaged_source(entries: list[Entry], name: str | None) -> Entry | None:
    """The entry called ``name`` if its digest was given and its source file no longer has
    it (the file was damaged on this computer, not on the drive)."""
    entry = next((e for e in entries if e.name == name and e.sha256 and e.path), None)
    if entry is None:
        return None
    digest = hashlib.sha256()
    try:
        with open(entry.path, "rb") as source:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
    except OSError:
        return entry
    return entry if digest.hexdigest() != entry.sha256 else None


def _publish(part: Path, target: Path) -> None:
    """Rename the verified file to its real name and make the rename durable."""
    os.replace(part, target)
    try:
        fileio.sync_folder(target.parent)
    except OSError:
        discard(target)  # a rename that may not survive is not a finished export
        raise


def _zip_time(created_at: str) -> tuple:
    """Return the members' zip timestamp: the bundle's creation, in the office's zone."""
    moment = clock.office_moment(created_at)
    return max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def _forget_cached(descriptor: int) -> None:
    """Drop the just-synced file from the page cache, so the read-back reads the drive."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)


# -- writing a file safely (also used when a bundle's entries are extracted) -------


def write_reason(error: OSError) -> str:
    """Word an OSError met while writing, with what to do."""
    if error.errno == errno.ENOSPC:
        return "the drive is full; free some space or use another drive, then export again"
    if error.errno == errno.EFBIG:
        return ("the file is larger than the drive allows (FAT32 drives take at most 4 GB a "
                "file); use a drive formatted as exFAT or NTFS, or export less at a time")
    if error.errno == errno.ENOENT:
        return "the folder does not exist (was the drive removed?); choose the drive again"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the drive or folder cannot be written (read-only?); choose another one"
    return (f"writing failed ({error.strerror or error}); check that the drive is plugged in, "
            "then try again")


def part_of(target: Path) -> Path:
    """Return the temporary name a file is written under before it is renamed to ``target``."""
    return target.with_name(target.name + ".part")


def discard(path: Path) -> None:
    """Remove a partial file, best effort (the drive may be gone)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
