"""/week: the picture of your week together, on demand (bot/pictures.py)."""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot import pictures
from bot.context import AttuneContext
from bot.texts import together as t
from rituals.language import N_

log = logging.getLogger(__name__)

COMMANDS = [("week", N_("A picture of your week together"))]


def register(app: Application) -> None:
    app.add_handler(CommandHandler("week", send_week))


async def send_week(update: Update, context: AttuneContext) -> None:
    """Draw the person's week and send it to them; nothing changes, so a lost one is simply
    asked for again."""
    async with context.unit() as unit:
        week = pictures.week_for(unit.session, unit.person.id, unit.now)
        if week is None:
            unit.say(t.WEEK_NOT_PAIRED)
    if week is None:
        return
    try:
        png = await pictures.draw(week)
    except Exception as error:
        log.error("picture of the week failed for user %s: %s", update.effective_user.id,
                  type(error).__name__)
        await update.effective_chat.send_message(context.words(t.WEEK_FAILED))
        return
    await update.effective_chat.send_photo(photo=png, filename=pictures.FILENAME,
                                           caption=week.caption)
