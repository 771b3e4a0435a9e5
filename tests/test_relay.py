"""End to end: each ritual run in the chat, its reflection reaching the partner byte-exact,
the partner's responses, strangers isolated, and a partner who blocked the bot."""
from __future__ import annotations

from sqlmodel import select

from bot.store.models import Delivery, Entry, RitualRun
from tests.support.flows import run_gratitude
from tests.support.people import BEN, EVE, SAM

TRICKY = 'I made <b>tea</b> & "toast" for you 💛 — <script>alert(1)</script> *not bold* _x_'


async def test_gratitude_reaches_the_partner_exactly_as_written(harness, standin):
    await harness.pair()
    told = await run_gratitude(harness, SAM, TRICKY)
    assert told.text.startswith("On its way to Ben")
    relayed = await standin.wait_for(BEN.id, "From Sam")
    assert TRICKY in relayed.text
    assert relayed.params.get("parse_mode") in (None, "")
    assert relayed.buttons[0]["text"] == "I hear you 💛"
    assert relayed.buttons[-1]["text"] == "Reply to Sam"
    assert "It made me feel loved." in relayed.text


async def test_checkin_with_body_and_words(harness, standin):
    await harness.pair()
    weather = await harness.say(SAM, "/checkin", expect="weather")
    assert [b["text"] for b in weather.buttons][-2:] == ["Skip", "Cancel"]
    body = await harness.tap(SAM, weather, "Stormy", expect="body")
    words = await harness.tap(SAM, body, "Jaw", expect="Ben to know")
    await harness.say(SAM, "The meeting ran over & I missed lunch 🥲", expect="On its way to Ben")
    relayed = await standin.wait_for(BEN.id, "From Sam · Evening check-in")
    assert "⛈ Stormy" in relayed.text and "jaw" in relayed.text
    assert "The meeting ran over & I missed lunch 🥲" in relayed.text
    assert words.text.endswith("?")


