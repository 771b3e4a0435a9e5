"""End to end: relays under 429, 5xx and 403 from the stand-in; nothing lost, order kept,
and the bot still answers /help after each fault."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.messages import split_message
from bot.store import outbox
from bot.store.models import Delivery, Entry, User
from tests.support.people import BEN, SAM


def relay(harness, body: str, author=SAM, partner=BEN) -> list[int]:
    """Save a reflection with its deliveries, as a finished ritual does."""
    with harness.session() as session:
        writer = session.get(User, author.id)
        entry = Entry(couple_id=writer.couple_id, author_id=author.id, kind="gratitude",
                      body=body, created_at=harness.clock())
        session.add(entry)
        session.flush()
        rows = outbox.enqueue(session=session, recipient_id=partner.id,
                              texts=split_message(f"From {author.first_name}\n\n", body),
                              now=harness.clock(), entry_id=entry.id, couple_id=writer.couple_id)
        return [row.id for row in rows]


def rows(harness, ids) -> list[Delivery]:
    with harness.session() as session:
        return [session.get(Delivery, i) for i in ids]


def relayed_bodies(standin, chat_id: int, *bodies: str) -> list[str]:
    """Which of `bodies` reached the chat, once per message that holds them, in arrival order."""
    return [b for s in standin.sent_to(chat_id) for b in bodies if b in (s.text or "")]


async def still_answers_help(harness, person=SAM) -> None:
    assert "/help" in (await harness.say(person, "/help", expect="Here's what I can do")).text


async def test_a_short_429_is_waited_out_and_sent(harness, standin):
    await harness.pair()
    standin.fail_next("sendMessage", 429, chat_id=BEN.id, retry_after=1)
    ids = relay(harness, "short-429 marker")
    await harness.flush()
    harness.clock.advance(seconds=1)
    await harness.flush()
    assert relayed_bodies(standin, BEN.id, "short-429 marker") == ["short-429 marker"]
    assert all(r.status == "sent" for r in rows(harness, ids))
    await still_answers_help(harness)


async def test_a_429_keeps_the_row_pending_for_that_chat_and_goes_after_retry_after(harness, standin):
    await harness.pair()
    standin.fail_next("sendMessage", 429, chat_id=BEN.id, retry_after=30)
    ids = relay(harness, "long-429 marker")
    await harness.flush()
    [row] = rows(harness, ids)
    assert row.status == "pending" and row.attempts == 1 and row.lease_until is None
    assert row.not_before == harness.clock() + timedelta(seconds=30)
    harness.clock.advance(seconds=30)
    await harness.flush()
    assert rows(harness, ids)[0].status == "sent"
    assert relayed_bodies(standin, BEN.id, "long-429 marker") == ["long-429 marker"]
    await still_answers_help(harness)


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_a_server_error_backs_off_keeps_the_row_and_sends_later(harness, standin, status):
    await harness.pair()
    standin.fail_next("sendMessage", status, chat_id=BEN.id, times=2)
    first, second = relay(harness, "first marker"), relay(harness, "second marker")
    await harness.flush()
    assert [r.status for r in rows(harness, first + second)] == ["pending", "pending"]
    assert relayed_bodies(standin, BEN.id, "first marker", "second marker") == []
    for _ in range(2):  # backoff 1 s, then 2 s
        harness.clock.advance(seconds=3)
        await harness.flush()
    assert relayed_bodies(standin, BEN.id, "first marker", "second marker") == [
        "first marker", "second marker"]  # in the order written, once each
    assert rows(harness, first)[0].attempts == 2
    await still_answers_help(harness)


async def test_backoff_grows_and_is_capped(harness, standin):
    await harness.pair()
    standin.fail_next("sendMessage", 500, chat_id=BEN.id, times=30)
    ids = relay(harness, "patient marker")
    waits = []
    for _ in range(12):
        before = harness.clock()
        await harness.flush()
        [row] = rows(harness, ids)
        waits.append((row.not_before - before).total_seconds())
        harness.clock.set(row.not_before)
    assert waits[:4] == [1, 2, 4, 8] and max(waits) == 300
    assert rows(harness, ids)[0].status == "pending"


async def test_a_block_parks_the_words_tells_the_author_once_and_delivers_on_return(harness, standin):
    await harness.pair()
    standin.block(BEN.id)
    first = relay(harness, "before-block marker")
    await harness.flush()
    told = await standin.wait_for(SAM.id, "isn't receiving messages")
    assert "Ben" in told.text
    second = relay(harness, "while-blocked marker")
    await harness.flush()
    await standin.settle()
    assert sum("isn't receiving" in t for t in standin.texts_to(SAM.id)) == 1
    assert [r.status for r in rows(harness, first + second)] == ["pending", "pending"]
    with harness.session() as session:
        assert session.get(User, BEN.id).blocked_at is not None

    standin.unblock(BEN.id)
    await standin.say(BEN, "/help")  # writing to the bot again means they are back
    await standin.wait_for(BEN.id, "while-blocked marker")
    assert relayed_bodies(standin, BEN.id, "before-block marker", "while-blocked marker") == [
        "before-block marker", "while-blocked marker"]
    await still_answers_help(harness, BEN)
    await still_answers_help(harness, SAM)


async def test_a_second_block_after_a_return_tells_the_author_again(harness, standin):
    await harness.pair()
    for round_ in range(2):
        standin.block(BEN.id)
        relay(harness, f"round {round_}")
        await harness.flush()
        await standin.settle()
        standin.unblock(BEN.id)
        await harness.say(BEN, "/help", expect=f"round {round_}")
    assert sum("isn't receiving" in t for t in standin.texts_to(SAM.id)) == 2


async def test_a_real_gratitude_to_a_blocked_partner_is_saved_and_arrives_on_return(harness, standin):
    await harness.pair()
    standin.block(BEN.id)
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "You made soup when I was tired", expect="How did it make you feel")
    await standin.tap(SAM, feeling, "Loved")
    await standin.wait_for(SAM.id, "isn't receiving")
    await standin.settle()
    assert sum("isn't receiving" in t for t in standin.texts_to(SAM.id)) == 1  # told once
    assert not [t for t in standin.texts_to(BEN.id) if "soup" in t]
    standin.unblock(BEN.id)
    await standin.say(BEN, "/start")
    relayed = await standin.wait_for(BEN.id, "soup")
    assert "From Sam" in relayed.text
    await still_answers_help(harness, BEN)


async def test_a_real_gratitude_through_a_5xx_arrives_once(harness, standin):
    await harness.pair()
    standin.fail_next("sendMessage", 500, chat_id=BEN.id)
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "You fixed the bike", expect="How did it make you feel")
    told = await harness.tap(SAM, feeling, "Loved", expect="Ben")
    assert told.text.startswith("On its way to Ben")  # at once: it never waits on Ben's chat
    await harness.services.sender.quiet()  # the first try meets the 500
    harness.clock.advance(seconds=2)
    await harness.flush()
    await standin.settle()
    assert len([t for t in standin.texts_to(BEN.id) if "You fixed the bike" in t]) == 1


async def test_chat_not_found_parks_like_a_block(harness, standin):
    await harness.pair()
    standin.fail_next("sendMessage", 400, chat_id=BEN.id, description="Bad Request: chat not found")
    ids = relay(harness, "vanished marker")
    await harness.flush()
    await standin.wait_for(SAM.id, "isn't receiving")
    assert rows(harness, ids)[0].status == "pending"
    await harness.say(BEN, "/help", expect="vanished marker")


async def test_a_message_telegram_keeps_refusing_stops_holding_up_the_chat(harness, standin):
    await harness.pair()
    standin.fail_next("sendMessage", 400, chat_id=BEN.id, times=5,
                      description="Bad Request: BUTTON_DATA_INVALID")
    poison, after = relay(harness, "poison marker"), relay(harness, "after marker")
    for _ in range(6):
        await harness.flush()
        harness.clock.advance(minutes=6)
    await harness.flush()
    assert rows(harness, poison)[0].status == "failed"
    assert rows(harness, after)[0].status == "sent"
    assert relayed_bodies(standin, BEN.id, "after marker") == ["after marker"]
    told = await standin.wait_for(SAM.id, "wouldn't take")  # never dropped silently
    assert "Ben" in told.text and "/thread" in told.text


@pytest.fixture
async def limited(make_standin, make_harness, tmp_path):
    """The bot against a stand-in that answers 429 past one message a second per chat."""
    return await make_harness(await make_standin(chat_burst=1), f"sqlite:///{tmp_path / 'a.db'}")


async def test_telegram_limits_are_met_without_losing_or_reordering(limited):
    """The stand-in answers 429 past one message a second per chat, as Telegram may."""
    standin = limited.standin
    await limited.pair()
    relay(limited, "burst one")
    relay(limited, "burst two")
    await limited.flush()
    await standin.wait_for(BEN.id, "burst two", timeout=8)
    assert relayed_bodies(standin, BEN.id, "burst one", "burst two") == ["burst one", "burst two"]
    assert standin.too_many >= 1
    with limited.session() as session:
        assert not session.exec(select(Delivery).where(Delivery.status == "pending")).all()
