"""Naming a trigger with a gentle start-up: "I felt … when …; I need …", never blame."""
from __future__ import annotations

from rituals.base import Answers, Choice, Ritual, Step, given

ORDER = 3

FEELINGS = (
    Choice("hurt", "Hurt"),
    Choice("anxious", "Anxious"),
    Choice("unseen", "Unseen"),
    Choice("overwhelmed", "Overwhelmed"),
    Choice("angry", "Angry"),
    Choice("sad", "Sad"),
    Choice("other", "Something else"),
)

NEEDS = (
    Choice("space", "Some space"),
    Choice("reassure", "Reassurance"),
    Choice("listen", "To be listened to"),
    Choice("hug", "A hug"),
    Choice("time", "Time to calm down"),
    Choice("talk", "To talk it through"),
)

# How each choice reads inside "I felt … when …" and "I need …".
FELT_WORDS = {
    "hurt": "hurt",
    "anxious": "anxious",
    "unseen": "unseen",
    "overwhelmed": "overwhelmed",
    "angry": "angry",
    "sad": "sad",
    "other": "something hard to name",
}
NEED_WORDS = {
    "space": "some space",
    "reassure": "some reassurance",
    "listen": "to be listened to",
    "hug": "a hug",
    "time": "a little time to calm down",
    "talk": "to talk it through together, calmly",
}

STEPS = (
    Step(
        key="what",
        prompt=(
            "Describe one moment, the way a camera would have seen it:\n"
            "what was said or done, and when. Leave out \"always\" and \"never\".\n"
            "What happened?"
        ),
    ),
    Step(
        key="felt",
        prompt="Notice what came up in you.\nWhat did you feel in that moment?",
        choices=FEELINGS,
    ),
    Step(
        key="need",
        prompt="Needs are not demands, just what would help.\nWhat do you need now?",
        choices=NEEDS,
    ),
)



def _felt_part(felt: str | None, what: str | None) -> str | None:
    """The "I felt … when this happened:" part, with the moment verbatim, as far as given."""
    if felt is None and what is None:
        return None
    if what is None:
        return f"I felt {FELT_WORDS.get(felt, felt)}."
    if felt is None:
        return f"When this happened:\n{what}"
    return f"I felt {FELT_WORDS.get(felt, felt)} when this happened:\n{what}"


def _need_part(need: str | None) -> str | None:
    if need is None:
        return None
    return f"I need {NEED_WORDS[need]}." if need in NEED_WORDS else f"What I need: {need}"


def render(answers: Answers) -> str:
    """The trigger as the partner reads it: I felt … when …; I need …."""
    felt_part = _felt_part(given(answers, "felt"), given(answers, "what"))
    need_part = _need_part(given(answers, "need"))
    return "\n\n".join(p for p in (felt_part, need_part) if p is not None)


RITUAL = Ritual(
    key="trigger",
    command="trigger",
    title="Something stung",
    description="Name a hard moment gently: I felt, when, I need",
    intro="Naming what stung is an act of trust. Take it slowly.",
    steps=STEPS,
    render=render,
)
