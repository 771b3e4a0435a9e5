"""/forget: delete everything the bot holds about the person, after a confirmation button."""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.handlers.common import answer, drop_buttons, load_user
from bot.keyboards import buttons
from bot.relay import notify
from bot.services import services
from bot.store import queries
from bot.store.db import checkpoint
from bot.store.forgetting import forget_person

log = logging.getLogger(__name__)

COMMANDS = [("forget", "Delete everything Attune holds about you")]

FORGET_CONFIRM = "forget:yes"
FORGET_CANCEL = "forget:no"
ASK_PAIRED = (
    "This deletes everything I hold about you, for good: your reflections, your settings "
    "and your pairing with {partner}. What {partner} already received stays in their chat.\n\n"
    "Delete it all?"
)
ASK_SINGLE = (
    "This deletes everything I hold about you, for good: your reflections and your settings.\n\n"
    "Delete it all?"
)
DELETE_BUTTON = "Delete everything"
CANCEL_BUTTON = "Cancel"
DONE = (
    "Done: everything I held about you is deleted.\n"
    "If you ever want to come back, /start begins afresh."
)
CANCELLED = "Nothing was deleted."
TOLD_PARTNER = (
    "{name} deleted their data on Attune, so your pairing has ended.\n"
    "Your own words are still in your thread. /invite makes a new link whenever you want one."
)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("forget", forget))
    app.add_handler(CallbackQueryHandler(forget_answer, pattern=r"^forget:(yes|no)$"))


async def forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask before deleting: it cannot be undone."""
    with services(context).session() as session:
        user = load_user(context, update, session)
        partner = queries.partner_of(session=session, user=user)
    text = ASK_PAIRED.format(partner=partner.first_name) if partner else ASK_SINGLE
    keyboard = buttons([[(DELETE_BUTTON, FORGET_CONFIRM)], [(CANCEL_BUTTON, FORGET_CANCEL)]])
    await answer(update, text, reply_markup=keyboard)


async def forget_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Delete the presser's own data on "yes" (never anyone else's), then tell the partner."""
    query = update.callback_query
    await query.answer()
    await drop_buttons(query)
    if query.data != FORGET_CONFIRM:
        await answer(update, CANCELLED)
        return
    app = services(context)
    name = update.effective_user.first_name or "Your partner"
    with app.session() as session:
        partner = forget_person(session=session, user_id=update.effective_user.id, now=app.clock())
        partner_id = partner.id if partner else None
    app.known_people.pop(update.effective_user.id, None)  # a later update starts them anew
    checkpoint(app.engine)  # the deleted words leave the -wal file too, not only the database
    log.info("user %s forgotten", update.effective_user.id)
    await answer(update, DONE)
    if partner_id is not None:
        await notify(context, recipient_id=partner_id, text=TOLD_PARTNER.format(name=name))
