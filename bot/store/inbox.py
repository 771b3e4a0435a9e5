"""The inbox: every update is a row before it is handled, and is handled once.

Rows are keyed by Telegram's `update_id`, so a second delivery of an update is a no-op.
A person's updates form a lane: only the lane's oldest pending row can be leased, so one
person's updates are handled one at a time and in order, by whichever process leases it
(a guarded UPDATE, the same on SQLite and PostgreSQL). A row is done in the same
transaction as the state its handler changed (bot/context.py), so a crash either leaves
it pending (handled again, as if for the first time) or done (never again).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable, Sequence

from sqlalchemy import bindparam, delete, func, or_, select, text, update
from sqlalchemy.engine import Connection

from bot.store.models import PENDING_SQL, InboxUpdate

LEASE = timedelta(seconds=30)
KEEP_DONE = timedelta(days=1)
INBOX = InboxUpdate.__table__
C = INBOX.c


def _pending(table=INBOX):
    """`state = 'pending'` written out, so SQLite reads the pending rows through the
    queue's partial index (a bound parameter would not match it)."""
    return text(PENDING_SQL.replace("state", f"{table.name}.state", 1))


@dataclass(frozen=True)
class Arrival:
    """An update as it came: its id, whose lane it joins, and its JSON."""

    update_id: int
    person_id: int
    payload: str


@dataclass(frozen=True)
class Leased:
    update_id: int
    person_id: int
    payload: str
    attempts: int


_INSERTS: dict = {}  # per dialect, built at first use (SQLite never loads PostgreSQL's)


def _insert_statement(dialect_name: str):
    if dialect_name not in _INSERTS:
        name = "postgresql" if dialect_name == "postgresql" else "sqlite"
        dialect = importlib.import_module(f"sqlalchemy.dialects.{name}")
        _INSERTS[dialect_name] = dialect.insert(INBOX).on_conflict_do_nothing(
            index_elements=["update_id"])
    return _INSERTS[dialect_name]


def add(connection: Connection, arrivals: Sequence[Arrival], now: datetime) -> int:
    """Store the updates; ones already stored are left as they are. Returns how many were new."""
    if not arrivals:
        return 0
    statement = _insert_statement(connection.dialect.name)
    result = connection.execute(statement, [
        {"update_id": a.update_id, "person_id": a.person_id, "payload": a.payload,
         "state": "pending", "attempts": 0, "received_at": now}
        for a in arrivals
    ])
    return max(result.rowcount, 0)


def _free(now: datetime):
    return or_(C.lease_until.is_(None), C.lease_until <= now)


def _lease_ready_statement():
    """Built once: the oldest pending update of each free lane, leased in one UPDATE.
    Pending rows are walked in arrival order through the queue index and the walk stops
    at `room` lanes found, so its cost follows the room, not the backlog."""
    lane, older = INBOX.alias("lane"), INBOX.alias("older")
    now = bindparam("now")
    first_of_lane = ~select(older.c.update_id).where(
        older.c.person_id == lane.c.person_id, older.c.state == "pending",
        older.c.update_id < lane.c.update_id,
    ).exists()
    ready = (
        select(lane.c.update_id)
        .where(_pending(lane),
               or_(lane.c.lease_until.is_(None), lane.c.lease_until <= now), first_of_lane,
               lane.c.person_id.not_in(bindparam("skip", expanding=True)))
        .order_by(lane.c.update_id)
        .limit(bindparam("room"))
    )
    return (
        update(INBOX)
        .where(C.update_id.in_(ready.scalar_subquery()), _pending(),
               or_(C.lease_until.is_(None), C.lease_until <= now))
        .values(lease_until=bindparam("until"), lease_holder=bindparam("holder"),
                attempts=C.attempts + 1)
        .returning(C.update_id, C.person_id, C.payload, C.attempts)
    )


_LEASE_READY = _lease_ready_statement()


def lease_ready(connection: Connection, now: datetime, limit: int, holder: str,
                skip: Iterable[int] = ()) -> list[Leased]:
    """Lease the oldest pending update of up to `limit` people whose lane is free, the
    longest waiting first: one guarded UPDATE ... RETURNING for the whole batch (the
    WHERE is checked again on each row, so two processes never lease the same one)."""
    rows = connection.execute(_LEASE_READY, {
        "now": now, "skip": list(skip), "room": limit, "until": now + LEASE, "holder": holder,
    }).all()
    return sorted((Leased(*row) for row in rows), key=lambda leased: leased.update_id)


_MARK_DONE = (
    update(INBOX)
    .where(C.update_id == bindparam("uid"), C.state == "pending")
    .values(state="done", done_at=bindparam("now"), payload="", lease_until=None,
            lease_holder=None)
)
_STATE = select(C.state).where(C.update_id == bindparam("uid"))


def mark_done(connection: Connection, update_id: int, now: datetime) -> bool:
    """Settle an update as handled; False when it already was (so its work must not repeat).
    The payload goes: the inbox never keeps anyone's words longer than it must."""
    return connection.execute(_MARK_DONE, {"uid": update_id, "now": now}).rowcount == 1


def is_done(connection: Connection, update_id: int) -> bool:
    return connection.execute(_STATE, {"uid": update_id}).scalar() == "done"


def retry_later(connection: Connection, update_id: int, not_before: datetime) -> None:
    """Handling failed for a passing reason (the database, the network): try again later.
    The lease doubles as the wait, so the lane stays in order meanwhile."""
    connection.execute(
        update(INBOX)
        .where(C.update_id == update_id, C.state == "pending")
        .values(lease_until=not_before, lease_holder=None)
    )


def release_leases_of(connection: Connection, holders: Sequence[str]) -> int:
    """Free the leases of holders known to be gone (a killed process on this machine)."""
    if not holders:
        return 0
    return connection.execute(
        update(INBOX)
        .where(_pending(), C.lease_holder.in_(list(holders)))
        .values(lease_until=None, lease_holder=None)
    ).rowcount


def holders(connection: Connection) -> list[str]:
    """Who holds leases on pending rows (through the queue index: cheap to ask often)."""
    return list(connection.execute(
        select(C.lease_holder).where(_pending(), C.lease_holder.is_not(None)).distinct()
    ).scalars())


def prune(connection: Connection, now: datetime) -> int:
    """Delete done rows older than a day."""
    return connection.execute(
        delete(INBOX).where(C.state == "done", C.done_at < now - KEEP_DONE)
    ).rowcount


def forget_person(connection: Connection, person_id: int) -> None:
    """/forget: the person's updates leave the inbox too (pending ones included)."""
    connection.execute(delete(INBOX).where(C.person_id == person_id))


@dataclass(frozen=True)
class Depth:
    pending: int
    oldest: datetime | None


def depth(connection: Connection) -> Depth:
    pending, oldest = connection.execute(
        select(func.count(), func.min(C.received_at)).where(_pending())
    ).one()
    return Depth(pending, oldest)

