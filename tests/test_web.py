"""The web server in-process, on SQLite: webhook mode (setWebhook, the secret, what is stored
and what is refused), /healthz and /metrics, and the web server in polling mode (its
settings are in test_web_settings.py)."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import create_engine, func, select

from bot.config import Settings
from bot.store.models import InboxUpdate
from bot.web.metrics import Metrics
from tests.support.balancer import SECRET_HEADER, BalancingStandIn
from tests.support.harness import Harness
from tests.support.people import BEN, SAM, TOKEN
from tests.support.standin import BotApiStandIn

REPO = Path(__file__).resolve().parent.parent
SECRET = "s3cret_-Token"
PATH = "/telegram/hook"


class WebHarness(Harness):
    """The harness with the web server's settings added (a free port on loopback)."""

    def __init__(self, standin, db_path, **web) -> None:
        super().__init__(standin, f"sqlite:///{db_path}")
        self.web = web

    @property
    def settings(self) -> Settings:
        return Settings(telegram_bot_token=TOKEN, database_url=self.db_url,
                        telegram_api_base_url=self.standin.base_url, delivery_interval=0.2,
                        webhook_listen="127.0.0.1", port=0, _env_file=None, **self.web)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.runner.web.port}"

    def inbox_rows(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(InboxUpdate)).scalar()


async def started(standin, tmp_path, caplog, **web):
    caplog.set_level(logging.INFO)
    harness = WebHarness(standin, tmp_path / "attune.db", **web)
    await harness.start()
    return harness


async def until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


def no_tracebacks(caplog) -> None:
    bad = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert not bad, bad[0].getMessage()


@pytest.fixture
async def balancer():
    server = await BalancingStandIn(secret=SECRET).start()
    yield server
    await server.stop()
    server.spec.assert_clean()


@pytest.fixture
async def hooked(balancer, tmp_path, caplog):
    harness = await started(balancer, tmp_path, caplog, webhook_url=f"https://bot.example{PATH}",
                            webhook_secret=SECRET)
    balancer.workers = [harness.url + PATH]
    yield harness
    await harness.stop()
    no_tracebacks(caplog)


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


async def test_webhook_mode_sets_the_webhook_once_per_start_and_never_polls(hooked, balancer):
    calls = [params for method, params in balancer.calls if method == "setWebhook"]
    assert len(calls) == 1
    assert calls[0]["url"] == f"https://bot.example{PATH}"
    assert calls[0]["secret_token"] == SECRET
    assert calls[0]["allowed_updates"] == ["message", "edited_message", "callback_query"]
    assert int(calls[0]["max_connections"]) == 40
    assert not [m for m, _ in balancer.calls if m in ("getUpdates", "deleteWebhook")]


async def test_a_posted_update_is_stored_before_the_200_and_then_answered(hooked, balancer):
    await hooked.say(SAM, "/help", expect="Here's what I can do")
    assert balancer.accepted[0] == 1 and hooked.inbox_rows() == 1


async def test_an_update_posted_twice_is_answered_once(hooked, balancer, http):
    update = await balancer.say(SAM, "/help")
    assert await balancer.post(0, update) == 200
    await balancer.wait_for(SAM.id, "Here's what I can do")
    await balancer.settle()
    assert sum("Here's what I can do" in t for t in balancer.texts_to(SAM.id)) == 1
    assert hooked.inbox_rows() == 1


@pytest.mark.parametrize("headers", [
    {}, {SECRET_HEADER: ""}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET[:-1]},
    {SECRET_HEADER: SECRET + "x"}, {"X-Telegram-Bot-Api-Secret": SECRET},
])
async def test_without_the_right_secret_403_and_nothing_changes(hooked, balancer, http, headers):
    update = {"update_id": 77, "message": {"message_id": 1, "date": 0, "text": "/help",
                                           "chat": {"id": SAM.id, "type": "private"},
                                           "from": SAM.as_user()}}
    async with http.post(hooked.url + PATH, json=update, headers=headers) as response:
        assert response.status == 403
    assert hooked.inbox_rows() == 0
    await balancer.settle()
    assert balancer.sent_to(SAM.id) == []


