"""Broken, forged and unsafe sync bundles: the office imports them as O01, a laptop as A07.

Most are made from the laptop's second bundle (not yet imported at the office, so every
check runs); where a case must reach a check after the signature, the forged manifest is
signed again with a real key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from model.people import profiles
from model.store.migrations import LATEST_VERSION
from model.sync import bundle_format, bundle_open
from tests.corpus import bundle_forge as forge
from tests.corpus.case import Spec, data
from tests.corpus.world import World

SEND_AGAIN = "export it again"
SUFFIX = bundle_format.SUFFIX


def specs() -> list[Spec]:
    """The bundle cases."""
    return _damaged() + _forged() + _unsafe() + _bad_content() + _misdirected() + _insider()


def _spec(name: str, make, reasons: tuple[str, ...], describe: str, **flags) -> Spec:
    return Spec(f"{name}{SUFFIX}", "bundle", describe, reasons, make, **flags)


def _good(world: World) -> bytes:
    return world.bundle_2.read_bytes()


def _photo_name(world: World) -> str:
    return next(n for n in forge.member_names(world.bundle_2) if n.startswith("media/"))


def _damaged() -> list[Spec]:
    """Cut, flipped and foreign bytes."""
    return [
        _spec("bundle-truncated", data(lambda w: _good(w)[: len(_good(w)) // 2]),
              ("incomplete", SEND_AGAIN), "the copy stopped halfway"),
        _spec("bundle-end-cut", data(lambda w: _good(w)[:-10]), ("incomplete",),
              "the last 10 bytes (the end of the zip directory) missing"),
        _spec("bundle-empty", data(lambda w: b""), ("incomplete",), "zero bytes"),
        _spec("bundle-not-a-zip", data(lambda w: b"\xff\xd8\xff\xe0" + bytes(3000)),
              ("not a CivicAudit bundle",), "a JPEG renamed .cabundle"),
        _spec("bundle-photo-byte-flipped",
              data(lambda w: forge.flipped(w.bundle_2, _photo_name(w))),
              ("media/", "changed"), "one bit flipped inside a photo entry"),
        _spec("bundle-manifest-byte-flipped",
              data(lambda w: forge.flipped(w.bundle_2, forge.MANIFEST)),
              (forge.MANIFEST,), "one bit flipped inside the deflated manifest"),
    ]


def _resigned(signer: str, **changes):
    """A ``make``: bundle 2 with manifest ``changes``, signed by the world's ``signer``."""
    def make(path: Path, world: World) -> None:
        values = {k: v(world) if callable(v) else v for k, v in changes.items()}
        forge.forge_from(world.bundle_2, path, getattr(world, signer), **values)
    return make


def _with_signature(signature):
    """A ``make``: bundle 2 as it is, with ``signature(raw manifest, world)`` as manifest.sig."""
    def make(path: Path, world: World) -> None:
        document, members = forge.contents(world.bundle_2)
        sig = signature(forge.canonical(document), world)
        forge.forge(path, document, members, world.auditor, sig=sig,
                    with_signature=sig is not None)
    return make


def _edited_manifest(path: Path, world: World) -> None:
    document, members = forge.contents(world.bundle_2)
    forge.forge(path, document | {"sequence": 99}, members, world.auditor,
                sig=_member(world.bundle_2, forge.SIGNATURE))


def _forged() -> list[Spec]:
    """Signatures that are missing, wrong, untrusted, revoked or from another office."""
    intruder = ec.generate_private_key(ec.SECP256R1())
    return [
        _spec("bundle-manifest-edited", _edited_manifest, ("signature does not match",),
              "the manifest edited (its sequence), the old signature kept"),
        _spec("bundle-uncertified-key",
              _with_signature(lambda raw, w: forge.signature(raw, w.auditor, key=intruder)),
              ("signature does not match",), "signed by a key the office never certified"),
        _spec("bundle-unsigned", _with_signature(lambda raw, w: None), (forge.SIGNATURE,),
              "no manifest.sig at all"),
        _spec("bundle-signature-junk", _with_signature(lambda raw, w: b'{"algorithm": "rsa"}'),
              ("signature file is damaged",), "a manifest.sig that is not ours"),
        _spec("bundle-untrusted-signer", _resigned("stranger"),
              ("not issued by an office authority this computer trusts",),
              "signed by another office's auditor, claiming to come from ours"),
        _spec("bundle-other-office",
              _resigned("stranger", authority_id=lambda w: w.stranger_authority_id),
              ("another office",), "a genuine bundle of another office"),
        _spec("bundle-revoked-signer", _resigned("revoked"), ("revoked",),
              "signed with a certificate the office revoked"),
        _spec("bundle-future-schema", _resigned("auditor", schema_version=LATEST_VERSION + 1),
              ("newer CivicAudit", "update this program"), "from a newer database schema"),
        _spec("bundle-future-format", _resigned("auditor", format_version=2),
              ("bundle format 2",), "in a newer bundle format"),
    ]


