"""Forging sync bundles: take a real one apart, change it, and sign it again with a real key.

The format is the one :mod:`model.sync.bundle_format` documents; only zipfile, json and cryptography
are used, as another tool (or an attacker) would.
"""

from __future__ import annotations

import base64
import hashlib
import json
import stat
import struct
import warnings
import zipfile
import zlib
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from model.people.keys import SigningCredential
from tests.zips import raw_zip, zero_bomb

MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"


def contents(path: Path) -> tuple[dict, list[tuple[zipfile.ZipInfo, bytes]]]:
    """Return (manifest, [(member info, bytes)] of the entries) of a bundle."""
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read(MANIFEST))
        members = [(info, archive.read(info)) for info in archive.infolist()
                   if info.filename not in (MANIFEST, SIGNATURE)]
    return document, members


def canonical(document: dict) -> bytes:
    """The manifest's exact bytes: keys sorted, no whitespace, UTF-8."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode()


def line(name: str, data: bytes) -> dict:
    """A manifest entry line for ``data``."""
    return {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def signature(raw: bytes, signer: SigningCredential, key=None) -> bytes:
    """manifest.sig over ``raw``: made with ``key`` (default: the signer's) and its certificates."""
    made = (key or signer.private_key).sign(raw, ec.ECDSA(hashes.SHA256()))
    pems = [c.public_bytes(serialization.Encoding.PEM).decode()
            for c in (signer.certificate, *signer.chain)]
    return json.dumps({"algorithm": "ecdsa-p256-sha256", "certificates": pems,
                       "signature": base64.b64encode(made).decode()}).encode()


def forge(path: Path, document: dict, members: list, signer: SigningCredential,
          sig: bytes | None = None, with_signature: bool = True) -> Path:
    """Write a bundle by hand: members ((name or ZipInfo), bytes), then manifest and signature."""
    raw = canonical(document)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about duplicate names
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in members:
                archive.writestr(name, data)
            archive.writestr(MANIFEST, raw, zipfile.ZIP_DEFLATED)
            if with_signature:
                archive.writestr(SIGNATURE, sig if sig is not None else signature(raw, signer))
    return path


def forge_from(source: Path, path: Path, signer: SigningCredential, members: list | None = None,
               **changes) -> Path:
    """A copy of ``source`` with other members and/or manifest fields, signed by ``signer``;
    the manifest lists the members as they are unless ``entries`` is given."""
    document, original = contents(source)
    members = original if members is None else members
    if "entries" not in changes:
        changes["entries"] = [line(_name(name), data) for name, data in members]
    return forge(path, document | changes, members, signer)


def replace_member(source: Path, name: str, data: bytes) -> list:
    """The members of ``source`` with ``name``'s bytes replaced."""
    _, members = contents(source)
    return [(info, data if info.filename == name else old) for info, old in members]


def member_names(source: Path) -> list[str]:
    """The entry names of a bundle, in file order."""
    return [info.filename for info, _ in contents(source)[1]]


def symlink(name: str) -> zipfile.ZipInfo:
    """A zip member header marking ``name`` as a Unix symbolic link."""
    info = zipfile.ZipInfo(name)
    info.create_system, info.external_attr = 3, (stat.S_IFLNK | 0o777) << 16
    return info


def data_offset(path: Path, name: str) -> tuple[int, int]:
    """Where a member's (compressed) data starts in the file, and its length."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    with open(path, "rb") as file:
        file.seek(info.header_offset + 26)
        name_length, extra_length = struct.unpack("<HH", file.read(4))
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def flipped(path: Path, name: str) -> bytes:
    """The bundle's bytes with one bit flipped in the middle of member ``name``'s data."""
    offset, size = data_offset(path, name)
    data = bytearray(path.read_bytes())
    data[offset + size // 2] ^= 0x01
    return bytes(data)


def bomb(path: Path, source: Path, signer: SigningCredential, megabytes: int) -> Path:
    """A bundle whose only entry is ``megabytes`` MB of zeros, honestly declared and signed."""
    stream, crc, digest = zero_bomb(megabytes)
    name, size = "bomb.json", megabytes << 20
    document, _ = contents(source)
    document["entries"] = [{"name": name, "sha256": digest, "size": size}]
    raw = canonical(document)
    sig = signature(raw, signer)
    raw_zip(path, [(name.encode(), zipfile.ZIP_DEFLATED, crc, size, stream),
                    (MANIFEST.encode(), 0, zlib.crc32(raw), len(raw), raw),
                    (SIGNATURE.encode(), 0, zlib.crc32(sig), len(sig), sig)])
    return path


def _name(member) -> str:
    return member.filename if isinstance(member, zipfile.ZipInfo) else member
