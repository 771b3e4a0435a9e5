"""Understanding where a person lives in time: what they type, their language, their location.

A nudge at 21:00 must stay at 21:00 through both clock changes, so only real IANA zones
(Europe/Berlin) are ever chosen. Abbreviations and fixed offsets ("CET", "EST", "UTC+1")
would drift an hour for half the year; they become a few real zones for the person to
confirm. Pure functions: `now` is passed in, because an offset names different zones in
January and in July.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

from rituals.language import N_, Phrase
from rituals.schedule import zone_cities, zone_names
from rituals.zone_hints import ABBREVIATIONS, COUNTRY_ALIASES, LANGUAGES, REGIONS

MAX_CANDIDATES = 6  # a handful of buttons; more is a list to scroll, not a question


@dataclass(frozen=True)
class Zone:
    """One real zone, safe to use without asking (the reply names it and its clock)."""

    name: str


@dataclass(frozen=True)
class Candidates:
    """A few real zones to offer; `why` is "abbreviation", "offset", "city", "country" or
    "language", and picks the question asked (ask())."""

    zones: tuple[str, ...]
    why: str
    typed: str


@dataclass(frozen=True)
class Unknown:
    text: str


# --- the texts (VOICE.md) ----------------------------------------------------------------

_ASK = {
    "abbreviation": N_("“{typed}” covers several places. Knowing yours keeps your evening minute "
                    "in place when the clocks change.\nWhich of these is it?"),
    "offset": N_("A fixed offset like “{typed}” would put your evening minute an hour off for "
              "half the year. Knowing your place keeps it steady.\nWhich of these is it?"),
    "city": N_("There's more than one “{typed}”.\nWhich one is yours?"),
    "country": N_("“{typed}” has more than one time zone.\nWhich one is yours?"),
    "language": N_("So your evening minute comes in your evening, I need your time zone. Tap "
                "yours, share your location, or send /timezone and your city.\n"
                "Which one is yours?"),
}
# After a shared location: only the zone is kept, never the coordinates.
FROM_LOCATION = N_("Your location is in the {zone} time zone, where it's {clock} now, so I'll use that.")
UNKNOWN = N_(
    "I don't know the time zone “{text}”.\n"
    "Try your city, like /timezone Berlin, or a region and city, like /timezone America/New_York."
)


def ask(candidates: Candidates) -> Phrase:
    """The question to send with the candidates as buttons (label() for each)."""
    return Phrase(_ASK[candidates.why], typed=candidates.typed[:32])


def label(zone: str, now: datetime) -> str:
    """A button for a zone: 'Berlin · 21:04', the city and its clock now."""
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} · {now.astimezone(ZoneInfo(zone)):%H:%M}"


# --- what a person types -----------------------------------------------------------------

# "UTC+1", "GMT-5", "+05:30", "utc +0530", "-3"; "−" is the minus sign some keyboards type.
_OFFSET = re.compile(r"(?:utc|gmt|ut|z)? ?(?P<sign>[+\-−]) ?(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?")
_ETC = re.compile(r"etc/(?:gmt|utc)(?P<sign>[+-])(?P<hours>\d{1,2})")  # POSIX: sign inverted


def understand_zone(text: str, now: datetime) -> Zone | Candidates | Unknown:
    """What a person typed after /timezone, as one zone, a few to confirm, or Unknown."""
    typed = " ".join(text.split())
    words = typed.lower()
    if not words or len(words) > 64:
        return Unknown(typed[:64])
    offset = _offset_of(words)
    if offset is not None:
        return _candidates(zones_at_offset(offset, now), "offset", typed)
    if words in ABBREVIATIONS or words.removeprefix("etc/") in ABBREVIATIONS:
        return _candidates(ABBREVIATIONS[words.removeprefix("etc/")], "abbreviation", typed)
    for attempt in dict.fromkeys((words, words.split(",")[0].strip())):  # "Berlin, Germany"
        found = _place(attempt, typed)
        if found is not None:
            return found
    return Unknown(typed)


def _place(words: str, typed: str) -> Zone | Candidates | None:
    """A zone name, a city, or a country; None when it's none of those."""
    underscored = words.replace(" ", "_")
    names = zone_names()
    if "/" in underscored and underscored in names and not underscored.startswith("etc/"):
        return Zone(names[underscored])
    cities = _canonical_first(zone_cities().get(underscored, ()))
    if cities:
        return _candidates(cities, "city", typed)
    country = COUNTRY_ALIASES.get(words) or _country_codes().get(words)
    if country is not None:
        return _candidates(_region_zones(country), "country", typed)
    return None


def _candidates(zones: tuple[str, ...], why: str, typed: str) -> Zone | Candidates | Unknown:
    zones = tuple(dict.fromkeys(z for z in zones if z.lower() in zone_names()))
    if not zones:
        return Unknown(typed)
    if len(zones) == 1:  # one real place ("JST", "+05:45"): the answer shows its clock anyway
        return Zone(zones[0])
    return Candidates(zones[:MAX_CANDIDATES], why, typed)


