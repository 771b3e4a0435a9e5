"""Gratitude: one specific thing the partner did, and how it made you feel."""
from __future__ import annotations

from rituals.base import Answers, Choice, Ritual, Step, given
from rituals.language import N_, Lazy, Phrase

ORDER = 2

FEELINGS = (
    Choice("loved", N_("Loved")),
    Choice("seen", N_("Seen")),
    Choice("cared", N_("Cared for")),
    Choice("relieved", N_("Relieved")),
    Choice("happy", N_("Happy")),
    Choice("calm", N_("Calm")),
)

STEPS = (
    Step(
        key="moment",
        prompt=(
            N_("Think of one thing {partner} did lately that you appreciated.\n"
            "A moment, not everything: a text, a cup of tea, a look.\n"
            "What did {partner} do?")
        ),
    ),
    Step(
        key="feeling",
        prompt=N_("Tap one, or say it in your own words.\nHow did it make you feel?"),
        choices=FEELINGS,
    ),
)



# How each feeling reads to the partner, in the author's own voice.
FEELING_LINES = {
    "loved": N_("It made me feel loved."),
    "seen": N_("It made me feel seen."),
    "cared": N_("It made me feel cared for."),
    "relieved": N_("It made me feel relieved."),
    "happy": N_("It made me feel happy."),
    "calm": N_("It made me feel calm."),
}


def _feeling_line(value: str) -> Phrase:
    if value in FEELING_LINES:
        return Phrase(FEELING_LINES[value])
    return Phrase(N_("How it made me feel: {answer}"), answer=value)


def render(answers: Answers) -> list[Lazy]:
    """The appreciation as the partner reads it: the moment verbatim, then the feeling."""
    parts: list[Lazy] = []
    if (moment := given(answers, "moment")) is not None:
        parts.append(Phrase(N_("Something you did that I appreciate:\n{moment}"), moment=moment))
    if (feeling := given(answers, "feeling")) is not None:
        parts.append(_feeling_line(feeling))
    return parts


RITUAL = Ritual(
    key="gratitude",
    command="gratitude",
    title=N_("Gratitude"),
    description=N_("Tell your partner one thing you appreciated"),
    intro=N_("A small thank-you can carry a long way."),
    steps=STEPS,
    render=render,
)
