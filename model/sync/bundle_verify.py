"""The checks a bundle must pass before anything in it is used; each failure is a BundleError.

The zip itself (regular, unencrypted members with safe, unique names, within the
limits), the manifest's signature and form, the signer's certificate against what
this computer trusts, the schema, and the entries against the manifest (the
listing, then every entry's SHA-256, streamed). :mod:`model.sync.bundle_open` runs
them on a bundle read from a stick; :mod:`model.sync.bundle_write` runs the zip and
entry checks on the bundle it has just written.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from model.progress import Progress
from model.store import clock
from model.sync.bundle_format import (
    ALGORITHM,
    CHUNK,
    MANIFEST_NAME,
    MAX_CERTIFICATES,
    MAX_ENTRIES,
    MAX_ENTRY_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    NOT_OURS,
    SEND_AGAIN,
    SIGNATURE_NAME,
    BundleError,
    Manifest,
    Trust,
    authority_id,
    load_json,
    name_problem,
)

_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError)


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a bundle's zip; a missing, unreadable or broken file becomes BundleError."""
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


def members(path: Path, archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Return the zip's members by name, refusing links, folders, odd names and duplicates."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES + 2:
        raise BundleError(path, f"it has {len(infos):,} members, more than a bundle may hold; "
                                f"{NOT_OURS}", kind="unsafe")
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.orig_filename  # before zipfile cuts it at a NUL or turns "\" into "/"
        problem = name_problem(name) or _member_problem(info)
        if problem is None and name in members:
            problem = "appears twice in the bundle"
        if problem is not None:
            raise BundleError(path, f"{problem}; {NOT_OURS}", name, "unsafe")
        members[name] = info
    return members


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


def required(path: Path, members: dict, name: str) -> zipfile.ZipInfo:
    """Return the member ``name``, refusing a bundle without it."""
    if name not in members:
        raise BundleError(path, f"it has no {name}, so it is not a complete CivicAudit bundle; "
                                f"{SEND_AGAIN}", kind="unreadable")
    return members[name]


def read_small(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                limit: int) -> bytes:
    """Return a small member whole (the manifest files), at most ``limit`` bytes."""
    if info.file_size > limit:
        raise BundleError(path, f"it has {info.file_size:,} bytes, more than the {limit:,} "
                                f"allowed; {NOT_OURS}", info.orig_filename, "unsafe")
    data = b"".join(member_chunks(path, archive, info))
    if len(data) != info.file_size:
        raise BundleError(path, f"it is damaged; {SEND_AGAIN}", info.orig_filename)
    return data


def member_chunks(path: Path, archive: zipfile.ZipFile,
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


# -- the signature, the signer and the manifest -------------------------------------


def check_signature(path: Path, raw: bytes, sealed: bytes) -> x509.Certificate:
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
        document = load_json(sealed)
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


def check_signer(path: Path, leaf: x509.Certificate, manifest: Manifest, trust: Trust) -> None:
    """Refuse a signer not issued by a trusted office authority, or revoked or expired."""
    if not trust.authorities:
        raise BundleError(path, "this computer does not belong to an office yet: install the "
                                "certificate the office issued for you first (keys install), "
                                "then import the bundle again", kind="not_enrolled")
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


def check_schema(path: Path, manifest: Manifest, trust: Trust) -> None:
    """Refuse a bundle from a program whose database schema is newer than this one's."""
    if manifest.schema_version > trust.schema_version:
        raise BundleError(path, f"it was made by a newer CivicAudit (database schema "
                                f"{manifest.schema_version}; this program knows up to "
                                f"{trust.schema_version}); update this program",
                          kind="too_new")


def _issued_by(leaf: x509.Certificate, ca: x509.Certificate) -> bool:
    """Return True when ``ca`` (by name and by key) signed ``leaf``."""
    try:
        leaf.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _day(moment: dt.datetime) -> str:
    return clock.office_date(moment).isoformat()


# -- the entries -------------------------------------------------------------------


def check_listing(path: Path, members: dict[str, zipfile.ZipInfo],
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


def hash_entries(path: Path, archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                  entries: tuple[dict, ...], progress: Progress | None) -> None:
    """Stream every entry in file order and compare its SHA-256 and size with the manifest."""
    listed = {entry["name"]: entry for entry in entries}
    for info in sorted((members[name] for name in listed), key=lambda i: i.header_offset):
        digest, size = hashlib.sha256(), 0
        for chunk in member_chunks(path, archive, info):
            digest.update(chunk)
            size += len(chunk)
            if progress is not None:
                progress.advance(len(chunk))
        check_digest(path, listed[info.orig_filename], digest, size)


def check_digest(path: Path, expected: dict, digest, size: int) -> None:
    """Refuse an entry whose bytes read differ from its manifest line."""
    if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
        raise BundleError(path, f"its bytes differ from the signed manifest: it was changed or "
                                f"damaged; {SEND_AGAIN}", expected["name"])
