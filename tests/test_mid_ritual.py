"""End to end: odd input mid-ritual is answered briefly and the open question asked again
(so it stays the last message); a double tap acts once and leaves no "expired" behind."""
from __future__ import annotations

import pytest

from bot.texts import common as texts
from tests.support.people import BEN, SAM

ODD = {
    "sticker": {"sticker": {"file_id": "s1", "file_unique_id": "u1", "width": 512, "height": 512,
                            "is_animated": False, "is_video": False, "type": "regular"}},
    "photo": {"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]},
    "voice": {"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 3}},
}


def labels(sent) -> list[str]:
    return [b["text"] for b in sent.buttons]


@pytest.mark.parametrize("kind", sorted(ODD))
async def test_odd_input_mid_ritual_asks_the_open_question_again(harness, standin, kind):
    await harness.pair()
    weather = await harness.say(SAM, "/checkin", expect="weather")
    body = await harness.tap(SAM, weather, "Rainy", expect="body")
    before = len(standin.sent_to(SAM.id))
    await standin.send_other(SAM, **ODD[kind])
    again = await standin.wait_for(SAM.id, after=before)
    assert again.text.startswith(texts.NOT_TEXT_MID)
    assert again.text.endswith("Where do you feel today most?")
    assert labels(again) == labels(body)
    await standin.settle()
    assert standin.sent_to(SAM.id)[-1] is again
    await harness.tap(SAM, again, "Chest", expect="one sentence")  # its buttons work


async def test_an_edit_mid_ritual_asks_again_too(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "The tea", expect="How did it make you feel")
    before = len(standin.sent_to(SAM.id))
    await standin.edit(SAM, "The tea, and the biscuits")
    again = await standin.wait_for(SAM.id, after=before)
    assert again.text.startswith(texts.EDITED_MID) and again.text.endswith("How did it make you feel?")
    assert labels(again) == labels(feeling)


async def test_odd_input_mid_reply_asks_again(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "The tea", expect="feel")
    await harness.tap(SAM, feeling, "Loved", expect="On its way")
    relayed = await standin.wait_for(BEN.id, "The tea")
    await harness.tap(BEN, relayed, "Reply to Sam", expect="What would you like to say")
    before = len(standin.sent_to(BEN.id))
    await standin.send_other(BEN, **ODD["sticker"])
    again = await standin.wait_for(BEN.id, after=before)
    assert again.text.endswith("What would you like to say?") and labels(again) == ["Cancel"]


async def test_odd_input_with_nothing_open_gets_the_plain_answer(harness, standin):
    before = len(standin.sent_to(SAM.id))
    await standin.send_other(SAM, **ODD["photo"])
    assert (await standin.wait_for(SAM.id, after=before)).text == texts.NOT_TEXT


async def test_a_double_tap_on_a_choice_leaves_the_next_question_last(harness, standin):
    await harness.pair()
    weather = await harness.say(SAM, "/checkin", expect="weather")
    await standin.tap(SAM, weather, "Sunny")
    await standin.tap(SAM, weather, "Sunny")
    await standin.wait_for(SAM.id, "Where do you feel")
    await standin.settle()
    texts_to_sam = standin.texts_to(SAM.id)
    assert texts_to_sam[-1].endswith("Where do you feel today most?")
    assert not any(t == texts.STALE_BUTTON for t in texts_to_sam)
    assert sum("Where do you feel" in t for t in texts_to_sam) == 1
    answers = [p for m, p in standin.calls if m == "answerCallbackQuery"]
    assert len(answers) == 2 and not any(p.get("text") for p in answers)


async def test_a_double_tap_on_the_last_choice_sends_once_and_says_nothing_more(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "the morning coffee", expect="How did it make you feel")
    await standin.tap(SAM, feeling, "Loved")
    await standin.tap(SAM, feeling, "Loved")
    await standin.wait_for(BEN.id, "the morning coffee")
    await standin.settle()
    assert standin.texts_to(SAM.id)[-1].startswith("On its way to Ben")
    assert sum("the morning coffee" in t for t in standin.texts_to(BEN.id)) == 1


async def test_a_double_tap_on_the_nudge_start_asks_once(harness, standin):
    await harness.pair()
    await harness.say(BEN, "/pause", expect="five counts")
    await harness.say(BEN, "/resume", expect="time-out is over")
    end = [s for s in standin.sent_to(BEN.id) if "time-out is over" in (s.text or "")][-1]
    await standin.tap(BEN, end, "Start a check-in")
    await standin.tap(BEN, end, "Start a check-in")
    await standin.wait_for(BEN.id, "weather")
    await standin.settle()
    assert sum("weather" in t for t in standin.texts_to(BEN.id)) == 1
