"""Queries on people, couples and invites. Keyword-only, each taking the open session."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlmodel import Session, select

from bot.store.models import Couple, Invite, User

INVITE_LIFETIME = timedelta(days=7)


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def upsert_user(*, session: Session, user_id: int, first_name: str, now: datetime) -> User:
    """The person's row, created on first contact; their name kept current, a block lifted."""
    user = session.get(User, user_id)
    if user is None:
        user = User(id=user_id, first_name=first_name[:128], created_at=now)
        session.add(user)
    else:
        if user.first_name != first_name[:128]:
            user.first_name = first_name[:128]
        if user.blocked_at is not None:
            user.blocked_at = None  # writing to us again means they unblocked the bot
    return user


def partner_of(*, session: Session, user: User) -> User | None:
    """The other member of the user's couple, if they are paired."""
    if user.couple_id is None:
        return None
    return session.exec(
        select(User).where(User.couple_id == user.couple_id, User.id != user.id)
    ).first()


def replace_invite(*, session: Session, inviter_id: int, code: str, now: datetime) -> Invite:
    """Store a new invite for this person; their earlier unused invites stop working."""
    for old in session.exec(
        select(Invite).where(Invite.inviter_id == inviter_id, Invite.used_at.is_(None))
    ):
        session.delete(old)
    invite = Invite(
        code_hash=hash_code(code),
        inviter_id=inviter_id,
        created_at=now,
        expires_at=now + INVITE_LIFETIME,
    )
    session.add(invite)
    return invite


def find_invite(*, session: Session, code: str) -> Invite | None:
    return session.get(Invite, hash_code(code))


def pair(*, session: Session, inviter: User, invitee: User, invite: Invite, now: datetime) -> Couple:
    """Make the two a couple and spend the invite, in the caller's transaction."""
    couple = Couple(created_at=now, first_member_id=inviter.id, second_member_id=invitee.id)
    session.add(couple)
    session.flush()
    inviter.couple_id = couple.id
    invitee.couple_id = couple.id
    invite.used_at = now
    return couple


def unpair(*, session: Session, couple_id: int, now: datetime) -> list[User]:
    """End the pairing; the thread stays with the couple row. Returns the former members."""
    members = list(session.exec(select(User).where(User.couple_id == couple_id)))
    for member in members:
        member.couple_id = None
    couple = session.get(Couple, couple_id)
    if couple is not None:
        couple.ended_at = now
        couple.paused_until = None
        couple.paused_by = None
    return members
