"""The web server: aiohttp on WEBHOOK_LISTEN:PORT, serving /healthz, /metrics and, in
webhook mode, the path of WEBHOOK_URL. Started and stopped by bot/runner.py.

Only the routes below exist: another path is 404, another method 405, a body over 1 MB
413. No access log (a request line says nothing an operator needs and the webhook's is
every update); aiohttp's own errors (a malformed request from the internet) log one
line, never a traceback.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from aiohttp import web

from bot.logs import OneLine
from bot.services import Services
from bot.web import health
from bot.web.webhook import MAX_BODY, Webhook

log = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 2.0  # requests in flight may finish; the rest are posted again
AIOHTTP_LOGGERS = ("aiohttp.server", "aiohttp.web", "aiohttp.access")


def webhook_path(url: str) -> str:
    return urlsplit(url).path or "/"


class WebServer:
    """One port for the webhook (when given) and the health and metrics pages."""

    def __init__(self, services: Services, *, host: str, port: int,
                 webhook: Webhook | None = None, path: str = "/") -> None:
        self.services = services
        self.host = host
        self.port = port
        self.webhook = webhook
        self.path = path
        self._runner: web.AppRunner | None = None

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        app[health.SERVICES] = self.services
        app.router.add_get("/healthz", health.healthz, allow_head=True)
        app.router.add_get("/metrics", health.metrics, allow_head=False)
        if self.webhook is not None:
            app.router.add_post(self.path, self.webhook.handle)
        return app

    async def start(self) -> int:
        """Listen; returns the port (the one chosen when PORT is 0)."""
        for name in AIOHTTP_LOGGERS:
            logger = logging.getLogger(name)
            if not any(isinstance(f, OneLine) for f in logger.filters):
                logger.addFilter(OneLine())
        self._runner = web.AppRunner(self.application(), access_log=None,
                                     shutdown_timeout=STOP_GRACE_SECONDS)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.info("serving %s on %s:%s", "the webhook, /healthz and /metrics" if self.webhook
                 else "/healthz and /metrics", self.host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
