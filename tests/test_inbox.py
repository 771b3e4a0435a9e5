"""Every update is a row before it is handled: served twice, it acts once; one slow chat
holds up nobody else; guarded changes and buttons that name what they act on."""
from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from bot.edge.callbacks import Unpair
from bot.store.models import Entry, InboxUpdate, User
from tests.support.flows import invite_code, run_gratitude
from tests.support.people import BEN, EVE, SAM


@pytest.fixture
def harness_db_url(database_url):
    """Every test here runs on SQLite and on PostgreSQL."""
    return database_url


# Well under the 5 s (or 30 s) one chat is held up, with room for a busy 2-core machine.
SLOWEST_OTHERS = 2.5


async def answer_time(harness, person) -> float:
    loop = asyncio.get_running_loop()
    started = loop.time()
    await harness.say(person, "/help", expect="Here's what I can do")
    return loop.time() - started


def count(standin, person, words: str) -> int:
    return sum(words in (s.text or "") for s in standin.sent_to(person.id))


async def test_a_typed_answer_served_twice_is_taken_once(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    typed = await standin.say(SAM, "You carried the groceries up")
    await standin.wait_for(SAM.id, "How did it make you feel")
    await standin.serve_again(typed)  # Telegram delivers the same update_id again
    await standin.settle()
    assert count(standin, SAM, "How did it make you feel") == 1
    feeling = standin.sent_to(SAM.id)[-1]
    await harness.tap(SAM, feeling, "Loved", expect="On its way")
    relayed = await standin.wait_for(BEN.id, "You carried the groceries up")
    assert relayed.text.count("You carried the groceries up") == 1
    assert "loved" in relayed.text


async def test_an_update_served_again_after_a_restart_acts_once(harness, standin):
    await harness.pair()
    update = await standin.say(SAM, "/help")
    await standin.wait_for(SAM.id, "Here's what I can do")
    await harness.restart()
    await standin.serve_again(update)
    await standin.settle()
    assert count(standin, SAM, "Here's what I can do") == 1
    with harness.session() as session:
        row = session.get(InboxUpdate, update["update_id"])
        assert row.state == "done" and row.payload == ""  # no words kept once handled


async def test_a_double_tap_on_i_hear_you_acts_once(harness, standin):
    await harness.pair()
    await run_gratitude(harness, SAM, "Thank you for the soup")
    relayed = await standin.wait_for(BEN.id, "Thank you for the soup")
    await standin.tap(BEN, relayed, "I hear you")
    await standin.tap(BEN, relayed, "I hear you")
    await standin.wait_for(SAM.id, "read your")
    await standin.settle()
    assert count(standin, SAM, "read your") == 1
    with harness.session() as session:
        heard = session.exec(select(Entry).where(Entry.kind == "heard")).all()
    assert len(heard) == 1


async def test_an_old_unpair_button_from_an_earlier_pairing_changes_nothing(harness, standin):
    await harness.pair()
    ask = await harness.say(SAM, "/unpair", expect="Unpair from Ben?")
    await harness.tap(SAM, ask, "Yes, unpair", expect="no longer paired")
    await harness.pair()  # together again: a new couple
    await standin.tap(SAM, ask, "Yes, unpair")  # the old message's button
    await standin.wait_for(SAM.id, "expired")
    with harness.session() as session:
        assert session.get(User, SAM.id).couple_id == session.get(User, BEN.id).couple_id
        assert session.get(User, SAM.id).couple_id is not None


async def test_a_stranger_naming_a_real_couple_on_a_forged_unpair_changes_nothing(harness, standin):
    await harness.pair()
    with harness.session() as session:
        couple_id = session.get(User, SAM.id).couple_id
    await standin.press(EVE, standin.sent_to(SAM.id)[-1], Unpair(couple_id, "yes").pack())
    await standin.wait_for(EVE.id, "not connected")
    with harness.session() as session:
        assert session.get(User, SAM.id).couple_id == couple_id


async def test_an_invite_dies_when_its_maker_pairs_otherwise(harness, standin):
    sams_link = await harness.say(SAM, "/invite", expect="t.me/")
    bens_link = await harness.say(BEN, "/invite", expect="t.me/")
    await harness.say(SAM, f"/start {invite_code(bens_link.text)}", expect="connected")
    ask = await harness.say(SAM, "/unpair", expect="Unpair from Ben?")
    await harness.tap(SAM, ask, "Yes, unpair", expect="no longer paired")
    refused = await harness.say(EVE, f"/start {invite_code(sams_link.text)}")
    assert "connected" not in refused.text
    with harness.session() as session:
        assert session.get(User, EVE.id).couple_id is None


async def test_one_slow_chat_holds_up_nobody_else(harness, standin):
    await harness.pair()
    gate = asyncio.Event()
    original = standin._api_sendMessage

    async def slow_for_ben(params):
        if int(params.get("chat_id", 0)) == BEN.id:
            await asyncio.wait_for(gate.wait(), 5)
        return await original(params)

    standin._api_sendMessage = slow_for_ben
    try:
        told = await run_gratitude(harness, SAM, "Words for a slow chat")
        assert told.text.startswith("On its way to Ben")
        for person in (EVE, SAM):  # Ben's chat takes 5 s; nobody else waits on it
            assert await answer_time(harness, person) < SLOWEST_OTHERS
    finally:
        gate.set()
        standin._api_sendMessage = original
    await standin.wait_for(BEN.id, "Words for a slow chat")


async def test_words_with_a_nul_character_arrive_byte_exact(harness, standin):
    await harness.pair()
    words = "before\x00after <&> 💛"
    await run_gratitude(harness, SAM, words)
    relayed = await standin.wait_for(BEN.id, "before")
    assert words in relayed.text


async def test_a_long_retry_after_on_one_chat_delays_nobody_else(harness, standin):
    await harness.pair()
    standin.fail_next("sendMessage", 429, chat_id=BEN.id, retry_after=30)
    told = await run_gratitude(harness, SAM, "Words that meet a long wait")
    assert told.text.startswith("On its way to Ben")
    for person in (EVE, SAM):
        assert await answer_time(harness, person) < SLOWEST_OTHERS
    await harness.services.sender.quiet()
    harness.clock.advance(seconds=30)
    await harness.flush()
    await standin.wait_for(BEN.id, "Words that meet a long wait")


async def test_forget_empties_the_persons_rows_in_the_inbox_too(harness, standin):
    await harness.pair()
    ask = await harness.say(SAM, "/forget", expect="Delete it all?")
    await harness.tap(SAM, ask, "Delete everything", expect="deleted")
    with harness.session() as session:
        rows = session.exec(select(InboxUpdate).where(InboxUpdate.person_id == SAM.id)).all()
    assert rows == []


async def test_done_rows_are_pruned_after_a_day(harness, standin):
    from bot.jobs import prune

    await harness.say(SAM, "/help", expect="Here's what I can do")
    assert await prune.tick(harness.services) == 0
    harness.clock.advance(days=1, minutes=1)
    assert await prune.tick(harness.services) >= 1
    with harness.session() as session:
        assert session.exec(select(InboxUpdate).where(InboxUpdate.person_id == SAM.id)).all() == []
