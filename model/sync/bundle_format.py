"""The USB sync bundle: one signed zip file per export, checked in full before it is used.

Data moves between auditors' laptops and the office on USB sticks, one bundle
file per export. This module is only the container: what goes in (records,
photos, receipts) belongs to the sync modules. A bundle is written to a
temporary name, synced, read back and verified, then renamed; it is opened
only after its signature, its signer's certificate and every byte of every
entry have been checked, so an importer changes nothing on a bad bundle.

File format, version 1 (``FORMAT_VERSION``), extension ``.cabundle``
-------------------------------------------------------------------

A zip file (PKWARE APPNOTE; ZIP64 where sizes need it). Readers must use its
central directory. Its members are exactly:

``manifest.json`` (deflated)
    UTF-8 JSON, object keys sorted, no whitespace between tokens, non-ASCII
    characters written as themselves. One object with exactly these keys::

        format          "civicaudit-bundle"
        format_version  1
        schema_version  int: the database schema of the sending program
        kind            "auditor" | "office" | "receipt"
        device_id       str
        device_name     str
        profile         {"id": str, "name": str, "staff_no": str}: who exported
        authority_id    str: the office authority the sender belongs to, the
                        SHA-256 of its CA certificate (DER), lower-case hex
        sequence        int >= 0: per device, counting the device's bundles
        created_at      str: ISO-8601 time with offset
        entries         [{"name": str, "sha256": lower-case hex, "size": int}, ...]
        meta            {...}: free JSON from the sync modules

``manifest.sig`` (stored)
    UTF-8 JSON ``{"algorithm": "ecdsa-p256-sha256", "certificates": [PEM, ...],
    "signature": base64}``: an ECDSA P-256 signature with SHA-256 (DER
    encoded, then base64) over the exact bytes of ``manifest.json``, made
    with the key of ``certificates[0]`` (the sender's certificate, PEM); the
    issuing office CA certificate follows it. Readers trust only their own
    copies of office CA certificates, never one found in a bundle.

one member per entry of the manifest, under its ``name``
    Names are relative POSIX paths of at most 255 characters: parts
    separated by single ``/``; no empty, ``.`` or ``..`` part; no leading
    ``/``, backslash, colon (drive letters, streams) or control character.
    Names ending in ``.json`` or ``.jsonl`` are deflated; everything else (photos under
    ``media/ab/cdef…``, PDFs) is stored, as photos do not compress. Every
    member is a regular file (no links or folders), unencrypted, stored or
    deflated, at most ``MAX_ENTRY_BYTES`` long, and its bytes have the
    manifest's size and SHA-256.

Nothing else may be in the zip. A bundle holds at most ``MAX_ENTRIES``
entries of ``MAX_TOTAL_BYTES`` in all; a deflated member expanding more than
``MAX_RATIO`` times is refused as a decompression bomb. The members' order is
free; this writer puts the entries first and the two manifest files last,
because the hashes are known only once the entries are written.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from model.errors import InputFileError, OutputFileError
from model.progress import Progress
from model.store import clock, fileio

FORMAT = "civicaudit-bundle"
FORMAT_VERSION = 1
SUFFIX = ".cabundle"
KINDS = ("auditor", "office", "receipt")
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
ALGORITHM = "ecdsa-p256-sha256"
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 20 * 1024 ** 3
MAX_ENTRIES = 200_000
MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # 200,000 entries take about 40 MB
MAX_SIGNATURE_BYTES = 64 * 1024
MAX_CERTIFICATES = 4
MAX_RATIO = 1000
JSON_LEVEL = 1  # deflate level of the JSON entries: records compress ~20× even so, 2× faster
MAX_NAME_LENGTH = 255
CHUNK = 1 << 20

SEND_AGAIN = "ask the sender to export it again"
NOT_OURS = "CivicAudit never makes such a bundle: do not use it, and " + SEND_AGAIN
MANIFEST_KEYS = {"format": str, "format_version": int, "schema_version": int, "kind": str,
                 "device_id": str, "device_name": str, "profile": dict, "authority_id": str,
                 "sequence": int, "created_at": str, "entries": list, "meta": dict}
PROFILE_KEYS = ("id", "name", "staff_no")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError)


class BundleError(InputFileError):
    """A bundle is unreadable, altered, untrusted or unsafe: nothing from it may be used.

    ``entry`` names the member concerned (``None``: the bundle as a whole).
    ``kind`` names the reason for a user interface that words it itself:
    unreadable, altered, unsafe, untrusted, revoked, expired, other_office or
    too_new.
    """

    def __init__(self, path, problem: str, entry: str | None = None, kind: str = "altered"):
        self.detail = problem
        self.entry = entry
        self.kind = kind
        super().__init__(path, f"“{entry}”: {problem}" if entry else problem)

    def __reduce__(self):
        # Rebuilt from its fields when it comes back from a worker.
        return type(self), (self.path, self.detail, self.entry, self.kind)


@dataclass(frozen=True)
class Entry:
    """What to put in a bundle: small content in memory, or a file streamed from disk.

    ``sha256`` is the file's digest when the caller knows it already (a content-addressed
    original is named by it): the writer then does not hash the file again, and the
    read-back after writing checks the bytes against it.
    """

    name: str
    data: bytes | None = None
    path: Path | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Manifest:
    """A bundle's signed table of contents; ``raw`` is the exact signed bytes."""

    kind: str
    schema_version: int
    device_id: str
    device_name: str
    profile: dict
    authority_id: str
    sequence: int
    created_at: str
    entries: tuple[dict, ...]
    meta: dict
    raw: bytes = b""


