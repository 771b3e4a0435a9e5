"""Times shown to a person say the day whenever it isn't their today, in their own zone."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.language import ENGLISH, words_in
from bot.localtime import day_offset, local_until, local_until_for, local_when, local_when_for
from bot.store.models import User

UTC = timezone.utc
NOW = datetime(2026, 7, 1, 21, 0, tzinfo=UTC)  # a Wednesday; 23:00 in Berlin, 14:00 in LA
BERLIN, LA, TOKYO = ZoneInfo("Europe/Berlin"), ZoneInfo("America/Los_Angeles"), ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(
    "later, zone, expected",
    [
        (timedelta(minutes=20), BERLIN, "at 23:20"),
        (timedelta(hours=3), BERLIN, "tomorrow at 02:00"),  # past midnight in Berlin
        (timedelta(hours=3), LA, "at 17:00"),  # still today in Los Angeles
        (timedelta(minutes=20), TOKYO, "at 06:20"),  # already Thursday there, and so is now
        (timedelta(days=1), LA, "tomorrow at 14:00"),
        (timedelta(days=3), BERLIN, "on Saturday at 23:00"),
        (timedelta(days=10), BERLIN, "on Sat 11 Jul at 23:00"),
        (timedelta(days=-1), LA, "yesterday at 14:00"),
        (timedelta(days=200), BERLIN, "on Sun, 17 Jan 2027 at 22:00"),  # and in winter time
    ],
)
def test_the_day_is_said_when_it_is_not_today_in_the_readers_zone(later, zone, expected):
    assert ENGLISH(local_when(NOW + later, zone, NOW)) == expected


def test_until_reads_the_same_way():
    assert ENGLISH(local_until(NOW + timedelta(minutes=20), BERLIN, NOW)) == "until 23:20"
    assert ENGLISH(local_until(NOW + timedelta(hours=3), BERLIN, NOW)) == "until tomorrow at 02:00"
    assert ENGLISH(local_until(NOW + timedelta(days=2), BERLIN, NOW)) == "until Friday at 23:00"


def test_the_reader_without_a_zone_reads_utc_said_so():
    assert ENGLISH(local_when_for(NOW + timedelta(hours=4), None, NOW)) == "tomorrow at 01:00 UTC"
    sam = User(id=1, first_name="Sam", timezone="America/Los_Angeles")
    assert ENGLISH(local_when_for(NOW + timedelta(hours=4), sam, NOW)) == "at 18:00"
    assert ENGLISH(local_until_for(NOW + timedelta(hours=4), sam, NOW)) == "until 18:00"


def test_now_in_another_zone_changes_nothing():
    now_elsewhere = NOW.astimezone(TOKYO)
    assert day_offset(NOW + timedelta(hours=3), BERLIN, now_elsewhere) == 1
    assert day_offset(NOW, BERLIN, now_elsewhere) == 0


def test_days_and_times_are_written_in_the_readers_locale():
    in_ten_days = local_when(NOW + timedelta(days=10), BERLIN, NOW)
    german = words_in("de")(in_ten_days)
    assert "Sa., 11. Juli" in german and "23:00" in german
    assert "sábado" in words_in("es")(local_when(NOW + timedelta(days=3), BERLIN, NOW))
