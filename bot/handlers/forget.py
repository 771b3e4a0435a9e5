"""/forget: delete everything the bot holds about the person, after a confirmation button."""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import AttuneContext
from bot.edge.callbacks import Forget
from bot.rounds import forget_answers
from bot.store import inbox
from bot.store.db import checkpoint
from bot.store.forgetting import forget_person, former_partners
from bot.texts import forget as t
from bot.texts.common import YOUR_PARTNER_START
from rituals.language import N_, Phrase

log = logging.getLogger(__name__)

COMMANDS = [("forget", N_("Delete everything Attune holds about you"))]


def register(app: Application) -> None:
    app.add_handler(CommandHandler("forget", forget))
    app.add_handler(CallbackQueryHandler(forget_answer, pattern=Forget.matches))


async def forget(update: Update, context: AttuneContext) -> None:
    """Ask before deleting: it cannot be undone."""
    async with context.unit() as unit:
        partner = unit.partner
        text = Phrase(t.ASK_PAIRED, partner=partner.first_name) if partner else t.ASK_SINGLE
        unit.say(text, buttons=[[(t.DELETE_BUTTON, Forget("yes").pack())],
                                [(t.CANCEL_BUTTON, Forget("no").pack())]])


async def forget_answer(update: Update, context: AttuneContext) -> None:
    """Delete the presser's own data on "yes" (never anyone else's), then tell the partner,
    and anyone they shared an earlier thread with that their words are gone from it."""
    await context.ack()
    await context.drop_buttons()
    if Forget.parse(update.callback_query.data).answer != "yes":
        async with context.unit() as unit:
            unit.say(t.CANCELLED)
        return
    services = context.services
    person_id = update.effective_user.id
    name = update.effective_user.first_name or Phrase(YOUR_PARTNER_START)
    async with context.unit() as unit:
        own = unit.words  # theirs, before their row (and their choice of language) goes
        # Their words leave every round answered blind; a partner's answer that waited for
        # theirs goes back to its author (told after the pairing's end).
        returned = forget_answers(unit.session, person_id, name, unit.person.couple_id)
        formers = former_partners(session=unit.session, user_id=person_id)
        partner = forget_person(session=unit.session, user_id=person_id, now=unit.now)
        inbox.forget_person(unit.session.connection(), person_id)
        if partner is not None:
            unit.tell(partner.id, Phrase(t.TOLD_PARTNER, name=name))
        for author, words in returned:
            unit.tell(author, words)
        for former_id in formers:
            if partner is None or former_id != partner.id:
                unit.tell(former_id, Phrase(t.TOLD_FORMER, name=name))
    services.known_people.pop(person_id, None)  # a later update starts them anew
    checkpoint(services.engine)  # the deleted words leave the -wal file too, not only the database
    log.info("user %s forgotten", person_id)
    # Directly, not through the outbox: the person has no row left for it to point at.
    await update.effective_chat.send_message(own(t.DONE))
