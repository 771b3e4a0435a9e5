"""The weekly State of the Union: at the couple's day and time, a new round is opened and
each partner is invited to prepare privately. Claim-guarded like the evening nudge: the
next week is written by an UPDATE guarded by the time read, so it happens once.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlmodel import select

from bot.edge.callbacks import Prepare
from bot.language import ENGLISH
from bot.localtime import reader_zone
from bot.outbox.notices import queue_notice
from bot.services import Services
from bot.store import rounds
from bot.store import weekly as schedule
from bot.store.models import Couple, User
from bot.texts import together as t
from rituals import weekly
from rituals.language import Phrase

log = logging.getLogger(__name__)

LATE_LIMIT = timedelta(hours=2)  # missed by more while the bot was down: wait for next week
BATCH = 100


async def tick(services: Services) -> int:
    now = services.clock()
    invited: list[int] = []
    with services.session() as session:
        for couple_id, due_at in schedule.due(session=session, now=now, limit=BATCH):
            couple = session.get(Couple, couple_id)
            if not schedule.claim(session=session, couple_id=couple_id, due_at=due_at,
                                  next_at=schedule.following(couple, due_at, now)):
                continue
            members = list(session.exec(select(User).where(User.couple_id == couple_id)))
            if len(members) != 2 or now - due_at > LATE_LIMIT:
                continue
            invited += _invite(session, couple, members, now)
    if invited and services.sender is not None:
        services.sender.wake()
    return len(invited) // 2


def _invite(session, couple: Couple, members: list[User], now) -> list[int]:
    last = rounds.latest(session, couple.id, weekly.RITUAL.key)
    number = last.number + 1 if last is not None else 0
    day = now.astimezone(reader_zone(members[0])).date()
    topic = ENGLISH(Phrase(t.WEEK_OF, day=f"{day.day} {day:%b %Y}"))  # a label, kept as is
    state = weekly.BLIND.open(f"w{number}", topic, sorted(m.id for m in members), now)
    rnd = rounds.create(session, couple.id, number, state)
    if rnd is None:
        return []
    for member in members:
        partner = next(m for m in members if m.id != member.id)
        queue_notice(session, member, Phrase(weekly.START, partner=partner.first_name), now=now,
                     couple_id=couple.id, kind="weekly", holdable=True,  # waits out a time-out
                     buttons=invite_rows(rnd.id))
    log.info("weekly preparation %s opened for couple %s", rnd.id, couple.id)
    return [m.id for m in members]


def invite_rows(round_id: int):
    """Start first, "Not this week" last: for this week's round only."""
    return [[(weekly.START_LABEL, Prepare(round_id, "go").pack())],
            [(weekly.NOT_THIS_WEEK_LABEL, Prepare(round_id, "no").pack())]]
