"""Couples: pairing two people and ending it, each a guarded change safe against a race."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from bot.store.db import RaceLost
from bot.store.invites import void_invites
from bot.store.models import Couple, Invite, User


def pair(*, session: Session, inviter: User, invitee: User, invite: Invite,
         now: datetime) -> Couple | None:
    """Make the two a couple and spend the invite, in the caller's transaction.

    Guarded: the invite is spent and both people are claimed only if each is still
    unused and single, so two racing pairings can't both win (None for the loser).
    """
    spent = session.execute(
        update(Invite)
        .where(Invite.code_hash == invite.code_hash, Invite.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        return None
    couple = Couple(created_at=now, first_member_id=inviter.id, second_member_id=invitee.id)
    session.add(couple)
    session.flush()
    claimed = session.execute(
        update(User)
        .where(User.id.in_([inviter.id, invitee.id]), User.couple_id.is_(None))
        .values(couple_id=couple.id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 2:
        raise RaceLost("one of the two paired with someone else a moment ago")
    inviter.couple_id = invitee.couple_id = couple.id
    void_invites(session=session, people=[inviter.id, invitee.id])
    return couple


def unpair(*, session: Session, couple_id: int, now: datetime) -> list[User]:
    """End the pairing; the thread stays with the couple row. Returns the former members
    (none when it had already ended: a second tap or a racing update changes nothing)."""
    members = list(session.exec(select(User).where(User.couple_id == couple_id)))
    for member in members:
        member.couple_id = None
    couple = session.get(Couple, couple_id)
    if couple is not None and members:
        couple.ended_at = now
        couple.paused_until = None
        couple.paused_by = None
    return members
