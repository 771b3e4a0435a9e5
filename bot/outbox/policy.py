"""What Telegram's answer to a send means for the row: a pure table, tested without Telegram.

Sent: settle it. Retry(after): try again then (429's `retry_after`, else a backoff).
Park: the person blocked the bot or the chat is gone; their rows wait for their return.
Fail: Telegram refused the same message too often; set it aside so the chat moves on
(its words stay in the thread, and the author is told).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import timedelta

from telegram.error import BadRequest, Forbidden, RetryAfter

MAX_BACKOFF = timedelta(minutes=5)
# A message Telegram refuses this many times (a bug, not an outage) stops holding up the chat.
MAX_REFUSALS = 5


@dataclass(frozen=True)
class Sent:
    pass


@dataclass(frozen=True)
class Retry:
    after: timedelta
    reason: str


@dataclass(frozen=True)
class Park:
    pass


@dataclass(frozen=True)
class Fail:
    pass


Verdict = Sent | Retry | Park | Fail


def settle(error: BaseException | None, attempts: int) -> Verdict:
    """The verdict for a send that raised `error` (None: accepted), after `attempts` earlier tries."""
    if error is None:
        return Sent()
    if isinstance(error, Forbidden):
        return Park()
    if isinstance(error, RetryAfter):
        return Retry(_retry_after(error), "rate limited")
    if isinstance(error, BadRequest):
        if "chat not found" in str(error).lower():
            return Park()
        if attempts + 1 >= MAX_REFUSALS:
            return Fail()
        return Retry(backoff(attempts), "refused")
    # 5xx, time-outs, the network, or a bug of ours: the row must not strand, try again.
    return Retry(backoff(attempts), type(error).__name__)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=2 ** min(attempts, 10)), MAX_BACKOFF)


def _retry_after(error: RetryAfter) -> timedelta:
    """Telegram's wait as a timedelta (PTB 22 gives an int or a timedelta, and warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
