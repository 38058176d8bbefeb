"""The USB sync bundle: one signed zip file per export, checked in full before it is used.

Data moves between auditors' laptops and the office on USB sticks, one bundle
file per export. This module and its siblings are only the container: what
goes in (records, photos, receipts) belongs to the sync modules. Here are the
format, its limits, the manifest's form and the types the others share.
:mod:`model.sync.bundle_write` writes a bundle to a temporary name, syncs, reads
back and verifies it, then renames it; :mod:`model.sync.bundle_open` opens one
only after :mod:`model.sync.bundle_verify` has checked its signature, its
signer's certificate and every byte of every entry, so an importer changes
nothing on a bad bundle.

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

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from model.errors import InputFileError

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
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class BundleError(InputFileError):
    """A bundle is unreadable, altered, untrusted or unsafe: nothing from it may be used.

    ``entry`` names the member concerned (``None``: the bundle as a whole).
    ``kind`` names the reason for a user interface that words it itself:
    unreadable, altered, unsafe, untrusted, revoked, expired, other_office,
    not_enrolled (this computer trusts no office yet), too_new or missed (an office
    bundle that leaves out what an office bundle this laptop never imported sent).
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


# -- manifest form (checked by the writer and by every reader) --------------------


def parse_manifest(path: Path, raw: bytes) -> Manifest:
    """Return the manifest in ``raw``, refusing any that is not well-formed version 1."""
    try:
        document = load_json(raw)
    except (ValueError, RecursionError):
        document = None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BundleError(path, f"its manifest is damaged or not a CivicAudit manifest; "
                                f"{SEND_AGAIN}", MANIFEST_NAME, "unreadable")
    version = document.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise BundleError(path, f"it is in bundle format {version}, newer than this program "
                                f"reads ({FORMAT_VERSION}); update CivicAudit", kind="too_new")
    problem = manifest_problem(document)
    if problem is None:
        problem = entries_problem([entry["name"] for entry in document["entries"]])
    if problem is not None:
        raise BundleError(path, f"its manifest is not valid ({problem}); {NOT_OURS}",
                          MANIFEST_NAME, "unsafe")
    return manifest_from(document, raw)


def manifest_problem(document: dict) -> str | None:
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
    if not isinstance(name, str) or not isinstance(digest, str) or not SHA256_HEX.fullmatch(digest):
        return f"entry {name!r} has no valid name or sha256"
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_ENTRY_BYTES:
        return f"entry {name!r} has an invalid size"
    return None


def entries_problem(names: list[str]) -> str | None:
    """Return what is wrong with a bundle's entry names as a whole, or None."""
    if len(names) > MAX_ENTRIES:
        return f"{len(names):,} entries are more than the {MAX_ENTRIES:,} allowed"
    seen: set[str] = set()
    for name in names:
        problem = name_problem(name)
        if problem is None and name in (MANIFEST_NAME, SIGNATURE_NAME):
            problem = "its name is reserved for the manifest"
        if problem is None and name in seen:
            problem = "it is listed twice"
        if problem is not None:
            return f"entry {name!r}: {problem}"
        seen.add(name)
    return None


def name_problem(name: str) -> str | None:
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


def _is_time(text: str) -> bool:
    try:
        return dt.datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


# -- the format's JSON --------------------------------------------------------------


def canonical(document: dict) -> bytes:
    """Return the format's JSON: keys sorted, no whitespace, UTF-8."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def load_json(data: bytes):
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


def manifest_from(document: dict, raw: bytes) -> Manifest:
    """Return the :class:`Manifest` of a well-formed manifest and its signed bytes."""
    return Manifest(
        kind=document["kind"], schema_version=document["schema_version"],
        device_id=document["device_id"], device_name=document["device_name"],
        profile=document["profile"], authority_id=document["authority_id"],
        sequence=document["sequence"], created_at=document["created_at"],
        entries=tuple(document["entries"]), meta=document["meta"], raw=raw)
