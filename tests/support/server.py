"""The loopback Bot API: an aiohttp server that speaks enough of Telegram's Bot API for the
real Application to poll it, checks each call against the spec, and records what the bot sends.

Faults and rate limits are consulted per call (faults.py); `activity` is notified on every
call and every send, so waits wake on events (waiting.py).
"""
from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any, Callable

from aiohttp import web

from tests.support.faults import Faults, RateLimits
from tests.support.people import BOT_USER, BOT_USERNAME
from tests.support.records import Sent
from tests.support.speccheck import SpecCheck

LONG_POLL_CAP = 2.0  # seconds: a test never waits longer than this on an idle poll


def ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def error(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)


class BotApiServer:
    def __init__(self, *, global_rate: float | None = None, chat_burst: int | None = None,
                 spec_check: bool = True) -> None:
        self.updates: list[dict] = []
        self.sent: list[Sent] = []
        self.calls: list[tuple[str, dict]] = []
        self.commands: list[dict] = []
        self.menus: dict[tuple[str, str], list] = {}  # (scope, language_code) -> commands
        self.faults = Faults()
        self.limits = RateLimits(global_rate=global_rate, chat_burst=chat_burst)
        self.spec = SpecCheck(enabled=spec_check)
        # Called with each Sent as it is recorded (benchmarks watch sends without scanning).
        self.listeners: list[Callable[[Sent], None]] = []
        self.activity = asyncio.Condition()
        self.polling = 0  # long polls waiting right now
        self.message_ids = itertools.count(1000)
        self._update_ids = itertools.count(1)
        self._offset = 0
        self._again: list[dict] = []  # served once more whatever the offset (serve_again)
        self._new_update = asyncio.Condition()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- server life ----------------------------------------------------------------
    async def start(self):
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        """Answer the polls and held sends still open at once, then close."""
        self._closing = True
        self.faults.open_all()
        async with self._new_update:
            self._new_update.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- updates in, messages out -----------------------------------------------------
    async def push(self, update: dict) -> dict:
        """Queue an update for the bot's next getUpdates."""
        update["update_id"] = next(self._update_ids)
        async with self._new_update:
            self.updates.append(update)
            self._new_update.notify_all()
        return update

    def confirmed_all(self) -> bool:
        """Whether the bot has fetched, and confirmed with a later offset, every update."""
        return not self.updates or self._offset > self.updates[-1]["update_id"]

    def sent_to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id]

    def texts_to(self, chat_id: int) -> list[str]:
        return [s.text or "" for s in self.sent_to(chat_id)]

    async def _notify(self) -> None:
        async with self.activity:
            self.activity.notify_all()

    # ---- the Bot API ----------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        wire, params = await _read_params(request)
        self.spec.check(method, wire)
        self.calls.append((method, params))
        await self._notify()
        fault = self.faults.take(method, params)
        if fault is not None:
            return error(fault.status, fault.description, fault.retry_after)
        handler = getattr(self, f"_api_{method}", None)
        # Calls whose answer the bot never reads (answerCallbackQuery, sendChatAction...): True.
        return ok(True) if handler is None else await handler(params)

    async def _api_getMe(self, params: dict) -> web.Response:
        return ok({**BOT_USER, "username": BOT_USERNAME, "can_join_groups": True,
                   "can_read_all_group_messages": False, "supports_inline_queries": False})

    async def serve_again(self, update: dict) -> None:
        """Telegram's at-least-once delivery: the same update (same update_id) comes again,
        served whatever the bot's offset, as after a crash before it was confirmed."""
        async with self._new_update:
            self._again.append(dict(update))
            self._new_update.notify_all()

    async def _api_getUpdates(self, params: dict) -> web.Response:
        self._offset = max(self._offset, int(params.get("offset") or 0))
        timeout = min(float(params.get("timeout") or 0), LONG_POLL_CAP)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with self._new_update:
            self.polling += timeout > 0
            await self._notify()  # the offset moved and a poll may be open: waits look again
            try:
                while True:
                    # Like Telegram: an update confirmed by a higher offset is never served again.
                    fresh = [u for u in self.updates if u["update_id"] >= self._offset][:100]
                    ready, self._again = self._again + fresh, []
                    remaining = deadline - loop.time()
                    if ready or remaining <= 0 or self._closing:
                        return ok(ready)
                    try:
                        await asyncio.wait_for(self._new_update.wait(), remaining)
                    except asyncio.TimeoutError:
                        pass
            finally:
                self.polling -= timeout > 0

    async def _api_setMyCommands(self, params: dict) -> web.Response:
        """The menu per scope and language, as Telegram keeps it; `commands` is the default."""
        key = (json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True),
               params.get("language_code") or "")
        self.menus[key] = params.get("commands", [])
        if key[1] == "" and "chat" not in key[0]:
            self.commands = self.menus[key]
        return ok(True)

    async def _api_sendMessage(self, params: dict) -> web.Response:
        text = str(params.get("text", ""))
        if not text:
            return error(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            return error(400, "Bad Request: message is too long")
        return await self._record("sendMessage", params, text)

    async def _api_sendDocument(self, params: dict) -> web.Response:
        return await self._record("sendDocument", params, params.get("caption"))

    async def _api_sendPhoto(self, params: dict) -> web.Response:
        return await self._record("sendPhoto", params, params.get("caption"))

    async def _api_editMessageText(self, params: dict) -> web.Response:
        return ok(self._message_json(int(params.get("chat_id", 0)), int(params.get("message_id", 0)),
                                     params.get("text"), params.get("reply_markup")))

    async def _record(self, method: str, params: dict, text: str | None) -> web.Response:
        chat_id = int(params["chat_id"])
        gate = self.faults.gate_for(chat_id, params)
        if gate is not None:
            await self._notify()  # a send is now in flight: tests wait for that
            await gate.opened.wait()
            if not gate.accept:
                return error(500, "the sender is gone")
        if chat_id in self.faults.blocked:
            return error(403, "Forbidden: bot was blocked by the user")
        retry_after = self.limits.retry_after(chat_id)
        if retry_after:
            return error(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        markup = params.get("reply_markup")
        sent = Sent(method, chat_id, next(self.message_ids), text, markup, params)
        self.sent.append(sent)
        await self._notify()
        for listener in self.listeners:
            listener(sent)
        return ok(self._message_json(chat_id, sent.message_id, text, markup))

    def _message_json(self, chat_id: int, message_id: int, text, markup) -> dict:
        message = {"message_id": message_id, "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                   "from": BOT_USER}
        if text is not None:
            message["text"] = text
        if markup and "inline_keyboard" in markup:  # Telegram echoes inline keyboards only
            message["reply_markup"] = markup
        return message


async def _read_params(request: web.Request) -> tuple[dict, dict]:
    """The call's params twice: as on the wire (for the spec check) and decoded (for tests)."""
    if request.content_type == "application/json":
        wire = await request.json()
    else:
        wire = {}
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                value = {"filename": value.filename, "content": value.file.read()}
            wire[key] = value
    params: dict[str, Any] = {}
    for key, value in wire.items():
        if isinstance(value, str) and value[:1] in "[{":
            try:
                value = json.loads(value)
            except ValueError:
                pass
        params[key] = value
    return wire, params
