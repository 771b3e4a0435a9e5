"""The first words of a nudge, fitted to the hour on the reader's own clock.

A person may choose their ritual for 07:30 or 13:00, so "Good evening" is only said in the
evening; the moon only appears after dark.
"""
from __future__ import annotations

from datetime import datetime, time

# (first hour, words, emoji): each row holds until the next row's first hour.
_PARTS_OF_DAY = (
    (0, "Hello", " 🌙"),  # small hours: no "good night", that reads as goodbye
    (5, "Good morning", ""),
    (12, "Good afternoon", ""),
    (17, "Good evening", " 🌙"),
)


def greeting(name: str, local_time: time | datetime) -> str:
    """'Good morning, Sam' at 10:01, 'Good evening, Sam 🌙' at 21:00, on the reader's clock.

    `local_time` is already in the reader's zone (a time, or an aware/naive local datetime).
    """
    words, emoji = next((w, e) for start, w, e in reversed(_PARTS_OF_DAY) if local_time.hour >= start)
    name = name.strip()
    return f"{words}, {name}{emoji}" if name else f"{words}{emoji}"
