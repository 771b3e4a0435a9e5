"""When the evening nudge comes: /timezone, /time, a shared location, and a kind answer to
"Not tonight".

/timezone understands what people type (rituals/zones.py): a zone or a city is used at
once; an abbreviation, an offset, an ambiguous city or a country becomes a few real zones
to confirm with a button, so the evening minute never drifts at a clock change. A shared
location gives its zone offline; only the zone is kept, never the coordinates.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import AttuneContext, Unit
from bot.edge.callbacks import SkipTonight, ZoneChoice
from bot.edge.keyboards import REMOVE_KEYBOARD, location_keyboard
from bot.handlers import conversation, fallback
from bot.localtime import Clock, local_next
from bot.store import evenings, people
from bot.store.models import User
from bot.texts import nudges as nt
from bot.texts import schedule as t
from rituals import schedule as timing
from rituals import zones
from rituals.language import N_, Joined, Lazy, Phrase

log = logging.getLogger(__name__)

COMMANDS = [
    ("timezone", N_("Set your time zone: /timezone Berlin, /timezone CET or /timezone UTC+1")),
    ("time", N_("When your evening ritual arrives, e.g. /time 21:00, or /time off")),
]

OFF_WORDS = {"off", "stop", "none", "never", "no"}


def register(app: Application) -> None:
    app.add_handler(CommandHandler("timezone", set_timezone))
    app.add_handler(CommandHandler("time", set_time))
    app.add_handler(CallbackQueryHandler(skip_tonight, pattern=SkipTonight.matches))
    app.add_handler(CallbackQueryHandler(choose_zone, pattern=ZoneChoice.matches))
    app.add_handler(MessageHandler(filters.LOCATION & filters.UpdateType.MESSAGE, shared_location))


async def set_timezone(update: Update, context: AttuneContext) -> None:
    """Show the person's zone, set it, or offer the few real zones what they typed means."""
    text = " ".join(context.args or [])
    async with context.unit() as unit:
        user, now = unit.person, unit.now
        if not text:
            unit.say(_zone_summary(user, now))
            return
        found = zones.understand_zone(text, now)
        if isinstance(found, zones.Zone):
            set_zone(unit, found.name)
        elif isinstance(found, zones.Candidates):
            unit.say(zones.ask(found), buttons=zone_rows(found.zones, now))
        else:
            unit.say(Phrase(zones.UNKNOWN, text=found.text[:64]))


def zone_rows(candidates, now: datetime) -> list[list[tuple[str, str]]]:
    """The zones as buttons, 'Berlin · 21:04', two to a row."""
    row = [(zones.label(zone, now), ZoneChoice.of(zone).pack()) for zone in candidates]
    return [row[i: i + 2] for i in range(0, len(row), 2)]


def set_zone(unit: Unit, zone: str, lead: str | None = None) -> None:
    """Keep the zone, move the next nudge to match, say so (and put away the location
    keyboard, if one was shown)."""
    user, now = unit.person, unit.now
    user.timezone = zone
    evenings.reschedule(session=unit.session, user=user, now=now)
    first = lead or Phrase(t.ZONE_SET, zone=zone, clock=_local_clock(zone, now))
    unit.say(Joined([first, _time_summary(unit.session, user, now)], "\n"),
             buttons=REMOVE_KEYBOARD)
    log.info("user %s set a time zone", user.id)


async def choose_zone(update: Update, context: AttuneContext) -> None:
    """A zone confirmed with a button: a real zone only, for the presser alone; the zone
    they already have changes nothing and says so in the toast only."""
    pressed = ZoneChoice.parse(update.callback_query.data)
    zone = timing.zone_names().get(pressed.zone_name.lower())
    if zone is None:
        await fallback.stale_button(update, context)
        return
    async with context.unit() as unit:
        already = unit.person.timezone == zone  # a double tap: the toast only
        if not already:
            set_zone(unit, zone)
        toast = Phrase(t.ZONE_SET, zone=zone, clock=_local_clock(zone, unit.now))
    await context.ack(toast if already else None)
    await context.drop_buttons()


