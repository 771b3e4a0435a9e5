"""The picture of the week: a PNG decoded with Pillow, its colours, its size, its golden twin.

Regenerate the golden image after an intended change with
ATTUNE_UPDATE_GOLDEN=1 python -m pytest tests/test_week_picture.py, then look at it.
"""
from __future__ import annotations

import colorsys
import io
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from rituals import checkin
from rituals.week_picture import (
    BACKGROUND,
    DPI,
    EMPTY,
    HEIGHT,
    OWN_WORDS,
    PALETTE,
    WIDTH,
    PartnerWeek,
    WeekCounts,
    cell_box,
    colour_of,
    draw_week,
    english_labels,
)

GOLDEN = Path(__file__).parent / "golden" / "week.png"
DAYS = tuple(date(2026, 6, 1) + timedelta(days=n) for n in range(7))
SAM = PartnerWeek("Sam", ("sunny", "mixed", None, "rainy", "stormy", "foggy", "sunny"))
BEN = PartnerWeek("Ben", ("mixed", None, "rainy", "like a long exhale", "sunny", "sunny", None))
COUNTS = WeekCounts(checkins=10, appreciations=7, turned_toward=5)


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def png() -> bytes:
    return draw_week(DAYS, (SAM, BEN), COUNTS, english_labels("Sam", "Ben"))


@pytest.fixture(scope="module")
def image(png) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def sample(image: Image.Image, day: int, row: int) -> tuple[int, int, int]:
    """The colour in the upper middle of a square, away from its word and rounded corners."""
    left, top, right, _ = cell_box(day, row)
    return image.getpixel(((left + right) // 2, top + 22))


def test_it_is_a_small_png_of_the_expected_size(png, image):
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) < 200 * 1024
    assert image.size == (WIDTH, HEIGHT)
    assert Image.open(io.BytesIO(png)).info.get("dpi", (DPI, DPI))[0] == pytest.approx(DPI, abs=1)


@pytest.mark.parametrize("row, partner", [(0, SAM), (1, BEN)])
def test_each_square_has_the_colour_of_its_recorded_weather(image, row, partner):
    for day, weather in enumerate(partner.weather):
        assert sample(image, day, row) == rgb(colour_of(weather)), (partner.name, day, weather)


def test_known_days_read_as_expected(image):
    assert sample(image, 4, 0) == rgb(PALETTE["stormy"])  # Sam's Friday
    assert sample(image, 2, 1) == rgb(PALETTE["rainy"])   # Ben's Wednesday
    assert sample(image, 1, 1) == rgb(EMPTY)              # Ben didn't check in on Tuesday
    assert sample(image, 3, 1) == rgb(OWN_WORDS)          # Ben's weather in his own words


def test_the_palette_covers_every_check_in_weather_and_has_no_red():
    assert {choice.key for choice in checkin.WEATHER} == set(PALETTE)
    for colour in (*PALETTE.values(), OWN_WORDS, EMPTY):
        red, green, blue = (c / 255 for c in rgb(colour))
        hue, _, saturation = colorsys.rgb_to_hls(red, green, blue)
        assert saturation < 0.15 or 0.08 < hue < 0.92, colour  # nothing in the reds


def test_no_pixel_of_the_picture_is_red(image):
    red, green, blue = image.split()
    # a pixel counts as red when its red channel leads the other two by a wide margin
    lead = ImageChops.subtract(red, ImageChops.lighter(green, blue))
    assert ImageStat.Stat(lead).extrema[0][1] < 60


def test_two_runs_give_identical_bytes(png):
    assert draw_week(DAYS, (SAM, BEN), COUNTS, english_labels("Sam", "Ben")) == png


def test_it_matches_the_golden_image(png, image):
    if os.environ.get("ATTUNE_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(png)
    golden = Image.open(GOLDEN).convert("RGB")
    assert golden.size == image.size
    # a tolerance, not bytes: another FreeType may shade a letter's edge differently
    difference = ImageStat.Stat(ImageChops.difference(golden, image)).mean
    assert max(difference) < 1.5, difference


def test_odd_names_and_words_draw_without_trouble():
    labels = english_labels("$am", "Zoë-Marie Featherstonehaugh")
    week = (PartnerWeek("$am $$", (None,) * 7), PartnerWeek("Zoë-Marie Featherstonehaugh 🌻", ("x",) * 7))
    png = draw_week(DAYS, week, WeekCounts(0, 0, 0), labels)
    assert Image.open(io.BytesIO(png)).size == (WIDTH, HEIGHT)


def test_a_long_title_shrinks_to_fit_the_picture():
    labels = english_labels("Alexandria-Josephine", "Zoë-Marie Featherstonehaugh-Smythe")
    png = draw_week(DAYS, (SAM, BEN), COUNTS, labels)
    margin = Image.open(io.BytesIO(png)).convert("RGB").crop((WIDTH - 36, 0, WIDTH, HEIGHT))
    assert margin.getcolors() == [(36 * HEIGHT, rgb(BACKGROUND))]


def test_one_partner_alone_still_draws():
    assert draw_week(DAYS, (SAM,), COUNTS, english_labels("Sam", "Ben")).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "days, partners",
    [(DAYS[:6], (SAM, BEN)), (DAYS, ()), (DAYS, (PartnerWeek("Sam", ("sunny",) * 6),))],
)
def test_a_week_that_isnt_seven_days_is_refused(days, partners):
    with pytest.raises(ValueError):
        draw_week(days, partners, COUNTS, english_labels("Sam", "Ben"))


def test_the_catalogue_does_not_load_matplotlib():
    code = "import rituals, sys; rituals.all_rituals(); rituals.shared_rituals(); print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).parent.parent)
    assert result.stdout.strip() == "False"
