"""End to end: /weekly's day and time in each partner's own zone, the evening's invitation
(once), both preparations revealed together as an agenda with appreciations first, and
the picture of the week that comes with it (and with /week): a PNG under 200 KB."""
from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest
from PIL import Image
from sqlmodel import select

from bot import pictures
from bot.jobs import weekly as weekly_job
from bot.store.models import Couple, Entry
from tests.support.people import BEN, EVE, SAM

SUNDAY_EVENING = datetime(2026, 11, 29, 18, 0, tzinfo=timezone.utc)  # 19:00 Berlin, 13:00 New York
SIX = "\n".join(f"Thank you for thing {n} 💛" for n in range(1, 7))


@pytest.fixture
def photos(standin):
    """The stand-in records sendPhoto like any message."""
    return standin


def png_of(sent) -> bytes:
    return sent.params["photo"]["content"]


def assert_a_small_png(data: bytes) -> None:
    assert len(data) < 200 * 1024
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG" and image.size == (960, 510)


async def two_zones(harness) -> None:
    await harness.pair()
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    await harness.say(BEN, "/timezone America/New_York", expect="America/New_York")


async def test_weekly_is_set_shown_in_each_zone_and_stopped(harness, standin):
    assert "connected" in (await harness.say(EVE, "/weekly sun 19:00")).text
    await two_zones(harness)
    assert "sun 19:00" in (await harness.say(SAM, "/weekly")).text  # how to set it
    assert "couldn't read" in (await harness.say(SAM, "/weekly someday")).text
    told = await harness.say(SAM, "/weekly sun 19:00", expect="Sundays at 19:00")
    assert "/weekly off" in told.text
    await standin.wait_for(BEN.id, "Sundays at 13:00, your time")
    shown = await harness.say(BEN, "/weekly", expect="comes on")
    assert "Sundays at 13:00" in shown.text
    with harness.session() as session:
        assert session.get(Couple, 1).next_weekly_at == SUNDAY_EVENING
    await harness.say(BEN, "/weekly off", expect="Weekly preparation is off")
    await standin.wait_for(SAM.id, "Ben turned the weekly State of the Union off")
    with harness.session() as session:
        assert session.get(Couple, 1).next_weekly_at is None


async def prepare(harness, person, thanks: str, well: str | None, talk: str | None,
                  loved: str | None, expect: str):
    """Tap "Start preparing" on the invitation and answer (None: Skip) each step."""
    invitation = await harness.standin.wait_for(person.id, "prepare this week's State of the Union")
    step = await harness.tap(person, invitation, "Start preparing", expect="What did you appreciate")
    for answer, next_words in ((thanks, "What went well"), (well, "talk about?"),
                               (talk, "feel loved"), (loved, expect)):
        if answer is None:
            step = await harness.tap(person, step, step.buttons[0]["text"], expect=next_words)
        else:
            step = await harness.say(person, answer, expect=next_words)
    return step


async def test_both_preparations_are_revealed_together_appreciations_first(harness, standin, photos):
    await two_zones(harness)
    await harness.say(SAM, "/weekly sun 19:00", expect="Sundays at 19:00")
    harness.clock.set(SUNDAY_EVENING)
    assert await weekly_job.tick(harness.services) == 1
    assert await weekly_job.tick(harness.services) == 0  # claimed once
    await harness.flush()
    invitation = await standin.wait_for(SAM.id, "prepare this week's State of the Union")
    assert [b["text"] for b in invitation.buttons] == ["Start preparing", "Not this week"]
    # More than five appreciations are asked about once, never cut.
    step = await harness.tap(SAM, invitation, "Start preparing", expect="What did you appreciate")
    assert [b["text"] for b in step.buttons] == ["Skip", "Cancel"]
    again = await harness.say(SAM, SIX, expect="That's 6")
    assert again.text.rstrip().endswith("?")
    well = await harness.say(SAM, SIX, expect="What went well")
    talk = await harness.tap(SAM, well, "Skip", expect="talk about?")
    loved = await harness.say(SAM, "I felt rushed when we planned Sunday; I need a slower start",
                              expect="feel loved")
    await harness.say(SAM, "A walk, just us", expect="waits for Ben's")
    assert talk.buttons[0]["text"] == "Nothing this week"
    assert loved.buttons[-1]["text"] == "Cancel"
    await standin.settle()
    assert not any("Thank you for thing" in t for t in standin.texts_to(BEN.id))
    await prepare(harness, BEN, "You fixed my bike\nYou called my mum: you're thoughtful",
                  "The long breakfast", None, None, expect="Your State of the Union is ready")
    for person in (SAM, BEN):
        agenda = await standin.wait_for(person.id, "Your State of the Union is ready")
        text = agenda.text
        assert "it isn't the talk itself" in text
        assert text.index("1. Appreciations") < text.index("What went well") < text.index(
            "One thing to talk about") < text.index("feel loved")
        assert SIX in text and "You called my mum: you're thoughtful" in text
        photo = await standin.wait_for(person.id, lambda s: s.method == "sendPhoto", timeout=30)
        assert_a_small_png(png_of(photo))
        assert standin.sent_to(person.id).index(agenda) < standin.sent_to(person.id).index(photo)
    with harness.session() as session:
        kinds = [e.kind for e in session.exec(select(Entry))]
        week = pictures.week_for(session, SAM.id, harness.clock())
    assert kinds == ["weekly", "weekly"]
    assert week.counts.appreciations == 8


