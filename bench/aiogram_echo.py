"""The second floor: aiogram 3's plainest echo bot, polling the same stand-in.

What a user would pick instead of python-telegram-bot: its defaults throughout (aiohttp
session, updates handled as tasks). Needs `pip install -e ".[bench]"`; the bench skips
this floor with a line saying so when aiogram isn't installed.
"""
from __future__ import annotations

import asyncio
import os

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

dispatcher = Dispatcher()


@dispatcher.message(F.text)
async def echo(message: Message) -> None:
    """Send the text back."""
    await message.answer(message.text)


async def main() -> None:
    base = os.environ.get("TELEGRAM_API_BASE_URL", "").rstrip("/")
    session = None
    if base:  # the stand-in's URL ends in /bot, as python-telegram-bot wants it
        session = AiohttpSession(api=TelegramAPIServer.from_base(base.removesuffix("/bot")))
    bot = Bot(os.environ["TELEGRAM_BOT_TOKEN"], session=session)
    await dispatcher.start_polling(bot, allowed_updates=["message"])


if __name__ == "__main__":
    asyncio.run(main())
