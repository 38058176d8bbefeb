import pytest

from model.errors import (
    LockedError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from model.inspections.inspections import Outcome, Status
from model.people.profiles import Role
from model.store import audit
from tests.conftest import PASSWORD
from tests.helpers import site_line, sites_csv
from usecases.services import Services


@pytest.fixture
def inspecting(auditor_services, tmp_path):
    """An auditor signed in with one in-progress inspection of a ZCGD site."""
    services = auditor_services
    services.login("O01", PASSWORD)
    services.sites.import_csv(sites_csv(tmp_path, [site_line("YZ-1")]))
    services.login("A07", PASSWORD)
    inspection = services.inspections.start("YZ-1")
    return services, inspection.id


def test_a_new_inspection_lists_every_criterion_of_its_site_type(inspecting):
    services, inspection_id = inspecting
    detail = services.inspections.detail(inspection_id)
    codes = [line.criterion.code for line in detail.lines]
    assert codes and all(code.startswith("ZCGD-") for code in codes)
    assert all(line.result is None for line in detail.lines)
    assert detail.inspection.status is Status.IN_PROGRESS
    assert detail.rates.pass_rate is None


def test_each_result_is_stored_at_once(inspecting, data_dir):
    services, inspection_id = inspecting
    services.inspections.record(inspection_id, "ZCGD-06", "fail", 2, "北门处", "烟头")
    other = Services.open(data_dir)  # a second connection, as after a crash and restart
    stored = other.inspections.detail(inspection_id)
    line = next(x for x in stored.lines if x.criterion.code == "ZCGD-06")
    assert (line.result.outcome, line.result.instances, line.result.location) == (
        Outcome.FAIL, 2, "北门处")
    other.close()


def test_every_change_is_audited_with_old_and_new(inspecting):
    services, inspection_id = inspecting
    services.inspections.record(inspection_id, "ZCGD-06", "pass")
    services.inspections.record(inspection_id, "ZCGD-06", "fail", 3, "东侧")
    services.inspections.clear(inspection_id, "ZCGD-06")
    events = [e for e in audit.events(services.store.db, inspection_id)
              if e.action.startswith("result.")]
    assert [(e.detail["old"] or {}).get("outcome") for e in events] == [None, "pass", "fail"]
    assert [(e.detail["new"] or {}).get("outcome") for e in events] == ["pass", "fail", None]
    assert all(e.actor_id == services.user.id for e in events)


def test_recording_the_same_result_again_adds_no_event(inspecting):
    services, inspection_id = inspecting
    services.inspections.record(inspection_id, "ZCGD-06", "pass")
    count = len(audit.events(services.store.db))
    services.inspections.record(inspection_id, "ZCGD-06", "pass")
    assert len(audit.events(services.store.db)) == count


def test_finishing_locks_and_reopening_needs_a_reason(inspecting):
    services, inspection_id = inspecting
    services.inspections.record(inspection_id, "ZCGD-06", "pass")
    services.inspections.finish(inspection_id)
    with pytest.raises(LockedError):
        services.inspections.record(inspection_id, "ZCGD-06", "fail")
    with pytest.raises(LockedError):
        services.inspections.clear(inspection_id, "ZCGD-06")
    with pytest.raises(ValidationError, match="reason"):
        services.inspections.reopen(inspection_id, "  ")
    reopened = services.inspections.reopen(inspection_id, "漏记一处问题")
    assert reopened.status is Status.IN_PROGRESS
    reopen_event = audit.events(services.store.db, inspection_id)[-1]
    assert reopen_event.action == "inspection.reopen"
    assert reopen_event.detail["reason"] == "漏记一处问题"
    services.inspections.record(inspection_id, "ZCGD-06", "fail")


def test_only_the_inspections_auditor_may_change_it(inspecting):
    services, inspection_id = inspecting
    services.login("O01", PASSWORD)
    services.people.create("张丽", "A08", Role.AUDITOR, PASSWORD)
    services.login("A08", PASSWORD)
    with pytest.raises(PermissionDeniedError):
        services.inspections.record(inspection_id, "ZCGD-06", "pass")


@pytest.mark.parametrize(("outcome", "instances", "error"), [
    ("maybe", None, ValidationError),
    ("pass", 2, ValidationError),
    ("na", 1, ValidationError),
    ("fail", 0, ValidationError),
    ("fail", 1000, ValidationError),
])
def test_impossible_results_are_refused(inspecting, outcome, instances, error):
    services, inspection_id = inspecting
    with pytest.raises(error):
        services.inspections.record(inspection_id, "ZCGD-06", outcome, instances)
    assert services.inspections.detail(inspection_id).rates.answered == 0


def test_a_fail_without_a_count_is_one_instance(inspecting):
    services, inspection_id = inspecting
    change = services.inspections.record(inspection_id, "ZCGD-06", "fail")
    assert change.new.instances == 1


def test_a_criterion_of_another_site_type_is_refused(inspecting):
    services, inspection_id = inspecting
    with pytest.raises(NotFoundError, match="NMSC-01"):
        services.inspections.record(inspection_id, "NMSC-01", "pass")


def test_list_shows_rates_and_failed_criteria(inspecting):
    services, inspection_id = inspecting
    services.inspections.record(inspection_id, "ZCGD-01", "pass")
    services.inspections.record(inspection_id, "ZCGD-02", "na")
    services.inspections.record(inspection_id, "ZCGD-06", "fail", 1)
    [summary] = services.inspections.listing(site_id="YZ-1")
    assert summary.id == inspection_id
    assert summary.failed_criteria == ("ZCGD-06",)
    assert summary.rates.pass_rate == pytest.approx(0.5)
    assert summary.rates.score_rate == pytest.approx((1 + 0.66) / 2)
    assert services.inspections.listing(month="1999-01") == []
