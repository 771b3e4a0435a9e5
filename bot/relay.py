"""Relaying to a partner: the entry and its deliveries are written in one transaction,
then handed to the delivery loop, and the writer learns what became of them.
"""
from __future__ import annotations

import asyncio
import enum
import logging
from datetime import datetime
from typing import Sequence

from sqlmodel import Session
from telegram.ext import CallbackContext

from bot.messages import split_message
from bot.services import services
from bot.store import outbox
from bot.store.models import Couple, Entry, User
from bot.store.outbox import Buttons

log = logging.getLogger(__name__)

# How long a handler waits for its partner's send before answering anyway: a rate-limit
# wait or an outage must not hold up the person in front of us (the loop keeps trying).
SEND_WAIT_SECONDS = 4.0


class Outcome(enum.Enum):
    DELIVERED = "delivered"  # Telegram accepted every part
    HELD = "held"  # waiting for the couple's time-out to end
    UNREACHABLE = "unreachable"  # the partner blocked the bot: waits for their return
    WAITING = "waiting"  # saved; the loop keeps trying (rate limit, outage)


def write_entry(
    *,
    session: Session,
    author: User,
    partner: User | None,
    kind: str,
    header: str,
    body: str,
    now: datetime,
    buttons: Buttons | None = None,
    reply_to_id: int | None = None,
) -> tuple[Entry, list[int]]:
    """Save the words to the thread and, when paired, one delivery per message part."""
    entry = Entry(
        couple_id=author.couple_id if partner else None,
        author_id=author.id,
        kind=kind,
        body=body,
        reply_to_id=reply_to_id,
        created_at=now,
    )
    session.add(entry)
    session.flush()
    if partner is None:
        return entry, []
    rows = outbox.enqueue(
        session=session,
        recipient_id=partner.id,
        texts=split_message(header, body),
        now=now,
        entry_id=entry.id,
        couple_id=author.couple_id,
        buttons=buttons(entry.id) if callable(buttons) else buttons,
    )
    return entry, [row.id for row in rows]


async def deliver(context: CallbackContext, recipient_id: int, delivery_ids: Sequence[int], *,
                  outcome_shown: bool = True) -> Outcome:
    """Try to send now; say whether the words arrived or where they wait.

    The caller shows the outcome to the person in front of it (`outcome_shown`), so a
    block found now isn't also announced by the delivery loop's notice.
    """
    app = services(context)
    if app.deliverer is not None:
        sent = await _send_a_while(app.deliverer.send_to(recipient_id, tell_partner=not outcome_shown))
        if sent is not None and set(delivery_ids) <= set(sent):
            return Outcome.DELIVERED
    with app.session() as session:
        states = outbox.statuses(session=session, delivery_ids=delivery_ids)
        if all(state == "sent" for state in states.values()):
            return Outcome.DELIVERED
        recipient = session.get(User, recipient_id)
        if recipient is not None and recipient.blocked_at is not None:
            return Outcome.UNREACHABLE
        couple = session.get(Couple, recipient.couple_id) if recipient and recipient.couple_id else None
        if couple and couple.paused_by is not None:
            return Outcome.HELD
    return Outcome.WAITING


async def _send_a_while(sending) -> list[int] | None:
    """Wait up to SEND_WAIT_SECONDS for the ids sent; a slower send goes on in the background,
    never cancelled (cancelling after Telegram accepted would send it twice)."""
    task = asyncio.ensure_future(sending)
    task.add_done_callback(_log_failure)
    await asyncio.wait({task}, timeout=SEND_WAIT_SECONDS)
    if task.done() and not task.cancelled() and task.exception() is None:
        return task.result()
    return None


def _log_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("sending to a partner failed: %s", type(task.exception()).__name__)


async def notify(
    context: CallbackContext,
    *,
    recipient_id: int,
    text: str,
    buttons: Buttons | None = None,
    couple_id: int | None = None,
    holdable: bool = False,
    kind: str = "notice",
) -> Outcome:
    """A message from the bot to someone other than the person it is answering.

    It goes through the outbox too, so an outage or a block doesn't lose it.
    """
    app = services(context)
    with app.session() as session:
        rows = outbox.enqueue(
            session=session,
            recipient_id=recipient_id,
            texts=split_message("", text),
            now=app.clock(),
            couple_id=couple_id,
            kind=kind,
            buttons=buttons,
            holdable=holdable,
        )
        ids = [row.id for row in rows]
    return await deliver(context, recipient_id, ids, outcome_shown=False)
