"""Rounds of the rituals both partners answer blind, one row each, changed by guarded UPDATEs.

A transition is read-compute-write: read the state and its version, compute the new state
with rituals/together.py (pure), write it `WHERE version = <the one read>`. When another
update (or process) wrote first, nothing is written and the round is read again, so two
partners answering at the same moment both count and the reveal happens exactly once.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Callable, TypeVar

from sqlalchemy import insert, or_, select, update
from sqlmodel import Session

from bot.store.db import RaceLost
from bot.store.models import Couple, SharedRound
from rituals import together
from rituals.together import Shared

ROUND = SharedRound.__table__
R = ROUND.c
RETRIES = 5
T = TypeVar("T")


@dataclass(frozen=True)
class Round:
    """A round as read: its row's id, couple and number, and its state."""

    id: int
    couple_id: int
    number: int
    state: Shared


def _round(row) -> Round:
    return Round(id=row.id, couple_id=row.couple_id, number=row.number,
                 state=together.from_json(row.state))


def get(session: Session, round_id: int) -> Round | None:
    row = session.execute(select(ROUND).where(R.id == round_id)).first()
    return _round(row) if row else None


def latest(session: Session, couple_id: int, ritual: str) -> Round | None:
    """The couple's newest round of this ritual."""
    row = session.execute(
        select(ROUND).where(R.couple_id == couple_id, R.ritual == ritual)
        .order_by(R.number.desc()).limit(1)
    ).first()
    return _round(row) if row else None


def open_rounds(session: Session, couple_id: int, ritual: str) -> list[Round]:
    """The couple's rounds of this ritual still taking answers, oldest first."""
    rows = session.execute(
        select(ROUND).where(R.couple_id == couple_id, R.ritual == ritual,
                            R.status == together.OPEN).order_by(R.number)
    ).all()
    return [_round(row) for row in rows]


def create(session: Session, couple_id: int, number: int, state: Shared) -> Round | None:
    """Insert round `number` of the couple; None when another update inserted it first."""
    values = dict(couple_id=couple_id, ritual=state.ritual, number=number, topic=state.topic,
                  status=state.status, version=state.version, state=together.to_json(state),
                  opened_at=state.opened_at, closes_at=state.closes_at)
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        module = importlib.import_module(f"sqlalchemy.dialects.{dialect}")  # only the one in use
        statement = module.insert(ROUND).values(**values).on_conflict_do_nothing()
    else:
        statement = insert(ROUND).values(**values)
    if session.execute(statement).rowcount != 1:
        return None
    row = session.execute(
        select(ROUND).where(R.couple_id == couple_id, R.ritual == state.ritual, R.number == number)
    ).one()
    return _round(row)


def transition(session: Session, round_id: int,
               change: Callable[[Shared], tuple[Shared, T]]) -> tuple[Round, T]:
    """Apply `change` to the round's state, guarded by its version; retried when another
    writer came first. Returns the round as written and what `change` said."""
    for _ in range(RETRIES):
        current = get(session, round_id)
        if current is None:
            raise LookupError(f"no shared round {round_id}")
        new, said = change(current.state)
        if new is current.state:
            return current, said
        written = session.execute(
            update(ROUND)
            .where(R.id == round_id, R.version == current.state.version)
            .values(state=together.to_json(new), version=new.version, status=new.status,
                    closes_at=new.closes_at)
        ).rowcount
        if written == 1:
            return replace(current, state=new), said
    raise RaceLost(f"shared round {round_id} kept changing under us")


def due_to_close(session: Session, now: datetime, limit: int = 100) -> list[int]:
    """Rounds still open whose lifetime is over."""
    return list(session.execute(
        select(R.id).where(R.status == together.OPEN, R.closes_at <= now)
        .order_by(R.closes_at).limit(limit)
    ).scalars())


def of_person(session: Session, person_id: int, couple_id: int | None) -> list[Round]:
    """Every round of every couple the person is or was part of."""
    former = select(Couple.id).where(
        or_(Couple.first_member_id == person_id, Couple.second_member_id == person_id))
    condition = R.couple_id.in_(former)
    if couple_id is not None:
        condition = or_(condition, R.couple_id == couple_id)
    rows = session.execute(select(ROUND).where(condition).order_by(R.id)).all()
    return [r for r in map(_round, rows) if person_id in r.state.people]


def topics(session: Session, round_ids: set[int]) -> dict[int, str]:
    """What each round asked (for the thread's headings)."""
    if not round_ids:
        return {}
    return dict(session.execute(select(R.id, R.topic).where(R.id.in_(round_ids))).all())
