"""Opening a bundle read from a stick: :func:`open_bundle` verifies everything first.

What it returns, an :class:`OpenedBundle`, reads, streams and extracts the entries
for the import. :func:`peek_manifest` reads a manifest unverified, only to list the
bundles found on a stick.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from cryptography import x509

from model.errors import OutputFileError
from model.progress import Progress
from model.store import fileio
from model.sync import bundle_verify
from model.sync.bundle_format import (
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE_NAME,
    Manifest,
    Trust,
    parse_manifest,
)
from model.sync.bundle_write import discard, part_of, write_reason


class OpenedBundle:
    """A bundle whose signature, signer and every entry were verified (a context manager).

    Made by :func:`open_bundle`. Reading an entry checks its hash again while
    streaming, so a stick changed after verification is still caught.
    """

    def __init__(self, path: Path, archive: zipfile.ZipFile, manifest: Manifest,
                 signer_certificate: x509.Certificate, members=None):
        self.path = path
        self.manifest = manifest
        self.signer_certificate = signer_certificate
        self._archive = archive
        self._members = members
        self._listed = {entry["name"]: entry for entry in manifest.entries}

    def hash_entries(self, progress: Progress | None = None) -> None:
        """Check every entry's SHA-256 (streamed; ``progress`` counts the bytes)."""
        if progress is not None:
            progress.start(sum(entry["size"] for entry in self.manifest.entries))
        bundle_verify.hash_entries(self.path, self._archive, self._members,
                                   self.manifest.entries, progress)

    def names(self) -> list[str]:
        """Return the entries' names in manifest order."""
        return list(self._listed)

    def entry(self, name: str) -> dict:
        """Return the manifest line (name, sha256, size) of an entry."""
        if name not in self._listed:
            raise KeyError(f"{name!r} is not an entry of {self.path}")
        return self._listed[name]

    def read(self, name: str) -> bytes:
        """Return an entry's bytes (meant for JSON), checked against the manifest."""
        expected = self.entry(name)
        digest, chunks = hashlib.sha256(), []
        for chunk in bundle_verify.member_chunks(self.path, self._archive,
                                                 self._archive.getinfo(name)):
            digest.update(chunk)
            chunks.append(chunk)
        data = b"".join(chunks)
        bundle_verify.check_digest(self.path, expected, digest, len(data))
        return data

    def lines(self, name: str) -> Iterator[bytes]:
        """Yield an entry's lines (JSON Lines) without holding the entry in memory; the hash
        is checked at the end, so a caller merging line by line inside a transaction rolls
        back when :class:`BundleError` comes."""
        expected = self.entry(name)
        digest, size, pending = hashlib.sha256(), 0, b""
        for chunk in bundle_verify.member_chunks(self.path, self._archive,
                                                 self._archive.getinfo(name)):
            digest.update(chunk)
            size += len(chunk)
            *complete, pending = (pending + chunk).split(b"\n")
            yield from (line for line in complete if line.strip())
        if pending.strip():
            yield pending
        bundle_verify.check_digest(self.path, expected, digest, size)

    def extract(self, name: str, target: Path) -> None:
        """Stream an entry to ``target`` atomically; on a hash mismatch no file is left.

        Raises :class:`BundleError` for a bad entry and :class:`OutputFileError`
        when ``target`` cannot be written.
        """
        expected, target = self.entry(name), Path(target)
        part = part_of(target)
        try:
            digest, size = self._copy_to(name, part)
            bundle_verify.check_digest(self.path, expected, digest, size)
            os.replace(part, target)
        except OSError as error:
            discard(part)
            raise OutputFileError(target, write_reason(error)) from error
        except BaseException:
            discard(part)
            raise

    def check_and_extract(self, names: list[str], targets: dict[str, Path],
                          progress: Progress | None = None) -> None:
        """Check the SHA-256 of the entries ``names`` in one pass, in file order, copying
        those in ``targets`` to a temporary file beside their target as they are read; only
        when every one checked out are the (synced) copies renamed into place.

        So a bad entry anywhere leaves no file, as :meth:`hash_entries` before
        :meth:`extract` would, but each entry is read once; the renames are made durable
        (their folders synced) before this returns. Raises :class:`BundleError`
        for a bad entry and :class:`OutputFileError` when a target cannot be written;
        ``progress`` is advanced by the bytes read (not started).
        """
        infos = sorted((self._archive.getinfo(self.entry(name)["name"]) for name in names),
                       key=lambda info: info.header_offset)
        copies: list[_Copy] = []
        try:
            for info in infos:
                target = targets.get(info.orig_filename)
                copy = _Copy(Path(target)) if target is not None else None
                copies += [copy] if copy is not None else []
                self._check_one(info, copy, progress)
            for copy in copies:
                copy.publish()
            _sync_folders({copy.target.parent for copy in copies})
        except BaseException:
            for copy in copies:
                discard(copy.part)
            raise

    def _check_one(self, info: zipfile.ZipInfo, copy: _Copy | None,
                   progress: Progress | None) -> None:
        """Hash one entry (writing it to ``copy`` when given) and check it."""
        digest, size = hashlib.sha256(), 0
        with copy.open() if copy is not None else contextlib.nullcontext():
            for chunk in bundle_verify.member_chunks(self.path, self._archive, info):
                digest.update(chunk)
                size += len(chunk)
                if copy is not None:
                    copy.write(chunk)
                if progress is not None:
                    progress.advance(len(chunk))
        bundle_verify.check_digest(self.path, self._listed[info.orig_filename], digest, size)

    def _copy_to(self, name: str, part: Path) -> tuple:
        digest, size = hashlib.sha256(), 0
        with open(part, "wb") as file:
            for chunk in bundle_verify.member_chunks(self.path, self._archive,
                                                     self._archive.getinfo(name)):
                digest.update(chunk)
                file.write(chunk)
                size += len(chunk)
            file.flush()
            os.fsync(file.fileno())
        return digest, size

    def close(self) -> None:
        """Close the bundle file."""
        self._archive.close()

    def __enter__(self) -> OpenedBundle:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def open_bundle(path: Path, trust: Trust, progress: Progress | None = None,
                hash_entries: bool = True) -> OpenedBundle:
    """Open a bundle after verifying everything; raise :class:`BundleError` on any fault.

    Checked in order: a complete zip of regular files with safe, unique
    names; the manifest's signature; the manifest's form; the signer's
    certificate (issued by a trusted authority, valid at ``trust.at``, not
    revoked, of the manifest's office); the schema version; members exactly
    the manifest's entries with their sizes, within the limits; then every
    entry's SHA-256, streamed (``progress`` counts the bytes hashed).
    With ``hash_entries=False`` the last step waits for
    :meth:`OpenedBundle.hash_entries` (a bundle already imported needs no
    second pass over its photos; each read still checks its own hash).
    """
    path = Path(path)
    archive = bundle_verify.open_zip(path)
    try:
        members = bundle_verify.members(path, archive)
        raw = bundle_verify.read_small(
            path, archive, bundle_verify.required(path, members, MANIFEST_NAME),
            MAX_MANIFEST_BYTES)
        sealed = bundle_verify.read_small(
            path, archive, bundle_verify.required(path, members, SIGNATURE_NAME),
            MAX_SIGNATURE_BYTES)
        leaf = bundle_verify.check_signature(path, raw, sealed)
        manifest = parse_manifest(path, raw)
        bundle_verify.check_signer(path, leaf, manifest, trust)
        bundle_verify.check_schema(path, manifest, trust)
        bundle_verify.check_listing(path, members, manifest.entries)
        opened = OpenedBundle(path, archive, manifest, leaf, members)
        if hash_entries:
            opened.hash_entries(progress)
    except BaseException:
        archive.close()
        raise
    return opened


