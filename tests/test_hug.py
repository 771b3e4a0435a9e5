"""The one-tap bid: its words and the one-a-minute rule, with explicit times."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from rituals import all_rituals, hug
from rituals.language import ENGLISH, say

NOW = datetime(2026, 6, 1, 20, 0, tzinfo=timezone.utc)


def test_the_first_hug_is_always_welcome():
    assert hug.may_hug(None, NOW)


def test_one_a_minute_per_couple():
    assert not hug.may_hug(NOW, NOW)
    assert not hug.may_hug(NOW - timedelta(seconds=59), NOW)
    assert hug.may_hug(NOW - timedelta(minutes=1), NOW)
    assert hug.may_hug(NOW - timedelta(hours=3), NOW)


def test_the_words():
    assert hug.HUG.format(name="Sam") == "Sam is thinking of you 💛"
    assert [c.label for c in hug.ANSWERS] == ["💛 back", "Call later?"]
    assert say(ENGLISH, hug.answer_line("back", "Ben")) == "Ben sent 💛 back"
    assert say(ENGLISH, hug.answer_line("call", "Ben")) == "Ben asks: call later?"
    assert hug.answer_line("nope", "Ben") is None
    assert len(hug.DESCRIPTION) <= 60 and "!" not in hug.TOO_SOON


def test_a_hug_is_not_a_ritual_in_the_catalogue():
    assert "hug" not in {r.command for r in all_rituals()}
