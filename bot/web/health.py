"""GET /healthz and GET /metrics: is this worker fit to take updates, and its figures.

/healthz answers 200 with a small JSON (the database reachable, how many updates and
messages wait, and how old the oldest is), or 503 when the database can't be reached or
its file was replaced under the running bot (services.storage_ok). The look at the
database runs in a thread, so a database that hangs never stalls the bot's event loop.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from aiohttp import web
from sqlalchemy.engine import Engine

from bot.services import Services
from bot.store import inbox, outbox
from bot.web.metrics import CONTENT_TYPE

log = logging.getLogger(__name__)

SERVICES = web.AppKey("services", Services)


def look(engine: Engine, now: datetime) -> dict:
    """How deep the inbox and the outbox are, and how long their oldest rows have waited."""
    with engine.connect() as connection:
        waiting = inbox.depth(connection)
        pending, oldest = outbox.pending_depth(session=connection)
    return {
        "inbox": {"pending": waiting.pending, "oldest_seconds": _age(now, waiting.oldest)},
        "outbox": {"pending": pending, "oldest_seconds": _age(now, oldest)},
    }


def _age(now: datetime, since: datetime | None) -> float:
    return 0.0 if since is None else round(max((now - since).total_seconds(), 0.0), 3)


async def look_safely(services: Services) -> dict | None:
    """`look` in a thread; None when the database can't answer."""
    try:
        return await asyncio.to_thread(look, services.engine, services.clock())
    except Exception as error:  # unreachable, refused, timed out: that is the answer
        log.warning("health check: database unreachable (%s)", type(error).__name__)
        return None


async def healthz(request: web.Request) -> web.Response:
    """200 when this worker can take updates, 503 when it can't."""
    services = request.app[SERVICES]
    found = await look_safely(services)
    services.metrics.observe_depths(found)
    if found is None:
        return web.json_response({"ok": False, "database": "unreachable"}, status=503)
    if not services.storage_ok:
        return web.json_response({"ok": False, "database": "replaced", **found}, status=503)
    return web.json_response({"ok": True, "database": "ok", **found})


async def metrics(request: web.Request) -> web.Response:
    """Prometheus' text format; the depth gauges are read fresh for each scrape."""
    services = request.app[SERVICES]
    services.metrics.observe_depths(await look_safely(services))
    return web.Response(body=services.metrics.render(), headers={"Content-Type": CONTENT_TYPE})