def _offset_of(words: str) -> timedelta | None:
    """The offset a person typed, or None when it isn't one (or no clock is that far)."""
    etc = _ETC.fullmatch(words)
    match = etc or _OFFSET.fullmatch(words)
    if match is None:
        return None
    hours, minutes = int(match["hours"]), int(match.groupdict().get("minutes") or 0)
    if hours > 14 or minutes > 59:
        return None
    offset = timedelta(hours=hours, minutes=minutes)
    negative = (match["sign"] in "-−") != bool(etc)  # Etc/GMT+5 is five hours behind
    return -offset if negative else offset


def zones_at_offset(offset: timedelta, now: datetime) -> tuple[str, ...]:
    """Real zones whose clocks are at `offset` from UTC at `now`, best known first; then
    those at that offset half a year away (a person may type their winter offset in July)."""
    later = now + timedelta(days=182)
    at_now = [z for z in _known_zones() if now.astimezone(ZoneInfo(z)).utcoffset() == offset]
    at_other = [z for z in _known_zones() if later.astimezone(ZoneInfo(z)).utcoffset() == offset]
    return tuple(dict.fromkeys(at_now[:MAX_CANDIDATES - 1] + at_other + at_now))[:MAX_CANDIDATES]


# --- what Telegram tells us ----------------------------------------------------------------


def likely_zones(language_code: str | None) -> tuple[str, ...]:
    """A few likely zones from Telegram's language_code ("de", "pt-br", "en-US"), or ()."""
    tag = (language_code or "").strip().lower().replace("_", "-")
    if tag in LANGUAGES:
        return LANGUAGES[tag][:MAX_CANDIDATES]
    language, *rest = tag.split("-") if tag else [""]
    region = next((part for part in rest if len(part) == 2 and part.isalpha()), None)
    if region is not None and _region_zones(region):
        return _region_zones(region)
    return LANGUAGES.get(language, ())[:MAX_CANDIDATES]


def zone_at(latitude: float, longitude: float) -> str | None:
    """The zone of a shared location, offline; None at sea, off the map, or unknown here."""
    try:
        found = _finder().timezone_at_land(lat=float(latitude), lng=float(longitude))
    except ValueError:  # coordinates out of range
        return None
    return found if found and found.lower() in zone_names() else None


@cache
def _finder():
    # Imported and built on first use only: about 25 MiB (numpy, h3, a memory-mapped
    # polygon file) that an idle bot, or one whose people type their city, never pays.
    # One instance is safe for concurrent lookups (read-only after construction).
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


# --- the tzdb's own tables ---------------------------------------------------------------------


@cache
def _zone_table() -> tuple[tuple[str, str], ...]:
    """(country code, zone) rows of tzdata's zone.tab, in its order (main zone first)."""
    return tuple((row[0].lower(), row[2]) for row in _tab("zone.tab") if len(row) >= 3)


@cache
def _country_codes() -> dict[str, str]:
    """Country names (lower case) to codes, from iso3166.tab: 'germany' -> 'de'.
    "Britain (UK)" is found both as "britain" and "uk"."""
    codes: dict[str, str] = {}
    for row in _tab("iso3166.tab"):
        if len(row) >= 2:
            name = row[1].lower()
            codes[re.sub(r"\s*\(.*\)", "", name).replace("&", "and")] = row[0].lower()
            for inside in re.findall(r"\((.*?)\)", name):
                codes.setdefault(inside, row[0].lower())
    return codes


def _canonical_first(zones: tuple[str, ...]) -> tuple[str, ...]:
    """Only the tzdb's main names when any is among them: "Buenos Aires" is one place,
    not America/Buenos_Aires and its newer name America/Argentina/Buenos_Aires."""
    main = {zone for _, zone in _zone_table()}
    return tuple(z for z in zones if z in main) or zones


def _region_zones(country: str) -> tuple[str, ...]:
    if country in REGIONS:
        return REGIONS[country][:MAX_CANDIDATES]
    return tuple(zone for code, zone in _zone_table() if code == country)[:MAX_CANDIDATES]


@cache
def _known_zones() -> tuple[str, ...]:
    """Zones in the order to offer them: the well-known ones first, then the tzdb's."""
    curated = [z for group in (*ABBREVIATIONS.values(), *LANGUAGES.values(), *REGIONS.values())
               for z in group]
    every = curated + [zone for _, zone in _zone_table()]
    return tuple(z for z in dict.fromkeys(every) if z.lower() in zone_names())


def _tab(name: str) -> list[list[str]]:
    """Rows of one of tzdata's tab-separated tables; [] if this tzdata doesn't ship it."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return []
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
