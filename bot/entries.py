"""A thread entry in its reader's language: the bot's frame around a person's words is said
again for whoever reads it (/thread, /export), the words themselves never change.

An entry keeps its body as its first reader, the partner, read it, and (`Entry.said`) what
it was made of: a ritual's answers, a one-tap answer, what was heard with a reply, or a blind
answer shared on its own. Entries without it (older ones, free words) show their body.
"""
from __future__ import annotations

import json

import rituals
from bot.language import Words
from bot.store.models import Entry
from bot.texts import rituals as t
from rituals.language import Joined, Lazy, Phrase, Verbatim


def answers_said(answers: dict) -> str:
    return json.dumps({"answers": answers}, ensure_ascii=False)


def tap_said(text: str) -> str:
    return json.dumps({"tap": text}, ensure_ascii=False)


def reply_said(heard: str, reply: str) -> str:
    return json.dumps({"heard": heard, "reply": reply}, ensure_ascii=False)


def shared_said(topic: str, answers: dict) -> str:
    return json.dumps({"topic": topic, "shared": answers}, ensure_ascii=False)


def heard_and_reply(heard: str, reply: str) -> Joined:
    """A reply that starts with what the replier heard the author needs."""
    return Joined([Phrase(t.HEARD_NEED, heard=heard), Verbatim(reply)])


def entry_text(entry: Entry, words: Words) -> str:
    """The entry as `words`' reader reads it."""
    lazy = _lazy(entry) if entry.said else None
    return words(lazy) if lazy is not None else entry.body


def _lazy(entry: Entry) -> Lazy | None:
    try:
        said = json.loads(entry.said)
    except ValueError:
        return None
    if "tap" in said:
        return Phrase(said["tap"])
    if "heard" in said:
        return heard_and_reply(said["heard"], said["reply"])
    blind = rituals.shared_by_key(entry.kind)
    if "shared" in said and blind is not None:
        return blind.relay(said["topic"], said["shared"])
    ritual = blind.ritual if blind is not None else rituals.by_key(entry.kind)
    if "answers" in said and ritual is not None:
        parts = ritual.render(said["answers"])
        return Joined(parts) if parts else None
    return None
