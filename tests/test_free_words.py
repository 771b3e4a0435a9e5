"""End to end: words typed with nothing open are offered back, never sent without a tap;
during a time-out they are held like the rest; a nudge's window closes when its ritual
starts, however it starts."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import select

from bot.jobs import nudges, prune, timeouts
from bot.store.models import Entry, Offer, RitualRun, User
from tests.support.people import BEN, EVE, SAM

SAM_MINUTE = datetime(2026, 11, 25, 20, 0, tzinfo=timezone.utc)  # 21:00 in Berlin


async def offered(harness, person, words: str):
    return await harness.say(person, words, expect="You wrote")


def labels(sent) -> list[str]:
    return [b["text"] for b in sent.buttons]


async def nudged(harness, standin, person=SAM):
    await harness.say(person, "/timezone Europe/Berlin", expect="Europe/Berlin")
    harness.clock.set(SAM_MINUTE)
    await nudges.tick(harness.services)
    return await standin.wait_for(person.id, "Good evening")


async def test_free_words_are_offered_back_and_sent_only_with_a_tap(harness, standin):
    await harness.pair()
    words = "I keep thinking about our walk <3 & the rain 🌧"
    offer = await offered(harness, SAM, words)
    assert words in offer.text and offer.text.rstrip().endswith("?")
    assert labels(offer) == ["Send to Ben", "Keep it private"]
    await standin.settle()
    assert not any(words in t for t in standin.texts_to(BEN.id))
    await harness.tap(SAM, offer, "Send to Ben", expect="On its way to Ben")
    relayed = await standin.wait_for(BEN.id, words)
    assert relayed.text == f"Sam wrote:\n\n{words}"
    assert [b["text"] for b in relayed.buttons] == ["I hear you 💛", "Reply to Sam"]
    sam_before = len(standin.sent_to(SAM.id))
    await standin.tap(SAM, offer, "Send to Ben")  # a second tap: nothing visible, nothing sent
    await standin.tap(BEN, relayed, "I hear you")
    heard = await standin.wait_for(SAM.id, "Ben read your words", after=sam_before)
    assert "I hear you 💛" in heard.text
    await standin.settle()
    assert sum(words in t for t in standin.texts_to(BEN.id)) == 1
    assert len(standin.sent_to(SAM.id)) == sam_before + 1
    page = await harness.say(BEN, "/thread", expect=words)
    assert "Sam · Message" in page.text
    with harness.session() as session:
        assert [o.body for o in session.exec(select(Offer))] == [""]


async def test_keep_it_private_sends_and_keeps_nothing(harness, standin):
    await harness.pair()
    offer = await offered(harness, SAM, "Just for me tonight")
    await harness.tap(SAM, offer, "Keep it private", expect="Nothing was sent")
    await standin.settle()
    assert not any("Just for me" in t for t in standin.texts_to(BEN.id))
    with harness.session() as session:
        assert not session.exec(select(Entry)).all()
        assert all(o.body == "" for o in session.exec(select(Offer)))


async def test_an_offer_is_the_writers_own_and_leaves_with_the_day(harness, standin):
    await harness.pair()
    offer = await offered(harness, SAM, "Words for Ben only")
    await standin.say(EVE, "/start")
    await standin.tap(EVE, offer, "Send to Ben")  # another person's press reads nothing
    await standin.wait_for(EVE.id, "expired")
    harness.clock.advance(days=1, seconds=1)
    await prune.tick(harness.services)
    with harness.session() as session:
        assert not session.exec(select(Offer)).all()
    await harness.tap(SAM, offer, "Send to Ben", expect="expired")
    await standin.settle()
    assert not any("Words for Ben only" in t for t in standin.texts_to(BEN.id))


async def test_words_typed_during_a_time_out_are_held_until_it_ends(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/pause 30", expect="five counts")
    await standin.wait_for(BEN.id, "While Sam settles")
    offer = await offered(harness, BEN, "I'm sorry about earlier")
    assert "time-out until 12:30 UTC" in offer.text
    assert labels(offer) == ["Send when the time-out ends", "Keep it private"]
    told = await harness.tap(BEN, offer, "Send when", expect="Saved")
    assert told.text == "Saved. It will reach Sam when the time-out ends, at 12:30 UTC."
    await standin.settle()
    assert not any("sorry about earlier" in t for t in standin.texts_to(SAM.id))
    harness.clock.advance(minutes=30)
    await timeouts.tick(harness.services)
    held = await standin.wait_for(SAM.id, "sorry about earlier")
    texts = standin.texts_to(SAM.id)
    assert texts.index(held.text) > next(i for i, t in enumerate(texts) if "time-out is over" in t)


async def test_a_nudge_answered_by_its_button_is_closed_to_later_words(harness, standin):
    await harness.pair()
    nudge = await nudged(harness, standin)
    weather = await harness.tap(SAM, nudge, "Start the check-in", expect="weather")
    body = await harness.tap(SAM, weather, "Sunny", expect="body")
    moment = await harness.tap(SAM, body, "Chest", expect="one sentence")
    await harness.say(SAM, "We laughed at dinner", expect="On its way to Ben")
    reply = await harness.say(SAM, "good night")
    assert reply.text.startswith("You wrote") and "Use it for tonight's check-in" not in labels(reply)
    assert moment.buttons
    with harness.session() as session:
        assert session.get(RitualRun, SAM.id) is None


async def test_a_nudge_answered_by_a_command_is_closed_too(harness, standin):
    await harness.pair()
    await nudged(harness, standin)
    question = await harness.say(SAM, "/gratitude", expect="What did")
    await harness.tap(SAM, question, "Cancel", expect="nothing was sent")
    assert (await harness.say(SAM, "good night")).text.startswith("You wrote")


async def test_during_a_time_out_the_open_nudge_is_offered_beside_the_words(harness, standin):
    await harness.pair()
    await nudged(harness, standin)
    await harness.say(BEN, "/pause", expect="five counts")
    offer = await offered(harness, SAM, "Long day, but ok")  # not taken as the check-in's answer
    assert labels(offer) == ["Send when the time-out ends", "Use it for tonight's check-in",
                             "Keep it private"]
    await harness.tap(SAM, offer, "check-in", expect="Where do you feel")
    with harness.session() as session:
        assert session.get(User, SAM.id).nudged_at is None
        assert session.get(RitualRun, SAM.id).ritual == "checkin"


async def test_a_nudge_still_takes_one_typed_reply_outside_a_time_out(harness, standin):
    await harness.pair()
    await nudged(harness, standin)
    harness.clock.advance(minutes=5)
    body = await harness.say(SAM, "Long day, but ok", expect="Where do you feel")
    await harness.tap(SAM, body, "Cancel", expect="nothing was sent")
    assert (await harness.say(SAM, "good night")).text.startswith("You wrote")
