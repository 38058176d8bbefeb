"""Trust against an insider (issue 14): an auditor with his own valid key, his own password
and his own laptop's SQLite file cannot change what another laptop or the office trusts.

Each test plays one of the issue's findings through real stores and real signed bundles.
Where the insider would run a patched program, the test patches the same places.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from model.errors import InputFileError, PermissionDeniedError
from model.people import authority, certificates, keys, revocation
from model.people.profiles import Role
from model.photos import media
from model.store import audit, migrations
from model.sync import (
    bundle_format,
    bundle_open,
    sync_export,
    sync_import,
    sync_receipts,
    sync_trust,
)
from tests.model import sync_world
from tests.model.sync_world import PW, inspect
from usecases.services import Services

world = sync_world.world  # the office and the laptops of A07 and A08, enrolled


def _rogue_authority(store) -> str:
    """Add a certificate authority of the insider's own straight into a store's SQLite."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "流氓创城办")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(key, hashes.SHA256()))
    authority_id = cert.fingerprint(hashes.SHA256()).hex()
    store.db.execute("INSERT INTO authority (id, name, cert_pem, key_pem, created_at) VALUES "
                     "(?, ?, ?, NULL, ?)", [authority_id, "流氓创城办",
                                            cert.public_bytes(serialization.Encoding.PEM)
                                            .decode(), now.isoformat()])
    store.db.conn.commit()
    return authority_id


def _authority_ids(services: Services) -> list[str]:
    return [a.id for a in authority.trusted_authorities(services.store)]


def _phone(services: Services, code: str) -> str:
    return services.store.db.execute("SELECT unit_phone FROM site WHERE code = ?",
                                     [code]).fetchone()[0]


def _insider_makes_himself_office(a07: Services) -> None:
    """In his own SQLite file: his role set to office, a site's phone changed."""
    a07.store.db.execute("UPDATE profile SET role = 'office' WHERE staff_no = 'A07'")
    a07.store.db.execute("UPDATE site SET unit_phone = '13900000000' WHERE code = 'YZ-1'")
    a07.store.db.conn.commit()
    a07.login("A07", PW)


# -- finding 1: the office role is in the certificate, not in a table -----------------------


def test_an_auditor_who_sets_his_role_to_office_cannot_export_an_office_bundle(world):
    _office, laptops, stick = world
    a07 = laptops["A07"]
    _insider_makes_himself_office(a07)
    _rogue_authority(a07.store)
    assert a07.user.is_office  # the program believes his table …
    with pytest.raises(PermissionDeniedError, match="office role"):
        a07.sync.export(stick, PW)  # … but his certificate says auditor
    assert list(stick.glob("*office-A07*")) == []


def test_an_office_bundle_signed_with_an_auditor_key_changes_nothing_on_another_laptop(
        world, monkeypatch):
    _office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    _insider_makes_himself_office(a07)
    rogue = _rogue_authority(a07.store)
    phone, authorities = _phone(a08, "YZ-1"), _authority_ids(a08)
    roles = a08.store.db.execute("SELECT staff_no, role FROM profile ORDER BY 1").fetchall()
    # his patched program writes an office bundle, the rogue authority in it, with his key
    monkeypatch.setattr(sync_export, "_export_kind", lambda actor, credential: "office")
    monkeypatch.setattr(sync_export, "OFFICE_KINDS", ("authority", *sync_export.OFFICE_KINDS))
    forged, _ = a07.sync.export(stick, PW)
    monkeypatch.undo()
    assert bundle_open.peek_manifest(forged).kind == "office"
    with pytest.raises(bundle_format.BundleError, match="does not carry the office role"):
        a08.sync.import_bundle(forged)
    assert _authority_ids(a08) == authorities and rogue not in authorities
    assert _phone(a08, "YZ-1") == phone
    assert a08.store.db.execute("SELECT staff_no, role FROM profile ORDER BY 1").fetchall() \
        == roles


