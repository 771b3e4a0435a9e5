"""Pruning: done inbox rows and offers of free words leave after a day, so no one's words
stay longer than needed."""
from __future__ import annotations

from bot.services import Services
from bot.store import inbox, offers


async def tick(services: Services) -> int:
    with services.engine.begin() as connection:
        now = services.clock()
        return inbox.prune(connection, now) + offers.prune(connection, now)
