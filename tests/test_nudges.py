"""End to end: the evening nudge on each partner's own clock (the commands that set it are
in test_schedule_commands.py).

The clock is the harness's SettableClock; the tick is fired directly (the background
one may fire too, which is exactly the "two ticks at once" case the claim guards).
"""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from bot.app import build_application
from bot.jobs import nudges, timeouts
from bot.store.models import User
from tests.support.evenings import (
    BEN_MINUTE,
    SAM_MINUTE,
    UTC,
    next_nudge_of,
    nudges_to,
    quiet,
    tick_at,
    two_zones,
)
from tests.support.people import BEN, EVE, SAM


@pytest.fixture
def harness_db_url(database_url):
    """Every harness test here runs on SQLite and on PostgreSQL."""
    return database_url


# --- each at their own minute, once ------------------------------------------------------


async def test_two_zones_each_nudged_at_their_own_minute_once(harness, standin):
    await two_zones(harness)
    for moment in (SAM_MINUTE - timedelta(minutes=1), SAM_MINUTE - timedelta(seconds=1)):
        await tick_at(harness, moment)
    await quiet(harness)
    assert nudges_to(standin, SAM) == [] and nudges_to(standin, BEN) == []
    for seconds in (0, 0, 1, 30, 59, 60, 3600):
        await tick_at(harness, SAM_MINUTE + timedelta(seconds=seconds))
    await quiet(harness)
    assert len(nudges_to(standin, SAM)) == 1 and nudges_to(standin, BEN) == []
    await tick_at(harness, BEN_MINUTE - timedelta(seconds=1))
    await quiet(harness)
    assert nudges_to(standin, BEN) == []
    for seconds in (0, 1, 59, 600):
        await tick_at(harness, BEN_MINUTE + timedelta(seconds=seconds))
    await quiet(harness)
    assert len(nudges_to(standin, SAM)) == 1 and len(nudges_to(standin, BEN)) == 1


async def test_the_nudge_names_both_and_offers_the_checkin_first_not_tonight_last(harness, standin):
    await two_zones(harness)
    await tick_at(harness, SAM_MINUTE)
    nudge = await standin.wait_for(SAM.id, "Good evening")
    assert "Sam" in nudge.text and "Ben" in nudge.text and nudge.text.rstrip().endswith("?")
    rows = nudge.button_rows
    assert rows[0][0]["callback_data"] == "go:checkin"
    assert rows[1][0]["callback_data"] in ("go:gratitude", "go:trigger")
    assert rows[-1][0] == {"text": "Not tonight", "callback_data": "skip"}
    with harness.session() as session:
        assert session.get(User, SAM.id).nudged_at == SAM_MINUTE


async def test_the_background_tick_lands_within_seconds_of_the_minute(harness, standin):
    await two_zones(harness)
    harness.clock.set(SAM_MINUTE)
    nudge = await standin.wait_for(SAM.id, "Good evening", timeout=3)
    assert nudge is not None


async def test_the_next_evening_comes_again(harness, standin):
    await two_zones(harness)
    await tick_at(harness, SAM_MINUTE)
    assert next_nudge_of(harness, SAM) == SAM_MINUTE + timedelta(days=1)
    await tick_at(harness, SAM_MINUTE + timedelta(days=1))
    await quiet(harness)
    assert len(nudges_to(standin, SAM)) == 2


async def test_two_ticks_racing_nudge_once(harness, standin):
    await two_zones(harness)
    harness.clock.set(SAM_MINUTE)
    counts = await asyncio.gather(*(nudges.tick(harness.services) for _ in range(4)))
    await quiet(harness)
    assert sum(counts) <= 1 and len(nudges_to(standin, SAM)) == 1


# --- restarts and outages ----------------------------------------------------------------


async def test_restart_before_and_after_the_minute_still_once(harness, standin):
    await two_zones(harness)
    harness.clock.set(SAM_MINUTE - timedelta(seconds=30))
    await harness.restart()
    await tick_at(harness, SAM_MINUTE)
    await standin.wait_for(SAM.id, "Good evening")
    harness.clock.set(SAM_MINUTE + timedelta(seconds=30))
    await harness.restart()
    await tick_at(harness, SAM_MINUTE + timedelta(minutes=5))
    await quiet(harness)
    assert len(nudges_to(standin, SAM)) == 1


async def test_a_nudge_claimed_but_not_yet_sent_goes_out_after_a_restart(harness, standin):
    await two_zones(harness)
    harness.clock.set(SAM_MINUTE)
    await harness.stop()
    harness.app = build_application(harness.settings, clock=harness.clock)
    await nudges.tick(harness.services)  # claimed and queued; the bot is down
    await harness.restart()
    await standin.wait_for(SAM.id, "Good evening")
    await tick_at(harness, SAM_MINUTE + timedelta(seconds=5))
    await quiet(harness)
    assert len(nudges_to(standin, SAM)) == 1


async def test_a_nudge_missed_by_less_than_two_hours_is_sent_on_start(harness, standin):
    await two_zones(harness)
    await harness.stop()
    harness.clock.set(SAM_MINUTE + timedelta(hours=1, minutes=59))
    await harness.start()
    await standin.wait_for(SAM.id, "Good evening", timeout=3)
    await tick_at(harness, SAM_MINUTE + timedelta(hours=2))
    await quiet(harness)
    assert len(nudges_to(standin, SAM)) == 1


