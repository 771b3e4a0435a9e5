"""Runs the real Application against the stand-in, in-process, with a settable clock."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from telegram.ext import Application

from bot.app import build_application
from bot.clock import SettableClock
from bot.config import Settings
from bot.runner import Runner
from bot.store.db import session_scope
from tests.standin import BotApiStandIn, Person

TOKEN = "123456789:TEST-token_ABCDEFGHIJKLMNOPQRSTUVWXYZ"

SAM = Person(1001, "Sam")
BEN = Person(1002, "Ben")
EVE = Person(1003, "Eve")  # a stranger to every couple


class Harness:
    def __init__(self, standin: BotApiStandIn, db_path: Path) -> None:
        self.standin = standin
        self.db_url = f"sqlite:///{db_path}"
        self.clock = SettableClock(datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc))
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
        before = len(self.standin.sent_to(person.id))
        await self.standin.say(person, text)
        return await self.standin.wait_for(person.id, expect or (lambda s: True), after=before,
                                           timeout=timeout)

    async def tap(self, person: Person, sent, label: str, expect: str | None = None):
        before = len(self.standin.sent_to(person.id))
        await self.standin.tap(person, sent, label)
        return await self.standin.wait_for(person.id, expect or (lambda s: True), after=before)

    async def pair(self, inviter: Person = SAM, invitee: Person = BEN) -> None:
        reply = await self.say(inviter, "/invite", expect="t.me/")
        code = reply.text.split("start=")[1].split()[0]
        await self.say(invitee, f"/start {code}", expect="connected")
        await self.standin.wait_for(inviter.id, "connected")
        await self.standin.settle()


def invite_code(text: str) -> str:
    return text.split("start=")[1].split()[0]
