"""Polling intake: fetch updates, store them as inbox rows, and only then confirm them.

Telegram counts an update as received when the next getUpdates asks past it. So the
offset moves on only after the rows are committed: a crash before that makes Telegram
serve the updates again, and the inbox's key makes the second arrival a no-op. While the
database can't take them, updates wait in Telegram, and each person is told once why
they hear nothing yet.
"""
from __future__ import annotations

import asyncio
import json
import logging
import warnings
from typing import Callable

from sqlalchemy.engine import Connection, Engine
from telegram import Bot
from telegram.error import TelegramError

from bot.clock import Clock
from bot.language import words_for
from bot.store import inbox
from rituals.language import N_

log = logging.getLogger(__name__)
Take = Callable[[Connection, int], Callable[[], None]]

LONG_POLL_SECONDS = 10
# Channel posts, inline queries and the rest never reach the bot.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
_SENDERS = ("message", "edited_message", "callback_query", "my_chat_member", "chat_member",
            "channel_post", "edited_channel_post")
STORAGE_DOWN = N_(
    "I can't reach my notebook right now, so I haven't read your message yet.\n"
    "It's safe with Telegram; I'll answer as soon as I can."
)


def person_of(raw: dict) -> int:
    """Whose lane an update joins: its sender, else its chat, else a lane of its own (0)."""
    for key in _SENDERS:
        item = raw.get(key)
        if isinstance(item, dict):
            sender = item.get("from") or (item.get("message") or {}).get("chat") or item.get("chat")
            if isinstance(sender, dict) and isinstance(sender.get("id"), int):
                return sender["id"]
    return 0


def arrivals(raws: list[dict]) -> list[inbox.Arrival]:
    return [inbox.Arrival(raw["update_id"], person_of(raw), json.dumps(raw, ensure_ascii=False))
            for raw in raws if isinstance(raw, dict) and isinstance(raw.get("update_id"), int)]


def store(engine: Engine, raws: list[dict], now, take: Take | None = None) -> int:
    """Write the updates to the inbox in one transaction; returns how many were new.
    `take` (the lanes') leases what is ready in the same transaction, and what it returns
    starts their handling once the rows are committed."""
    with engine.begin() as connection:
        new = inbox.add(connection, arrivals(raws), now)
        start = take(connection, new) if (take is not None and new) else None
    if start is not None:
        start()
    return new


class Poller:
    """getUpdates in a loop, each batch committed to the inbox before it is confirmed."""

    def __init__(self, *, bot: Bot, engine: Engine, clock: Clock,
                 on_stored: Callable[[], None],
                 accepting: Callable[[], bool] = lambda: True, take: Take | None = None) -> None:
        self.take = take
        self.accepting = accepting
        self.bot = bot
        self.engine = engine
        self.clock = clock
        self.on_stored = on_stored
        self._offset: int | None = None
        self._stopping = asyncio.Event()
        self._told_of_outage: set[int] = set()

    async def run(self) -> None:
        await self._delete_webhook()
        failures = 0
        while not self._stopping.is_set():
            if not self.accepting():  # the database is gone: updates wait in Telegram
                await self._pause(5)
                continue
            try:
                raws = await self._fetch(LONG_POLL_SECONDS)
            except TelegramError as error:
                failures += 1
                log.warning("getUpdates failed: %s", type(error).__name__)
                await self._pause(min(2 ** failures, 30))
                continue
            failures = 0
            if raws and not await self._keep(raws):
                await self._pause(2)

    async def _keep(self, raws: list[dict]) -> bool:
        try:
            new = store(self.engine, raws, self.clock(), self.take)
        except Exception as error:  # the database: leave the updates with Telegram
            log.error("could not store %s updates: %s", len(raws), type(error).__name__)
            await self._tell_outage(raws)
            return False
        self._told_of_outage.clear()
        self._offset = max(raw["update_id"] for raw in raws) + 1
        if new:
            self.on_stored()
        return True

    async def stop(self) -> None:
        """Stop fetching; confirm what is already stored so it isn't served again."""
        self._stopping.set()
        if self._offset is not None:
            try:
                await self._fetch(0)
            except TelegramError:
                pass  # it is served again next time; the inbox makes that a no-op

    async def _fetch(self, timeout: int) -> list[dict]:
        with warnings.catch_warnings():  # raw JSON on purpose: stored as Telegram sent it
            warnings.simplefilter("ignore")
            result = await self.bot.do_api_request(
                "getUpdates",
                api_kwargs={"offset": self._offset, "timeout": timeout,
                            "allowed_updates": ALLOWED_UPDATES},
                read_timeout=timeout + 10,
            )
        return result if isinstance(result, list) else []

    async def _delete_webhook(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.bot.delete_webhook(drop_pending_updates=False)
                return
            except TelegramError as error:
                log.warning("deleteWebhook failed: %s", type(error).__name__)
                await self._pause(5)

    async def _pause(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)
        except asyncio.TimeoutError:
            pass

    async def _tell_outage(self, raws: list[dict]) -> None:
        """Tell each private-chat writer once per outage why no answer comes yet."""
        for raw in raws:
            message = raw.get("message")
            chat = (message or {}).get("chat") or {}
            person = person_of(raw)
            if chat.get("type") != "private" or person in self._told_of_outage:
                continue
            self._told_of_outage.add(person)
            try:
                # Their app's language: a choice made with /language is in the database.
                code = (message.get("from") or {}).get("language_code")
                await self.bot.send_message(chat_id=chat["id"],
                                            text=words_for(None, code)(STORAGE_DOWN))
            except TelegramError:
                pass