async def test_a_nudge_missed_by_more_than_two_hours_is_skipped(harness, standin):
    await two_zones(harness)
    await harness.stop()
    harness.clock.set(SAM_MINUTE + timedelta(hours=2, seconds=1))
    await harness.start()
    await tick_at(harness, SAM_MINUTE + timedelta(hours=2, seconds=2))
    await quiet(harness)
    assert nudges_to(standin, SAM) == []
    assert next_nudge_of(harness, SAM) == SAM_MINUTE + timedelta(days=1)


async def test_days_of_downtime_skip_to_the_next_evening_to_come(harness, standin):
    await two_zones(harness)
    await tick_at(harness, SAM_MINUTE + timedelta(days=3, hours=3))
    await quiet(harness)
    assert nudges_to(standin, SAM) == []
    assert next_nudge_of(harness, SAM) == SAM_MINUTE + timedelta(days=4)


# --- who is not nudged -------------------------------------------------------------------


async def test_no_nudge_for_someone_not_paired(harness, standin):
    reply = await harness.say(EVE, "/timezone Europe/Berlin", expect="Europe/Berlin")
    assert "/invite" in reply.text
    await tick_at(harness, SAM_MINUTE)
    await quiet(harness)
    assert nudges_to(standin, EVE) == []
    assert next_nudge_of(harness, EVE) == SAM_MINUTE + timedelta(days=1)


async def test_no_nudge_during_a_time_out_and_back_after_it(harness, standin):
    await two_zones(harness)
    harness.clock.set(SAM_MINUTE - timedelta(minutes=10))
    await harness.say(BEN, "/pause 30", expect="five counts")
    await tick_at(harness, SAM_MINUTE)
    await quiet(harness)
    assert nudges_to(standin, SAM) == [] and nudges_to(standin, BEN) == []
    await harness.say(BEN, "/resume", expect="time-out is over")
    await standin.wait_for(SAM.id, "is back")
    await timeouts.tick(harness.services)  # the words are released once both were told
    await tick_at(harness, SAM_MINUTE + timedelta(days=1))
    await quiet(harness)
    assert len(nudges_to(standin, SAM)) == 1


async def test_time_off_stops_nudges_and_a_time_brings_them_back(harness, standin):
    await two_zones(harness)
    assert "off" in (await harness.say(SAM, "/time off")).text
    assert next_nudge_of(harness, SAM) is None
    await tick_at(harness, SAM_MINUTE)
    await quiet(harness)
    assert nudges_to(standin, SAM) == []
    assert "off" in (await harness.say(SAM, "/time")).text
    reply = await harness.say(SAM, "/time 21:30")
    assert "21:30 (Europe/Berlin); the next one comes today at 21:30" in reply.text
    await tick_at(harness, SAM_MINUTE + timedelta(minutes=30))
    await standin.wait_for(SAM.id, "Good evening")


# --- daylight saving ---------------------------------------------------------------------


async def test_the_nudge_on_the_europe_spring_forward_day(harness, standin):
    await harness.pair(SAM, BEN)
    harness.clock.set(datetime(2027, 3, 27, 12, 0, tzinfo=UTC))
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    await harness.say(BEN, "/timezone Europe/Berlin", expect="Europe/Berlin")
    await harness.say(BEN, "/time 02:30", expect="02:30")  # a minute that doesn't exist on the 28th
    await tick_at(harness, datetime(2027, 3, 27, 20, 0, tzinfo=UTC))  # Saturday, still CET
    assert len(nudges_to(standin, SAM)) == 1
    ben_gap_end = datetime(2027, 3, 28, 1, 0, tzinfo=UTC)  # 03:00 CEST, where the gap ends
    await tick_at(harness, ben_gap_end - timedelta(seconds=1))
    await quiet(harness)
    assert nudges_to(standin, BEN) == []
    await tick_at(harness, ben_gap_end)
    await standin.wait_for(BEN.id, "Hello, Ben 🌙")  # 03:00 there: no "good evening"
    sunday_nine = datetime(2027, 3, 28, 19, 0, tzinfo=UTC)  # 21:00 CEST
    await tick_at(harness, sunday_nine - timedelta(seconds=1))
    await quiet(harness)
    assert len(nudges_to(standin, SAM)) == 1
    await tick_at(harness, sunday_nine)
    await quiet(harness)
    assert len(nudges_to(standin, SAM)) == 2 and len(nudges_to(standin, BEN)) == 1
    assert next_nudge_of(harness, BEN) == datetime(2027, 3, 29, 0, 30, tzinfo=UTC)


# --- answering the nudge -----------------------------------------------------------------


async def test_not_tonight_is_answered_kindly(harness, standin):
    await two_zones(harness)
    await tick_at(harness, SAM_MINUTE)
    nudge = await standin.wait_for(SAM.id, "Good evening")
    reply = await harness.tap(SAM, nudge, "Not tonight", expect="Rest well")
    assert reply.text == "Rest well. I'll be here tomorrow evening."
    with harness.session() as session:
        assert session.get(User, SAM.id).nudged_at is None


async def test_a_nudge_answered_reaches_the_partner(harness, standin):
    await two_zones(harness)
    await tick_at(harness, SAM_MINUTE)
    nudge = await standin.wait_for(SAM.id, "Good evening")
    question = await harness.tap(SAM, nudge, "Start the check-in")
    for _ in range(10):
        if "On its way to Ben" in (question.text or ""):
            break
        question = await harness.say(SAM, "Calm, like a slow evening")
    assert "On its way to Ben" in question.text
    relayed = await standin.wait_for(BEN.id, "From Sam")
    assert "slow evening" in relayed.text
