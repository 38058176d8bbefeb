import pytest

from model.store import audit


@pytest.fixture
def logged(services):
    """A store with five chained events."""
    with services.store.atomic() as db:
        for n in range(5):
            audit.append(db, None, "test.event", "thing", f"t{n}", {"old": n, "new": n + 1})
    return services.store.db


def _problems(db):
    return audit.verify(db).problems


def test_an_untouched_chain_verifies(logged):
    report = audit.verify(logged)
    assert report.ok and report.events >= 5


def test_a_changed_event_is_detected(logged):
    logged.execute("UPDATE audit_event SET detail = '{\"old\": 0, \"new\": 99}' "
                   "WHERE entity_id = 't2'")
    assert any("altered" in p for p in _problems(logged))


def test_a_changed_actor_is_detected(logged):
    logged.execute("UPDATE audit_event SET actor_id = 'someone-else' WHERE entity_id = 't1'")
    assert any("altered" in p for p in _problems(logged))


def test_a_deleted_event_in_the_middle_is_detected(logged):
    logged.execute("DELETE FROM audit_event WHERE entity_id = 't2'")
    problems = _problems(logged)
    assert any("missing" in p for p in problems)


def test_deleting_the_newest_event_is_detected(logged):
    logged.execute("DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)")
    assert any("newest" in p for p in _problems(logged))


def test_a_rehashed_forgery_still_breaks_the_link_to_the_next_event(logged):
    row = logged.execute("SELECT * FROM audit_event WHERE entity_id = 't1'").fetchone()
    seq, event_id, at, actor, action, entity, entity_id, _detail, prev, _hash = row
    forged = {"old": 0, "new": 42}
    digest = audit.event_hash(seq, event_id, at, actor, action, entity, entity_id, forged, prev)
    logged.execute("UPDATE audit_event SET detail = ?, hash = ? WHERE seq = ?",
                   ['{"new": 42, "old": 0}', digest, seq])
    assert any(f"event {seq + 1} does not follow" in p for p in _problems(logged))
