"""The picture of the week, for one reader: both partners' check-in weather day by day and
three counts, over the seven days ending today in the reader's own time zone.

Drawn by rituals/week_picture.py off the event loop (matplotlib is slow), and sent
directly, not through the outbox (a file can't ride in it). It holds no one's words: a
weather typed in someone's own words shows as "Own words".
"""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Sequence

from sqlmodel import select

from bot.context import Unit
from bot.language import shipped, words_for, words_in
from bot.localtime import reader_zone
from bot.services import Services
from bot.store import pauses, people, rounds
from bot.store.models import Couple, Entry, User
from bot.texts import together as t
from rituals import checkin, weekly
from rituals.language import Joined
from rituals.week_picture import Labels, PartnerWeek, WeekCounts, draw_week, labels_in

log = logging.getLogger(__name__)

DAYS = 7
FILENAME = "attune-week.png"


@dataclass(frozen=True)
class Week:
    days: Sequence[date]
    partners: Sequence[PartnerWeek]
    counts: WeekCounts
    labels: Labels
    caption: str  # in the reader's language, like the labels


@cache
def _weather_lines() -> tuple[dict[str, str], tuple[str, ...]]:
    """How a check-in's weather line reads in every shipped language (the entry keeps it as
    its reader read it): each chosen weather's line, and the lead of one in own words."""
    chosen, own = {}, []
    for code in shipped():
        words = words_in(code)
        for choice in checkin.WEATHER:
            chosen[words(Joined(checkin.render({"weather": choice.key})))] = choice.key
        own.append(words(Joined(checkin.render({"weather": "\x00"}))).split("\x00")[0])
    return chosen, tuple(own)


def weather_in(entry: Entry) -> str | None:
    """A check-in's weather: from its answers when the entry keeps them, else as it reads."""
    if entry.said:
        answers = json.loads(entry.said).get("answers") or {}
        weather = answers.get("weather")
        return weather if weather and weather.strip() else None
    return weather_of(entry.body)


def weather_of(body: str) -> str | None:
    """A check-in's weather as its entry reads: a WEATHER key, their own words, or None."""
    first = body.split("\n", 1)[0]
    chosen, own_leads = _weather_lines()
    if first in chosen:
        return chosen[first]
    lead = next((lead for lead in own_leads if first.startswith(lead)), None)
    return (first[len(lead):] or None) if lead is not None else None


def week_for(session, reader_id: int, now: datetime) -> Week | None:
    """The reader's week with their partner (the reader's row first), or None unpaired."""
    reader = session.get(User, reader_id)
    partner = people.partner_of(session=session, user=reader) if reader else None
    if partner is None:
        return None
    zone, words = reader_zone(reader), words_for(reader)
    today = now.astimezone(zone).date()
    days = [today - timedelta(days=DAYS - 1 - n) for n in range(DAYS)]
    start = datetime.combine(days[0], time(0), tzinfo=zone)
    entries = session.exec(
        select(Entry).where(Entry.couple_id == reader.couple_id, Entry.created_at >= start,
                            Entry.created_at <= now).order_by(Entry.id)).all()
    weather: dict[int, list[str | None]] = {reader.id: [None] * DAYS, partner.id: [None] * DAYS}
    checkins = appreciations = 0
    turned_toward: set[int] = set()
    for entry in entries:
        day = (entry.created_at.astimezone(zone).date() - days[0]).days
        if entry.kind == "checkin":
            checkins += 1
            if entry.author_id in weather and 0 <= day < DAYS:
                weather[entry.author_id][day] = (weather_in(entry)
                                                 or weather[entry.author_id][day])
        elif entry.kind == "gratitude":
            appreciations += 1
        elif entry.kind == weekly.RITUAL.key and entry.round_id is not None:
            appreciations += _appreciations(session, entry)
        elif entry.kind in ("heard", "reply") and entry.reply_to_id is not None:
            turned_toward.add(entry.reply_to_id)
    return Week(
        days=days,
        partners=[PartnerWeek(reader.first_name, weather[reader.id]),
                  PartnerWeek(partner.first_name, weather[partner.id])],
        counts=WeekCounts(checkins, appreciations, len(turned_toward)),
        labels=labels_in(words, reader.first_name, partner.first_name),
        caption=words(t.WEEK_CAPTION),
    )


def _appreciations(session, entry: Entry) -> int:
    rnd = rounds.get(session, entry.round_id)
    said = rnd.state.entry(entry.author_id) if rnd else None
    return weekly.appreciation_count(said.as_dict()) if said else 0


async def draw(week: Week) -> bytes:
    """The PNG, drawn in a worker thread so the event loop keeps serving everyone else."""
    return await asyncio.to_thread(draw_week, week.days, week.partners, week.counts, week.labels)


def after_reveal(unit: Unit, round_id: int) -> None:
    """Send both partners their picture once this transaction is committed (not during a
    time-out: the agenda it goes with is held until it ends)."""
    rnd = rounds.get(unit.session, round_id)
    if rnd is None or pauses.is_paused(unit.session.get(Couple, rnd.couple_id)):
        return
    services, readers = unit.services, list(rnd.state.people)
    unit.later(lambda: send_pictures(services, readers))


async def send_pictures(services: Services, readers: Sequence[int]) -> None:
    """Each reader's own picture, after what the outbox holds for them (the agenda)."""
    for reader in readers:
        try:
            with services.session() as session:
                week = week_for(session, reader, services.clock())
            if week is None or services.sender is None:
                continue
            png = await draw(week)
            await services.sender.send_chat(reader, background=True)
            await services.sender.bot.send_photo(chat_id=reader, photo=png, filename=FILENAME,
                                                 caption=week.caption)
        except Exception as error:  # a lost picture is asked for again with /week
            log.warning("picture of the week for user %s not sent: %s", reader,
                        type(error).__name__)
