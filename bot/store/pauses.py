"""Time-outs on the couple row: start, extend, and end exactly once (also across processes).

A pause is on while `paused_by` is set. Ending it is two steps: claim the end (clear
`paused_until`, guarded) and, once both partners were told, release the held words
(clear `paused_by`). A crash between the two leaves a row the next tick finishes.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, select

from bot.store.models import Couple


def start_pause(*, session: Session, couple: Couple, by: int, minutes: int, now: datetime) -> datetime:
    couple.paused_by = by
    couple.paused_until = now + timedelta(minutes=minutes)
    return couple.paused_until


def is_paused(couple: Couple | None) -> bool:
    return couple is not None and couple.paused_by is not None


def due_to_end(*, session: Session, now: datetime, limit: int = 100) -> list[Couple]:
    """Pauses whose time has come, and ends a crash left half-done."""
    return list(session.exec(
        select(Couple)
        .where(Couple.paused_by.is_not(None))
        .where(or_(Couple.paused_until.is_(None), Couple.paused_until <= now))
        .limit(limit)
    ).all())


def claim_end(*, session: Session, couple_id: int, until: datetime | None) -> bool:
    """Take the end of this pause for ourselves; False when someone else already did."""
    if until is None:
        return False  # the end was claimed before a crash: only the release is left
    result = session.execute(
        update(Couple)
        .where(Couple.id == couple_id, Couple.paused_until == until, Couple.paused_by.is_not(None))
        .values(paused_until=None)
    )
    return result.rowcount == 1


def release(*, session: Session, couple_id: int) -> None:
    """Let the held words go: the pause is over."""
    session.execute(
        update(Couple)
        .where(Couple.id == couple_id, Couple.paused_until.is_(None))
        .values(paused_by=None)
    )