async def test_a_preparation_can_be_cancelled_and_begun_again(harness, standin):
    await two_zones(harness)
    await harness.say(SAM, "/weekly sun 19:00", expect="Sundays at 19:00")
    harness.clock.set(SUNDAY_EVENING)
    await weekly_job.tick(harness.services)
    await harness.flush()
    invitation = await standin.wait_for(SAM.id, "prepare this week's")
    step = await harness.tap(SAM, invitation, "Start preparing", expect="What did you appreciate")
    await harness.tap(SAM, step, "Cancel", expect="nothing was saved")
    shown = await harness.say(SAM, "/weekly", expect="open for you")
    await harness.tap(SAM, shown, "Start preparing", expect="What did you appreciate")
    step = await harness.standin.wait_for(BEN.id, "prepare this week's")
    await harness.tap(BEN, step, "Not this week", expect="Letting this week pass is fine")
    await standin.tap(BEN, step, "Start preparing")  # already let pass
    await standin.wait_for(BEN.id, "prepared this week already")


async def run_checkin(harness, person, weather: str, words: str) -> None:
    ask = await harness.say(person, "/checkin", expect="weather")
    body = await harness.tap(person, ask, weather, expect="body")
    await harness.tap(person, body, "Jaw", expect="know")
    await harness.say(person, words, expect="On its way")


async def test_week_sends_each_reader_their_picture_with_the_weeks_counts(harness, standin, photos):
    await two_zones(harness)
    assert "connected" in (await harness.say(EVE, "/week")).text
    await run_checkin(harness, SAM, "Stormy", "A long day")
    ask = await harness.say(BEN, "/gratitude", expect="What did")
    feeling = await harness.say(BEN, "You made soup", expect="How did it make you feel")
    await harness.tap(BEN, feeling, "Loved", expect="On its way")
    relayed = await standin.wait_for(SAM.id, "You made soup")
    await standin.tap(SAM, relayed, "I hear you")
    await standin.wait_for(BEN.id, "Sam read your")
    assert ask.buttons
    with harness.session() as session:
        week = pictures.week_for(session, SAM.id, harness.clock())
    assert (week.counts.checkins, week.counts.appreciations, week.counts.turned_toward) == (1, 1, 1)
    assert week.partners[0].name == "Sam" and week.partners[0].weather[-1] == "stormy"
    assert week.partners[1].weather == [None] * 7
    assert week.days[-1].isoformat() == "2026-11-25"
    update = await standin.say(BEN, "/week")
    photo = await standin.wait_for(BEN.id, lambda s: s.method == "sendPhoto", timeout=30)
    assert_a_small_png(png_of(photo))
    assert photo.params["photo"]["filename"].endswith(".png")
    await standin.serve_again(update)
    await standin.settle()
    assert sum(s.method == "sendPhoto" for s in standin.sent_to(BEN.id)) == 1


def test_weather_read_back_from_a_checkin_entry():
    assert pictures.weather_of("Today felt ⛈ Stormy.\nI feel it in my jaw.") == "stormy"
    assert pictures.weather_of("Today felt: like a long exhale\n\nwords") == "like a long exhale"
    assert pictures.weather_of("I feel it in my jaw.") is None
