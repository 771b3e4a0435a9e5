"""Both answer, then both see: one round of a shared ritual, as a pure state machine.

Each partner answers privately; the first is told their answer waits; when the second is
in, both receive both at once, so neither answer shapes the other. A round not finished
within its lifetime (48 h) closes; a lone answer then reaches the partner only if its
author says so. The same holds when one partner lets a round pass: the other's words are
never handed to someone who shared nothing back, unless their author chooses to.

The state is a frozen value that round-trips through JSON, so the bot keeps one row per
couple per shared ritual and applies a transition with a guarded UPDATE: read the JSON
and `version`, compute the new state here, write it `WHERE version = <the one read>`,
and on a miss read again and retry. Transitions never read a clock (`now` is passed in),
are deterministic, and return the very same object when nothing changed. What a person
may read of a round (the reveal, their own answers) is rituals/shared.py.

    answer(state, person, answers, now)  ->  (state, Outcome)   WAIT, PASSED, REVEAL, OFFER, CLOSED, ALREADY, OVER
    close(state, now)                    ->  (state, Outcome)   after the lifetime: OFFER, CLOSED (or NONE)
    decide(state, person, share)         ->  (state, Outcome)   SHARE or KEEP, for the lone author
    remind(state, person, now)           ->  (state, bool)      once per person per round
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Mapping, Sequence

from rituals.base import Answers, given

LIFETIME = timedelta(hours=48)
FORMAT = 1  # the JSON layout's version, so a later change can read old rows

# open: taking answers; revealed: both seen; offered: closed with a lone answer whose author
# is asked; shared: its author shared it anyway; closed: over, nothing (more) to show.
OPEN, REVEALED, OFFERED, SHARED, CLOSED = "open", "revealed", "offered", "shared", "closed"
_STATUSES = (OPEN, REVEALED, OFFERED, SHARED, CLOSED)


class Kind(StrEnum):
    """What a transition means for the people in `Outcome.to`."""

    NONE = "none"        # nothing happened
    WAIT = "wait"        # the first answer is in: tell its author it waits for the partner's
    PASSED = "passed"    # the actor let this round pass; nothing of theirs will be shown
    REVEAL = "reveal"    # both answered: send each of `to` shared.reveal_text(state, them, ...)
    OFFER = "offer"      # closed with one lone answer: ask its author "share it anyway?"
    CLOSED = "closed"    # closed with nothing to show anyone
    SHARE = "share"      # the lone author said yes: relay their answer to `to` as a reflection
    KEEP = "keep"        # the lone author said no: nothing is sent
    ALREADY = "already"  # the actor had answered already; nothing changed
    OVER = "over"        # the round is no longer open to this; nothing changed


@dataclass(frozen=True)
class Outcome:
    """What happened, and who should hear about it (the actor is always answered anyway)."""

    kind: Kind
    to: tuple[int, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One partner's answers: step key -> exact text, or None for a skipped step."""

    person: int
    at: datetime
    # Kept out of repr so a logged state never carries what a person wrote.
    answers: tuple[tuple[str, str | None], ...] = field(repr=False)

    @property
    def passed(self) -> bool:
        """True when every step was skipped or left blank: nothing to show anyone."""
        return all(given(self.as_dict(), key) is None for key, _ in self.answers)

    def as_dict(self) -> dict[str, str | None]:
        return dict(self.answers)


@dataclass(frozen=True)
class Shared:
    """One round of one shared ritual for one couple."""

    ritual: str                # the ritual's key ("question", "weekly")
    round: str                 # which round, chosen by the bot ("2026-06-01", "q17")
    topic: str                 # what the round asks (today's question), shown at the reveal
    people: tuple[int, int]
    opened_at: datetime
    closes_at: datetime
    entries: tuple[Entry, ...] = ()  # in the order the answers came
    status: str = OPEN
    reminded: tuple[int, ...] = ()
    version: int = 0           # +1 on every change: the guard of the bot's UPDATE

    def entry(self, person: int) -> Entry | None:
        return next((e for e in self.entries if e.person == person), None)

    def partner_of(self, person: int) -> int:
        _member(self, person)
        return self.people[1] if person == self.people[0] else self.people[0]


# --- transitions ---------------------------------------------------------------------


def open_round(ritual: str, round: str, topic: str, people: Sequence[int], now: datetime,
               lifetime: timedelta = LIFETIME) -> Shared:
    """A new round nobody has answered yet; it closes `lifetime` after `now`."""
    first, second = people  # exactly two
    if first == second:
        raise ValueError("a round needs two different people")
    opened = _utc(now)
    return Shared(ritual=ritual, round=round, topic=topic, people=(first, second),
                  opened_at=opened, closes_at=opened + lifetime)


def expired(state: Shared, now: datetime) -> bool:
    """True when the round is still open but its time (48 h) is up: call close()."""
    return state.status == OPEN and _utc(now) >= state.closes_at


