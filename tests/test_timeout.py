"""/pause's length: read as a person types it, held to Gottman's 20 minutes to 24 hours."""
from __future__ import annotations

import re

import pytest

from rituals import timeout
from rituals.language import ENGLISH, say
from rituals.timeout import Minutes, NotUnderstood, TooLong, TooShort, parse_timeout, refusal


@pytest.mark.parametrize(
    "text, minutes",
    [
        (None, 20), ("", 20), ("  ", 20),
        ("30", 30), ("30 min", 30), ("30min", 30), ("30 minutes", 30), ("20 mins", 20),
        ("1h", 60), ("1 h", 60), ("1 hour", 60), ("an hour", 60), ("One Hour", 60),
        ("90m", 90), ("1h30", 90), ("1h 30m", 90), ("1 hour and 30 minutes", 90),
        ("1.5h", 90), ("1,5h", 90), ("1:30", 90), ("half an hour", 30),
        ("2 hours", 120), ("24h", 1440), ("1 day", 1440), ("20", 20), ("1440", 1440),
        # the units of the other shipped languages (German, Spanish, Portuguese, Russian)
        ("30 Minuten", 30), ("1 Stunde und 30 Minuten", 90), ("1 hora y 30 minutos", 90),
        ("2 horas e 30 minutos", 150), ("2 часа", 120), ("1 час 30 минут", 90),
    ],
)
def test_lengths_people_type_are_understood(text, minutes):
    assert parse_timeout(text) == Minutes(minutes)


@pytest.mark.parametrize("text, asked", [("5", 5), ("5 min", 5), ("0", 0), ("19", 19), ("0.25h", 15)])
def test_under_twenty_minutes_is_too_short(text, asked):
    assert parse_timeout(text) == TooShort(asked)


@pytest.mark.parametrize("text", ["25h", "1441", "2 days", "99999999999999"])
def test_over_a_day_is_too_long(text):
    assert isinstance(parse_timeout(text), TooLong)


@pytest.mark.parametrize("text", ["soon", "-5", "30 30", "and 30", "h", "1h30h", "x" * 200, "½h"])
def test_anything_else_is_not_understood(text):
    assert isinstance(parse_timeout(text), NotUnderstood)


def english(message) -> str:
    return say(ENGLISH, message)


def test_too_short_explains_the_floor_and_offers_twenty():
    text = english(refusal(TooShort(5)))
    assert "5 minutes" in text and "20 minutes" in text and text.endswith("?")
    assert "20" in timeout.TOO_SHORT_BUTTON
    assert english(refusal(TooShort(1))).count("1 minute ") == 1  # singular when it is one


def test_other_refusals_and_a_startable_length():
    assert "24 hours" in english(refusal(TooLong(1500)))
    assert "“soon”" in english(refusal(NotUnderstood("soon")))
    assert refusal(Minutes(30)) is None


def test_describe_says_lengths_as_a_person_would():
    assert english(timeout.describe(20)) == "20 minutes"
    assert english(timeout.describe(60)) == "1 hour"
    assert english(timeout.describe(90)) == "1 hour 30 minutes"
    assert english(timeout.describe(121)) == "2 hours 1 minute"


TEXTS = ["TOO_SHORT", "TOO_SHORT_BUTTON", "TOO_SHORT_SKIP", "TOO_LONG", "NOT_UNDERSTOOD",
         "PARTNER_SOOTHE", "ENDS_SOON_PAUSER", "ENDS_SOON_PARTNER", "HELD_WHILE_PAUSED"]


@pytest.mark.parametrize("name", TEXTS)
def test_every_text_follows_the_voice(name):
    text = getattr(timeout, name)
    filled = text.format(name="Ben", when="tomorrow at 09:10", asked="5 minutes", text="soon")
    assert len(filled.split()) < 60
    assert "!" not in filled and "spouse" not in filled
    emoji = re.findall(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]", filled)
    assert len(emoji) <= 1
    if "?" in filled:
        assert filled.rstrip().endswith("?"), "the question comes last"


def test_the_partner_gets_their_own_soothing_and_the_held_words_say_when():
    assert "soothe, not to rehearse" in timeout.PARTNER_SOOTHE
    assert "Breathe" in timeout.PARTNER_SOOTHE
    held = timeout.HELD_WHILE_PAUSED.format(name="Ben", when="tomorrow at 09:10")
    assert held == "Saved. It will reach Ben when the time-out ends, tomorrow at 09:10."
    assert "5 minutes" in timeout.ENDS_SOON_PAUSER and "5 minutes" in timeout.ENDS_SOON_PARTNER
