"""The shape of a ritual: steps, choices, and how answers become a reflection.

Plain Python on purpose: nothing here knows about Telegram or the database, so a
ritual can be read, reviewed and tested as text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from rituals.language import N_, Joined, Lazy

Answers = Mapping[str, str]


def given(answers: Answers, key: str) -> str | None:
    """The stored answer for a step, or None when it was skipped or left empty."""
    value = answers.get(key)
    return value if value and value.strip() else None


@dataclass(frozen=True)
class Choice:
    """One button of a choice step: `key` is stored, `label` is shown."""

    key: str
    label: str


@dataclass(frozen=True)
class Step:
    """One question of a ritual; a step without choices takes free text.

    A choice step also accepts typed text, because a person who
    types instead of tapping should be heard, not corrected.
    """

    key: str
    prompt: str
    choices: tuple[Choice, ...] = ()
    skip_label: str = N_("Skip")
    # Optional: given typed text, a gentle re-ask when it doesn't fit the step (None: it fits).
    # The generic runner ignores it; the runner of shared rituals asks again with the text.
    check: Callable[[str], str | None] | None = field(default=None, repr=False, compare=False)

    @property
    def is_free_text(self) -> bool:
        return not self.choices

    def choice(self, key: str) -> Choice | None:
        return next((c for c in self.choices if c.key == key), None)


@dataclass(frozen=True)
class Ritual:
    """A short practice: its steps in order and how the answers read to the partner."""

    key: str
    command: str
    title: str
    description: str
    intro: str
    steps: tuple[Step, ...]
    # The reflection's parts (Phrases, and the person's words as Verbatim), said in the
    # reader's language only when it is sent.
    render: Callable[[Answers], list[Lazy]] = field(repr=False)
    # Both partners answer blind and see each other's answers together (rituals/together.py).
    # The generic runner relays a reflection at once, so it must never run a shared ritual;
    # all_rituals() leaves them out and shared_rituals() lists them.
    shared: bool = False

    def step(self, index: int) -> Step | None:
        return self.steps[index] if 0 <= index < len(self.steps) else None

    def reflection(self, answers: Answers) -> Joined | None:
        """The reflection for the partner, or None when every step was skipped.

        Not stripped: the person's words end exactly where they ended them.
        """
        parts = self.render(answers)
        return Joined(parts) if parts else None
