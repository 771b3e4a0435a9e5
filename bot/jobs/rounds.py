"""Closing rounds answered blind whose 48 hours are over: a lone answer's author is asked
whether to share it anyway; nothing is ever sent to the partner without that yes.

Each close is a guarded UPDATE (store/rounds.py), so two ticks or two processes close a
round once, and the offer is queued in the same transaction.
"""
from __future__ import annotations

import logging

from bot.outbox.notices import queue_notice
from bot.rounds import WORDS, names_of, offer_message
from bot.services import Services
from bot.store import rounds
from bot.store.db import RaceLost
from bot.store.models import User
from rituals.together import Kind, close

log = logging.getLogger(__name__)


async def tick(services: Services) -> int:
    now = services.clock()
    offered: list[int] = []
    with services.session() as session:
        due = rounds.due_to_close(session, now)
        for round_id in due:
            try:
                rnd, outcome = rounds.transition(session, round_id, lambda s: close(s, now))
            except RaceLost:
                continue  # the next tick tries again
            if outcome.kind is not Kind.OFFER:
                continue
            author = outcome.to[0]
            user = session.get(User, author)
            if user is None or user.couple_id != rnd.couple_id:
                continue  # no longer a couple: there is no one to share it with
            text, rows = offer_message(rnd, names_of(session, rnd.state), author,
                                       WORDS[rnd.state.ritual].CLOSED_OFFER)
            queue_notice(session, user, text, now=now, couple_id=rnd.couple_id, kind="notice",
                         buttons=rows, holdable=False)
            offered.append(author)
    if due:
        log.info("shared rounds closed: %d, lone answers offered back: %d", len(due), len(offered))
    if offered and services.sender is not None:
        for author in offered:
            services.sender.kick(author)
    return len(due)
