"""The floor: python-telegram-bot 22's plainest echo bot, polling the same kind of stand-in.

Same settings as Attune where they matter (polling, sequential updates); nothing else.
"""
from __future__ import annotations

import os

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text back."""
    await update.message.reply_text(update.message.text)


def main() -> None:
    builder = ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"])
    base = os.environ.get("TELEGRAM_API_BASE_URL")
    if base:
        builder = builder.base_url(base.rstrip("/"))
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(allowed_updates=["message"])


if __name__ == "__main__":
    main()
