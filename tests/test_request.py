"""bot/request.py: AiohttpRequest keeps HTTPXRequest's contract, through a Bot and on the wire."""
from __future__ import annotations

import asyncio
import json
import socket
from urllib.parse import parse_qs

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import Forbidden, NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.edge.request import AiohttpRequest
from tests.support.people import SAM, TOKEN

TRICKY_TEXT = "<b>&</b> tonight? 💛 a=1&b=2 100% \"quoted\""


# ---- through a real Bot against the stand-in ------------------------------------------
@pytest.fixture
async def bot(standin):
    bot = Bot(TOKEN, base_url=standin.base_url, request=AiohttpRequest(),
              get_updates_request=AiohttpRequest(connection_pool_size=1))
    async with bot:  # initialize() runs getMe through the request class
        yield bot


async def test_text_and_keyboard_round_trip(bot, standin):
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Send it 💌", callback_data="go:1"),
                                    InlineKeyboardButton("Skip", callback_data="skip")]])
    message = await bot.send_message(SAM.id, TRICKY_TEXT, reply_markup=markup)
    sent = standin.sent_to(SAM.id)[-1]
    assert sent.text == TRICKY_TEXT
    assert [b["text"] for b in sent.buttons] == ["Send it 💌", "Skip"]
    assert sent.button("Send").get("callback_data") == "go:1"
    assert message.text == TRICKY_TEXT and message.chat.id == SAM.id


async def test_document_upload_is_multipart(bot, standin):
    content = b"line one\nline two \x00\xff"
    document = InputFile(content, filename='notes "v2".txt')
    await bot.send_document(SAM.id, document, caption="For you 💛 <i>&</i>")
    sent = standin.sent_to(SAM.id)[-1]
    assert sent.method == "sendDocument"
    assert sent.text == "For you 💛 <i>&</i>"
    uploaded = sent.params["document"]
    assert uploaded["content"] == content
    assert uploaded["filename"] == "notes %22v2%22.txt"  # escaped as httpx does


async def test_error_status_reaches_ptb_as_its_exception(bot, standin):
    standin.block(SAM.id)
    with pytest.raises(Forbidden):
        await bot.send_message(SAM.id, "hello")


# ---- on the wire, against a tiny server -----------------------------------------------
class Recorder:
    """A server that records each request and answers with `status` and `body`: after
    `latency` seconds (a slow network), or, once `hold()` is called, only at `release()`."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.status = 200
        self.body = b'{"ok": true, "result": true}'
        self.latency = 0.0
        self.received = asyncio.Event()
        self.released: asyncio.Event | None = None

    def hold(self) -> None:
        self.released = asyncio.Event()

    def release(self) -> None:
        if self.released is not None:
            self.released.set()

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append({"method": request.method, "headers": dict(request.headers),
                              "body": await request.read()})
        self.received.set()
        if self.released is not None:
            await self.released.wait()
        await asyncio.sleep(self.latency)
        return web.Response(status=self.status, body=self.body, content_type="application/json")


@pytest.fixture
async def server():
    recorder = Recorder()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", recorder.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    recorder.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/botX/method"
    yield recorder
    recorder.release()
    await runner.cleanup()


@pytest.fixture
async def request_():
    request = AiohttpRequest(read_timeout=2.0, connection_pool_size=2)
    async with request:
        yield request


def _data(**params) -> RequestData:
    return RequestData([RequestParameter.from_input(name, value) for name, value in params.items()])


async def test_parameters_go_form_encoded(request_, server):
    markup = {"inline_keyboard": [[{"text": "Yes 💛", "callback_data": "y"}]]}
    status, body = await request_.do_request(
        server.url, "POST", _data(chat_id=7, text=TRICKY_TEXT, reply_markup=markup))
    assert (status, body) == (200, server.body)
    seen = server.requests[-1]
    assert seen["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert seen["headers"]["User-Agent"] == AiohttpRequest.USER_AGENT
    form = {k: v[0] for k, v in parse_qs(seen["body"].decode()).items()}
    assert form["chat_id"] == "7" and form["text"] == TRICKY_TEXT
    assert json.loads(form["reply_markup"]) == markup


@pytest.mark.parametrize("status", [400, 403, 429, 500, 502])
async def test_error_status_is_returned_not_raised(request_, server, status):
    server.status, server.body = status, b'{"ok": false, "description": "nope"}'
    assert await request_.do_request(server.url, "POST", _data(chat_id=1)) == (status, server.body)


async def test_keep_alive_reuses_one_connection(request_, server):
    for _ in range(3):
        await request_.do_request(server.url, "POST", _data(chat_id=1))
    assert all(r["headers"].get("Connection", "").lower() != "close" for r in server.requests)
    assert len(request_._session.connector._conns) == 1  # one idle connection, reused


async def test_read_timeout_raises_timed_out(request_, server):
    server.hold()
    with pytest.raises(TimedOut):
        await request_.do_request(server.url, "POST", _data(chat_id=1), read_timeout=0.1)


async def test_long_poll_read_timeout_outlasts_default(server):
    server.latency = 0.3  # past the default read timeout, well within the long poll's
    async with AiohttpRequest(read_timeout=0.1) as request:
        assert request.read_timeout == 0.1
        status, _ = await request.do_request(server.url, "POST", _data(timeout=1),
                                             read_timeout=1.0)  # as getUpdates passes it
        assert status == 200


async def test_full_pool_times_out_without_sending(server):
    server.hold()
    async with AiohttpRequest(connection_pool_size=1, pool_timeout=0.05) as request:
        first = asyncio.create_task(request.do_request(server.url, "POST", _data(chat_id=1)))
        await server.received.wait()  # the one connection is busy
        with pytest.raises(TimedOut, match="Pool timeout"):
            await request.do_request(server.url, "POST", _data(chat_id=2))
        server.release()
        assert (await first)[0] == 200
    assert len(server.requests) == 1


async def test_refused_connection_raises_network_error():
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with AiohttpRequest() as request:
        with pytest.raises(NetworkError) as raised:
            await request.do_request(f"http://127.0.0.1:{port}/botX/getMe", "POST", _data())
    assert not isinstance(raised.value, TimedOut)
    assert "aiohttp.ClientConnectorError" in str(raised.value)


async def test_initialize_twice_and_shutdown_without_initialize_are_safe():
    request = AiohttpRequest()
    await request.shutdown()  # never initialized
    await request.initialize()
    session = request._session
    await request.initialize()
    assert request._session is session
    await request.shutdown()
    await request.shutdown()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:1/", "POST")
    await request.initialize()  # reopens after a shutdown, as HTTPXRequest does
    assert not request._session.closed
    await request.shutdown()
