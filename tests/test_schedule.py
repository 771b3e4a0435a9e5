"""The evening nudge's timing, with explicit datetimes: zones, DST days, parsing."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from rituals import all_rituals
from rituals.schedule import (
    DEFAULT_NUDGE_TIME,
    next_nudge_at,
    parse_local_time,
    resolve_zone,
    todays_offer,
)

UTC = timezone.utc


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    "zone, local, now, expected",
    [
        # west of UTC: 21:00 in Los Angeles (PDT, -7) is 04:00 UTC the next day
        ("America/Los_Angeles", time(21), utc(2026, 6, 1, 12), utc(2026, 6, 2, 4)),
        ("America/Los_Angeles", time(21), utc(2026, 6, 2, 3, 59), utc(2026, 6, 2, 4)),
        # east of UTC: 21:00 in Tokyo (+9) is 12:00 UTC the same day
        ("Asia/Tokyo", time(21), utc(2026, 6, 1, 11), utc(2026, 6, 1, 12)),
        ("Asia/Tokyo", time(21), utc(2026, 6, 1, 13), utc(2026, 6, 2, 12)),
        ("Asia/Tokyo", time(7, 30), utc(2026, 6, 1, 23), utc(2026, 6, 2, 22, 30)),
        # half-hour zone: 21:00 in Kolkata (+5:30) is 15:30 UTC
        ("Asia/Kolkata", time(21), utc(2026, 1, 10), utc(2026, 1, 10, 15, 30)),
        ("UTC", time(0), utc(2026, 12, 31, 23, 59), utc(2027, 1, 1)),
    ],
)
def test_next_nudge_on_ordinary_days(zone, local, now, expected):
    assert next_nudge_at(local, zone, now) == expected


def test_now_exactly_at_the_minute_is_now():
    now = utc(2026, 6, 1, 12)  # 21:00 in Tokyo
    assert next_nudge_at(time(21), "Asia/Tokyo", now) == now


def test_one_second_late_is_tomorrow():
    now = utc(2026, 6, 1, 12, 0, 1)
    assert next_nudge_at(time(21), "Asia/Tokyo", now) == utc(2026, 6, 2, 12)


def test_result_is_aware_utc_and_now_may_be_in_any_zone():
    now = datetime(2026, 6, 1, 20, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    result = next_nudge_at(time(21), "Asia/Tokyo", now)
    assert result.tzinfo is UTC and result == utc(2026, 6, 1, 12)


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        next_nudge_at(time(21), "Asia/Tokyo", datetime(2026, 6, 1, 12))


@pytest.mark.parametrize(
    "zone, local, now, expected",
    [
        # Berlin springs forward 2026-03-29 02:00 -> 03:00 (01:00 UTC)
        ("Europe/Berlin", time(21), utc(2026, 3, 28, 21), utc(2026, 3, 29, 19)),
        ("Europe/Berlin", time(2, 30), utc(2026, 3, 28, 21), utc(2026, 3, 29, 1)),
        ("Europe/Berlin", time(3), utc(2026, 3, 28, 21), utc(2026, 3, 29, 1)),
        ("Europe/Berlin", time(1, 59), utc(2026, 3, 28, 21), utc(2026, 3, 29, 0, 59)),
        # ... and falls back 2026-10-25 03:00 -> 02:00 (01:00 UTC): 02:30 comes twice
        ("Europe/Berlin", time(2, 30), utc(2026, 10, 24, 22), utc(2026, 10, 25, 0, 30)),
        ("Europe/Berlin", time(21), utc(2026, 10, 24, 22), utc(2026, 10, 25, 20)),
        # between the two 02:30s the next one is a day later, not the repeat
        ("Europe/Berlin", time(2, 30), utc(2026, 10, 25, 0, 31), utc(2026, 10, 26, 1, 30)),
        # New York springs forward 2026-03-08 02:00 -> 03:00 (07:00 UTC)
        ("America/New_York", time(21), utc(2026, 3, 8, 5), utc(2026, 3, 9, 1)),
        ("America/New_York", time(2, 30), utc(2026, 3, 8, 5), utc(2026, 3, 8, 7)),
        # ... and falls back 2026-11-01 02:00 -> 01:00 (06:00 UTC): 01:30 comes twice
        ("America/New_York", time(1, 30), utc(2026, 11, 1, 4), utc(2026, 11, 1, 5, 30)),
        ("America/New_York", time(21), utc(2026, 11, 1, 4), utc(2026, 11, 2, 2)),
    ],
)
def test_next_nudge_on_dst_days(zone, local, now, expected):
    assert next_nudge_at(local, zone, now) == expected


def test_a_half_hour_gap_ends_at_the_half_hour():
    # Lord Howe Island springs forward 02:00 -> 02:30 on 2026-10-04 (15:30 UTC the day before)
    result = next_nudge_at(time(2, 15), "Australia/Lord_Howe", utc(2026, 10, 3))
    assert result == utc(2026, 10, 3, 15, 30)


def test_a_skipped_day_moves_to_the_next():
    # Samoa skipped 2011-12-30 entirely
    result = next_nudge_at(time(21), "Pacific/Apia", utc(2011, 12, 30, 8))
    assert result.astimezone(ZoneInfo("Pacific/Apia")).date() >= date(2011, 12, 31)
    assert result >= utc(2011, 12, 30, 8)


def test_every_day_of_a_year_gives_the_wall_time_or_the_gap_end():
    tz = ZoneInfo("Europe/Berlin")
    now = utc(2026, 1, 1)
    for _ in range(365):
        result = next_nudge_at(DEFAULT_NUDGE_TIME, "Europe/Berlin", now)
        assert result >= now and result.astimezone(tz).time() == DEFAULT_NUDGE_TIME
        now = result + timedelta(seconds=1)


def test_default_nudge_time_is_nine_in_the_evening():
    assert DEFAULT_NUDGE_TIME == time(21, 0)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("21:00", time(21)),
        ("9:05", time(9, 5)),
        ("21.30", time(21, 30)),
        ("9pm", time(21)),
        ("9:30 pm", time(21, 30)),
        ("9:30pm", time(21, 30)),
        ("9 P.M.", time(21)),
        ("12am", time(0)),
        ("12pm", time(12)),
        ("0930", time(9, 30)),
        ("2130", time(21, 30)),
        ("21h30", time(21, 30)),
        (" 00:00 ", time(0)),
        ("noon", time(12)),
    ],
)
def test_parse_local_time_understands(text, expected):
    assert parse_local_time(text) == expected


@pytest.mark.parametrize(
    "text",
    ["25:99", "", "abc", "24:00", "21:60", "13pm", "0am", "9", "21:00 tomorrow", "9:5", "-1:00", "٢١:٠٠"],
)
def test_parse_local_time_refuses(text):
    assert parse_local_time(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("  Asia/Kolkata ", "Asia/Kolkata"),
        ("America/New York", "America/New_York"),
        ("UTC", "UTC"),
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("Sao_Paulo", "America/Sao_Paulo"),
        ("tokyo", "Asia/Tokyo"),
        ("UTC+3", "Etc/GMT-3"),
        ("GMT-5", "Etc/GMT+5"),
    ],
)
def test_resolve_zone_finds(text, expected):
    assert resolve_zone(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mars/Olympus_Mons",
        "UTC+3 junk",
        "../etc",
        "../../etc/passwd",
        "/usr/share/zoneinfo/Europe/Berlin",
        "",
        "   ",
        "localtime",
        "Atlantis",
        "Samoa",  # US/Samoa and Pacific/Samoa are different places
        "UTC+5:30",
    ],
)
def test_resolve_zone_refuses(text):
    assert resolve_zone(text) is None


@pytest.mark.parametrize("day", [date(2026, 1, 1) + timedelta(days=n) for n in range(14)])
def test_todays_offer_starts_with_the_checkin(day):
    offer = todays_offer(day)
    known = {r.key for r in all_rituals()}
    assert offer[0] == "checkin" and set(offer) <= known and len(offer) == len(set(offer))


def test_todays_offer_rotates_gratitude_and_trigger():
    week = {todays_offer(date(2026, 1, 1) + timedelta(days=n))[1] for n in range(7)}
    assert week == {"gratitude", "trigger"}
    assert todays_offer(date(2026, 5, 5)) == todays_offer(date(2026, 5, 5))
