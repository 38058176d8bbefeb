"""A new laptop joins an office by USB stick: the office prepares the stick, the laptop
checks the authority's fingerprint and joins as one of the office's auditors, the office
issues the request it left, and the certificate arrives with the next office bundle.

Real stores, real keys and signed bundles; the stick is a folder.
"""

from __future__ import annotations

import pytest

from model.errors import InputFileError, ValidationError
from model.people import authority, profiles
from model.people.profiles import Role
from model.sync import bundle_format, enrolment
from tests import worlds
from tests.helpers import site_line, sites_csv
from tests.model.sync_world import inspect
from usecases.services import Services

PW = "enrol-pass"
OWN = "li-ming-own"


@pytest.fixture
def office(tmp_path):
    made = worlds.make_office(tmp_path / "office", PW, sites_csv(tmp_path, [
        site_line("YZ-1"), site_line("YZ-2")]))
    yield made
    made.close()


@pytest.fixture
def laptop(tmp_path):
    made = Services.open(tmp_path / "laptop")
    yield made
    made.close()


@pytest.fixture
def stick(tmp_path, office):
    folder = tmp_path / "stick"
    folder.mkdir()
    office.enrolment.prepare(folder, PW)
    return folder


def test_a_new_laptop_joins_and_gets_its_certificate_with_the_next_bundle(office, laptop,
                                                                          stick, tmp_path):
    offer = laptop.enrolment.read(stick)
    shown = authority.fingerprint_text(authority.trusted_authorities(office.store)[0])
    assert offer.fingerprint == shown and offer.authority_name == "迎泽区创城办"
    assert set(offer.auditors) == {"A07"}  # the office's roster, not its own profile
    profile, summary, request = laptop.enrolment.join(offer, "a07", OWN, stick)
    assert profile.id == profiles.profile_id("A07") and laptop.user == profile
    assert summary.kind == "office" and {s.code for s in laptop.sites.search()} == {"YZ-1",
                                                                                    "YZ-2"}
    assert request.exists() and laptop.credentials.status() == "requested"
    [issued] = office.enrolment.issue_requests(stick, PW)
    assert (issued.staff_no, issued.problem) == ("A07", "") and issued.serial
    assert office.enrolment.issue_requests(stick, PW)[0].problem == "already issued for this key"
    bundle, _ = office.sync.export(stick, PW)
    laptop.sync.import_bundle(bundle)
    assert laptop.credentials.status() == "installed"
    inspect(laptop, "YZ-1", tmp_path, ["ZCGD-01"])
    work, _ = laptop.sync.export(stick, OWN)  # signed with A07's own key and password
    assert office.sync.import_bundle(work).counts["new"] >= 1  # the office takes A07's work


def test_another_authoritys_certificate_on_the_stick_is_refused(office, laptop, stick,
                                                                tmp_path):
    stranger = worlds.make_office(tmp_path / "stranger", PW, sites_csv(
        tmp_path, [site_line("XD-1")], name="other.csv"), name="小店区创城办")
    try:
        (stick / enrolment.AUTHORITY_FILE).write_bytes(
            stranger.credentials.authority_certificate())
    finally:
        stranger.close()
    with pytest.raises(InputFileError, match="no office bundle of this authority"):
        laptop.enrolment.read(stick)
    assert authority.trusted_authorities(laptop.store) == []


def test_a_bundle_swapped_under_the_office_certificate_is_refused(office, laptop, stick,
                                                                  tmp_path):
    [bundle] = stick.glob(f"*{bundle_format.SUFFIX}")
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    bundle.write_bytes(bytes(data))
    with pytest.raises(InputFileError):
        laptop.enrolment.read(stick)
    assert authority.trusted_authorities(laptop.store) == []


def test_join_refuses_an_unknown_auditor_and_a_laptop_in_use(office, laptop, stick, tmp_path):
    offer = laptop.enrolment.read(stick)
    with pytest.raises(InputFileError, match="no auditor A99"):
        laptop.enrolment.join(offer, "A99", OWN, stick)
    assert laptop.people.all() == [] and authority.trusted_authorities(laptop.store) == []
    used = Services.open(tmp_path / "used")
    try:
        used.people.create("赵六", "L00", Role.OFFICE, OWN, "")
        with pytest.raises(ValidationError, match="new laptop"):
            used.enrolment.join(offer, "A07", OWN, stick)
    finally:
        used.close()


def test_the_office_issues_only_its_own_auditors_requests(office, laptop, stick, tmp_path):
    other = Services.open(tmp_path / "other")
    try:
        other.people.create("王五", "O09", Role.OFFICE, OWN, "")
        other.login("O09", OWN)
        (stick / "civicaudit-request-O09.csr").write_bytes(other.credentials.request(OWN))
    finally:
        other.close()
    (stick / "civicaudit-request-BAD.csr").write_bytes(b"not a request")
    found = {i.file: i.problem for i in office.enrolment.issue_requests(stick, PW)}
    assert found == {"civicaudit-request-BAD.csr": "not a certificate request",
                     "civicaudit-request-O09.csr": "O09 is not an auditor of this office's "
                                                   "roster"}


def test_a_request_in_an_enrolled_colleagues_name_is_not_issued(office, laptop, stick,
                                                                tmp_path):
    offer = laptop.enrolment.read(stick)
    laptop.enrolment.join(offer, "A07", OWN, stick)
    office.enrolment.issue_requests(stick, PW)  # A07 is enrolled
    insider = Services.open(tmp_path / "insider")
    try:  # his own store, a profile with A07's staff number, a key of his own
        insider.people.create("冒名", "A07", Role.OFFICE, OWN, "")
        insider.login("A07", OWN)
        (stick / "civicaudit-request-A07.csr").write_bytes(insider.credentials.request(OWN))
    finally:
        insider.close()
    [refused] = office.enrolment.issue_requests(stick, PW)
    assert refused.serial == "" and "already holds certificate" in refused.problem
