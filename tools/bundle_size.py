"""What each part of the frozen bundle costs.

    python tools/bundle_size.py [FOLDER] [--top N] [--json]

Adds up the unpacked size of the one-folder build (``dist/CivicAudit`` by default) by
component, largest first, then the total and the size of the zip a user would make to copy it
(``zipfile`` deflate at its default level, written to a temporary file and measured).
``--top N`` prints only the N largest components before the totals (CI prints a few),
``--json`` everything as JSON. Sizes are the files' own sizes in MiB (du -h's "M"; du itself
counts disk blocks, a few MiB more for a bundle of many small files).

PyInstaller's symbolic links (the top-level names of libraries kept in their package's folder)
cost no bytes unpacked and are stored as links in the zip, as ``zip -ry`` and tar keep them; a
zip that followed them would hold those libraries twice.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

MIB = 1024 * 1024
# Matched in order against the start of each path inside the folder (without "_internal/");
# the first match names the file's group, "{0}" standing for the pattern's first group. The
# patterns cover the Linux layout and, where it differs, the Windows one (Qt6Core.dll and
# plugins/ beside PySide6's modules).
GROUPS: tuple[tuple[str, str], ...] = (
    (r"CivicAudit(\.exe)?$", "launcher + Python modules (PYZ)"),
    (r"PySide6/Qt/lib/libicudata", "ICU data (libicudata)"),
    (r"PySide6/Qt/lib/libicu", "ICU libraries"),
    (r"PySide6/(Qt/lib/lib)?(av|sw|Qt6FFmpegStub)", "FFmpeg (camera backend)"),
    (r"PySide6/(?:Qt/lib/lib)?Qt6(\w+?)\.(so|dll)", "Qt {0}"),
    (r"PySide6/(?:Qt/)?plugins/([^/]+)/", "Qt plugins: {0}"),
    (r"PySide6/(?:Qt/)?translations/", "Qt translations"),
    (r"PySide6/opengl32sw", "Qt software OpenGL"),
    (r"(PySide6|shiboken6)/", "PySide6 Python modules (+ shiboken6)"),
    (r"(_?pillow_heif)", "pillow-heif (libheif, libde265, x265)"),
    (r"(PIL|pillow\.libs)/", "Pillow (+ its libraries)"),
    (r"(cryptography|_cffi_backend)", "cryptography"),
    (r"lxml/", "lxml"),
    (r"(reportlab|charset_normalizer|\w+__mypyc)", "ReportLab (+ charset_normalizer)"),
    (r"(pyhanko|asn1crypto|oscrypto|uritools|tzlocal|aiohttp|aiosignal|yarl|multidict|"
     r"frozenlist|propcache|attrs|certifi|idna|dateutil)", "pyHanko + deps"),
    (r"resources/fonts/", "fonts (Noto Sans SC)"),
    (r"resources/", "our resources (checklists, demo, translations)"),
    (r"(base_library\.zip|python3[\d.]*/|lib-dynload/|[^/]+\.cpython-|[^/]+\.pyd$)",
     "Python stdlib (base_library.zip, lib-dynload)"),
    (r"(lib)?python3", "libpython"),
    (r"tzdata/", "tzdata (time zones)"),
    (r"lib(pulse|sndfile|vorbis|FLAC|opus|mpg123|mp3lame|ogg|asyncns)",
     "system: PulseAudio + audio codecs"),
    (r"lib(X|xcb|xkb)", "system: X11, xcb, xkbcommon"),
    (r"lib(glib|gio|gobject|gmodule|gthread|pcre2|mount|blkid|selinux|ffi)",
     "system: GLib, GIO"),
    (r"lib(cups|gnutls|unistring|idn2|nettle|hogweed|gmp|p11-kit|tasn1|avahi|krb5|k5crypto|"
     r"gssapi|com_err|keyutils)", "system: CUPS, GnuTLS, Kerberos"),
    (r"lib(crypto|ssl)[.-]", "system: OpenSSL"),
    (r"[^/]+\.(so|dll)\b", "system: other libraries"),
)
OTHER = "other"


@dataclass
class Group:
    """The files of one component: their count and total size in bytes."""

    name: str
    bytes: int = 0
    files: int = 0


@dataclass
class Breakdown:
    """The unpacked size of a bundle by component, largest first, and of its zip."""

    folder: str
    groups: list[Group]
    total_bytes: int
    files: int
    zip_bytes: int | None = None


def group_of(relative: str) -> str:
    """The component a file belongs to, from its POSIX path inside the bundle folder."""
    relative = relative.removeprefix("_internal/")
    for pattern, name in GROUPS:
        found = re.match(pattern, relative)
        if found:
            return name.format(*found.groups())
    return OTHER


def files_of(folder: Path) -> list[tuple[str, Path]]:
    """Every file and link in ``folder`` with its POSIX path inside it, in a stable order."""
    found = []
    for root, directories, names in os.walk(folder):
        directories.sort()
        links = [name for name in directories if Path(root, name).is_symlink()]  # not walked
        for name in sorted(names + links):
            path = Path(root, name)
            found.append((path.relative_to(folder).as_posix(), path))
    return found


def breakdown(folder: Path) -> Breakdown:
    """Add up the sizes of the regular files in ``folder`` by component (links cost nothing)."""
    groups: dict[str, Group] = {}
    for relative, path in files_of(folder):
        status = path.lstat()
        if not stat.S_ISREG(status.st_mode):
            continue
        name = group_of(relative)
        group = groups.setdefault(name, Group(name))
        group.bytes += status.st_size
        group.files += 1
    ordered = sorted(groups.values(), key=lambda group: (-group.bytes, group.name))
    return Breakdown(str(folder), ordered, sum(g.bytes for g in ordered),
                     sum(g.files for g in ordered))


def zip_size(folder: Path) -> int:
    """The size of a deflated zip of ``folder`` (under its own name), made in a temporary file."""
    with tempfile.TemporaryDirectory(prefix="bundle-size-") as scratch:
        target = Path(scratch) / f"{folder.name}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for relative, path in files_of(folder):
                name = f"{folder.name}/{relative}"
                if path.is_symlink():
                    link = zipfile.ZipInfo(name)
                    link.create_system = 3  # Unix, so that the mode below means a link
                    link.external_attr = (stat.S_IFLNK | 0o777) << 16
                    archive.writestr(link, os.readlink(path))
                else:
                    archive.write(path, name)
        return target.stat().st_size


def summary_line(result: Breakdown) -> str:
    """One line: the unpacked total, its file count and the zip's size."""
    line = f"{result.folder}: {result.total_bytes / MIB:.1f} MiB unpacked in {result.files:,} files"
    if result.zip_bytes is not None:
        line += f", {result.zip_bytes / MIB:.1f} MiB as a zip"
    return line


def table(result: Breakdown, top: int | None = None) -> str:
    """The breakdown as aligned lines, largest first (the ``top`` largest), then the totals."""
    shown = result.groups[:top]
    width = max((len(group.name) for group in shown), default=0)
    total = max(result.total_bytes, 1)
    lines = [f"{group.bytes / MIB:7.1f} MiB {100 * group.bytes / total:5.1f} %  "
             f"{group.name:<{width}}  {group.files:5,} files" for group in shown]
    return "\n".join([*lines, summary_line(result)])


def main(argv: list[str] | None = None) -> int:
    """Print the breakdown of the folder named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path("dist/CivicAudit"))
    parser.add_argument("--top", type=int, metavar="N", help="print the N largest components only")
    parser.add_argument("--json", action="store_true", help="print the breakdown as JSON")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder (build it: pyinstaller build.spec)")
    result = breakdown(args.folder)
    result.zip_bytes = zip_size(args.folder)
    if args.json:
        print(json.dumps(asdict(result), indent=2))
    else:
        print(table(result, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
