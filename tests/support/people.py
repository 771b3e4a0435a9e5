"""Who the tests play: the simulated people, the bot's own identity and the test token."""
from __future__ import annotations

from dataclasses import dataclass

BOT_ID = 424242
BOT_USERNAME = "attune_test_bot"
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Attune"}
TOKEN = "123456789:TEST-token_ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Person:
    id: int
    first_name: str
    language_code: str | None = None  # what their Telegram app reports, when it says

    def as_user(self) -> dict:
        user = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        return {**user, "language_code": self.language_code} if self.language_code else user

    def private_chat(self) -> dict:
        return {"id": self.id, "type": "private", "first_name": self.first_name}


SAM = Person(1001, "Sam")
BEN = Person(1002, "Ben")
EVE = Person(1003, "Eve")  # a stranger to every couple
LENA = Person(1004, "Lena", "de")  # her Telegram speaks German
DIEGO = Person(1005, "Diego", "es-419")  # his, Latin American Spanish
