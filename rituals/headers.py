"""The line above relayed words, written the way a person would say who it is from.

"Ben replied to your something stung:" read like a form; "Ben answered what you named:"
reads like a friend passing on a note. Also the one-tap answers under a partner's words
and the question asked before a reply to a named trigger.
"""
from __future__ import annotations

from rituals import by_key
from rituals.language import N_, Joined, Phrase, Verbatim

# One-tap ways to turn toward a bid (RITUALS.md: a bid answered with one tap still counts).
HEAR_YOU = N_("I hear you 💛")
THANK_YOU_FOR_TELLING = N_("Thank you for telling me")
MAKES_SENSE = N_("That makes sense")
# Under a named trigger: being heard, thanked for the trust, and validated.
TRIGGER_ANSWERS = (HEAR_YOU, THANK_YOU_FOR_TELLING, MAKES_SENSE)

# Before a reply to a trigger: understanding before any answer (Gottman's listener
# reflects back first), and the words still go exactly as typed.
REPLY_TO_TRIGGER_ASK = N_(
    "Your words go to {partner} exactly as you write them. Starting with what you heard "
    "helps {partner} feel understood.\n"
    "What did you hear {partner} needs?"
)

REPLY, HEARD = "reply", "heard"  # kinds of answers, beside the rituals' own keys
WORDS = "words"  # words typed with nothing open, sent with a tap

# Whole sentences, not pieces, so each language can order them its own way:
# what the author answered or read, by the kind of the thing they answered.
_ANSWERED = {
    "trigger": N_("{name} answered what you named:"),
    "checkin": N_("{name} answered your check-in:"),
    "gratitude": N_("{name} answered your thanks:"),
}
_READ = {
    "trigger": N_("{name} read what you named:"),
    "checkin": N_("{name} read your check-in:"),
    "gratitude": N_("{name} read your thanks:"),
}
_ANSWERED_YOU = N_("{name} answered you:")
_READ_YOUR_WORDS = N_("{name} read your words:")
# A ritual added later, named by its title: "Ben answered your love map:".
_ANSWERED_OTHER = N_("{name} answered your {title}:")
_READ_OTHER = N_("{name} read your {title}:")
_WROTE = N_("{name} wrote:")
_FROM = N_("From {name} · {title}")
_YOUR_PARTNER = N_("Your partner")


def header_line(author: str, kind: str, answering: str | None = None) -> Phrase:
    """The header for a relayed item, without the blank line that follows it.

    `author` is the writer's first name, `kind` the item's kind (a ritual key, "reply" or
    "heard"), `answering` the kind of the item it answers, if any:
    ("Sam", "checkin") -> "From Sam · Evening check-in";
    ("Ben", "reply", "trigger") -> "Ben answered what you named:";
    ("Ben", "reply", "reply") -> "Ben answered you:";
    ("Ben", "heard", "checkin") -> "Ben read your check-in:";
    ("Sam", "words") -> "Sam wrote:".
    """
    name = author.strip() or Phrase(_YOUR_PARTNER)
    if kind == WORDS:
        return Phrase(_WROTE, name=name)
    if kind == REPLY:
        return _about(name, answering, _ANSWERED, _ANSWERED_YOU, _ANSWERED_OTHER)
    if kind == HEARD:
        return _about(name, answering, _READ, _READ_YOUR_WORDS, _READ_OTHER)
    return Phrase(_FROM, name=name, title=_title(kind))


def relay_header(author: str, kind: str, answering: str | None = None) -> Joined:
    """header_line followed by the blank line, ready to stand before the words."""
    return Joined((header_line(author, kind, answering), Verbatim("\n\n")), "")


def _about(name, answering: str | None, known: dict[str, str], plain: str, other: str) -> Phrase:
    if answering in known:
        return Phrase(known[answering], name=name)
    if answering is None or answering in (REPLY, HEARD, WORDS):
        return Phrase(plain, name=name)
    ritual = by_key(answering)  # a ritual added later: "your love map"
    return Phrase(other, name=name, title=Phrase(ritual.title) if ritual
                  else answering.replace("_", " "))


def _title(kind: str) -> Phrase | str:
    ritual = by_key(kind)
    return Phrase(ritual.title) if ritual else kind.replace("_", " ").capitalize()
