"""The evening check-in: the day as weather, where it sits in the body, one moment to share."""
from __future__ import annotations

from rituals.base import Answers, Choice, Ritual, Step, given
from rituals.language import N_, Joined, Lazy, Phrase, Verbatim

ORDER = 1

WEATHER = (
    Choice("sunny", N_("☀️ Sunny")),
    Choice("mixed", N_("⛅ Mixed")),
    Choice("rainy", N_("🌧 Rainy")),
    Choice("stormy", N_("⛈ Stormy")),
    Choice("foggy", N_("🌫 Foggy")),
)

BODY = (
    Choice("chest", N_("Chest")),
    Choice("shoulders", N_("Shoulders")),
    Choice("jaw", N_("Jaw")),
    Choice("stomach", N_("Stomach")),
    Choice("head", N_("Head")),
    Choice("nowhere", N_("Nowhere in particular")),
)

# How each body choice reads to the partner, in the author's own voice.
BODY_LINES = {
    "chest": N_("I feel it in my chest."),
    "shoulders": N_("I feel it in my shoulders."),
    "jaw": N_("I feel it in my jaw."),
    "stomach": N_("I feel it in my stomach."),
    "head": N_("I feel it in my head."),
    "nowhere": N_("It doesn't sit anywhere in particular."),
}

STEPS = (
    Step(
        key="weather",
        prompt=N_("Take a breath before you answer.\nIf today were weather, what would it be?"),
        choices=WEATHER,
    ),
    Step(
        key="body",
        prompt=(
            N_("Now notice your body for a moment.\n"
            "Is your chest tight? Your jaw clenched?\n"
            "Where do you feel today most?")
        ),
        choices=BODY,
    ),
    Step(
        key="moment",
        prompt=(
            N_("Think of one moment from today, small is fine.\n"
            "What is one sentence you'd like {partner} to know about it?")
        ),
    ),
)



def _weather_line(value: str) -> Phrase:
    choice = next((c for c in WEATHER if c.key == value), None)
    if choice is None:  # typed in their own words
        return Phrase(N_("Today felt: {answer}"), answer=value)
    return Phrase(N_("Today felt {weather}."), weather=Phrase(choice.label))


def _body_line(value: str) -> Phrase:
    if value in BODY_LINES:
        return Phrase(BODY_LINES[value])
    return Phrase(N_("Where I feel it: {answer}"), answer=value)


def render(answers: Answers) -> list[Lazy]:
    """The check-in as the partner reads it: weather, body, then the moment verbatim."""
    lines = []
    if (weather := given(answers, "weather")) is not None:
        lines.append(_weather_line(weather))
    if (body := given(answers, "body")) is not None:
        lines.append(_body_line(body))
    parts: list[Lazy] = [Joined(lines, "\n")] if lines else []
    if (moment := given(answers, "moment")) is not None:
        parts.append(Verbatim(moment))
    return parts


RITUAL = Ritual(
    key="checkin",
    command="checkin",
    title=N_("Evening check-in"),
    description=N_("A one-minute evening check-in to share"),
    intro=N_("A quiet minute for you, before the evening goes on."),
    steps=STEPS,
    render=render,
)
