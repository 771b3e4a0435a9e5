"""The stand-in as Telegram in webhook mode, and as the load balancer in front of workers.

Every update a person sends (`say`, `tap`, ...) is POSTed, with the webhook's secret
header, to one of `workers` chosen at random, and `push` returns once a worker answered
200, as Telegram counts delivery. A worker that doesn't answer (killed, frozen, refusing)
gets the update retried on another, as a load balancer retries; `twice` posts a share of
updates a second time to a different worker (Telegram's at-least-once delivery).

Each worker may talk to the Bot API through its own base URL (`api_url_for(i)`), so the
stand-in knows who sends what, and can hold one worker's sends (`hold_sends`): a send in
flight that is never recorded, as when the process dies before Telegram got it.
"""
from __future__ import annotations

import asyncio
import random
from collections import Counter

import aiohttp
from aiohttp import web

from tests.support.standin import BotApiStandIn

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DELIVERY_TIMEOUT = 45.0  # seconds to find a worker that takes an update
POST_TIMEOUT = 5.0


class BalancingStandIn(BotApiStandIn):
    def __init__(self, *, secret: str, twice: float = 0.0, seed: int = 14, **limits) -> None:
        super().__init__(**limits)
        self.secret = secret
        self.twice = twice
        self.random = random.Random(seed)
        self.workers: list[str] = []  # each worker's webhook URL
        self.out: set[int] = set()  # workers the balancer knows are gone
        self.accepted: Counter[int] = Counter()  # 200s per worker
        self.in_flight: Counter[int] = Counter()  # posts awaiting an answer, per worker
        self.doubled = 0
        self.retried = 0
        self.sends_by: Counter[str] = Counter()  # recorded sends per worker name
        self.lost_sends = 0  # sends held and never recorded
        self._held: dict[str, asyncio.Event] = {}
        self._client: aiohttp.ClientSession | None = None

    # ---- server life ----------------------------------------------------------------
    async def start(self) -> "BalancingStandIn":
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        app.router.add_route("*", "/{worker}/bot{token}/{method}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        self._client = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        for gate in self._held.values():
            gate.set()
        if self._client is not None:
            await self._client.close()
        await super().stop()

    def api_url_for(self, index: int) -> str:
        return f"http://127.0.0.1:{self.port}/w{index}/bot"

    # ---- the balancer ---------------------------------------------------------------
    async def push(self, update: dict) -> dict:
        update = await super().push(update)
        first = await self.deliver(update)
        if self.twice and len(self.workers) > 1 and self.random.random() < self.twice:
            await self.deliver(update, avoid=first)
            self.doubled += 1
        return update

    async def deliver(self, update: dict, avoid: int | None = None) -> int:
        """POST the update to a random worker until one answers 200; returns which."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + DELIVERY_TIMEOUT
        while True:
            live = [i for i in range(len(self.workers)) if i not in self.out]
            choices = [i for i in live if i != avoid] or live
            index = self.random.choice(choices)
            if await self.post(index, update) == 200:
                self.accepted[index] += 1
                return index
            self.retried += 1
            if loop.time() > deadline:
                raise AssertionError(f"no worker took update {update['update_id']}")
            await asyncio.sleep(0.05)

    async def post(self, index: int, update: dict, *, timeout: float = POST_TIMEOUT) -> int:
        """One POST to one worker; its status, or 0 when it never answered."""
        self.in_flight[index] += 1
        try:
            async with self._client.post(
                self.workers[index], json=update, headers={SECRET_HEADER: self.secret},
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as response:
                return response.status
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return 0
        finally:
            self.in_flight[index] -= 1

    def confirmed_all(self) -> bool:
        return True  # `push` returns only once a worker took the update

    # ---- holding one worker's sends -------------------------------------------------
    def hold_sends(self, worker: str) -> None:
        """From now on, `worker`'s sendMessage calls wait, unrecorded, until `release`."""
        self._held[worker] = asyncio.Event()

    def release(self, worker: str) -> None:
        gate = self._held.pop(worker, None)
        if gate is not None:
            gate.set()

    async def _dispatch(self, request: web.Request) -> web.Response:
        worker = request.match_info.get("worker", "")
        gate = self._held.get(worker)
        if gate is not None and request.match_info["method"] == "sendMessage":
            self.lost_sends += 1
            await gate.wait()  # the sender is gone by now: Telegram never got this one
            return web.json_response({"ok": False, "error_code": 502,
                                      "description": "Bad Gateway"}, status=502)
        response = await super()._dispatch(request)
        if request.match_info["method"] == "sendMessage" and response.status == 200:
            self.sends_by[worker] += 1
        return response
