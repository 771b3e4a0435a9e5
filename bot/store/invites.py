"""Invites: single-use pairing codes, of which only a hash is kept."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col

from bot.store.models import Invite

INVITE_LIFETIME = timedelta(days=7)


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def replace_invite(*, session: Session, inviter_id: int, code: str, now: datetime) -> Invite:
    """Store a new invite for this person; their earlier unused invites stop working."""
    void_invites(session=session, people=[inviter_id])
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


def void_invites(*, session: Session, people: list[int]) -> None:
    """Every unused invite of these people stops working (at pairing: an old link must not
    come back to life after a later /unpair)."""
    session.execute(
        delete(Invite).where(col(Invite.inviter_id).in_(people), Invite.used_at.is_(None))
    )
