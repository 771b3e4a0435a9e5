"""The couple's weekly State of the Union time, and claiming each evening once.

Set in the zone of the partner who chose it; the next time is a UTC timestamp, claimed
by an UPDATE guarded by the value read, like the evening nudge (store/evenings.py).
"""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfoNotFoundError

from sqlalchemy import select, update
from sqlmodel import Session

from bot.store.models import Couple
from rituals.schedule import parse_local_time
from rituals.weekly import WeeklyTime, next_weekly_at

COUPLE = Couple.__table__.c


def setting(couple: Couple) -> WeeklyTime | None:
    at = parse_local_time(couple.weekly_time) if couple.weekly_time else None
    return WeeklyTime(couple.weekly_day, at) if couple.weekly_day is not None and at else None


def next_for(couple: Couple, after: datetime) -> datetime | None:
    chosen = setting(couple)
    if chosen is None or not couple.weekly_zone:
        return None
    try:
        return next_weekly_at(chosen.day, chosen.at, couple.weekly_zone, after)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def set_weekly(*, couple: Couple, chosen: WeeklyTime | None, zone: str | None,
               now: datetime) -> datetime | None:
    """Store the day and time (None: off) and when the next preparation comes."""
    couple.weekly_day = chosen.day if chosen else None
    couple.weekly_time = chosen.at.strftime("%H:%M") if chosen else None
    couple.weekly_zone = zone if chosen else None
    couple.next_weekly_at = next_for(couple, now)
    return couple.next_weekly_at


def due(*, session: Session, now: datetime, limit: int) -> list[tuple[int, datetime]]:
    return [tuple(row) for row in session.execute(
        select(COUPLE.id, COUPLE.next_weekly_at)
        .where(COUPLE.next_weekly_at.is_not(None), COUPLE.next_weekly_at <= now)
        .order_by(COUPLE.next_weekly_at).limit(limit)
    ).all()]


def claim(*, session: Session, couple_id: int, due_at: datetime, next_at: datetime | None) -> bool:
    """Move the couple on to next week; True only for the one claimer that did."""
    return session.execute(
        update(Couple.__table__)
        .where(COUPLE.id == couple_id, COUPLE.next_weekly_at == due_at)
        .values(next_weekly_at=next_at)
    ).rowcount == 1


def following(couple: Couple, due_at: datetime, now: datetime) -> datetime | None:
    return next_for(couple, max(now, due_at) + timedelta(seconds=1))
