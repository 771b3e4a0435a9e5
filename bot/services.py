"""What every handler needs (settings, database, clock, the sender), kept in bot_data."""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.clock import Clock
from bot.config import Settings
from bot.outbox.sender import Sender
from bot.store.db import session_scope
from bot.web.metrics import Metrics

KNOWN_PEOPLE_LIMIT = 100_000  # ~10 MB at most; past it the cache simply starts over
# Another process may record a block (403) for someone this one remembers as reachable;
# after this long the row is read again, so their next message still unparks them.
KNOWN_PEOPLE_SECONDS = 60.0


@dataclass
class Services:
    settings: Settings
    engine: Engine
    clock: Clock
    sender: Sender | None = None
    username: str = ""
    # People whose row is current and who are not blocked: id -> (first name, when seen).
    # Lets the gate skip a database round trip on most updates; dropped when a send finds
    # them blocked, and read again after KNOWN_PEOPLE_SECONDS.
    known_people: dict[int, tuple[str, float]] = field(default_factory=dict)
    # Updates whose handling failed for a passing reason (the database): the inbox retries them.
    failed_updates: dict[int, str] = field(default_factory=dict)
    # Updates the lanes have in hand: True once a handler's committed unit marked it done
    # in the inbox (so the lanes needn't settle it again in a transaction of their own).
    settled_in_unit: dict[int, bool] = field(default_factory=dict)
    # The SQLite file as opened (device, inode), and whether it is still the one in place.
    storage_identity: tuple[int, int] | None = None
    storage_ok: bool = True
    metrics: Metrics = field(default_factory=Metrics)  # this application's own registry

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    def remember(self, person_id: int, name: str) -> None:
        if len(self.known_people) >= KNOWN_PEOPLE_LIMIT:
            self.known_people.clear()
        self.known_people[person_id] = (name, time.monotonic())

    def knows(self, person_id: int, name: str) -> bool:
        """The person's row is current and they were reachable a moment ago."""
        seen = self.known_people.get(person_id)
        return seen is not None and seen[0] == name and (
            time.monotonic() - seen[1] < KNOWN_PEOPLE_SECONDS)
