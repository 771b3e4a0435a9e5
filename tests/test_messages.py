"""Splitting long words for Telegram: whole graphemes, no trimmable edges, exact rejoin."""
from __future__ import annotations

import random

import regex

from bot.messages import TELEGRAM_LIMIT, split_message, utf16_len

FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"  # 👨‍👩‍👧‍👦, 11 UTF-16 units
FLAG = "\U0001F1E9\U0001F1EA"  # 🇩🇪
COMBINING = "e\u0301\u0323"  # e with two accents, one grapheme
HEART = "\u2764\ufe0f"  # ❤️ with its variation selector


def graphemes(text: str) -> list[str]:
    return regex.findall(r"\X", text)


def boundaries(text: str) -> set[int]:
    offsets, at = {0}, 0
    for cluster in graphemes(text):
        at += len(cluster)
        offsets.add(at)
    return offsets


def check(parts: list[str], text: str, limit: int = TELEGRAM_LIMIT) -> None:
    assert "".join(parts) == text
    assert all(utf16_len(p) <= limit for p in parts)
    allowed, at = boundaries(text), 0
    for part in parts[:-1]:
        at += len(part)
        assert at in allowed, f"cut inside a grapheme at {at}: {text[at - 3:at + 3]!r}"
    for part in parts:
        assert part and not part[0].isspace() and not part[-1].isspace(), repr(part[:5] + part[-5:])
        assert part[0] != "\u200d" and part[-1] != "\u200d"


def test_ten_thousand_characters_of_emoji_flags_accents_and_spaces():
    rng = random.Random(7)
    pieces = [FAMILY, FLAG, COMBINING, HEART, " ", "  ", "word", "\n", "ä"]
    text = ""
    while len(text) < 10_000:
        text += rng.choice(pieces)
    text = text[:10_000]
    # keep the text's own ends non-blank, so any blank edge would be a cut's doing
    text = "A" + text.strip()[1:-1] + "Z"
    parts = split_message("", text)
    check(parts, text)
    assert len(parts) >= 3


def test_a_family_emoji_across_the_limit_stays_whole():
    text = "a" * (TELEGRAM_LIMIT - 6) + FAMILY * 3 + "b" * 100
    parts = split_message("", text)
    check(parts, text)
    assert parts[0].endswith("a") and parts[1].startswith(FAMILY)


def test_flags_and_accents_across_the_limit_stay_whole():
    for filler in (FLAG, COMBINING, HEART):
        for shift in range(4):
            text = "x" * shift + filler * (TELEGRAM_LIMIT // len(filler) + 50)
            check(split_message("", text), text)


def test_spaces_at_the_limit_never_start_or_end_a_part():
    for shift in range(6):
        text = "w" * (TELEGRAM_LIMIT - 3 + shift) + "   spaced words " * 40 + "end"
        check(split_message("", text), text)


def test_prose_is_cut_before_punctuation_rather_than_inside_a_word():
    text = ("I felt unseen when you changed the subject, and I need us to talk. " * 120).strip()
    parts = split_message("", text)
    check(parts, text)
    assert parts[1][0] in ".,"  # the word before it arrived whole


def test_text_with_no_clean_place_is_still_cut_exactly():
    text = "a " * 5000 + "a"
    parts = split_message("", text)
    assert "".join(parts) == text and all(utf16_len(p) <= TELEGRAM_LIMIT for p in parts)


def test_one_grapheme_longer_than_a_message_is_cut_inside_as_a_last_resort():
    text = "a" + "\u0301" * 5000
    parts = split_message("", text)
    assert "".join(parts) == text and all(utf16_len(p) <= TELEGRAM_LIMIT for p in parts)


def test_text_without_spaces_breaks_between_ideographs():
    text = "我今天很想你。" * 1000
    parts = split_message("", text)
    check(parts, text)


def test_the_header_rides_on_the_first_part_and_short_texts_stay_whole():
    header = "From Sam · Evening check-in\n\n"
    body = ("Ein Satz mit Umlauten äöü & <tags> 💛 " * 200)[:4096]
    parts = split_message(header, body)
    assert parts[0].startswith(header) and "".join(parts) == header + body
    assert split_message(header, "short") == [header + "short"]


def test_a_small_limit_counts_utf16_units():
    text = (FAMILY + "x") * 50
    check(split_message("", text, limit=40), text, limit=40)