@dataclass(frozen=True)
class Signer:
    """How a bundle is signed: the sender's key, its certificate first, then the issuing CA."""

    private_key: ec.EllipticCurvePrivateKey
    certificates: tuple[x509.Certificate, ...]


@dataclass(frozen=True)
class Trust:
    """What a reader trusts: its office CAs, revoked serials, newest schema, and "now"."""

    authorities: tuple[x509.Certificate, ...]
    revoked_serials: frozenset[str]  # upper-case hex
    schema_version: int
    at: dt.datetime


def authority_id(certificate: x509.Certificate) -> str:
    """Return an authority's id: SHA-256 of its certificate (DER), lower hex, as
    model.people.authority does."""
    return certificate.fingerprint(hashes.SHA256()).hex()


# -- writing -------------------------------------------------------------------------


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
    part = _part_of(target)
    try:
        sizes = [_entry_size(target, entry) for entry in entries]
        if progress is not None:
            progress.start(2 * sum(sizes))
        manifest = _write_part(target, header, entries, signer, progress)
        _verify_part(part, target, manifest, entries, progress)
        _publish(part, target)
    except OSError as error:
        _discard(part)
        raise OutputFileError(target, _write_reason(error)) from error
    except BaseException:
        _discard(part)
        raise
    return manifest


def _check_request(header: dict, entries: list[Entry], signer: Signer) -> None:
    """Refuse a call that could only make a bundle no reader accepts (a programming error)."""
    problem = _manifest_problem(header)
    if problem is None:
        problem = _entries_problem([entry.name for entry in entries])
    if problem is not None:
        raise ValueError(f"Cannot write this bundle: {problem}")
    for entry in entries:
        if (entry.data is None) == (entry.path is None):
            raise ValueError(f"Bundle entry {entry.name!r} needs either data or a path")
        if entry.sha256 is not None and not _SHA256.fullmatch(entry.sha256):
            raise ValueError(f"Bundle entry {entry.name!r} has no valid sha256")
    leaf = signer.certificates[0].public_key() if signer.certificates else None
    if leaf is None or leaf.public_numbers() != signer.private_key.public_key().public_numbers():
        raise ValueError("The signer's first certificate is not for its private key")
    _canonical(header)  # meta must be JSON: fail before anything is written


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
    with open(_part_of(target), "wb") as file:
        with zipfile.ZipFile(file, "w", allowZip64=True, compresslevel=JSON_LEVEL) as archive:
            listed = [_write_entry(archive, target, entry, when, progress)
                      for entry in entries]
            raw = _canonical({**header, "entries": listed})
            _add_member(archive, MANIFEST_NAME, raw, when)
            _add_member(archive, SIGNATURE_NAME, _signature_file(signer, raw), when)
        file.flush()
        os.fsync(file.fileno())
        _forget_cached(file.fileno())
    return _manifest_from(header | {"entries": listed}, raw)


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
    return _canonical({"algorithm": ALGORITHM, "certificates": pems,
                       "signature": base64.b64encode(signature).decode("ascii")})


