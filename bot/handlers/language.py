"""/language: which language the bot speaks with this person, chosen with a button (or typed,
like /language de) and remembered. What their partner writes is never translated; only the
bot's own words around it change.
"""
from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import AttuneContext, Unit
from bot.edge.callbacks import ChooseLanguage
from bot.handlers import fallback
from bot.language import NAMES, matching, words_in
from bot.texts import common as t
from rituals.language import N_

log = logging.getLogger(__name__)

COMMANDS = [("language", N_("The language I speak with you: /language"))]


def register(app: Application) -> None:
    app.add_handler(CommandHandler("language", ask_or_set))
    app.add_handler(CallbackQueryHandler(chosen, pattern=ChooseLanguage.matches))


def language_rows() -> list[list[tuple[str, str]]]:
    """Each shipped language under its own name, two to a row."""
    row = [(name, ChooseLanguage(code).pack()) for code, name in NAMES.items()]
    return [row[i: i + 2] for i in range(0, len(row), 2)]


def named(typed: str) -> str | None:
    """The shipped language a person typed: a code ("de", "pt-BR") or its own name ("Deutsch")."""
    wanted = typed.strip().lower()
    by_name = {name.lower(): code for code, name in NAMES.items()}
    return by_name.get(wanted) or matching(wanted)


async def ask_or_set(update: Update, context: AttuneContext) -> None:
    typed = " ".join(context.args or [])
    code = named(typed) if typed else None
    async with context.unit() as unit:
        if code is not None:
            _choose(unit, code)
        elif typed:
            unit.say(t.LANGUAGE_UNKNOWN, buttons=language_rows(), typed=typed[:32])
        else:
            unit.say(t.LANGUAGE_ASK, buttons=language_rows())
    if code is not None:
        await _menu_in(context, code)


async def chosen(update: Update, context: AttuneContext) -> None:
    """A language button: any shipped language, for the presser's own chat."""
    code = ChooseLanguage.parse(update.callback_query.data).code
    if code not in NAMES:
        await fallback.stale_button(update, context)
        return
    async with context.unit() as unit:
        already = unit.person.chosen_language == code
        if not already:
            _choose(unit, code)
    await context.ack()
    await context.drop_buttons()
    if not already:
        await _menu_in(context, code)


def _choose(unit: Unit, code: str) -> None:
    unit.person.chosen_language = code
    unit.reset_words()  # what follows in this unit is said in the new language
    partner = unit.partner
    if partner is not None:
        unit.say(t.LANGUAGE_SET, partner=partner.first_name)
    else:
        unit.say(t.LANGUAGE_SET_ALONE)
    log.info("user %s chose a language", unit.person.id)


async def _menu_in(context: AttuneContext, code: str) -> None:
    """The command menu of this chat in the chosen language (best effort: a nicety)."""
    words = words_in(code)
    commands = [BotCommand(name, words(description))
                for name, description in context.application.bot_data["commands"]]
    try:
        await context.bot.set_my_commands(
            commands, scope=BotCommandScopeChat(context.update.effective_chat.id))
    except TelegramError as error:
        log.warning("could not set a chat's command menu: %s", type(error).__name__)
