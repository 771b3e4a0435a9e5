"""End to end: long emoji text arrives byte-exact, cut only between whole graphemes; the
danger note comes on clear signs from either partner and never on everyday hyperbole."""
from __future__ import annotations

import regex

from bot.messages import TELEGRAM_LIMIT, utf16_len
from rituals.safety import SAFETY_NOTE
from tests.support.people import BEN, SAM

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
RAINBOW = "🏳\ufe0f\u200d🌈"
CRISIS = "crisis line"


def graphemes(text: str) -> list[str]:
    return regex.findall(r"\X", text)


async def test_a_long_zwj_emoji_text_is_relayed_byte_exact_in_whole_graphemes(harness, standin):
    await harness.pair()
    words = (FAMILY + " " + RAINBOW + "🇩🇪") * 200 + "🫶🏽"
    assert utf16_len(words) > TELEGRAM_LIMIT
    before = len(standin.sent_to(BEN.id))
    offer = await harness.say(SAM, words, expect="You wrote")
    await standin.wait_for(SAM.id, lambda s: (s.text or "").endswith("as you wrote it?"))
    await harness.tap(SAM, standin.sent_to(SAM.id)[-1], "Send to Ben", expect="On its way")
    last = await standin.wait_for(BEN.id, lambda s: bool(s.buttons), after=before)
    parts = [s.text for s in standin.sent_to(BEN.id)[before:]]
    assert parts[-1] == last.text and len(parts) >= 2
    assert "".join(parts) == "Sam wrote:\n\n" + words
    assert "".join(parts).encode("utf-8") == ("Sam wrote:\n\n" + words).encode("utf-8")
    whole = graphemes("Sam wrote:\n\n" + words)
    assert sum(len(graphemes(part)) for part in parts) == len(whole)  # no cluster cut in two
    assert all(utf16_len(part) <= TELEGRAM_LIMIT for part in parts)
    assert offer.text.startswith("You wrote")


async def test_the_danger_note_comes_on_clear_signs_from_either_partner(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/trigger", expect="happened")
    felt = await harness.say(SAM, "He hit me when I asked about the money", expect="feel")
    need = await harness.tap(SAM, felt, "Skip", expect="need")
    await harness.tap(SAM, need, "Skip", expect="On its way to Ben")
    assert SAFETY_NOTE in standin.texts_to(SAM.id)
    assert standin.texts_to(SAM.id)[-1].startswith("On its way to Ben")
    relayed = await standin.wait_for(BEN.id, "He hit me")
    assert not any(CRISIS in t for t in standin.texts_to(BEN.id))  # the reader gets no note
    await harness.tap(BEN, relayed, "Reply to Sam", expect="What did you hear")
    await harness.say(BEN, "That you need to feel safe", expect="What would you like to say")
    await harness.say(BEN, "Sometimes I wish I was dead", expect="On its way to Sam")
    assert SAFETY_NOTE in standin.texts_to(BEN.id)
    offer = await harness.say(BEN, "I don't want to live anymore", expect="Shall I send")
    texts = standin.texts_to(BEN.id)
    assert texts[-2] == SAFETY_NOTE and texts[-1] == offer.text  # the question stays last


async def test_everyday_hyperbole_gets_no_danger_note_either_way(harness, standin):
    await harness.pair()
    for person in (SAM, BEN):
        for words in ("This job is killing me", "I don't want to be here, in this flat",
                      "I could die of embarrassment", "She beat me at chess again"):
            offer = await harness.say(person, words, expect="Shall I send")
            await harness.tap(person, offer, "Send to", expect="On its way")
    await standin.settle()
    assert not any(CRISIS in t for t in standin.texts_to(SAM.id) + standin.texts_to(BEN.id))
