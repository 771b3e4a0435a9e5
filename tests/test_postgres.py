"""The same code on PostgreSQL: two bot processes sharing one database nudge everyone once.

Runs on the session's PostgreSQL (embedded, or the one ATTUNE_TEST_POSTGRES_URL names).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from bot.store.db import open_database
from tests.support.processes import WAIT, BotProcess
from tests.support.seed import seed_into
from tests.support.waiting import wait_until

COUPLES = 150


def is_nudge(sent) -> bool:
    return "go:" in str(sent.reply_markup)


def nudge_rows(engine) -> dict[str, int]:
    """How many nudge deliveries are in each status."""
    with engine.connect() as connection:
        return dict(connection.execute(
            text("SELECT status, count(*) FROM delivery WHERE kind = 'nudge' GROUP BY status")).all())


async def test_two_processes_on_one_postgres_nudge_everyone_exactly_once(
        standin, postgres_url, tmp_path):
    engine = open_database(postgres_url)
    people = seed_into(engine, COUPLES, nudge_at=datetime.now(timezone.utc) + timedelta(days=1))
    bots = [BotProcess(standin, tmp_path, database_url=postgres_url, name=f"bot{i}",
                       LOG_LEVEL="WARNING") for i in range(2)]
    try:
        for bot in bots:
            await bot.launch()
        # Both are up (each sets its command menu once, as its tick starts) before anyone is
        # due, so their ticks race.
        both_up = await wait_until(
            standin.activity, lambda: sum(m == "setMyCommands" for m, _ in standin.calls) >= 2,
            timeout=WAIT)
        assert both_up, [bot.log[-2000:] for bot in bots]
        with engine.begin() as connection:
            connection.execute(text("UPDATE \"user\" SET next_nudge_at = :now"),
                               {"now": datetime.now(timezone.utc).replace(tzinfo=None)})
        everyone = await wait_until(
            standin.activity, lambda: sum(map(is_nudge, standin.sent)) >= len(people), timeout=60)
        assert everyone, "not everyone was nudged"
        # A clean stop finishes the sends in flight; after it the outbox says what was owed.
        for bot in bots:
            code, _ = await bot.sigterm()
            assert code == 0, bot.log[-2000:]
        assert nudge_rows(engine) == {"sent": len(people)}
        per_person = {p.id: 0 for p in people}
        for sent in filter(is_nudge, standin.sent):
            per_person[sent.chat_id] += 1
        assert set(per_person.values()) == {1}
    finally:
        for bot in bots:
            await bot.stop()
        engine.dispose()
    for bot in bots:
        assert "Traceback" not in bot.log, bot.log[-3000:]