def peek_manifest(path: Path) -> Manifest:
    """Return a bundle's manifest WITHOUT verifying it (to list bundles found on a stick)."""
    path = Path(path)
    with bundle_verify.open_zip(path) as archive:
        members = bundle_verify.members(path, archive)
        info = bundle_verify.required(path, members, MANIFEST_NAME)
        return parse_manifest(path, bundle_verify.read_small(path, archive, info,
                                                             MAX_MANIFEST_BYTES))


class _Copy:
    """An entry being copied to ``target``'s part file: synced when closed, renamed into
    place by :meth:`publish`; a failure to write becomes OutputFileError."""

    def __init__(self, target: Path):
        self.target, self.part = target, part_of(target)
        self._file = None

    @contextlib.contextmanager
    def open(self) -> Iterator[None]:
        """Write into the part file for the block, then sync and close it."""
        with self._writing():
            self.part.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.part, "wb")  # noqa: SIM115 (closed below)
        try:
            yield
            with self._writing():
                self._file.flush()
                os.fsync(self._file.fileno())
        finally:
            self._file.close()

    def write(self, chunk: bytes) -> None:
        """Append a chunk of the entry."""
        with self._writing():
            self._file.write(chunk)

    def publish(self) -> None:
        """Rename the checked copy to its target."""
        with self._writing():
            os.replace(self.part, self.target)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            yield
        except OSError as error:
            raise OutputFileError(self.target, write_reason(error)) from error


def _sync_folders(folders: set[Path]) -> None:
    """Make renames into these folders (and the folders) durable, as an OutputFileError."""
    try:
        fileio.sync_folders(folders)
    except OSError as error:
        raise OutputFileError(sorted(folders)[0], write_reason(error)) from error
