"""Logging that records ids and events, never the token or what people wrote."""
from __future__ import annotations

import logging
import re

TOKEN_IN_TEXT = re.compile(r"bot\d{3,}:[A-Za-z0-9_-]{20,}")


class RedactTokens(logging.Filter):
    """A last guard: any bot token that slips into a log line is blanked out."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if TOKEN_IN_TEXT.search(message):
            record.msg = TOKEN_IN_TEXT.sub("bot<token>", message)
            record.args = ()
        return True


def configure_logging(level: int) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RedactTokens())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # httpx logs every request URL, and the URL holds the token; APScheduler logs every run.
    for noisy in ("httpx", "httpcore", "apscheduler", "telegram.ext.ExtBot"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
