"""The real process: `python -m bot` against the stand-in, killed with -9, stopped with
SIGTERM, started with bad settings; its log holds no token, no words and no traceback."""
from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.harness import BEN, SAM, TOKEN, invite_code
from tests.standin import BotApiStandIn, _error

REPO = Path(__file__).resolve().parent.parent
SECRET_PART = TOKEN.split(":", 1)[1]
WAIT = 15.0  # generous: a subprocess on a busy 2-core machine


class HoldingStandIn(BotApiStandIn):
    """The stand-in, able to hold a chat's sendMessage open: a send in flight, on demand."""

    def __init__(self) -> None:
        super().__init__()
        self.gates: dict[int, asyncio.Event] = {}
        self.held: list[dict] = []
        self.accept_held = False

    def hold(self, chat_id: int) -> None:
        self.gates[chat_id] = asyncio.Event()

    def let_go(self, chat_id: int, *, accept: bool) -> None:
        """Answer the held sends: accepted (recorded) or lost with the process that sent them."""
        self.accept_held = accept
        self.gates.pop(chat_id).set()

    async def _api_sendMessage(self, params: dict):
        gate = self.gates.get(int(params.get("chat_id", 0)))
        if gate is not None:
            self.held.append(params)
            await gate.wait()
            if not self.accept_held:
                return _error(500, "the sender is gone")
        return await super()._api_sendMessage(params)


class BotProcess:
    """One `python -m bot` run; its stderr goes to a file the test reads afterwards."""

    def __init__(self, standin: BotApiStandIn, tmp_path: Path, **env: str) -> None:
        self.standin = standin
        self.db_path = tmp_path / "attune.db"
        self.log_path = tmp_path / "stderr.log"
        self.env = bot_env(DATABASE_URL=f"sqlite:///{self.db_path}",
                           TELEGRAM_API_BASE_URL=standin.base_url, **env)
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> "BotProcess":
        polls_before = self._polls()
        with open(self.log_path, "ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=REPO, env=self.env,
                stdout=asyncio.subprocess.DEVNULL, stderr=log)
        await until(lambda: self._polls() > polls_before, "the bot never polled")
        return self

    def _polls(self) -> int:
        return sum(1 for method, _ in self.standin.calls if method == "getUpdates")

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
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def query(self, sql: str, *args) -> list[tuple]:
        with sqlite3.connect(self.db_path, timeout=10) as connection:
            return connection.execute(sql, args).fetchall()


def bot_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "TELEGRAM_API_BASE_URL", "LOG_LEVEL")}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, DELIVERY_INTERVAL="0.2", PYTHONPATH=str(REPO))
    env.update(settings)
    return {k: v for k, v in env.items() if v is not None}


