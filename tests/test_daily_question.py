"""End to end: /question answered blind. Both answers reach both at once, never earlier, in
either order; a lone answer after 48 hours goes to the partner only if its author says so;
a time-out holds the reveal; /forget before the reveal; the evening nudge's reminder."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.jobs import nudges
from bot.jobs import rounds as closing
from bot.store.models import Delivery, Entry, SharedRound
from tests.support.people import BEN, SAM

SAMS = "A slow breakfast & the <b>market</b>, no phones 💛"
BENS = "Rain outside, a film, and you *always*"
NAMES = {SAM.id: "Sam", BEN.id: "Ben"}


def partner_of(person):
    return BEN if person is SAM else SAM


async def answer(harness, person, words: str, expect: str):
    """Open the question and answer it; the bot's next message to the person (matching)."""
    await harness.say(person, "/question", expect="Only you see this for now")
    return await harness.say(person, words, expect=expect)


def seen_by(standin, person, words: str) -> bool:
    return any(words in (s.text or "") for s in standin.sent_to(person.id))


@pytest.mark.parametrize("first", [SAM, BEN], ids=["sam-first", "ben-first"])
async def test_both_answers_reach_both_at_once_never_earlier(harness, standin, first):
    await harness.pair()
    second = partner_of(first)
    words = {SAM.id: SAMS, BEN.id: BENS}
    prompt = await harness.say(first, "/question", expect="Only you see this for now")
    assert [b["text"] for b in prompt.buttons] == ["Not today", "Cancel"]
    assert prompt.text.rstrip().endswith("?")
    waits = await harness.say(first, words[first.id], expect="waits for")
    assert NAMES[second.id] in waits.text
    await standin.settle()
    assert not seen_by(standin, second, words[first.id])
    ask = await harness.say(second, "/question", expect="Only you see this for now")
    assert f"{NAMES[first.id]} has answered" in ask.text
    assert ask.text.split("\n")[-1] == prompt.text.split("\n")[-1]  # the same question
    await standin.say(second, words[second.id])
    for person in (SAM, BEN):
        reveal = await standin.wait_for(person.id, "You've both answered")
        assert SAMS in reveal.text and BENS in reveal.text
        other = partner_of(person)
        assert reveal.text.index(words[other.id]) < reveal.text.index(words[person.id])
        assert reveal.buttons[0]["text"] == "I hear you 💛"
    with harness.session() as session:
        entries = session.exec(select(Entry).order_by(Entry.id)).all()
        reveals = session.exec(select(Delivery).where(Delivery.kind == "relay")).all()
    assert [(e.author_id, e.body) for e in entries] == [(first.id, words[first.id]),
                                                       (second.id, words[second.id])]
    assert entries[0].round_id == entries[1].round_id is not None
    assert len({d.created_at for d in reveals}) == 1 and len(reveals) == 2  # one transaction
    again = await harness.say(first, "/question")
    assert "both answered today's question" in again.text


async def test_the_thread_and_export_show_nothing_held_then_both_under_the_question(harness, standin):
    await harness.pair()
    await answer(harness, SAM, SAMS, expect="waits for")
    thread = await harness.say(BEN, "/thread")
    assert SAMS not in thread.text
    await standin.say(BEN, "/export")
    await standin.settle()
    documents = [s for s in standin.sent_to(BEN.id) if s.method == "sendDocument"]
    assert all(SAMS not in d.params["document"]["content"].decode() for d in documents)
    await answer(harness, BEN, BENS, expect="You've both answered")
    await standin.settle()
    thread = await harness.say(BEN, "/thread")
    assert "The daily question: " in thread.text
    assert thread.text.index("The daily question: ") < thread.text.index(SAMS) < thread.text.index(BENS)
    assert "Sam · Answer to the daily question" in thread.text
    await standin.say(SAM, "/export")
    document = await standin.wait_for(SAM.id, lambda s: s.method == "sendDocument")
    content = document.params["document"]["content"].decode()
    assert "## The daily question: " in content and "### Ben · Answer to the daily question" in content
    assert SAMS in content and BENS in content


async def test_a_4096_character_answer_is_revealed_exactly(harness, standin):
    await harness.pair()
    long_text = ("Ein Satz mit Umlauten äöü & <tags> 💛 " * 200)[:4096]
    await answer(harness, SAM, long_text, expect="waits for")
    await answer(harness, BEN, BENS, expect="You've both answered")
    await standin.settle()
    parts = [s.text for s in standin.sent_to(BEN.id)]
    start = next(i for i, text in enumerate(parts) if "You've both answered" in text)
    assert long_text in "".join(parts[start:])
    assert all(len(p) <= 4096 for p in parts)


async def test_alone_for_48_hours_the_answer_goes_only_where_its_author_says(harness, standin):
    await harness.pair()
    await answer(harness, SAM, SAMS, expect="waits for")
    harness.clock.advance(hours=47, minutes=59)
    assert await closing.tick(harness.services) == 0
    harness.clock.advance(minutes=1)
    assert await closing.tick(harness.services) == 1
    offer = await standin.wait_for(SAM.id, "closed before Ben answered")
    assert [b["text"] for b in offer.buttons] == ["Share with Ben", "Keep it to myself"]
    assert await closing.tick(harness.services) == 0  # closed once
    late = await harness.say(BEN, "/question", expect="Only you see this for now")
    assert late.text.split("\n")[-1] != offer.text.split("\n")[1]  # a new day's question
    await standin.settle()
    assert not seen_by(standin, BEN, SAMS)
    await harness.tap(SAM, offer, "Share with Ben", expect="On its way to Ben")
    shared = await standin.wait_for(BEN.id, SAMS)
    assert shared.text.startswith("From Sam · Answer to the daily question")
    assert offer.text.split("\n")[1] in shared.text  # the question, then the words
    await standin.tap(SAM, offer, "Keep it to myself")  # the old button: nothing changes
    await standin.wait_for(SAM.id, "expired")
    await standin.settle()
    assert sum(SAMS in t for t in standin.texts_to(BEN.id)) == 1


