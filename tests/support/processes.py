"""`python -m bot` as a real process against the stand-in: its environment (this checkout's
code, a test token, no stray settings), its start, kill -9, SIGTERM, its log and database."""
from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from sqlalchemy import text

from bot.store.db import make_engine
from tests.support.people import TOKEN

REPO = Path(__file__).resolve().parents[2]
WAIT = 15.0  # generous: a subprocess on a busy 2-core machine
SETTINGS = ("TELEGRAM_", "DATABASE_", "LOG_LEVEL", "DELIVERY_INTERVAL", "WEBHOOK_", "PORT",
            "SENDS_PER_SECOND")


def bot_env(**settings: str | None) -> dict[str, str]:
    """The environment of a bot under test: this checkout on PYTHONPATH, the test token, and
    `settings` (None removes one) in place of whatever the caller's environment set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(SETTINGS)}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, PYTHONPATH=str(REPO))
    env.update(settings)
    return {k: v for k, v in env.items() if v is not None}


class BotProcess:
    """One `python -m bot` at a time; restartable. Its stderr goes to `<name>.log` in `workdir`,
    which is also its working directory, so no .env file fills in what a test leaves out."""

    def __init__(self, standin, workdir: Path, *, database_url: str | None = None,
                 name: str = "bot", **settings: str) -> None:
        self.standin = standin
        self.workdir = workdir
        self.db_path = workdir / f"{name}.db"
        self.database_url = database_url or f"sqlite:///{self.db_path}"
        self.log_path = workdir / f"{name}.log"
        self.env = bot_env(DATABASE_URL=self.database_url, TELEGRAM_API_BASE_URL=standin.base_url,
                           DELIVERY_INTERVAL="0.2", **settings)
        self.proc: asyncio.subprocess.Process | None = None

    async def launch(self) -> BotProcess:
        """Start the process without waiting for it to poll."""
        with open(self.log_path, "ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=self.workdir, env=self.env,
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=log)
        return self

    async def start(self) -> BotProcess:
        """Start the process and wait for its first getUpdates (or fail with its log)."""
        calls_before = len(self.standin.calls)
        await self.launch()
        polled = asyncio.ensure_future(
            self.standin.wait_for_call("getUpdates", after=calls_before, timeout=WAIT))
        exited = asyncio.ensure_future(self.proc.wait())
        await asyncio.wait({polled, exited}, return_when=asyncio.FIRST_COMPLETED)
        exited.cancel()
        if not polled.done():
            polled.cancel()
            raise AssertionError(f"the bot exited before polling:\n{self.log[-3000:]}")
        polled.result()
        return self

    async def kill_9(self) -> None:
        self.proc.kill()
        await self.proc.wait()

    async def sigterm(self) -> tuple[int, float]:
        """Send SIGTERM; return the exit code and the seconds it took to exit."""
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(self.proc.wait(), 20)
        return code, time.monotonic() - started

    async def stop(self) -> None:
        """Kill it if still running: the teardown that cannot leave a process behind."""
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def query(self, sql: str, **params) -> list[tuple]:
        """Rows of `sql` (named :params) from the bot's database, read beside the process."""
        engine = make_engine(self.database_url)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql), params)]
        finally:
            engine.dispose()
