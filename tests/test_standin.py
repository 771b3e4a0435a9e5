"""The stand-in itself: calls that break the Bot API spec are caught, and a stop does not
wait out the bot's long poll."""
from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from tests.support.speccheck import load_validator
from tests.support.standin import BotApiStandIn


async def post(standin: BotApiStandIn, method: str, *, form: bool = False, **params):
    """A call as JSON, or as a form the way python-telegram-bot sends (every value a string)."""
    body = {"data": {k: str(v) for k, v in params.items()}} if form else {"json": params}
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{standin.base_url}TOKEN/{method}", **body) as response:
            return await response.json()


@pytest.mark.skipif(load_validator() is None, reason="shared/botapi is not beside the repository")
async def test_a_call_against_the_spec_is_recorded_and_fails_the_check():
    standin = await BotApiStandIn().start()
    try:
        await post(standin, "sendMessage", chat_id=1, text="<b>open", parse_mode="HTML", form=True)
        await post(standin, "sendMessage", chat_id=1, text="fine", bogus=True)
        await post(standin, "sendMessage", chat_id=1, text="fine")
    finally:
        await standin.stop()
    assert [(f.method, f.param, f.severity) for f in standin.spec.findings] == [
        ("sendMessage", "text", "reject"), ("sendMessage", "bogus", "silent")]
    with pytest.raises(AssertionError, match="can't parse entities"):
        standin.spec.assert_clean()


async def test_stop_answers_an_open_long_poll_at_once():
    standin = await BotApiStandIn().start()
    poll = asyncio.create_task(post(standin, "getUpdates", timeout=30))
    await standin.wait_polling()
    started = time.monotonic()
    await standin.stop()
    assert time.monotonic() - started < 0.5
    assert await poll == {"ok": True, "result": []}
