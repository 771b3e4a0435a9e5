"""Headers of relayed words read as a person would write them, never as a form."""
from __future__ import annotations

import pytest

from rituals import headers
from rituals.headers import header_line, relay_header
from rituals.language import ENGLISH, say


def english(message) -> str:
    return say(ENGLISH, message)


@pytest.mark.parametrize(
    "args, expected",
    [
        (("Sam", "checkin"), "From Sam · Evening check-in"),
        (("Sam", "gratitude"), "From Sam · Gratitude"),
        (("Sam", "trigger"), "From Sam · Something stung"),
        (("Ben", "reply", "trigger"), "Ben answered what you named:"),
        (("Ben", "reply", "checkin"), "Ben answered your check-in:"),
        (("Ben", "reply", "gratitude"), "Ben answered your thanks:"),
        (("Ben", "reply", "reply"), "Ben answered you:"),
        (("Ben", "reply", "heard"), "Ben answered you:"),
        (("Ben", "reply"), "Ben answered you:"),
        (("Ben", "heard", "trigger"), "Ben read what you named:"),
        (("Ben", "heard", "checkin"), "Ben read your check-in:"),
        (("Ben", "heard", "reply"), "Ben read your words:"),
        (("Ben", "reply", "love_map"), "Ben answered your love map:"),
        (("", "reply", "trigger"), "Your partner answered what you named:"),
    ],
)
def test_headers_read_as_a_person_would_write_them(args, expected):
    assert english(header_line(*args)) == expected


def test_no_header_reads_like_a_form():
    for kind in ("checkin", "gratitude", "trigger", "reply", "heard"):
        for answering in (None, "checkin", "gratitude", "trigger", "reply", "heard"):
            line = english(header_line("Ben", kind, answering))
            assert "replied to your" not in line and "something stung:" not in line
            assert "spouse" not in line


def test_the_relay_header_leaves_a_blank_line_before_the_words():
    assert english(relay_header("Ben", "reply", "trigger")) == "Ben answered what you named:\n\n"


def test_one_tap_answers_and_the_question_before_a_reply_to_a_trigger():
    assert headers.TRIGGER_ANSWERS == ("I hear you 💛", "Thank you for telling me", "That makes sense")
    asked = headers.REPLY_TO_TRIGGER_ASK.format(partner="Sam")
    assert asked.endswith("What did you hear Sam needs?")
    assert len(asked.split()) < 60 and "!" not in asked
