"""The weekly State of the Union: its steps, the agenda, /weekly's parser, its timing."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from rituals import all_rituals, by_key, shared_by_key, weekly
from rituals.language import ENGLISH, Joined, say
from rituals.shared import Said
from rituals.together import Kind, answer
from rituals.weekly import OFF, WeeklyTime, next_weekly_at, parse_weekly

UTC = timezone.utc
SAM, BEN = 1, 2
SUN, MON, FRI = 6, 0, 4


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def english(message) -> str:
    return say(ENGLISH, message)


SAM_PREP = {
    "thanks": "You called my mum: you're thoughtful.\nThe soup on Tuesday.",
    "well": "We laughed a lot on the walk.",
    "talk": "I felt alone when the evenings went to screens; I need one evening just us.",
    "loved": "A long hug when I get home.",
}
BEN_PREP = {"thanks": "You listened on Thursday.", "well": None, "talk": None, "loved": "Tea in bed "}


# --- the steps -----------------------------------------------------------------------


def test_the_steps_come_in_gottmans_order_and_each_can_be_skipped():
    steps = weekly.RITUAL.steps
    assert [s.key for s in steps] == ["thanks", "well", "talk", "loved"]
    for step in steps:
        assert step.is_free_text and step.skip_label
        prompt = step.prompt.format(partner="Ben")
        assert prompt.endswith("?") and len(prompt.splitlines()) <= 3 and "{" not in prompt
    assert "five" in steps[0].prompt and "one per line" in steps[0].prompt
    assert "I felt … when …; I need …" in steps[2].prompt
    assert steps[3].prompt.format(partner="Ben").endswith(
        "What could Ben do to make you feel loved this coming week?"
    )


def test_it_is_shared_and_kept_out_of_the_ordinary_catalogue():
    assert weekly.RITUAL.shared and weekly.RITUAL not in all_rituals()
    assert by_key("weekly") is None and shared_by_key("weekly") is weekly.BLIND
    assert 0 < len(weekly.RITUAL.description) <= 60


def test_it_says_plainly_that_it_prepares_a_talk_in_person():
    for message in (weekly.RITUAL.intro, weekly.AGENDA_HEADER, weekly.relay("", SAM_PREP)):
        text = english(message)
        assert "in person" in text and "isn't the talk itself" in text


@pytest.mark.parametrize("lines", [1, 5, 0])
def test_up_to_five_appreciations_fit(lines):
    check = weekly.RITUAL.steps[0].check
    assert check("\n".join(f"thing {n}" for n in range(lines)) + "\n\n  \n") is None


def test_a_sixth_is_asked_about_gently_never_cut():
    check = weekly.RITUAL.steps[0].check
    asked = check("\n".join(f"thing {n}" for n in range(7)))
    assert asked is not None
    again = english(asked)
    assert "7" in again and again.endswith("?") and "five" in again


def test_appreciations_are_counted_by_line():
    assert weekly.appreciation_count(SAM_PREP) == 2
    assert weekly.appreciation_count({"thanks": None}) == 0
    assert weekly.appreciation_items(" a\n\n b ") == (" a", " b ")


# --- the agenda ----------------------------------------------------------------------


def agenda_for(ben_prep=BEN_PREP):
    return english(weekly.agenda("", [Said("Ben", ben_prep), Said("Sam", SAM_PREP)]))


def test_the_agenda_puts_appreciations_first_and_keeps_every_word():
    text = agenda_for()
    assert text.startswith(weekly.AGENDA_HEADER)
    order = [text.index(title) for _, title in weekly.SECTIONS]
    assert order == sorted(order)
    assert text.index("1. Appreciations") < text.index("2. What went well")
    assert "Ben, for Sam:\nYou listened on Thursday." in text
    assert f"Sam, for Ben:\n{SAM_PREP['thanks']}" in text
    for value in (*SAM_PREP.values(), "Tea in bed "):
        assert value in text


def test_skipped_steps_leave_no_empty_sections():
    text = english(weekly.agenda("", [Said("Ben", {"loved": "x"}), Said("Sam", {"loved": "y"})]))
    assert "Appreciations" not in text and "talk about" not in text
    assert "1. What would help each of you feel loved" in text
    assert weekly.LISTENING not in text


def test_the_one_thing_comes_with_how_to_listen():
    text = agenda_for()
    assert text.index(SAM_PREP["talk"]) < text.index(weekly.LISTENING) < text.index("feel loved")


def test_both_preparations_are_revealed_together_through_the_shared_round():
    now = utc(2026, 6, 7, 17)
    state = weekly.BLIND.open("2026-06-07", "", (SAM, BEN), now)
    state, first = answer(state, SAM, SAM_PREP, now + timedelta(minutes=10))
    assert first.kind == Kind.WAIT
    state, second = answer(state, BEN, BEN_PREP, now + timedelta(minutes=20))
    assert second.kind == Kind.REVEAL
    text = english(weekly.BLIND.reveal(state, SAM, {SAM: "Sam", BEN: "Ben"}))
    assert text == agenda_for()


def test_one_person_prep_reads_section_by_section():
    text = english(Joined(weekly.render({"well": "w", "thanks": "t"})))
    assert text == "What I appreciated this week\nt\n\nWhat went well between us\nw"
    assert weekly.render({}) == [] and weekly.relay("", {}) is None


# --- /weekly sun 19:00 ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, day, at",
    [
        ("sun 19:00", SUN, time(19)),
        ("Sunday 19:00", SUN, time(19)),
        ("SUN 7pm", SUN, time(19)),
        ("sun 7 pm", SUN, time(19)),
        ("sundays at 7:30pm", SUN, time(19, 30)),
        ("every friday at 9pm", FRI, time(21)),
        ("19:00 sun", SUN, time(19)),
        ("tue 21.30", 1, time(21, 30)),
        ("tues 21:30", 1, time(21, 30)),
        ("thurs 0930", 3, time(9, 30)),
        ("Thursday 9am", 3, time(9)),
        ("wed noon", 2, time(12)),
        ("sat, 10am", 5, time(10)),
        ("mon 00:00", MON, time(0)),
        ("Sun. 19:00", SUN, time(19)),
        ("  saturday   8:15 p.m. ", 5, time(20, 15)),
    ],
)
def test_weekly_parser_understands(text, day, at):
    assert parse_weekly(text) == WeeklyTime(day, at)


@pytest.mark.parametrize("text", ["off", "OFF", " stop "])
def test_weekly_parser_stops(text):
    assert parse_weekly(text) == OFF


@pytest.mark.parametrize(
    "text",
    ["", "   ", "sun", "19:00", "sun 25:00", "sun 24:00", "funday 19:00", "sun 19:00 mon",
     "sun 9", "sun 19:00 tomorrow", "off please", "stop sun 19:00", "everyday 19:00",
     "s 19:00", "1 19:00", "sun 13pm", "sun 19:60", "monday monday 9pm", "at at"],
)
def test_weekly_parser_refuses(text):
    assert parse_weekly(text) is None


def test_a_weekly_time_describes_itself():
    assert english(WeeklyTime(SUN, time(19)).describe()) == "Sundays at 19:00"
    assert weekly.SET.format(when="Sundays at 19:00").startswith("Your State of the Union")


# --- next_weekly_at ------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, local, zone, now, expected",
    [
        # Monday noon UTC -> Sunday 19:00 Berlin (CEST, +2)
        (SUN, time(19), "Europe/Berlin", utc(2026, 6, 1, 12), utc(2026, 6, 7, 17)),
        # on the day itself, earlier and exactly on time
        (SUN, time(19), "Europe/Berlin", utc(2026, 6, 7, 10), utc(2026, 6, 7, 17)),
        (SUN, time(19), "Europe/Berlin", utc(2026, 6, 7, 17), utc(2026, 6, 7, 17)),
        # a second late is next week
        (SUN, time(19), "Europe/Berlin", utc(2026, 6, 7, 17, 0, 1), utc(2026, 6, 14, 17)),
        # Monday 08:00 in Tokyo is still Sunday in UTC: the local weekday counts
        (MON, time(8), "Asia/Tokyo", utc(2026, 6, 7, 12), utc(2026, 6, 7, 23)),
        # Friday 21:00 in Los Angeles is Saturday 04:00 UTC
        (FRI, time(21), "America/Los_Angeles", utc(2026, 6, 1), utc(2026, 6, 6, 4)),
    ],
)
def test_next_weekly_on_ordinary_weeks(day, local, zone, now, expected):
    assert next_weekly_at(day, local, zone, now) == expected


@pytest.mark.parametrize(
    "day, local, zone, now, expected",
    [
        # Berlin springs forward on Sunday 2026-03-29, 02:00 -> 03:00 (01:00 UTC)
        (SUN, time(19), "Europe/Berlin", utc(2026, 3, 23), utc(2026, 3, 29, 17)),
        (SUN, time(19), "Europe/Berlin", utc(2026, 3, 16), utc(2026, 3, 22, 18)),
        (SUN, time(2, 30), "Europe/Berlin", utc(2026, 3, 27), utc(2026, 3, 29, 1)),  # the gap's end
        # ... and falls back on Sunday 2026-10-25: 02:30 comes twice, the first counts
        (SUN, time(2, 30), "Europe/Berlin", utc(2026, 10, 20), utc(2026, 10, 25, 0, 30)),
        (SUN, time(19), "Europe/Berlin", utc(2026, 10, 20), utc(2026, 10, 25, 18)),
        # New York springs forward on Sunday 2026-03-08
        (SUN, time(19), "America/New_York", utc(2026, 3, 3), utc(2026, 3, 8, 23)),
        (SUN, time(19), "America/New_York", utc(2026, 2, 24), utc(2026, 3, 2, 0)),
        # Monday 00:00 UTC is still Sunday 19:00 in New York (EST): exactly on time
        (SUN, time(19), "America/New_York", utc(2026, 2, 23), utc(2026, 2, 23)),
    ],
)
def test_next_weekly_on_dst_weeks(day, local, zone, now, expected):
    assert next_weekly_at(day, local, zone, now) == expected


def test_a_whole_year_of_sundays_at_seven_in_berlin():
    tz = ZoneInfo("Europe/Berlin")
    now, seen = utc(2026, 1, 1), []
    for _ in range(53):
        result = next_weekly_at(SUN, time(19), "Europe/Berlin", now)
        local = result.astimezone(tz)
        assert result >= now and local.weekday() == SUN and local.time() == time(19)
        seen.append(local.date())
        now = result + timedelta(seconds=1)
    assert all(b - a == timedelta(days=7) for a, b in zip(seen, seen[1:], strict=False))


def test_a_skipped_date_still_finds_the_weekday():
    # Samoa skipped Friday 2011-12-30 entirely: the next Friday is a week later
    result = next_weekly_at(FRI, time(21), "Pacific/Apia", utc(2011, 12, 29, 12))
    local = result.astimezone(ZoneInfo("Pacific/Apia"))
    assert local.weekday() == FRI and local.date().isoformat() == "2012-01-06"


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        next_weekly_at(7, time(19), "UTC", utc(2026, 1, 1))
    with pytest.raises(ValueError):
        next_weekly_at(SUN, time(19), "UTC", datetime(2026, 1, 1))


@pytest.mark.parametrize("typed", [
    "Sonntag 19:00", "jeden Sonntag um 19:00", "sonntags 19:00", "los domingos a las 19:00",
    "domingo às 19:00", "по воскресеньям в 19:00", "воскресенье 19:00",
])
def test_a_weekly_time_is_read_in_every_language_attune_speaks(typed):
    assert weekly.parse_weekly(typed) == weekly.WeeklyTime(6, time(19, 0))
    assert weekly.parse_weekly("aus") == weekly.OFF