async def shared_location(update: Update, context: AttuneContext) -> None:
    """A shared location: its zone, found offline off the event loop; the coordinates go
    no further than this function."""
    location = update.effective_message.location
    zone = await asyncio.to_thread(zones.zone_at, location.latitude, location.longitude)
    async with context.unit() as unit:
        if zone is None:
            unit.say(t.LOCATION_UNKNOWN)
        else:
            clock = Clock(unit.now, ZoneInfo(zone))
            set_zone(unit, zone, Phrase(zones.FROM_LOCATION, zone=zone, clock=clock))
        conversation.ask_again(unit, "")  # mid-ritual, its question stays the last word


def greet_paired(unit: Unit, person: User, partner: User, language: str | None,
                 greeting: str) -> None:
    """Right after pairing: what Attune is, then their zone asked for (a location button,
    a few zones guessed from their language, /timezone) or, when known, their evening."""
    def send(text, buttons=None) -> None:
        if person.id == unit.person.id:
            unit.say(text, buttons=buttons)
        else:
            unit.tell(person.id, text, buttons=buttons)

    greeting = Phrase(greeting, partner=partner.first_name)
    if person.timezone:
        send(greeting)
        send(Phrase(t.PLAN_AFTER_PAIRING, time=evenings.nudge_time_of(person).strftime("%H:%M"),
                    zone=person.timezone))
        return
    send(greeting, location_keyboard(t.LOCATION_BUTTON))
    likely = zones.likely_zones(language)
    if likely:
        send(zones.ask(zones.Candidates(likely, "language", "")), zone_rows(likely, unit.now))
    else:
        send(t.ZONE_ASK_OPEN)


async def set_time(update: Update, context: AttuneContext) -> None:
    """Show the evening minute, set it, or turn nudges off."""
    text = " ".join(context.args or [])
    async with context.unit() as unit:
        user, now = unit.person, unit.now
        if not text:
            unit.say(_time_summary(unit.session, user, now))
        elif text.strip().lower() in OFF_WORDS:
            user.nudges_off = True
            evenings.reschedule(session=unit.session, user=user, now=now)
            unit.say(t.TIME_OFF)
        else:
            unit.say(_apply_time(unit.session, user, text, now))


def _apply_time(session, user: User, text: str, now: datetime) -> Phrase | str:
    """Store a new evening minute (turning nudges back on); the answer to send."""
    chosen = timing.parse_local_time(text)
    if chosen is None:
        return Phrase(t.TIME_BAD, text=text[:32])
    user.nudge_time = chosen.strftime("%H:%M")
    user.nudges_off = False
    evenings.reschedule(session=session, user=user, now=now)
    log.info("user %s set a nudge time", user.id)
    if not user.timezone:
        return Phrase(t.TIME_SET_NO_ZONE, time=user.nudge_time)
    return _time_summary(session, user, now)


def _zone_summary(user: User, now: datetime) -> Phrase | str:
    if not user.timezone:
        return t.ZONE_NONE
    return Phrase(t.ZONE_SHOW, zone=user.timezone, clock=_local_clock(user.timezone, now))


def _time_summary(session, user: User, now: datetime) -> Lazy | str:
    """The setting in words, the next nudge in local time, and what still stands in the way."""
    if user.nudges_off:
        return t.TIME_OFF
    chosen = evenings.nudge_time_of(user).strftime("%H:%M")
    if not user.timezone or user.next_nudge_at is None:
        return Phrase(t.TIME_SHOW_NO_ZONE, time=chosen)
    plan = Phrase(t.TIME_PLAN, time=chosen, zone=user.timezone,
                  next=local_next(user.next_nudge_at, ZoneInfo(user.timezone), now))
    if people.partner_of(session=session, user=user) is None:
        return Joined([plan, t.TIME_UNPAIRED], "\n")
    return plan


def _local_clock(zone: str, now: datetime) -> Clock:
    return Clock(now, ZoneInfo(zone))


async def skip_tonight(update: Update, context: AttuneContext) -> None:
    """Let tonight go, kindly, and take the nudge's buttons away."""
    await context.ack()
    await context.drop_buttons()
    async with context.unit() as unit:
        evenings.clear_nudged(session=unit.session, user_id=unit.person.id)
        unit.say(nt.SKIP_ANSWER)