def _with_members(change):
    """A ``make``: bundle 2 with ``change(members, world)`` as its members, listed and signed."""
    def make(path: Path, world: World) -> None:
        _, members = forge.contents(world.bundle_2)
        forge.forge_from(world.bundle_2, path, world.auditor, members=change(members, world))
    return make


def _unlisted(change):
    """A ``make``: bundle 2's own signed manifest over ``change(members, world)``."""
    def make(path: Path, world: World) -> None:
        document, members = forge.contents(world.bundle_2)
        forge.forge(path, document, change(members, world), world.auditor)
    return make


def _is_photo(info: zipfile.ZipInfo) -> bool:
    return info.filename.startswith("media/")


def _unsafe() -> list[Spec]:
    """Names leaving the bundle, links, duplicates, lies about sizes, bombs."""
    named = [_spec(name, _with_members(lambda m, w, e=entry: [*m, (e, b"{}")]), (why,),
                   f"an entry named {entry}")
             for name, entry, why in (("bundle-dotdot", "../../evil.json", "leaving"),
                                      ("bundle-absolute", "/etc/cron.d/evil", "absolute"),
                                      ("bundle-drive-letter", "C:/Windows/evil.json", "colon"),
                                      ("bundle-backslash", "..\\..\\evil.json", "backslash"))]
    return [*named,
            _spec("bundle-symlink",
                  _with_members(lambda m, w: [*m, (forge.symlink("media/li/nk"), b"/etc/passwd")]),
                  ("media/li/nk", "link"), "an entry that is a symbolic link to /etc/passwd"),
            _spec("bundle-duplicate-names",
                  _unlisted(lambda m, w: [*m, next(x for x in m if _is_photo(x[0]))]),
                  ("twice",), "the same member name twice"),
            _spec("bundle-larger-than-declared",
                  _unlisted(lambda m, w: [(i, d + b"appended" if _is_photo(i) else d)
                                          for i, d in m]),
                  ("media/", "not the"), "a photo entry longer than its manifest says"),
            _spec("bundle-extra-member", _unlisted(lambda m, w: [*m, ("notes.txt", b"hi")]),
                  ("notes.txt", "not listed"), "a member the manifest does not list"),
            _spec("bundle-missing-member",
                  _unlisted(lambda m, w: [x for x in m if not _is_photo(x[0])]),
                  ("media/", "missing"), "a listed photo that is not there"),
            _spec("bundle-zip-bomb",
                  lambda path, w: forge.bomb(path, w.bundle_2, w.auditor, 20),
                  ("bomb.json", "decompression bomb"), "20 MB of zeros deflated to 20 KB"),
            _spec("bundle-zip-bomb-300mb",
                  lambda path, w: forge.bomb(path, w.bundle_2, w.auditor, 300),
                  ("bomb.json", "more than the"), "300 MB of zeros, over an entry's limit"),
            ]


def _records(produce):
    """A ``make``: bundle 2 with records.jsonl replaced by ``produce(lines)``, signed."""
    def make(path: Path, world: World) -> None:
        lines = _member(world.bundle_2, "records.jsonl").splitlines()
        members = forge.replace_member(world.bundle_2, "records.jsonl", produce(lines))
        forge.forge_from(world.bundle_2, path, world.auditor, members=members)
    return make


def _events(events: bytes):
    def make(path: Path, world: World) -> None:
        members = forge.replace_member(world.bundle_2, "events.json", events)
        forge.forge_from(world.bundle_2, path, world.auditor, members=members)
    return make


def _last_inspection_with(lines: list[bytes], **changes) -> bytes:
    """The records with the last inspection's record changed (``changes`` may be callables
    of the record): the new inspection the office would otherwise take."""
    index = max(i for i, raw in enumerate(lines) if json.loads(raw)["kind"] == "inspection")
    record = json.loads(lines[index])
    record.update({k: v(record) if callable(v) else v for k, v in changes.items()})
    changed = [*lines[:index], _jsonl(record).rstrip(b"\n"), *lines[index + 1:]]
    return b"\n".join([*changed, b""])


