"""Waiting on what the bot does, never for a fixed time: each wait wakes when the stand-in
records a call or a send, and checks again."""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:
    from tests.support.records import Sent
    from tests.support.server import BotApiServer

T = TypeVar("T")
Match = Callable[["Sent"], bool] | str


async def wait_until(activity: asyncio.Condition, check: Callable[[], T], *,
                     timeout: float) -> T | None:
    """`check()`'s first truthy value, re-checked at each notification; None at the timeout."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with activity:
        while True:
            found = check()
            if found:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            try:
                await asyncio.wait_for(activity.wait(), remaining)
            except asyncio.TimeoutError:
                pass


def matcher(predicate: Match) -> Callable[[Sent], bool]:
    """A text (case-insensitive, contained) or a predicate on the Sent."""
    if isinstance(predicate, str):
        needle = predicate.lower()
        return lambda s: needle in (s.text or "").lower()
    return predicate


async def wait_for(server: BotApiServer, chat_id: int, predicate: Match = lambda s: True, *,
                   after: int = 0, timeout: float = 5.0) -> Sent:
    """The first message to `chat_id` past index `after` (of that chat's list) matching."""
    matches = matcher(predicate)

    def first() -> Sent | None:
        return next((s for s in server.sent_to(chat_id)[after:] if matches(s)), None)

    found = await wait_until(server.activity, first, timeout=timeout)
    if found is None:
        raise AssertionError(
            f"nothing matching reached {chat_id}; it got {server.texts_to(chat_id)[after:]}")
    return found


async def wait_for_call(server: BotApiServer, method: str,
                        where: Callable[[dict], bool] = lambda p: True, *, after: int = 0,
                        nth: int = 1, timeout: float = 5.0) -> dict:
    """The params of the `nth` `method` call past index `after` of all calls that matches."""
    def found() -> dict | None:
        matching = [p for m, p in server.calls[after:] if m == method and where(p)]
        return matching[nth - 1] if len(matching) >= nth else None

    params = await wait_until(server.activity, found, timeout=timeout)
    if params is None:
        raise AssertionError(f"the bot made no {nth}. matching {method} call within {timeout}s")
    return params


async def settle(server: BotApiServer, quiet: float = 0.3, timeout: float = 10.0) -> None:
    """Wait until the bot has fetched every update and then sent nothing for `quiet` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    if not await wait_until(server.activity, server.confirmed_all, timeout=timeout):
        raise AssertionError("the bot did not fetch every update")
    while loop.time() < deadline:
        count = len(server.sent)
        if not await wait_until(server.activity, lambda n=count: len(server.sent) != n,
                                timeout=quiet):
            return
    raise AssertionError("the bot did not settle")
