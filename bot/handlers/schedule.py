"""When the evening nudge comes: /timezone, /time, and a kind answer to "Not tonight"."""
from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import AttuneContext
from bot.edge.callbacks import SkipTonight
from bot.store import evenings, people
from bot.store.models import User
from bot.texts import nudges as nt
from bot.texts import schedule as t
from rituals import schedule as timing

log = logging.getLogger(__name__)

COMMANDS = [
    ("timezone", "Set your time zone, e.g. /timezone Europe/Berlin"),
    ("time", "When your evening ritual arrives, e.g. /time 21:00, or /time off"),
]

OFF_WORDS = {"off", "stop", "none", "never", "no"}


def register(app: Application) -> None:
    app.add_handler(CommandHandler("timezone", set_timezone))
    app.add_handler(CommandHandler("time", set_time))
    app.add_handler(CallbackQueryHandler(skip_tonight, pattern=SkipTonight.matches))


async def set_timezone(update: Update, context: AttuneContext) -> None:
    """Show the person's zone, or set it and move their next nudge to match."""
    text = " ".join(context.args or [])
    zone = timing.resolve_zone(text) if text else None
    async with context.unit() as unit:
        user, now = unit.person, unit.now
        if not text:
            unit.say(_zone_summary(user, now))
        elif zone is None:
            unit.say(t.ZONE_UNKNOWN.format(text=text[:64]))
        else:
            user.timezone = zone
            evenings.reschedule(session=unit.session, user=user, now=now)
            unit.say(_after_zone_set(unit.session, user, now))
            log.info("user %s set a time zone", user.id)


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


def _apply_time(session, user: User, text: str, now: datetime) -> str:
    """Store a new evening minute (turning nudges back on); the answer to send."""
    chosen = timing.parse_local_time(text)
    if chosen is None:
        return t.TIME_BAD.format(text=text[:32])
    user.nudge_time = chosen.strftime("%H:%M")
    user.nudges_off = False
    evenings.reschedule(session=session, user=user, now=now)
    log.info("user %s set a nudge time", user.id)
    if not user.timezone:
        return t.TIME_SET_NO_ZONE.format(time=user.nudge_time)
    return _time_summary(session, user, now)


def _zone_summary(user: User, now: datetime) -> str:
    if not user.timezone:
        return t.ZONE_NONE
    return t.ZONE_SHOW.format(zone=user.timezone, clock=_local_clock(user.timezone, now))


def _after_zone_set(session, user: User, now: datetime) -> str:
    lines = [t.ZONE_SET.format(zone=user.timezone, clock=_local_clock(user.timezone, now))]
    lines.append(_time_summary(session, user, now))
    return "\n".join(lines)


def _time_summary(session, user: User, now: datetime) -> str:
    """The setting in words, the next nudge in local time, and what still stands in the way."""
    if user.nudges_off:
        return t.TIME_OFF
    chosen = evenings.nudge_time_of(user).strftime("%H:%M")
    if not user.timezone or user.next_nudge_at is None:
        return t.TIME_SHOW_NO_ZONE.format(time=chosen)
    local_next = user.next_nudge_at.astimezone(ZoneInfo(user.timezone))
    plan = t.TIME_PLAN.format(time=chosen, zone=user.timezone, next=_day_and_time(local_next))
    if people.partner_of(session=session, user=user) is None:
        return f"{plan}\n{t.TIME_UNPAIRED}"
    return plan


def _day_and_time(moment: datetime) -> str:
    """ "Wed 25 Nov, 21:00" """
    return f"{moment:%a} {moment.day} {moment:%b, %H:%M}"


def _local_clock(zone: str, now: datetime) -> str:
    return now.astimezone(ZoneInfo(zone)).strftime("%H:%M")


async def skip_tonight(update: Update, context: AttuneContext) -> None:
    """Let tonight go, kindly, and take the nudge's buttons away."""
    await context.ack()
    await context.drop_buttons()
    async with context.unit() as unit:
        evenings.clear_nudged(session=unit.session, user_id=unit.person.id)
        unit.say(nt.SKIP_ANSWER)
