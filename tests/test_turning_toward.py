"""End to end: under a named trigger, three one-tap ways to turn toward it beside a reply;
a reply to it asks first what was heard and relays both parts; headers read as a person
would write them."""
from __future__ import annotations

from tests.support.people import BEN, SAM


async def named_trigger(harness, standin, person=SAM, partner=BEN):
    await harness.say(person, "/trigger", expect="happened")
    felt = await harness.say(person, "You checked your phone while I talked", expect="feel")
    need = await harness.tap(person, felt, "Unseen", expect="need")
    await harness.tap(person, need, "listened", expect="On its way")
    return await standin.wait_for(partner.id, "You checked your phone")


async def test_a_trigger_offers_three_one_tap_answers_beside_the_reply(harness, standin):
    await harness.pair()
    relayed = await named_trigger(harness, standin)
    assert relayed.text.startswith("From Sam · Something stung\n\n")
    assert [b["text"] for b in relayed.buttons] == [
        "I hear you 💛", "Thank you for telling me", "That makes sense", "Reply to Sam"]
    await standin.tap(BEN, relayed, "Thank you for telling me")
    heard = await standin.wait_for(SAM.id, "Ben read what you named:")
    assert heard.text == "Ben read what you named:\n\nThank you for telling me"
    await standin.tap(BEN, relayed, "That makes sense")  # one answer per entry
    await standin.settle()
    assert sum("Ben read" in t for t in standin.texts_to(SAM.id)) == 1


async def test_that_makes_sense_reaches_the_author_too(harness, standin):
    await harness.pair()
    relayed = await named_trigger(harness, standin)
    await standin.tap(BEN, relayed, "That makes sense")
    assert (await standin.wait_for(SAM.id, "Ben read")).text.endswith("\n\nThat makes sense")


async def test_a_reply_to_a_trigger_asks_what_was_heard_and_relays_both_parts(harness, standin):
    await harness.pair()
    relayed = await named_trigger(harness, standin)
    ask = await harness.tap(BEN, relayed, "Reply to Sam", expect="What did you hear Sam needs?")
    assert [b["text"] for b in ask.buttons] == ["Skip", "Cancel"]
    second = await harness.say(BEN, "~skip, to be listened to", expect="What would you like to say")
    assert [b["text"] for b in second.buttons] == ["Cancel"]
    await harness.say(BEN, "I'll put it away at dinner <3", expect="On its way to Sam")
    reply = await standin.wait_for(SAM.id, "Ben answered what you named:")
    assert reply.text == ("Ben answered what you named:\n\nWhat I heard you need:\n"
                          "~skip, to be listened to\n\nI'll put it away at dinner <3")
    assert [b["text"] for b in reply.buttons] == ["I hear you 💛", "Reply to Ben"]
    page = await harness.say(SAM, "/thread", expect="What I heard you need")
    assert "Ben · Reply" in page.text


async def test_what_was_heard_can_be_skipped(harness, standin):
    await harness.pair()
    relayed = await named_trigger(harness, standin)
    ask = await harness.tap(BEN, relayed, "Reply to Sam", expect="What did you hear")
    await harness.tap(BEN, ask, "Skip", expect="What would you like to say")
    await standin.tap(BEN, ask, "Skip")  # the old Skip again: the step went on, nothing happens
    await harness.say(BEN, "I'm listening now", expect="On its way to Sam")
    reply = await standin.wait_for(SAM.id, "Ben answered what you named:")
    assert reply.text == "Ben answered what you named:\n\nI'm listening now"


async def test_a_reply_to_a_reply_reads_as_an_answer_to_you(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "The soup", expect="feel")
    await harness.tap(SAM, feeling, "Loved", expect="On its way")
    relayed = await standin.wait_for(BEN.id, "From Sam · Gratitude")
    assert [b["text"] for b in relayed.buttons] == ["I hear you 💛", "Reply to Sam"]
    await harness.tap(BEN, relayed, "Reply to Sam", expect="What would you like to say")
    await harness.say(BEN, "Anytime", expect="On its way")
    answer = await standin.wait_for(SAM.id, "Ben answered your thanks:")
    await harness.tap(SAM, answer, "Reply to Ben", expect="What would you like to say")
    await harness.say(SAM, "Thank you", expect="On its way")
    assert (await standin.wait_for(BEN.id, "Sam answered you:")).text.endswith("Thank you")
