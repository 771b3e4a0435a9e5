"""What every handler needs (database, clock, delivery), kept in the application's bot_data."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from sqlalchemy.engine import Engine
from sqlmodel import Session
from telegram.ext import CallbackContext

from bot.clock import Clock
from bot.config import Settings
from bot.delivery import Deliverer
from bot.store.db import session_scope


@dataclass
class Services:
    settings: Settings
    engine: Engine
    clock: Clock
    deliverer: Deliverer | None = None
    username: str = ""
    extras: dict = field(default_factory=dict)
    # People whose row is current and who are not blocked: id -> first name. Lets the gate
    # skip a database round trip on most updates; dropped when a send finds them blocked.
    known_people: dict[int, str] = field(default_factory=dict)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session


def services(context: CallbackContext) -> Services:
    return context.application.bot_data["services"]
