"""The real Application, in-process, polling the stand-in, with a settable clock and any
database URL (SQLite file or PostgreSQL)."""
from __future__ import annotations

from datetime import datetime, timezone

from telegram.ext import Application

from bot.app import build_application
from bot.clock import SettableClock
from bot.config import Settings
from bot.runner import Runner
from bot.store.db import session_scope
from tests.support import flows
from tests.support.people import BEN, SAM, TOKEN, Person
from tests.support.standin import BotApiStandIn

START = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


class Harness:
    def __init__(self, standin: BotApiStandIn, db_url: str) -> None:
        self.standin = standin
        self.db_url = db_url
        self.clock = SettableClock(START)
        self.app: Application | None = None
        self.runner: Runner | None = None

    @property
    def settings(self) -> Settings:
        return Settings(
            telegram_bot_token=TOKEN,
            database_url=self.db_url,
            telegram_api_base_url=self.standin.base_url,
            delivery_interval=0.2,
            _env_file=None,
        )

    @property
    def services(self):
        return self.app.bot_data["services"]

    @property
    def engine(self):
        return self.app.bot_data["services"].engine

    def session(self):
        return session_scope(self.engine)

    async def start(self) -> Application:
        self.app = build_application(self.settings, clock=self.clock)
        self.runner = Runner(self.app)
        await self.runner.start()
        return self.app

    async def stop(self) -> None:
        if self.app is None:
            return
        if self.runner is not None:
            await self.runner.stop()
        self.app = self.runner = None

    async def restart(self) -> Application:
        await self.stop()
        return await self.start()

    async def flush(self) -> int:
        """Run the delivery loop once now (what its interval would do)."""
        sender = self.app.bot_data["services"].sender
        await sender.quiet()
        return await sender.flush()

    # conversation helpers --------------------------------------------------------------
    async def say(self, person: Person, text: str, expect: str | None = None, timeout: float = 5.0):
        """Send `text` as `person`; return the bot's next message to them (matching `expect`)."""
        return await flows.say(self.standin, person, text, expect, timeout=timeout)

    async def tap(self, person: Person, sent, label: str, expect: str | None = None):
        """Press the button labelled `label` under `sent`; return the next reply (matching `expect`)."""
        before = len(self.standin.sent_to(person.id))
        await self.standin.tap(person, sent, label)
        return await self.standin.wait_for(person.id, expect or (lambda s: True), after=before)

    async def pair(self, inviter: Person = SAM, invitee: Person = BEN) -> None:
        await flows.pair(self.standin, inviter, invitee)
        # Both are told, so nothing more is coming: a short quiet lets the outbox mark it sent.
        await self.standin.settle(quiet=0.1)
