"""Paired couples written straight into a database through the project's own models, fast
enough for thousands (bulk inserts): what benchmarks and the PostgreSQL tests start from.

Couple i is two people, A<i> and B<i>, with ids `person_ids(i)`. With `nudge_at` every one
of them is due for their evening nudge at that instant (zone UTC, local time its HH:MM);
without it their nudge is set for a time far from any benchmark window.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from bot.store.db import open_database, session_scope
from bot.store.models import Couple, User

FIRST_ID = 7_000_000_000  # far from any id the tests use
BATCH = 5_000


@dataclass(frozen=True)
class Member:
    id: int
    first_name: str
    partner_id: int
    couple_id: int


def person_ids(index: int) -> tuple[int, int]:
    return FIRST_ID + 2 * index, FIRST_ID + 2 * index + 1


def members(count: int) -> list[Member]:
    """Everyone seeded for `count` couples, each knowing their partner."""
    people = []
    for index in range(count):
        a, b = person_ids(index)
        people.append(Member(a, f"A{index}", b, index + 1))
        people.append(Member(b, f"B{index}", a, index + 1))
    return people


def seed_couples(db_path: Path, count: int, *, nudge_at: datetime | None = None) -> list[Member]:
    """Create the schema (migrations) and `count` paired couples; returns the people."""
    engine = open_database(f"sqlite:///{db_path}")
    try:
        return seed_into(engine, count, nudge_at=nudge_at)
    finally:
        engine.dispose()


def seed_into(engine, count: int, *, nudge_at: datetime | None = None) -> list[Member]:
    """`count` paired couples in an already migrated database (SQLite or PostgreSQL)."""
    now = datetime.now(timezone.utc)
    due = nudge_at or now + timedelta(hours=12)
    people = members(count)
    with session_scope(engine) as session:
        for start in range(0, count, BATCH):
            stop = min(start + BATCH, count)
            session.execute(insert(Couple), [_couple(i + 1, now) for i in range(start, stop)])
            session.execute(insert(User), [_user(m, now, due) for m in people[2 * start:2 * stop]])
    return people


def _couple(couple_id: int, now: datetime) -> dict:
    return {"id": couple_id, "created_at": now}


def _user(member: Member, now: datetime, due: datetime) -> dict:
    return {
        "id": member.id,
        "first_name": member.first_name,
        "couple_id": member.couple_id,
        "timezone": "UTC",
        "nudge_time": due.strftime("%H:%M"),
        "next_nudge_at": due,
        "created_at": now,
    }
