"""End to end: /forget asks first, deletes every row about the person (the words gone from
the database file's bytes too), tells the partner once, and lets the person start afresh."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from bot.store.models import Couple, Delivery, Entry, Invite, RitualRun, User
from tests.support.people import BEN, EVE, SAM

MARKER = "zebra-umbrella-4711 the night you sang in the kitchen"


async def gratitude(harness, person, words: str, partner_name: str) -> None:
    await harness.say(person, "/gratitude", expect="What did")
    feeling = await harness.say(person, words, expect="How did it make you feel")
    await harness.tap(person, feeling, "Loved", expect=partner_name)


async def confirm_forget(harness, person):
    ask = await harness.say(person, "/forget", expect="deletes everything I hold about you")
    return await harness.tap(person, ask, "Delete everything", expect="everything I held about you")


def database_bytes(harness) -> bytes:
    path = Path(harness.db_url.removeprefix("sqlite:///"))
    files = [path, Path(f"{path}-wal"), Path(f"{path}-journal")]
    return b"".join(f.read_bytes() for f in files if f.exists())


def rows_about(harness, user_id: int) -> dict[str, int]:
    with harness.session() as session:
        return {
            "user": len(session.exec(select(User).where(User.id == user_id)).all()),
            "entries": len(session.exec(select(Entry).where(Entry.author_id == user_id)).all()),
            "deliveries to": len(session.exec(
                select(Delivery).where(Delivery.recipient_id == user_id)).all()),
            "invites": len(session.exec(select(Invite).where(Invite.inviter_id == user_id)).all()),
            "ritual": len(session.exec(select(RitualRun).where(RitualRun.user_id == user_id)).all()),
        }


async def test_forget_asks_with_delete_first_and_cancel_last(harness):
    ask = await harness.say(SAM, "/forget", expect="deletes everything")
    assert [b["text"] for b in ask.buttons] == ["Delete everything", "Cancel"]
    assert ask.text.rstrip().endswith("?")


async def test_cancel_deletes_nothing(harness):
    await harness.pair()
    ask = await harness.say(SAM, "/forget", expect="deletes everything")
    await harness.tap(SAM, ask, "Cancel", expect="Nothing was deleted")
    assert rows_about(harness, SAM.id)["user"] == 1
    with harness.session() as session:
        assert session.get(User, SAM.id).couple_id is not None


async def test_forget_deletes_every_row_and_the_words_leave_the_file(harness, standin):
    await harness.pair()
    await gratitude(harness, BEN, "Ben's own words stay", "Sam")
    await gratitude(harness, SAM, MARKER, "Ben")  # one copy delivered (its row keeps no text)
    standin.block(BEN.id)  # so a second delivery of Sam's words to Ben is pending at /forget
    await gratitude(harness, SAM, MARKER, "Ben")
    await harness.say(SAM, "/checkin")  # an open ritual
    assert rows_about(harness, SAM.id)["invites"] == 1  # the one Ben used
    with harness.session() as session:
        assert session.exec(select(Delivery).where(Delivery.entry_id.is_not(None),
                                                   Delivery.recipient_id == BEN.id,
                                                   Delivery.status == "pending")).all()
    assert MARKER.encode() in database_bytes(harness)

    await confirm_forget(harness, SAM)

    assert rows_about(harness, SAM.id) == {
        "user": 0, "entries": 0, "deliveries to": 0, "invites": 0, "ritual": 0}
    with harness.session() as session:
        assert not [d for d in session.exec(select(Delivery)).all() if MARKER in d.text]
        ben = session.get(User, BEN.id)
        assert ben.couple_id is None
        remaining = session.exec(select(Entry)).all()
        assert len(remaining) == 1 and "Ben's own words stay" in remaining[0].body
    assert MARKER.encode() not in database_bytes(harness)
    assert b"zebra-umbrella" not in database_bytes(harness)


async def test_the_partner_is_told_once_and_their_time_out_cleared(harness, standin):
    await harness.pair()
    with harness.session() as session:
        couple = session.get(Couple, session.get(User, SAM.id).couple_id)
        couple.paused_by, couple.paused_until = SAM.id, harness.clock().replace(year=2030)
    await confirm_forget(harness, SAM)
    told = await standin.wait_for(BEN.id, "deleted their data")
    assert "Sam" in told.text and "/invite" in told.text
    await standin.settle()
    assert sum("deleted their data" in t for t in standin.texts_to(BEN.id)) == 1
    with harness.session() as session:
        couple = session.exec(select(Couple)).one()
        assert couple.paused_by is None and couple.paused_until is None and couple.ended_at
    assert "not connected" in (await harness.say(BEN, "/unpair")).text


async def test_the_person_can_start_again_as_new(harness, standin):
    await harness.pair()
    await confirm_forget(harness, SAM)
    welcome = await harness.say(SAM, "/start")
    assert "Hi Sam" in welcome.text and "/invite" in welcome.text
    link = await harness.say(SAM, "/invite", expect="t.me/")
    code = link.text.split("start=")[1].split()[0]
    await harness.say(EVE, f"/start {code}", expect="connected")
    with harness.session() as session:
        assert session.get(User, SAM.id).couple_id == session.get(User, EVE.id).couple_id


async def test_forget_when_unpaired_and_a_stranger_pressing_it_deletes_only_their_own(harness, standin):
    await harness.pair()
    ask = await harness.say(SAM, "/forget", expect="deletes everything")
    await harness.say(EVE, "/start")
    await standin.tap(EVE, ask, "Delete everything")  # Eve's press acts on Eve alone
    await standin.wait_for(EVE.id, "everything I held about you")
    assert rows_about(harness, SAM.id)["user"] == 1 and rows_about(harness, EVE.id)["user"] == 0
    with harness.session() as session:
        assert session.get(User, SAM.id).couple_id is not None
    await harness.say(SAM, "/help", expect="Here's what I can do")


async def test_sqlite_enforces_the_cascades(harness):
    with harness.session() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA secure_delete")).scalar() == 1
