"""The catalogue of rituals: every module in this package that defines `RITUAL`.

Adding a ritual is adding one file here; the bot finds it, offers its command and
runs its steps without any change elsewhere. Shared rituals (both partners answer blind,
`Ritual.shared`) are listed apart by shared_rituals(): the generic runner relays a
reflection at once, which must never happen to them, so all_rituals() leaves them out.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from rituals.base import Answers, Choice, Ritual, Step
from rituals.shared import Blind

__all__ = ["Answers", "Blind", "Choice", "Ritual", "Step", "all_rituals", "by_key",
           "shared_by_key", "shared_rituals"]


@cache
def all_rituals() -> tuple[Ritual, ...]:
    """Every ritual defined in this package, in a stable order (their `order`, then key)."""
    found: list[tuple[int, Ritual]] = []
    for module in _modules():
        ritual = getattr(module, "RITUAL", None)
        if isinstance(ritual, Ritual) and not ritual.shared:
            found.append((getattr(module, "ORDER", 100), ritual))
    return tuple(r for _, r in sorted(found, key=lambda pair: (pair[0], pair[1].key)))


def by_key(key: str) -> Ritual | None:
    """The ritual with this key (or command), if there is one."""
    return next((r for r in all_rituals() if key in (r.key, r.command)), None)


@cache
def shared_rituals() -> tuple[Blind, ...]:
    """Every shared ritual (a module's `BLIND`): answered blind, revealed together, by key."""
    found = [getattr(module, "BLIND", None) for module in _modules()]
    return tuple(sorted((b for b in found if isinstance(b, Blind)), key=lambda b: b.ritual.key))


def shared_by_key(key: str) -> Blind | None:
    """The shared ritual with this key (or command), if there is one."""
    return next((b for b in shared_rituals() if key in (b.ritual.key, b.ritual.command)), None)


def _modules():
    for info in pkgutil.iter_modules(__path__):
        yield importlib.import_module(f"{__name__}.{info.name}")
