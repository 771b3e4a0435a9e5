"""The daily question's days: which round is a couple's question of today, which one waits
for a person's answer, and what the evening nudge says and offers about it.

A couple's day is counted in one zone for both (the first member's, by id, that has one;
UTC otherwise), so both partners get the same question however far apart they live. A new
round opens on the first /question of a day and takes the next question in the couple's
order (rituals/questions.py), so none repeats until the bank is exhausted.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Sequence
from zoneinfo import ZoneInfo

from bot.edge.callbacks import TodaysQuestion
from bot.language import Words
from bot.localtime import UTC, reader_zone
from bot.store import rounds
from bot.store.db import RaceLost
from bot.store.models import User
from bot.store.outbox import Buttons
from bot.store.rounds import Round
from bot.texts import together as t
from bot.texts.common import YOUR_PARTNER
from rituals import questions
from rituals.language import Phrase
from rituals.together import expired, remind

KEY = questions.RITUAL.key


def couple_zone(members: Sequence[User]) -> ZoneInfo:
    for member in sorted(members, key=lambda m: m.id):
        if member.timezone:
            return reader_zone(member)
    return UTC


def _day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def todays_round(session, couple_id: int, members: Sequence[User], now: datetime) -> Round:
    """The couple's question of today, opening it (the next in their order) when needed."""
    zone = couple_zone(members)
    last = rounds.latest(session, couple_id, KEY)
    if last is not None and _day(last.state.opened_at, zone) == _day(now, zone):
        return last
    number = last.number + 1 if last is not None else 0
    state = questions.BLIND.open(f"q{number}", questions.question_for(couple_id, number),
                                 sorted(m.id for m in members), now)
    # None: the partner's /question opened it a moment ago; theirs is today's.
    return rounds.create(session, couple_id, number, state) or rounds.latest(session, couple_id, KEY)


def _partner_answered(rnd: Round, person_id: int) -> bool:
    other = rnd.state.entry(rnd.state.partner_of(person_id))
    return other is not None and not other.passed


def waiting_for(session, couple_id: int, person_id: int, now: datetime) -> Round | None:
    """The oldest question still open that the partner answered and the person hasn't."""
    for rnd in rounds.open_rounds(session, couple_id, KEY):
        if (person_id in rnd.state.people and not expired(rnd.state, now)
                and rnd.state.entry(person_id) is None and _partner_answered(rnd, person_id)):
            return rnd
    return None


def with_question(session, home, now: datetime, text: str, rows: Buttons,
                  words: Words) -> tuple[str, Buttons]:
    """Tonight's nudge with the daily question in it: a gentle line, once per question, when
    the partner's answer waits for this person's, and "Today's question" among its choices
    unless they have answered today's already."""
    user, partner, couple = home.user, home.partner, home.couple
    if partner is None or couple is None:
        return text, rows
    waiting = waiting_for(session, couple.id, user.id, now)
    if waiting is not None:
        try:
            _, due = rounds.transition(session, waiting.id, lambda s: remind(s, user.id, now))
        except RaceLost:
            due = False
        if due:
            greeting, _, rest = text.partition("\n")
            line = words(questions.nudge_line(partner.first_name or Phrase(YOUR_PARTNER), True))
            text = f"{greeting}\n{line}\n{rest}" if rest else f"{greeting}\n{line}"
    last = rounds.latest(session, couple.id, KEY)
    zone = couple_zone([user, partner])
    if (last is not None and _day(last.state.opened_at, zone) == _day(now, zone)
            and user.id in last.state.people and last.state.entry(user.id) is not None):
        return text, rows
    offer = [(t.QUESTION_BUTTON, TodaysQuestion().pack())]
    return text, [*rows[:-1], offer, *rows[-1:]]
