"""The line above relayed words, written the way a person would say who it is from.

"Ben replied to your something stung:" read like a form; "Ben answered what you named:"
reads like a friend passing on a note. Also the one-tap answers under a partner's words
and the question asked before a reply to a named trigger.
"""
from __future__ import annotations

from rituals import by_key

# One-tap ways to turn toward a bid (RITUALS.md: a bid answered with one tap still counts).
HEAR_YOU = "I hear you 💛"
THANK_YOU_FOR_TELLING = "Thank you for telling me"
MAKES_SENSE = "That makes sense"
# Under a named trigger: being heard, thanked for the trust, and validated.
TRIGGER_ANSWERS = (HEAR_YOU, THANK_YOU_FOR_TELLING, MAKES_SENSE)

# Before a reply to a trigger: understanding before any answer (Gottman's listener
# reflects back first), and the words still go exactly as typed.
REPLY_TO_TRIGGER_ASK = (
    "Your words go to {partner} exactly as you write them. Starting with what you heard "
    "helps {partner} feel understood.\n"
    "What did you hear {partner} needs?"
)

REPLY, HEARD = "reply", "heard"  # kinds of answers, beside the rituals' own keys
WORDS = "words"  # words typed with nothing open, sent with a tap

# How the thing being answered is named to its author ("… answered what you named").
_WHAT_YOU_WROTE = {
    "trigger": "what you named",
    "checkin": "your check-in",
    "gratitude": "your thanks",
    REPLY: "you",
    HEARD: "you",
    WORDS: "you",
}
# After "read", "you" won't do: "Ben read your words".
_READ_WHAT = {**_WHAT_YOU_WROTE, REPLY: "your words", HEARD: "your words", WORDS: "your words"}


def header_line(author: str, kind: str, answering: str | None = None) -> str:
    """The header for a relayed item, without the blank line that follows it.

    `author` is the writer's first name, `kind` the item's kind (a ritual key, "reply" or
    "heard"), `answering` the kind of the item it answers, if any:
    ("Sam", "checkin") -> "From Sam · Evening check-in";
    ("Ben", "reply", "trigger") -> "Ben answered what you named:";
    ("Ben", "reply", "reply") -> "Ben answered you:";
    ("Ben", "heard", "checkin") -> "Ben read your check-in:";
    ("Sam", "words") -> "Sam wrote:".
    """
    name = author.strip() or "Your partner"
    if kind == WORDS:
        return f"{name} wrote:"
    if kind == REPLY:
        return f"{name} answered {_what(_WHAT_YOU_WROTE, answering)}:"
    if kind == HEARD:
        return f"{name} read {_what(_READ_WHAT, answering)}:"
    return f"From {name} · {_title(kind)}"


def relay_header(author: str, kind: str, answering: str | None = None) -> str:
    """header_line followed by the blank line, ready to stand before the words."""
    return header_line(author, kind, answering) + "\n\n"


def _what(names: dict[str, str], answering: str | None) -> str:
    if answering is None:
        return "you"
    if answering in names:
        return names[answering]
    return f"your {_title(answering).lower()}"  # a ritual added later: "your love map"


def _title(kind: str) -> str:
    ritual = by_key(kind)
    return ritual.title if ritual else kind.replace("_", " ").capitalize()
