"""The nudge's greeting fits the reader's hour: no "Good evening … 🌙" at 10:01."""
from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from rituals.greeting import greeting
from rituals.language import ENGLISH, say


def english(message) -> str:
    return say(ENGLISH, message)


@pytest.mark.parametrize(
    "clock, expected",
    [
        (time(10, 1), "Good morning, Sam"),
        (time(5, 0), "Good morning, Sam"),
        (time(11, 59), "Good morning, Sam"),
        (time(12, 0), "Good afternoon, Sam"),
        (time(16, 59), "Good afternoon, Sam"),
        (time(17, 0), "Good evening, Sam 🌙"),
        (time(21, 0), "Good evening, Sam 🌙"),
        (time(23, 59), "Good evening, Sam 🌙"),
        (time(0, 30), "Hello, Sam 🌙"),
        (time(4, 59), "Hello, Sam 🌙"),
    ],
)
def test_the_greeting_fits_the_hour(clock, expected):
    assert english(greeting("Sam", clock)) == expected


def test_only_the_evening_says_good_evening():
    for hour in range(24):
        said = english(greeting("Sam", time(hour)))
        assert ("Good evening" in said) == (17 <= hour <= 23), hour


def test_a_local_datetime_works_and_a_missing_name_reads_well():
    morning = datetime(2026, 7, 1, 10, 1, tzinfo=ZoneInfo("Europe/Berlin"))
    assert english(greeting("Ben", morning)) == "Good morning, Ben"
    assert english(greeting("", time(21))) == "Good evening 🌙"
