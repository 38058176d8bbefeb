"""Joining an office: a new laptop takes the office's authority, its auditor's profile and the
office's data from what the office wrote on a USB stick, and leaves its certificate request.

The office writes (:func:`prepare`): a complete bundle and its authority's certificate
(:data:`AUTHORITY_FILE`). The laptop reads them (:func:`read_offer`): the bundle is verified
against that certificate alone and must be an office bundle of it, signed under an
office-role certificate; a person then compares the authority's fingerprint with the
office's screen, because a stick can carry another "office". :func:`join` refuses a laptop
that has profiles already and an auditor the office's roster does not list; only then the
laptop trusts the authority, creates the auditor's profile (its id comes from the staff
number, so it is the office's record) with the auditor's own password, imports the bundle
and writes the key's certificate request onto the stick. The office issues the requests it
finds there (:func:`issue_requests`); the certificates reach the laptop in the roster of the
next office bundle (``keys.install_from_roster``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from model.errors import InputFileError, ValidationError
from model.people import authority, certificates, keys, profiles
from model.people.profiles import Profile, Role
from model.store import clock, fileio, migrations
from model.store.db import Store
from model.sync import (
    bundle_format,
    bundle_open,
    sync_export,
    sync_holds,
    sync_import,
    sync_trust,
)
from model.sync.import_summary import ImportSummary

AUTHORITY_FILE = "office-ca.pem"
REQUEST_PATTERN = "civicaudit-request-*.csr"


@dataclass(frozen=True)
class Offer:
    """What an office left on a stick for new laptops, verified."""

    authority_pem: bytes
    authority_name: str
    fingerprint: str  # as people compare it, with the office's screen
    bundle: Path
    auditors: dict[str, dict]  # staff number → the office's profile record (auditors only)


@dataclass(frozen=True)
class Issued:
    """What the office did with one certificate request found on a stick."""

    file: str
    staff_no: str
    serial: str = ""    # the certificate issued, or "" when refused
    problem: str = ""   # why not, in words


def prepare(store: Store, folder: Path, actor: Profile, passphrase: str) -> tuple[Path, Path]:
    """The office writes its bundle and its authority's certificate into ``folder``: a
    complete bundle, as a new laptop holds nothing yet."""
    bundle, _ = sync_export.export(store, folder, actor, passphrase, full=True)
    target = Path(folder) / AUTHORITY_FILE
    fileio.write_atomically(target, authority.export_authority_cert(store))
    return bundle, target


def read_offer(folder: Path) -> Offer:
    """Read and verify what the office left in ``folder`` (nothing is stored)."""
    folder = Path(folder)
    ca_file = folder / AUTHORITY_FILE
    if not ca_file.is_file():
        raise InputFileError(folder, f"no {AUTHORITY_FILE} here: ask the office to prepare "
                                     "this drive for a new laptop")
    pem = ca_file.read_bytes()
    ca = certificates.load_certificates(pem, str(ca_file))[0]
    authority.check_authority_certificate(ca, str(ca_file))
    bundle = _newest_office_bundle(folder, bundle_format.authority_id(ca))
    trust = bundle_format.Trust((ca,), frozenset(), migrations.LATEST_VERSION, clock.now())
    with bundle_open.open_bundle(bundle, trust) as opened:
        sync_trust.check_sender(bundle, opened.manifest, opened.signer_certificate)
        auditors = {v.content["staff_no"]: v.content for v in sync_import.versions(bundle, opened)
                    if v.kind == "profile" and v.content.get("role") == Role.AUDITOR.value}
    return Offer(pem, certificates.name_of(ca.subject),
                 authority.fingerprint_of(bundle_format.authority_id(ca)), bundle, auditors)


def join(store: Store, offer: Offer, staff_no: str, password: str,
         folder: Path) -> tuple[Profile, ImportSummary, Path]:
    """Make this new laptop the office's: trust its authority, create the auditor's profile
    with ``password``, import the office's bundle and write the certificate request into
    ``folder``; return the profile, the import and the request file."""
    if profiles.all_profiles(store):
        raise ValidationError("This computer has profiles already; joining an office is for a "
                              "new laptop (its data folder still empty).")
    staff_no = staff_no.strip().upper()
    record = offer.auditors.get(staff_no)
    if record is None:
        raise InputFileError(offer.bundle, f"the office's roster has no auditor {staff_no}; "
                                           "ask the office to add you, then prepare the drive "
                                           "again")
    profiles.check_new_password(password)
    authority.trust_authority(store, offer.authority_pem, f"{offer.bundle.parent}/"
                                                          f"{AUTHORITY_FILE}")
    profile = profiles.create(store, record["name"], staff_no, Role.AUDITOR, password,
                              record.get("organisation", ""))
    summary = sync_import.import_bundle(store, offer.bundle, profile)
    request = Path(folder) / f"civicaudit-request-{staff_no}.csr"
    fileio.write_atomically(request, keys.request_key(store, profile, password))
    return profile, summary, request


def issue_requests(store: Store, folder: Path, ca_passphrase: str,
                   actor: Profile) -> list[Issued]:
    """The office issues an auditor certificate for every request in ``folder`` whose staff
    number is an auditor of its roster; a key it issued before is not issued again."""
    done = []
    for path in sorted(Path(folder).glob(REQUEST_PATTERN)):
        done.append(_issue_one(store, path, ca_passphrase, actor))
    return done


def _issue_one(store: Store, path: Path, ca_passphrase: str, actor: Profile) -> Issued:
    pem = path.read_bytes()
    try:
        request = x509.load_pem_x509_csr(pem)
    except ValueError:
        return Issued(path.name, "", problem="not a certificate request")
    staff_no = certificates.staff_no_of(request)
    person = _auditor(store, staff_no)
    if person is None:
        return Issued(path.name, staff_no, problem=f"{staff_no or '?'} is not an auditor of "
                                                   "this office's roster")
    if _already_issued(store, request.public_key()):
        return Issued(path.name, staff_no, problem="already issued for this key")
    held = _held(store, staff_no)
    if held:  # a request for a colleague already enrolled would give his name to another key
        return Issued(path.name, staff_no, problem=f"{staff_no} already holds certificate "
                                                   f"{held}; revoke it first if the laptop "
                                                   "was replaced")
    chain = authority.issue_certificate(store, pem, str(path), ca_passphrase, actor)
    return Issued(path.name, staff_no, certificates.serial_of(certificates.load_certificate(chain)))


def _auditor(store: Store, staff_no: str) -> Profile | None:
    """The office's auditor with exactly this staff number (never matched by name)."""
    row = store.db.execute("SELECT id FROM profile WHERE staff_no = ? AND role = ?",
                           [staff_no, Role.AUDITOR.value]).fetchone() if staff_no else None
    return profiles.get(store, row[0]) if row else None