def _bad_content() -> list[Spec]:
    """Correctly signed bundles whose content is not what CivicAudit writes."""
    return [
        _spec("bundle-records-not-json", _records(lambda lines: b"this is not JSON\n"),
              ("records.jsonl line 1",), "signed, but records.jsonl is not JSON"),
        _spec("bundle-records-unknown-kind",
              _records(lambda lines: _last_inspection_with(lines, kind="payroll")),
              ("unknown record kind",), "signed, but a record of an unknown kind"),
        _spec("bundle-records-out-of-order",
              _records(lambda lines: b"\n".join([*reversed(lines), b""])),
              ("out of order",), "signed, but the records in reverse order"),
        _spec("bundle-records-empty-content",
              _records(lambda lines: _last_inspection_with(lines, content={})),
              ("inspection record", "not one this program can use"),
              "signed, but an inspection record with empty content"),
        _spec("bundle-records-wrong-types",
              _records(lambda lines: _last_inspection_with(
                  lines, content=lambda r: {key: [] for key in r["content"]})),
              ("inspection record", "not one this program can use"),
              "signed, but every part of an inspection record is a list"),
        _spec("bundle-records-column-injection",
              _records(lambda lines: _last_inspection_with(lines, content=lambda r: {
                  **r["content"], "inspection": {
                      **r["content"]["inspection"],
                      "status) VALUES ('x'); DROP TABLE site; --": "x"}})),
              ("inspection record", "not one this program can use"),
              "signed, but an inspection field named like SQL (the name is never run)"),
        _spec("bundle-records-deep-nesting",
              _records(lambda lines: b"[" * 200_000 + b"]" * 200_000 + b"\n"),
              ("records.jsonl line 1",), "signed, but a record nested 200,000 lists deep"),
        _spec("bundle-events-deep-nesting", _events(b"[" * 200_000 + b"]" * 200_000),
              ("events.json",), "signed, but events.json nested 200,000 lists deep"),
        _spec("bundle-events-not-json", _events(b"{{{"), ("events.json",),
              "signed, but events.json is not JSON"),
        _spec("bundle-events-not-events", _events(b"[1]"), ("events.json",),
              "signed, but events.json lists a number"),
    ]


def _receipt(body, sequence: int, signer: str = "office_signer"):
    """A ``make``: a receipt for the laptop, of ``body`` (or ``body(world)``), signed by the
    world's ``signer`` (the office's real key unless said otherwise)."""
    def make(path: Path, world: World) -> None:
        office = bundle_open.peek_manifest(world.office_bundle)
        content = json.dumps(body(world) if callable(body) else body).encode()
        document = {"format": bundle_format.FORMAT, "format_version": bundle_format.FORMAT_VERSION,
                    "schema_version": LATEST_VERSION, "kind": "receipt",
                    "device_id": office.device_id, "device_name": "office",
                    "profile": office.profile, "authority_id": office.authority_id,
                    "sequence": sequence, "created_at": office.created_at,
                    "entries": [forge.line("receipt.json", content)], "meta": {}}
        forge.forge(path, document, [("receipt.json", content)], getattr(world, signer))
    return make


def _from_elsewhere(source: str, signer: str):
    """A ``make``: the world's bundle ``source`` as if made on another computer, signed by the
    world's ``signer`` (its real key)."""
    def make(path: Path, world: World) -> None:
        forge.forge_from(getattr(world, source), path, getattr(world, signer),
                         device_id="another-computer")
    return make


def _misdirected() -> list[Spec]:
    """Genuine bundles taken to the wrong place, or twice, and receipts that do not fit."""
    other_laptop = {"for_device": "someone-else", "for_sequence": 1, "versions": [], "media": []}
    return [
        _spec("bundle-replayed", data(lambda w: w.bundle_1.read_bytes()), ("already imported",),
              "a bundle the office imported before (reported, nothing changed)", accepted=True),
        _spec("bundle-own-at-office", data(lambda w: w.office_bundle.read_bytes()),
              ("made on this computer",), "the office's own bundle imported at the office"),
        _spec("bundle-own-at-laptop", data(_good), ("made on this computer",),
              "a laptop importing its own bundle", on_laptop=True),
        _spec("bundle-office-at-office", _from_elsewhere("office_bundle", "office_signer"),
              ("for an auditor's laptop",), "an office bundle (from another office computer) "
              "imported at the office"),
        _spec("bundle-auditor-at-laptop", _from_elsewhere("bundle_2", "auditor"),
              ("goes to the office",), "an auditor's bundle imported on a laptop",
              on_laptop=True),
        _spec("bundle-receipt-other-laptop", _receipt(other_laptop, 91), ("another laptop",),
              "an office receipt for another laptop", on_laptop=True),
        _spec("bundle-receipt-not-a-receipt", _receipt([1, 2, 3], 92), ("receipt.json",),
              "a signed receipt whose body is a list", on_laptop=True),
        _spec("bundle-receipt-bad-versions", _receipt({**other_laptop, "versions": [5]}, 93),
              ("receipt.json",), "a signed receipt listing a number as a version",
              on_laptop=True),
    ]