async def test_kept_to_oneself_nothing_is_sent(harness, standin):
    await harness.pair()
    await answer(harness, SAM, SAMS, expect="waits for")
    harness.clock.advance(hours=48)
    await closing.tick(harness.services)
    offer = await standin.wait_for(SAM.id, "anyway?")
    await harness.tap(SAM, offer, "Keep it to myself", expect="Kept just for you")
    await standin.settle()
    assert not seen_by(standin, BEN, SAMS)


async def test_a_partner_who_lets_it_pass_gets_no_words_and_the_author_is_asked(harness, standin):
    await harness.pair()
    prompt = await harness.say(SAM, "/question", expect="Only you see this for now")
    await harness.tap(SAM, prompt, "Not today", expect="Nothing of yours will be shown")
    offer = await answer(harness, BEN, BENS, expect="let this question pass")
    assert offer.buttons[0]["text"] == "Share with Sam"
    await standin.settle()
    assert not seen_by(standin, SAM, BENS)
    calls, before = len(standin.calls), len(standin.sent_to(SAM.id))
    await standin.tap(SAM, prompt, "Not today")  # a second tap on an answered button
    await standin.wait_for_call("answerCallbackQuery", lambda p: True, after=calls)
    await standin.settle()
    assert len(standin.sent_to(SAM.id)) == before  # nothing visible, nothing changed
    assert not seen_by(standin, SAM, BENS)


async def test_a_time_out_holds_the_reveal_until_it_ends(harness, standin):
    await harness.pair()
    await answer(harness, SAM, SAMS, expect="waits for")
    await harness.say(BEN, "/pause 30", expect="time-out has started")
    held = await answer(harness, BEN, BENS, expect="when the time-out ends")
    assert "both" in held.text
    await harness.flush()
    await standin.settle()
    assert not seen_by(standin, SAM, BENS) and not seen_by(standin, BEN, SAMS)
    await harness.say(BEN, "/resume", expect="time-out is over")
    for person in (SAM, BEN):
        reveal = await standin.wait_for(person.id, "You've both answered")
        assert SAMS in reveal.text and BENS in reveal.text
    back = next(i for i, s in enumerate(standin.sent_to(SAM.id)) if "is back" in (s.text or ""))
    first_reveal = next(i for i, s in enumerate(standin.sent_to(SAM.id)) if BENS in (s.text or ""))
    assert back < first_reveal


async def test_forget_before_the_reveal_gives_the_waiting_answer_back(harness, standin):
    await harness.pair()
    await answer(harness, SAM, SAMS, expect="waits for")
    ask = await harness.say(BEN, "/forget", expect="deletes everything")
    await harness.tap(BEN, ask, "Delete everything", expect="everything I held about you")
    back = await standin.wait_for(SAM.id, "yours to keep")
    assert SAMS in back.text and "Ben deleted their data" in back.text
    with harness.session() as session:
        state = session.exec(select(SharedRound)).one()
    assert state.status == "closed"


async def test_forget_takes_the_forgetters_held_answer_out_of_the_round(harness, standin):
    await harness.pair()
    await answer(harness, BEN, BENS, expect="waits for")
    ask = await harness.say(BEN, "/forget", expect="deletes everything")
    await harness.tap(BEN, ask, "Delete everything", expect="everything I held about you")
    await standin.wait_for(SAM.id, "deleted their data")
    with harness.session() as session:
        rows = session.exec(select(SharedRound)).all()
    assert rows and all(BENS not in row.state for row in rows)
    await standin.settle()
    assert not seen_by(standin, SAM, BENS)


async def test_the_same_answer_served_twice_is_taken_once(harness, standin):
    await harness.pair()
    await answer(harness, SAM, SAMS, expect="waits for")
    await harness.say(BEN, "/question", expect="Only you see this for now")
    update = await standin.say(BEN, BENS)
    await standin.wait_for(BEN.id, "You've both answered")
    await standin.serve_again(update)
    await standin.settle()
    for person in (SAM, BEN):
        assert sum("You've both answered" in t for t in standin.texts_to(person.id)) == 1
    assert not any("answered this one already" in t for t in standin.texts_to(BEN.id))


async def test_the_evening_nudge_reminds_once_and_offers_the_question(harness, standin):
    await harness.pair()
    await harness.say(BEN, "/timezone Europe/Berlin", expect="Europe/Berlin")
    await answer(harness, SAM, SAMS, expect="waits for")
    evening = harness.clock().replace(hour=20, minute=0)  # 21:00 in Berlin
    for day in (0, 1):
        harness.clock.set(evening + timedelta(days=day))
        await nudges.tick(harness.services)
        await harness.flush()
    await standin.settle()
    evenings = [s for s in standin.sent_to(BEN.id) if "Good evening" in (s.text or "")]
    assert len(evenings) == 2
    assert "Sam's answer to today's question is waiting for yours" in evenings[0].text
    assert "waiting for yours" not in evenings[1].text  # once per question
    assert evenings[0].text.rstrip().endswith("?") and SAMS not in evenings[0].text
    rows = [row[0]["text"] for row in evenings[1].button_rows]
    assert rows[-2:] == ["Today's question", "Not tonight"]
    ask = await harness.tap(BEN, evenings[1], "Today's question", expect="Only you see this")
    assert "Sam has answered" in ask.text  # the one Sam's answer waits in, not a new one
    await harness.say(BEN, BENS, expect="You've both answered")
