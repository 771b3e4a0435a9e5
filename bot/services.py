"""What every handler needs (settings, database, clock, the sender), kept in bot_data."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.clock import Clock
from bot.config import Settings
from bot.outbox.sender import Sender
from bot.store.db import session_scope

KNOWN_PEOPLE_LIMIT = 100_000  # ~10 MB at most; past it the cache simply starts over


@dataclass
class Services:
    settings: Settings
    engine: Engine
    clock: Clock
    sender: Sender | None = None
    username: str = ""
    # People whose row is current and who are not blocked: id -> first name. Lets the gate
    # skip a database round trip on most updates; dropped when a send finds them blocked.
    known_people: dict[int, str] = field(default_factory=dict)
    # Updates whose handling failed for a passing reason (the database): the inbox retries them.
    failed_updates: dict[int, str] = field(default_factory=dict)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    def remember(self, person_id: int, name: str) -> None:
        if len(self.known_people) >= KNOWN_PEOPLE_LIMIT:
            self.known_people.clear()
        self.known_people[person_id] = name
