"""End to end: /hug reaches the partner with two one-tap answers, one a minute per couple
(either way), each hug answered once; old and foreign buttons change nothing."""
from __future__ import annotations

from bot.edge.callbacks import HugBack
from tests.support.people import BEN, EVE, SAM

HUG = "Sam is thinking of you 💛"


def count(standin, person, words: str) -> int:
    return sum(words in (s.text or "") for s in standin.sent_to(person.id))


async def test_a_hug_reaches_the_partner_and_its_answer_comes_back(harness, standin):
    assert "/invite" in (await harness.say(EVE, "/hug")).text
    await harness.pair()
    sent = await harness.say(SAM, "/hug", expect="Sent.")
    assert "Ben will know" in sent.text
    hug = await standin.wait_for(BEN.id, HUG)
    assert [b["text"] for b in hug.buttons] == ["💛 back", "Call later?"]
    await standin.tap(BEN, hug, "💛 back")
    await standin.wait_for(SAM.id, "Ben sent 💛 back")
    await standin.tap(BEN, hug, "Call later?")  # answered already: nothing more goes
    await standin.wait_for(BEN.id, "expired")
    await standin.settle()
    assert count(standin, SAM, "Ben sent") == 1 and count(standin, SAM, "call later") == 0


async def test_one_hug_a_minute_per_couple(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/hug", expect="Sent.")
    await harness.say(BEN, "/hug", expect="a moment ago")  # either way
    harness.clock.advance(seconds=59)
    await harness.say(SAM, "/hug", expect="a moment ago")
    harness.clock.advance(seconds=1)
    await harness.say(BEN, "/hug", expect="Sent.")
    await standin.wait_for(SAM.id, "Ben is thinking of you")
    await standin.settle()
    assert count(standin, BEN, HUG) == 1


async def test_an_older_hugs_button_and_a_strangers_press_change_nothing(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/hug", expect="Sent.")
    first = await standin.wait_for(BEN.id, HUG)
    harness.clock.advance(minutes=2)
    await harness.say(SAM, "/hug", expect="Sent.")
    await standin.settle()
    await standin.tap(BEN, first, "Call later?")  # the first hug's button
    await standin.wait_for(BEN.id, "expired")
    forged = HugBack.parse(first.button("💛 back")["callback_data"])
    await standin.press(EVE, first, HugBack(forged.couple_id, forged.sent_ms, "back").pack())
    await standin.wait_for(EVE.id, "expired")
    await standin.press(SAM, first, first.button("💛 back")["callback_data"])  # own hug
    await standin.wait_for(SAM.id, "expired")
    await standin.settle()
    assert count(standin, SAM, "Ben sent") == 0 and count(standin, SAM, "Ben asks") == 0


async def test_a_hug_served_twice_is_sent_once(harness, standin):
    await harness.pair()
    update = await standin.say(SAM, "/hug")
    await standin.wait_for(BEN.id, HUG)
    await standin.serve_again(update)
    await standin.settle()
    assert count(standin, BEN, HUG) == 1 and count(standin, SAM, "Sent.") == 1
    assert count(standin, SAM, "a moment ago") == 0


async def test_a_hug_during_a_time_out_waits_for_its_end(harness, standin):
    await harness.pair()
    await harness.say(BEN, "/pause 30", expect="time-out has started")
    held = await harness.say(SAM, "/hug", expect="when the time-out ends")
    assert "Ben" in held.text
    await harness.flush()
    await standin.settle()
    assert count(standin, BEN, HUG) == 0
    await harness.say(BEN, "/resume", expect="time-out is over")
    await standin.wait_for(BEN.id, HUG)
