"""How long a time-out lasts: reading /pause's argument, and the words around a time-out.

Gottman's rule for breaks when flooded (shared/RITUALS.md): at least 20 minutes, since the
body needs about that long to calm, and under a day, with a time to come back. So a
request outside that range is not silently clamped: the person is told why and offered 20.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rituals.language import N_, Joined, Phrase, Plural

DEFAULT_MINUTES = 20
FLOOR_MINUTES = 20
CEILING_MINUTES = 24 * 60
_LONGEST_INPUT = 40  # anything longer is not a duration a person typed


@dataclass(frozen=True)
class Minutes:
    """A time-out length that can start as asked."""

    value: int


@dataclass(frozen=True)
class TooShort:
    """Understood, but under the 20-minute floor; offer 20 instead."""

    asked: int


@dataclass(frozen=True)
class TooLong:
    """Understood, but over 24 hours."""

    asked: int


@dataclass(frozen=True)
class NotUnderstood:
    text: str


Timeout = Minutes | TooShort | TooLong | NotUnderstood

# --- the texts (VOICE.md: calm, brief, the question last, one emoji at most) ----------

TOO_SHORT = N_(
    "A body needs about 20 minutes to calm after a heated moment, so {asked} may end "
    "before you feel settled.\n"
    "Shall I make it 20 minutes?"
)
TOO_SHORT_BUTTON = N_("Pause for 20 minutes")
TOO_SHORT_SKIP = N_("Not now")
TOO_LONG = N_(
    "A time-out works best when it ends within a day, with a set time to come back "
    "to each other.\n"
    "How long do you need, up to 24 hours (like /pause 2h)?"
)
NOT_UNDERSTOOD = N_(
    "I couldn't read “{text}” as a length of time.\n"
    "Try /pause 30, /pause 1h or /pause 1h30. On its own, /pause gives you 20 minutes."
)
# To the partner on the receiving end: the time is theirs to soothe in too.
PARTNER_SOOTHE = N_(
    "While {name} settles, this time is for you too: to soothe, not to rehearse what "
    "you'll say.\n"
    "Breathe in for four counts and out for six, letting your jaw and shoulders soften. "
    "A few rounds, or a short walk, can help."
)
# Five minutes before the end, so coming back is not a surprise (Gottman: come back on
# time, even if only to ask for more).
ENDS_SOON_PAUSER = N_(
    "Your time-out ends in 5 minutes, {when}.\n"
    "Coming back on time matters, even if only to ask {name} for a little longer."
)
ENDS_SOON_PARTNER = N_(
    "{name}'s time-out ends in 5 minutes, {when}.\n"
    "A couple of slow breaths now can help you both start gently."
)
# To someone who writes while a time-out runs; {when} is a phrase like "at 15:19" or
# "tomorrow at 09:10" (bot.localtime.local_when).
HELD_WHILE_PAUSED = N_("Saved. It will reach {name} when the time-out ends, {when}.")

# --- reading the argument ---------------------------------------------------------------

_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"
# The units as people type them in the shipped languages (English, German, Spanish,
# Portuguese, Russian): "30 Minuten", "1 hora", "2 часа".
_HOURS = r"(?:h|hr|hrs|hour|hours|std|stunde|stunden|hora|horas|ч|час|часа|часов)"
_MINUTES = (r"(?:m|min|mins|minute|minutes|minuten|minuto|minutos|мин|минута|минуты|минут"
            r"|')")
_DAYS = r"(?:d|day|days|tag|tage|día|días|dia|dias|д|день|дня|дней)"
_AND = r"(?:(?:and|und|y|e|и) )?"
_NOT_A_LETTER = r"(?![^\W\d_])"  # a unit ends where letters do ("1h30" still reads)
# "1h30", "1 h 30 min", "1 hour and 30 minutes", "90m", "1.5h", "2 days"; a bare number
# is minutes, as /pause's help has always said.
_DURATION = re.compile(
    rf"(?:(?P<days>{_NUMBER}) ?{_DAYS}{_NOT_A_LETTER})?"
    rf"(?: ?{_AND}(?P<hours>{_NUMBER}) ?{_HOURS}{_NOT_A_LETTER})?"
    rf"(?: ?{_AND}(?P<minutes>{_NUMBER}) ?(?:{_MINUTES}{_NOT_A_LETTER})?)?",
)
_CLOCK = re.compile(r"(?P<hours>\d{1,2}):(?P<minutes>[0-5]\d)", re.ASCII)  # "1:30"
_WORDS = {
    "an hour": 60, "one hour": 60,
    "half an hour": 30, "half hour": 30,
    "an hour and a half": 90, "one and a half hours": 90,
    "a day": 1440, "one day": 1440,
}


def parse_timeout(text: str | None) -> Timeout:
    """What /pause's argument asks for: Minutes, TooShort, TooLong or NotUnderstood.

    No argument (None or blank) is the 20-minute default. Fractions of an hour round to
    the nearest minute ("1.5h" is 90).
    """
    if text is None or not text.strip():
        return Minutes(DEFAULT_MINUTES)
    asked = _minutes_in(text)
    if asked is None:
        return NotUnderstood(text.strip())
    if asked < FLOOR_MINUTES:
        return TooShort(asked)
    if asked > CEILING_MINUTES:
        return TooLong(asked)
    return Minutes(asked)


def _minutes_in(text: str) -> int | None:
    compact = " ".join(text.lower().split())
    if len(compact) > _LONGEST_INPUT:
        return None
    if compact in _WORDS:
        return _WORDS[compact]
    clock = _CLOCK.fullmatch(compact)
    if clock is not None:
        return int(clock["hours"]) * 60 + int(clock["minutes"])
    match = _DURATION.fullmatch(compact) if compact[0].isdigit() else None
    if match is None or not any(match.groupdict().values()):
        return None
    total = sum(_number(match[unit]) * per for unit, per in
                (("days", 1440), ("hours", 60), ("minutes", 1)) if match[unit])
    return round(total)


def _number(digits: str) -> float:
    return float(digits.replace(",", "."))


def describe(minutes: int) -> Joined:
    """'20 minutes', '1 hour', '1 hour 30 minutes': a length as a person says it."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(Plural("{n} hour", "{n} hours", hours))
    if rest or not hours:
        parts.append(Plural("{n} minute", "{n} minutes", rest))
    return Joined(parts, " ")


def refusal(result: Timeout) -> Phrase | None:
    """The answer to a /pause that cannot start as asked, or None when it can."""
    if isinstance(result, TooShort):
        return Phrase(TOO_SHORT, asked=describe(result.asked))
    if isinstance(result, TooLong):
        return Phrase(TOO_LONG)
    if isinstance(result, NotUnderstood):
        return Phrase(NOT_UNDERSTOOD, text=result.text[:_LONGEST_INPUT])
    return None
