"""The real process: `python -m bot` against the stand-in, killed with -9, stopped with
SIGTERM, started with bad settings; its log holds no token, no words and no traceback."""
from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.flows import copies, pair, say, send_gratitude
from tests.support.people import BEN, SAM, TOKEN
from tests.support.processes import WAIT, BotProcess, bot_env

SECRET_PART = TOKEN.split(":", 1)[1]


@pytest.fixture
async def bot(standin, tmp_path):
    process = await BotProcess(standin, tmp_path).start()
    yield process
    await process.stop()
    assert "Traceback" not in process.log, process.log[-3000:]


async def test_kill_9_with_a_saved_reflection_pending_delivers_it_once_on_restart(bot, standin):
    await pair(standin, timeout=WAIT)
    standin.fail_next("sendMessage", 500, chat_id=BEN.id, times=1000)
    words = "pending-at-kill: you held my hand at the station"
    await send_gratitude(standin, SAM, words, timeout=WAIT)
    # A second try of the words means the first failure was written down: the row is pending.
    await standin.wait_for_call("sendMessage", lambda p: words in str(p.get("text")), nth=2,
                                timeout=WAIT)
    assert bot.query("SELECT attempts FROM delivery WHERE text LIKE :w", w=f"%{words}%")[0][0] >= 1
    await bot.kill_9()
    assert copies(standin, BEN.id, words) == 0
    standin.faults.clear()
    await bot.start()
    await standin.wait_for(BEN.id, words, timeout=WAIT)
    await standin.settle()
    assert copies(standin, BEN.id, words) == 1
    await say(standin, SAM, "/help", "Here's what I can do", timeout=WAIT)


async def test_kill_9_with_the_send_in_flight_delivers_on_restart_without_waiting_out_the_lease(
        bot, standin):
    await pair(standin, timeout=WAIT)
    standin.hold(BEN.id)
    words = "in-flight-at-kill: thank you for the quiet evening"
    await send_gratitude(standin, SAM, words, timeout=WAIT)
    await standin.wait_held(words)
    await bot.kill_9()
    standin.let_go(BEN.id, accept=False)  # the dead process never learns the answer
    started = time.monotonic()
    await bot.start()
    await standin.wait_for(BEN.id, words, timeout=WAIT)
    assert time.monotonic() - started < WAIT  # not after the 2-minute lease
    await standin.settle()
    assert copies(standin, BEN.id, words) == 1
    assert bot.query("SELECT status FROM delivery WHERE entry_id IS NOT NULL "
                     "ORDER BY id DESC LIMIT 1") == [("sent",)]


