"""End to end: welcome, invites, pairing, bad codes, strangers, unpairing, groups."""
from __future__ import annotations

from bot.store.models import Couple, User
from tests.support.flows import invite_code
from tests.support.people import BEN, BOT_USERNAME, EVE, SAM


async def test_start_welcomes_and_says_what_to_do(harness):
    reply = await harness.say(SAM, "/start")
    assert "Hi Sam" in reply.text and "/invite" in reply.text


async def test_commands_are_registered_for_the_menu(harness):
    names = [c["command"] for c in harness.standin.commands]
    for expected in ("invite", "unpair", "help"):
        assert expected in names


async def test_invite_link_is_a_deep_link_with_a_share_button(harness):
    reply = await harness.say(SAM, "/invite", expect="t.me/")
    assert f"https://t.me/{BOT_USERNAME}?start=" in reply.text
    code = invite_code(reply.text)
    assert 16 <= len(code) <= 64 and all(c.isalnum() or c in "-_" for c in code)
    assert reply.buttons and reply.buttons[0]["url"].startswith("https://t.me/share/url")


async def test_following_the_link_pairs_both_and_names_each_other(harness, standin):
    await harness.pair(SAM, BEN)
    assert "Sam" in (await standin.wait_for(BEN.id, "connected")).text
    assert "Ben" in (await standin.wait_for(SAM.id, "connected")).text
    with harness.session() as session:
        assert session.get(User, SAM.id).couple_id == session.get(User, BEN.id).couple_id


async def test_a_used_code_reaches_neither_partner(harness, standin):
    reply = await harness.say(SAM, "/invite", expect="t.me/")
    code = invite_code(reply.text)
    await harness.say(BEN, f"/start {code}", expect="connected")
    await standin.settle()
    sam_before, ben_before = len(standin.sent_to(SAM.id)), len(standin.sent_to(BEN.id))
    reply = await harness.say(EVE, f"/start {code}", expect="already been used")
    await standin.settle()
    assert len(standin.sent_to(SAM.id)) == sam_before
    assert len(standin.sent_to(BEN.id)) == ben_before
    with harness.session() as session:
        assert session.get(User, EVE.id).couple_id is None


async def test_unknown_and_malformed_codes_change_nothing(harness):
    for code in ("AAAAAAAAAAAAAAAAAAAAAAAA", "short", "<script>", "x" * 65, "../../etc/passwd"):
        reply = await harness.say(EVE, f"/start {code}")
        assert "doesn't work" in reply.text
    with harness.session() as session:
        assert session.get(User, EVE.id).couple_id is None


async def test_own_code_is_explained(harness):
    reply = await harness.say(SAM, "/invite", expect="t.me/")
    answer = await harness.say(SAM, f"/start {invite_code(reply.text)}")
    assert "your own invite link" in answer.text


async def test_expired_code_is_explained(harness):
    reply = await harness.say(SAM, "/invite", expect="t.me/")
    harness.clock.advance(days=7, seconds=1)
    answer = await harness.say(BEN, f"/start {invite_code(reply.text)}")
    assert "expired" in answer.text


async def test_a_new_invite_replaces_the_old(harness):
    first = invite_code((await harness.say(SAM, "/invite", expect="t.me/")).text)
    second = invite_code((await harness.say(SAM, "/invite", expect="t.me/")).text)
    assert first != second
    assert "doesn't work" in (await harness.say(BEN, f"/start {first}")).text
    assert "connected" in (await harness.say(BEN, f"/start {second}")).text


async def test_someone_already_paired_is_told_to_unpair_first(harness):
    await harness.pair(SAM, BEN)
    code = invite_code((await harness.say(EVE, "/invite", expect="t.me/")).text)
    reply = await harness.say(BEN, f"/start {code}")
    assert "already connected with Sam" in reply.text and "/unpair" in reply.text
    reply = await harness.say(SAM, "/invite")
    assert "already connected with Ben" in reply.text


async def test_unpair_asks_first_then_tells_the_partner(harness, standin):
    await harness.pair(SAM, BEN)
    ask = await harness.say(SAM, "/unpair", expect="Unpair from Ben")
    assert ask.buttons[-1]["text"] == "Cancel"
    await harness.tap(SAM, ask, "Yes", expect="no longer paired")
    told = await standin.wait_for(BEN.id, "ended your pairing")
    assert "Sam" in told.text
    with harness.session() as session:
        assert session.get(User, SAM.id).couple_id is None
        assert session.get(User, BEN.id).couple_id is None
        assert len(session.exec(__import__("sqlmodel").select(Couple)).all()) == 1  # thread kept


async def test_unpair_cancel_keeps_the_pair(harness):
    await harness.pair(SAM, BEN)
    ask = await harness.say(SAM, "/unpair", expect="Unpair from Ben")
    await harness.tap(SAM, ask, "Cancel", expect="still connected")


async def test_a_stranger_pressing_an_unpair_button_changes_nothing(harness, standin):
    await harness.pair(SAM, BEN)
    ask = await harness.say(SAM, "/unpair", expect="Unpair from Ben")
    await standin.tap(EVE, ask, "Yes")
    await standin.wait_for(EVE.id, "not connected")
    with harness.session() as session:
        assert session.get(User, SAM.id).couple_id is not None


async def test_unpair_when_not_paired(harness):
    assert "not connected" in (await harness.say(EVE, "/unpair")).text


async def test_group_chats_get_the_private_only_answer(harness, standin):
    await harness.pair(SAM, BEN)
    await standin.say_in_group(SAM, "/thread")
    reply = await standin.wait_for(-100123, "private chats only")
    assert f"@{BOT_USERNAME}" in reply.text
    await standin.settle()
    assert len(standin.sent_to(-100123)) == 1


async def test_help_lists_every_command(harness):
    reply = await harness.say(SAM, "/help")
    for name in ("/invite", "/unpair", "/help"):
        assert name in reply.text


async def test_pairing_survives_a_restart(harness, standin):
    code = invite_code((await harness.say(SAM, "/invite", expect="t.me/")).text)
    await harness.restart()
    await harness.say(BEN, f"/start {code}", expect="connected")
