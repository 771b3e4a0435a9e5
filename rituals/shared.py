"""A shared ritual, and what each partner may read of its round (rituals/together.py).

The one rule: a partner's held answer is rendered for the other only after the reveal.
reveal_text() refuses before it; everything else here renders a person's own words, or a
lone answer its author chose to share. Layouts (how a reveal reads) live with each ritual.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Mapping, Sequence

from rituals.base import Answers, Ritual
from rituals.language import N_, Joined, Lazy, Phrase
from rituals.together import LIFETIME, REVEALED, SHARED, Shared, lone_author, open_round

# The buttons under "share it anyway?" (VOICE.md: say what they do, forward action first).
SHARE_LABEL = N_("Share with {partner}")
KEEP_LABEL = N_("Keep it to myself")
KEPT = N_("Kept just for you. Nothing was sent.")


class NotRevealed(Exception):
    """Refused: rendering a partner's answer before the round was revealed."""


@dataclass(frozen=True)
class Said:
    """One partner's part of a reveal: their first name and their exact answers."""

    name: str
    answers: Mapping[str, str | None] = field(repr=False)


# (topic, [partner's, recipient's]) -> what the recipient reads, in their language
Layout = Callable[[str, Sequence[Said]], Lazy]


def reveal_text(state: Shared, recipient: int, names: Mapping[int, str], layout: Layout) -> Lazy:
    """The reveal as `recipient` reads it: the partner's answers first, then their own.

    Refuses (NotRevealed) unless both answered, so held words can't leak through a render.
    The text may exceed one Telegram message; the bot splits it without changing a character.
    """
    partner = state.partner_of(recipient)
    if state.status != REVEALED:
        raise NotRevealed(f"round {state.round} of {state.ritual} is {state.status}")
    said = [Said(names[p], state.entry(p).as_dict()) for p in (partner, recipient)]
    return layout(state.topic, said)


def own_answers(state: Shared, person: int) -> dict[str, str | None] | None:
    """A person's own answers, which they may always see again; None before they answered."""
    state.partner_of(person)  # raises for someone outside the round
    entry = state.entry(person)
    return entry.as_dict() if entry else None


def lone_answers(state: Shared) -> tuple[int, dict[str, str | None]]:
    """The lone author and their answers, only once they chose to share them (Kind.SHARE)."""
    author = lone_author(state)
    if author is None or state.status != SHARED:
        raise NotRevealed("no lone answer its author chose to share")
    return author, state.entry(author).as_dict()


_UNDER_NAME = N_("{name}:\n{answers}")


def stacked(said: Sequence[Said], render: Callable[[Answers], list[Lazy]]) -> Joined:
    """Each part under its author's first name, words exactly as written."""
    return Joined([Phrase(_UNDER_NAME, name=s.name, answers=Joined(parts))
                   for s in said if (parts := render(s.answers))])


def offer_buttons(partner: str) -> tuple[Phrase, str]:
    """The two labels under a "share it anyway?" offer: share first, keep last."""
    return Phrase(SHARE_LABEL, partner=partner), KEEP_LABEL


@dataclass(frozen=True)
class Blind:
    """A shared ritual: its steps (a Ritual marked shared), how a reveal and a lone share read."""

    ritual: Ritual
    layout: Layout                            # both answers, at the reveal
    relay: Callable[[str, Answers], Lazy | None]  # one lone answer shared anyway: (topic, answers)
    lifetime: timedelta = LIFETIME

    def open(self, round: str, topic: str, people: Sequence[int], now: datetime) -> Shared:
        return open_round(self.ritual.key, round, topic, people, now, self.lifetime)

    def reveal(self, state: Shared, recipient: int, names: Mapping[int, str]) -> Lazy:
        """What `recipient` receives at Kind.REVEAL."""
        return reveal_text(state, recipient, names, self.layout)

    def shared_anyway(self, state: Shared) -> tuple[int, Lazy | None]:
        """At Kind.SHARE: the author and the reflection body their partner receives."""
        author, answers = lone_answers(state)
        return author, self.relay(state.topic, answers)
