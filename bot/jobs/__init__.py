"""Timed work, each tick claim-guarded so several processes can share it: the evening
nudges, the ends of time-outs, the weekly State of the Union, closing rounds answered blind,
pruning the inbox, watching the database file, and freeing the leases of a killed
neighbour. Run by python-telegram-bot's JobQueue."""
from __future__ import annotations

import logging

from telegram.ext import Application

from bot.jobs import leases, nudges, prune, rounds, storage, timeouts, weekly

log = logging.getLogger(__name__)

TICKS = (
    (nudges.tick, 1.0, "nudges"),
    (timeouts.tick, 1.0, "time-out ends"),
    (weekly.tick, 5.0, "weekly preparations"),
    (rounds.tick, 30.0, "closing shared rounds"),
    (prune.tick, 3600.0, "inbox pruning"),
    (storage.tick, 2.0, "database file watch"),
    (leases.tick, 10.0, "leases of stopped processes"),
)


def schedule(app: Application) -> None:
    """Register every tick with the JobQueue; each one's failure is logged, never fatal."""
    for tick, interval, name in TICKS:
        app.job_queue.run_repeating(_guarded(tick, name), interval=interval, first=interval,
                                    name=name)


def _guarded(tick, name: str):
    async def run(context) -> None:
        try:
            await tick(context.application.bot_data["services"])
        except Exception as error:  # one bad tick must not stop the next one
            log.error("%s tick failed: %s", name, type(error).__name__)

    return run