@pytest.mark.parametrize("method, path, body, status", [
    ("POST", PATH, b"{not json", 400),
    ("POST", PATH, b"", 400),
    ("POST", PATH, b"\xff\xfe\x00", 400),
    ("POST", PATH, b"[1, 2]", 400),
    ("POST", PATH, b'{"message": {}}', 400),
    ("POST", PATH, b'{"update_id": "12"}', 400),
    ("POST", PATH, b'{"update_id": true}', 400),
    ("POST", PATH, b'{"update_id": -1}', 400),
    ("POST", PATH, b'{"update_id": 5, "pad": "' + b"x" * (1024 * 1024) + b'"}', 413),
    ("GET", PATH, b"", 405),
    ("PUT", PATH, b'{"update_id": 5}', 405),
    ("POST", "/elsewhere", b'{"update_id": 5}', 404),
    ("POST", PATH + "/more", b'{"update_id": 5}', 404),
    ("POST", "/healthz", b'{"update_id": 5}', 405),
])
async def test_what_is_not_one_update_is_4xx_stores_nothing_and_breaks_nothing(
        hooked, balancer, http, method, path, body, status):
    async with http.request(method, hooked.url + path, data=body,
                            headers={SECRET_HEADER: SECRET}) as response:
        assert response.status == status
    assert hooked.inbox_rows() == 0
    await hooked.say(SAM, "/help", expect="Here's what I can do")  # still serving


async def test_a_body_over_1_mb_without_a_length_is_413(hooked, http):
    async def chunks():
        for _ in range(17):
            yield b"x" * 65536

    async with http.post(hooked.url + PATH, data=chunks(),
                         headers={SECRET_HEADER: SECRET}) as response:
        assert response.status == 413
    assert hooked.inbox_rows() == 0


async def test_a_database_that_cannot_take_the_update_is_503_so_telegram_retries(
        hooked, balancer):
    hooked.services.storage_ok = False
    update = await BotApiStandIn.push(balancer, {"message": {  # recorded, not delivered
        "message_id": 1, "date": 0, "text": "/help", "from": SAM.as_user(),
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        "chat": {"id": SAM.id, "type": "private"}}})
    assert await balancer.post(0, update) == 503
    assert hooked.inbox_rows() == 0
    hooked.services.storage_ok = True
    assert await balancer.post(0, update) == 200
    await balancer.wait_for(SAM.id, "Here's what I can do")


async def test_healthz_is_200_with_the_depths_and_503_when_storage_is_gone(hooked, http):
    async with http.get(hooked.url + "/healthz") as response:
        assert response.status == 200
        body = await response.json()
    assert body["ok"] is True and body["database"] == "ok"
    assert body["inbox"] == {"pending": 0, "oldest_seconds": 0.0}
    assert set(body["outbox"]) == {"pending", "oldest_seconds"}
    hooked.services.storage_ok = False
    async with http.get(hooked.url + "/healthz") as response:
        assert response.status == 503
        assert (await response.json())["database"] == "replaced"
    hooked.services.storage_ok = True
    real = hooked.services.engine
    hooked.services.engine = create_engine("sqlite:////nonexistent-dir/attune.db")
    try:
        async with http.get(hooked.url + "/healthz") as response:
            assert response.status == 503
            assert await response.json() == {"ok": False, "database": "unreachable"}
        async with http.get(hooked.url + "/metrics") as response:
            assert response.status == 200
            assert "attune_database_up 0.0" in await response.text()
    finally:
        hooked.services.engine = real
    async with http.get(hooked.url + "/healthz") as response:
        assert response.status == 200