async def test_trigger_reads_as_i_felt_when_i_need(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/trigger", expect="happened")
    felt = await harness.say(SAM, "You looked at your phone while I was talking", expect="feel")
    need = await harness.tap(SAM, felt, "Unseen", expect="need")
    await harness.tap(SAM, need, "listened", expect="On its way to Ben")
    relayed = await standin.wait_for(BEN.id, "From Sam")
    assert "I felt unseen when" in relayed.text
    assert "You looked at your phone while I was talking" in relayed.text
    assert "I need to be listened to" in relayed.text


async def test_a_4096_character_answer_arrives_whole(harness, standin):
    await harness.pair()
    long_text = ("Ein Satz mit Umlauten äöü & <tags> 💛 " * 200)[:4096]
    assert len(long_text) == 4096
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling_q = await harness.say(SAM, long_text, expect="How did it make you feel")
    await harness.tap(SAM, feeling_q, "Skip", expect="On its way to Ben")
    await standin.settle()
    parts = [s.text for s in standin.sent_to(BEN.id) if s.text and "connected" not in s.text]
    assert len(parts) >= 2 and all(len(p) <= 4096 for p in parts)
    joined = "".join(parts)
    assert long_text in joined
    assert standin.sent_to(BEN.id)[-1].buttons  # the response buttons ride on the last part


async def test_i_hear_you_reaches_the_author(harness, standin):
    await harness.pair()
    await run_gratitude(harness, SAM, "You walked the dog in the rain")
    relayed = await standin.wait_for(BEN.id, "From Sam")
    await standin.tap(BEN, relayed, "I hear you")
    heard = await standin.wait_for(SAM.id, "Ben read your thanks:")
    assert "I hear you 💛" in heard.text
    await standin.wait_for(BEN.id, "On its way to Sam")


async def test_a_reply_in_words_joins_the_thread_and_reaches_the_author(harness, standin):
    await harness.pair()
    await run_gratitude(harness, SAM, "You walked the dog in the rain")
    relayed = await standin.wait_for(BEN.id, "From Sam")
    ask = await harness.tap(BEN, relayed, "Reply to Sam", expect="What would you like to say")
    assert ask.buttons[-1]["text"] == "Cancel"
    await harness.say(BEN, "Anytime <3 & always", expect="On its way to Sam")
    reply = await standin.wait_for(SAM.id, "Ben answered your thanks:")
    assert "Anytime <3 & always" in reply.text
    with harness.session() as session:
        kinds = [e.kind for e in session.exec(select(Entry).order_by(Entry.id))]
    assert kinds == ["gratitude", "reply"]


async def test_cancel_and_skip_everything_send_nothing(harness, standin):
    await harness.pair()
    question = await harness.say(SAM, "/gratitude", expect="What did")
    await harness.tap(SAM, question, "Cancel", expect="nothing was sent")
    question = await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.tap(SAM, question, "Skip", expect="feel")
    await harness.tap(SAM, feeling, "Skip", expect="nothing to send")
    await standin.settle()
    assert not any("From Sam" in t for t in standin.texts_to(BEN.id))


async def test_another_command_mid_ritual_closes_it_cleanly(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    await standin.say(SAM, "/help")
    await standin.wait_for(SAM.id, "closed your unfinished gratitude")
    await standin.wait_for(SAM.id, "Here's what I can do")
    assert standin.texts_to(SAM.id)[-1].startswith("Here's what I can do")
    reply = await harness.say(SAM, "just some words")
    assert reply.text.startswith("You wrote")  # no ritual open: offered, not taken as an answer


async def test_an_old_button_has_expired(harness, standin):
    await harness.pair()
    first = await harness.say(SAM, "/gratitude", expect="What did")
    await harness.say(SAM, "/gratitude", expect="What did")
    await standin.tap(SAM, first, "Skip")
    await standin.wait_for(SAM.id, "expired")


async def test_a_ritual_survives_a_restart(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "Dinner", expect="feel")
    await harness.restart()
    await harness.tap(SAM, feeling, "Seen", expect="On its way to Ben")
    assert "Dinner" in (await standin.wait_for(BEN.id, "From Sam")).text


async def test_unpaired_ritual_is_a_private_note(harness, standin):
    await harness.say(EVE, "/gratitude", expect="What did your partner do")
    feeling = await harness.say(EVE, "Private words", expect="feel")
    await harness.tap(EVE, feeling, "Calm", expect="private note")
    await standin.settle()
    assert all("Private words" not in (s.text or "") for s in standin.sent if s.chat_id != EVE.id)


async def test_a_stranger_cannot_hear_or_reply_to_a_couples_entry(harness, standin):
    await harness.pair()
    await run_gratitude(harness, SAM, "Secret kindness")
    relayed = await standin.wait_for(BEN.id, "From Sam")
    before = len(standin.sent_to(SAM.id))
    await standin.press(EVE, relayed, relayed.button("I hear you")["callback_data"])
    await standin.press(EVE, relayed, relayed.button("Reply")["callback_data"])
    await standin.wait_for(EVE.id, "expired")
    await standin.settle()
    assert len(standin.sent_to(SAM.id)) == before
    with harness.session() as session:
        assert session.get(RitualRun, EVE.id) is None


async def test_a_partner_who_blocked_the_bot_gets_the_words_on_return(harness, standin):
    await harness.pair()
    standin.block(BEN.id)
    await run_gratitude(harness, SAM, "Kept safe while you were away")
    await standin.wait_for(SAM.id, "isn't receiving messages")  # once the send meets the block
    await harness.say(SAM, "/help", expect="Here's what I can do")  # the bot goes on
    assert sum("isn't receiving" in t for t in standin.texts_to(SAM.id)) == 1  # told once
    standin.unblock(BEN.id)
    await standin.say(BEN, "/start")
    relayed = await standin.wait_for(BEN.id, "Kept safe while you were away")
    assert relayed.text.startswith("From Sam")
    await standin.settle()
    with harness.session() as session:
        pending = session.exec(select(Delivery).where(Delivery.status == "pending")).all()
    assert pending == []
    words = [t for t in standin.texts_to(BEN.id) if "Kept safe" in t]
    assert len(words) == 1


async def test_replying_to_a_nudge_with_text_runs_the_ritual(harness, standin):
    await harness.pair()
    with harness.session() as session:
        from bot.store.models import User

        session.get(User, SAM.id).nudged_at = harness.clock()
    body = await harness.say(SAM, "Long day, but ok", expect="body")
    assert "Where do you feel" in body.text


async def test_words_of_danger_get_a_gentle_pointer_to_help(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/trigger", expect="happened")
    felt = await harness.say(SAM, "He hit me when I asked", expect="feel")
    need = await harness.tap(SAM, felt, "Skip", expect="need")
    await harness.tap(SAM, need, "Skip", expect="On its way to Ben")
    assert any("crisis line" in t for t in standin.texts_to(SAM.id))
    assert standin.texts_to(SAM.id)[-1].startswith("On its way to Ben")
