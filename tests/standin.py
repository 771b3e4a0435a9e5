"""A loopback Bot API stand-in: an aiohttp server that speaks enough of Telegram's Bot API
for the real Application to poll it, records what the bot sends, and injects faults.

People are simulated by pushing updates (`say`, `press`); what the bot sent is read back
per chat (`sent_to`, `wait_for`). Faults: `block(chat)` answers 403 to every send to that
chat, `fail_next(method, status, ...)` answers the next matching calls with an error.
Optional limits make it answer 429 past a global or per-chat rate, as Telegram does.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

BOT_ID = 424242
BOT_USERNAME = "attune_test_bot"


@dataclass
class Person:
    id: int
    first_name: str

    def as_user(self) -> dict:
        return {"id": self.id, "is_bot": False, "first_name": self.first_name}


@dataclass
class Sent:
    """One call the bot made that puts something in a chat."""

    method: str
    chat_id: int
    message_id: int
    text: str | None
    reply_markup: dict | None
    params: dict
    at: float = field(default_factory=time.monotonic)

    @property
    def button_rows(self) -> list[list[dict]]:
        return (self.reply_markup or {}).get("inline_keyboard", [])

    @property
    def buttons(self) -> list[dict]:
        return [b for row in self.button_rows for b in row]

    def button(self, label_part: str) -> dict:
        for b in self.buttons:
            if label_part.lower() in b["text"].lower():
                return b
        raise AssertionError(f"no button with {label_part!r} in {[b['text'] for b in self.buttons]}")


@dataclass
class Fault:
    method: str
    status: int
    description: str
    chat_id: int | None = None
    retry_after: int | None = None
    remaining: int = 1


class BotApiStandIn:
    def __init__(self, *, global_rate: float | None = None, chat_burst: int | None = None) -> None:
        self.updates: list[dict] = []
        self._again: list[dict] = []  # served once more whatever the offset (serve_again)
        self.sent: list[Sent] = []
        self.calls: list[tuple[str, dict]] = []
        self.commands: list[dict] = []
        self.blocked: set[int] = set()
        self.faults: list[Fault] = []
        self.too_many: int = 0
        # Called with each Sent as it is recorded (benchmarks watch sends without scanning).
        self.listeners: list[Callable[[Sent], None]] = []
        self.global_rate = global_rate
        self.chat_burst = chat_burst
        self._send_times: list[float] = []
        self._chat_times: dict[int, list[float]] = {}
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Condition()
        self._new_sent = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- server life ----------------------------------------------------------------
    async def start(self) -> "BotApiStandIn":
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- people act -----------------------------------------------------------------
    async def push(self, update: dict) -> dict:
        update["update_id"] = next(self._update_ids)
        async with self._new_update:
            self.updates.append(update)
            self._new_update.notify_all()
        return update

    async def serve_again(self, update: dict) -> None:
        """Telegram's at-least-once delivery: the same update (same update_id) comes again."""
        async with self._new_update:
            self._again.append(dict(update))
            self._new_update.notify_all()

    def _message(self, person: Person, text: str | None, chat: dict | None = None, **extra) -> dict:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat or {"id": person.id, "type": "private", "first_name": person.first_name},
            "from": person.as_user(),
            **extra,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
                ]
        return message

    async def say(self, person: Person, text: str) -> dict:
        return await self.push({"message": self._message(person, text)})

    async def send_other(self, person: Person, **content) -> dict:
        """A sticker, photo, voice note...: pass the Bot API field, e.g. sticker={...}."""
        return await self.push({"message": self._message(person, None, **content)})

    async def edit(self, person: Person, text: str) -> dict:
        message = self._message(person, text, edit_date=int(time.time()))
        return await self.push({"edited_message": message})

    async def say_in_group(self, person: Person, text: str, group_id: int = -100123) -> dict:
        chat = {"id": group_id, "type": "group", "title": "Friends"}
        return await self.push({"message": self._message(person, text, chat=chat)})

    async def press(self, person: Person, sent: Sent, data: str) -> dict:
        message = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            # A button can only be pressed in the presser's own chat with the bot.
            "chat": {"id": person.id, "type": "private", "first_name": person.first_name},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Attune"},
            "text": sent.text or "",
        }
        if sent.reply_markup:
            message["reply_markup"] = sent.reply_markup
        query = {
            "id": str(next(self._update_ids)),
            "from": person.as_user(),
            "message": message,
            "chat_instance": "ci",
            "data": data,
        }
        return await self.push({"callback_query": query})

    async def tap(self, person: Person, sent: Sent, label_part: str) -> dict:
        return await self.press(person, sent, sent.button(label_part)["callback_data"])

    # ---- faults ---------------------------------------------------------------------
    def block(self, chat_id: int) -> None:
        self.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.blocked.discard(chat_id)

    def fail_next(self, method: str, status: int, *, chat_id: int | None = None,
                  retry_after: int | None = None, times: int = 1,
                  description: str = "Injected fault") -> None:
        self.faults.append(Fault(method, status, description, chat_id, retry_after, times))

    # ---- reading what was sent ------------------------------------------------------
    def sent_to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id]

    def texts_to(self, chat_id: int) -> list[str]:
        return [s.text or "" for s in self.sent_to(chat_id)]

    async def wait_for(self, chat_id: int, predicate: Callable[[Sent], bool] | str = lambda s: True,
                       *, after: int = 0, timeout: float = 5.0) -> Sent:
        """The first message to `chat_id` past index `after` (of that chat's list) matching."""
        if isinstance(predicate, str):
            needle = predicate.lower()
            predicate = lambda s: needle in (s.text or "").lower()  # noqa: E731
        deadline = asyncio.get_running_loop().time() + timeout
        async with self._new_sent:
            while True:
                for s in self.sent_to(chat_id)[after:]:
                    if predicate(s):
                        return s
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    raise AssertionError(
                        f"nothing matching reached {chat_id}; it got {self.texts_to(chat_id)[after:]}"
                    )
                try:
                    await asyncio.wait_for(self._new_sent.wait(), remaining)
                except asyncio.TimeoutError:
                    pass

    async def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until the bot has fetched every update and sent nothing for `quiet` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            count = len(self.sent)
            await asyncio.sleep(quiet)
            if len(self.sent) == count and self._confirmed_all():
                return
        raise AssertionError("the bot did not settle")

    def _confirmed_all(self) -> bool:
        return not self.updates or self._offset > self.updates[-1]["update_id"]

    _offset = 0

    # ---- the Bot API ----------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return _ok(True)
        fault = self._take_fault(method, params)
        if fault is not None:
            return _error(fault.status, fault.description, fault.retry_after)
        return await handler(params)

    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            raw = await request.json()
        else:
            raw = dict(await request.post())
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if isinstance(value, web.FileField):
                params[key] = {"filename": value.filename, "content": value.file.read()}
            elif isinstance(value, str) and value[:1] in "[{" :
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
            else:
                params[key] = value
        return params

    def _take_fault(self, method: str, params: dict) -> Fault | None:
        chat = params.get("chat_id")
        for fault in self.faults:
            if fault.method == method and fault.remaining > 0 and (
                fault.chat_id is None or str(fault.chat_id) == str(chat)
            ):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self.faults.remove(fault)
                return fault
        return None

    async def _api_getMe(self, params: dict) -> web.Response:
        return _ok({"id": BOT_ID, "is_bot": True, "first_name": "Attune",
                    "username": BOT_USERNAME, "can_join_groups": True,
                    "can_read_all_group_messages": False, "supports_inline_queries": False})

    async def _api_getUpdates(self, params: dict) -> web.Response:
        offset = int(params.get("offset") or 0)
        self._offset = max(self._offset, offset)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        deadline = asyncio.get_running_loop().time() + timeout
        async with self._new_update:
            while True:
                # Like Telegram: an update confirmed by a higher offset is never served again.
                ready = self._again + [u for u in self.updates if u["update_id"] >= self._offset][:100]
                self._again = []
                remaining = deadline - asyncio.get_running_loop().time()
                if ready or remaining <= 0:
                    return _ok(ready)
                try:
                    await asyncio.wait_for(self._new_update.wait(), remaining)
                except asyncio.TimeoutError:
                    pass

    async def _api_setMyCommands(self, params: dict) -> web.Response:
        self.commands = params.get("commands", [])
        return _ok(True)

    async def _api_answerCallbackQuery(self, params: dict) -> web.Response:
        return _ok(True)

    async def _api_sendMessage(self, params: dict) -> web.Response:
        text = str(params.get("text", ""))
        if not text:
            return _error(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            return _error(400, "Bad Request: message is too long")
        return await self._record("sendMessage", params, text)

    async def _api_sendDocument(self, params: dict) -> web.Response:
        return await self._record("sendDocument", params, params.get("caption"))

    async def _api_editMessageReplyMarkup(self, params: dict) -> web.Response:
        return _ok(True)

    async def _api_editMessageText(self, params: dict) -> web.Response:
        chat_id = int(params.get("chat_id", 0))
        return _ok(self._message_json(chat_id, int(params.get("message_id", 0)),
                                      params.get("text"), params.get("reply_markup")))

    async def _api_deleteMessage(self, params: dict) -> web.Response:
        return _ok(True)

    async def _api_sendChatAction(self, params: dict) -> web.Response:
        return _ok(True)

    async def _record(self, method: str, params: dict, text: str | None) -> web.Response:
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        limited = self._rate_limited(chat_id)
        if limited:
            self.too_many += 1
            return _error(429, f"Too Many Requests: retry after {limited}", limited)
        markup = params.get("reply_markup")
        sent = Sent(method, chat_id, next(self._message_ids), text, markup, params)
        async with self._new_sent:
            self.sent.append(sent)
            self._new_sent.notify_all()
        for listener in self.listeners:
            listener(sent)
        return _ok(self._message_json(chat_id, sent.message_id, text, markup))

    def _rate_limited(self, chat_id: int) -> int | None:
        now = time.monotonic()
        if self.global_rate is not None:
            self._send_times = [t for t in self._send_times if now - t < 1.0]
            if len(self._send_times) >= self.global_rate:
                return 1
        if self.chat_burst is not None:
            times = [t for t in self._chat_times.get(chat_id, []) if now - t < 1.0]
            self._chat_times[chat_id] = times
            if len(times) >= self.chat_burst:
                return 1
            times.append(now)
        if self.global_rate is not None:
            self._send_times.append(now)
        return None

    def _message_json(self, chat_id: int, message_id: int, text, markup) -> dict:
        message = {"message_id": message_id, "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                   "from": {"id": BOT_ID, "is_bot": True, "first_name": "Attune"}}
        if text is not None:
            message["text"] = text
        if markup and "inline_keyboard" in markup:  # Telegram echoes inline keyboards only
            message["reply_markup"] = markup
        return message


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)
