"""Pruning: done inbox rows leave after a day, so no one's words stay longer than needed."""
from __future__ import annotations

from bot.services import Services
from bot.store import inbox


async def tick(services: Services) -> int:
    with services.engine.begin() as connection:
        return inbox.prune(connection, services.clock())
