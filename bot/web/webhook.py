"""Webhook intake: Telegram POSTs an update, it becomes an inbox row, and only then 200.

The twin of polling's intake (bot/inbox/intake.py, whose `store` it uses): Telegram counts
an update delivered when the webhook answers 200, so the answer waits for the commit. A
crash before it makes Telegram (or the load balancer) post it again, and the inbox's key
makes the second arrival a no-op, whichever worker it reaches. Nothing but a POST with the
right secret header and one JSON update under 1 MB is stored; everything else is a 4xx
and changes nothing. While the database can't take updates, 503: Telegram keeps them.
"""
from __future__ import annotations

import hmac
import json
import logging
from typing import Callable

from aiohttp import web

from bot.inbox import intake
from bot.services import Services

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024  # Telegram's updates are far smaller; anything bigger is not one


class Webhook:
    """The aiohttp handler for the webhook's path; `on_stored` wakes the lanes."""

    def __init__(self, services: Services, secret: str, on_stored: Callable[[], None],
                 take: intake.Take | None = None) -> None:
        self.services = services
        self.take = take
        self._secret = secret.encode()
        self.on_stored = on_stored

    async def handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            return _refuse(403, "forbidden")
        if request.content_length is not None and request.content_length > MAX_BODY:
            return _refuse(413, "too large")
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _refuse(413, "too large")
        raw = _update(body)
        if raw is None:
            return _refuse(400, "not a Telegram update")
        if not self.services.storage_ok:
            return _refuse(503, "not taking updates")
        try:
            new = intake.store(self.services.engine, [raw], self.services.clock(), self.take)
        except Exception as error:  # the database: Telegram posts it again later
            log.error("could not store update %s: %s", raw["update_id"], type(error).__name__)
            return _refuse(503, "storage unavailable")
        if new:
            self.on_stored()
        return web.Response(status=200)


def _update(body: bytes) -> dict | None:
    """The update in the body, or None when it isn't one (bad JSON, no integer update_id)."""
    try:
        raw = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(raw, dict):
        return None
    update_id = raw.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool) or update_id < 0:
        return None
    return raw


def _refuse(status: int, reason: str) -> web.Response:
    return web.Response(status=status, text=reason)
