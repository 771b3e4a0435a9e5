"""End to end: /timezone and /time answer clearly and set the next evening nudge, on SQLite
and on PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot.store.models import User
from tests.support.evenings import SAM_MINUTE, next_nudge_of, tick_at
from tests.support.people import BEN, SAM


@pytest.fixture
def harness_db_url(database_url):
    """Every harness test here runs on SQLite and on PostgreSQL."""
    return database_url


async def test_timezone_alone_says_how_then_shows_the_zone(harness):
    assert "/timezone Europe/Berlin" in (await harness.say(SAM, "/timezone")).text
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    reply = await harness.say(SAM, "/timezone")
    assert "Europe/Berlin" in reply.text and "13:00" in reply.text


async def test_a_city_alone_is_enough(harness):
    reply = await harness.say(SAM, "/timezone tokyo")
    assert "Asia/Tokyo" in reply.text and "21:00" in reply.text


async def test_an_unknown_zone_gets_an_example(harness):
    for text in ("Mars/Phobos", "Atlantis", "x" * 200):
        reply = await harness.say(SAM, f"/timezone {text}")
        assert "don't know the time zone" in reply.text and "/timezone Berlin" in reply.text
    with harness.session() as session:
        assert session.get(User, SAM.id).timezone is None


async def test_impossible_times_get_a_clear_answer(harness):
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    for text in ("25:99", "24:00", "banana", "9", "13pm"):
        reply = await harness.say(SAM, f"/time {text}")
        assert "isn't a time I can use" in reply.text and "/time 21:00" in reply.text
    assert next_nudge_of(harness, SAM) == SAM_MINUTE


async def test_time_shows_the_setting_and_the_next_nudge_in_local_time(harness):
    await harness.pair(SAM, BEN)
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    reply = await harness.say(SAM, "/time")
    assert reply.text == ("Your evening ritual arrives at 21:00 (Europe/Berlin); "
                          "the next one comes today at 21:00.")


async def test_time_accepts_9pm_and_21_30(harness):
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    assert "arrives at 21:00" in (await harness.say(SAM, "/time 9pm")).text
    assert "arrives at 21:30" in (await harness.say(SAM, "/time 21.30")).text
    assert next_nudge_of(harness, SAM) == SAM_MINUTE + timedelta(minutes=30)


async def test_time_before_a_zone_is_kept_and_the_zone_asked_for(harness):
    reply = await harness.say(SAM, "/time 22:15")
    assert "22:15" in reply.text and reply.text.rstrip().endswith("?")
    assert next_nudge_of(harness, SAM) is None
    reply = await harness.say(SAM, "/timezone Europe/Berlin")
    assert "22:15" in reply.text
    assert next_nudge_of(harness, SAM) == SAM_MINUTE + timedelta(hours=1, minutes=15)


async def test_pairing_after_setting_the_zone_needs_nothing_more(harness, standin):
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    await harness.pair(SAM, BEN)
    await tick_at(harness, SAM_MINUTE)
    await standin.wait_for(SAM.id, "Good evening")