def test_certificates_carry_their_role_as_a_policy_standard_tools_show(world):
    office, laptops, _ = world
    own = keys.signing_credential(office.store, office.user, PW).certificate
    theirs = keys.signing_credential(laptops["A07"].store, laptops["A07"].user, PW).certificate
    assert certificates.role_of(own) == "office" and certificates.role_of(theirs) == "auditor"
    assert certificates.staff_no_of(theirs) == "A07"
    policies = theirs.extensions.get_extension_for_class(x509.CertificatePolicies).value
    assert [p.policy_identifier.dotted_string for p in policies] == [
        certificates.POLICY_ARC + ".1.1"]


# -- finding 2: trust anchors never arrive as content ---------------------------------------


def test_an_auditor_bundle_carrying_an_authority_is_refused_by_name(world, monkeypatch):
    office, laptops, stick = world
    a07 = laptops["A07"]
    rogue = _rogue_authority(a07.store)
    inspect(a07, "YZ-1", stick.parent, ["ZCGD-01"])
    monkeypatch.setattr(sync_export, "AUDITOR_KINDS", ("authority", *sync_export.AUDITOR_KINDS))
    forged, _ = a07.sync.export(stick, PW)
    monkeypatch.undo()
    authorities = _authority_ids(office)
    with pytest.raises(InputFileError, match=r"the office.s authority record [0-9a-f]{64}"):
        office.sync.import_bundle(forged)  # the first authority in it is named (ordered by id)
    assert _authority_ids(office) == authorities and rogue not in authorities
    assert office.store.db.execute("SELECT count(*) FROM inspection").fetchone()[0] == 0


def test_an_auditor_bundle_carrying_profiles_or_sites_is_refused(world, monkeypatch):
    office, laptops, stick = world
    a07 = laptops["A07"]
    a07.store.db.execute("UPDATE profile SET role = 'office' WHERE staff_no = 'A07'")
    a07.store.db.conn.commit()  # in his own file; signed in as he was, an auditor
    monkeypatch.setattr(sync_export, "AUDITOR_KINDS",
                        ("profile", "site", *sync_export.AUDITOR_KINDS))
    forged, _ = a07.sync.export(stick, PW)
    monkeypatch.undo()
    with pytest.raises(InputFileError, match="the office's profile record"):
        office.sync.import_bundle(forged)
    assert office.store.db.execute("SELECT role FROM profile WHERE staff_no = 'A07'"
                                   ).fetchone()[0] == "auditor"


def test_a_bundle_of_the_previous_program_delivers_its_work_but_not_the_offices_records(
        world, monkeypatch):
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspection = inspect(a07, "YZ-1", stick.parent, ["ZCGD-01"])
    a07.store.db.execute("UPDATE profile SET role = 'office' WHERE staff_no = 'A07'")
    a07.store.db.conn.commit()
    monkeypatch.setattr(sync_export, "AUDITOR_KINDS",
                        ("profile", "site", *sync_export.AUDITOR_KINDS))
    monkeypatch.setattr(migrations, "LATEST_VERSION", sync_trust.STRICT_SCHEMA - 1)
    old, _ = a07.sync.export(stick, PW)  # what a laptop not yet upgraded sends
    monkeypatch.undo()
    summary = office.sync.import_bundle(old)
    assert summary.counts["new"] == 1  # the inspection; its profile and site were skipped
    assert office.store.db.execute("SELECT count(*) FROM inspection WHERE id = ?",
                                   [inspection]).fetchone()[0] == 1
    assert office.store.db.execute("SELECT role FROM profile WHERE staff_no = 'A07'"
                                   ).fetchone()[0] == "auditor"


