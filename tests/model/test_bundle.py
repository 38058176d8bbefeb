"""The USB sync bundle container: round trips, and refusal of every hostile or broken input.

Keys and certificates are the real ones from model.people (an office authority,
auditors' certificates issued by it, one revoked, and a second office).
Hostile bundles are made with zipfile, or byte by byte, and the forged
manifests are re-signed with the real key where a test must reach a later check.
"""

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import os
import pickle
import random
import resource
import signal
import stat
import struct
import tracemalloc
import warnings
import zipfile
import zlib

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from PIL import Image

from model.errors import InputFileError, OutputFileError
from model.people import authority, certificates, keys, profiles, revocation
from model.people.profiles import Role
from model.progress import Cancelled, Progress
from model.store import clock, db
from model.store.migrations import LATEST_VERSION
from model.sync import bundle_format, bundle_open, bundle_write
from model.sync.bundle_format import BundleError, Entry, Signer, Trust
from tests.conftest import PASSWORD
from tests.zips import raw_zip, zero_bomb

CA_PASS = "office-ca-passphrase"
KEY_PASS = "auditor-key-passphrase"
RECORDS = {"inspections": [{"id": "i1", "site": "迎泽公园", "score": 92.5}]}


@dataclasses.dataclass
class Pki:
    signer: Signer  # auditor A07 of our office
    revoked: Signer  # auditor A08 of our office, certificate revoked
    stranger: Signer  # an auditor of another office
    trust: Trust
    authority_id: str
    stranger_authority_id: str


def _signer(credential):
    return Signer(credential.private_key, (credential.certificate, *credential.chain))


def _office(folder, name, staff_no):
    """A store with an office profile and its authority: (store, office profile)."""
    store = db.open_store(folder)
    office = profiles.create(store, "王建国", staff_no, Role.OFFICE, PASSWORD, name)
    authority.init_authority(store, name, CA_PASS, office)
    return store, office


def _credential(store, office, staff_no):
    auditor = profiles.create(store, f"审核员{staff_no}", staff_no, Role.AUDITOR, PASSWORD)
    csr = keys.request_key(store, auditor, KEY_PASS)
    chain = authority.issue_certificate(store, csr, f"{staff_no}.csr", CA_PASS, office)
    keys.install_certificate(store, auditor, chain, f"{staff_no}.pem")
    return keys.signing_credential(store, auditor, KEY_PASS)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    root = tmp_path_factory.mktemp("pki")
    store, office = _office(root / "office", "迎泽区创城办", "O01")
    other_store, other_office = _office(root / "other", "小店区创城办", "O02")
    good, revoked = _credential(store, office, "A07"), _credential(store, office, "A08")
    revocation.revoke(store, revoked.serial, "laptop lost", CA_PASS, office)
    stranger = _credential(other_store, other_office, "B01")
    trust = Trust(tuple(certificates.load_certificate(a.cert_pem)
                        for a in authority.trusted_authorities(store)),
                  frozenset(revocation.revoked_serials(store)), LATEST_VERSION, clock.now())
    yield Pki(_signer(good), _signer(revoked), _signer(stranger), trust,
              authority.trusted_authorities(store)[0].id,
              authority.trusted_authorities(other_store)[0].id)
    store.close()
    other_store.close()


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    """Three small generated JPEG files: {bundle name: path}."""
    folder, rng = tmp_path_factory.mktemp("photos"), random.Random(6)
    found = {}
    for number in range(3):
        image = Image.frombytes("RGB", (96, 64), rng.randbytes(96 * 64 * 3))
        path = folder / f"IMG_{number}.jpg"
        image.save(path, "JPEG", quality=90)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        found[f"media/{digest[:2]}/{digest[2:]}"] = path
    return found


def _entries(photos):
    json_entry = Entry("records.json", data=json.dumps(RECORDS, ensure_ascii=False).encode())
    return [json_entry, *(Entry(name, path=path) for name, path in photos.items())]