async def test_sigterm_finishes_the_send_in_flight_closes_the_database_and_exits_0_quickly(
        bot, standin):
    await pair(standin, timeout=WAIT)
    standin.hold(BEN.id)
    # The first try fails at once (the author is answered), so the one held in flight is the
    # delivery loop's retry, not the handler's own send.
    standin.fail_next("sendMessage", 500, chat_id=BEN.id)
    words = "in-flight-at-sigterm: I loved our walk"
    await send_gratitude(standin, SAM, words, timeout=WAIT)
    await standin.wait_for(SAM.id, "on its way", timeout=WAIT)
    await standin.wait_held(words)

    calls = len(standin.calls)

    async def answer_once_stopping() -> None:
        # The updater's last getUpdates (timeout 0) is the first sign of the stop on the
        # wire: the send is still held then, so the stop has a send in flight to finish.
        await standin.wait_for_call("getUpdates", lambda p: str(p.get("timeout")) == "0",
                                    after=calls, timeout=WAIT)
        standin.let_go(BEN.id, accept=True)

    releaser = asyncio.create_task(answer_once_stopping())
    code, seconds = await bot.sigterm()
    await releaser
    assert code == 0 and seconds < 10, (code, seconds, bot.log[-2000:])
    assert copies(standin, BEN.id, words) == 1
    wal = Path(f"{bot.db_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and closed
    assert bot.query("SELECT status FROM delivery WHERE entry_id IS NOT NULL") == [("sent",)]
    assert "Attune stopped" in bot.log


async def test_sigterm_when_idle_exits_0_within_10_seconds(bot, standin):
    await say(standin, SAM, "/help", "Here's what I can do", timeout=WAIT)
    await standin.wait_polling()  # a long poll is in flight, as it nearly always is
    code, seconds = await bot.sigterm()
    assert code == 0 and seconds < 10
    assert " ERROR " not in bot.log, bot.log  # a clean stop is not an error


async def test_the_log_holds_no_token_no_words_and_no_traceback_even_at_debug(standin, tmp_path):
    process = await BotProcess(standin, tmp_path, LOG_LEVEL="DEBUG").start()
    try:
        await pair(standin, timeout=WAIT)
        words = "secret-words: the way you laugh at my jokes"
        await send_gratitude(standin, SAM, words, timeout=WAIT)
        await standin.wait_for(BEN.id, words, timeout=WAIT)
        standin.fail_next("sendMessage", 500, chat_id=SAM.id)  # an error path logs too
        await say(standin, SAM, "/frobnicate", "/help", timeout=WAIT)
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
    env = bot_env(**{"DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", **settings})
    # Run from an empty directory, so no .env file fills in what the test leaves out.
    result = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0
    assert len(lines) == 1 and names in lines[0], result.stderr
    assert "Traceback" not in result.stderr and SECRET_PART not in result.stderr


def test_an_unreachable_telegram_is_one_line_not_a_traceback(tmp_path):
    env = bot_env(DATABASE_URL=f"sqlite:///{tmp_path / 'a.db'}",
                  TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot", LOG_LEVEL="WARNING")
    result = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and SECRET_PART not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("attune: stopped: NetworkError")


async def backlog_behind_a_held_answer(standin) -> str:
    """Ben's gratitude reaches Sam; Sam taps Reply while his chat is held (his lane is busy),
    then types the reply and more: a backlog confirmed to Telegram that sits only in the inbox."""
    await pair(standin, timeout=WAIT)
    await send_gratitude(standin, BEN, "backlog-seed: you fixed the lamp", timeout=WAIT)
    relayed = await standin.wait_for(SAM.id, "backlog-seed", timeout=WAIT)
    standin.hold(SAM.id)
    await standin.tap(SAM, relayed, "Reply to Ben")
    await standin.wait_held("exactly as you write them")
    words = "reply-in-backlog: thank you, it was nothing"
    await standin.say(SAM, words)
    for _ in range(3):
        await standin.say(SAM, "/help")
    await standin.wait_until(standin.confirmed_all, timeout=WAIT)
    return words


def helps(standin) -> int:
    return copies(standin, SAM.id, "Here's what I can do")


async def test_kill_9_with_a_backlog_of_typed_words_answers_everyone_once_after_restart(
        bot, standin):
    words = await backlog_behind_a_held_answer(standin)
    pending = bot.query("SELECT COUNT(*) FROM inbox WHERE state = 'pending'")[0][0]
    assert pending >= 4  # confirmed to Telegram, handled by no one yet
    await bot.kill_9()
    standin.let_go(SAM.id, accept=False)
    await bot.start()
    await standin.wait_for(BEN.id, words, timeout=WAIT)
    await standin.wait_until(lambda: helps(standin) == 3, timeout=WAIT)
    await standin.settle()
    assert copies(standin, BEN.id, words) == 1
    assert copies(standin, SAM.id, "exactly as you write them") == 1  # the reply's question
    assert bot.query("SELECT COUNT(*) FROM inbox WHERE state = 'pending'") == [(0,)]


async def test_sigterm_with_a_backlog_finishes_what_is_in_hand_and_keeps_the_rest(bot, standin):
    words = await backlog_behind_a_held_answer(standin)
    calls = len(standin.calls)

    async def answer_once_stopping() -> None:
        await standin.wait_for_call("getUpdates", lambda p: str(p.get("timeout")) == "0",
                                    after=calls, timeout=WAIT)
        standin.let_go(SAM.id, accept=True)

    releaser = asyncio.create_task(answer_once_stopping())
    code, seconds = await bot.sigterm()
    await releaser
    assert code == 0 and seconds < 10, (code, seconds, bot.log[-2000:])
    await bot.start()
    await standin.wait_for(BEN.id, words, timeout=WAIT)
    await standin.wait_until(lambda: helps(standin) == 3, timeout=WAIT)
    await standin.settle()
    assert copies(standin, BEN.id, words) == 1
    assert copies(standin, SAM.id, "exactly as you write them") == 1
