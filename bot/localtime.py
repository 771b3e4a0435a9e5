"""Showing a moment in the reader's own time zone and language (UTC, said so, when they
haven't set one).

A time alone is only clear when it falls on the reader's today; otherwise the day is said
too ("tomorrow at 09:10"), counted in the reader's zone, not the server's or the writer's.
Each moment is a lazy part of a text (rituals/language.py): it is written out with Babel in
the reader's locale only when the message is rendered for them.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.store.models import User
from bot.texts import schedule as t
from rituals.language import N_, Lazy, Phrase, Translator

UTC = ZoneInfo("UTC")
_DEFAULT_LOCALE = "en_GB"

_AT = {"": N_("at {time}"), "tomorrow": N_("tomorrow at {time}"),
       "yesterday": N_("yesterday at {time}"), "day": N_("on {day} at {time}")}
_UNTIL = {"": N_("until {time}"), "tomorrow": N_("until tomorrow at {time}"),
          "yesterday": N_("until yesterday at {time}"), "day": N_("until {day} at {time}")}
_NEXT = {**_AT, "": N_("today at {time}")}  # "the next one comes today at 21:00"
_UTC_CLOCK = N_("{time} UTC")


def reader_zone(user: User | None) -> ZoneInfo:
    try:
        return ZoneInfo(user.timezone) if user is not None and user.timezone else UTC
    except Exception:  # a zone that went away from tzdata: fall back rather than fail
        return UTC


def _locale(tr: Translator) -> str:
    return getattr(tr, "locale", _DEFAULT_LOCALE)


class Clock(Lazy):
    """'21:04' in the zone and the reader's locale ('21:04 UTC' when the zone is UTC)."""

    __slots__ = ("moment", "zone")

    def __init__(self, moment: datetime, zone: ZoneInfo) -> None:
        self.moment, self.zone = moment, zone

    def render(self, tr: Translator) -> str:
        from babel.dates import format_time  # Babel's locale data only once a time is shown

        clock = format_time(self.moment.astimezone(self.zone), "short", locale=_locale(tr))
        return tr.gettext(_UTC_CLOCK).format(time=clock) if self.zone.key == "UTC" else clock


class Stamp(Lazy):
    """'Wed, 25 Nov 2026, 21:04' in the zone and the reader's locale."""

    __slots__ = ("moment", "zone")

    def __init__(self, moment: datetime, zone: ZoneInfo) -> None:
        self.moment, self.zone = moment, zone

    def render(self, tr: Translator) -> str:
        from babel.dates import format_skeleton

        local = self.moment.astimezone(self.zone)
        day = format_skeleton("yMMMEd", local, locale=_locale(tr))
        return f"{day}, {Clock(self.moment, self.zone).render(tr)}"


class When(Lazy):
    """'at 15:19' today, 'tomorrow at 15:19', 'on Friday at 15:19', 'on Fri 3 Jul at 15:19'
    (`forms` _UNTIL: 'until 15:19', ...), the day counted in the reader's zone."""

    __slots__ = ("moment", "zone", "now", "forms")

    def __init__(self, moment: datetime, zone: ZoneInfo, now: datetime, forms=_AT) -> None:
        self.moment, self.zone, self.now, self.forms = moment, zone, now, forms

    def render(self, tr: Translator) -> str:
        days = day_offset(self.moment, self.zone, self.now)
        clock = Clock(self.moment, self.zone).render(tr)
        form = {0: "", 1: "tomorrow", -1: "yesterday"}.get(days, "day")
        day = _day_name(self.moment.astimezone(self.zone), days, self.now.astimezone(self.zone),
                        _locale(tr)) if form == "day" else ""
        return tr.gettext(self.forms[form]).format(time=clock, day=day)


def day_offset(moment: datetime, zone: ZoneInfo, now: datetime) -> int:
    """How many of the reader's days `moment` lies after `now` (negative: before)."""
    return (moment.astimezone(zone).date() - now.astimezone(zone).date()).days


def _day_name(local: datetime, days: int, today: datetime, locale: str) -> str:
    """The weekday within the coming week, else the date (with the year when not this one)."""
    from babel.dates import format_date, format_skeleton

    if 1 < days < 7:
        return format_date(local, "EEEE", locale=locale)
    return format_skeleton("MMMEd" if local.year == today.year else "yMMMEd", local,
                           locale=locale)


def local_stamp(moment: datetime, zone: ZoneInfo) -> Stamp:
    return Stamp(moment, zone)


def local_clock(moment: datetime, user: User | None) -> Clock:
    """'21:04' for the reader (with 'UTC' when they have no zone set)."""
    return Clock(moment, reader_zone(user))


def local_when(moment: datetime, zone: ZoneInfo, now: datetime) -> When:
    """Reads after a verb: "it will reach Ben when the time-out ends, tomorrow at 09:10"."""
    return When(moment, zone, now)


def local_next(moment: datetime, zone: ZoneInfo, now: datetime) -> When:
    """local_when, with 'today' said: 'today at 21:00', 'tomorrow at 21:00'."""
    return When(moment, zone, now, _NEXT)


def local_until(moment: datetime, zone: ZoneInfo, now: datetime) -> When:
    """'until 15:19', 'until tomorrow at 15:19', 'until Friday at 15:19'."""
    return When(moment, zone, now, _UNTIL)


def local_when_for(moment: datetime, user: User | None, now: datetime) -> When:
    """local_when in the reader's own zone (UTC, said so, when they have none)."""
    return local_when(moment, reader_zone(user), now)


def local_until_for(moment: datetime, user: User | None, now: datetime) -> When:
    """local_until in the reader's own zone (UTC, said so, when they have none)."""
    return local_until(moment, reader_zone(user), now)


def partner_clock(partner: User | None, now: datetime) -> Phrase | None:
    """'It's 07:04 for Ben now (America/New_York).', or None when their zone isn't known."""
    if partner is None or not partner.timezone:
        return None
    zone = reader_zone(partner)
    return Phrase(t.PARTNER_CLOCK, clock=Clock(now, zone), partner=partner.first_name,
                  zone=zone.key)
