"""Time-outs: /pause holds the couple's conversation, /resume (or the clock) brings it back.

While a time-out lasts, what either partner writes is saved and held; when it ends both
are told first, then the held words go out in the order they were written (bot/jobs/timeouts.py).
"""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import AttuneContext, Unit
from bot.edge.callbacks import MoreTime
from bot.handlers import fallback
from bot.jobs import timeouts
from bot.localtime import local_clock
from bot.store import pauses
from bot.store.models import Couple, User
from bot.texts import common as ct
from bot.texts import pause as t

log = logging.getLogger(__name__)

COMMANDS = [
    ("pause", "Take a time-out: /pause 30 (minutes, 20 by default)"),
    ("resume", "End your time-out early"),
]
DEFAULT_MINUTES, MAX_MINUTES = 20, 1440


def register(app: Application) -> None:
    app.add_handler(CommandHandler("pause", pause))
    app.add_handler(CommandHandler("resume", resume))
    app.add_handler(CallbackQueryHandler(more_time, pattern=MoreTime.matches))


def parse_minutes(args: list[str]) -> int | None:
    """Minutes from /pause's argument: 20 when absent, None when not 1..1440."""
    if not args:
        return DEFAULT_MINUTES
    word = args[0].strip().lower().removesuffix("min").removesuffix("m")
    if len(args) > 1 or not (word.isascii() and word.isdigit()):
        return None
    minutes = int(word)
    return minutes if 1 <= minutes <= MAX_MINUTES else None


async def pause(update: Update, context: AttuneContext) -> None:
    """Start a time-out for the couple and tell the partner kindly."""
    minutes = parse_minutes(context.args or [])
    async with context.unit() as unit:
        if minutes is None:
            unit.say(t.BAD_MINUTES)
            return
        couple = _couple(unit)
        if couple is None:
            unit.say(ct.NOT_PAIRED)
            return
        until = pauses.start_pause(session=unit.session, couple=couple, by=unit.person.id,
                                   minutes=minutes, now=unit.now)
        if until is None:
            until_shown = couple.paused_until or unit.now
            unit.say(t.ALREADY.format(until=local_clock(until_shown, unit.person)))
            return
        _announce(unit, couple, until, t.TOLD_PARTNER)
        unit.say(t.STARTED.format(until=local_clock(until, unit.person),
                                  partner=unit.partner.first_name))
        unit.say(t.BREATHE)
    log.info("couple %s paused for %s min", couple.id, minutes)


def _couple(unit: Unit) -> Couple | None:
    return unit.session.get(Couple, unit.person.couple_id) if unit.partner else None


def _announce(unit: Unit, couple: Couple, until, text: str) -> None:
    partner = unit.partner
    unit.tell(partner.id, text.format(name=unit.person.first_name,
                                      until=local_clock(until, partner)),
              couple_id=couple.id)


async def resume(update: Update, context: AttuneContext) -> None:
    """End the time-out early, if it is yours; otherwise say when it ends."""
    ending = None
    async with context.unit() as unit:
        couple = _couple(unit)
        pauser = unit.session.get(User, couple.paused_by) if pauses.is_paused(couple) else None
        if couple is None:
            unit.say(ct.NOT_PAIRED)
        elif pauser is None or couple.paused_until is None:
            unit.say(t.NOT_PAUSED)
        elif pauser.id != unit.person.id:
            unit.say(t.PARTNERS_PAUSE.format(name=pauser.first_name,
                                             until=local_clock(couple.paused_until, unit.person)))
        else:
            ending = (couple.id, couple.paused_until)
    if ending is not None:
        await timeouts.end(context.services, *ending)


async def more_time(update: Update, context: AttuneContext) -> None:
    """'I need more time' on the end message: that time-out again, from the one who called it,
    while its end is fresh; an older button changes nothing."""
    pressed = MoreTime.parse(update.callback_query.data)
    async with context.unit() as unit:
        couple = _couple(unit)
        until = None
        if couple is not None and couple.id == pressed.couple_id:
            until = pauses.extend(session=unit.session, couple=couple, by=unit.person.id,
                                  seq=pressed.pause_seq, minutes=DEFAULT_MINUTES, now=unit.now)
        if until is not None:
            _announce(unit, couple, until, t.MORE_TOLD_PARTNER)
            unit.say(t.MORE_STARTED.format(until=local_clock(until, unit.person)))
    if until is None:
        await fallback.stale_button(update, context)
        return
    await context.ack()
    await context.drop_buttons()
