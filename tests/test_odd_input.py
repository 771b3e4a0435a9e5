"""End to end: odd input gets a short clear answer, changes nothing, and the bot still
answers /help afterwards (the conftest fails any test whose log holds a traceback)."""
from __future__ import annotations

import time

import pytest
from sqlmodel import select

from bot.edge.callbacks import Unpair
from bot.store.models import Delivery, Entry, User
from bot.texts import common as texts
from tests.support.people import BEN, BOT_ID, EVE, SAM
from tests.support.records import Sent

NOT_TEXT_SAMPLES = {
    "sticker": {"sticker": {"file_id": "s1", "file_unique_id": "u1", "width": 512, "height": 512,
                            "is_animated": False, "is_video": False, "type": "regular"}},
    "photo": {"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]},
    "voice": {"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 3}},
    "document": {"document": {"file_id": "d1", "file_unique_id": "u4", "file_name": "a.pdf"}},
    "video_note": {"video_note": {"file_id": "n1", "file_unique_id": "u5", "length": 240,
                                  "duration": 2}},
    "contact": {"contact": {"phone_number": "+100", "first_name": "Kim"}},
}
FORGED_DATA = [
    "xyz",
    "go:nonexistent",
    "go:",
    "r:deadbeef:0:loved",
    "r:zz:zz:zz",
    "heard:999999",
    "reply:999999",
    "heard:abc",
    "\u00ff" * 32,  # 64 bytes of UTF-8
    "A" * 64,
    "",
]


async def still_answers_help(harness, person=SAM) -> None:
    reply = await harness.say(person, "/help", expect="Here's what I can do")
    assert "/help" in reply.text


def a_message_to(person) -> Sent:
    """A plausible message of ours in the person's chat, for presses on forged buttons."""
    return Sent("sendMessage", person.id, 1, "Hello", None, {})


def relayed_count(harness) -> int:
    with harness.session() as session:
        return len(session.exec(select(Delivery).where(Delivery.kind == "relay")).all())


async def test_an_unknown_command_names_it_and_points_to_help(harness):
    reply = await harness.say(SAM, "/frobnicate now please")
    assert reply.text == texts.UNKNOWN_COMMAND.format(command="/frobnicate")
    await still_answers_help(harness)


async def test_a_command_for_another_bot_is_treated_as_unknown(harness):
    reply = await harness.say(SAM, "/help@some_other_bot")
    assert reply.text  # answered, whatever it says
    await still_answers_help(harness)


@pytest.mark.parametrize("kind", sorted(NOT_TEXT_SAMPLES))
async def test_things_that_are_not_text_get_the_words_only_answer(harness, standin, kind):
    before = len(standin.sent_to(SAM.id))
    await standin.send_other(SAM, **NOT_TEXT_SAMPLES[kind])
    reply = await standin.wait_for(SAM.id, after=before)
    assert reply.text == texts.NOT_TEXT
    await still_answers_help(harness)


async def test_a_photo_with_a_caption_mid_ritual_is_not_taken_as_an_answer(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    before = len(standin.sent_to(SAM.id))
    await standin.send_other(SAM, caption="look at this", **NOT_TEXT_SAMPLES["photo"])
    reply = await standin.wait_for(SAM.id, after=before)
    assert reply.text.startswith(texts.NOT_TEXT_MID) and reply.text.endswith("What did Ben do?")
    with harness.session() as session:
        assert not session.exec(select(Entry)).all()
    await still_answers_help(harness)


async def test_an_edited_message_is_explained_and_not_relayed_again(harness, standin):
    await harness.pair()
    sent_before = relayed_count(harness)
    before = len(standin.sent_to(SAM.id))
    await standin.edit(SAM, "I meant something else")
    reply = await standin.wait_for(SAM.id, after=before)
    assert reply.text == texts.EDITED
    assert relayed_count(harness) == sent_before
    await still_answers_help(harness)


@pytest.mark.parametrize("data", FORGED_DATA)
async def test_forged_button_data_gets_the_expired_answer_and_does_nothing(harness, standin, data):
    await harness.pair()
    deliveries = relayed_count(harness)
    before = len(standin.sent_to(EVE.id))
    await standin.press(EVE, a_message_to(EVE), data)
    reply = await standin.wait_for(EVE.id, after=before)
    assert reply.text == texts.STALE_BUTTON
    assert relayed_count(harness) == deliveries
    assert ("answerCallbackQuery" in [m for m, _ in standin.calls])
    await still_answers_help(harness, EVE)


async def test_unpair_yes_from_a_stranger_changes_no_couple(harness, standin):
    await harness.pair()
    with harness.session() as session:
        couple_id = session.get(User, SAM.id).couple_id
    await standin.press(EVE, a_message_to(EVE), Unpair(couple_id, "yes").pack())
    await standin.wait_for(EVE.id, "not connected")
    with harness.session() as session:
        assert session.get(User, SAM.id).couple_id == session.get(User, BEN.id).couple_id
        assert session.get(User, SAM.id).couple_id is not None
    await standin.settle()
    assert not [t for t in standin.texts_to(SAM.id) + standin.texts_to(BEN.id) if "ended" in t]
    await still_answers_help(harness, EVE)


async def test_a_stranger_pressing_i_hear_you_on_someone_elses_entry_reaches_no_one(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "the tea you made", expect="How did it make you feel")
    await harness.tap(SAM, feeling, "Loved", expect="Ben")
    relayed = await standin.wait_for(BEN.id, "the tea you made")
    sam_before = len(standin.sent_to(SAM.id))
    await standin.press(EVE, relayed, relayed.button("I hear you")["callback_data"])
    assert (await standin.wait_for(EVE.id)).text == texts.STALE_BUTTON
    await standin.settle()
    assert len(standin.sent_to(SAM.id)) == sam_before
    await still_answers_help(harness, EVE)


async def test_a_stale_ritual_button_after_cancel_has_expired(harness, standin):
    await harness.pair()
    question = await harness.say(SAM, "/gratitude", expect="What did")
    await harness.tap(SAM, question, "Cancel", expect="nothing was sent")
    before = len(standin.sent_to(SAM.id))
    await standin.tap(SAM, question, "Skip")
    assert (await standin.wait_for(SAM.id, after=before)).text == texts.STALE_BUTTON
    with harness.session() as session:
        assert not session.exec(select(Entry)).all()
    await still_answers_help(harness)


async def test_a_ritual_button_pressed_twice_acts_once(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "the morning coffee", expect="How did it make you feel")
    await harness.tap(SAM, feeling, "Loved", expect="Ben")
    before = len(standin.sent_to(SAM.id))
    await standin.tap(SAM, feeling, "Loved")
    await standin.settle()
    assert len(standin.sent_to(SAM.id)) == before  # the step went on: nothing more is said
    assert sum("the morning coffee" in t for t in standin.texts_to(BEN.id)) == 1


async def test_a_button_on_a_message_too_old_to_see_still_gets_an_answer(harness, standin):
    """Telegram sends old messages as 'inaccessible' (date 0, no text)."""
    query = {"id": "q-old", "from": EVE.as_user(), "chat_instance": "ci", "data": "xyz",
             "message": {"message_id": 5, "date": 0,
                         "chat": {"id": EVE.id, "type": "private", "first_name": "Eve"}}}
    before = len(standin.sent_to(EVE.id))
    await standin.push({"callback_query": query})
    assert (await standin.wait_for(EVE.id, after=before)).text == texts.STALE_BUTTON
    await still_answers_help(harness, EVE)


async def test_group_chats_get_the_private_only_answer_and_nothing_else(harness, standin):
    await harness.pair()
    group = -100777
    await standin.say_in_group(SAM, "/checkin", group_id=group)
    await standin.say_in_group(SAM, "/forget", group_id=group)
    await standin.say_in_group(SAM, "just chatting with friends", group_id=group)
    # One person's updates are handled in turn: wait for both answers, then for quiet.
    await standin.wait_until(lambda: len(standin.texts_to(group)) >= 2, timeout=10)
    await harness.say(SAM, "/help", expect="Here's what I can do")  # after the chatting one
    await standin.settle()
    texts_sent = standin.texts_to(group)
    assert len(texts_sent) == 2 and all("private chats only" in t for t in texts_sent)
    await still_answers_help(harness)


async def test_a_button_pressed_in_a_group_gets_the_private_only_alert(harness, standin):
    query = {"id": "q-group", "from": SAM.as_user(), "chat_instance": "ci", "data": "unpair:yes",
             "message": {"message_id": 9, "date": int(time.time()),
                         "chat": {"id": -100555, "type": "supergroup", "title": "Friends"},
                         "from": {"id": BOT_ID, "is_bot": True, "first_name": "Attune"}}}
    await standin.push({"callback_query": query})
    await standin.settle()
    answers = [p for m, p in standin.calls if m == "answerCallbackQuery"]
    assert answers and "private chats only" in answers[-1].get("text", "")
    assert not standin.sent_to(-100555)
    await still_answers_help(harness)


async def test_a_message_with_no_sender_and_a_channel_post_are_passed_over(harness, standin):
    no_from = {"message_id": 77, "date": int(time.time()), "text": "hello",
               "chat": {"id": SAM.id, "type": "private", "first_name": "Sam"}}
    await standin.push({"message": no_from})
    post = {"message_id": 78, "date": int(time.time()), "text": "news",
            "chat": {"id": -100999, "type": "channel", "title": "News"}}
    await standin.push({"channel_post": post})
    await standin.settle()
    assert not standin.sent_to(SAM.id) and not standin.sent_to(-100999)
    await still_answers_help(harness)


async def test_very_long_and_strange_text_with_nothing_open_gets_the_gentle_answer(harness):
    for text in ("\u202e\u200b" * 100, "💛" * 2000, "<b>bold</b> *stars* _under_ [x](y)", "\x00"):
        reply = await harness.say(SAM, text)
        assert reply.text == texts.NOTHING_OPEN
    await still_answers_help(harness)


async def test_a_failure_inside_a_handler_is_one_log_line_and_an_apology(harness, standin, caplog,
                                                                          monkeypatch):
    from bot.handlers import fallback

    async def broken(update, context):
        raise RuntimeError("boom")

    monkeypatch.setattr(fallback, "say", broken)
    await standin.say(SAM, "/frobnicate")
    apology = await standin.wait_for(SAM.id, "Something went wrong")
    assert "wasn't saved" in apology.text
    errors = [r for r in caplog.records if r.levelname == "ERROR" and "failed" in r.getMessage()]
    assert errors and "RuntimeError" in errors[-1].getMessage() and not errors[-1].exc_info
    monkeypatch.undo()
    await still_answers_help(harness)


BAD_ARGUMENTS = ["/time 25:99", "/time banana", "/time", "/timezone Mars/Olympus_Mons",
                 "/timezone ../../etc/passwd", "/pause -3", "/pause 99999999999999999999",
                 "/pause abc", "/thread 💛", "/start " + "x" * 500]


@pytest.mark.parametrize("command", BAD_ARGUMENTS)
async def test_bad_arguments_get_an_answer_and_change_nothing(harness, standin, command):
    """The wording belongs to each feature; here: an answer, no traceback, nothing stored."""
    await harness.pair()
    with harness.session() as session:
        before = session.get(User, SAM.id).model_dump()
    reply = await harness.say(SAM, command)
    assert reply.text and len(reply.text) < 600
    assert reply.text != texts.SOMETHING_WENT_WRONG
    with harness.session() as session:
        after = session.get(User, SAM.id).model_dump()
    assert {k: v for k, v in after.items() if k != "nudged_at"} == {
        k: v for k, v in before.items() if k != "nudged_at"}
    await still_answers_help(harness)
