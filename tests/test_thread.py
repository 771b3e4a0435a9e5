"""End to end: /thread from both sides in each reader's local time, paging, /export, strangers."""
from __future__ import annotations

from bot.store.models import User
from tests.support.flows import run_gratitude
from tests.support.people import BEN, EVE, SAM


async def test_thread_shows_both_partners_newest_last_in_local_time(harness, standin):
    await harness.pair()
    await run_gratitude(harness, SAM, "First <words> & more")
    harness.clock.advance(minutes=5)
    await run_gratitude(harness, BEN, "Second words 💛")
    with harness.session() as session:
        session.get(User, BEN.id).timezone = "Asia/Kolkata"
    await standin.wait_for(SAM.id, "Second words")  # Ben's words reached Sam first
    sams = await harness.say(SAM, "/thread", expect="Sam · Gratitude")
    assert sams.text.index("First <words> & more") < sams.text.index("Second words 💛")
    assert "Sam · Gratitude · Wed, 25 Nov 2026, 12:00 UTC" in sams.text
    bens = await harness.say(BEN, "/thread", expect="Ben · Gratitude")
    assert "Ben · Gratitude · Wed, 25 Nov 2026, 17:35" in bens.text  # 12:05 UTC in Kolkata


async def test_thread_pages_back_ten_at_a_time(harness, standin):
    await harness.pair()
    for number in range(12):
        await harness.say(SAM, "/gratitude", expect="What did")
        feeling = await harness.say(SAM, f"thing number {number:02d}", expect="feel")
        await harness.tap(SAM, feeling, "Skip", expect="On its way")
    page = await harness.say(SAM, "/thread", expect="thing number")
    assert "thing number 11" in page.text and "thing number 02" in page.text
    assert "thing number 01" not in page.text
    await standin.tap(SAM, page, "Older")
    await standin.settle()
    edit = [p for m, p in standin.calls if m == "editMessageText"][-1]  # the page, in place
    assert "thing number 00" in edit["text"] and "thing number 01" in edit["text"]
    assert [b["text"] for row in edit["reply_markup"]["inline_keyboard"] for b in row] == [
        "Newer entries"]


async def test_an_empty_thread_says_so(harness):
    await harness.pair()
    assert "empty" in (await harness.say(SAM, "/thread")).text


async def test_a_stranger_sees_nothing_of_any_couple(harness, standin):
    await harness.pair()
    await run_gratitude(harness, SAM, "Only for Ben")
    reply = await harness.say(EVE, "/thread")
    assert "empty" in reply.text and "Only for Ben" not in reply.text
    page = await harness.say(SAM, "/thread", expect="Only for Ben")
    await standin.press(EVE, page, "thread:999999")
    await standin.settle()
    assert all("Only for Ben" not in t for t in standin.texts_to(EVE.id))
    await harness.say(EVE, "/export", expect="empty")


async def test_export_sends_the_whole_thread_as_markdown(harness, standin):
    await harness.pair()
    await run_gratitude(harness, SAM, "Exact <b>words</b> & emoji 💛")
    await standin.settle()
    await standin.say(BEN, "/export")
    document = await standin.wait_for(BEN.id, lambda s: s.method == "sendDocument")
    file = document.params["document"]
    assert file["filename"] == "attune-thread.md"
    content = file["content"].decode("utf-8")
    assert content.startswith("# Ben & Sam")
    assert "## Sam · Gratitude" in content
    assert "Exact <b>words</b> & emoji 💛" in content


async def test_after_unpairing_both_still_read_their_thread_and_a_stranger_does_not(harness, standin):
    await harness.pair()
    await run_gratitude(harness, SAM, "Words worth keeping")
    await run_gratitude(harness, BEN, "Mine too")
    ask = await harness.say(SAM, "/unpair", expect="Unpair from Ben")
    await harness.tap(SAM, ask, "Yes", expect="no longer paired")
    for person in (SAM, BEN):
        page = await harness.say(person, "/thread", expect="Gratitude")
        assert "Words worth keeping" in page.text and "Mine too" in page.text
    assert "empty" in (await harness.say(EVE, "/thread")).text


async def test_a_partner_who_never_wrote_still_reads_the_thread_after_unpairing(harness, standin):
    await harness.pair()
    await run_gratitude(harness, SAM, "Only Sam wrote")
    ask = await harness.say(SAM, "/unpair", expect="Unpair from Ben")
    await harness.tap(SAM, ask, "Yes", expect="no longer paired")
    page = await harness.say(BEN, "/thread", expect="Gratitude")
    assert "Only Sam wrote" in page.text
