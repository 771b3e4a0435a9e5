"""The evening tick: claim whoever's nudge minute has come, and queue their nudge once.

Each run reads the clock, asks the `next_nudge_at` index who is due, and in one
transaction per batch moves each person's next nudge to the following evening and
queues tonight's nudge in the outbox; the delivery loop sends at Telegram's pace.
A nudge found more than LATE_LIMIT late (the bot was down) is skipped, not sent.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram.ext import Application

import rituals
from bot import keyboards
from bot.services import Services
from bot.store import nudging, outbox, pauses
from bot.store.outbox import Buttons
from rituals import schedule

log = logging.getLogger(__name__)

TICK_SECONDS = 1.0  # a nudge lands within about a second of its minute's start
BATCH = 250  # people claimed per transaction: about 0.15 s of the event loop at most
LATE_LIMIT = timedelta(hours=2)
TASK_KEY = "nudge_task"

SKIP_DATA = "nudge:skip"
SKIP_LABEL = "Not tonight"
NUDGE_TEXT = (
    "Good evening, {name} 🌙\n"
    "A quiet minute for you, and a way for {partner} to hear how your day sat with you. Ready?"
)
FIRST_LABELS = {
    "checkin": "Start the check-in",
    "gratitude": "Share a gratitude",
    "trigger": "Name what stung",
}
INSTEAD_LABELS = {
    "checkin": "Check-in instead",
    "gratitude": "Gratitude instead",
    "trigger": "Name what stung instead",
}


def start(app: Application) -> None:
    """Start the tick beside the delivery loop."""
    app.bot_data[TASK_KEY] = asyncio.create_task(run_forever(app))


async def stop(app: Application) -> None:
    task = app.bot_data.pop(TASK_KEY, None)
    if task is None:
        return
    task.cancel()
    try:
        await task
    except (asyncio.CancelledError, Exception):
        pass


async def run_forever(app: Application, interval: float = TICK_SECONDS) -> None:
    while True:
        try:
            await tick(app)
        except Exception as error:  # the tick must outlive any one bad moment
            log.error("nudge tick error: %s", type(error).__name__)
        await asyncio.sleep(interval)


async def tick(app: Application) -> int:
    """Queue every nudge due now, once each; returns how many were queued."""
    services: Services = app.bot_data["services"]
    queued = 0
    while True:
        batch_size, batch_queued = _run_batch(services, services.clock())
        queued += batch_queued
        if batch_queued and services.deliverer is not None:
            services.deliverer.wake()
        if batch_size < BATCH:
            return queued
        await asyncio.sleep(0)  # let updates and deliveries through between batches


def _run_batch(services: Services, now: datetime) -> tuple[int, int]:
    """One transaction: claim up to BATCH due people and queue the nudges owed. (seen, queued)"""
    with services.session() as session:
        batch = nudging.due(session=session, now=now, limit=BATCH)
        if not batch:
            return 0, 0
        homes = nudging.households(session=session, user_ids=[item.user_id for item in batch])
        # Every claim first, then the inserts: no half-built rows to flush before each UPDATE.
        owed = [(item, homes[item.user_id]) for item in batch
                if item.user_id in homes and _claim(session, item, homes[item.user_id], now)]
        for item, home in owed:
            _queue(session, item, home, now)
    log.info("nudge tick: %d due, %d queued", len(batch), len(owed))
    return len(batch), len(owed)


def _claim(session, item: nudging.Due, home: nudging.Household, now: datetime) -> bool:
    """Move this person on to their next evening; True when tonight's nudge is ours to send."""
    send = _should_send(home, item, now)
    next_at = nudging.following(home.user, item, now)
    won = nudging.claim(session=session, item=item, next_at=next_at,
                        nudged_at=now if send else None)
    return won and send


def _queue(session, item: nudging.Due, home: nudging.Household, now: datetime) -> None:
    outbox.enqueue(
        session=session,
        recipient_id=home.user.id,
        texts=[NUDGE_TEXT.format(name=home.user.first_name or "there",
                                 partner=home.partner.first_name or "your partner")],
        now=now,
        couple_id=home.user.couple_id,
        kind="nudge",
        buttons=nudge_buttons(schedule.todays_offer(_local_day(home.user, item.due_at))),
        holdable=False,
    )


def _should_send(home: nudging.Household, item: nudging.Due, now: datetime) -> bool:
    """Paired, wanting nudges, reachable, not in a time-out, and not hours late."""
    if home.partner is None or home.user.nudges_off or not home.user.timezone:
        return False
    if home.user.blocked_at is not None:
        return False  # parked, it would arrive stale whenever they came back
    if pauses.is_paused(home.couple):
        return False
    return now - item.due_at <= LATE_LIMIT


def _local_day(user, instant: datetime) -> date:
    try:
        return instant.astimezone(ZoneInfo(user.timezone)).date()
    except Exception:  # an unknown zone still gets an offer, by the UTC date
        return instant.date()


def nudge_buttons(offer: tuple[str, ...]) -> Buttons:
    """The offered rituals, the first as the forward action, then "Not tonight" last."""
    rows = [[(FIRST_LABELS.get(offer[0], f"Start: {_title(offer[0])}"), keyboards.start_ritual_data(offer[0]))]]
    for key in offer[1:]:
        rows.append([(INSTEAD_LABELS.get(key, f"{_title(key)} instead"), keyboards.start_ritual_data(key))])
    rows.append([(SKIP_LABEL, SKIP_DATA)])
    return rows


def _title(ritual_key: str) -> str:
    """A ritual's own title, so a new ritual in the rotation needs no label here."""
    ritual = rituals.by_key(ritual_key)
    return ritual.title if ritual else ritual_key
