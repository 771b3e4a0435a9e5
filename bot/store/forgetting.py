"""Forgetting a person: their row goes, and the database's foreign keys take the rest.

Cascades (ON DELETE CASCADE, enforced with SQLite's foreign_keys pragma): the entries
they wrote and every delivery of those words, the deliveries owed to them, their
invites and their open ritual. Their couple ends, its time-out cleared.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, exists, or_, select, update
from sqlmodel import Session

from bot.store import couples, people
from bot.store.models import Couple, Entry, User


def forget_person(*, session: Session, user_id: int, now: datetime) -> User | None:
    """Delete everything held about `user_id`; returns the former partner, if any."""
    user = session.get(User, user_id)
    if user is None:
        return None
    partner = people.partner_of(session=session, user=user)
    if user.couple_id is not None:
        couples.unpair(session=session, couple_id=user.couple_id, now=now)
    for column in (Couple.first_member_id, Couple.second_member_id):
        session.execute(update(Couple).where(column == user_id).values({column.key: None}))
    session.flush()
    session.expunge(user)
    session.execute(delete(User).where(User.id == user_id))
    return partner


def former_partners(*, session: Session, user_id: int) -> list[int]:
    """Who shared an earlier, ended thread with the person, still here, where the person's
    words are: their thread loses those words when the person is forgotten."""
    user = session.get(User, user_id)
    current = user.couple_id if user is not None else None
    query = select(Couple.id, Couple.first_member_id, Couple.second_member_id).where(
        or_(Couple.first_member_id == user_id, Couple.second_member_id == user_id),
        exists().where(Entry.couple_id == Couple.id, Entry.author_id == user_id))
    if current is not None:
        query = query.where(Couple.id != current)
    rows = session.execute(query).all()
    others = {second if first == user_id else first for _, first, second in rows}
    others.discard(None)
    others.discard(user_id)
    if not others:
        return []
    return sorted(session.execute(select(User.id).where(User.id.in_(others))).scalars())
