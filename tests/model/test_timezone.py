"""The office's time zone setting: office only, checked, audited, adopted on opening."""

from __future__ import annotations

import pytest

from model.errors import PermissionDeniedError, ValidationError
from model.store import audit, clock, timezone
from usecases.services import Services


def test_the_default_is_beijing_time(services):
    assert services.office.zone() == "Asia/Shanghai" == clock.zone().key


def test_the_office_sets_it_and_the_audit_log_says_so(office):
    assert office.office.set_zone("Asia/Urumqi") == "Asia/Urumqi"
    assert office.office.zone() == "Asia/Urumqi" == clock.zone().key
    [event] = [e for e in audit.events(office.store.db) if e.action == "setting.time_zone"]
    assert event.detail == {"old": "Asia/Shanghai", "new": "Asia/Urumqi"}
    assert event.actor_id == office.user.id
    office.office.set_zone("Asia/Urumqi")  # the same again is no new event
    assert len([e for e in audit.events(office.store.db)
                if e.action == "setting.time_zone"]) == 1
    assert audit.verify(office.store.db).ok


def test_an_auditor_may_not_set_it(auditor_services):
    with pytest.raises(PermissionDeniedError):
        auditor_services.office.set_zone("Asia/Urumqi")
    assert auditor_services.office.zone() == "Asia/Shanghai"


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "beijing"])
def test_an_unknown_zone_is_refused_naming_it(office, name):
    with pytest.raises(ValidationError, match="is not a time zone") as refused:
        office.office.set_zone(name)
    assert repr(name) in str(refused.value)
    assert office.office.zone() == "Asia/Shanghai"


def test_a_bundle_brings_it_without_a_sign_in_and_opening_adopts_it(services, data_dir):
    assert timezone.apply_office_zone(services.store, "Asia/Urumqi") == "Asia/Urumqi"
    [event] = [e for e in audit.events(services.store.db) if e.action == "setting.time_zone"]
    assert event.actor_id is None
    with pytest.raises(ValidationError):
        timezone.apply_office_zone(services.store, "Mars/Olympus")
    clock.set_zone(clock.DEFAULT_ZONE)
    reopened = Services.open(data_dir)
    try:
        assert clock.zone().key == "Asia/Urumqi"
    finally:
        reopened.close()


def test_a_stored_zone_this_computer_lacks_leaves_beijing_time(services):
    services.store.set_setting(timezone.SETTING, "Atlantis/Poseidonia")
    assert timezone.adopt(services.store) == "Asia/Shanghai" == clock.zone().key
