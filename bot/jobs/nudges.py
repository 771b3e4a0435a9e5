"""The evening tick: claim whoever's nudge minute has come, and queue their nudge once.

Each run reads the clock, asks the `next_nudge_at` index who is due, and in one
transaction per batch moves each person's next nudge to the following evening and
queues tonight's nudge in the outbox; the sender sends at Telegram's pace.
A nudge found more than LATE_LIMIT late (the bot was down) is skipped, not sent.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import rituals
from bot.edge.callbacks import SkipTonight, StartRitual
from bot.language import words_for
from bot.questions import with_question
from bot.services import Services
from bot.store import evenings, outbox, pauses
from bot.store.outbox import Buttons
from bot.texts import nudges as t
from bot.texts.common import YOUR_PARTNER
from rituals import schedule
from rituals.greeting import greeting
from rituals.language import Phrase

log = logging.getLogger(__name__)

BATCH = 100  # people claimed per transaction: about 0.1 s of the event loop at most
# Between batches the sender gets the event loop for a moment: the first nudges go out
# while the rest are still being queued (the paced limiter makes up the moments lost).
BETWEEN_BATCHES = 0.01
# The tick runs every second; someone due sooner than that is waited for within the tick,
# so the evening's first nudge goes at its minute rather than up to a second after it.
LOOKAHEAD = timedelta(seconds=1)
LATE_LIMIT = timedelta(hours=2)


async def tick(services: Services) -> int:
    """Queue every nudge due now, once each; returns how many were queued."""
    queued = 0
    waited = False
    while True:
        batch_size, batch_queued, soon = _run_batch(services, services.clock())
        queued += batch_queued
        if batch_queued:
            services.metrics.nudged(batch_queued)
        if batch_queued and services.sender is not None:
            services.sender.wake()
        if batch_size < BATCH:
            if soon is None or waited:
                return queued
            waited = True  # once per tick: the next tick looks again
            await asyncio.sleep(min(max(soon.total_seconds(), 0.0), LOOKAHEAD.total_seconds()))
            continue
        await asyncio.sleep(BETWEEN_BATCHES)  # let updates and deliveries through


def _run_batch(services: Services, now: datetime) -> tuple[int, int, timedelta | None]:
    """One transaction: claim up to BATCH due people and queue the nudges owed.
    (seen, queued, how soon the next is due when that is within LOOKAHEAD)"""
    with services.session() as session:
        found = evenings.due(session=session, now=now + LOOKAHEAD, limit=BATCH)
        batch = [item for item in found if item.due_at <= now]  # never before its moment
        soon = next((item.due_at - now for item in found if item.due_at > now), None)
        if not batch:
            return 0, 0, soon
        homes = evenings.households(session=session, user_ids=[item.user_id for item in batch])
        # Every claim first, then the inserts: no half-built rows to flush before each UPDATE.
        owed = [(item, homes[item.user_id]) for item in batch
                if item.user_id in homes and _claim(session, item, homes[item.user_id], now)]
        for item, home in owed:
            _queue(session, item, home, now)
    log.info("nudge tick: %d due, %d queued", len(batch), len(owed))
    return len(batch), len(owed), soon


def _claim(session, item: evenings.Due, home: evenings.Household, now: datetime) -> bool:
    """Move this person on to their next evening; True when tonight's nudge is ours to send."""
    send = _should_send(home, item, now)
    next_at = evenings.following(home.user, item, now)
    won = evenings.claim(session=session, item=item, next_at=next_at,
                        nudged_at=now if send else None)
    return won and send


def _queue(session, item: evenings.Due, home: evenings.Household, now: datetime) -> None:
    words = words_for(home.user)
    text = words(Phrase(t.NUDGE_TEXT, greeting=_greeting(home.user, item.due_at),
                        partner=home.partner.first_name or Phrase(YOUR_PARTNER)))
    rows = nudge_buttons(schedule.todays_offer(_local_day(home.user, item.due_at)))
    text, rows = with_question(session, home, now, text, rows, words)  # the daily question
    outbox.enqueue(
        session=session,
        recipient_id=home.user.id,
        texts=[text],
        now=now,
        couple_id=home.user.couple_id,
        kind="nudge",
        buttons=words.buttons(rows),
        holdable=False,
    )


def _should_send(home: evenings.Household, item: evenings.Due, now: datetime) -> bool:
    """Paired, wanting nudges, reachable, not in a time-out, and not hours late."""
    if home.partner is None or home.user.nudges_off or not home.user.timezone:
        return False
    if home.user.blocked_at is not None:
        return False  # parked, it would arrive stale whenever they came back
    if pauses.is_paused(home.couple) and home.couple.paused_until is not None:
        return False  # in a time-out; one that is ending (its notices going out) doesn't count
    return now - item.due_at <= LATE_LIMIT


def _greeting(user, due_at: datetime) -> Phrase:
    """'Good evening, Sam 🌙' at 21:00 their time, 'Good morning, Sam' at 08:00."""
    try:
        local = due_at.astimezone(ZoneInfo(user.timezone))
    except Exception:  # an unknown zone: the hour in UTC is still a fair guess
        local = due_at
    return greeting(user.first_name or "", local)


def _local_day(user, instant: datetime) -> date:
    try:
        return instant.astimezone(ZoneInfo(user.timezone)).date()
    except Exception:  # an unknown zone still gets an offer, by the UTC date
        return instant.date()


def nudge_buttons(offer: tuple[str, ...]) -> Buttons:
    """The offered rituals, the first as the forward action, then "Not tonight" last."""
    first = t.FIRST_LABELS.get(offer[0]) or Phrase(t.START_OTHER, title=_title(offer[0]))
    rows = [[(first, StartRitual(offer[0]).pack())]]
    for key in offer[1:]:
        instead = t.INSTEAD_LABELS.get(key) or Phrase(t.INSTEAD_OTHER, title=_title(key))
        rows.append([(instead, StartRitual(key).pack())])
    rows.append([(t.SKIP_LABEL, SkipTonight().pack())])
    return rows


def _title(ritual_key: str) -> Phrase | str:
    """A ritual's own title, so a new ritual in the rotation needs no label here."""
    ritual = rituals.by_key(ritual_key)
    return Phrase(ritual.title) if ritual else ritual_key
