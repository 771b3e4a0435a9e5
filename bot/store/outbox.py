"""The outbox: every message the bot sends is a row before it is a send.

Rows are written with the state change that causes them (a reflection and its delivery,
an answer and the step it answers) and claimed per chat by the sender. Claims are leases
(an UPDATE guarded by its WHERE, naming the holder), so two bot processes on one
PostgreSQL database never send the same row at once, and a crashed sender's lease runs
out or, when its process is known to be gone, is freed at the next start.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Sequence

from sqlalchemy import and_, func, or_, select, update
from sqlmodel import Session

from bot.store.models import Couple, Delivery, User

LEASE = timedelta(minutes=2)
Buttons = Sequence[Sequence[tuple[str, str]]]  # rows of (label, callback data)
D = Delivery.__table__.c
DELIVERY = Delivery.__table__
USER = User.__table__.c
COUPLE = Couple.__table__.c


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


def _joined(statement):
    return statement.join(User.__table__, USER.id == D.recipient_id).outerjoin(
        Couple.__table__, COUPLE.id == D.couple_id
    )


def _sendable(now: datetime):
    """Pending, not waiting for a retry, not leased, recipient reachable, not held by a pause."""
    return and_(
        D.status == "pending",
        or_(D.not_before.is_(None), D.not_before <= now),
        or_(D.lease_until.is_(None), D.lease_until <= now),
        USER.blocked_at.is_(None),
        # paused_by, not the clock: held words wait until the end notices have gone out.
        or_(D.holdable.is_(False), COUPLE.id.is_(None), COUPLE.paused_by.is_(None)),
    )


def recipients_due(*, session: Session, now: datetime, limit: int) -> list[int]:
    """Chats with something sendable now, oldest waiting first."""
    rows = session.execute(
        _joined(select(D.recipient_id, D.id)).where(_sendable(now)).order_by(D.id).limit(limit * 4)
    ).all()
    seen: dict[int, None] = {}
    for recipient_id, _ in rows:
        seen.setdefault(recipient_id, None)
        if len(seen) >= limit:
            break
    return list(seen)


def claim_for_recipient(*, session: Session, recipient_id: int, now: datetime, holder: str,
                        skip: Sequence[int] = ()) -> list[Delivery]:
    """Lease this chat's sendable deliveries, in the order they were written.

    Stops at the first row that is not sendable yet (waiting for a retry, leased
    elsewhere, the chat blocked), so a later message never overtakes an earlier one; held
    words are passed over, so the bot's own notices still reach a couple in a time-out.
    `skip`: rows this process sent but could not yet mark sent (never sent twice).
    """
    rows = session.execute(
        select(Delivery, USER.blocked_at, COUPLE.paused_by)
        .join(User.__table__, USER.id == D.recipient_id)
        .outerjoin(Couple.__table__, COUPLE.id == D.couple_id)
        .where(D.recipient_id == recipient_id, D.status == "pending")
        .order_by(D.id)
    ).all()
    claimed: list[Delivery] = []
    for delivery, blocked_at, paused_by in rows:
        if delivery.id in skip:
            continue
        if delivery.holdable and paused_by is not None:
            continue  # held until the time-out ends
        if blocked_at is not None or _waiting(delivery, now):
            break
        claimed.append(delivery)
    return claimed if _lease_all(session, claimed, now, holder) else []


def _waiting(delivery: Delivery, now: datetime) -> bool:
    """Not yet: a retry's wait isn't over, or another sender holds the lease."""
    return (delivery.not_before is not None and delivery.not_before > now) or (
        delivery.lease_until is not None and delivery.lease_until > now
    )


def _lease_all(session: Session, deliveries: list[Delivery], now: datetime, holder: str) -> bool:
    """Lease every row or none: a row another process leased first means it is on it."""
    if not deliveries:
        return True
    ids = [d.id for d in deliveries]
    result = session.execute(
        update(DELIVERY)
        .where(D.id.in_(ids), D.status == "pending",
               or_(D.lease_until.is_(None), D.lease_until <= now))
        .values(lease_until=now + LEASE, lease_holder=holder)
    )
    if result.rowcount == len(ids):
        for delivery in deliveries:
            delivery.lease_until = now + LEASE
        return True
    session.rollback()  # partly leased elsewhere: take none, the other sender has them
    return False


def renew(*, session: Session, delivery_ids: Sequence[int], now: datetime, holder: str) -> bool:
    """Extend our leases before a send that waited long; False when one was lost meanwhile."""
    result = session.execute(
        update(DELIVERY)
        .where(D.id.in_(list(delivery_ids)), D.status == "pending", D.lease_holder == holder)
        .values(lease_until=now + LEASE)
    )
    return result.rowcount == len(delivery_ids)


def mark_sent(*, session, delivery_id: int, now: datetime) -> None:
    """Settle a delivery Telegram accepted; the words live on in the entry, not here."""
    session.execute(
        update(DELIVERY)
        .where(D.id == delivery_id)
        .values(status="sent", sent_at=now, text="", markup=None, lease_until=None,
                lease_holder=None)
    )


def retry_later(*, session, delivery_id: int, not_before: datetime) -> None:
    session.execute(
        update(DELIVERY)
        .where(D.id == delivery_id)
        .values(not_before=not_before, lease_until=None, lease_holder=None,
                attempts=D.attempts + 1)
    )


def mark_failed(*, session, delivery_id: int) -> None:
    """Set aside a delivery Telegram keeps refusing; its words stay in the entry."""
    session.execute(
        update(DELIVERY)
        .where(D.id == delivery_id)
        .values(status="failed", lease_until=None, lease_holder=None, attempts=D.attempts + 1)
    )


def release(*, session, delivery_ids: Sequence[int]) -> None:
    """Give back leases not used (the chat's send stopped early)."""
    if delivery_ids:
        session.execute(
            update(DELIVERY)
            .where(D.id.in_(list(delivery_ids)), D.status == "pending")
            .values(lease_until=None, lease_holder=None)
        )


def release_leases_of(*, session, holders: Sequence[str]) -> int:
    """Free the leases of holders known to be gone (a killed process on this machine)."""
    if not holders:
        return 0
    return session.execute(
        update(DELIVERY)
        .where(D.status == "pending", D.lease_holder.in_(list(holders)))
        .values(lease_until=None, lease_holder=None)
    ).rowcount


def holders(*, session) -> list[str]:
    """Who holds leases on pending rows (through the pending index: cheap to ask often)."""
    return list(session.execute(
        select(D.lease_holder).where(D.status == "pending", D.lease_holder.is_not(None))
        .distinct()
    ).scalars())


def mark_blocked(*, session, user_id: int, now: datetime) -> bool:
    """Park a chat that blocked the bot. True when this is news (so the partner is told once)."""
    result = session.execute(
        update(User.__table__)
        .where(USER.id == user_id, USER.blocked_at.is_(None))
        .values(blocked_at=now)
    )
    return result.rowcount == 1


def pending_depth(*, session) -> tuple[int, datetime | None]:
    """How many deliveries wait, and since when the oldest (for /healthz and metrics)."""
    return tuple(session.execute(
        select(func.count(), func.min(D.created_at)).where(D.status == "pending")
    ).one())
