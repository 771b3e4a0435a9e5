"""End to end: a time-out as a couple meets it: held words stay out of sight until they
arrive, /pause reads lengths as people type them, the partner is soothed, both hear five
minutes before the end, and every time shown says its day when it isn't today."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest
from sqlmodel import select

from bot.jobs import timeouts
from tests.support.people import BEN, SAM


async def gratitude(harness, person, words: str, partner: str):
    await harness.say(person, "/gratitude", expect="What did")
    feeling = await harness.say(person, words, expect="How did it make you feel")
    return await harness.tap(person, feeling, "Loved", expect=partner)


async def thread_text(harness, person) -> str:
    return (await harness.say(person, "/thread")).text


async def export_text(harness, standin, person) -> str:
    before = len(standin.sent_to(person.id))
    await standin.say(person, "/export")
    sent = await standin.wait_for(person.id, lambda s: s.method == "sendDocument" or
                                  "empty" in (s.text or ""), after=before)
    return sent.params["document"]["content"].decode() if sent.method == "sendDocument" else ""


async def test_held_words_show_in_neither_thread_nor_export_until_delivered(harness, standin):
    await harness.pair()
    await gratitude(harness, SAM, "Shared before the pause", "Ben")
    await standin.wait_for(BEN.id, "Shared before the pause")
    await harness.say(SAM, "/pause", expect="five counts")
    await gratitude(harness, BEN, "Ben's held words", "Sam")
    await gratitude(harness, SAM, "Sam's held words", "Ben")
    for reader, theirs, own in ((SAM, "Ben's held words", "Sam's held words"),
                                (BEN, "Sam's held words", "Ben's held words")):
        page = await thread_text(harness, reader)
        assert "Shared before the pause" in page and own in page and theirs not in page
        document = await export_text(harness, standin, reader)
        assert own in document and theirs not in document
    harness.clock.advance(minutes=21)
    await timeouts.tick(harness.services)
    await standin.wait_for(SAM.id, "Ben's held words")
    await standin.wait_for(BEN.id, "Sam's held words")
    for reader in (SAM, BEN):
        page = await thread_text(harness, reader)
        assert "Ben's held words" in page and "Sam's held words" in page
        assert "Sam's held words" in await export_text(harness, standin, reader)


async def test_an_old_more_time_button_hours_later_has_expired_and_tells_no_one(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause", expect="five counts")
    await harness.say(SAM, "/resume", expect="time-out is over")
    await standin.wait_for(BEN.id, "back from the time-out")
    end = [s for s in standin.sent_to(SAM.id) if "time-out is over" in (s.text or "")][-1]
    harness.clock.advance(hours=3)
    await standin.settle()
    ben_before = len(standin.sent_to(BEN.id))
    await harness.tap(SAM, end, "more time", expect="expired")
    await standin.settle()
    assert len(standin.sent_to(BEN.id)) == ben_before
    with harness.session() as session:
        from bot.store.models import Couple, User

        couple = session.get(Couple, session.get(User, SAM.id).couple_id)
        assert couple.paused_by is None


async def test_pause_5_explains_the_floor_and_its_button_starts_twenty(harness, standin):
    await harness.pair()
    offer = await harness.say(SAM, "/pause 5")
    assert "20 minutes" in offer.text and "5 minutes" in offer.text
    assert offer.text.rstrip().endswith("?")
    assert [b["text"] for b in offer.buttons] == ["Pause for 20 minutes", "Not now"]
    started = await harness.tap(SAM, offer, "Pause for 20", expect="time-out has started")
    assert "until 12:20 UTC" in started.text
    await standin.wait_for(BEN.id, "until 12:20 UTC")
    sam_before = len(standin.sent_to(SAM.id))
    await standin.tap(SAM, offer, "Pause for 20")  # a second tap: the toast only
    await standin.settle()
    assert len(standin.sent_to(SAM.id)) == sam_before
    assert sum("needs a little time" in t for t in standin.texts_to(BEN.id)) == 1


async def test_not_now_starts_nothing(harness, standin):
    await harness.pair()
    offer = await harness.say(SAM, "/pause 10 min")
    await harness.tap(SAM, offer, "Not now", expect="/pause is here")
    with harness.session() as session:
        from bot.store.models import Couple

        assert all(c.paused_by is None for c in session.exec(select(Couple)))


@pytest.mark.parametrize("typed, until", [("30 min", "12:30"), ("1h", "13:00"), ("90m", "13:30"),
                                          ("1h30", "13:30"), ("", "12:20")])
async def test_pause_reads_lengths_as_people_type_them(harness, standin, typed, until):
    await harness.pair()
    started = await harness.say(SAM, f"/pause {typed}".strip(), expect="time-out has started")
    assert f"until {until} UTC" in started.text


@pytest.mark.parametrize("typed, answer", [("25h", "within a day"), ("3 days", "within a day"),
                                           ("soon", "couldn't read “soon”")])
async def test_too_long_and_not_understood_are_answered(harness, standin, typed, answer):
    await harness.pair()
    reply = await harness.say(SAM, f"/pause {typed}")
    assert answer in reply.text and not reply.buttons


async def test_the_partner_is_soothed_and_both_hear_five_minutes_before_the_end(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause 30", expect="five counts")
    told = await standin.wait_for(BEN.id, "needs a little time")
    soothe = await standin.wait_for(BEN.id, "While Sam settles")
    assert standin.sent_to(BEN.id).index(told) < standin.sent_to(BEN.id).index(soothe)
    harness.clock.advance(minutes=24)
    assert timeouts.warn_soon(harness.services) == 0
    harness.clock.advance(minutes=1, seconds=30)
    await asyncio.gather(timeouts.tick(harness.services), timeouts.tick(harness.services))
    sam = await standin.wait_for(SAM.id, "ends in 5 minutes")
    ben = await standin.wait_for(BEN.id, "ends in 5 minutes")
    assert "at 12:30 UTC" in sam.text and "ask Ben" in sam.text
    assert ben.text.startswith("Sam's time-out ends in 5 minutes, at 12:30 UTC")
    await timeouts.tick(harness.services)
    await standin.settle()
    for person in (SAM, BEN):
        assert sum("ends in 5 minutes" in t for t in standin.texts_to(person.id)) == 1


async def test_more_time_gets_its_own_five_minute_word(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause", expect="five counts")
    harness.clock.advance(minutes=16)
    await timeouts.tick(harness.services)
    await standin.wait_for(SAM.id, "ends in 5 minutes")
    harness.clock.advance(minutes=4)
    await timeouts.tick(harness.services)
    end = await standin.wait_for(SAM.id, "time-out is over")
    await harness.tap(SAM, end, "more time", expect="now lasts until 12:40 UTC")
    harness.clock.advance(minutes=16)
    await timeouts.tick(harness.services)
    await standin.wait_for(BEN.id, lambda s: (s.text or "").count("ends in 5 minutes, at 12:40") == 1)


async def test_times_not_today_say_the_day(harness, standin):
    harness.clock.set(datetime(2026, 11, 25, 23, 30, tzinfo=timezone.utc))
    await harness.pair()
    started = await harness.say(SAM, "/pause 1h", expect="time-out has started")
    assert "until tomorrow at 00:30 UTC" in started.text
    assert "until tomorrow at 00:30 UTC" in (await standin.wait_for(BEN.id, "calm down")).text
    await standin.wait_for(BEN.id, "While Sam settles")
    ends = await harness.say(BEN, "/resume")
    assert "ends tomorrow at 00:30 UTC" in ends.text
    again = await harness.say(BEN, "/pause")
    assert "already running, until tomorrow at 00:30 UTC" in again.text