def test_no_bundle_carries_an_authority_and_a_laptop_never_takes_one(world, monkeypatch):
    office, laptops, stick = world
    a08 = laptops["A08"]
    plain, _ = office.sync.export(stick, PW)
    with bundle_open.open_bundle(plain, sync_import._trust(a08.store)) as opened:
        kinds = {json.loads(line)["kind"] for line in opened.lines(sync_export.RECORDS_ENTRY)}
    assert "authority" not in kinds
    # even the office's own program, patched to send one, cannot add a trust root
    _rogue_authority(office.store)
    monkeypatch.setattr(sync_export, "OFFICE_KINDS", ("authority", *sync_export.OFFICE_KINDS))
    carrying, _ = office.sync.export(stick, PW)
    monkeypatch.undo()
    authorities = _authority_ids(a08)
    a08.sync.import_bundle(carrying)
    assert _authority_ids(a08) == authorities


def test_a_laptop_trusts_the_authority_it_was_enrolled_with_and_no_second(world, tmp_path):
    office, laptops, _ = world
    stranger = Services.open(tmp_path / "stranger")
    try:
        stranger.people.create("赵六", "O09", "office", PW, "小店区创城办")
        stranger.login("O09", PW)
        stranger.credentials.init_authority("小店区创城办", PW)
        with pytest.raises(InputFileError, match="already trusts"):
            authority.trust_authority(laptops["A07"].store,
                                      stranger.credentials.authority_certificate(), "E:/ca.pem")
    finally:
        stranger.close()
    [trusted] = authority.trusted_authorities(laptops["A07"].store)
    assert trusted.id == authority.trusted_authorities(office.store)[0].id
    assert len(authority.fingerprint_text(trusted).replace(":", "").replace(" ", "")) == 64


# -- finding 3: receipts bound to what was sent ---------------------------------------------


def _sent_bundle(a07: Services, stick) -> tuple:
    inspect(a07, "YZ-1", stick.parent, ["ZCGD-01"])
    path, _ = a07.sync.export(stick, PW)
    with bundle_open.open_bundle(path, sync_import._trust(a07.store)) as opened:
        manifest = opened.manifest
        received = sync_receipts.Received()
        for version in sync_import._versions(path, opened):
            received.add(version)
    return path, manifest, received


def _sync_state(a07: Services) -> tuple[int, list[str]]:
    return a07.sync.status()["unsynced"], sync_receipts.prunable(a07.store)


def test_a_receipt_signed_with_another_auditors_key_is_refused(world, tmp_path):
    _office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    _, manifest, received = _sent_bundle(a07, stick)
    # A08's patched program writes a receipt for A07's bundle with A08's own key
    forged = sync_receipts.write_receipt(a08.store, manifest, received, tmp_path, a08.user,
                                         keys.signing_credential(a08.store, a08.user, PW))
    before = _sync_state(a07)
    with pytest.raises(bundle_format.BundleError, match="does not carry the office role"):
        a07.sync.import_bundle(forged)
    assert _sync_state(a07) == before and before[0] > 0
    assert a07.sync.prune(confirmed=True) == 0
    assert all(media.original_path(a07.store, sha).exists() for sha in received.media)


