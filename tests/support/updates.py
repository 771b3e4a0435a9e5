"""Builders of the Update JSON Telegram would send when a person writes, edits or presses.

Each returns the update's body without `update_id`; the stand-in numbers updates as it
queues them. Message ids come from one counter shared with the bot's own messages.
"""
from __future__ import annotations

import itertools
import time
from typing import TYPE_CHECKING, Iterator

from tests.support.people import BOT_USER, Person

if TYPE_CHECKING:
    from tests.support.records import Sent

GROUP_ID = -100123


class UpdateBuilder:
    """Makes updates whose message ids never collide with the ids the stand-in hands out."""

    def __init__(self, message_ids: Iterator[int] | None = None) -> None:
        self.message_ids = message_ids or itertools.count(1000)
        self._query_ids = itertools.count(1)

    def message(self, person: Person, text: str | None, chat: dict | None = None,
                **extra) -> dict:
        """A message from `person` (in their private chat unless `chat`); commands get their entity."""
        message = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": chat or person.private_chat(),
            "from": person.as_user(),
            **extra,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
                ]
        return message

    def say(self, person: Person, text: str) -> dict:
        return {"message": self.message(person, text)}

    def media(self, person: Person, **content) -> dict:
        """A sticker, photo, voice note...: pass the Bot API field, e.g. sticker={...}."""
        return {"message": self.message(person, None, **content)}

    def edit(self, person: Person, text: str) -> dict:
        return {"edited_message": self.message(person, text, edit_date=int(time.time()))}

    def group(self, person: Person, text: str, group_id: int = GROUP_ID) -> dict:
        chat = {"id": group_id, "type": "group", "title": "Friends"}
        return {"message": self.message(person, text, chat=chat)}

    def press(self, person: Person, sent: Sent, data: str) -> dict:
        """A press of a button with `data` under the bot's message `sent`."""
        message = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            # A button can only be pressed in the presser's own chat with the bot.
            "chat": person.private_chat(),
            "from": BOT_USER,
            "text": sent.text or "",
        }
        if sent.reply_markup:
            message["reply_markup"] = sent.reply_markup
        query = {
            "id": f"q{next(self._query_ids)}",
            "from": person.as_user(),
            "message": message,
            "chat_instance": "ci",
            "data": data,
        }
        return {"callback_query": query}
