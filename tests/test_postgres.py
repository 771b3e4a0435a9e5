"""The same code on PostgreSQL: two bot processes sharing one database nudge everyone once.

Runs when ATTUNE_TEST_POSTGRES_URL names an empty database it may wipe, e.g.
postgresql+psycopg://attune:attune@127.0.0.1/attune (needs `pip install -e ".[postgres]"`);
skipped otherwise.
"""
from __future__ import annotations

import asyncio
import os
import sys
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from bench.seed import seed_into
from bot.store.db import open_database
from tests.standin import BotApiStandIn
from tests.test_process import REPO, bot_env, until

URL = os.environ.get("ATTUNE_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="ATTUNE_TEST_POSTGRES_URL is not set")
COUPLES = 150


def fresh_database(url: str):
    """Wipe the test database and migrate it from scratch, as a first start would."""
    engine = open_database(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return open_database(url)


async def test_two_processes_on_one_postgres_nudge_everyone_exactly_once(tmp_path):
    engine = fresh_database(URL)
    due = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=6)
    people = seed_into(engine, COUPLES, nudge_at=due)
    engine.dispose()
    standin = await BotApiStandIn().start()
    env = bot_env(DATABASE_URL=URL, TELEGRAM_API_BASE_URL=standin.base_url, LOG_LEVEL="WARNING")
    processes = [
        await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=REPO, env=env,
                                             stdout=asyncio.subprocess.DEVNULL,
                                             stderr=open(tmp_path / f"bot{i}.log", "wb"))
        for i in range(2)
    ]
    try:
        nudges = lambda: [s for s in standin.sent if "go:" in str(s.reply_markup)]  # noqa: E731
        await until(lambda: len(nudges()) >= len(people), "not everyone was nudged", timeout=60)
        await asyncio.sleep(3)  # a double would show up here
        per_person = {p.id: 0 for p in people}
        for sent in nudges():
            per_person[sent.chat_id] += 1
        assert set(per_person.values()) == {1}
    finally:
        for process in processes:
            process.kill()
            await process.wait()
        await standin.stop()
    for i in range(2):
        assert b"Traceback" not in (tmp_path / f"bot{i}.log").read_bytes()
