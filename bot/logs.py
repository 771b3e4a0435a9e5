"""Logging that records ids and events, never the token or what people wrote."""
from __future__ import annotations

import logging
import re

TOKEN_IN_TEXT = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")

# The least each library logs at: at DEBUG, PTB dumps whole updates and request parameters
# (what people wrote), and httpx logs every request URL (which holds the token).
LIBRARY_FLOORS = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "apscheduler": logging.WARNING,
    "alembic.runtime.plugins": logging.WARNING,
}
# These log a full traceback for things that are normal for a bot on the internet
# (a rate limit outlasting the retries, a network blip while polling); one line will do.
LIBRARY_TRACEBACK_LOGGERS = (
    "telegram.ext.AIORateLimiter",
    "telegram.ext.Updater",
    "telegram.ext",  # the network retry loop (bootstrap, polling) logs under this name
)


def redact(text: str) -> str:
    return TOKEN_IN_TEXT.sub("<token>", text)


class RedactTokens(logging.Filter):
    """A last guard: any bot token that slips into a log line is blanked out."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()  # formats the args too (httpx passes the URL object)
        if TOKEN_IN_TEXT.search(message):
            record.msg = redact(message)
            record.args = ()
        return True


class OneLine(logging.Filter):
    """Turn a library's traceback into one line naming the exception (and no token)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg = f"{redact(record.getMessage())}: {type(error).__name__}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then blanks tokens anywhere in the line, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def quiet_library_tracebacks() -> None:
    """Install OneLine on the library loggers that print tracebacks for ordinary faults."""
    for name in LIBRARY_TRACEBACK_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLine) for f in logger.filters):
            logger.addFilter(OneLine())


def configure_logging(level: int) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RedactTokens())
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    quiet_library_tracebacks()
    for name, floor in LIBRARY_FLOORS.items():
        logging.getLogger(name).setLevel(max(level, floor))
