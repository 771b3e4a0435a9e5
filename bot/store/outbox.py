"""The outbox: deliveries written with their entry, claimed and settled by the delivery loop.

Claims are leases (an UPDATE guarded by its WHERE), so two bot processes on one
PostgreSQL database never send the same row at once, and a crashed sender's lease
simply runs out.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Sequence

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select

from bot.store.models import Couple, Delivery, User

LEASE = timedelta(minutes=2)
Buttons = Sequence[Sequence[tuple[str, str]]]  # rows of (label, callback data)


def enqueue(
    *,
    session: Session,
    recipient_id: int,
    texts: Sequence[str],
    now: datetime,
    entry_id: int | None = None,
    couple_id: int | None = None,
    kind: str = "relay",
    buttons: Buttons | None = None,
    holdable: bool = True,
) -> list[Delivery]:
    """One delivery per message part, in order; the buttons ride on the last part."""
    rows = []
    for index, text in enumerate(texts):
        last = index == len(texts) - 1
        rows.append(
            Delivery(
                recipient_id=recipient_id,
                entry_id=entry_id,
                couple_id=couple_id,
                kind=kind,
                text=text,
                markup=json.dumps(buttons) if (buttons and last) else None,
                holdable=holdable,
                created_at=now,
            )
        )
    session.add_all(rows)
    session.flush()
    return rows


def _sendable(now: datetime):
    """Pending, not waiting for a retry, not leased, recipient reachable, not held by a pause."""
    return and_(
        Delivery.status == "pending",
        or_(Delivery.not_before.is_(None), Delivery.not_before <= now),
        or_(Delivery.lease_until.is_(None), Delivery.lease_until <= now),
        User.blocked_at.is_(None),
        or_(
            Delivery.holdable.is_(False),
            Couple.id.is_(None),
            # paused_by, not the clock: held words wait until the end notice has gone out.
            Couple.paused_by.is_(None),
        ),
    )


def _joined(statement):
    return statement.join(User, User.id == Delivery.recipient_id).outerjoin(
        Couple, Couple.id == Delivery.couple_id
    )


def recipients_due(*, session: Session, now: datetime, limit: int) -> list[int]:
    """Chats with something sendable now, oldest waiting first."""
    rows = session.exec(
        _joined(select(Delivery.recipient_id, Delivery.id))
        .where(_sendable(now))
        .order_by(Delivery.id)
        .limit(limit * 4)
    ).all()
    seen: dict[int, None] = {}
    for recipient_id, _ in rows:
        seen.setdefault(recipient_id, None)
        if len(seen) >= limit:
            break
    return list(seen)


def claim_for_recipient(*, session: Session, recipient_id: int, now: datetime) -> list[Delivery]:
    """Lease this chat's sendable deliveries, in the order they were written.

    One read and one guarded UPDATE. Stops at the first row that is not sendable yet
    (waiting for a retry, leased elsewhere, the chat blocked), so a later message never
    overtakes an earlier one; held words are passed over, so the bot's own notices
    still reach a couple in a time-out.
    """
    rows = session.exec(
        select(Delivery, User.blocked_at, Couple.paused_by)
        .join(User, User.id == Delivery.recipient_id)
        .outerjoin(Couple, Couple.id == Delivery.couple_id)
        .where(Delivery.recipient_id == recipient_id, Delivery.status == "pending")
        .order_by(Delivery.id)
    ).all()
    claimed: list[Delivery] = []
    for delivery, blocked_at, paused_by in rows:
        if delivery.holdable and paused_by is not None:
            continue  # held until the time-out ends
        if blocked_at is not None or _waiting(delivery, now):
            break
        claimed.append(delivery)
    return claimed if _lease_all(session, claimed, now) else []


def _waiting(delivery: Delivery, now: datetime) -> bool:
    """Not yet: a retry's wait isn't over, or another sender holds the lease."""
    return (delivery.not_before is not None and delivery.not_before > now) or (
        delivery.lease_until is not None and delivery.lease_until > now
    )


def _lease_all(session: Session, deliveries: list[Delivery], now: datetime) -> bool:
    """Lease every row or none: a row another process leased first means it is on it."""
    if not deliveries:
        return True
    ids = [d.id for d in deliveries]
    result = session.execute(
        update(Delivery.__table__)
        .where(
            Delivery.__table__.c.id.in_(ids),
            Delivery.__table__.c.status == "pending",
            or_(Delivery.__table__.c.lease_until.is_(None), Delivery.__table__.c.lease_until <= now),
        )
        .values(lease_until=now + LEASE)
    )
    if result.rowcount == len(ids):
        return True
    session.rollback()  # partly leased elsewhere: take none, the other sender has them
    return False


def mark_sent(*, session: Session, delivery_id: int, now: datetime) -> None:
    """Settle a delivery Telegram accepted; the words live on in the entry, not here."""
    session.execute(
        update(Delivery.__table__)
        .where(Delivery.id == delivery_id)
        .values(status="sent", sent_at=now, text="", markup=None, lease_until=None)
    )


def retry_later(*, session: Session, delivery_id: int, not_before: datetime) -> None:
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(
            not_before=not_before, lease_until=None, attempts=Delivery.attempts + 1
        )
    )


def mark_failed(*, session: Session, delivery_id: int) -> None:
    """Set aside a delivery Telegram keeps refusing; its words stay in the entry."""
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id)
        .values(status="failed", lease_until=None, attempts=Delivery.attempts + 1)
    )


def release_all_leases(*, session: Session) -> int:
    """Free every lease (at the start of the only process): returns how many were held."""
    result = session.execute(
        update(Delivery)
        .where(Delivery.status == "pending", Delivery.lease_until.is_not(None))
        .values(lease_until=None)
    )
    return result.rowcount


def release(*, session: Session, delivery_ids: Sequence[int]) -> None:
    """Give back leases not used (the chat's send stopped early)."""
    if delivery_ids:
        session.execute(
            update(Delivery)
            .where(col(Delivery.id).in_(list(delivery_ids)), Delivery.status == "pending")
            .values(lease_until=None)
        )


def mark_blocked(*, session: Session, user_id: int, now: datetime) -> bool:
    """Park a chat that blocked the bot. True when this is news (so the partner is told once)."""
    result = session.execute(
        update(User).where(User.id == user_id, User.blocked_at.is_(None)).values(blocked_at=now)
    )
    return result.rowcount == 1


def pending_count(*, session: Session, recipient_id: int) -> int:
    return len(
        session.exec(
            select(Delivery.id).where(
                Delivery.recipient_id == recipient_id, Delivery.status == "pending"
            )
        ).all()
    )


def statuses(*, session: Session, delivery_ids: Sequence[int]) -> dict[int, str]:
    rows = session.exec(
        select(Delivery.id, Delivery.status).where(col(Delivery.id).in_(list(delivery_ids)))
    ).all()
    return dict(rows)
