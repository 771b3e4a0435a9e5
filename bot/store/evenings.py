"""Queries for the evening nudge: each person's next nudge time, who is due, and claiming them.

A claim is an UPDATE guarded by the value the claimer read, so two bot processes on one
PostgreSQL database (or two ticks in one) never both own the same person's evening.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfoNotFoundError

from sqlalchemy import update
from sqlmodel import Session, select

from bot.store.models import Couple, User
from rituals import schedule


@dataclass(frozen=True)
class Due:
    """A person whose nudge time has come, as the tick read them."""

    user_id: int
    due_at: datetime


def nudge_time_of(user: User) -> time:
    """The person's chosen local time, or the default evening minute."""
    if user.nudge_time:
        parsed = schedule.parse_local_time(user.nudge_time)
        if parsed is not None:
            return parsed
    return schedule.DEFAULT_NUDGE_TIME


def next_for(user: User, after: datetime) -> datetime | None:
    """The person's first nudge at or after `after` (UTC), or None when they get none."""
    if user.nudges_off or not user.timezone:
        return None
    try:
        return schedule.next_nudge_at(nudge_time_of(user), user.timezone, after)
    except (ZoneInfoNotFoundError, ValueError):
        return None  # a zone this machine no longer knows: no nudge rather than a crash


def reschedule(*, session: Session, user: User, now: datetime) -> datetime | None:
    """Recompute the person's next nudge after a change of zone, time or pairing."""
    user.next_nudge_at = next_for(user, now)
    session.add(user)
    return user.next_nudge_at


def due(*, session: Session, now: datetime, limit: int) -> list[Due]:
    """Up to `limit` people whose next nudge is at or before `now`, the longest waiting first."""
    rows = session.exec(
        select(User.id, User.next_nudge_at)
        .where(User.next_nudge_at.is_not(None), User.next_nudge_at <= now)
        .order_by(User.next_nudge_at, User.id)
        .limit(limit)
    ).all()
    return [Due(user_id, due_at) for user_id, due_at in rows]


def claim(
    *, session: Session, item: Due, next_at: datetime | None, nudged_at: datetime | None = None
) -> bool:
    """Move the person's nudge on to `next_at`; True only for the one claimer that did.

    With `nudged_at`, the same UPDATE records that tonight's nudge is being sent.
    """
    values: dict = {"next_nudge_at": next_at}
    if nudged_at is not None:
        values["nudged_at"] = nudged_at
    result = session.execute(
        update(User)
        .where(User.id == item.user_id, User.next_nudge_at == item.due_at)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def clear_nudged(*, session: Session, user_id: int) -> None:
    """The person declined tonight's nudge: a later message of theirs is not its answer."""
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(nudged_at=None)
        .execution_options(synchronize_session=False)
    )


def following(user: User, item: Due, now: datetime) -> datetime | None:
    """The nudge after the one being claimed: strictly later than both it and now."""
    return next_for(user, max(now, item.due_at) + timedelta(seconds=1))


@dataclass(frozen=True)
class Household:
    """A due person with their partner and couple, loaded together for a batch."""

    user: User
    partner: User | None
    couple: Couple | None


def households(*, session: Session, user_ids: list[int]) -> dict[int, Household]:
    """Each person with partner and couple, in three queries however many are due."""
    users = {u.id: u for u in session.exec(select(User).where(User.id.in_(user_ids)))}
    couple_ids = {u.couple_id for u in users.values() if u.couple_id is not None}
    couples = {c.id: c for c in session.exec(select(Couple).where(Couple.id.in_(couple_ids)))}
    members: dict[int, list[User]] = {}
    for member in session.exec(select(User).where(User.couple_id.in_(couple_ids))):
        members.setdefault(member.couple_id, []).append(member)
    return {
        uid: Household(
            user=user,
            partner=next((m for m in members.get(user.couple_id, []) if m.id != uid), None),
            couple=couples.get(user.couple_id),
        )
        for uid, user in users.items()
    }