def _write(target, pki, entries, signer=None, progress=None, **changes):
    fields = {"schema_version": LATEST_VERSION, "device_id": "dev-7f3a",
              "device_name": "李明的笔记本", "authority_id": pki.authority_id, "sequence": 12,
              "profile": {"id": "p1", "name": "李明", "staff_no": "A07"},
              "created_at": "2026-05-11T09:30:00+00:00", "meta": {"since": 11, "note": "五月"}}
    return bundle_write.write_bundle(target, changes.pop("kind", "auditor"), entries,
                                     signer or pki.signer, progress=progress, **(fields | changes))


@pytest.fixture
def good(tmp_path, pki, photos):
    """A bundle written by write_bundle: its path."""
    target = tmp_path / "A07-0012.cabundle"
    _write(target, pki, _entries(photos))
    return target


def _refused(path, trust, *words, kind=None):
    """Assert that opening ``path`` is refused, naming the file, and saying ``words``."""
    with pytest.raises(BundleError) as caught:
        bundle_open.open_bundle(path, trust)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    for word in words:
        assert word in caught.value.problem, message  # not in the path: words must be said
    if kind is not None:
        assert caught.value.kind == kind, message
    return caught.value


# -- forging bundles -----------------------------------------------------------------


def _contents(path):
    """Return (manifest dict, [(ZipInfo, bytes)] of the entries) of a bundle."""
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("manifest.json"))
        members = [(info, archive.read(info)) for info in archive.infolist()
                   if info.filename not in ("manifest.json", "manifest.sig")]
    return document, members


