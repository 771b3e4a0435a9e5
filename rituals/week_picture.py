"""A picture of the week: both partners' check-in weather day by day, and three kind counts.

Plain data in, PNG bytes out. matplotlib is imported inside draw_week() only, so a bot
that never draws keeps its idle memory; the Agg canvas is used directly (no pyplot, no
global backend), so it is headless and safe beside other work. Calm colours keyed by the
check-in's weather, no red, no score, no streak: the counts say what happened, never how
well. Every word is passed in (Labels), so the picture can be translated later.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping, Sequence

from rituals.language import ENGLISH, N_, Translator

# Keyed by rituals/checkin.py's WEATHER choices; soft, unsaturated, nothing near red.
PALETTE = {
    "sunny": "#F4D58D",   # warm straw
    "mixed": "#BFD7C0",   # sage
    "rainy": "#A7C4DD",   # soft blue
    "stormy": "#6F7F99",  # slate: heavy, not alarming
    "foggy": "#D5D3DE",   # lavender grey
}
OWN_WORDS = "#E7DCCB"  # weather typed in the person's own words
EMPTY = "#F1ECE4"      # no check-in that day: a quiet blank, not a gap to fill
BACKGROUND = "#FBF8F3"
INK = "#3F4652"
SOFT_INK = "#80868F"
LIGHT_TEXT = "#FBF8F3"  # on the darker cells

WIDTH, HEIGHT, DPI = 960, 510, 100
_GRID_LEFT, _GRID_TOP, _PITCH, _CELL = 190, 138, 104, 92
_FONT = "DejaVu Sans"  # ships with matplotlib, so every machine draws the same letters


@dataclass(frozen=True)
class PartnerWeek:
    """One partner's week: a weather per day (a check-in key, their typed words, or None)."""

    name: str
    weather: Sequence[str | None]


@dataclass(frozen=True)
class WeekCounts:
    checkins: int       # check-ins shared
    appreciations: int  # appreciations given
    turned_toward: int  # reflections answered with "I hear you" or a reply


@dataclass(frozen=True)
class Labels:
    """Every word on the picture."""

    title: str
    note: str
    weekdays: Sequence[str]  # Monday first, as date.weekday()
    weather: Mapping[str, str] = field(repr=False)
    own_words: str = "Own words"
    no_checkin: str = "·"
    counts: Sequence[str] = ("check-ins shared", "appreciations", "reflections turned toward")


_WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
_WEATHER = {"sunny": N_("Sunny"), "mixed": N_("Mixed"), "rainy": N_("Rainy"),
            "stormy": N_("Stormy"), "foggy": N_("Foggy")}
_COUNTS = (N_("check-ins shared"), N_("appreciations"), N_("reflections turned toward"))


def labels_in(tr: Translator, first: str, second: str) -> Labels:
    """The picture's words for a couple, in the reader's language."""
    return Labels(
        title=tr.gettext(N_("{first} and {second}, your week")).format(first=first, second=second),
        note=tr.gettext(N_("Each square is one evening's check-in weather.")),
        weekdays=tuple(tr.gettext(day) for day in _WEEKDAYS),
        weather={key: tr.gettext(word) for key, word in _WEATHER.items()},
        own_words=tr.gettext(N_("Own words")),
        counts=tuple(tr.gettext(label) for label in _COUNTS),
    )


def english_labels(first: str, second: str) -> Labels:
    """The picture's words in English for a couple."""
    return labels_in(ENGLISH, first, second)


def cell_box(day: int, row: int) -> tuple[int, int, int, int]:
    """The pixel box (left, top, right, bottom) of a day's square in a partner's row."""
    left, top = _GRID_LEFT + day * _PITCH, _GRID_TOP + row * _PITCH
    return left, top, left + _CELL, top + _CELL


def colour_of(weather: str | None) -> str:
    """The fill for a day: the weather's colour, the own-words colour, or the empty one."""
    if weather is None:
        return EMPTY
    return PALETTE.get(weather, OWN_WORDS)


