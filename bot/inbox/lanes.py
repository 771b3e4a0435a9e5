"""Handling the inbox: one person's updates one at a time, in order; many people at once.

A small loop finds people whose oldest pending update is free, leases it, and hands it to
python-telegram-bot's own `process_update` (its handlers and filters, no dispatcher of
ours). Each lane handles one update and goes back in line, so a person with a long
backlog never starves others, and a slow chat only ever holds up its own person.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import timedelta
from typing import Callable

from sqlalchemy.engine import Connection
from telegram import Update
from telegram.ext import Application

from bot.services import Services
from bot.store import inbox, leases

log = logging.getLogger(__name__)

LANES_AT_ONCE = 16
IDLE_LOOK_SECONDS = 1.0
MAX_RETRY_WAIT = timedelta(seconds=60)


class Lanes:
    """Leases and handles inbox rows; `wake()` when new rows arrive."""

    def __init__(self, app: Application, services: Services, *, at_once: int = LANES_AT_ONCE):
        self.app = app
        self.services = services
        self.holder = leases.this_holder()
        self.at_once = at_once
        self._in_hand: dict[int, asyncio.Task] = {}
        self._wake = asyncio.Event()
        # Rows stored (by this process's intake, or found at start) not yet leased: while
        # there are some, a finished update makes the loop look again at once.
        self._unleased = 0
        self._stopping = False

    def wake(self) -> None:
        """Look for work now, if there may be some this process hasn't leased yet."""
        if self._unleased > 0:
            self._wake.set()

    def recover(self) -> int:
        """At start, free the leases of processes known to be gone (a kill -9)."""
        with self.services.engine.begin() as connection:
            gone = leases.gone(inbox.holders(connection))
            freed = inbox.release_leases_of(connection, gone)
            self._unleased = inbox.depth(connection).pending  # the backlog to work through
        if freed:
            log.info("released %s updates left in hand by a stopped process", freed)
        return freed

    async def run(self) -> None:
        while not self._stopping:
            started = 0
            try:
                started = self._start_ready()
            except Exception as error:  # the database: look again shortly
                log.error("inbox look failed: %s", type(error).__name__)
            if started == 0 or len(self._in_hand) >= self.at_once or self._unleased == 0:
                try:  # the idle look also finds retries come due and other processes' rows
                    await asyncio.wait_for(self._wake.wait(), timeout=IDLE_LOOK_SECONDS)
                except asyncio.TimeoutError:
                    pass
                self._wake.clear()
            else:
                await asyncio.sleep(0)

    def take(self, connection: Connection, new: int) -> Callable[[], None]:
        """In the intake's own transaction: lease what the free lanes can take of the rows
        just stored (no transaction of its own); the returned call starts them after the
        commit."""
        self._unleased += new
        batch = [] if self._stopping else self._lease(connection)
        return lambda: self._start(batch)

    def _start_ready(self) -> int:
        """Lease the next update of every free lane there is room for, in one statement."""
        with self.services.engine.begin() as connection:
            batch = self._lease(connection)
        self._start(batch)
        return len(batch)

    def _lease(self, connection: Connection) -> list[inbox.Leased]:
        room = self.at_once - len(self._in_hand)
        if room <= 0:
            return []
        batch = inbox.lease_ready(connection, self.services.clock(), room, self.holder,
                                  skip=self._in_hand.keys())
        if len(batch) == room:  # the lanes are full: there may be more behind them
            self._unleased = max(self._unleased, room + 1)
        return batch

    def _start(self, batch: list[inbox.Leased]) -> None:
        self._unleased = max(0, self._unleased - len(batch))
        for leased in batch:
            self._in_hand[leased.person_id] = asyncio.create_task(self._handle_next(leased))

    async def _handle_next(self, leased: inbox.Leased) -> None:
        try:
            await self._handle(leased)
        except Exception as error:  # the lease runs out and the update is tried again
            log.error("update of lane %s not settled: %s", leased.person_id,
                      type(error).__name__)
        finally:
            self._in_hand.pop(leased.person_id, None)
            self.wake()  # the person's next update, or one waiting for a free lane

    async def _handle(self, leased: inbox.Leased) -> None:
        raw = json.loads(leased.payload)
        started, outcome = time.perf_counter(), "error"
        try:
            settled = self.services.settled_in_unit
            settled[leased.update_id] = False
            try:
                await self.app.process_update(Update.de_json(raw, self.app.bot))
            finally:
                done_by_handler = settled.pop(leased.update_id, False)
            failure = self.services.failed_updates.pop(leased.update_id, None)
            if failure is not None or not done_by_handler:  # else its unit marked it done
                self._settle(leased, failure)
            outcome = "handled" if failure is None else "retried"
        finally:
            self.services.metrics.handled(raw, outcome, time.perf_counter() - started)

    def _settle(self, leased: inbox.Leased, failure: str | None) -> None:
        now = self.services.clock()
        with self.services.engine.begin() as connection:
            if failure is None:
                inbox.mark_done(connection, leased.update_id, now)
            else:
                wait = min(timedelta(seconds=2 ** min(leased.attempts, 6)), MAX_RETRY_WAIT)
                log.warning("update %s will be handled again in %ss (%s)",
                            leased.update_id, int(wait.total_seconds()), failure)
                inbox.retry_later(connection, leased.update_id, now + wait)

    async def stop(self, grace: float) -> None:
        """Take no new updates; let those in hand finish within `grace` seconds."""
        self._stopping = True
        self._wake.set()
        busy = list(self._in_hand.values())
        if not busy:
            return
        _, late = await asyncio.wait(busy, timeout=grace)
        for task in late:  # left pending in the inbox: handled again at the next start
            task.cancel()
        if late:
            log.warning("%s updates still in hand after %ss; left for the next start",
                        len(late), grace)
