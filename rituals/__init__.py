"""The catalogue of rituals: every module in this package that defines `RITUAL`.

Adding a ritual is adding one file here; the bot finds it, offers its command and
runs its steps without any change elsewhere.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from rituals.base import Answers, Choice, Ritual, Step

__all__ = ["Answers", "Choice", "Ritual", "Step", "all_rituals", "by_key"]


@cache
def all_rituals() -> tuple[Ritual, ...]:
    """Every ritual defined in this package, in a stable order (their `order`, then key)."""
    found: list[tuple[int, Ritual]] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        ritual = getattr(module, "RITUAL", None)
        if isinstance(ritual, Ritual):
            found.append((getattr(module, "ORDER", 100), ritual))
    return tuple(r for _, r in sorted(found, key=lambda pair: (pair[0], pair[1].key)))


def by_key(key: str) -> Ritual | None:
    """The ritual with this key (or command), if there is one."""
    return next((r for r in all_rituals() if key in (r.key, r.command)), None)
