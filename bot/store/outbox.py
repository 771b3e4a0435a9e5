"""The outbox: every message the bot sends is a row before it is a send.

Rows are written with the state change that causes them (a reflection and its delivery,
an answer and the step it answers) and claimed per chat by the sender. Claims are leases
(an UPDATE guarded by its WHERE, naming the holder), so two bot processes on one
PostgreSQL database never send the same row at once, and a crashed sender's lease runs
out or, when its process is known to be gone, is freed at the next start.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Sequence

from sqlalchemy import and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from bot.store.models import Couple, Delivery, User

LEASE = timedelta(minutes=2)
Buttons = Sequence[Sequence[tuple[str, str]]]  # rows of (label, callback data)
D = Delivery.__table__.c
DELIVERY = Delivery.__table__
USER = User.__table__.c
COUPLE = Couple.__table__.c
# session.info keys: the chat whose answers a unit leases as it writes them, and those rows.
LEASE_ANSWERS = "outbox.lease_answers"
LEASED = "outbox.leased"


@dataclass
class Outgoing:
    """A delivery as the sender needs it: read once, plain Python, no ORM identity."""

    id: int
    recipient_id: int
    text: str
    markup: str | None
    kind: str
    entry_id: int | None
    attempts: int = 0
    lease_until: datetime | None = None


def enqueue(
    *,
    session,
    recipient_id: int,
    texts: Sequence[str],
    now: datetime,
    entry_id: int | None = None,
    couple_id: int | None = None,
    kind: str = "relay",
    buttons: Buttons | None = None,
    holdable: bool = True,
) -> list[Outgoing]:
    """One delivery per message part, in order; the buttons ride on the last part.
    An answer to the chat a unit offered (`lease_answers`) is leased as it is written."""
    lease = _lease_as_written(session, recipient_id, kind, now)
    values = [
        {"recipient_id": recipient_id, "entry_id": entry_id, "couple_id": couple_id,
         "kind": kind, "text": text, "holdable": holdable, "status": "pending",
         "markup": json.dumps(buttons) if (buttons and index == len(texts) - 1) else None,
         "attempts": 0, "created_at": now, "lease_until": lease and lease[1],
         "lease_holder": lease and lease[0]}
        for index, text in enumerate(texts)
    ]
    if not values:
        return []
    if isinstance(session, Session):  # rows it refers to may still be pending in the ORM
        session.flush()
    ids = session.execute(_INSERT, values).scalars().all()
    rows = [Outgoing(i, recipient_id, v["text"], v["markup"], kind, entry_id,
                     lease_until=v["lease_until"]) for i, v in zip(ids, values, strict=True)]
    if lease:
        session.info[LEASED].extend(rows)
    return rows


def lease_answers(session, chat_id: int, holder: str) -> None:
    """Lease this unit's answers to `chat_id` as they are written, so the sender sends
    them after the commit without claiming them again (see `enqueue`)."""
    session.info[LEASE_ANSWERS] = (chat_id, holder)
    session.info[LEASED] = []


def leased_answers(session) -> tuple[list[Outgoing], bool]:
    """The rows this unit leased as written, and whether the chat has others of its own
    to send (written unleased: the sender claims them after these)."""
    offer = session.info.pop(LEASE_ANSWERS, None)
    rows = session.info.pop(LEASED, [])
    return rows, offer is None or offer[0] is None


def _lease_as_written(session, recipient_id: int, kind: str,
                      now: datetime) -> tuple[str, datetime] | None:
    """Only the unit's own answers, and only while nothing older waits for that chat
    (the first asks once; an unleased row to the chat ends the leasing, keeping order)."""
    offer = session.info.get(LEASE_ANSWERS)
    if offer is None or offer[0] != recipient_id:
        return None
    if kind != "answer" or (not session.info[LEASED] and session.execute(
            _ANY_PENDING, {"recipient": recipient_id}).first() is not None):
        session.info[LEASE_ANSWERS] = (None, offer[1])  # the sender claims the rest in order
        return None
    return offer[1], now + LEASE


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


def recipients_due(*, session, now: datetime, limit: int) -> list[int]:
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


# Built once (statements run per message: building them costs more than running them).
_INSERT = insert(DELIVERY).returning(D.id, sort_by_parameter_order=True)
_ANY_PENDING = select(D.id).where(D.recipient_id == bindparam("recipient"),
                                  D.status == "pending").limit(1)
_CLAIMABLE = _joined(select(
    D.id, D.recipient_id, D.text, D.markup, D.kind, D.entry_id, D.attempts, D.holdable,
    D.not_before, D.lease_until, USER.blocked_at, COUPLE.paused_by,
)).where(D.recipient_id == bindparam("recipient"), D.status == "pending").order_by(D.id)
_LEASE = (
    update(DELIVERY)
    .where(D.id.in_(bindparam("ids", expanding=True)), D.status == "pending",
           or_(D.lease_until.is_(None), D.lease_until <= bindparam("now")))
    .values(lease_until=bindparam("until"), lease_holder=bindparam("holder"))
)
_MARK_SENT = (
    update(DELIVERY)
    .where(D.id == bindparam("delivery_id"))
    .values(status="sent", sent_at=bindparam("now"), text="", markup=None, lease_until=None,
            lease_holder=None)
)


def claim_for_recipient(*, session, recipient_id: int, now: datetime, holder: str,
                        skip: Sequence[int] = ()) -> list[Outgoing]:
    """Lease this chat's sendable deliveries, in the order they were written.

    Stops at the first row that is not sendable yet (waiting for a retry, leased
    elsewhere, the chat blocked), so a later message never overtakes an earlier one; held
    words are passed over, so the bot's own notices still reach a couple in a time-out.
    `skip`: rows this process sent but could not yet mark sent (never sent twice).
    """
    rows = session.execute(_CLAIMABLE, {"recipient": recipient_id}).all()
    claimed: list[Outgoing] = []
    for row in rows:
        if row.id in skip:
            continue
        if row.holdable and row.paused_by is not None:
            continue  # held until the time-out ends
        if row.blocked_at is not None or _waiting(row, now):
            break
        claimed.append(Outgoing(row.id, row.recipient_id, row.text, row.markup, row.kind,
                                row.entry_id, row.attempts, now + LEASE))
    return claimed if _lease_all(session, claimed, now, holder) else []


def _waiting(row, now: datetime) -> bool:
    """Not yet: a retry's wait isn't over, or another sender holds the lease."""
    return (row.not_before is not None and row.not_before > now) or (
        row.lease_until is not None and row.lease_until > now
    )


def _lease_all(session, deliveries: list[Outgoing], now: datetime, holder: str) -> bool:
    """Lease every row or none: a row another process leased first means it is on it."""
    if not deliveries:
        return True
    ids = [d.id for d in deliveries]
    result = session.execute(_LEASE, {"ids": ids, "now": now, "until": now + LEASE,
                                      "holder": holder})
    if result.rowcount == len(ids):
        return True
    # Partly leased elsewhere: give back the ones taken here; the other sender has them.
    session.execute(update(DELIVERY).where(D.id.in_(ids), D.lease_holder == holder)
                    .values(lease_until=None, lease_holder=None))
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
    session.execute(_MARK_SENT, {"delivery_id": delivery_id, "now": now})


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