async def until(condition, message: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        await asyncio.sleep(0.05)


@pytest.fixture
async def holding():
    server = await HoldingStandIn().start()
    yield server
    for gate in server.gates.values():
        gate.set()
    await server.stop()


@pytest.fixture
async def bot(holding, tmp_path):
    process = BotProcess(holding, tmp_path)
    await process.start()
    yield process
    await process.stop()
    assert "Traceback" not in process.log, process.log[-3000:]


async def say(standin, person, text: str, expect: str):
    before = len(standin.sent_to(person.id))
    await standin.say(person, text)
    return await standin.wait_for(person.id, expect, after=before, timeout=WAIT)


async def pair(standin) -> None:
    link = await say(standin, SAM, "/invite", "t.me/")
    await say(standin, BEN, f"/start {invite_code(link.text)}", "connected")
    for person in (BEN, SAM):  # pairing's last word to each: their time zone, asked
        await standin.wait_for(person.id, "Which city are you in?", timeout=WAIT)


async def send_gratitude(standin, person, words: str) -> None:
    """Run /gratitude to its last button: the reflection is saved, its delivery begins."""
    await say(standin, person, "/gratitude", "What did")
    feeling = await say(standin, person, words, "How did it make you feel")
    await standin.tap(person, feeling, "Loved")


def copies(standin, chat_id: int, words: str) -> int:
    return sum(words in (s.text or "") for s in standin.sent_to(chat_id))


async def test_kill_9_with_a_saved_reflection_pending_delivers_it_once_on_restart(bot, holding):
    await pair(holding)
    holding.fail_next("sendMessage", 500, chat_id=BEN.id, times=1000)
    words = "pending-at-kill: you held my hand at the station"
    await send_gratitude(holding, SAM, words)
    await until(lambda: bot.query("SELECT attempts FROM delivery WHERE text LIKE ?", f"%{words}%")
                and bot.query("SELECT attempts FROM delivery WHERE text LIKE ?", f"%{words}%")[0][0] >= 1,
                "the delivery was never tried")
    await bot.kill_9()
    assert copies(holding, BEN.id, words) == 0
    holding.faults.clear()
    await bot.start()
    await holding.wait_for(BEN.id, words, timeout=WAIT)
    await holding.settle()
    assert copies(holding, BEN.id, words) == 1
    await say(holding, SAM, "/help", "Here's what I can do")


async def test_kill_9_with_the_send_in_flight_delivers_on_restart_without_waiting_out_the_lease(
        bot, holding):
    await pair(holding)
    holding.hold(BEN.id)
    words = "in-flight-at-kill: thank you for the quiet evening"
    await send_gratitude(holding, SAM, words)
    await until(lambda: any(words in str(p.get("text")) for p in holding.held), "no send in flight")
    await bot.kill_9()
    holding.let_go(BEN.id, accept=False)  # the dead process never learns the answer
    started = time.monotonic()
    await bot.start()
    await holding.wait_for(BEN.id, words, timeout=WAIT)
    assert time.monotonic() - started < WAIT  # not after the 2-minute lease
    await holding.settle()
    assert copies(holding, BEN.id, words) == 1
    assert bot.query("SELECT status FROM delivery WHERE entry_id IS NOT NULL "
                     "ORDER BY id DESC LIMIT 1") == [("sent",)]


async def test_sigterm_finishes_the_send_in_flight_closes_the_database_and_exits_0_quickly(
        bot, holding):
    await pair(holding)
    holding.hold(BEN.id)
    # The first try fails at once (the author is answered), so the one held in flight is the
    # delivery loop's retry, not the handler's own send.
    holding.fail_next("sendMessage", 500, chat_id=BEN.id)
    words = "in-flight-at-sigterm: I loved our walk"
    await send_gratitude(holding, SAM, words)
    await holding.wait_for(SAM.id, "on its way", timeout=WAIT)
    await until(lambda: any(words in str(p.get("text")) for p in holding.held), "no send in flight")

    async def answer_late() -> None:
        await asyncio.sleep(0.5)
        holding.let_go(BEN.id, accept=True)

    releaser = asyncio.create_task(answer_late())
    code, seconds = await bot.sigterm()
    await releaser
    assert code == 0 and seconds < 10, (code, seconds, bot.log[-2000:])
    assert copies(holding, BEN.id, words) == 1
    wal = Path(f"{bot.db_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and closed
    assert bot.query("SELECT status FROM delivery WHERE entry_id IS NOT NULL") == [("sent",)]
    assert "Attune stopped" in bot.log


async def test_sigterm_when_idle_exits_0_within_10_seconds(bot, holding):
    await say(holding, SAM, "/help", "Here's what I can do")
    await asyncio.sleep(0.5)  # a long poll is in flight, as it nearly always is
    code, seconds = await bot.sigterm()
    assert code == 0 and seconds < 10
    assert " ERROR " not in bot.log, bot.log  # a clean stop is not an error


async def test_the_log_holds_no_token_no_words_and_no_traceback_even_at_debug(holding, tmp_path):
    process = await BotProcess(holding, tmp_path, LOG_LEVEL="DEBUG").start()
    try:
        await pair(holding)
        words = "secret-words: the way you laugh at my jokes"
        await send_gratitude(holding, SAM, words)
        await holding.wait_for(BEN.id, words, timeout=WAIT)
        holding.fail_next("sendMessage", 500, chat_id=SAM.id)  # an error path logs too
        await say(holding, SAM, "/frobnicate", "/help")
        code, _ = await process.sigterm()
    finally:
        await process.stop()
    log = process.log
    assert code == 0
    assert "DEBUG" in log  # the level took effect, so this checks what DEBUG writes
    for secret in (TOKEN, SECRET_PART, words, "the way you laugh", "frobnicate"):
        assert secret not in log, secret
    assert "Traceback" not in log


@pytest.mark.parametrize("settings, names", [
    ({"TELEGRAM_BOT_TOKEN": None}, "TELEGRAM_BOT_TOKEN"),
    ({"TELEGRAM_BOT_TOKEN": "abc"}, "TELEGRAM_BOT_TOKEN"),
    ({"TELEGRAM_BOT_TOKEN": ""}, "TELEGRAM_BOT_TOKEN"),
    ({"LOG_LEVEL": "loud"}, "LOG_LEVEL"),
    ({"DATABASE_URL": "nope"}, "DATABASE_URL"),
    ({"TELEGRAM_API_BASE_URL": "ftp:/x"}, "TELEGRAM_API_BASE_URL"),
    ({"DELIVERY_INTERVAL": "-1"}, "DELIVERY_INTERVAL"),
])
def test_a_bad_setting_prints_one_clear_line_and_exits_non_zero(tmp_path, settings, names):
    import subprocess

    env = bot_env(**{"DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", **settings})
    # Run from an empty directory, so no .env file fills in what the test leaves out.
    result = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0
    assert len(lines) == 1 and names in lines[0], result.stderr
    assert "Traceback" not in result.stderr and SECRET_PART not in result.stderr


def test_an_unreachable_telegram_is_one_line_not_a_traceback(tmp_path):
    import subprocess

    env = bot_env(DATABASE_URL=f"sqlite:///{tmp_path / 'a.db'}",
                  TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot", LOG_LEVEL="WARNING")
    result = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and SECRET_PART not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("attune: stopped: NetworkError")