def answer(state: Shared, person: int, answers: Answers, now: datetime) -> tuple[Shared, Outcome]:
    """Take one partner's answers (every value exact; None or blank for a skipped step)."""
    _member(state, person)
    if state.status != OPEN or expired(state, now):
        return state, Outcome(Kind.OVER, (person,))
    if state.entry(person) is not None:
        return state, Outcome(Kind.ALREADY, (person,))
    entry = Entry(person=person, at=_utc(now), answers=_frozen(answers))
    entries = (*state.entries, entry)
    if len(entries) == 1:
        kind = Kind.PASSED if entry.passed else Kind.WAIT
        return _changed(state, entries=entries), Outcome(kind, (person,))
    return _both_in(state, entries)


def _both_in(state: Shared, entries: tuple[Entry, ...]) -> tuple[Shared, Outcome]:
    shown = [e for e in entries if not e.passed]
    if len(shown) == 2:
        return _changed(state, entries=entries, status=REVEALED), Outcome(Kind.REVEAL, state.people)
    if len(shown) == 1:  # one let it pass: the other's words go only where their author says
        return _changed(state, entries=entries, status=OFFERED), Outcome(Kind.OFFER, (shown[0].person,))
    return _changed(state, entries=entries, status=CLOSED), Outcome(Kind.CLOSED)


def close(state: Shared, now: datetime) -> tuple[Shared, Outcome]:
    """Close a round whose time is up: offer a lone answer to its author, or just close."""
    if not expired(state, now):
        return state, Outcome(Kind.NONE)
    shown = [e for e in state.entries if not e.passed]
    if shown:
        return _changed(state, status=OFFERED), Outcome(Kind.OFFER, (shown[0].person,))
    return _changed(state, status=CLOSED), Outcome(Kind.CLOSED)


def decide(state: Shared, person: int, share: bool) -> tuple[Shared, Outcome]:
    """The lone author's answer to "share it anyway?": SHARE goes to the partner, KEEP to no one."""
    _member(state, person)
    if state.status != OFFERED or lone_author(state) != person:
        return state, Outcome(Kind.OVER, (person,))
    if share:
        return _changed(state, status=SHARED), Outcome(Kind.SHARE, (state.partner_of(person),))
    return _changed(state, status=CLOSED), Outcome(Kind.KEEP, (person,))


def remind(state: Shared, person: int, now: datetime) -> tuple[Shared, bool]:
    """Whether tonight's nudge should carry the reminder line; each person hears it once."""
    _member(state, person)
    due = (state.status == OPEN and not expired(state, now)
           and state.entry(person) is None and person not in state.reminded)
    if not due:
        return state, False
    return _changed(state, reminded=tuple(sorted((*state.reminded, person)))), True


def forget(state: Shared, person: int) -> Shared:
    """The round without anything this person wrote (for /forget); it can't be revealed now."""
    _member(state, person)
    entries = tuple(e for e in state.entries if e.person != person)
    if entries == state.entries and state.status == CLOSED:
        return state
    return _changed(state, entries=entries, status=CLOSED)


def lone_author(state: Shared) -> int | None:
    """Who wrote the only answer with words in it, when exactly one has words."""
    shown = [e.person for e in state.entries if not e.passed]
    return shown[0] if len(shown) == 1 and state.status in (OFFERED, SHARED) else None


# --- JSON ----------------------------------------------------------------------------


def to_json(state: Shared) -> str:
    """The state as compact, key-sorted JSON: equal states give equal strings."""
    data = {
        "format": FORMAT, "ritual": state.ritual, "round": state.round, "topic": state.topic,
        "people": list(state.people), "opened_at": state.opened_at.isoformat(),
        "closes_at": state.closes_at.isoformat(), "status": state.status,
        "reminded": list(state.reminded), "version": state.version,
        "entries": [{"person": e.person, "at": e.at.isoformat(), "answers": dict(e.answers)}
                    for e in state.entries],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def from_json(text: str) -> Shared:
    """The state a row holds; raises ValueError on anything that isn't one."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("status") not in _STATUSES:
        raise ValueError("not a shared-ritual state this code can read")
    try:
        return _from_dict(data)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError("not a shared-ritual state this code can read") from error


def _from_dict(data: dict) -> Shared:
    entries = tuple(
        Entry(person=int(e["person"]), at=_utc(datetime.fromisoformat(e["at"])),
              answers=_frozen(e["answers"]))
        for e in data["entries"]
    )
    first, second = (int(p) for p in data["people"])
    return Shared(
        ritual=data["ritual"], round=data["round"], topic=data["topic"], people=(first, second),
        opened_at=_utc(datetime.fromisoformat(data["opened_at"])),
        closes_at=_utc(datetime.fromisoformat(data["closes_at"])),
        entries=entries, status=data["status"],
        reminded=tuple(int(p) for p in data["reminded"]), version=int(data["version"]),
    )


# --- helpers -------------------------------------------------------------------------


def _changed(state: Shared, **changes) -> Shared:
    return replace(state, version=state.version + 1, **changes)


def _frozen(answers: Mapping[str, str | None]) -> tuple[tuple[str, str | None], ...]:
    for key, value in answers.items():
        if not isinstance(key, str) or not (value is None or isinstance(value, str)):
            raise ValueError("answers map step keys to text or None")
    return tuple(sorted(answers.items()))


def _member(state: Shared, person: int) -> None:
    if person not in state.people:
        raise ValueError("this person is not part of the round")


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("times must be aware datetimes")
    return moment.astimezone(timezone.utc)