def _verify_part(part: Path, target: Path, manifest: Manifest, entries: list[Entry],
                 progress: Progress | None) -> None:
    """Re-open what was written and check every entry against the manifest (for an entry
    whose digest was given, that checks its source file too)."""
    try:
        with _open_zip(part) as archive:
            members = _members(part, archive)
            _check_listing(part, members, manifest.entries)
            if _read_small(part, archive, members[MANIFEST_NAME], MAX_MANIFEST_BYTES) \
                    != manifest.raw:
                raise BundleError(part, "reads back differently", MANIFEST_NAME)
            _hash_entries(part, archive, members, manifest.entries, progress)
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
        _discard(target)  # a rename that may not survive is not a finished export
        raise


# -- reading -------------------------------------------------------------------------


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
        _hash_entries(self.path, self._archive, self._members, self.manifest.entries, progress)

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
        for chunk in _member_chunks(self.path, self._archive, self._archive.getinfo(name)):
            digest.update(chunk)
            chunks.append(chunk)
        data = b"".join(chunks)
        _check_digest(self.path, expected, digest, len(data))
        return data

    def lines(self, name: str) -> Iterator[bytes]:
        """Yield an entry's lines (JSON Lines) without holding the entry in memory; the hash
        is checked at the end, so a caller merging line by line inside a transaction rolls
        back when :class:`BundleError` comes."""
        expected = self.entry(name)
        digest, size, pending = hashlib.sha256(), 0, b""
        for chunk in _member_chunks(self.path, self._archive, self._archive.getinfo(name)):
            digest.update(chunk)
            size += len(chunk)
            *complete, pending = (pending + chunk).split(b"\n")
            yield from (line for line in complete if line.strip())
        if pending.strip():
            yield pending
        _check_digest(self.path, expected, digest, size)

    def extract(self, name: str, target: Path) -> None:
        """Stream an entry to ``target`` atomically; on a hash mismatch no file is left.

        Raises :class:`BundleError` for a bad entry and :class:`OutputFileError`
        when ``target`` cannot be written.
        """
        expected, target = self.entry(name), Path(target)
        part = _part_of(target)
        try:
            digest, size = self._copy_to(name, part)
            _check_digest(self.path, expected, digest, size)
            os.replace(part, target)
        except OSError as error:
            _discard(part)
            raise OutputFileError(target, _write_reason(error)) from error
        except BaseException:
            _discard(part)
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
                _discard(copy.part)
            raise

    def _check_one(self, info: zipfile.ZipInfo, copy: _Copy | None,
                   progress: Progress | None) -> None:
        """Hash one entry (writing it to ``copy`` when given) and check it."""
        digest, size = hashlib.sha256(), 0
        with copy.open() if copy is not None else contextlib.nullcontext():
            for chunk in _member_chunks(self.path, self._archive, info):
                digest.update(chunk)
                size += len(chunk)
                if copy is not None:
                    copy.write(chunk)
                if progress is not None:
                    progress.advance(len(chunk))
        _check_digest(self.path, self._listed[info.orig_filename], digest, size)

    def _copy_to(self, name: str, part: Path) -> tuple:
        digest, size = hashlib.sha256(), 0
        with open(part, "wb") as file:
            for chunk in _member_chunks(self.path, self._archive, self._archive.getinfo(name)):
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
    archive = _open_zip(path)
    try:
        members = _members(path, archive)
        raw = _read_small(path, archive, _required(path, members, MANIFEST_NAME),
                          MAX_MANIFEST_BYTES)
        sealed = _read_small(path, archive, _required(path, members, SIGNATURE_NAME),
                             MAX_SIGNATURE_BYTES)
        leaf = _check_signature(path, raw, sealed)
        manifest = _parse_manifest(path, raw)
        _check_signer(path, leaf, manifest, trust)
        _check_schema(path, manifest, trust)
        _check_listing(path, members, manifest.entries)
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
    with _open_zip(path) as archive:
        members = _members(path, archive)
        info = _required(path, members, MANIFEST_NAME)
        return _parse_manifest(path, _read_small(path, archive, info, MAX_MANIFEST_BYTES))


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BundleError(path, "the file is not there (was the drive removed?); check the "
                                "drive and try again", kind="unreadable") from None
    except OSError as error:
        raise BundleError(path, f"the file could not be read ({error.strerror or error}); "
                                "check the drive and try again", kind="unreadable") from None
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise BundleError(path, "it is incomplete or not a CivicAudit bundle (was the copy "
                                f"cut short?); {SEND_AGAIN}", kind="unreadable") from None


