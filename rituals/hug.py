"""A one-tap bid (/hug): "{name} is thinking of you", two one-tap answers, one a minute.

A bid answered with one tap still counts (Gottman on turning toward), so the partner's
answers are buttons, not a prompt to write. The rate rule is per couple, not per person,
so two people can't ping-pong a stream of them; it is a pure function of the last hug's
time, which the bot keeps on the couple.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from rituals.base import Choice
from rituals.language import N_, Phrase

COMMAND = "hug"
DESCRIPTION = N_("Let your partner know you're thinking of them")
MIN_GAP = timedelta(minutes=1)

HUG = N_("{name} is thinking of you 💛")
ANSWERS = (
    Choice("back", N_("💛 back")),
    Choice("call", N_("Call later?")),
)
# What the one who sent the hug reads when their partner taps an answer.
ANSWER_LINES = {
    "back": N_("{name} sent 💛 back"),
    "call": N_("{name} asks: call later?"),
}
SENT = N_("Sent. {partner} will know you're thinking of them.")
TOO_SOON = N_("A hug went between you two a moment ago.\nSend another in a minute or so.")
NOT_PAIRED = N_("A hug needs someone to land with. /invite makes a link for your partner.")


def may_hug(last_hug_at: datetime | None, now: datetime) -> bool:
    """True when the couple's last hug (either way) is at least a minute old, or there was none."""
    return last_hug_at is None or now - last_hug_at >= MIN_GAP


def answer_line(choice_key: str, name: str) -> Phrase | None:
    """The line the hug's sender reads for their partner's tap, or None for an unknown key."""
    line = ANSWER_LINES.get(choice_key)
    return Phrase(line, name=name) if line else None
