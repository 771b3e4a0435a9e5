"""The tests' Bot API stand-in, watched the way a benchmark needs: per chat, as sends happen.

Scanning `sent` per wait would cost the driver O(n^2) at thousands of chats and skew the
figures, so each send is filed into its chat's inbox the moment it is recorded.
"""
from __future__ import annotations

import asyncio
import os
import time
from collections import defaultdict
from typing import Callable

from aiohttp import web

from tests.support.records import Sent
from tests.support.standin import BotApiStandIn

LONG_POLL = 0.5  # seconds
SPEC_CHECK_ENV = "ATTUNE_BENCH_SPEC_CHECK"


class Inbox:
    """What one chat received, in order, with a way to wait for the next match."""

    def __init__(self) -> None:
        self.messages: list[Sent] = []
        self.changed = asyncio.Event()

    async def wait_for(self, matches: Callable[[Sent], bool], *, after: int,
                       timeout: float) -> tuple[int, Sent]:
        """The first message past index `after` that matches, and its index."""
        deadline = time.monotonic() + timeout
        while True:
            for index in range(after, len(self.messages)):
                if matches(self.messages[index]):
                    return index, self.messages[index]
            after = len(self.messages)
            self.changed.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching message")
            try:
                await asyncio.wait_for(self.changed.wait(), remaining)
            except asyncio.TimeoutError:
                pass


class BenchStandIn(BotApiStandIn):
    """The stand-in plus: when the bot first polled, and each chat's inbox."""

    def __init__(self, **limits) -> None:
        # The spec check costs the driver ~0.2 ms a send, so measured runs go without it;
        # the smoke test (tests/test_bench_smoke.py) turns it on.
        super().__init__(spec_check=os.environ.get(SPEC_CHECK_ENV) == "1", **limits)
        self.first_poll_at: float | None = None
        self.polled = asyncio.Event()
        self.inboxes: dict[int, Inbox] = defaultdict(Inbox)
        self.wall_times: dict[int, float] = {}  # id(Sent) -> time.time() when recorded
        self.listeners.append(self._file)

    def _file(self, sent: Sent) -> None:
        self.wall_times[id(sent)] = time.time()
        inbox = self.inboxes[sent.chat_id]
        inbox.messages.append(sent)
        inbox.changed.set()

    async def _api_getUpdates(self, params: dict) -> web.Response:
        if self.first_poll_at is None:
            self.first_poll_at = time.monotonic()
            self.polled.set()
        # Long polls held at most LONG_POLL, as when the published figures were measured.
        timeout = min(float(params.get("timeout") or 0), LONG_POLL)
        return await super()._api_getUpdates({**params, "timeout": timeout})

    async def stop(self) -> None:
        """Stop; with the spec check on, any call against the spec fails the run here."""
        await super().stop()
        self.spec.assert_clean()

    async def wait_polled(self, child, timeout: float) -> float:
        """Wait for the first getUpdates; fail early, with its output, if the child died."""
        deadline = time.monotonic() + timeout
        while not self.polled.is_set():
            if not child.alive():
                raise RuntimeError(f"the bot exited before polling:\n{child.output_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the bot did not poll within {timeout}s:\n{child.output_tail()}")
            try:
                await asyncio.wait_for(self.polled.wait(), 0.05)
            except asyncio.TimeoutError:
                pass
        return self.first_poll_at
