"""The evening nudge as the tests drive it: the clock moved, the tick fired, nudges counted.

Sam is in Berlin and Ben in New York (`two_zones`); each is due at 21:00 their own time.
"""
from __future__ import annotations

from datetime import datetime, timezone

from bot.edge.callbacks import SkipTonight
from bot.jobs import nudges
from bot.store.models import User
from tests.support.people import BEN, SAM

UTC = timezone.utc
SAM_MINUTE = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)  # 21:00 in Berlin
BEN_MINUTE = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 21:00 in New York


def nudges_to(standin, person) -> list:
    """The nudges (messages with the "Not tonight" button) that reached `person`."""
    return [s for s in standin.sent_to(person.id)
            if any(b.get("callback_data") == SkipTonight().pack() for b in s.buttons)]


async def tick_at(harness, moment: datetime) -> None:
    """Move the clock, fire the tick, and let whatever it queued go out."""
    harness.clock.set(moment)
    await nudges.tick(harness.services)
    await harness.flush()


async def quiet(harness) -> None:
    """Send what is owed, then wait until the bot has gone quiet."""
    await harness.flush()
    await harness.standin.settle(quiet=0.1)


async def two_zones(harness) -> None:
    """Sam and Ben paired, Sam in Berlin, Ben in New York."""
    await harness.pair(SAM, BEN)
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    await harness.say(BEN, "/timezone America/New_York", expect="America/New_York")


def next_nudge_of(harness, person) -> datetime | None:
    with harness.session() as session:
        return session.get(User, person.id).next_nudge_at
