"""Noticing words of danger or self-harm, so the bot can say gently it is not the right place.

Plain and deliberately simple: a few phrases, matched case-insensitively. A miss costs a
pointer not shown; a false hit costs one kind sentence, so the list leans inclusive.
"""
from __future__ import annotations

import re

SAFETY_NOTE = (
    "What you wrote sounds heavy, and I'm glad you said it.\n"
    "Attune is for small daily rituals, not for moments of danger. If you or someone close "
    "is not safe, please reach out to local emergency services or a crisis line: "
    "findahelpline.com lists free, confidential ones in your country."
)

_PHRASES = (
    r"kill(ing)? (my|him|her|them)sel(f|ves)",
    r"end (my|it all|my life)",
    r"suicid",
    r"self[- ]?harm",
    r"hurt(ing)? myself",
    r"cut(ting)? myself",
    r"don'?t want to (live|be alive|be here)",
    r"(he|she|they) (hit|hits|beat|beats|choked|chokes) me",
    r"afraid (of|for) my (life|safety)",
    r"not safe at home",
)
_PATTERN = re.compile("|".join(_PHRASES), re.IGNORECASE)


def mentions_danger(text: str) -> bool:
    """True when the words speak of danger or self-harm."""
    return bool(_PATTERN.search(text))
