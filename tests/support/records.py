"""What the stand-in records of the bot: each message it put in a chat, with its buttons."""
from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Sent:
    """One call the bot made that puts something in a chat."""

    method: str
    chat_id: int
    message_id: int
    text: str | None
    reply_markup: dict | None
    params: dict
    at: float = field(default_factory=time.monotonic)

    @property
    def button_rows(self) -> list[list[dict]]:
        return (self.reply_markup or {}).get("inline_keyboard", [])

    @property
    def buttons(self) -> list[dict]:
        return [b for row in self.button_rows for b in row]

    def button(self, label_part: str) -> dict:
        for b in self.buttons:
            if label_part.lower() in b["text"].lower():
                return b
        raise AssertionError(f"no button with {label_part!r} in {[b['text'] for b in self.buttons]}")
