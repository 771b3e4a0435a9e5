"""Watching the database file: a SQLite file deleted or replaced under the running bot is
noticed, logged as an error, and the bot stops taking updates (they wait in Telegram)
instead of saying "sent" into a file nobody will ever read again."""
from __future__ import annotations

import logging
import os

from sqlalchemy.engine import Engine

from bot.services import Services

log = logging.getLogger(__name__)


def file_identity(engine: Engine) -> tuple[int, int] | None:
    """(device, inode) of a SQLite database file; None for other databases or in memory."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


async def tick(services: Services) -> None:
    if services.storage_identity is None or not services.storage_ok:
        return
    if file_identity(services.engine) != services.storage_identity:
        services.storage_ok = False
        log.error("the database file %s was deleted or replaced: taking no more updates "
                  "until the bot is restarted with its data", services.engine.url.database)
