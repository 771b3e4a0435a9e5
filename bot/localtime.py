"""Showing a moment in the reader's own time zone (UTC, said so, when they haven't set one)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.store.models import User

UTC = ZoneInfo("UTC")


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