def _members(path: Path, archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Return the zip's members by name, refusing links, folders, odd names and duplicates."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES + 2:
        raise BundleError(path, f"it has {len(infos):,} members, more than a bundle may hold; "
                                f"{NOT_OURS}", kind="unsafe")
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.orig_filename  # before zipfile cuts it at a NUL or turns "\" into "/"
        problem = _name_problem(name) or _member_problem(info)
        if problem is None and name in members:
            problem = "appears twice in the bundle"
        if problem is not None:
            raise BundleError(path, f"{problem}; {NOT_OURS}", name, "unsafe")
        members[name] = info
    return members


def _name_problem(name: str) -> str | None:
    """Return why ``name`` is not a safe relative path inside a bundle, or None."""
    if not name or len(name) > MAX_NAME_LENGTH:
        return "its name is empty or too long"
    if "\\" in name:
        return "its name has a backslash"
    if name.startswith("/"):
        return "its name is an absolute path"
    if ":" in name:
        return "its name has a colon (a drive letter or stream)"
    if any(ord(ch) < 32 or ch == "\x7f" for ch in name):
        return "its name has a control character"
    parts = name.split("/")
    if ".." in parts or "." in parts:
        return "its name has a “.” or “..” part (a path leaving the bundle)"
    if "" in parts:
        return "its name has an empty part (“//” or a trailing “/”)"
    return None


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    """Return why a zip member cannot be a bundle entry, or None."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return "it is a link"
    if kind not in (0, stat.S_IFREG) or info.external_attr & 0x10:  # 0x10: MS-DOS folder
        return "it is a folder or a special file"
    if info.flag_bits & 0x1:
        return "it is encrypted"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return "it uses a compression CivicAudit does not write"
    if info.file_size > MAX_ENTRY_BYTES:
        return f"it has {info.file_size:,} bytes, more than the {MAX_ENTRY_BYTES:,} allowed"
    if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
        return "its stored and declared sizes differ"
    if info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return f"it expands more than {MAX_RATIO} times (a decompression bomb)"
    return None


def _required(path: Path, members: dict, name: str) -> zipfile.ZipInfo:
    if name not in members:
        raise BundleError(path, f"it has no {name}, so it is not a complete CivicAudit bundle; "
                                f"{SEND_AGAIN}", kind="unreadable")
    return members[name]


def _read_small(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                limit: int) -> bytes:
    """Return a small member whole (the manifest files), at most ``limit`` bytes."""
    if info.file_size > limit:
        raise BundleError(path, f"it has {info.file_size:,} bytes, more than the {limit:,} "
                                f"allowed; {NOT_OURS}", info.orig_filename, "unsafe")
    data = b"".join(_member_chunks(path, archive, info))
    if len(data) != info.file_size:
        raise BundleError(path, f"it is damaged; {SEND_AGAIN}", info.orig_filename)
    return data


def _member_chunks(path: Path, archive: zipfile.ZipFile,
                   info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Yield a member's bytes in chunks; zip damage and read errors become BundleError."""
    member = _guarded(path, info, lambda: archive.open(info))
    with member:
        while chunk := _guarded(path, info, lambda: member.read(CHUNK)):
            yield chunk


def _guarded(path: Path, info: zipfile.ZipInfo, read):
    """Run one read of a member, turning its failures into BundleError."""
    try:
        return read()
    except OSError as error:
        raise BundleError(path, f"it could not be read ({error.strerror or error}); check "
                                "that the drive is still plugged in and try again",
                          info.orig_filename, "unreadable") from None
    except _MEMBER_ERRORS:
        raise BundleError(path, f"it is damaged or was changed; {SEND_AGAIN}",
                          info.orig_filename) from None


class _Copy:
    """An entry being copied to ``target``'s part file: synced when closed, renamed into
    place by :meth:`publish`; a failure to write becomes OutputFileError."""

    def __init__(self, target: Path):
        self.target, self.part = target, _part_of(target)
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
            raise OutputFileError(self.target, _write_reason(error)) from error


def _check_signature(path: Path, raw: bytes, sealed: bytes) -> x509.Certificate:
    """Return the signer's certificate after checking its signature over the manifest."""
    signature, leaf = _parse_signature_file(path, sealed)
    key = leaf.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise BundleError(path, f"it is not signed with an ECDSA P-256 key; {NOT_OURS}",
                          SIGNATURE_NAME)
    try:
        key.verify(signature, raw, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise BundleError(path, "its signature does not match it: the bundle was changed "
                                f"after it was signed, or signed by someone else; {SEND_AGAIN}",
                          MANIFEST_NAME) from None
    return leaf


def _parse_signature_file(path: Path, sealed: bytes) -> tuple[bytes, x509.Certificate]:
    """Return the signature bytes and the signer's certificate from manifest.sig."""
    try:
        document = _load_json(sealed)
        pems = document["certificates"]
        if (set(document) != {"algorithm", "certificates", "signature"}
                or document["algorithm"] != ALGORITHM or not isinstance(pems, list)
                or not 1 <= len(pems) <= MAX_CERTIFICATES):
            raise ValueError("not a CivicAudit signature file")
        signature = base64.b64decode(document["signature"], validate=True)
        return signature, x509.load_pem_x509_certificate(pems[0].encode("ascii"))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        raise BundleError(path, f"the signature file is damaged; {SEND_AGAIN}",
                          SIGNATURE_NAME) from None


def _parse_manifest(path: Path, raw: bytes) -> Manifest:
    """Return the manifest in ``raw``, refusing any that is not well-formed version 1."""
    try:
        document = _load_json(raw)
    except (ValueError, RecursionError):
        document = None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BundleError(path, f"its manifest is damaged or not a CivicAudit manifest; "
                                f"{SEND_AGAIN}", MANIFEST_NAME, "unreadable")
    version = document.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise BundleError(path, f"it is in bundle format {version}, newer than this program "
                                f"reads ({FORMAT_VERSION}); update CivicAudit", kind="too_new")
    problem = _manifest_problem(document)
    if problem is None:
        problem = _entries_problem([entry["name"] for entry in document["entries"]])
    if problem is not None:
        raise BundleError(path, f"its manifest is not valid ({problem}); {NOT_OURS}",
                          MANIFEST_NAME, "unsafe")
    return _manifest_from(document, raw)


def _manifest_problem(document: dict) -> str | None:
    """Return what is wrong with a manifest's fields (also checks the writer's), or None."""
    if set(document) != set(MANIFEST_KEYS):
        return f"its fields are {sorted(document)}, not {sorted(MANIFEST_KEYS)}"
    for key, kind in MANIFEST_KEYS.items():
        if not isinstance(document[key], kind) or isinstance(document[key], bool):
            return f"“{key}” is not a {kind.__name__}"
    profile = document["profile"]
    if document["format_version"] != FORMAT_VERSION:
        return f"unknown format version {document['format_version']}"
    if document["kind"] not in KINDS:
        return f"unknown kind “{document['kind']}”"
    if document["sequence"] < 0:
        return "the sequence number is negative"
    if not all(isinstance(profile.get(key), str) for key in PROFILE_KEYS):
        return f"the profile lacks one of {', '.join(PROFILE_KEYS)}"
    if not _is_time(document["created_at"]):
        return "“created_at” is not an ISO time with offset"
    return next(filter(None, map(_line_problem, document["entries"])), None)


def _line_problem(line) -> str | None:
    """Return what is wrong with one manifest entry line, or None."""
    if not isinstance(line, dict) or set(line) != {"name", "sha256", "size"}:
        return "an entry does not have exactly name, sha256 and size"
    name, digest, size = line["name"], line["sha256"], line["size"]
    if not isinstance(name, str) or not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        return f"entry {name!r} has no valid name or sha256"
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_ENTRY_BYTES:
        return f"entry {name!r} has an invalid size"
    return None


def _entries_problem(names: list[str]) -> str | None:
    """Return what is wrong with a bundle's entry names as a whole, or None."""
    if len(names) > MAX_ENTRIES:
        return f"{len(names):,} entries are more than the {MAX_ENTRIES:,} allowed"
    seen: set[str] = set()
    for name in names:
        problem = _name_problem(name)
        if problem is None and name in (MANIFEST_NAME, SIGNATURE_NAME):
            problem = "its name is reserved for the manifest"
        if problem is None and name in seen:
            problem = "it is listed twice"
        if problem is not None:
            return f"entry {name!r}: {problem}"
        seen.add(name)
    return None


def _check_signer(path: Path, leaf: x509.Certificate, manifest: Manifest, trust: Trust) -> None:
    """Refuse a signer not issued by a trusted office authority, or revoked or expired."""
    issuer = next((ca for ca in trust.authorities if _issued_by(leaf, ca)), None)
    serial = format(leaf.serial_number, "X")
    if issuer is None and manifest.authority_id not in {authority_id(ca)
                                                         for ca in trust.authorities}:
        raise _other_office(path, manifest)
    if issuer is None:
        raise BundleError(path, f"its signer's certificate {serial} was not issued by an office "
                                "authority this computer trusts; ask the sender to sign with "
                                "a certificate from your office", kind="untrusted")
    if authority_id(issuer) != manifest.authority_id:
        raise _other_office(path, manifest)
    if serial in trust.revoked_serials:
        raise BundleError(path, f"its signer's certificate {serial} was revoked by the office; "
                                "do not use it", kind="revoked")
    _check_validity(path, leaf, serial, _aware(trust.at))


def _other_office(path: Path, manifest: Manifest) -> BundleError:
    return BundleError(path, f"it is a bundle for another office (authority "
                             f"{manifest.authority_id[:16]}…); give it to that office",
                       kind="other_office")


def _check_validity(path: Path, leaf: x509.Certificate, serial: str, at: dt.datetime) -> None:
    if at > leaf.not_valid_after_utc:
        raise BundleError(path, f"its signer's certificate {serial} expired on "
                                f"{_day(leaf.not_valid_after_utc)}; the sender needs a new "
                                "certificate from the office, then must export again",
                          kind="expired")
    if at < leaf.not_valid_before_utc:
        raise BundleError(path, f"its signer's certificate {serial} is not valid before "
                                f"{_day(leaf.not_valid_before_utc)}; check this computer's "
                                "date, time and time zone", kind="expired")


def _check_schema(path: Path, manifest: Manifest, trust: Trust) -> None:
    if manifest.schema_version > trust.schema_version:
        raise BundleError(path, f"it was made by a newer CivicAudit (database schema "
                                f"{manifest.schema_version}; this program knows up to "
                                f"{trust.schema_version}); update this program",
                          kind="too_new")


def _check_listing(path: Path, members: dict[str, zipfile.ZipInfo],
                   entries: tuple[dict, ...]) -> None:
    """Refuse members not in the manifest, entries with no member, and sizes that differ."""
    listed = {entry["name"]: entry for entry in entries}
    extra = sorted(members.keys() - listed.keys() - {MANIFEST_NAME, SIGNATURE_NAME})
    if extra:
        raise BundleError(path, f"it is not listed in the signed manifest; {NOT_OURS}",
                          extra[0], "unsafe")
    missing = sorted(listed.keys() - members.keys())
    if missing:
        raise BundleError(path, f"it is listed in the manifest but missing from the bundle; "
                                f"{SEND_AGAIN}", missing[0])
    for name, entry in listed.items():
        if members[name].file_size != entry["size"]:
            raise BundleError(path, f"its size is {members[name].file_size:,} bytes, not the "
                                    f"{entry['size']:,} its manifest says; {SEND_AGAIN}", name)
    if sum(entry["size"] for entry in entries) > MAX_TOTAL_BYTES:
        raise BundleError(path, f"its entries exceed {MAX_TOTAL_BYTES:,} bytes in all; "
                                f"{NOT_OURS}", kind="unsafe")


def _hash_entries(path: Path, archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                  entries: tuple[dict, ...], progress: Progress | None) -> None:
    """Stream every entry in file order and compare its SHA-256 and size with the manifest."""
    listed = {entry["name"]: entry for entry in entries}
    for info in sorted((members[name] for name in listed), key=lambda i: i.header_offset):
        digest, size = hashlib.sha256(), 0
        for chunk in _member_chunks(path, archive, info):
            digest.update(chunk)
            size += len(chunk)
            if progress is not None:
                progress.advance(len(chunk))
        _check_digest(path, listed[info.orig_filename], digest, size)


def _check_digest(path: Path, expected: dict, digest, size: int) -> None:
    if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
        raise BundleError(path, f"its bytes differ from the signed manifest: it was changed or "
                                f"damaged; {SEND_AGAIN}", expected["name"])


# -- small helpers -------------------------------------------------------------------


def _canonical(document: dict) -> bytes:
    """Return the format's JSON: keys sorted, no whitespace, UTF-8."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def _load_json(data: bytes):
    """Parse strict JSON: UTF-8, no NaN or Infinity, no key given twice."""
    return json.loads(data.decode("utf-8"), object_pairs_hook=_unique_keys,
                      parse_constant=_no_constant)


def _unique_keys(pairs: list) -> dict:
    document = dict(pairs)
    if len(document) != len(pairs):
        # Two readers could disagree on which value counts.
        raise ValueError("a key is given twice")
    return document


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _manifest_from(document: dict, raw: bytes) -> Manifest:
    return Manifest(
        kind=document["kind"], schema_version=document["schema_version"],
        device_id=document["device_id"], device_name=document["device_name"],
        profile=document["profile"], authority_id=document["authority_id"],
        sequence=document["sequence"], created_at=document["created_at"],
        entries=tuple(document["entries"]), meta=document["meta"], raw=raw)


def _issued_by(leaf: x509.Certificate, ca: x509.Certificate) -> bool:
    """Return True when ``ca`` (by name and by key) signed ``leaf``."""
    try:
        leaf.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _is_time(text: str) -> bool:
    try:
        return dt.datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def _zip_time(created_at: str) -> tuple:
    """Return the members' zip timestamp: the bundle's creation, in the office's zone."""
    moment = clock.office_moment(created_at)
    return max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _day(moment: dt.datetime) -> str:
    return clock.office_date(moment).isoformat()


def _write_reason(error: OSError) -> str:
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


def _forget_cached(descriptor: int) -> None:
    """Drop the just-synced file from the page cache, so the read-back reads the drive."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)


def _sync_folders(folders: set[Path]) -> None:
    """Make renames into these folders (and the folders) durable, as an OutputFileError."""
    try:
        fileio.sync_folders(folders)
    except OSError as error:
        raise OutputFileError(sorted(folders)[0], _write_reason(error)) from error


def _part_of(target: Path) -> Path:
    """Return the temporary name a file is written under before it is renamed to ``target``."""
    return target.with_name(target.name + ".part")


def _discard(path: Path) -> None:
    """Remove a partial file, best effort (the drive may be gone)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
