"""Time-outs on the couple row, as explicit states, each change a guarded UPDATE.

on      paused_by set, paused_until set: the couple's words are held.
ending  paused_until cleared (the end is claimed, once, across processes) and the end
        notices queued in the same transaction; the words are still held.
over    paused_by cleared, only once no end notice is still pending: the held words
        can never overtake "{name} is back".
Each time-out has a number (pause_seq), so a button names the one that offered it.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, or_, select, update
from sqlmodel import Session

from bot.store.models import Couple, Delivery, User

COUPLE = Couple.__table__.c
END_NOTICE = "pause_end"  # the kind of the outbox rows that announce the end


def start_pause(*, session: Session, couple: Couple, by: int, minutes: int,
                now: datetime) -> datetime | None:
    """Start a time-out unless one is on; the new end, or None when one already runs."""
    until = now + timedelta(minutes=minutes)
    won = session.execute(
        update(Couple.__table__)
        .where(COUPLE.id == couple.id, COUPLE.paused_by.is_(None))
        .values(paused_by=by, paused_until=until, pause_seq=COUPLE.pause_seq + 1,
                pause_ended_at=None)
    ).rowcount == 1
    session.refresh(couple)
    return until if won else None


def extend(*, session: Session, couple: Couple, by: int, seq: int, minutes: int,
           now: datetime) -> datetime | None:
    """More time, from the one who paused, for the time-out `seq` only: while it ends
    (or just ended) it starts again until now + minutes. None when that isn't so."""
    until = now + timedelta(minutes=minutes)
    won = session.execute(
        update(Couple.__table__)
        .where(COUPLE.id == couple.id, COUPLE.pause_seq == seq,
               or_(COUPLE.paused_by == by, COUPLE.paused_by.is_(None)),
               COUPLE.pause_ended_at.is_not(None),
               COUPLE.pause_ended_at > now - MORE_TIME_WINDOW)
        .values(paused_by=by, paused_until=until, pause_ended_at=None)
    ).rowcount == 1
    session.refresh(couple)
    return until if won else None


# "I need more time" works while the end is fresh; hours later it has expired.
MORE_TIME_WINDOW = timedelta(minutes=30)


def is_paused(couple: Couple | None) -> bool:
    return couple is not None and couple.paused_by is not None


def any_running(*, session: Session) -> bool:
    """Is any couple in a time-out (running or ending)? Most seconds, none is."""
    return session.execute(
        select(COUPLE.id).where(COUPLE.paused_by.is_not(None)).limit(1)).first() is not None


def due_to_end(*, session: Session, now: datetime, limit: int = 100) -> list[tuple[int, datetime]]:
    """(couple id, planned end) of time-outs whose time has come."""
    return list(session.execute(
        select(COUPLE.id, COUPLE.paused_until)
        .where(COUPLE.paused_by.is_not(None), COUPLE.paused_until <= now)
        .limit(limit)
    ).all())


WARN_BEFORE = timedelta(minutes=5)


def ending_soon(*, session: Session, now: datetime, limit: int = 100) -> list[tuple[int, datetime]]:
    """(couple id, planned end) of time-outs ending within five minutes whose partners
    were not yet told so."""
    return list(session.execute(
        select(COUPLE.id, COUPLE.paused_until)
        .where(COUPLE.paused_by.is_not(None), COUPLE.paused_until > now,
               COUPLE.paused_until <= now + WARN_BEFORE, _not_warned_of(COUPLE.paused_until))
        .limit(limit)
    ).all())


def claim_warning(*, session: Session, couple_id: int, until: datetime) -> bool:
    """Take the five-minute word for this end; False when it was taken (by another tick,
    another process) or the end moved meanwhile."""
    return session.execute(
        update(Couple.__table__)
        .where(COUPLE.id == couple_id, COUPLE.paused_until == until,
               COUPLE.paused_by.is_not(None), _not_warned_of(until))
        .values(pause_warned_until=until)
    ).rowcount == 1


def _not_warned_of(until):
    return or_(COUPLE.pause_warned_until.is_(None), COUPLE.pause_warned_until != until)


def claim_end(*, session: Session, couple_id: int, until: datetime, now: datetime) -> bool:
    """Take the end of this time-out for ourselves; False when someone else already did."""
    return session.execute(
        update(Couple.__table__)
        .where(COUPLE.id == couple_id, COUPLE.paused_until == until,
               COUPLE.paused_by.is_not(None))
        .values(paused_until=None, pause_ended_at=now)
    ).rowcount == 1


def release_told(*, session: Session) -> int:
    """End every time-out that is ending and whose end notices have all gone out."""
    reachable = select(User.id).where(User.blocked_at.is_(None))
    notice_pending = exists().where(
        Delivery.couple_id == COUPLE.id, Delivery.kind == END_NOTICE,
        Delivery.status == "pending", Delivery.recipient_id.in_(reachable))
    return session.execute(
        update(Couple.__table__)
        .where(COUPLE.paused_by.is_not(None), COUPLE.paused_until.is_(None), ~notice_pending)
        .values(paused_by=None)
        .execution_options(synchronize_session=False)
    ).rowcount
