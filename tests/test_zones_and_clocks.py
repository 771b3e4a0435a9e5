"""End to end: after pairing each partner hears what Attune is and is asked for their zone
(a location button, zones guessed from their language, /timezone); typed abbreviations and
offsets become real zones to confirm; the nudge greets by the hour; each partner sees the
other's local time; the nudge plan says its day."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import select

from bot.jobs import nudges
from bot.language import ENGLISH, words_in
from bot.store.models import InboxUpdate, User
from bot.texts import common as ct
from bot.texts import schedule as st
from rituals import zones
from rituals.language import Phrase
from tests.support.people import BEN, SAM, Person

UTC = timezone.utc
SAM_DE = Person(SAM.id, "Sam", "de")  # Sam's Telegram speaks German, so Attune does too
BEN_US = Person(BEN.id, "Ben", "en-US")
GERMAN = words_in("de")


def labels(sent) -> list[str]:
    return [b["text"] for b in sent.buttons]


def zone_of(harness, person) -> str | None:
    with harness.session() as session:
        return session.get(User, person.id).timezone


async def pair_speakers(harness, standin, inviter, invitee):
    link = await harness.say(inviter, "/invite", expect="t.me/")
    await standin.say(invitee, "/start " + link.text.split("start=")[1].split()[0])
    await standin.wait_for(inviter.id, invitee.first_name)  # told in their own language
    await standin.wait_for(invitee.id, inviter.first_name)
    await standin.settle()


async def test_after_pairing_both_hear_what_attune_is_and_are_asked_their_zone(harness, standin):
    await pair_speakers(harness, standin, SAM_DE, BEN_US)
    for person, words, told, zones_offered in (
            (SAM, GERMAN, Phrase(ct.PAIRED_INVITER, partner="Ben"),
             ["Berlin · 13:00", "Vienna · 13:00", "Zurich · 13:00"]),
            (BEN, ENGLISH, Phrase(ct.PAIRED_INVITEE, partner="Sam"),
             ["New York · 07:00", "Chicago · 06:00"])):
        sent = standin.sent_to(person.id)[-2:]
        greeting, question = sent
        assert greeting.text == words(told) and len(greeting.text.splitlines()) <= 4
        button = greeting.reply_markup["keyboard"][0][0]
        assert button == {"text": words(st.LOCATION_BUTTON), "request_location": True}
        assert question.text == words(zones.ask(zones.Candidates((), "language", "")))
        assert labels(question)[:len(zones_offered)] == zones_offered
    assert "connected" in standin.sent_to(BEN.id)[-2].text
    question = standin.sent_to(SAM.id)[-1]
    chosen = await harness.tap(SAM, question, "Berlin", expect="Europe/Berlin")
    assert chosen.reply_markup == {"remove_keyboard": True}
    assert GERMAN(Phrase("today at {time}", time="21:00")) in chosen.text
    assert zone_of(harness, SAM) == "Europe/Berlin"
    before = len(standin.sent_to(SAM.id))
    await standin.tap(SAM, question, "Berlin")  # again: the toast only
    await standin.settle()
    assert len(standin.sent_to(SAM.id)) == before


async def test_a_shared_location_sets_the_zone_and_keeps_no_coordinates(harness, standin):
    await pair_speakers(harness, standin, SAM_DE, BEN_US)
    before = len(standin.sent_to(BEN.id))
    await standin.send_other(BEN, location={"latitude": 40.7128, "longitude": -74.006})
    answer = await standin.wait_for(BEN.id, after=before)
    assert answer.text.startswith("Your location is in the America/New_York time zone")
    assert answer.reply_markup == {"remove_keyboard": True}
    assert zone_of(harness, BEN) == "America/New_York"
    with harness.session() as session:
        payloads = [row.payload for row in session.exec(select(InboxUpdate))]
    assert not any("40.71" in p or "74.00" in p for p in payloads)


async def test_a_location_at_sea_asks_for_the_city(harness, standin):
    before = len(standin.sent_to(SAM.id))
    await standin.send_other(SAM, location={"latitude": 0.0, "longitude": -30.0})
    answer = await standin.wait_for(SAM.id, after=before)
    assert "/timezone" in answer.text and zone_of(harness, SAM) is None


async def test_without_a_language_the_zone_is_asked_openly(harness, standin):
    await harness.pair()
    question = standin.sent_to(BEN.id)[-1]
    assert question.text.endswith("Which city are you in?") and not question.buttons


async def test_a_partner_with_a_zone_hears_their_evening_instead(harness, standin):
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    await harness.pair()
    greeting, plan = standin.sent_to(SAM.id)[-2:]
    assert "connected" in greeting.text and greeting.reply_markup is None
    assert plan.text.startswith("Your evening ritual arrives at 21:00 your time (Europe/Berlin)")


async def test_abbreviations_and_offsets_become_real_zones_to_confirm(harness, standin):
    est = await harness.say(SAM, "/timezone EST")
    assert est.text.endswith("Which of these is it?")
    assert labels(est)[:2] == ["New York · 07:00", "Toronto · 07:00"]
    assert zone_of(harness, SAM) is None
    await harness.tap(SAM, est, "Toronto", expect="America/Toronto")
    cet = await harness.say(SAM, "/timezone CET")
    assert "Berlin · 13:00" in labels(cet) and "Paris · 13:00" in labels(cet)
    offset = await harness.say(SAM, "/timezone UTC+1")
    assert "hour off" in offset.text and labels(offset)[0] == "Berlin · 13:00"
    await harness.tap(SAM, offset, "Berlin", expect="Europe/Berlin")
    assert zone_of(harness, SAM) == "Europe/Berlin"
    await standin.press(SAM, offset, "tz:Mars~Olympus_Mons")
    await standin.wait_for(SAM.id, "expired")
    assert zone_of(harness, SAM) == "Europe/Berlin"


async def test_the_nudge_greets_by_the_hour(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    await harness.say(SAM, "/time 08:00", expect="08:00")
    harness.clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))  # 08:00 in Berlin
    await nudges.tick(harness.services)
    nudge = await standin.wait_for(SAM.id, "A quiet minute")
    assert nudge.text.startswith("Good morning, Sam\n") and "🌙" not in nudge.text
    await harness.say(SAM, "/time 21:00", expect="21:00")
    harness.clock.set(datetime(2026, 11, 26, 20, 0, tzinfo=UTC))
    await nudges.tick(harness.services)
    evening = await standin.wait_for(SAM.id, "Good evening, Sam 🌙")
    assert evening.text.rstrip().endswith("Ready?")


async def test_each_partner_sees_the_others_local_time(harness, standin):
    await harness.pair()
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    await harness.say(BEN, "/timezone America/New_York", expect="America/New_York")
    help_text = (await harness.say(SAM, "/help", expect="Here's what I can do")).text
    assert help_text.endswith("It's 07:00 for Ben now (America/New_York).")
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "Coffee", expect="feel")
    await harness.tap(SAM, feeling, "Loved", expect="On its way")
    await standin.wait_for(BEN.id, "Coffee")
    page = await harness.say(BEN, "/thread", expect="It's 13:00")
    assert page.text.startswith("It's 13:00 for Sam now (Europe/Berlin).\n\n")


async def test_the_nudge_plan_says_its_day(harness, standin):
    harness.clock.set(datetime(2026, 11, 25, 21, 0, tzinfo=UTC))  # 22:00 in Berlin
    await harness.pair()
    await harness.say(SAM, "/timezone Europe/Berlin", expect="Europe/Berlin")
    plan = await harness.say(SAM, "/time")
    assert plan.text.endswith("the next one comes tomorrow at 21:00.")
