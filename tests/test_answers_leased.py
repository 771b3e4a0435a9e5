"""Answers leased as they are written (no claim after the commit) keep the chat's order.

A unit leases the person's answer in its own transaction when nothing older waits for that
chat, and the sender sends it without claiming it again. A send asked for that chat while the
answer is in flight (a partner's words written meanwhile) is left to the answer's sender,
which claims the rest after its own rows: nothing overtakes, nothing waits for the next loop.
"""
from __future__ import annotations

import asyncio

from bot.store import outbox
from tests.support.flows import say
from tests.support.people import BEN, SAM


def write(harness, *, text: str, kind: str, lease: bool) -> list[outbox.Outgoing]:
    """Rows to Sam as a unit writes them (leased as written when `lease`)."""
    sender = harness.services.sender
    with harness.session() as session:
        if lease:
            outbox.lease_answers(session, SAM.id, sender.holder)
        rows = outbox.enqueue(session=session, recipient_id=SAM.id, texts=[text],
                              now=harness.clock(), kind=kind, holdable=False)
        leased, then_claim = outbox.leased_answers(session) if lease else ([], True)
    return leased if lease else rows


async def test_an_answer_is_leased_only_when_nothing_older_waits(harness, standin):
    await harness.pair()
    standin.hold(SAM.id)
    first = write(harness, text="older notice", kind="notice", lease=False)
    answer = write(harness, text="the answer", kind="answer", lease=True)
    assert first and answer == []  # an older row waits: the answer is claimed in order
    standin.let_go(SAM.id, accept=True)
    await harness.flush()
    assert standin.texts_to(SAM.id)[-2:] == ["older notice", "the answer"]


async def test_a_send_asked_for_while_an_answer_is_in_flight_follows_it(harness, standin):
    await harness.pair()
    sender = harness.services.sender
    answer = write(harness, text="the answer", kind="answer", lease=True)
    assert [row.text for row in answer] == ["the answer"] and answer[0].lease_until
    standin.hold(SAM.id)
    in_flight = asyncio.create_task(sender.send_chat(SAM.id, leased=answer, then_claim=False))
    await standin.wait_held("the answer")
    write(harness, text="Ben's words", kind="relay", lease=False)
    sender.kick(SAM.id)  # left to the answer's sender, which is still holding the chat
    await asyncio.sleep(0.1)
    standin.let_go(SAM.id, accept=True)
    sent = await in_flight
    assert len(sent) == 2
    assert standin.texts_to(SAM.id)[-2:] == ["the answer", "Ben's words"]


async def test_an_answer_in_the_chat_arrives_once(harness, standin):
    await harness.pair()
    await say(standin, SAM, "/gratitude", "What did")
    await standin.settle()
    asked = [t for t in standin.texts_to(SAM.id) if "What did" in t]
    assert len(asked) == 1
    assert not any("What did" in t for t in standin.texts_to(BEN.id))
