"""Forgetting a person: their row goes, and the database's foreign keys take the rest.

Cascades (ON DELETE CASCADE, enforced with SQLite's foreign_keys pragma): the entries
they wrote and every delivery of those words, the deliveries owed to them, their
invites and their open ritual. Their couple ends, its time-out cleared.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import Session

from bot.store import couples, people
from bot.store.models import Couple, User


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