def _line(name, data):
    return {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _sign(raw, signer, key=None):
    signature = (key or signer.private_key).sign(raw, ec.ECDSA(hashes.SHA256()))
    pems = [c.public_bytes(serialization.Encoding.PEM).decode() for c in signer.certificates]
    return json.dumps({"algorithm": "ecdsa-p256-sha256", "certificates": pems,
                       "signature": base64.b64encode(signature).decode()}).encode()


def _canonical(document):
    return json.dumps(document, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode()


def _forge(path, document, members, signer, sig=None):
    """Write a bundle by hand: members (name or ZipInfo, bytes), then manifest and signature."""
    raw = _canonical(document)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about duplicate names
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in members:
                archive.writestr(name, data)
            archive.writestr("manifest.json", raw, zipfile.ZIP_DEFLATED)
            archive.writestr("manifest.sig", sig if sig is not None else _sign(raw, signer))
    return path


def _forge_from(good, path, signer, members=None, **changes):
    """A copy of ``good`` with changed members and/or manifest fields, re-signed by ``signer``."""
    document, original = _contents(good)
    members = original if members is None else members
    if "entries" not in changes:
        changes["entries"] = [_line(_name(name), data) for name, data in members]
    return _forge(path, document | changes, members, signer)


def _name(member):
    return member.filename if isinstance(member, zipfile.ZipInfo) else member


def _data_offset(path, name):
    """Return where a member's (compressed) data starts in the file."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    with open(path, "rb") as file:
        file.seek(info.header_offset + 26)
        name_length, extra_length = struct.unpack("<HH", file.read(4))
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def _flip(path, offset):
    with open(path, "r+b") as file:
        file.seek(offset)
        byte = file.read(1)
        file.seek(offset)
        file.write(bytes([byte[0] ^ 0x01]))


def _bomb_bundle(path, pki, good, megabytes):
    """A bundle whose one extra entry is ``megabytes`` MB of zeros, declared honestly."""
    stream, crc, digest = zero_bomb(megabytes)
    name, size = "bomb.json", megabytes << 20
    document, _ = _contents(good)
    document["entries"] = [{"name": name, "sha256": digest, "size": size}]
    raw = _canonical(document)
    raw_zip(path, [(name.encode(), zipfile.ZIP_DEFLATED, crc, size, stream),
                    (b"manifest.json", 0, zlib.crc32(raw), len(raw), raw)]
             + [(b"manifest.sig", 0, zlib.crc32(sig), len(sig), sig)
                for sig in [_sign(raw, pki.signer)]])
    return path


# -- round trip ----------------------------------------------------------------------


def test_round_trip_gives_back_every_entry_and_the_manifest(good, pki, photos, tmp_path):
    with bundle_open.open_bundle(good, pki.trust) as opened:
        manifest = opened.manifest
        assert opened.names() == ["records.json", *photos]
        assert json.loads(opened.read("records.json")) == RECORDS
        for name, source in photos.items():
            opened.extract(name, tmp_path / "out.jpg")
            assert (tmp_path / "out.jpg").read_bytes() == source.read_bytes()
            assert opened.read(name) == source.read_bytes()
        assert opened.signer_certificate == pki.signer.certificates[0]
    assert (manifest.kind, manifest.sequence, manifest.schema_version) == \
           ("auditor", 12, LATEST_VERSION)
    assert (manifest.device_id, manifest.device_name) == ("dev-7f3a", "李明的笔记本")
    assert manifest.profile == {"id": "p1", "name": "李明", "staff_no": "A07"}
    assert (manifest.meta, manifest.created_at) == ({"since": 11, "note": "五月"},
                                                    "2026-05-11T09:30:00+00:00")
    assert manifest.authority_id == pki.authority_id
    assert bundle_open.peek_manifest(good) == manifest
    assert not list(tmp_path.glob("*.part"))


def test_photos_are_stored_and_json_deflated(good, photos):
    with zipfile.ZipFile(good) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
    assert kinds == {"records.json": zipfile.ZIP_DEFLATED, "manifest.json": zipfile.ZIP_DEFLATED,
                     "manifest.sig": zipfile.ZIP_STORED,
                     **dict.fromkeys(photos, zipfile.ZIP_STORED)}


def test_format_can_be_read_by_another_tool_from_its_description(good, pki, photos):
    """Only zipfile, json and cryptography, following the module docstring."""
    with zipfile.ZipFile(good) as archive:
        raw = archive.read("manifest.json")
        sealed = json.loads(archive.read("manifest.sig"))
        document = json.loads(raw)
        assert raw == _canonical(document)
        leaf = certificates.load_certificate(sealed["certificates"][0])
        leaf.public_key().verify(base64.b64decode(sealed["signature"]), raw,
                                 ec.ECDSA(hashes.SHA256()))
        for line in document["entries"]:
            data = archive.read(line["name"])
            assert (hashlib.sha256(data).hexdigest(), len(data)) == (line["sha256"], line["size"])
        assert sorted(archive.namelist()) == sorted(
            ["manifest.json", "manifest.sig", *(e["name"] for e in document["entries"])])
    assert document["format"] == "civicaudit-bundle" and document["format_version"] == 1
    assert bundle_format.authority_id(certificates.load_certificate(sealed["certificates"][1])) == \
           pki.authority_id


def test_authority_id_is_the_same_as_model_keys(pki):
    assert bundle_format.authority_id(pki.trust.authorities[0]) == pki.authority_id


def test_bundle_error_survives_pickling():
    error = BundleError("E:/x.cabundle", "it was changed", "records.json", "altered")
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, InputFileError)
    assert (str(copy), copy.entry, copy.kind) == (str(error), "records.json", "altered")


def test_reading_a_50_mb_bundle_streams(tmp_path, pki):
    sources = []
    for number in range(5):
        sources.append(tmp_path / f"big{number}.jpg")
        sources[-1].write_bytes(os.urandom(10 << 20))
    target = tmp_path / "big.cabundle"
    _write(target, pki, [Entry(f"media/0{n}/photo", path=p) for n, p in enumerate(sources)])
    tracemalloc.start()
    try:
        with bundle_open.open_bundle(target, pki.trust) as opened:
            for name in opened.names():
                opened.extract(name, tmp_path / "copy.jpg")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"peak {peak:,} bytes"


def test_progress_counts_the_bytes_hashed(good, pki):
    seen = []
    with bundle_open.open_bundle(good, pki.trust, Progress(lambda done, total: seen.append(
            (done, total)))):
        pass
    total = sum(entry["size"] for entry in bundle_open.peek_manifest(good).entries)
    assert seen[0] == (0, total) and seen[-1] == (total, total)


# -- refused while opening -----------------------------------------------------------


@pytest.mark.parametrize("keep", [0, 10, 1 / 3, 1 / 2, -200, -22, -1])
def test_truncated_bundle_is_refused(good, pki, keep):
    data = good.read_bytes()
    cut = keep if isinstance(keep, int) and keep >= 0 else (
        int(len(data) * keep) if isinstance(keep, float) else len(data) + keep)
    good.write_bytes(data[:cut])
    _refused(good, pki.trust, "incomplete", kind="unreadable")
    with pytest.raises(BundleError):
        bundle_open.peek_manifest(good)


def test_a_file_that_is_not_a_bundle_is_refused(tmp_path, pki, photos):
    path = next(iter(photos.values()))
    _refused(path, pki.trust, "not a CivicAudit bundle", kind="unreadable")
    _refused(tmp_path / "gone.cabundle", pki.trust, "not there", kind="unreadable")


def test_a_changed_byte_in_a_photo_is_refused(good, pki, photos):
    name = list(photos)[1]
    offset, size = _data_offset(good, name)
    _flip(good, offset + size // 2)
    _refused(good, pki.trust, name, "changed", kind="altered")


def test_a_changed_photo_with_a_consistent_zip_is_refused(good, pki, photos, tmp_path):
    document, members = _contents(good)
    name = next(iter(photos))
    members = [(info, data if info.filename != name else data[:-1] + b"\x00")
               for info, data in members]
    forged = _forge(tmp_path / "forged.cabundle", document, members, pki.signer,
                    sig=_sign(_canonical(document), pki.signer))
    _refused(forged, pki.trust, name, "differ from the signed manifest", kind="altered")


def test_a_changed_byte_in_a_json_entry_is_refused(good, pki):
    offset, size = _data_offset(good, "records.json")
    _flip(good, offset + size // 2)
    _refused(good, pki.trust, "records.json", kind="altered")


def test_a_changed_manifest_is_refused(good, pki, tmp_path):
    document, members = _contents(good)
    with zipfile.ZipFile(good) as archive:
        sig = archive.read("manifest.sig")
    forged = _forge(tmp_path / "forged.cabundle", document | {"sequence": 13}, members,
                    pki.signer, sig=sig)
    _refused(forged, pki.trust, "manifest.json", "signature does not match", kind="altered")


def test_a_changed_byte_in_the_deflated_manifest_is_refused(good, pki):
    offset, size = _data_offset(good, "manifest.json")
    _flip(good, offset + size // 2)
    _refused(good, pki.trust, "manifest.json")


def test_a_signature_by_another_key_is_refused(good, pki, tmp_path):
    document, members = _contents(good)
    raw = _canonical(document)
    sig = _sign(raw, pki.signer, key=ec.generate_private_key(ec.SECP256R1()))
    forged = _forge(tmp_path / "forged.cabundle", document, members, pki.signer, sig=sig)
    _refused(forged, pki.trust, "signature does not match", kind="altered")


def test_a_damaged_signature_file_is_refused(good, pki, tmp_path):
    document, members = _contents(good)
    forged = _forge(tmp_path / "forged.cabundle", document, members, pki.signer,
                    sig=b'{"algorithm": "rsa", "certificates": [], "signature": ""}')
    _refused(forged, pki.trust, "manifest.sig", "damaged")


def test_a_signer_from_an_unknown_authority_is_refused(tmp_path, pki, photos):
    target = tmp_path / "stranger.cabundle"
    _write(target, pki, _entries(photos), signer=pki.stranger)
    _refused(target, pki.trust, "not issued by an office authority this computer trusts",
             kind="untrusted")


def test_a_bundle_of_another_office_is_refused(tmp_path, pki, photos):
    target = tmp_path / "theirs.cabundle"
    _write(target, pki, _entries(photos), signer=pki.stranger,
           authority_id=pki.stranger_authority_id)
    _refused(target, pki.trust, "another office", kind="other_office")


def test_a_bundle_naming_another_office_is_refused_even_when_signed_here(tmp_path, pki, photos):
    target = tmp_path / "mislabelled.cabundle"
    _write(target, pki, _entries(photos), authority_id=pki.stranger_authority_id)
    _refused(target, pki.trust, "another office", kind="other_office")


def test_a_revoked_signer_is_refused(tmp_path, pki, photos):
    target = tmp_path / "revoked.cabundle"
    _write(target, pki, _entries(photos), signer=pki.revoked)
    serial = format(pki.revoked.certificates[0].serial_number, "X")
    _refused(target, pki.trust, serial, "revoked", kind="revoked")


def test_an_expired_signer_is_refused(good, pki):
    later = dataclasses.replace(pki.trust, at=pki.trust.at + dt.timedelta(days=800))
    _refused(good, later, "expired", kind="expired")
    earlier = dataclasses.replace(pki.trust, at=pki.trust.at - dt.timedelta(days=10))
    _refused(good, earlier, "not valid before", kind="expired")


def test_a_future_schema_version_is_refused(tmp_path, pki, photos):
    target = tmp_path / "newer.cabundle"
    _write(target, pki, _entries(photos), schema_version=LATEST_VERSION + 1)
    _refused(target, pki.trust, "newer CivicAudit", "update this program", kind="too_new")


def test_a_future_format_version_is_refused(good, pki, tmp_path):
    forged = _forge_from(good, tmp_path / "v2.cabundle", pki.signer, format_version=2)
    _refused(forged, pki.trust, "bundle format 2", "update CivicAudit", kind="too_new")


@pytest.mark.parametrize(("name", "why"), [
    ("../x", "leaving"), ("media/../../x", "leaving"), ("./x", "“.”"),
    ("/etc/x", "absolute"), ("C:/x", "colon"), ("records.json:evil", "colon"),
    ("a\\b", "backslash"), ("a//b", "empty part"), ("media/", "empty part")])
def test_unsafe_entry_names_are_refused(good, pki, tmp_path, name, why):
    _, members = _contents(good)
    forged = _forge_from(good, tmp_path / "unsafe.cabundle", pki.signer,
                         members=[*members, (name, b"{}")])
    error = _refused(forged, pki.trust, name, why, kind="unsafe")
    assert error.entry == name
    with pytest.raises(ValueError, match="Cannot write"):
        _write(tmp_path / "w.cabundle", pki, [Entry(name, data=b"{}")])
    assert not list(tmp_path.glob("w.cabundle*"))


def test_a_nul_in_a_manifest_name_is_refused(good, pki, tmp_path):
    forged = _forge_from(good, tmp_path / "nul.cabundle", pki.signer,
                         entries=[_line("a\x00b", b"{}")], members=[("a", b"{}")])
    _refused(forged, pki.trust, "manifest.json", "control character", kind="unsafe")


def test_a_symlink_member_is_refused(good, pki, tmp_path):
    _, members = _contents(good)
    link = zipfile.ZipInfo("media/li/nk")
    link.create_system, link.external_attr = 3, (stat.S_IFLNK | 0o777) << 16
    forged = _forge_from(good, tmp_path / "link.cabundle", pki.signer,
                         members=[*members, (link, b"/etc/passwd")])
    _refused(forged, pki.trust, "media/li/nk", "link", kind="unsafe")


def test_a_folder_member_is_refused(good, pki, tmp_path):
    _, members = _contents(good)
    folder = zipfile.ZipInfo("media/ab")
    folder.external_attr = (stat.S_IFDIR | 0o755) << 16 | 0x10
    forged = _forge_from(good, tmp_path / "folder.cabundle", pki.signer,
                         members=[*members, (folder, b"")])
    _refused(forged, pki.trust, "media/ab", "folder", kind="unsafe")


def test_duplicate_member_names_are_refused(good, pki, tmp_path):
    _, members = _contents(good)
    document, _ = _contents(good)
    forged = _forge(tmp_path / "twice.cabundle", document,
                    [*members, ("records.json", b'{"inspections": []}')], pki.signer)
    _refused(forged, pki.trust, "records.json", "twice", kind="unsafe")


def test_duplicate_manifest_entries_are_refused(good, pki, tmp_path):
    document, _ = _contents(good)
    entries = document["entries"]
    forged = _forge_from(good, tmp_path / "listed-twice.cabundle", pki.signer,
                         entries=[*entries, entries[0]])
    _refused(forged, pki.trust, "listed twice", kind="unsafe")


def test_a_member_larger_than_declared_is_refused(good, pki, tmp_path, photos):
    document, members = _contents(good)
    name = next(iter(photos))
    members = [(info, data + b"appended" if info.filename == name else data)
               for info, data in members]
    forged = _forge(tmp_path / "larger.cabundle", document, members, pki.signer)
    _refused(forged, pki.trust, name, "not the", kind="altered")


def test_a_zip_header_understating_a_size_is_refused(good, pki, photos):
    name = next(iter(photos))
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo(name)
    data = bytearray(good.read_bytes())
    central = data.index(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(name)] != name.encode():
        central = data.index(b"PK\x01\x02", central + 1)
    data[central + 24:central + 28] = struct.pack("<L", info.file_size - 100)
    good.write_bytes(bytes(data))
    _refused(good, pki.trust, name, "sizes differ", kind="unsafe")


def test_an_extra_member_is_refused(good, pki, tmp_path):
    document, members = _contents(good)
    forged = _forge(tmp_path / "extra.cabundle", document, [*members, ("notes.txt", b"hi")],
                    pki.signer)
    _refused(forged, pki.trust, "notes.txt", "not listed", kind="unsafe")


def test_a_missing_member_is_refused(good, pki, tmp_path, photos):
    document, members = _contents(good)
    name = list(photos)[2]
    forged = _forge(tmp_path / "missing.cabundle", document,
                    [(info, data) for info, data in members if info.filename != name],
                    pki.signer)
    _refused(forged, pki.trust, name, "missing", kind="altered")


def test_a_bundle_without_signature_is_refused(good, pki, tmp_path):
    document, members = _contents(good)
    path = tmp_path / "unsigned.cabundle"
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in members:
            archive.writestr(info, data)
        archive.writestr("manifest.json", _canonical(document))
    _refused(path, pki.trust, "manifest.sig", kind="unreadable")


def test_a_300_mb_zip_bomb_is_refused(good, pki, tmp_path):
    bomb = _bomb_bundle(tmp_path / "bomb.cabundle", pki, good, 300)
    assert bomb.stat().st_size < 1 << 20
    _refused(bomb, pki.trust, "bomb.json", f"{300 << 20:,} bytes", kind="unsafe")


def test_a_zip_bomb_within_the_size_limit_is_refused_by_its_ratio(good, pki, tmp_path):
    bomb = _bomb_bundle(tmp_path / "bomb.cabundle", pki, good, 20)
    _refused(bomb, pki.trust, "bomb.json", "decompression bomb", kind="unsafe")


def test_the_hand_made_zip_writer_makes_bundles_that_open(good, pki, tmp_path):
    """The bomb tests' zip writer is sound: the same bundle, small, opens."""
    document, _ = _contents(good)
    data = b'{"ok": true}'
    document["entries"] = [_line("ok.json", data)]
    raw = _canonical(document)
    sig = _sign(raw, pki.signer)
    path = tmp_path / "hand.cabundle"
    raw_zip(path, [(b"ok.json", 0, zlib.crc32(data), len(data), data),
                    (b"manifest.json", 0, zlib.crc32(raw), len(raw), raw),
                    (b"manifest.sig", 0, zlib.crc32(sig), len(sig), sig)])
    with bundle_open.open_bundle(path, pki.trust) as opened:
        assert opened.read("ok.json") == data


# -- refused while extracting ----------------------------------------------------------


def test_a_bundle_changed_after_opening_is_caught_while_extracting(good, pki, photos, tmp_path):
    name = list(photos)[1]
    offset, size = _data_offset(good, name)
    with bundle_open.open_bundle(good, pki.trust) as opened:
        _flip(good, offset + size // 3)
        with pytest.raises(BundleError) as caught:
            opened.extract(name, tmp_path / "photo.jpg")
        with pytest.raises(BundleError):
            opened.read(name)
    assert name in str(caught.value) and str(good) in str(caught.value)
    assert not (tmp_path / "photo.jpg").exists()
    assert not list(tmp_path.glob("*.part"))


def test_extracting_into_a_missing_folder_is_an_output_error(good, pki, tmp_path):
    target = tmp_path / "nowhere" / "records.json"
    with bundle_open.open_bundle(good, pki.trust) as opened, \
            pytest.raises(OutputFileError) as caught:
        opened.extract("records.json", target)
    assert str(target) in str(caught.value)


# -- writing -------------------------------------------------------------------------


def test_writing_into_a_missing_folder_leaves_nothing(tmp_path, pki, photos):
    target = tmp_path / "stick" / "A07.cabundle"
    with pytest.raises(OutputFileError) as caught:
        _write(target, pki, _entries(photos))
    assert str(target) in str(caught.value) and "does not exist" in str(caught.value)
    assert not list(tmp_path.rglob("*.part"))


def test_a_cancel_midway_leaves_no_file(tmp_path, pki):
    sources = []
    for number in range(4):
        sources.append(tmp_path / f"p{number}.jpg")
        sources[-1].write_bytes(os.urandom(3 << 20))

    def cancel_after_a_quarter(done, total):
        if done > total // 4:
            progress.cancel()

    progress = Progress(cancel_after_a_quarter)
    target = tmp_path / "out" / "A07.cabundle"
    target.parent.mkdir()
    with pytest.raises(Cancelled):
        _write(target, pki, [Entry(f"media/0{n}/p", path=p) for n, p in enumerate(sources)],
               progress=progress)
    assert 0 < progress.done < progress.total
    assert list(target.parent.iterdir()) == []


def test_progress_counts_writing_and_verifying(tmp_path, pki, photos):
    seen = []
    _write(tmp_path / "p.cabundle", pki, _entries(photos),
           progress=Progress(lambda done, total: seen.append((done, total))))
    size = len(json.dumps(RECORDS, ensure_ascii=False).encode()) + sum(
        p.stat().st_size for p in photos.values())
    assert seen[0] == (0, 2 * size) and seen[-1] == (2 * size, 2 * size)


def test_a_missing_source_photo_is_named_and_leaves_nothing(tmp_path, pki, photos):
    target = tmp_path / "A07.cabundle"
    gone = Entry("media/aa/gone", path=tmp_path / "gone.jpg")
    with pytest.raises(OutputFileError) as caught:
        _write(target, pki, [*_entries(photos), gone])
    assert "media/aa/gone" in str(caught.value) and str(target) in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_write_failing_midway_leaves_no_part_file(tmp_path, pki):
    """A real write error from the kernel: a file size limit, as on a FAT32 stick (EFBIG)."""
    source = tmp_path / "p.jpg"
    source.write_bytes(os.urandom(3 << 20))
    target = tmp_path / "out" / "A07.cabundle"
    target.parent.mkdir()
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, limits[1]))
    try:
        with pytest.raises(OutputFileError) as caught:
            _write(target, pki, [Entry("media/aa/p", path=source)])
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, handler)
    assert str(target) in str(caught.value) and "No file was written" in str(caught.value)
    assert "FAT32" in caught.value.problem
    assert list(target.parent.iterdir()) == []


