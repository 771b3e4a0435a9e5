"""Sending at Telegram's pace: evenly spaced, answers to people first, no retries inside.

A BaseRateLimiter of python-telegram-bot's, replacing its AIORateLimiter for three reasons
measured in bench/ and in tests:
- Sends are spaced evenly, one every 1/29 s, and never more than 29 in any one second. The
  stock bucket of 30 lets a second's worth go at once, then 30 more within the same second,
  which Telegram answers with 429. After a quiet moment up to BURST answers go at once (an
  answer is often an edit and a message: the second needn't wait 34 ms behind the first);
  background sends keep to the even schedule.
- The stock limiter retries a 429 itself and pauses *every* send meanwhile, so one chat's
  30 s `retry_after` stalled everyone for 29 s (and its `finally` reopened the gate during
  the pause). Here a 429 goes back to the caller: the outbox waits for that chat only.
- A send marked BACKGROUND (the outbox working through the evening fan-out) gives way to
  any send answering a person, so someone replying at 21:00 is not queued behind a
  thousand other people's nudges.
Calls without a chat (getUpdates, answerCallbackQuery) are not paced.
"""
from __future__ import annotations

import asyncio
import time
from collections import deque

from telegram.ext import BaseRateLimiter

# Just under Telegram's 30 a second: room for the jitter between pacing and arrival.
SENDS_PER_SECOND = 29
# Sends that may go at once after a quiet moment (a bucket of 3, refilled 29 times a second).
BURST = 3
# How far behind its even schedule the background may run and make it up (the event loop
# was busy when a send's moment came): at most this many seconds' sends go back to back.
CATCH_UP = 0.25
# Room in the one-second cap for a send that woke a little after its moment.
WAKE_MARGIN = 0.01
# Pass as `rate_limit_args` to mark a send that may wait for people's answers to go first.
BACKGROUND = {"background": True}


class PacedRateLimiter(BaseRateLimiter[dict]):
    """One chat-bound call every 1/rate seconds; answers ahead of background sends."""

    def __init__(self, *, rate: float = SENDS_PER_SECOND, burst: int = BURST) -> None:
        self._interval = 1 / rate
        self._slack = (burst - 1) * self._interval  # how far ahead of the schedule a send may go
        self._next_slot = 0.0  # the even schedule's next moment (GCRA's "theoretical arrival")
        self._last_second: deque[float] = deque(maxlen=max(int(rate), 1))  # slots taken
        self._answers_waiting = 0  # sends answering a person, waiting for their slot
        self._background_turn = asyncio.Lock()  # one background send queues at a time
        self._last_background = float("-inf")  # when the last background send asked

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if data.get("chat_id") is None:
            return await callback(*args, **kwargs)
        if isinstance(rate_limit_args, dict) and rate_limit_args.get("background"):
            async with self._background_turn:
                while self._answers_waiting:
                    await asyncio.sleep(self._interval)
                await self._slot(burst=False)
        else:
            self._answers_waiting += 1
            try:
                await self._slot()
            finally:
                self._answers_waiting -= 1
        return await callback(*args, **kwargs)

    async def _slot(self, burst: bool = True) -> None:
        """Wait for the next free moment on the even schedule (an answer may go a little
        ahead of it after a quiet moment; never more than `rate` in any second), take it.
        A background send that found the schedule already past (the event loop was busy in
        other work when its moment came) keeps to the schedule rather than starting it
        again from now: the next ones follow at once until it is caught up (at most CATCH_UP
        seconds of it), so a busy moment doesn't cost the fan-out its slots for good."""
        now = time.monotonic()
        if burst:
            due = self._next_slot - self._slack
        else:
            # Behind after a quiet line (no background send in the last second): start
            # from now; behind while busy: make up at most CATCH_UP of it.
            busy = now - self._last_background < 1.0
            due = max(self._next_slot, now - CATCH_UP) if busy else max(self._next_slot, now)
            self._last_background = now
        slot = max(now, due)
        taken = self._last_second
        if len(taken) == taken.maxlen:
            slot = max(slot, taken[0] + 1.0 + WAKE_MARGIN)  # a send may wake a little late
        taken.append(slot)
        if burst or slot > max(now, due):  # an answer, or held back by the one-second cap
            self._next_slot = max(self._next_slot, slot) + self._interval
        else:
            self._next_slot = due + self._interval
        if slot > now:
            await asyncio.sleep(slot - now)