def test_a_receipt_for_a_bundle_never_written_is_refused(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    _, manifest, received = _sent_bundle(a07, stick)
    credential = keys.signing_credential(office.store, office.user, PW)
    for number, changed in enumerate(({"sequence": manifest.sequence + 5},
                                      {"raw": b"another manifest"})):
        folder = tmp_path / f"receipt-{number}"
        folder.mkdir()
        receipt = sync_receipts.write_receipt(office.store,
                                              dataclasses.replace(manifest, **changed),
                                              received, folder, office.user, credential)
        with pytest.raises(InputFileError, match="never wrote"):
            a07.sync.import_bundle(receipt)
    assert sync_receipts.prunable(a07.store) == []


def test_a_receipt_acknowledges_only_what_its_bundle_carried(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    path, manifest, received = _sent_bundle(a07, stick)
    later = inspect(a07, "YZ-2", tmp_path, ["ZCGD-02"])  # not in the bundle
    later_photos = [row[0] for row in a07.store.db.execute(
        "SELECT sha256 FROM photo WHERE inspection_id = ?", [later])]
    received.media.update(later_photos)  # the office claims more than it got
    office.sync.import_bundle(path)
    receipt = sync_receipts.write_receipt(office.store, manifest, received, tmp_path,
                                          office.user,
                                          keys.signing_credential(office.store, office.user, PW))
    for sha in later_photos:  # the office must really hold what it acknowledges …
        media.original_path(office.store, sha).parent.mkdir(parents=True, exist_ok=True)
        media.original_path(office.store, sha).write_bytes(b"x")
    a07.sync.import_bundle(receipt)
    pruned = set(sync_receipts.prunable(a07.store))
    assert pruned and pruned <= received.media and not pruned & set(later_photos)


# -- finding 6: others hold the ends of the chain --------------------------------------------


def _events_since(services: Services, seq: int) -> list[audit.Event]:
    return [e for e in audit.events(services.store.db) if e.seq > seq]


def _rewrite_tail(a07: Services, keep: int) -> None:
    """Delete the laptop's audit events after ``keep`` and fix the anchor, as an insider
    with the SQLite file can."""
    db = a07.store.db
    db.execute("DELETE FROM audit_event WHERE seq > ?", [keep])
    last = db.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
    db.execute("UPDATE setting SET value = ? WHERE key = ?", [f"{last[0]}:{last[1]}",
                                                              audit.HEAD_SETTING])
    db.conn.commit()


def _rewritten_notes(summary) -> list[str]:
    return [summary.history_rewritten] if summary.history_rewritten else []


def test_the_office_sees_a_laptops_rewritten_history(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    first, _ = a07.sync.export(stick, PW)
    assert _rewritten_notes(office.sync.import_bundle(first)) == []
    held = a07.store.db.execute("SELECT max(seq) FROM audit_event").fetchone()[0]
    _rewrite_tail(a07, held - 4)
    assert audit.verify(a07.store.db).ok  # the laptop alone cannot tell
    inspect(a07, "YZ-2", tmp_path, ["ZCGD-02"])
    second, _ = a07.sync.export(stick, PW)
    summary = office.sync.import_bundle(second)
    [note] = _rewritten_notes(summary)
    assert f"event {held - 3}" in note and summary.sender == "李明"
    [event] = [e for e in audit.events(office.store.db)
               if e.action == "sync.history_rewritten"]
    assert event.entity_id == bundle_open.peek_manifest(second).device_id
    assert event.detail["event"] == held - 3 == summary.rewritten_from


def test_a_rewritten_history_shows_even_after_a_receipt(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    first, _ = a07.sync.export(stick, PW)
    receipt = office.sync.import_bundle(first, stick, PW).receipt
    a07.sync.import_bundle(receipt)
    head = a07.store.db.execute("SELECT max(seq) FROM audit_event").fetchone()[0]
    _rewrite_tail(a07, head - 6)  # events the office acknowledged
    second, _ = a07.sync.export(stick, PW)
    [note] = _rewritten_notes(office.sync.import_bundle(second))
    assert "ends at event" in note or "differs" in note


def test_an_honest_laptop_raises_no_alarm_in_any_order(world, tmp_path):
    office, laptops, stick = world
    a07 = laptops["A07"]
    bundles = []
    for site in ("YZ-1", "YZ-2"):
        inspect(a07, site, tmp_path, ["ZCGD-01"])
        bundles.append(a07.sync.export(stick, PW)[0])
    for path in reversed(bundles):  # the newer first: the older's head is behind, rightly
        assert _rewritten_notes(office.sync.import_bundle(path)) == []
    third_site = inspect(a07, "XD-1", tmp_path, ["ZCGD-04"])
    assert third_site
    third, _ = a07.sync.export(stick, PW)
    assert _rewritten_notes(office.sync.import_bundle(third)) == []


# -- what only the office sends: its revocation list and its time zone ----------------------


def test_a_revocation_reaches_laptops_as_the_authoritys_signed_list(world):
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    serial = keys.signing_credential(a08.store, a08.user, PW).serial
    office.credentials.revoke(serial, "laptop lost", PW)
    office_bundle, _ = office.sync.export(stick, PW)
    a07.sync.import_bundle(office_bundle)
    assert revocation.is_revoked(a07.store, serial)
    assert revocation.current_crl(a07.store) == revocation.current_crl(office.store)
    crl = x509.load_der_x509_crl(revocation.current_crl(a07.store))
    assert crl.get_revoked_certificate_by_serial_number(int(serial, 16)) is not None


def test_the_office_time_zone_travels_to_laptops(world):
    office, laptops, stick = world
    office.office.set_zone("Asia/Urumqi")
    office_bundle, _ = office.sync.export(stick, PW)
    laptops["A07"].sync.import_bundle(office_bundle)
    assert laptops["A07"].office.zone() == "Asia/Urumqi"


# -- finding 4, at the office's door: a notice names its signer -----------------------------


def test_an_auditor_bundle_with_a_notice_signed_by_another_auditor_is_refused(world, tmp_path):

    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    desk = a07.notices
    issued = desk.issue(desk.draft(inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])), PW)
    other = keys.signing_credential(a08.store, a08.user, PW).serial
    a07.store.db.execute("UPDATE notice SET signer_serial = ? WHERE id = ?",
                         [other, issued.notice.id])
    a07.store.db.conn.commit()
    forged, _ = a07.sync.export(stick, PW)
    with pytest.raises(InputFileError, match="signed with the certificate of A08"):
        office.sync.import_bundle(forged)
    assert office.store.db.execute("SELECT count(*) FROM notice").fetchone()[0] == 0


def test_a_laptop_not_enrolled_yet_is_told_to_install_its_certificate_first(world, tmp_path):
    office, _laptops, stick = world
    bundle, _ = office.sync.export(stick, PW)
    newcomer = Services.open(tmp_path / "newcomer")
    try:
        newcomer.people.create("赵六", "A09", Role.AUDITOR, PW, "督查三组")
        newcomer.login("A09", PW)
        with pytest.raises(bundle_format.BundleError) as refused:
            newcomer.sync.import_bundle(bundle)
        assert refused.value.kind == "not_enrolled"
        assert "keys install" in str(refused.value)
        assert newcomer.sites.search() == []  # nothing taken
    finally:
        newcomer.close()


def test_an_office_without_its_own_certificate_is_told_how_to_make_it(tmp_path):
    office = Services.open(tmp_path / "office")
    try:
        office.people.create("王建国", "O01", Role.OFFICE, PW, "创城办")
        office.login("O01", PW)
        office.credentials.init_authority("迎泽区创城办", PW)
        with pytest.raises(keys.NoCertificateError, match="ca issue --role office"):
            office.sync.export(tmp_path, PW)
    finally:
        office.close()


def test_a_new_key_gets_its_certificate_with_the_next_office_bundle(world, tmp_path):
    office, laptops, stick = world
    a07, a08 = laptops["A07"], laptops["A08"]
    request = keys.request_key(a07.store, a07.user, PW, replace=True)  # a new key (renewal)
    assert a07.credentials.status() == "requested"
    a08_request = keys.request_key(a08.store, a08.user, PW, replace=True)
    issued = office.credentials.issue(request, "a07-renewal.csr", PW)
    a08_serial = keys.serial_of(certificates.load_certificate(
        office.credentials.issue(a08_request, "a08-renewal.csr", PW)))
    office.credentials.revoke(a08_serial, "laptop lost", PW)  # revoked before it travelled
    bundle, _ = office.sync.export(stick, PW)
    summary = a07.sync.import_bundle(bundle)
    assert a07.credentials.status() == "installed"
    serial = keys.serial_of(certificates.load_certificate(issued))
    assert any(serial in note for note in summary.notes)
    inspect(a07, "YZ-1", tmp_path, ["ZCGD-01"])
    signed, _ = a07.sync.export(stick, PW)  # signs with the new key
    assert office.sync.import_bundle(signed).counts["new"] >= 1
    a08.sync.import_bundle(bundle)
    assert a08.credentials.status() == "requested"  # a revoked certificate is never taken
