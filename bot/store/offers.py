"""Offers of free words: what a person typed with nothing open, kept server-side until
they tap where it goes. Answering is a guarded UPDATE (once, whatever taps race), and
an answered offer keeps no words."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session

from bot.store.models import Offer

KEPT_FOR = timedelta(days=1)  # an offer nobody answered leaves with the day
OFFER = Offer.__table__.c


def make(*, session: Session, user_id: int, body: str, now: datetime) -> Offer:
    offer = Offer(user_id=user_id, body=body, created_at=now)
    session.add(offer)
    session.flush()
    return offer


def find(*, session: Session, offer_id: int, user_id: int) -> Offer | None:
    """The presser's own offer (never anyone else's), answered or not."""
    offer = session.get(Offer, offer_id)
    return offer if offer is not None and offer.user_id == user_id else None


def answer(*, session: Session, offer: Offer, now: datetime) -> str | None:
    """Take the offer's words, once: None when it was answered already."""
    words = offer.body
    won = session.execute(
        update(Offer.__table__)
        .where(OFFER.id == offer.id, OFFER.answered_at.is_(None))
        .values(answered_at=now, body="")
    ).rowcount == 1
    session.refresh(offer)
    return words if won else None


def prune(connection, now: datetime) -> int:
    """Offers older than a day go, answered or not (unanswered words leave with them)."""
    return connection.execute(delete(Offer.__table__).where(OFFER.created_at < now - KEPT_FOR)).rowcount
