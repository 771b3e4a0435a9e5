"""Showing a moment in the reader's own time zone (UTC, said so, when they haven't set one).

A time alone is only clear when it falls on the reader's today; otherwise the day is said
too ("tomorrow at 09:10"), counted in the reader's zone, not the server's or the writer's.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.store.models import User
from bot.texts import schedule as t

UTC = ZoneInfo("UTC")

# English names, not strftime's %a/%A, so the words don't change with the host's locale.
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def reader_zone(user: User | None) -> ZoneInfo:
    try:
        return ZoneInfo(user.timezone) if user is not None and user.timezone else UTC
    except Exception:  # a zone that went away from tzdata: fall back rather than fail
        return UTC


def _suffix(zone: ZoneInfo) -> str:
    return " UTC" if zone.key == "UTC" else ""


def local_stamp(moment: datetime, zone: ZoneInfo) -> str:
    """'Wed 25 Nov 2026, 21:04' in the zone."""
    return moment.astimezone(zone).strftime("%a %d %b %Y, %H:%M") + _suffix(zone)


def local_clock(moment: datetime, user: User | None) -> str:
    """'21:04' for the reader (with 'UTC' when they have no zone set)."""
    zone = reader_zone(user)
    return moment.astimezone(zone).strftime("%H:%M") + _suffix(zone)


def day_words(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    """The day of `moment` as the reader in `zone` would say it on the day of `now`.

    '' today, 'tomorrow', 'yesterday', 'Friday' within the coming week, else
    'Fri 3 Jul' (with the year when it isn't this year). `moment` and `now` must be aware.
    """
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    days = (local.date() - today).days
    if days == 0:
        return ""
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if 1 < days < 7:
        return _WEEKDAYS[local.weekday()]
    year = f" {local.year}" if local.year != today.year else ""
    return f"{_WEEKDAYS[local.weekday()][:3]} {local.day} {_MONTHS[local.month - 1]}{year}"


def local_when(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    """'at 15:19' today, 'tomorrow at 15:19', 'on Friday at 15:19', 'on Fri 3 Jul at 15:19'.

    Reads after a verb: "it will reach Ben when the time-out ends, tomorrow at 09:10".
    """
    clock = moment.astimezone(zone).strftime("%H:%M") + _suffix(zone)
    day = day_words(moment, zone, now)
    if not day:
        return f"at {clock}"
    if day in ("tomorrow", "yesterday"):
        return f"{day} at {clock}"
    return f"on {day} at {clock}"


def local_until(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    """'until 15:19', 'until tomorrow at 15:19', 'until Friday at 15:19'."""
    clock = moment.astimezone(zone).strftime("%H:%M") + _suffix(zone)
    day = day_words(moment, zone, now)
    return f"until {day} at {clock}" if day else f"until {clock}"


def local_when_for(moment: datetime, user: User | None, now: datetime) -> str:
    """local_when in the reader's own zone (UTC, said so, when they have none)."""
    return local_when(moment, reader_zone(user), now)


def local_until_for(moment: datetime, user: User | None, now: datetime) -> str:
    """local_until in the reader's own zone (UTC, said so, when they have none)."""
    return local_until(moment, reader_zone(user), now)


def partner_clock(partner: User | None, now: datetime) -> str | None:
    """'It's 07:04 for Ben now (America/New_York).', or None when their zone isn't known."""
    if partner is None or not partner.timezone:
        return None
    zone = reader_zone(partner)
    return t.PARTNER_CLOCK.format(clock=now.astimezone(zone).strftime("%H:%M"),
                                  partner=partner.first_name, zone=zone.key)
