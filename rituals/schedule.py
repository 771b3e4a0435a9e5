"""When the evening nudge comes: local times, time zones and DST, as pure functions.

Nothing here reads a clock: `now` is always passed in, so every answer can be tested
with explicit datetimes.
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

DEFAULT_NUDGE_TIME = time(21, 0)

# Second offer beside the check-in, alternating by date.
_ROTATION = ("gratitude", "trigger")

# Zone names that are not a place a person lives (or depend on this machine).
_NOT_PLACES = {"localtime", "factory", "posixrules"}
_NOT_PLACE_PREFIXES = ("posix/", "right/")

_TIME_RE = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?(?P<half>am|pm)?",
    re.ASCII,
)
_DIGITS_RE = re.compile(r"(?P<hour>\d{1,2})(?P<minute>\d{2})(?P<half>am|pm)?", re.ASCII)
_OFFSET_RE = re.compile(r"(?:utc|gmt)?(?P<sign>[+-])(?P<hours>\d{1,2})", re.ASCII)
_NAMED_TIMES = {"noon": time(12, 0), "midnight": time(0, 0)}


# --- next_nudge_at -------------------------------------------------------------------


def next_nudge_at(local_time: time, zone: str, now: datetime) -> datetime:
    """The first instant >= `now` at which the wall clock in `zone` shows `local_time`, in UTC.

    A local time skipped by a spring-forward gap resolves to the instant the gap ends
    (02:30 -> 03:00 local); a time repeated at fall-back resolves to its first occurrence.
    `now` must be aware; an unknown `zone` raises zoneinfo.ZoneInfoNotFoundError.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    tz = ZoneInfo(zone)
    now_utc = now.astimezone(timezone.utc)
    wall_time = local_time.replace(tzinfo=None, fold=0)
    today = now_utc.astimezone(tz).date()
    # From the day before: a few zones step back across midnight at fall-back.
    for offset in range(-1, 3):
        candidate = _instant_of(datetime.combine(today + timedelta(days=offset), wall_time), tz)
        if candidate >= now_utc:
            return candidate
    raise AssertionError("unreachable: some day within three shows every wall time")


def _instant_of(wall: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant a naive wall time names in `tz`: first occurrence, or the gap's end."""
    first = wall.replace(tzinfo=tz, fold=0).astimezone(timezone.utc)
    second = wall.replace(tzinfo=tz, fold=1).astimezone(timezone.utc)
    if first <= second:  # an ordinary time, or the first of a repeated one
        return first
    return _gap_end(wall, tz, second, first)


def _gap_end(wall: datetime, tz: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The first whole second in [low, high] whose wall clock reads `wall` or later.

    In a gap, `low` (wall time at the new offset) is before the change and `high` (at the
    old offset) after it; the answer is the instant of the change, where the gap ends.
    """
    lo, hi = math.floor(low.timestamp()), math.ceil(high.timestamp())
    while hi - lo > 1:
        middle = (lo + hi) // 2
        if _wall_clock(datetime.fromtimestamp(middle, timezone.utc), tz) >= wall:
            hi = middle
        else:
            lo = middle
    return datetime.fromtimestamp(hi, timezone.utc)


def _wall_clock(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


# --- parse_local_time ----------------------------------------------------------------


def parse_local_time(text: str) -> time | None:
    """A time of day from what a person types ("21:00", "9.30", "9pm", "0930"), or None."""
    compact = _compact(text)
    if compact in _NAMED_TIMES:
        return _NAMED_TIMES[compact]
    match = _TIME_RE.fullmatch(compact) or _DIGITS_RE.fullmatch(compact)
    if match is None:
        return None
    hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"]
    if match["minute"] is None and half is None:
        return None  # a bare number ("9") could be morning or evening: ask again
    return _to_time(hour, minute, half)


def _compact(text: str) -> str:
    """Lower case, no spaces, "p.m." as "pm"."""
    compact = "".join(text.lower().split())
    return compact.replace("a.m.", "am").replace("p.m.", "pm").replace("a.m", "am").replace("p.m", "pm")


def _to_time(hour: int, minute: int, half: str | None) -> time | None:
    if minute > 59:
        return None
    if half is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    return time(hour, minute) if hour <= 23 else None


# --- resolve_zone --------------------------------------------------------------------


def resolve_zone(text: str) -> str | None:
    """An IANA zone name for what a person types: a zone name, a unique city, or UTC±N."""
    wanted = "_".join(text.strip().split()).lower()
    if not wanted or len(wanted) > 64:
        return None
    names, cities = zone_names(), zone_cities()
    if wanted in names:
        return names[wanted]
    if "/" not in wanted and len(cities.get(wanted, ())) == 1:
        return cities[wanted][0]
    return _offset_zone(wanted)


def _offset_zone(wanted: str) -> str | None:
    """ "UTC+3" as "Etc/GMT-3" (whose sign is inverted by POSIX convention), or None."""
    match = _OFFSET_RE.fullmatch(wanted)
    if match is None:
        return None
    hours = int(match["hours"])
    if hours == 0:
        return "UTC"
    name = f"Etc/GMT{'-' if match['sign'] == '+' else '+'}{hours}"
    return zone_names().get(name.lower())


@cache
def zone_names() -> dict[str, str]:
    """Every zone a person could live in, by its lower-case name."""
    return {
        name.lower(): name
        for name in available_timezones()
        if name.lower() not in _NOT_PLACES and not name.lower().startswith(_NOT_PLACE_PREFIXES)
    }


@cache
def zone_cities() -> dict[str, tuple[str, ...]]:
    """Zones by their last part ("berlin" -> ("Europe/Berlin",)), leaving out Etc/ offsets."""
    cities: dict[str, list[str]] = {}
    for lower, name in zone_names().items():
        if "/" in lower and not lower.startswith("etc/"):
            cities.setdefault(lower.rsplit("/", 1)[1], []).append(name)
    return {city: tuple(sorted(found)) for city, found in cities.items()}


# --- todays_offer --------------------------------------------------------------------


def todays_offer(day: date) -> tuple[str, ...]:
    """The ritual keys the evening nudge offers on `day`: the check-in, then one other."""
    return ("checkin", _ROTATION[day.toordinal() % len(_ROTATION)])
