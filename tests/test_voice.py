"""Every message the bot can say, reread against shared/VOICE.md in the one way a test can:
brief (at most 60 words, /help and the welcome excepted), calm (no exclamation marks),
at most one emoji, and never "your spouse", "wife" or "husband"."""
from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
import regex

import bot.texts
import rituals
from rituals import weekly, zones
from rituals.base import Ritual
from rituals.language import ENGLISH, Lazy, say

LONGEST = 60
EXEMPT = {"bot.texts.common.WELCOME"}  # the welcome says what Attune is and what to do
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_EMOJI = regex.compile(r"\p{Extended_Pictographic}")


def english(message) -> str:
    return say(ENGLISH, message)


def messages() -> dict[str, str]:
    """Each text constant (UPPER_CASE, or in an UPPER_CASE dict or tuple), each ritual's
    intro and prompts, and the questions that offer zones or ask about a sixth appreciation,
    by a readable name; lazy texts (Phrase, Plural, Joined) read in English."""
    found: dict[str, str] = {}
    said = (str, Lazy)
    for package in (bot.texts, rituals):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if not name.isupper() or name.startswith("_"):  # private: patterns, tables
                    continue
                where = f"{module.__name__}.{name}"
                if isinstance(value, said):
                    found[where] = english(value)
                elif isinstance(value, dict):
                    found.update({f"{where}[{k}]": english(v) for k, v in value.items()
                                  if isinstance(v, said)})
                elif isinstance(value, tuple):
                    found.update({f"{where}[{i}]": english(v) for i, v in enumerate(value)
                                  if isinstance(v, said)})
                elif isinstance(value, Ritual):
                    found[f"{where}.intro"] = english(value.intro)
                    found.update({f"{where}.{step.key}": english(step.prompt) for step in value.steps})
    for why in ("abbreviation", "offset", "city", "country", "language"):
        found[f"rituals.zones.ask({why})"] = english(
            zones.ask(zones.Candidates(("Europe/Berlin",), why, "CET")))
    found["rituals.weekly.too_many(6)"] = english(weekly.too_many(6))  # was TOO_MANY
    return found


def words(text: str) -> int:
    return len(_PLACEHOLDER.sub("X", text).split())


def test_the_reread_covers_the_messages_that_matter():
    found = messages()
    for name in ("bot.texts.words.OFFER", "bot.texts.pause.TOLD_PARTNER",
                 "rituals.timeout.PARTNER_SOOTHE", "rituals.safety.SAFETY_NOTE",
                 "bot.texts.common.ABOUT", "rituals.checkin.RITUAL.body"):
        assert name in found, name
    assert len(found) > 150


@pytest.mark.parametrize("name, text", sorted(messages().items()))
def test_every_message_follows_the_voice(name, text):
    if name not in EXEMPT:
        assert words(text) <= LONGEST, f"{name} has {words(text)} words"
    assert "!" not in text, name
    assert len(_EMOJI.findall(text)) <= 1, name
    assert not re.search(r"\bspouse\b|\bwife\b|\bhusband\b", text, re.IGNORECASE), name


def test_help_lists_every_command_on_one_line_each():
    from bot.app import command_list
    from bot.handlers.fallback import help_text
    from bot.language import ENGLISH as WORDS

    lines = help_text(WORDS, command_list()).splitlines()
    assert all(len(line.split()) <= 25 for line in lines)