def _held(store: Store, staff_no: str) -> str:
    """The serial of a certificate ``staff_no`` holds and nobody revoked, or ""."""
    row = store.db.execute("SELECT serial FROM certificate WHERE staff_no = ? AND revoked_at "
                           "IS NULL", [staff_no]).fetchone()
    return row[0] if row else ""


def _already_issued(store: Store, public_key) -> bool:
    rows = store.db.execute("SELECT cert_pem FROM certificate WHERE revoked_at IS NULL")
    return any(certificates.load_certificate(pem).public_key() == public_key
               for (pem,) in rows)


def _newest_office_bundle(folder: Path, authority_id: str) -> Path:
    """The complete office bundle of this authority with the highest sequence in ``folder``
    (a new laptop can import no other: it holds none of the office's bundles yet)."""
    found = []
    for path in folder.glob(f"civicaudit-office-*{bundle_format.SUFFIX}"):
        try:
            manifest = bundle_open.peek_manifest(path)
        except InputFileError:
            continue
        if manifest.kind == "office" and manifest.authority_id == authority_id \
                and not manifest.meta.get(sync_holds.SINCE_KEY):
            found.append((manifest.sequence, path))
    if not found:
        raise InputFileError(folder, "no office bundle of this authority here: ask the office "
                                     "to prepare this drive again")
    return max(found)[1]
