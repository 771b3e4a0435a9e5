"""Ending time-outs: claim each due end once, tell both partners, then release the held words.

The end notices are queued in the same transaction that claims the end; the couple's words
are released by a later tick only once those notices have gone out (store/pauses.py), so
"{name} is back" always comes before what was held.
"""
from __future__ import annotations

import asyncio
import logging

from sqlmodel import select

from bot.edge.callbacks import MoreTime, StartRitual
from bot.services import Services
from bot.store import outbox, pauses
from bot.store.models import Couple, User
from bot.texts import pause as t

log = logging.getLogger(__name__)


async def tick(services: Services) -> int:
    """End every time-out whose time has come, and release those whose notices went out."""
    with services.session() as session:
        due = pauses.due_to_end(session=session, now=services.clock())
    for couple_id, until in due:
        await end(services, couple_id, until)
    release(services)
    return len(due)


async def end(services: Services, couple_id: int, until) -> bool:
    """Claim this time-out's end and queue both partners' notices, in one transaction;
    send them, and release the held words once they went out."""
    with services.session() as session:
        if not pauses.claim_end(session=session, couple_id=couple_id, until=until,
                                now=services.clock()):
            return False
        couple = session.get(Couple, couple_id)
        members = list(session.exec(select(User).where(User.couple_id == couple_id)))
        for member in members:
            _queue_notice(session, services, couple, member, members)
    log.info("time-out of couple %s ending", couple_id)
    if services.sender is not None:
        await asyncio.gather(*(services.sender.send_chat(m.id) for m in members))
    release(services)
    return True


def release(services: Services) -> None:
    with services.session() as session:
        released = pauses.release_told(session=session)
    if released and services.sender is not None:
        services.sender.wake()


def _queue_notice(session, services: Services, couple: Couple, member: User, members) -> None:
    other = next((m for m in members if m.id != member.id), None)
    way_back = [[(t.START_CHECKIN, StartRitual("checkin").pack()),
                 (t.NAME_WHAT_STUNG, StartRitual("trigger").pack())]]
    if member.id == couple.paused_by:
        text = t.ENDED_PAUSER
        rows = way_back + [[(t.MORE_TIME_BUTTON, MoreTime(couple.id, couple.pause_seq).pack())]]
    else:
        text = t.ENDED_PARTNER.format(name=other.first_name if other else "Your partner")
        rows = way_back
    outbox.enqueue(session=session, recipient_id=member.id, texts=[text], now=services.clock(),
                   couple_id=couple.id, kind=pauses.END_NOTICE, buttons=rows, holdable=False)
