"""/timezone understood as people type it: real zones only, never a fixed offset that drifts."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, available_timezones

import pytest

from rituals import zone_hints, zones
from rituals.language import ENGLISH, say
from rituals.zones import Candidates, Unknown, Zone, likely_zones, understand_zone, zone_at

JANUARY = datetime(2026, 1, 15, 12, tzinfo=timezone.utc)
JULY = datetime(2026, 7, 15, 12, tzinfo=timezone.utc)


def offset_hours(zone: str, now: datetime) -> float:
    return now.astimezone(ZoneInfo(zone)).utcoffset().total_seconds() / 3600


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Europe/Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"), ("Berlin, Germany", "Europe/Berlin"),
        ("new york", "America/New_York"), ("Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("Germany", "Europe/Berlin"), ("UK", "Europe/London"), ("Japan", "Asia/Tokyo"),
    ],
)
def test_a_place_is_one_zone(typed, expected):
    assert understand_zone(typed, JANUARY) == Zone(expected)


@pytest.mark.parametrize(
    "typed, first, also",
    [
        ("CET", "Europe/Berlin", {"Europe/Paris", "Europe/Madrid"}),
        ("cest", "Europe/Berlin", {"Europe/Paris"}),
        ("EST", "America/New_York", {"America/Toronto"}),
        ("PST", "America/Los_Angeles", {"America/Vancouver"}),
        ("IST", "Asia/Kolkata", {"Europe/Dublin"}),
        ("GMT", "Europe/London", {"Europe/Dublin"}),
        ("UTC", "Europe/London", set()),
        ("EST5EDT", "America/New_York", set()),
        ("Etc/UTC", "Europe/London", set()),
    ],
)
def test_abbreviations_become_real_zones_to_confirm(typed, first, also):
    found = understand_zone(typed, JANUARY)
    assert isinstance(found, Candidates) and found.why == "abbreviation"
    assert found.zones[0] == first and also <= set(found.zones)
    assert 1 <= len(found.zones) <= zones.MAX_CANDIDATES


@pytest.mark.parametrize(
    "typed, hours",
    [("UTC+1", 1), ("GMT-5", -5), ("+05:30", 5.5), ("utc +0530", 5.5), ("UTC-3:30", -3.5),
     ("+1", 1), ("−3", -3), ("gmt+0", 0), ("Etc/GMT+5", -5), ("+5:45", 5.75)],
)
def test_fixed_offsets_become_zones_currently_at_that_offset(typed, hours):
    for now in (JANUARY, JULY):
        found = zones_of(understand_zone(typed, now))
        assert not any(z.startswith("Etc/") or z == "UTC" for z in found), typed
        # at that offset now, or (when no clock is, as -3:30 in July) half a year away
        assert hours in (offset_hours(found[0], now), offset_hours(found[0], now + timedelta(days=182)))
    assert offset_hours(zones_of(understand_zone(typed, JANUARY))[0], JANUARY) == hours


def zones_of(found) -> tuple[str, ...]:
    if isinstance(found, Zone):
        return (found.name,)
    assert isinstance(found, Candidates) and found.why == "offset", found
    return found.zones


def test_an_unambiguous_abbreviation_or_offset_is_one_zone():
    assert understand_zone("JST", JANUARY) == Zone("Asia/Tokyo")
    assert understand_zone("+05:45", JANUARY) == Zone("Asia/Kathmandu")


def test_utc_plus_one_names_different_places_in_winter_and_summer():
    winter, summer = understand_zone("UTC+1", JANUARY), understand_zone("UTC+1", JULY)
    assert winter.zones[0] == "Europe/Berlin" and "Europe/Paris" in winter.zones
    assert summer.zones[0] == "Europe/London"
    assert "Europe/Berlin" in summer.zones  # who types their winter offset in July finds home


@pytest.mark.parametrize("typed", ["", "   ", "xyz", "+15", "UTC+25", "x" * 100, "Atlantis"])
def test_nonsense_is_unknown(typed):
    assert isinstance(understand_zone(typed, JANUARY), Unknown)


def test_countries_with_several_zones_are_asked():
    found = understand_zone("United States", JANUARY)
    assert isinstance(found, Candidates) and found.why == "country"
    assert found.zones[:2] == ("America/New_York", "America/Chicago")


def test_the_questions_follow_the_voice():
    for why in ("abbreviation", "offset", "city", "country", "language"):
        text = say(ENGLISH, zones.ask(Candidates(("Europe/Berlin",), why, "CET")))
        assert text.endswith("?") and len(text.split()) < 60 and "!" not in text
    assert zones.label("Europe/Berlin", JANUARY) == "Berlin · 13:00"
    assert zones.label("America/Argentina/Buenos_Aires", JANUARY) == "Buenos Aires · 09:00"


@pytest.mark.parametrize(
    "code, expected",
    [
        ("de", ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich")),
        ("pt-br", ("America/Sao_Paulo",)), ("pt_BR", ("America/Sao_Paulo",)),
        ("en-GB", ("Europe/London",)), ("en-US", ("America/New_York",)),
        ("fr-CA", ("America/Toronto",)), ("zh-hant", ("Asia/Taipei",)),
    ],
)
def test_likely_zones_from_a_language_code(code, expected):
    assert likely_zones(code)[: len(expected)] == expected


def test_english_offers_several_and_the_unknown_offers_none():
    assert len(likely_zones("en")) >= 4 and "Europe/London" in likely_zones("en")
    assert likely_zones("xx") == () and likely_zones(None) == () and likely_zones("") == ()


def test_every_hinted_zone_exists_and_none_is_a_fixed_offset():
    known = available_timezones()
    tables = (zone_hints.ABBREVIATIONS, zone_hints.LANGUAGES, zone_hints.REGIONS)
    for table in tables:
        for key, names in table.items():
            assert names and len(names) == len(set(names)), key
            for name in names:
                assert name in known and "/" in name and not name.startswith("Etc/"), (key, name)


@pytest.mark.parametrize(
    "lat, lng, expected",
    [(52.52, 13.405, "Europe/Berlin"), (-23.55, -46.63, "America/Sao_Paulo"),
     (40.71, -74.0, "America/New_York"), (35.68, 139.69, "Asia/Tokyo"),
     (0.0, -30.0, None), (91.0, 0.0, None)],
)
def test_a_shared_location_gives_its_zone_offline(lat, lng, expected):
    assert zone_at(lat, lng) == expected


def test_the_location_library_is_not_loaded_until_a_location_is_shared():
    code = ("import sys, rituals, rituals.zones as z; rituals.all_rituals(); "
            "z.understand_zone('CET', __import__('datetime').datetime.now(__import__('datetime').timezone.utc)); "
            "print('timezonefinder' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
