"""Gratitude: one specific thing the partner did, and how it made you feel."""
from __future__ import annotations

from rituals.base import Answers, Choice, Ritual, Step, given

ORDER = 2

FEELINGS = (
    Choice("loved", "Loved"),
    Choice("seen", "Seen"),
    Choice("cared", "Cared for"),
    Choice("relieved", "Relieved"),
    Choice("happy", "Happy"),
    Choice("calm", "Calm"),
)

STEPS = (
    Step(
        key="moment",
        prompt=(
            "Think of one thing {partner} did lately that you appreciated.\n"
            "A moment, not everything: a text, a cup of tea, a look.\n"
            "What did {partner} do?"
        ),
    ),
    Step(
        key="feeling",
        prompt="Tap one, or say it in your own words.\nHow did it make you feel?",
        choices=FEELINGS,
    ),
)



def _feeling_line(value: str) -> str:
    choice = next((c for c in FEELINGS if c.key == value), None)
    return f"It made me feel {choice.label.lower()}." if choice else f"How it made me feel: {value}"


def render(answers: Answers) -> str:
    """The appreciation as the partner reads it: the moment verbatim, then the feeling."""
    parts = []
    if (moment := given(answers, "moment")) is not None:
        parts.append(f"Something you did that I appreciate:\n{moment}")
    if (feeling := given(answers, "feeling")) is not None:
        parts.append(_feeling_line(feeling))
    return "\n\n".join(parts)


RITUAL = Ritual(
    key="gratitude",
    command="gratitude",
    title="Gratitude",
    description="Tell your partner one thing you appreciated",
    intro="A small thank-you can carry a long way.",
    steps=STEPS,
    render=render,
)
