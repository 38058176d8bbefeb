import uuid

from model.store.ids import new_id, new_ids


def test_ids_are_uuid_version_7_with_the_rfc_variant():
    value = uuid.UUID(new_id())
    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_ids_sort_in_creation_order_and_never_repeat():
    ids = [new_id() for _ in range(20_000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)



def test_ids_made_many_at_once_are_ids_made_one_by_one():
    ids = [new_id(), *new_ids(5_000), new_id(), *new_ids(1), *new_ids(0)]
    assert len(ids) == 5_003
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 7 and str(uuid.UUID(i)) == i for i in ids)
