"""The first words of a nudge, fitted to the hour on the reader's own clock.

A person may choose their ritual for 07:30 or 13:00, so "Good evening" is only said in the
evening; the moon only appears after dark.
"""
from __future__ import annotations

from datetime import datetime, time

from rituals.language import N_, Phrase

# (first hour, with a name, without): each row holds until the next row's first hour.
_PARTS_OF_DAY = (
    (0, N_("Hello, {name} 🌙"), N_("Hello 🌙")),  # small hours: no "good night", that reads as goodbye
    (5, N_("Good morning, {name}"), N_("Good morning")),
    (12, N_("Good afternoon, {name}"), N_("Good afternoon")),
    (17, N_("Good evening, {name} 🌙"), N_("Good evening 🌙")),
)


def greeting(name: str, local_time: time | datetime) -> Phrase:
    """'Good morning, Sam' at 10:01, 'Good evening, Sam 🌙' at 21:00, on the reader's clock.

    `local_time` is already in the reader's zone (a time, or an aware/naive local datetime).
    """
    named, alone = next((n, a) for start, n, a in reversed(_PARTS_OF_DAY)
                        if local_time.hour >= start)
    name = name.strip()
    return Phrase(named, name=name) if name else Phrase(alone)
