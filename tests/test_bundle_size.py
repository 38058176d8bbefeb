"""tools/bundle_size.py on a fake one-folder bundle made of real files and links."""

from __future__ import annotations

import json
import os
import stat
import zipfile

import pytest

from tools import bundle_size

# A bundle's files (path inside the folder → size) and the component each one belongs to.
FILES = {
    "CivicAudit": (3000, "launcher + Python modules (PYZ)"),
    "_internal/PySide6/Qt/lib/libicudata.so.73": (9000, "ICU data (libicudata)"),
    "_internal/PySide6/Qt/lib/libicuuc.so.73": (400, "ICU libraries"),
    "_internal/PySide6/Qt/lib/libavcodec.so.61": (2500, "FFmpeg (camera backend)"),
    "_internal/PySide6/Qt/lib/libQt6FFmpegStub-va.so.2": (100, "FFmpeg (camera backend)"),
    "_internal/PySide6/Qt/lib/libQt6Quick.so.6": (1800, "Qt Quick"),
    "_internal/PySide6/Qt/lib/libQt6Core.so.6": (1500, "Qt Core"),
    "_internal/PySide6/Qt/plugins/platforms/libqxcb.so": (60, "Qt plugins: platforms"),
    "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so": (40, "Qt plugins: platforms"),
    "_internal/PySide6/Qt/translations/qtbase_zh_CN.qm": (30, "Qt translations"),
    "_internal/PySide6/QtCore.abi3.so": (700, "PySide6 Python modules (+ shiboken6)"),
    "_internal/shiboken6/libshiboken6.abi3.so.6.11": (50, "PySide6 Python modules (+ shiboken6)"),
    "_internal/pillow_heif.libs/libheif-1a2b.so.1": (300, "pillow-heif (libheif, libde265, x265)"),
    "_internal/_pillow_heif.cpython-311-x86_64-linux-gnu.so": (
        20, "pillow-heif (libheif, libde265, x265)"),
    "_internal/PIL/_imaging.cpython-311-x86_64-linux-gnu.so": (200, "Pillow (+ its libraries)"),
    "_internal/resources/fonts/NotoSansSC-Regular.ttf": (1200, "fonts (Noto Sans SC)"),
    "_internal/resources/checklists/national-ref.json": (10, "our resources (checklists, demo, "
                                                              "translations)"),
    "_internal/base_library.zip": (90, "Python stdlib (base_library.zip, lib-dynload)"),
    "_internal/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so": (
        80, "Python stdlib (base_library.zip, lib-dynload)"),
    "_internal/libpython3.11.so.1.0": (600, "libpython"),
    "_internal/libcups.so.2": (70, "system: CUPS, GnuTLS, Kerberos"),
    "_internal/libstdc++.so.6": (210, "system: other libraries"),
    "_internal/notes.txt": (5, "other"),
}
# PyInstaller's top-level alias of a library kept in its package's folder.
LINK = ("_internal/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6")


@pytest.fixture
def bundle(tmp_path):
    folder = tmp_path / "CivicAudit"
    for relative, (size, _) in FILES.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(size))  # random: the zip cannot squeeze it to nothing
    os.symlink(LINK[1], folder / LINK[0])
    return folder


@pytest.mark.parametrize(("relative", "group"),
                         [(path, group) for path, (_, group) in FILES.items()])
def test_each_file_is_counted_in_its_component(relative, group):
    assert bundle_size.group_of(relative) == group


@pytest.mark.parametrize(("relative", "group"), [
    ("CivicAudit.exe", "launcher + Python modules (PYZ)"),
    ("_internal/PySide6/Qt6Gui.dll", "Qt Gui"),
    ("_internal/PySide6/avcodec-61.dll", "FFmpeg (camera backend)"),
    ("_internal/PySide6/plugins/imageformats/qjpeg.dll", "Qt plugins: imageformats"),
    ("_internal/PySide6/opengl32sw.dll", "Qt software OpenGL"),
    ("_internal/python311.dll", "libpython"),
    ("_internal/libcrypto-3.dll", "system: OpenSSL"),
])
def test_windows_names_fall_in_the_same_components(relative, group):
    assert bundle_size.group_of(relative) == group


def test_the_breakdown_adds_up_each_component_largest_first(bundle):
    result = bundle_size.breakdown(bundle)

    expected: dict[str, list[int]] = {}
    for size, group in FILES.values():
        expected.setdefault(group, []).append(size)
    assert {g.name: (g.bytes, g.files) for g in result.groups} == {
        name: (sum(sizes), len(sizes)) for name, sizes in expected.items()}
    assert [g.bytes for g in result.groups] == sorted((g.bytes for g in result.groups),
                                                      reverse=True)
    assert result.groups[0].name == "ICU data (libicudata)"
    # The link costs nothing: the library it names is counted once, where it is kept.
    assert result.total_bytes == sum(size for size, _ in FILES.values())
    assert result.files == len(FILES)


def test_the_zip_holds_every_file_and_keeps_the_link_a_link(bundle, monkeypatch, tmp_path):
    kept = tmp_path / "kept"
    kept.mkdir()
    monkeypatch.setattr(bundle_size.tempfile, "TemporaryDirectory", lambda prefix: _Keep(kept))

    size = bundle_size.zip_size(bundle)

    made = kept / "CivicAudit.zip"
    assert size == made.stat().st_size
    with zipfile.ZipFile(made) as archive:
        assert sorted(archive.namelist()) == sorted(
            f"CivicAudit/{relative}" for relative in [*FILES, LINK[0]])
        assert archive.read("CivicAudit/_internal/notes.txt") == (bundle / "_internal/notes.txt"
                                                                  ).read_bytes()
        link = archive.getinfo(f"CivicAudit/{LINK[0]}")
        assert stat.S_ISLNK(link.external_attr >> 16)
        assert archive.read(link) == LINK[1].encode()
        assert link.compress_size < 100  # the link, not a second copy of the library


def test_the_command_prints_the_largest_components_and_the_totals(bundle, capsys):
    assert bundle_size.main([str(bundle), "--top", "2"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert "ICU data (libicudata)" in lines[0]
    assert "launcher + Python modules (PYZ)" in lines[1]
    assert f"in {len(FILES)} files" in lines[2]
    assert "MiB as a zip" in lines[2]


def test_the_command_prints_json(bundle, capsys):
    bundle_size.main([str(bundle), "--json"])

    report = json.loads(capsys.readouterr().out)
    assert report["total_bytes"] == sum(size for size, _ in FILES.values())
    assert report["zip_bytes"] > 0
    assert report["groups"][0] == {"name": "ICU data (libicudata)", "bytes": 9000, "files": 1}


class _Keep:
    """A stand-in for TemporaryDirectory that leaves the folder for the test to read."""

    def __init__(self, folder):
        self.folder = folder

    def __enter__(self):
        return str(self.folder)

    def __exit__(self, *exc):
        return False
