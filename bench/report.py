"""Printing figures beside their floors, and keeping them for --json."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    """One scenario's figures: printed as they come, kept as plain values."""

    title: str
    values: dict = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def figure(self, key: str, label: str, value: float, unit: str = "", *,
               floor: float | None = None, floor_label: str = "", target: str = "",
               met: bool | None = None) -> None:
        """One figure; with a floor, its ratio to it; with a target, whether it is met."""
        self.values[key] = value
        text = f"  {label:<34} {_num(value):>10} {unit:<8}"
        if floor is not None:
            self.values[f"{key}_floor"] = floor
            ratio = value / floor if floor else float("inf")
            self.values[f"{key}_ratio"] = ratio
            text += f" floor {_num(floor)} {floor_label}".rstrip() + f"  -> {ratio:.2f}x"
        if target:
            verdict = "" if met is None else ("  MET" if met else "  MISSED")
            text += f"  [target {target}{verdict}]"
            if met is not None:
                self.values[f"{key}_met"] = met
        self.say(text)

    def note(self, key: str, value) -> None:
        """A value kept for --json without a printed line."""
        self.values[key] = value

    def say(self, text: str) -> None:
        self.lines.append(text)
        print(text, flush=True)

    def open(self) -> "Section":
        print(f"\n== {self.title}", flush=True)
        return self


def _num(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
