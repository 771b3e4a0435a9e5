"""The evening check-in: the day as weather, where it sits in the body, one moment to share."""
from __future__ import annotations

from rituals.base import Answers, Choice, Ritual, Step, given

ORDER = 1

WEATHER = (
    Choice("sunny", "☀️ Sunny"),
    Choice("mixed", "⛅ Mixed"),
    Choice("rainy", "🌧 Rainy"),
    Choice("stormy", "⛈ Stormy"),
    Choice("foggy", "🌫 Foggy"),
)

BODY = (
    Choice("chest", "Chest"),
    Choice("shoulders", "Shoulders"),
    Choice("jaw", "Jaw"),
    Choice("stomach", "Stomach"),
    Choice("head", "Head"),
    Choice("nowhere", "Nowhere in particular"),
)

# How each body choice reads to the partner, in the author's own voice.
BODY_LINES = {
    "chest": "I feel it in my chest.",
    "shoulders": "I feel it in my shoulders.",
    "jaw": "I feel it in my jaw.",
    "stomach": "I feel it in my stomach.",
    "head": "I feel it in my head.",
    "nowhere": "It doesn't sit anywhere in particular.",
}

STEPS = (
    Step(
        key="weather",
        prompt="Take a breath before you answer.\nIf today were weather, what would it be?",
        choices=WEATHER,
    ),
    Step(
        key="body",
        prompt=(
            "Now notice your body for a moment.\n"
            "Is your chest tight? Your jaw clenched?\n"
            "Where do you feel today most?"
        ),
        choices=BODY,
    ),
    Step(
        key="moment",
        prompt=(
            "Think of one moment from today, small is fine.\n"
            "What is one sentence you'd like {partner} to know about it?"
        ),
    ),
)



def _weather_line(value: str) -> str:
    choice = next((c for c in WEATHER if c.key == value), None)
    return f"Today felt {choice.label}." if choice else f"Today felt: {value}"


def _body_line(value: str) -> str:
    return BODY_LINES.get(value) or f"Where I feel it: {value}"


def render(answers: Answers) -> str:
    """The check-in as the partner reads it: weather, body, then the moment verbatim."""
    lines = []
    if (weather := given(answers, "weather")) is not None:
        lines.append(_weather_line(weather))
    if (body := given(answers, "body")) is not None:
        lines.append(_body_line(body))
    parts = ["\n".join(lines)] if lines else []
    if (moment := given(answers, "moment")) is not None:
        parts.append(moment)
    return "\n\n".join(parts)


RITUAL = Ritual(
    key="checkin",
    command="checkin",
    title="Evening check-in",
    description="A one-minute evening check-in to share",
    intro="A quiet minute for you, before the evening goes on.",
    steps=STEPS,
    render=render,
)
