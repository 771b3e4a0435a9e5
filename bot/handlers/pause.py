"""Time-outs: /pause holds the couple's conversation, /resume (or the clock) brings it back.

/pause reads its length as people type it (rituals/timeout.py: "30 min", "1h", "90m"),
held to Gottman's 20 minutes to 24 hours: under 20 is explained and 20 offered with a
button. While a time-out lasts, what either partner writes is saved and held; the partner
is told kindly and given a way to soothe too; when it ends both are told first, then the
held words go out in the order they were written (bot/jobs/timeouts.py).
"""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import AttuneContext, Unit
from bot.edge.callbacks import MoreTime, PauseOffer
from bot.handlers import fallback
from bot.jobs import timeouts
from bot.localtime import local_until_for, local_when_for
from bot.store import pauses
from bot.store.models import Couple, User
from bot.texts import common as ct
from bot.texts import pause as t
from rituals import timeout as rt
from rituals.language import N_, Phrase

log = logging.getLogger(__name__)

COMMANDS = [
    ("pause", N_("Take a time-out: /pause, /pause 30 min or /pause 1h (20 minutes to a day)")),
    ("resume", N_("End your time-out early")),
]


def register(app: Application) -> None:
    app.add_handler(CommandHandler("pause", pause))
    app.add_handler(CommandHandler("resume", resume))
    app.add_handler(CallbackQueryHandler(more_time, pattern=MoreTime.matches))
    app.add_handler(CallbackQueryHandler(pause_offered, pattern=PauseOffer.matches))


async def pause(update: Update, context: AttuneContext) -> None:
    """Start a time-out for the couple, or say why this length can't start as asked."""
    asked = rt.parse_timeout(" ".join(context.args or []))
    async with context.unit() as unit:
        couple = _couple(unit)
        if couple is None:
            unit.say(ct.NOT_PAIRED)
            return
        refusal = rt.refusal(asked)
        if refusal is None:
            _start(unit, couple, asked.value)
        elif isinstance(asked, rt.TooShort):
            unit.say(refusal, buttons=[
                [(rt.TOO_SHORT_BUTTON, PauseOffer(couple.id, couple.pause_seq,
                                                  rt.FLOOR_MINUTES).pack())],
                [(rt.TOO_SHORT_SKIP, PauseOffer(couple.id, couple.pause_seq, 0).pack())]])
        else:
            unit.say(refusal)


def _start(unit: Unit, couple: Couple, minutes: int) -> None:
    """The time-out itself: the partner told kindly, the pauser guided; or, when one is
    already running, when it ends."""
    until = pauses.start_pause(session=unit.session, couple=couple, by=unit.person.id,
                               minutes=minutes, now=unit.now)
    if until is None:
        shown = couple.paused_until or unit.now
        unit.say(Phrase(t.ALREADY, until=local_until_for(shown, unit.person, unit.now)))
        return
    _announce(unit, couple, until, t.TOLD_PARTNER)
    unit.tell(unit.partner.id, Phrase(rt.PARTNER_SOOTHE, name=unit.person.first_name),
              couple_id=couple.id)
    unit.say(Phrase(t.STARTED, until=local_until_for(until, unit.person, unit.now),
                    partner=unit.partner.first_name))
    unit.say(t.BREATHE)
    log.info("couple %s paused for %s min", couple.id, minutes)


def _couple(unit: Unit) -> Couple | None:
    return unit.session.get(Couple, unit.person.couple_id) if unit.partner else None


def _announce(unit: Unit, couple: Couple, until, text: str) -> None:
    partner = unit.partner
    unit.tell(partner.id, Phrase(text, name=unit.person.first_name,
                                 until=local_until_for(until, partner, unit.now)),
              couple_id=couple.id)


async def pause_offered(update: Update, context: AttuneContext) -> None:
    """"Pause for 20 minutes" or "Not now" under a too-short /pause: valid while no
    time-out started since; a second tap after the time-out began shows nothing new."""
    pressed = PauseOffer.parse(update.callback_query.data)
    running = None
    async with context.unit() as unit:
        couple = _couple(unit)
        fresh = (couple is not None and couple.id == pressed.couple_id
                 and couple.pause_seq == pressed.pause_seq and not pauses.is_paused(couple))
        if fresh and pressed.minutes == rt.FLOOR_MINUTES:
            _start(unit, couple, pressed.minutes)
        elif fresh and pressed.minutes == 0:
            unit.say(t.NOT_NOW)
        elif couple is not None and couple.id == pressed.couple_id and pauses.is_paused(couple):
            running = Phrase(t.ALREADY, until=local_until_for(couple.paused_until or unit.now,
                                                              unit.person, unit.now))
    if fresh:
        await context.ack()
        await context.drop_buttons()
    elif running is not None:
        await context.ack(running)  # already paused (a double tap): nothing more in the chat
    else:
        await fallback.stale_button(update, context)


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
            unit.say(t.PARTNERS_PAUSE, name=pauser.first_name,
                     when=local_when_for(couple.paused_until, unit.person, unit.now))
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
                                  seq=pressed.pause_seq, minutes=rt.DEFAULT_MINUTES,
                                  now=unit.now)
        if until is not None:
            _announce(unit, couple, until, t.MORE_TOLD_PARTNER)
            unit.say(Phrase(t.MORE_STARTED, until=local_until_for(until, unit.person, unit.now)))
    if until is None:
        await fallback.stale_button(update, context)
        return
    await context.ack()
    await context.drop_buttons()
