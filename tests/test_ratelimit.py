"""The paced limiter: an answer to a person goes ahead of the outbox's queued background sends."""
from __future__ import annotations

import asyncio

from bot.edge.ratelimit import BACKGROUND, PacedRateLimiter


async def test_an_answer_overtakes_queued_background_sends():
    limiter = PacedRateLimiter(rate=50)
    await limiter.initialize()
    order: list[str] = []
    under_way = asyncio.Event()

    async def send(name):
        order.append(name)
        if len(order) == 3:
            under_way.set()
        return True

    def request(name, args=None):
        return limiter.process_request(send, (name,), {}, "sendMessage", {"chat_id": 1}, args)

    background = [asyncio.create_task(request(f"bg{i}", BACKGROUND)) for i in range(20)]
    await under_way.wait()  # the outbox is well into its queue
    answer = asyncio.create_task(request("answer"))
    await asyncio.gather(answer, *background)
    assert order.index("answer") <= 5, order  # not behind the ~17 background sends still queued
    assert sorted(order) == sorted(["answer"] + [f"bg{i}" for i in range(20)])
    await limiter.shutdown()
