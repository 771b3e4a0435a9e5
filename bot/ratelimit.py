"""Sending at Telegram's pace: python-telegram-bot's AIORateLimiter, evenly spaced and
without its burst after a 429.

Two changes to the stock limiter, both measured in bench/ (fan-out of 2000 nudges):
- Capacity is a bucket of one refilled `rate` times a second, so sends are spaced evenly.
  The stock bucket of 30 lets a second's worth go at once and then keeps going, so 60
  sends can land within one second, which Telegram answers with 429.
- After a 429 every send pauses for retry_after. The stock limiter hands out capacity
  during that pause, so every send that got some fires at once when it ends, meets
  another 429, and the pause repeats (about 1 s of every 1.2 s lost). Here a send takes
  its capacity only once no pause is on.

And one addition: a send marked BACKGROUND (the delivery loop working through the outbox,
e.g. the evening fan-out) gives way to any send answering a person, so someone replying
to their nudge at 21:00 is not queued behind a thousand other people's nudges.
"""
from __future__ import annotations

import asyncio
import contextvars
from contextlib import asynccontextmanager, nullcontext
from typing import Any

from telegram.ext import AIORateLimiter

# Just under Telegram's 30 a second: room for the jitter between pacing and arrival.
SENDS_PER_SECOND = 29
# Pass as `rate_limit_args` to mark a send that may wait for people's answers to go first.
BACKGROUND = {"background": True}
_background = contextvars.ContextVar("attune_background_send", default=False)


class PacedRateLimiter(AIORateLimiter):
    """AIORateLimiter spacing sends evenly, that never releases a burst after a 429."""

    def __init__(self, *, rate: float = SENDS_PER_SECOND, max_retries: int = 3) -> None:
        super().__init__(overall_max_rate=1, overall_time_period=1 / rate,
                         max_retries=max_retries)
        self._interval = 1 / rate
        self._answers_waiting = 0  # sends answering a person, waiting for capacity
        self._background_turn = asyncio.Lock()  # one background send queues at a time

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        background = isinstance(rate_limit_args, dict) and rate_limit_args.get("background")
        token = _background.set(bool(background))
        try:
            return await super().process_request(
                callback, args, kwargs, endpoint, data,
                None if isinstance(rate_limit_args, dict) else rate_limit_args,
            )
        finally:
            _background.reset(token)

    @asynccontextmanager
    async def _turn(self):
        """Queue for capacity: answers go straight in; background sends one at a time,
        and only while no answer is waiting."""
        if not _background.get():
            self._answers_waiting += 1
            try:
                yield
            finally:
                self._answers_waiting -= 1
            return
        async with self._background_turn:
            while self._answers_waiting:
                await asyncio.sleep(self._interval)
            yield

    async def _run_request(self, chat: bool, group: Any, allow_paid_broadcast: bool,
                           callback, args, kwargs):
        if allow_paid_broadcast or not chat or self._base_limiter is None:
            return await super()._run_request(chat, group, allow_paid_broadcast,
                                              callback, args, kwargs)
        while True:
            await self._retry_after_event.wait()
            group_limit = (self._get_group_limiter(group) if group and self._group_max_rate
                           else nullcontext())
            async with self._turn():
                await self._base_limiter.acquire()
            async with group_limit:
                if self._retry_after_event.is_set():  # capacity taken during a pause is let go
                    return await callback(*args, **kwargs)
