"""Zip files written byte by byte, for tests that need what zipfile refuses to write."""

from __future__ import annotations

import stat
import struct
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
