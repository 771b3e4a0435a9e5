"""End to end: time-outs told kindly, words held and delivered in order when they end."""
from __future__ import annotations

import pytest
from sqlmodel import select

from bot.jobs import timeouts
from bot.store.models import Couple, Delivery
from tests.support.flows import run_gratitude
from tests.support.people import BEN, EVE, SAM


@pytest.fixture
def harness_db_url(database_url):
    """Every harness test here runs on SQLite and on PostgreSQL."""
    return database_url


async def test_pause_tells_the_partner_kindly_and_guides_the_pauser(harness, standin):
    await harness.pair()
    await standin.say(SAM, "/pause 45")
    told = await standin.wait_for(BEN.id, "needs a little time to calm down")
    assert "Sam" in told.text and "12:45 UTC" in told.text and "nothing is lost" in told.text
    await standin.wait_for(SAM.id, "in slowly for five")
    started = [t for t in standin.texts_to(SAM.id) if "time-out has started" in t]
    assert started and "/resume" in started[0]


async def test_bad_pause_values_and_states(harness, standin):
    assert "not connected" in (await harness.say(EVE, "/pause")).text
    await harness.pair()
    assert "no time-out" in (await harness.say(SAM, "/resume")).text
    assert "couldn't read" in (await harness.say(SAM, "/pause -3")).text
    assert "within a day" in (await harness.say(SAM, "/pause 5000")).text
    await harness.say(SAM, "/pause", expect="five counts")
    await standin.wait_for(BEN.id, "While Sam settles")
    assert "already running" in (await harness.say(BEN, "/pause")).text
    assert "not connected" in (await harness.say(EVE, "/resume")).text


async def test_words_during_a_pause_are_held_then_delivered_in_order_after_resume(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause", expect="five counts")
    told = await run_gratitude(harness, BEN, "First held words <&>")
    assert "when the time-out ends" in told.text
    await run_gratitude(harness, SAM, "Second held words")
    await run_gratitude(harness, BEN, "Third held words")
    await standin.settle()
    assert not any("held words" in t for t in standin.texts_to(SAM.id) + standin.texts_to(BEN.id))
    partner_resume = await harness.say(BEN, "/resume")
    assert "Sam's time-out ends at" in partner_resume.text
    await standin.say(SAM, "/resume")
    await standin.wait_for(SAM.id, "Third held words")
    await standin.wait_for(BEN.id, "Second held words")
    sam_texts = standin.texts_to(SAM.id)
    end = next(i for i, t in enumerate(sam_texts) if "time-out is over" in t)
    first = next(i for i, t in enumerate(sam_texts) if "First held words <&>" in t)
    third = next(i for i, t in enumerate(sam_texts) if "Third held words" in t)
    assert end < first < third
    ben_end = standin.wait_for(BEN.id, "back from the time-out")
    assert "Sam" in (await ben_end).text


async def test_the_time_out_ends_by_itself_on_the_clock(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause 30", expect="five counts")
    await run_gratitude(harness, BEN, "Waiting words")
    harness.clock.advance(minutes=29)
    assert await timeouts.tick(harness.services) == 0
    harness.clock.advance(minutes=1)
    await standin.wait_for(SAM.id, "Waiting words", timeout=5)  # the 1 s tick did it
    end_message = await standin.wait_for(SAM.id, "time-out is over")
    assert end_message.buttons[-1]["text"] == "I need more time"
    assert end_message.buttons[0]["text"] == "Start a check-in"


async def test_no_message_is_delivered_twice_when_two_ends_race(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause", expect="five counts")
    await run_gratitude(harness, BEN, "Only once please")
    harness.clock.advance(minutes=21)
    import asyncio

    await asyncio.gather(timeouts.tick(harness.services), timeouts.tick(harness.services))
    await standin.settle()
    assert sum("Only once please" in t for t in standin.texts_to(SAM.id)) == 1
    assert sum("time-out is over" in t for t in standin.texts_to(SAM.id)) == 1


async def test_the_end_survives_a_restart(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause 20", expect="five counts")
    await run_gratitude(harness, BEN, "Words across a restart")
    await harness.stop()
    harness.clock.advance(minutes=25)
    await harness.start()
    await standin.wait_for(SAM.id, "Words across a restart", timeout=5)
    await standin.settle()
    with harness.session() as session:
        couple = session.exec(select(Couple)).one()
        assert couple.paused_by is None and couple.paused_until is None
        assert not session.exec(select(Delivery).where(Delivery.status == "pending")).all()


async def test_need_more_time_extends_it(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause", expect="five counts")
    await harness.say(SAM, "/resume", expect="time-out is over")
    end_message = [s for s in standin.sent_to(SAM.id) if "time-out is over" in (s.text or "")][-1]
    await harness.tap(SAM, end_message, "more time", expect="now lasts until")
    await standin.wait_for(BEN.id, "needs a little more time")
    await run_gratitude(harness, BEN, "Held again")
    await standin.settle()
    assert not any("Held again" in t for t in standin.texts_to(SAM.id))


async def test_the_way_back_in_starts_a_ritual(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause", expect="five counts")
    await harness.say(SAM, "/resume", expect="time-out is over")
    end_message = await standin.wait_for(BEN.id, "back from the time-out")
    await harness.tap(BEN, end_message, "Name what stung", expect="happened")
