"""The inbox's queue on a plain database, SQLite and PostgreSQL alike: each free lane's next
update leased in order, and (on SQLite, whose planner can be read) a look that walks the
queue, never the whole backlog."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event

from bot.store import inbox

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=timezone.utc)


def arrive(connection, lanes: int, each: int, first_id: int = 1) -> None:
    """`each` updates from each of `lanes` people, interleaved as they would come."""
    inbox.add(connection, [
        inbox.Arrival(first_id + n, 1000 + n % lanes, "{}") for n in range(lanes * each)
    ], NOW)


def test_each_free_lane_gives_its_oldest_update_oldest_first(engine):
    with engine.begin() as connection:
        arrive(connection, lanes=5, each=3)  # people 1000..1004; ids 1..15
        # Person 1000's oldest is leased by another process; 1001 is in this one's hands.
        taken = inbox.lease_ready(connection, NOW, 1, "other")
        assert [(t.update_id, t.person_id) for t in taken] == [(1, 1000)]
        leased = inbox.lease_ready(connection, NOW, 16, "here", skip=[1001])
    assert [(t.update_id, t.person_id) for t in leased] == [(3, 1002), (4, 1003), (5, 1004)]
    assert all(t.attempts == 1 for t in leased)


def test_a_lane_moves_on_only_when_its_update_is_done_and_room_is_kept(engine):
    with engine.begin() as connection:
        arrive(connection, lanes=4, each=2)  # ids 1..8
        first = inbox.lease_ready(connection, NOW, 2, "here")
        assert [t.update_id for t in first] == [1, 2]
        assert inbox.mark_done(connection, 1, NOW)
        later = inbox.lease_ready(connection, NOW, 16, "here")
    # Person 1000's second update (5) is free now; 1001's (6) waits behind the leased 2.
    assert [t.update_id for t in later] == [3, 4, 5]


def test_an_expired_lease_is_leased_again(engine):
    with engine.begin() as connection:
        arrive(connection, lanes=1, each=2)
        inbox.lease_ready(connection, NOW, 1, "gone")
        assert inbox.lease_ready(connection, NOW + timedelta(seconds=5), 1, "here") == []
        again = inbox.lease_ready(connection, NOW + inbox.LEASE, 1, "here")
    assert [(t.update_id, t.attempts) for t in again] == [(1, 2)]


def plans_of(engine, work) -> dict[str, list[str]]:
    """SQLite's query plan for each statement `work` runs, by its first words."""
    plans: dict[str, list[str]] = {}

    def explain(connection, _cursor, statement, parameters, _context, many) -> None:
        if not many and statement.startswith(("SELECT", "UPDATE")):
            raw = connection.connection.driver_connection
            rows = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans[" ".join(statement.split()[:3])] = [row[3] for row in rows]

    event.listen(engine, "before_cursor_execute", explain)
    try:
        with engine.begin() as connection:
            work(connection)
    finally:
        event.remove(engine, "before_cursor_execute", explain)
    return plans


def test_the_look_for_work_walks_the_queue_not_the_backlog(engine):
    """Before, the lease read every pending row through an index on `state` and sorted them
    (2.5 ms with 2,000 waiting, 32 ms with 20,000, on the event loop after every update)."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the plan is read from SQLite; PostgreSQL plans from its statistics")
    with engine.begin() as connection:
        arrive(connection, lanes=40, each=5)

    def look(connection) -> None:
        inbox.lease_ready(connection, NOW, 16, "here", skip=[1000])
        inbox.holders(connection)
        inbox.depth(connection)

    plans = plans_of(engine, look)
    lease = plans["UPDATE inbox SET"]
    assert "SCAN lane USING INDEX ix_inbox_queue" in lease  # in arrival order, stops at room
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in lease)
    assert not any("(state=?)" in step for step in lease)
    assert any("sqlite_autoindex_inbox_1 (update_id=?)" in step for step in lease)
    for statement, plan in plans.items():
        assert any("ix_inbox_queue" in step for step in plan), (statement, plan)
