"""/hug: "{name} is thinking of you 💛", with two one-tap answers; one a minute per couple.

A bid answered with one tap still counts, so the partner answers with a button. The
minute is the couple's (either way), taken by a guarded UPDATE; each hug's buttons name
that hug, and only its first answer from the one it was sent to goes back. A hug sent
during a time-out waits for its end, like words do.
"""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import AttuneContext
from bot.edge.callbacks import HugBack
from bot.handlers import fallback
from bot.store import hugs, pauses
from bot.store.models import Couple
from bot.texts import together as t
from rituals import hug
from rituals.language import Phrase

log = logging.getLogger(__name__)

COMMANDS = [(hug.COMMAND, hug.DESCRIPTION)]


def register(app: Application) -> None:
    app.add_handler(CommandHandler(hug.COMMAND, send_hug))
    app.add_handler(CallbackQueryHandler(answer_hug, pattern=HugBack.matches))


async def send_hug(update: Update, context: AttuneContext) -> None:
    async with context.unit() as unit:
        person, partner = unit.person, unit.partner
        if partner is None:
            unit.say(hug.NOT_PAIRED)
            return
        sent_at = hugs.record(session=unit.session, couple_id=person.couple_id, by=person.id,
                              now=unit.now)
        if sent_at is None:
            unit.say(hug.TOO_SOON)
            return
        stamp = hugs.stamp_of(sent_at)
        rows = [[(c.label, HugBack(person.couple_id, stamp, c.key).pack()) for c in hug.ANSWERS]]
        unit.tell(partner.id, Phrase(hug.HUG, name=person.first_name), buttons=rows,
                  couple_id=person.couple_id, holdable=True, kind="hug")
        held = pauses.is_paused(unit.session.get(Couple, person.couple_id))
        unit.say(Phrase(t.HUG_HELD if held else hug.SENT, partner=partner.first_name))
    log.info("hug in couple %s", person.couple_id)


async def answer_hug(update: Update, context: AttuneContext) -> None:
    """"💛 back" or "Call later?": to the one who sent this hug, once."""
    pressed = HugBack.parse(update.callback_query.data)
    async with context.unit() as unit:
        person, partner = unit.person, unit.partner
        line = hug.answer_line(pressed.answer, person.first_name)
        valid = (partner is not None and line is not None
                 and person.couple_id == pressed.couple_id
                 and hugs.answer(session=unit.session, couple_id=pressed.couple_id,
                                 stamp=pressed.sent_ms, by=person.id, now=unit.now))
        if valid:
            unit.tell(partner.id, line, couple_id=person.couple_id, holdable=True, kind="hug")
    if not valid:
        await fallback.stale_button(update, context)
        return
    await context.ack(Phrase(t.HUG_ANSWER_SENT, partner=partner.first_name))
    await context.drop_buttons()
