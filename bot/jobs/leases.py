"""Freeing what a killed neighbour held: several workers on one machine (and one database)
notice a worker that died by kill -9 and free its inbox and outbox leases at once, instead
of leaving that person's next update and their partner's words waiting for the leases to
run out (30 s and 2 minutes). Only holders on this machine whose process is gone are
freed (bot/store/leases.py); a holder elsewhere still simply lets its leases run out."""
from __future__ import annotations

import logging

from bot.services import Services
from bot.store import inbox, leases

log = logging.getLogger(__name__)


async def tick(services: Services) -> int:
    with services.engine.begin() as connection:
        freed = inbox.release_leases_of(connection, leases.gone(inbox.holders(connection)))
    if freed:
        log.info("released %s updates left in hand by a stopped process", freed)
    if services.sender is not None and services.sender.recover():
        services.sender.wake()
    return freed
