"""End to end: /thread's older and newer pages replace the pressed message, so the order is
never in doubt; /forget after unpairing tells the other their shared thread lost those words."""
from __future__ import annotations

from tests.support.people import BEN, EVE, SAM


async def gratitude(harness, person, words: str):
    await harness.say(person, "/gratitude", expect="What did")
    feeling = await harness.say(person, words, expect="feel")
    await harness.tap(person, feeling, "Skip", expect="On its way")


def edits(standin) -> list[dict]:
    return [params for method, params in standin.calls if method == "editMessageText"]


def labels_of(params: dict) -> list[str]:
    rows = (params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


async def test_older_and_newer_pages_edit_the_pressed_message(harness, standin):
    await harness.pair()
    for number in range(23):
        await gratitude(harness, SAM, f"entry {number:02d}")
    page = await harness.say(SAM, "/thread", expect="entry 22")
    assert "entry 13" in page.text and "entry 12" not in page.text
    assert [b["text"] for b in page.buttons] == ["Older entries"]
    sent_before = len(standin.sent_to(SAM.id))
    await standin.tap(SAM, page, "Older")
    await standin.settle()
    middle = edits(standin)[-1]
    assert int(middle["message_id"]) == page.message_id and int(middle["chat_id"]) == SAM.id
    assert "entry 03" in middle["text"] and "entry 12" in middle["text"]
    assert middle["text"].index("entry 03") < middle["text"].index("entry 12")
    assert labels_of(middle) == ["Older entries", "Newer entries"]
    await standin.press(SAM, page, middle["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
    await standin.settle()
    oldest = edits(standin)[-1]
    assert "entry 00" in oldest["text"] and "entry 03" not in oldest["text"]
    assert labels_of(oldest) == ["Newer entries"]
    await standin.press(SAM, page, oldest["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
    await standin.settle()
    back = edits(standin)[-1]
    assert "entry 03" in back["text"] and "entry 12" in back["text"]
    assert len(standin.sent_to(SAM.id)) == sent_before  # no new messages: the one page turned


async def test_a_page_that_cannot_be_edited_comes_as_a_new_message(harness, standin):
    await harness.pair()
    for number in range(11):
        await gratitude(harness, SAM, f"entry {number:02d}")
    page = await harness.say(SAM, "/thread", expect="entry 10")
    standin.fail_next("editMessageText", 400, description="Bad Request: message can't be edited")
    older = await harness.tap(SAM, page, "Older", expect="entry 00")
    assert "entry 01" not in older.text


async def test_forget_after_unpairing_tells_the_other_their_thread_lost_those_words(harness, standin):
    await harness.pair()
    await gratitude(harness, SAM, "Sam's words")
    await gratitude(harness, BEN, "Ben's words")
    ask = await harness.say(SAM, "/unpair", expect="Unpair from Ben")
    await harness.tap(SAM, ask, "Yes", expect="no longer paired")
    await standin.wait_for(BEN.id, "ended your pairing")
    ask = await harness.say(SAM, "/forget", expect="deletes everything")
    await harness.tap(SAM, ask, "Delete everything", expect="everything I held about you")
    told = await standin.wait_for(BEN.id, "deleted their data")
    assert "Sam" in told.text and "gone from the thread you shared" in told.text
    page = await harness.say(BEN, "/thread", expect="Gratitude")
    assert "Ben's words" in page.text and "Sam's words" not in page.text


async def test_forget_tells_no_one_who_shared_no_words_with_them(harness, standin):
    await harness.pair()
    ask = await harness.say(SAM, "/unpair", expect="Unpair from Ben")
    await harness.tap(SAM, ask, "Yes", expect="no longer paired")
    await harness.pair(SAM, EVE)
    ask = await harness.say(SAM, "/forget", expect="deletes everything")
    await harness.tap(SAM, ask, "Delete everything", expect="everything I held about you")
    await standin.wait_for(EVE.id, "deleted their data")
    await standin.settle()
    assert not any("deleted their data" in t for t in standin.texts_to(BEN.id))