def test_writing_over_a_stale_part_file_replaces_it(tmp_path, pki, photos):
    target = tmp_path / "A07.cabundle"
    (tmp_path / "A07.cabundle.part").write_bytes(b"left by a pulled stick")
    _write(target, pki, _entries(photos))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A07.cabundle"]
    bundle_open.open_bundle(target, pki.trust).close()


@pytest.mark.parametrize("change", [
    {"kind": "export"}, {"sequence": -1}, {"created_at": "yesterday"},
    {"profile": {"id": "p1"}}, {"meta": {"x": float("nan")}}])
def test_writing_refuses_what_no_reader_would_accept(tmp_path, pki, photos, change):
    with pytest.raises(ValueError):
        _write(tmp_path / "bad.cabundle", pki, _entries(photos), **change)
    assert list(tmp_path.iterdir()) == []


def test_writing_refuses_reserved_and_duplicate_names(tmp_path, pki):
    for entries in ([Entry("manifest.json", data=b"{}")],
                    [Entry("a.json", data=b"{}"), Entry("a.json", data=b"[]")]):
        with pytest.raises(ValueError):
            _write(tmp_path / "bad.cabundle", pki, entries)


def test_a_signer_whose_certificate_is_not_its_key_is_refused(tmp_path, pki):
    wrong = Signer(ec.generate_private_key(ec.SECP256R1()), pki.signer.certificates)
    with pytest.raises(ValueError):
        _write(tmp_path / "bad.cabundle", pki, [Entry("a.json", data=b"{}")], signer=wrong)


