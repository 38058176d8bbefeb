"""Roll-up tallies kept in bulk while one transaction rewrites many inspections' results.

``result_tally``, ``inspection_tally`` and the month-sized tallies (``month_tally``,
``criterion_tally``, ``inspection_group_tally``) are kept exact by triggers on ``result``
(migrations 2, 4 and 13), one row at a time: right for an auditor's edits, but during
an import of tens of thousands of results the triggers cost more than the writes.
:func:`bulk` takes them off inside the caller's transaction and does their work
set-based instead:

1. before an inspection's results are first written, :meth:`BulkTallies.touch`
   subtracts their present contribution from every tally (a GROUP BY over them) and,
   the first time, drops the tally triggers (their SQL read from ``sqlite_master``
   and kept, so the schema is never restated here);
2. the caller writes, deletes and updates the results of touched inspections only;
3. on leaving the block the contributions of every touched inspection are added back
   with one GROUP BY each, and the triggers are re-created from the kept SQL.

SQLite's DDL is transactional, so an error or a kill before the commit rolls back the
dropped triggers together with the tallies and the results. The tables come out equal
to what the triggers give, row for row: a subtraction leaves a row at ``n = 0`` as the
triggers' ``UPDATE … SET n = n - 1`` does, and an addition inserts or adds as their
upsert does.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

from model.store.schema_v01 import TALLY_KEY
from model.store.schema_v13 import MONTH_TALLIES

INSPECTION_KEY = ("inspection_id", "outcome", "bucket")
_TRIGGERS = ("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'result'"
             " AND name LIKE '%\\_tally\\_%' ESCAPE '\\' ORDER BY rowid")


def _contribution(key: tuple[str, ...], where: str) -> str:
    """The GROUP BY of the results matching ``where`` into a tally's key, ``n`` and
    ``instances`` (as the migrations' first fill of the tables counts them)."""
    columns = ", ".join("min(instances, 3) AS bucket" if c == "bucket" else c for c in key)
    groups = ", ".join(str(i) for i in range(1, len(key) + 1))
    return (f"SELECT {columns}, count(*) AS n, sum(instances) AS instances FROM result "
            f"WHERE {where} GROUP BY {groups}")


def _subtract(table: str, key: tuple[str, ...], where: str) -> str:
    match = " AND ".join(f"{table}.{c} = s.{c}" for c in key)
    return (f"UPDATE {table} SET n = {table}.n - s.n, instances = {table}.instances - "
            f"s.instances FROM ({_contribution(key, where)}) AS s WHERE {match}")


def _add(table: str, key: tuple[str, ...], where: str) -> str:
    columns = ", ".join(key)
    return (f"INSERT INTO {table} ({columns}, n, instances) {_contribution(key, where)} "
            f"ON CONFLICT ({columns}) DO UPDATE SET n = n + excluded.n, "
            "instances = instances + excluded.instances")


_ONE = "inspection_id = ?"
_SOME = "inspection_id IN (SELECT value FROM json_each(?))"
_TABLES = (("result_tally", TALLY_KEY), ("inspection_tally", INSPECTION_KEY), *MONTH_TALLIES)
_SUBTRACT_ONE = tuple(_subtract(table, key, _ONE) for table, key in _TABLES)
_ADD_SOME = tuple(_add(table, key, _SOME) for table, key in _TABLES)


class BulkTallies:
    """The tallies of one transaction's result writes, done set-based (see the module
    text); made by :func:`bulk`."""

    def __init__(self, conn):
        self._conn = conn
        self._touched: dict[str, None] = {}  # inspections whose results may change
        self._triggers: list[tuple[str, str]] | None = None  # (name, sql), once dropped

    def touch(self, inspection_id: str) -> None:
        """Call before the first write to an inspection's results in this transaction."""
        if inspection_id in self._touched:
            return  # its old contribution is out already; its final one goes back at the end
        if self._triggers is None:
            self._take_triggers_off()
        for sql in _SUBTRACT_ONE:
            self._conn.execute(sql, [inspection_id])
        self._touched[inspection_id] = None

    def _take_triggers_off(self) -> None:
        self._triggers = _drop_triggers(self._conn)

    def _finish(self) -> None:
        """Add back what the touched inspections' results count now; restore the triggers."""
        if self._triggers is None:
            return
        touched = json.dumps(list(self._touched))
        for sql in _ADD_SOME:
            self._conn.execute(sql, [touched])
        for _name, sql in self._triggers:
            self._conn.execute(sql)


def _drop_triggers(conn) -> list[tuple[str, str]]:
    """Drop the tally triggers on ``result``; return their (name, SQL) to re-create them."""
    triggers = conn.execute(_TRIGGERS).fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    return triggers


@contextlib.contextmanager
def bulk(db) -> Iterator[BulkTallies]:
    """Keep the tallies set-based for the block; ``db`` (a sqlite-utils Database) must be in
    a transaction that an error rolls back whole (``Store.atomic``)."""
    conn = db.conn
    if not conn.in_transaction:
        raise RuntimeError("tallies.bulk needs the caller's transaction")
    tallies = BulkTallies(conn)
    yield tallies  # on an error nothing is restored here: the rollback restores everything
    tallies._finish()


@contextlib.contextmanager
def loading(db) -> Iterator[None]:
    """Fill a store's results in bulk with the tally triggers off; at the end of the block
    both tallies are counted afresh from every result and the triggers come back.

    For building a whole store at once (``bench/province_world.py``'s 14 million results),
    where even :func:`bulk`'s per-inspection bookkeeping costs more than one GROUP BY over
    everything. The same transaction rule as :func:`bulk`: an error rolls back all of it.
    """
    conn = db.conn
    if not conn.in_transaction:
        raise RuntimeError("tallies.loading needs the caller's transaction")
    triggers = _drop_triggers(conn)
    yield
    for table, key in _TABLES:
        conn.execute(f"DELETE FROM {table}")
        conn.execute(_add(table, key, "1"))
    for _name, sql in triggers:
        conn.execute(sql)
