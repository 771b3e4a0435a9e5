"""Cutting a person's words into Telegram-sized messages without losing or changing any."""
from __future__ import annotations

TELEGRAM_LIMIT = 4096


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), the stricter of the two measures."""
    return len(text.encode("utf-16-le")) // 2


def split_message(header: str, body: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The header and the body as few messages as fit, joined back they equal header + body.

    Breaks fall after a newline or a space where one is near the end, else anywhere
    between two characters; no character is altered, dropped or added.
    """
    text = header + body
    parts: list[str] = []
    while utf16_len(text) > limit:
        cut = _cut_point(text, limit)
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return parts


def _cut_point(text: str, limit: int) -> int:
    end = _fit(text, limit)
    window_start = max(1, end - 400)
    for separator in ("\n", " "):
        at = text.rfind(separator, window_start, end)
        if at != -1:
            return at + 1
    return end


def _fit(text: str, limit: int) -> int:
    """The largest prefix length whose UTF-16 length is within the limit."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)