def _member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _jsonl(*records: dict) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def _insider() -> list[Spec]:
    """What an auditor with his own valid key and his own SQLite file can make (issue 14):
    each is refused, and the store and data folder stay as they were."""
    return [
        _spec("bundle-office-from-auditor-key", _office_bundle_signed_by_auditor,
              ("office bundle", "does not carry the office role"),
              "the office's bundle re-signed with an auditor's key (his role set to office in "
              "his own SQLite)", on_laptop=True),
        _spec("bundle-auditor-carrying-authority",
              _records(lambda lines: _with_record(lines, _authority_record())),
              ("authority record", "only the office sends those"),
              "an auditor bundle carrying a certificate authority of its own"),
        _spec("bundle-auditor-carrying-profile",
              _records(lambda lines: _with_record(lines, _office_profile_record())),
              ("profile record", "only the office sends those"),
              "an auditor bundle carrying his own profile with the role office"),
        _spec("bundle-auditor-naming-office-profile",
              _resigned("auditor", profile=lambda w: bundle_open.peek_manifest(w.office_bundle)
                        .profile),
              ("manifest names O01", "certificate of A07"),
              "an auditor bundle whose manifest names the office's profile"),
        _spec("bundle-receipt-from-auditor-key",
              _receipt(lambda w: _receipt_for(w, w.bundle_2), 94, signer="auditor"),
              ("receipt", "does not carry the office role"),
              "a receipt for the laptop's real bundle, signed with an auditor's key",
              on_laptop=True),
        _spec("bundle-receipt-never-sent",
              _receipt(lambda w: {**_receipt_for(w, w.bundle_2), "for_sequence": 7}, 95),
              ("never wrote",), "an office receipt for a bundle the laptop never wrote",
              on_laptop=True),
        _spec("bundle-receipt-other-manifest",
              _receipt(lambda w: {**_receipt_for(w, w.bundle_2), "for_manifest": "0" * 64}, 96),
              ("never wrote",), "an office receipt naming the laptop's sequence but another "
              "manifest", on_laptop=True),
    ]


def _office_bundle_signed_by_auditor(path: Path, world: World) -> None:
    forge.forge_from(world.office_bundle, path, world.auditor)


def _receipt_for(world: World, sent: Path) -> dict:
    """A receipt body acknowledging everything of bundle ``sent`` (its real manifest)."""
    manifest = bundle_open.peek_manifest(sent)
    versions = [[r["kind"], r["id"], r["rev"]] for r in map(json.loads, _member(
        sent, "records.jsonl").splitlines())]
    media = [n.removeprefix("media/").replace("/", "") for n in forge.member_names(sent)
             if n.startswith("media/")]
    return {"for_device": manifest.device_id, "for_sequence": manifest.sequence,
            "for_manifest": hashlib.sha256(manifest.raw).hexdigest(), "versions": versions,
            "media": media}


def _with_record(lines: list[bytes], record: dict) -> bytes:
    """The records with ``record`` first (office-owned kinds come first in the order)."""
    return b"\n".join([_jsonl(record).rstrip(b"\n"), *lines, b""])


def _version(kind: str, record_id: str, content: dict) -> dict:
    return {"kind": kind, "id": record_id, "rev": "1-" + "a" * 32, "ancestry": [],
            "content": content, "stamp": "2026-12-01T08:00:00+00:00", "device": "laptop"}


def _authority_record() -> dict:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "流氓创城办")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(key, hashes.SHA256()))
    authority_id = cert.fingerprint(hashes.SHA256()).hex()
    return _version("authority", authority_id, {
        "id": authority_id, "name": "流氓创城办", "created_at": now.isoformat(),
        "cert_pem": cert.public_bytes(serialization.Encoding.PEM).decode()})


def _office_profile_record() -> dict:
    profile_id = profiles.profile_id("A07")
    return _version("profile", profile_id, {
        "id": profile_id, "name": "李明", "staff_no": "A07", "organisation": "督查一组",
        "role": "office", "created_at": "2026-12-01T08:00:00+00:00"})