async def test_healthz_counts_what_waits_and_how_long(hooked, balancer, http):
    balancer.fail_next("sendMessage", 500, chat_id=SAM.id, times=100)  # the answer waits
    await balancer.say(SAM, "/help")
    await until(lambda: any(m == "sendMessage" for m, _ in balancer.calls))
    hooked.clock.advance(seconds=90)
    async with http.get(hooked.url + "/healthz") as response:
        body = await response.json()
    assert body["outbox"]["pending"] >= 1 and body["outbox"]["oldest_seconds"] >= 90


async def test_metrics_count_updates_sends_and_nudges_without_ids_or_words(hooked, balancer,
                                                                          http):
    await hooked.pair()
    words = "the soup you brought me"
    feeling = await hooked.say(SAM, "/gratitude", expect="What did")
    feeling = await hooked.say(SAM, words, expect="How did it make you feel")
    await hooked.tap(SAM, feeling, "Loved", expect="On its way")
    await balancer.wait_for(BEN.id, words)
    balancer.fail_next("sendMessage", 429, chat_id=SAM.id, retry_after=1)
    await balancer.say(SAM, "/help")
    await balancer.wait_for(SAM.id, "Here's what I can do", timeout=10)  # after waiting 1 s
    hooked.services.metrics.nudged(2)
    text, figures = "", {}
    deadline = time.monotonic() + 5  # the update is counted once settled, just after its answer
    while figures.get('attune_updates_total{outcome="handled",type="message"}', 0) < 5:
        assert time.monotonic() < deadline, text
        async with http.get(hooked.url + "/metrics") as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/plain")
            text = await response.text()
        figures = {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
                   for line in text.splitlines() if line and not line.startswith("#")}
    assert figures['attune_updates_total{outcome="handled",type="message"}'] >= 5
    assert figures['attune_updates_total{outcome="handled",type="callback_query"}'] >= 1
    assert figures['attune_update_handling_seconds_count{type="message"}'] >= 5
    assert figures['attune_messages_sent_total{kind="relay"}'] == 1
    assert figures['attune_messages_sent_total{kind="answer"}'] >= 4
    assert figures["attune_telegram_429_total"] == 1
    assert figures['attune_send_retries_total{reason="rate_limited"}'] == 1
    assert figures["attune_nudges_queued_total"] == 2
    assert figures["attune_database_up"] == 1
    assert "attune_inbox_pending" in figures and "attune_outbox_pending" in figures
    for private in (str(SAM.id), str(BEN.id), "soup", "Sam", "Ben"):
        assert private not in text


def test_each_application_has_its_own_registry():
    first, second = Metrics(), Metrics()
    first.nudged(3)
    assert b"attune_nudges_queued_total 3.0" in first.render()
    assert b"attune_nudges_queued_total 0.0" in second.render()


async def test_polling_mode_serves_health_and_metrics_only_when_port_is_set(tmp_path, caplog,
                                                                           http):
    standin = await BotApiStandIn().start()
    harness = await started(standin, tmp_path, caplog)
    try:
        assert harness.runner.polling and harness.runner.web is not None
        async with http.get(harness.url + "/healthz") as response:
            assert response.status == 200
        async with http.post(harness.url + PATH, data=b"{}",
                             headers={SECRET_HEADER: SECRET}) as response:
            assert response.status == 404  # no webhook in polling mode
        await harness.say(SAM, "/help", expect="Here's what I can do")
        assert [m for m, _ in standin.calls if m == "deleteWebhook"]
    finally:
        await harness.stop()
        await standin.stop()
    unset = Harness(standin, f"sqlite:///{tmp_path / 'other.db'}")
    assert unset.settings.web_port is None  # the default: no web server in polling mode
    no_tracebacks(caplog)


def test_the_metrics_text_of_a_raw_update_type_is_a_closed_set():
    from bot.web.metrics import update_type

    assert update_type({"update_id": 1, "message": {}}) == "message"
    assert update_type({"update_id": 1, "secret words as a key": {}}) == "other"
    assert update_type(json.loads('{"update_id": 1}')) == "other"
