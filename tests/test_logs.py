"""The log guards: a token in a message, in an httpx URL argument or in a traceback is
blanked, and a library's traceback for an ordinary fault becomes one line."""
from __future__ import annotations

import logging

import httpx

from bot.logs import OneLine, RedactingFormatter, RedactTokens
from tests.support.people import TOKEN

SECRET_PART = TOKEN.split(":", 1)[1]


def record(msg: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("httpx", logging.INFO, __file__, 1, msg, args, exc_info)


def test_a_token_in_an_httpx_url_argument_is_redacted():
    url = httpx.URL(f"https://api.telegram.org/bot{TOKEN}/getUpdates")
    line = record('HTTP Request: %s %s "%s %d %s"', "POST", url, "HTTP/1.1", 200, "OK")
    RedactTokens().filter(line)
    message = line.getMessage()
    assert SECRET_PART not in message and "getUpdates" in message and "<token>" in message


def test_a_token_in_plain_text_or_a_traceback_is_redacted():
    try:
        raise RuntimeError(f"failed at /bot{TOKEN}/sendMessage")
    except RuntimeError as error:
        line = record("calling %s", f"/bot{TOKEN}/x", exc_info=(type(error), error, error.__traceback__))
    RedactTokens().filter(line)
    text = RedactingFormatter("%(message)s").format(line)
    assert "Traceback" in text and SECRET_PART not in text


def test_a_library_traceback_becomes_one_line_naming_the_error():
    try:
        raise ConnectionError("down")
    except ConnectionError as error:
        line = record("polling failed", exc_info=(type(error), error, error.__traceback__))
    OneLine().filter(line)
    assert line.exc_info is None and line.getMessage() == "polling failed: ConnectionError"
    assert "\n" not in RedactingFormatter("%(message)s").format(line)
