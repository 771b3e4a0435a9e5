"""Ending time-outs: a word to both five minutes before, then claim each due end once,
tell both partners, and release the held words.

The end notices are queued in the same transaction that claims the end; the couple's words
are released by a later tick only once those notices have gone out (store/pauses.py), so
"{name} is back" always comes before what was held.
"""
from __future__ import annotations

import asyncio
import logging

from sqlmodel import select

from bot.edge.callbacks import MoreTime, StartRitual
from bot.localtime import local_when_for
from bot.outbox.notices import queue_notice
from bot.services import Services
from bot.store import pauses
from bot.store.models import Couple, User
from bot.texts import pause as t
from bot.texts.common import YOUR_PARTNER, YOUR_PARTNER_START
from rituals import timeout as rt
from rituals.language import Phrase

log = logging.getLogger(__name__)


async def tick(services: Services) -> int:
    """Warn of ends five minutes away, end every time-out whose time has come, and release
    those whose notices went out. One light query when no time-out runs (most seconds)."""
    with services.session() as session:
        if not pauses.any_running(session=session):
            return 0
    warn_soon(services)
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


def warn_soon(services: Services) -> int:
    """Both partners hear, once per end, that the time-out ends in five minutes (Gottman:
    come back on time, even if only to ask for more); claim and notices in one transaction."""
    now = services.clock()
    told: list[int] = []
    with services.session() as session:
        for couple_id, until in pauses.ending_soon(session=session, now=now):
            if not pauses.claim_warning(session=session, couple_id=couple_id, until=until):
                continue
            couple = session.get(Couple, couple_id)
            members = list(session.exec(select(User).where(User.couple_id == couple_id)))
            for member in members:
                other = next((m for m in members if m.id != member.id), None)
                pausing = member.id == couple.paused_by
                text = rt.ENDS_SOON_PAUSER if pausing else rt.ENDS_SOON_PARTNER
                name = other.first_name if other is not None and other.first_name else Phrase(
                    YOUR_PARTNER if pausing else YOUR_PARTNER_START)
                queue_notice(session, member,
                             Phrase(text, name=name, when=local_when_for(until, member, now)),
                             now=now, couple_id=couple_id, kind="notice", holdable=False)
                told.append(member.id)
    if told and services.sender is not None:
        for member_id in told:
            services.sender.kick(member_id)
    return len(told)


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
        text = Phrase(t.ENDED_PARTNER, name=other.first_name if other and other.first_name
                      else Phrase(YOUR_PARTNER_START))
        rows = way_back
    queue_notice(session, member, text, now=services.clock(), couple_id=couple.id,
                 kind=pauses.END_NOTICE, buttons=rows, holdable=False)
