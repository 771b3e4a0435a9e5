"""Naming a trigger with a gentle start-up: "I felt … when …; I need …", never blame."""
from __future__ import annotations

from rituals.base import Answers, Choice, Ritual, Step, given
from rituals.language import N_, Lazy, Phrase

ORDER = 3

FEELINGS = (
    Choice("hurt", N_("Hurt")),
    Choice("anxious", N_("Anxious")),
    Choice("unseen", N_("Unseen")),
    Choice("overwhelmed", N_("Overwhelmed")),
    Choice("angry", N_("Angry")),
    Choice("sad", N_("Sad")),
    Choice("other", N_("Something else")),
)

NEEDS = (
    Choice("space", N_("Some space")),
    Choice("reassure", N_("Reassurance")),
    Choice("listen", N_("To be listened to")),
    Choice("hug", N_("A hug")),
    Choice("time", N_("Time to calm down")),
    Choice("talk", N_("To talk it through")),
)

# How each choice reads inside "I felt … when …" and "I need …".
FELT_WORDS = {
    "hurt": N_("hurt"),
    "anxious": N_("anxious"),
    "unseen": N_("unseen"),
    "overwhelmed": N_("overwhelmed"),
    "angry": N_("angry"),
    "sad": N_("sad"),
    "other": N_("something hard to name"),
}
NEED_WORDS = {
    "space": N_("some space"),
    "reassure": N_("some reassurance"),
    "listen": N_("to be listened to"),
    "hug": N_("a hug"),
    "time": N_("a little time to calm down"),
    "talk": N_("to talk it through together, calmly"),
}

STEPS = (
    Step(
        key="what",
        prompt=(
            N_("Describe one moment, the way a camera would have seen it:\n"
            "what was said or done, and when. Leave out \"always\" and \"never\".\n"
            "What happened?")
        ),
    ),
    Step(
        key="felt",
        prompt=N_("Notice what came up in you.\nWhat did you feel in that moment?"),
        choices=FEELINGS,
    ),
    Step(
        key="need",
        prompt=N_("Needs are not demands, just what would help.\nWhat do you need now?"),
        choices=NEEDS,
    ),
)



def _feeling(felt: str) -> Phrase | str:
    """A chosen feeling in the reader's language; typed words as they were typed."""
    return Phrase(FELT_WORDS[felt]) if felt in FELT_WORDS else felt


def _felt_part(felt: str | None, what: str | None) -> Phrase | None:
    """The "I felt … when this happened:" part, with the moment verbatim, as far as given."""
    if felt is None and what is None:
        return None
    if what is None:
        return Phrase(N_("I felt {feeling}."), feeling=_feeling(felt))
    if felt is None:
        return Phrase(N_("When this happened:\n{what}"), what=what)
    return Phrase(N_("I felt {feeling} when this happened:\n{what}"), feeling=_feeling(felt),
                  what=what)


def _need_part(need: str | None) -> Phrase | None:
    if need is None:
        return None
    if need in NEED_WORDS:
        return Phrase(N_("I need {need}."), need=Phrase(NEED_WORDS[need]))
    return Phrase(N_("What I need: {need}"), need=need)


def render(answers: Answers) -> list[Lazy]:
    """The trigger as the partner reads it: I felt … when …; I need …."""
    felt_part = _felt_part(given(answers, "felt"), given(answers, "what"))
    need_part = _need_part(given(answers, "need"))
    return [p for p in (felt_part, need_part) if p is not None]


RITUAL = Ritual(
    key="trigger",
    command="trigger",
    title=N_("Something stung"),
    description=N_("Name a hard moment gently: I felt, when, I need"),
    intro=N_("Naming what stung is an act of trust. Take it slowly."),
    steps=STEPS,
    render=render,
)
