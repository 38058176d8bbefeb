"""Zip files written byte by byte, for tests that need what zipfile refuses to write."""

from __future__ import annotations

import hashlib
import stat
import struct
import zlib
from pathlib import Path


def raw_zip(path: Path, members: list) -> None:
    """Write a zip byte by byte: members are (name bytes, method, crc, size, data).

    ``size`` is the declared uncompressed size, so a test can lie about it.
    """
    with open(path, "wb") as file:
        central = []
        for name, method, crc, size, data in members:
            offset = file.tell()
            file.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 33, crc,
                                   len(data), size, len(name), 0) + name + data)
            central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 0x0314, 20, 0, method, 0,
                                       33, crc, len(data), size, len(name), 0, 0, 0, 0,
                                       (stat.S_IFREG | 0o644) << 16, offset) + name)
        start = file.tell()
        file.write(b"".join(central))
        file.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                               file.tell() - start, start, 0))


def zero_bomb(megabytes: int) -> tuple[bytes, int, str]:
    """Return (deflate stream, crc32, sha256) of ``megabytes`` MB of zeros, made 1 MB at a time.

    After a full flush the compressor starts afresh, so every further megabyte
    compresses to the same ~1 KB block and the stream is built without ever
    holding the zeros more than 1 MB at a time.
    """
    zeros, compressor = bytes(1 << 20), zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc, digest = 0, hashlib.sha256()
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
        digest.update(zeros)
    return first + block * (megabytes - 1) + compressor.flush(), crc, digest.hexdigest()
