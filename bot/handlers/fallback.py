"""The last word: /help, unknown commands, things that aren't text, stale buttons, errors.

Registered after every feature, so whatever nothing else answered still gets a reply.
"""
from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from bot.handlers.common import GATE_GROUP, answer

log = logging.getLogger(__name__)

COMMANDS = [("help", "Every command, one line each")]


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


def help_text(commands: list[tuple[str, str]]) -> str:
    lines = [texts.HELP_HEADER, ""]
    lines += [f"/{name} — {description}" for name, description in commands]
    return "\n".join(lines + ["", texts.HELP_FOOTER])


async def show_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List every command with one line each."""
    await answer(update, help_text(context.application.bot_data["commands"]))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Name the command we don't know and point to /help."""
    word = (update.effective_message.text or "/").split()[0].split("@")[0][:64]
    await answer(update, texts.UNKNOWN_COMMAND.format(command=word))


async def nothing_open(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text with no ritual open: say what is possible, never drop it silently."""
    await answer(update, texts.NOTHING_OPEN)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice notes, documents: we read words only, and say so kindly."""
    await answer(update, texts.NOT_TEXT)


async def edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edit can't change what was already relayed; say so rather than act twice."""
    await answer(update, texts.EDITED)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button nobody recognises (old, or forged): a short note, nothing done."""
    try:
        await update.callback_query.answer(texts.STALE_BUTTON, show_alert=False)
    except TelegramError:  # already answered by the handler that sent us here
        pass
    if update.effective_chat is not None:
        await answer(update, texts.STALE_BUTTON)


async def dataless_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A press carrying no data at all: the expired answer, and no feature sees it."""
    await stale_button(update, context)
    raise ApplicationHandlerStop


async def ignore(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Updates that ask nothing of us (a member joined, a poll closed): nothing to say."""


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log one line (no traceback, no message text) and still answer the person."""
    error = context.error
    update_id = getattr(update, "update_id", None)
    log.error("update %s failed: %s", update_id, type(error).__name__)
    if isinstance(update, Update) and update.effective_chat is not None:
        if update.effective_chat.type == "private":
            try:
                await update.effective_chat.send_message(texts.SOMETHING_WENT_WRONG)
            except Exception as send_error:
                log.error("could not apologise for update %s: %s", update_id, type(send_error).__name__)
