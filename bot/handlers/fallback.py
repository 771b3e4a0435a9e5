"""The last word: /help, unknown commands, things that aren't text, stale buttons, errors.

Registered after every feature, so whatever nothing else answered still gets a reply.
"""
from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError, OperationalError
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import AttuneContext
from bot.handlers import conversation
from bot.handlers.gate import GATE_GROUP
from bot.language import Words
from bot.localtime import partner_clock
from bot.texts import common as t
from rituals.language import N_, Joined, Phrase, Verbatim

log = logging.getLogger(__name__)

COMMANDS = [("help", N_("Every command, one line each"))]


class DatalessButton(CallbackQueryHandler):
    """A press with no callback data, which every pattern handler would otherwise accept."""

    def check_update(self, update: object) -> bool:
        return isinstance(update, Update) and update.callback_query is not None and not (
            update.callback_query.data
        )


def register(app: Application) -> None:
    app.add_handler(DatalessButton(dataless_button), group=GATE_GROUP + 3)
    app.add_handler(CommandHandler("help", show_help))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, edited))
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(filters.TEXT, nothing_open))
    app.add_handler(MessageHandler(filters.ALL, not_text))
    app.add_handler(CallbackQueryHandler(stale_button))
    app.add_handler(TypeHandler(Update, ignore))
    app.add_error_handler(on_error)


def help_text(words: Words, commands: list[tuple[str, str]]) -> str:
    """Every command with its one line, in the reader's language."""
    lines = [words(t.HELP_HEADER), ""]
    lines += [f"/{name} — {words(description)}" for name, description in commands]
    return "\n".join(lines + ["", words(t.HELP_FOOTER)])


async def say(context: AttuneContext, text) -> None:
    async with context.unit() as unit:
        unit.say(text)


async def show_help(update: Update, context: AttuneContext) -> None:
    """List every command with one line each (and the partner's local time, when known)."""
    async with context.unit() as unit:
        text = help_text(unit.words, context.application.bot_data["commands"])
        clock = partner_clock(unit.partner, unit.now)
        unit.say(Joined([Verbatim(text), clock], "\n") if clock else Verbatim(text))


async def unknown_command(update: Update, context: AttuneContext) -> None:
    """Name the command we don't know and point to /help."""
    word = (update.effective_message.text or "/").split()[0].split("@")[0][:64]
    await say(context, Phrase(t.UNKNOWN_COMMAND, command=word))


async def nothing_open(update: Update, context: AttuneContext) -> None:
    """Text with no ritual open: say what is possible, never drop it silently."""
    await say(context, t.NOTHING_OPEN)


async def not_text(update: Update, context: AttuneContext) -> None:
    """Stickers, photos, voice notes, documents: we read words only, and say so kindly;
    mid-ritual, briefly, with the open question asked again."""
    await _odd(context, t.NOT_TEXT_MID, t.NOT_TEXT)


async def edited(update: Update, context: AttuneContext) -> None:
    """An edit can't change what was already relayed; say so rather than act twice. A
    shared live location moving is no edit a person made: nothing to say."""
    if update.edited_message is not None and update.edited_message.location is not None:
        return
    await _odd(context, t.EDITED_MID, t.EDITED)


async def _odd(context: AttuneContext, mid_run: str, otherwise: str) -> None:
    async with context.unit() as unit:
        if not conversation.ask_again(unit, mid_run):
            unit.say(otherwise)


async def stale_button(update: Update, context: AttuneContext) -> None:
    """A button nobody recognises (old, or forged): a short note, nothing done."""
    await context.ack(t.STALE_BUTTON)
    if update.effective_chat is not None:
        await say(context, t.STALE_BUTTON)


async def dataless_button(update: Update, context: AttuneContext) -> None:
    """A press carrying no data at all: the expired answer, and no feature sees it."""
    await stale_button(update, context)
    raise ApplicationHandlerStop


async def ignore(update: Update, context: AttuneContext) -> None:
    """Updates that ask nothing of us (a member joined, a poll closed): nothing to say."""


async def on_error(update: object, context: AttuneContext) -> None:
    """Log one line (no traceback, no words). A passing database failure leaves the update
    to be handled again; otherwise the person hears that their last step wasn't saved,
    but never when something of it was (then asking to retry would double it)."""
    error = context.error
    update_id = getattr(update, "update_id", None)
    log.error("update %s failed: %s", update_id, type(error).__name__)
    if isinstance(error, (OperationalError, DBAPIError)) and update_id is not None:
        context.services.failed_updates[update_id] = type(error).__name__
        return
    if getattr(context, "committed", False):
        return
    if isinstance(update, Update) and update.effective_chat is not None:
        if update.effective_chat.type == "private":
            try:
                await update.effective_chat.send_message(context.words(t.SOMETHING_WENT_WRONG))
            except Exception as send_error:
                log.error("could not apologise for update %s: %s", update_id,
                          type(send_error).__name__)