def test_writes_are_reproducible_apart_from_the_signature(tmp_path, pki, photos):
    first = _write(tmp_path / "1.cabundle", pki, _entries(photos))
    second = _write(tmp_path / "2.cabundle", pki, _entries(photos))
    assert first.raw == second.raw
    assert first.raw.startswith(b'{"authority_id":')


def _addressed(photos: dict) -> list[Entry]:
    """The photos as content-addressed entries: their digests given, not hashed again."""
    return [Entry(name, path=path, sha256=hashlib.sha256(path.read_bytes()).hexdigest())
            for name, path in photos.items()]


def test_an_entry_with_its_digest_given_gives_the_bundle_hashing_gives(tmp_path, pki, photos):
    hashed = _write(tmp_path / "1.cabundle", pki, _entries(photos))
    given = _write(tmp_path / "2.cabundle", pki, [_entries(photos)[0], *_addressed(photos)])
    assert given.raw == hashed.raw
    bundle_open.open_bundle(tmp_path / "2.cabundle", pki.trust).close()


def test_a_source_that_no_longer_matches_its_given_digest_is_named(tmp_path, pki, photos):
    entries = _addressed(photos)
    damaged = entries[1].path
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0x01  # bit rot on this computer, after the photo was stored
    damaged.write_bytes(bytes(data))
    target = tmp_path / "out" / "A07.cabundle"
    target.parent.mkdir()
    with pytest.raises(OutputFileError) as caught:
        _write(target, pki, entries)
    assert str(damaged) in str(caught.value) and "damaged" in str(caught.value)
    assert "drive" not in caught.value.problem
    assert list(target.parent.iterdir()) == []
    with pytest.raises(ValueError):
        _write(target, pki, [Entry("media/aa/p", path=damaged, sha256="not-a-digest")])
