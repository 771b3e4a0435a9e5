"""/hug on the couple row: one a minute per couple, each hug answered at most once.
Both are guarded UPDATEs, so two hugs (or two taps) racing can't both win."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import or_, update
from sqlmodel import Session

from bot.store.models import Couple
from rituals.hug import MIN_GAP

COUPLE = Couple.__table__.c


def stamp_of(moment: datetime) -> int:
    """The hug's time in milliseconds, as its buttons carry it."""
    return round(moment.timestamp() * 1000)


def record(*, session: Session, couple_id: int, by: int, now: datetime) -> datetime | None:
    """Take the couple's hug slot; the hug's time, or None when one went a minute ago."""
    at = datetime.fromtimestamp(stamp_of(now) / 1000, timezone.utc)
    won = session.execute(
        update(Couple.__table__)
        .where(COUPLE.id == couple_id,
               or_(COUPLE.last_hug_at.is_(None), COUPLE.last_hug_at <= now - MIN_GAP))
        .values(last_hug_at=at, last_hug_by=by, hug_answered_at=None)
    ).rowcount == 1
    return at if won else None


def answer(*, session: Session, couple_id: int, stamp: int, by: int, now: datetime) -> bool:
    """The hug's one answer, from the one it was sent to; False for an older hug, a second
    tap, or someone else's button."""
    at = datetime.fromtimestamp(stamp / 1000, timezone.utc)
    return session.execute(
        update(Couple.__table__)
        .where(COUPLE.id == couple_id, COUPLE.last_hug_at == at, COUPLE.last_hug_by != by,
               COUPLE.hug_answered_at.is_(None))
        .values(hug_answered_at=now)
    ).rowcount == 1
