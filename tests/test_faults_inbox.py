"""Faults around the inbox and the database: what was saved is never asked for again, a
locked database loses nothing, marking sent can't double a send, leases of the living stay."""
from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys

from sqlmodel import select

from bot.store import leases
from bot.store.models import Delivery
from tests.support.flows import run_gratitude
from tests.support.people import BEN, EVE, SAM


def hold_lock(db_path, seconds: float) -> subprocess.Popen:
    """Another process takes the SQLite file's write lock and keeps it for a while."""
    script = (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True)\n"
        f"time.sleep({seconds}); c.execute('COMMIT')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(db_path)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


async def test_a_failed_button_answer_after_the_words_were_saved_asks_no_one_to_retry(
        harness, standin):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "You made tea", expect="How did it make you feel")
    standin.fail_next("answerCallbackQuery", 400, description="Bad Request: query is too old")
    await harness.tap(SAM, feeling, "Loved", expect="On its way to Ben")
    await standin.wait_for(BEN.id, "You made tea")
    await standin.settle()
    assert not [t for t in standin.texts_to(SAM.id) if "went wrong" in t]


async def test_a_500_on_every_fourth_send_leaves_nobody_without_their_next_question(
        harness, standin):
    await harness.pair()
    original, count = standin._api_sendMessage, {"n": 0}

    async def every_fourth_fails(params):
        count["n"] += 1
        if count["n"] % 4 == 0:
            from tests.support.server import error as _error
            return _error(500, "Internal Server Error")
        return await original(params)

    standin._api_sendMessage = every_fourth_fails

    async def arrives(person, text: str, after: int):
        """What failed is retried once its backoff passes: move the clock until it arrives."""
        for _ in range(40):
            try:
                return await standin.wait_for(person.id, text, after=after, timeout=0.5)
            except AssertionError:
                harness.clock.advance(seconds=3)
                await harness.flush()
        raise AssertionError(f"{text!r} never reached {person.first_name}")

    try:
        for person in (SAM, BEN, SAM):
            before = len(standin.sent_to(person.id))
            await standin.say(person, "/gratitude")
            await arrives(person, "What did", before)
            await standin.say(person, f"moment from {person.first_name}")
            feeling = await arrives(person, "How did it make you feel", before)
            await standin.tap(person, feeling, "Loved")
            await arrives(person, "On its way", before)
    finally:
        standin._api_sendMessage = original
    await standin.settle()
    for person in (SAM, BEN):
        assert not [t for t in standin.texts_to(person.id) if "went wrong" in t]
    assert sum("moment from Sam" in t for t in standin.texts_to(BEN.id)) == 2


async def test_a_database_locked_by_another_process_loses_nothing(harness, standin):
    await harness.pair()
    locker = await asyncio.to_thread(hold_lock, harness.db_url.removeprefix("sqlite:///"), 4)
    await standin.say(EVE, "/help")
    await standin.say(SAM, "/help")
    await asyncio.to_thread(locker.wait)
    await standin.wait_for(EVE.id, "Here's what I can do", timeout=20)
    await standin.wait_for(SAM.id, "Here's what I can do", timeout=20)
    await harness.say(BEN, "/help", expect="Here's what I can do")


async def test_a_send_that_cannot_be_marked_sent_is_never_sent_again(harness, standin, tmp_path):
    await harness.pair()
    db_path = harness.db_url.removeprefix("sqlite:///")
    original, lockers = standin._api_sendMessage, []

    async def lock_then_accept(params):
        if "mark-me" in str(params.get("text")) and not lockers:
            lockers.append(await asyncio.to_thread(hold_lock, db_path, 3))
        return await original(params)

    standin._api_sendMessage = lock_then_accept
    await run_gratitude(harness, SAM, "mark-me: the words")
    await standin.wait_for(BEN.id, "mark-me")
    await asyncio.to_thread(lockers[0].wait)
    standin._api_sendMessage = original
    harness.clock.advance(minutes=5)  # well past the lease
    for _ in range(3):
        await harness.flush()
    await standin.settle()
    assert sum("mark-me" in t for t in standin.texts_to(BEN.id)) == 1
    with harness.session() as session:
        statuses = {d.status for d in session.exec(select(Delivery).where(Delivery.kind == "relay"))}
    assert statuses == {"sent"}


def test_only_leases_of_gone_processes_on_this_machine_are_freed():
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    host = leases.this_holder().split(":")[0]
    dead, alive = f"{host}:{finished.stdout.strip()}:aa", f"{host}:{os.getppid()}:bb"
    earlier_life = f"{host}:{os.getpid()}:cc"  # a container restarted with the same pid
    elsewhere = "another-host:1:dd"
    holders = [dead, alive, earlier_life, elsewhere, leases.this_holder()]
    assert leases.gone(holders) == [dead, earlier_life]


def test_sqlite_busy_wait_is_short():
    from bot.store.db import SQLITE_BUSY_SECONDS

    assert SQLITE_BUSY_SECONDS <= 2
    assert sqlite3.sqlite_version_info >= (3, 24)