def draw_week(days: Sequence[date], partners: Sequence[PartnerWeek], counts: WeekCounts,
              labels: Labels) -> bytes:
    """The week as a PNG (under 200 KB): a row of seven squares per partner, counts below.

    `days` are the seven local dates (the bot picks them in the couple's zone); each
    partner has one weather per day. The same input always gives the same bytes.
    """
    if len(days) != 7 or not 1 <= len(partners) <= 2:
        raise ValueError("a week is seven days for one or two partners")
    if any(len(p.weather) != 7 for p in partners):
        raise ValueError("one weather (or None) per partner per day")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor=BACKGROUND)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(HEIGHT, 0)  # pixels, from the top left, like cell_box()
    ax.set_axis_off()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph the font lacks draws as a box, not a warning
        _draw(ax, days, partners, counts, labels)
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=DPI, facecolor=BACKGROUND,
                       metadata={"Software": None})  # no version stamp: same input, same bytes
    return out.getvalue()


def _draw(ax, days, partners, counts, labels) -> None:
    _fit(_text(ax, 40, 52, labels.title, size=19, color=INK, weight="bold"), WIDTH - 80)
    _fit(_text(ax, 40, 84, labels.note, size=11, color=SOFT_INK), WIDTH - 80)
    for index, day in enumerate(days):
        left, _, right, _ = cell_box(index, 0)
        _text(ax, (left + right) / 2, _GRID_TOP - 14, f"{labels.weekdays[day.weekday()]} {day.day}",
              size=10.5, color=SOFT_INK, ha="center")
    for row, partner in enumerate(partners):
        _, top, _, bottom = cell_box(0, row)
        _text(ax, 40, (top + bottom) / 2, _short(partner.name), size=13, color=INK, va="center")
        for day, weather in enumerate(partner.weather):
            _cell(ax, cell_box(day, row), weather, labels)
    _counts(ax, counts, labels, top=cell_box(0, len(partners) - 1)[3] + 52)


def _cell(ax, box, weather, labels) -> None:
    from matplotlib.patches import FancyBboxPatch

    left, top, right, bottom = box
    fill = colour_of(weather)
    ax.add_patch(FancyBboxPatch((left, top), right - left, bottom - top, facecolor=fill,
                                edgecolor="none", boxstyle="round,pad=0,rounding_size=14"))
    if weather is None:
        word = labels.no_checkin
    else:
        word = labels.weather.get(weather, labels.own_words) if weather in PALETTE else labels.own_words
    ink = LIGHT_TEXT if fill == PALETTE["stormy"] else INK
    # The word sits low in the square, leaving its upper half plain colour.
    _text(ax, (left + right) / 2, bottom - 18, word, size=9.5, color=ink, ha="center")


def _counts(ax, counts, labels, top: float) -> None:
    ax.plot([40, WIDTH - 40], [top - 20, top - 20], color="#E6DFD4", linewidth=1)
    values = (counts.checkins, counts.appreciations, counts.turned_toward)
    for index, (value, caption) in enumerate(zip(values, labels.counts, strict=True)):
        centre = WIDTH * (2 * index + 1) / 6
        _text(ax, centre, top + 30, str(value), size=28, color=INK, ha="center")
        _text(ax, centre, top + 72, caption, size=11, color=SOFT_INK, ha="center")


def _text(ax, x, y, text, *, size, color, ha="left", va="baseline", weight="normal"):
    # parse_math=False: a name like "$am" is a name, not mathtext.
    return ax.text(x, y, text, fontsize=size, color=color, ha=ha, va=va, fontweight=weight,
                   fontfamily=_FONT, parse_math=False)


def _fit(text, width: float) -> None:
    """Shrink a line that would run off the picture (long names in a title, a long translation)."""
    drawn = text.get_window_extent(renderer=text.figure.canvas.get_renderer()).width
    if drawn > width:
        text.set_fontsize(text.get_fontsize() * width / drawn)


def _short(name: str, limit: int = 14) -> str:
    """A name that fits beside the squares (the picture only; words elsewhere are never cut)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"
