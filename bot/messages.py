"""Cutting a person's words into Telegram-sized messages without losing or changing any.

Two things Telegram does shape where a cut may fall. It counts the 4096 limit in UTF-16
units, and it trims whitespace from both ends of every message, so a part that began or
ended in a space would arrive without it. A cut therefore falls only between two
user-perceived characters (grapheme clusters: a family emoji, a flag, a letter with its
accents stay whole) of which neither is whitespace; the parts still join back to the
exact text.
"""
from __future__ import annotations

from functools import cache

TELEGRAM_LIMIT = 4096
WINDOW = 400  # how far back from the fullest cut a more readable one may be looked for

# Besides what str.isspace() knows: what Telegram turns into a space or counts as empty
# at a message's ends (tdlib's strip_empty_characters), zero-width joiners included.
_TELEGRAM_BLANKS = frozenset("\u180e\u200b\u200c\u200d\u200e\u200f\u202e\u2060\u2800\u3164\ufeff\ufffc")
# Where a line may break without a space: after a dash or slash, beside an emoji, and
# between the letters of scripts written without spaces.
_SOFT_AFTER = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015/\\|\u2026")
_NO_SPACE_SCRIPT = (r"[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Han}\p{Hiragana}"
                    r"\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


@cache
def _patterns():
    """Grapheme clusters, scripts without spaces and punctuation (the `regex` library knows
    Unicode's properties), compiled the first time words are long enough to cut: most never
    are, and the library would cost every idle process 2 MB."""
    import regex

    return regex.compile(r"\X"), regex.compile(_NO_SPACE_SCRIPT), regex.compile(r"\p{P}")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), the stricter of the two measures."""
    return len(text.encode("utf-16-le")) // 2


def split_message(header: str, body: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The header and the body as few messages as fit; joined back they equal header + body.

    Every cut falls between two grapheme clusters, neither of them whitespace, so nothing
    is split mid-character and Telegram trims nothing; among those, the most readable near
    the end wins (before a punctuation mark, after a dash, between emoji), else the
    fullest. Only text with no such place (say, "a a a …") is cut beside a space, and only
    a single cluster longer than the limit is cut inside.
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
    fit = _fit(text, limit)
    clusters = _clusters_within(text, fit)
    if len(clusters) < 2:  # one cluster longer than a message: nothing whole fits
        return max(fit, 1)
    # Boundary k lies between clusters[k - 1] and clusters[k].
    clean = [k for k in range(1, len(clusters)) if _clean_boundary(text, clusters, k)]
    if not clean:
        return clusters[-1][0]
    nearby = [k for k in clean if clusters[k][0] >= fit - WINDOW] or clean[-1:]
    best = max(nearby, key=lambda k: (_readability(text, clusters, k), k))
    return clusters[best][0]


def _clusters_within(text: str, fit: int) -> list[tuple[int, int]]:
    """(start, end) of each grapheme cluster starting before `fit`, plus the first one
    that would not fit whole, so every boundary up to `fit` is a cluster's start."""
    clusters = []
    for match in _patterns()[0].finditer(text):
        clusters.append(match.span())
        if match.end() > fit:
            break
    return clusters


def _blank(char: str) -> bool:
    return char.isspace() or char in _TELEGRAM_BLANKS


def _clean_boundary(text: str, clusters: list[tuple[int, int]], k: int) -> bool:
    """Neither the part before nor the part after would begin or end in a blank."""
    return not _blank(text[clusters[k][0] - 1]) and not _blank(text[clusters[k][0]])


def _readability(text: str, clusters: list[tuple[int, int]], k: int) -> int:
    """2 where a line could break anyway, 1 before punctuation (the word stays whole),
    0 inside a word."""
    _, no_space, punctuation = _patterns()
    before = text[clusters[k - 1][0]]
    after = text[clusters[k][0]]
    if text[clusters[k][0] - 1] in _SOFT_AFTER or no_space.match(before) \
            or no_space.match(after):
        return 2
    return 1 if punctuation.match(after) else 0


def _fit(text: str, limit: int) -> int:
    """The largest prefix length whose UTF-16 length is within the limit."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)
