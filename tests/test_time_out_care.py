"""End to end: a time-out as a couple meets it: held words stay out of sight until they
arrive, /pause reads lengths as people type them, the partner is soothed, both hear five
minutes before the end, and every time shown says its day when it isn't today."""
from __future__ import annotations

from bot.jobs import timeouts
from tests.harness import BEN, SAM


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
