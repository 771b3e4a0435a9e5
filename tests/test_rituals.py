"""The rituals as plain values: their steps, their choices, and how answers read."""
from __future__ import annotations

import string

import pytest

from rituals import all_rituals, by_key, checkin, gratitude, trigger
from rituals.language import ENGLISH, Joined, say

TRICKY = '<b>&</b> "quotes" 💛'
LONG = ("A long day, told in full. " * 200)[:4096]
RITUALS = all_rituals()
KEY_CHARS = set(string.ascii_lowercase + string.digits + "_")


def english(message) -> str:
    return say(ENGLISH, message)


def rendered(ritual, answers) -> str:
    """What render() says in English, its parts one after another as a reflection joins them."""
    return english(Joined(ritual.render(answers)))


def test_the_three_rituals_come_in_order():
    keys = [r.key for r in RITUALS]
    assert keys[:3] == ["checkin", "gratitude", "trigger"]
    assert by_key("checkin") is checkin.RITUAL
    assert by_key("trigger") is trigger.RITUAL


@pytest.mark.parametrize("ritual", RITUALS, ids=lambda r: r.key)
def test_texts_are_short_and_formattable(ritual):
    assert ritual.title and ritual.intro and "\n" not in ritual.intro
    assert 0 < len(ritual.description) <= 60
    assert ritual.command.isascii() and ritual.command.islower()
    for step in ritual.steps:
        filled = step.prompt.format(partner="Ben")
        assert "{" not in filled and "!!" not in filled
        assert filled.rstrip().endswith("?"), step.key
        assert len(filled.splitlines()) <= 3
        for word in ("spouse", "wife", "husband"):
            assert word not in filled.lower()


@pytest.mark.parametrize("ritual", RITUALS, ids=lambda r: r.key)
def test_step_and_choice_keys_are_unique_short_ascii(ritual):
    step_keys = [s.key for s in ritual.steps]
    assert len(step_keys) == len(set(step_keys))
    for step in ritual.steps:
        keys = [c.key for c in step.choices]
        assert len(keys) == len(set(keys))
        for key in keys:
            assert 0 < len(key) <= 12 and set(key) <= KEY_CHARS, key


@pytest.mark.parametrize("ritual", RITUALS, ids=lambda r: r.key)
def test_every_ritual_has_a_free_text_step(ritual):
    assert any(step.is_free_text for step in ritual.steps)


def _free_text_key(ritual):
    return next(step.key for step in ritual.steps if step.is_free_text)


@pytest.mark.parametrize("ritual", RITUALS, ids=lambda r: r.key)
@pytest.mark.parametrize("text", [TRICKY, LONG, "  spaced  inside \n\n and lines  "])
def test_free_text_appears_verbatim(ritual, text):
    answers = {_free_text_key(ritual): text}
    assert text in rendered(ritual, answers)
    assert text.strip() in english(ritual.reflection(answers))


@pytest.mark.parametrize("ritual", RITUALS, ids=lambda r: r.key)
def test_all_skipped_reads_as_nothing(ritual):
    assert ritual.render({}) == []
    assert ritual.reflection({}) is None


@pytest.mark.parametrize("ritual", RITUALS, ids=lambda r: r.key)
def test_every_choice_reads_as_words_not_keys(ritual):
    for step in ritual.steps:
        for choice in step.choices:
            text = rendered(ritual, {step.key: choice.key})
            assert text and "{" not in text


@pytest.mark.parametrize("ritual", RITUALS, ids=lambda r: r.key)
def test_typed_text_at_a_choice_step_is_verbatim(ritual):
    for step in (s for s in ritual.steps if s.choices):
        assert TRICKY in rendered(ritual, {step.key: TRICKY})


def test_checkin_reads_weather_body_and_moment():
    text = rendered(
        checkin.RITUAL,
        {"weather": "mixed", "body": "shoulders", "moment": "Lunch with Ana by the river."},
    )
    assert text == (
        "Today felt ⛅ Mixed.\nI feel it in my shoulders.\n\nLunch with Ana by the river."
    )


def test_checkin_asks_from_the_body():
    body = checkin.RITUAL.steps[1]
    assert "chest" in body.prompt and "jaw" in body.prompt
    assert body.choice("nowhere").label == "Nowhere in particular"
    assert len(checkin.WEATHER) == 5


def test_checkin_moment_names_the_partner():
    assert "{partner}" in checkin.RITUAL.steps[2].prompt


def test_gratitude_reads_moment_then_feeling():
    text = rendered(gratitude.RITUAL, {"moment": "You made tea at 6am.", "feeling": "cared"})
    assert text == "Something you did that I appreciate:\nYou made tea at 6am.\n\nIt made me feel cared for."


def test_gratitude_feeling_is_optional():
    assert rendered(gratitude.RITUAL, {"moment": "x"}).endswith("x")


def test_trigger_reads_as_gentle_start_up():
    moment = "At dinner my phone buzzed and the talk moved on before I finished."
    text = rendered(trigger.RITUAL, {"what": moment, "felt": "unseen", "need": "listen"})
    assert text == f"I felt unseen when this happened:\n{moment}\n\nI need to be listened to."
    assert text.index("I felt") < text.index("when") < text.index(moment) < text.index("I need")


def test_trigger_never_reads_as_blame():
    for felt in trigger.FELT_WORDS:
        for need in trigger.NEED_WORDS:
            text = rendered(trigger.RITUAL, {"what": "m", "felt": felt, "need": need}).lower()
            for blame in ("you always", "you never", "your fault", "because you"):
                assert blame not in text


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"felt": "hurt"}, "I felt hurt."),
        ({"what": "m"}, "When this happened:\nm"),
        ({"need": "hug"}, "I need a hug."),
        ({"felt": "other", "what": "m"}, "I felt something hard to name when this happened:\nm"),
        ({"felt": "small", "what": "m"}, "I felt small when this happened:\nm"),
        ({"need": "a walk together"}, "What I need: a walk together"),
    ],
)
def test_trigger_reads_well_when_partly_skipped(answers, expected):
    assert rendered(trigger.RITUAL, answers) == expected


def test_words_of_danger_are_noticed_and_ordinary_words_are_not():
    from rituals.safety import mentions_danger

    for text in ("Sometimes I want to end it all", "I've been thinking about SUICIDE",
                 "he hit me last night", "I don't want to live like this"):
        assert mentions_danger(text), text
    for text in ("You killed it at the party", "I need a hug", "work was a nightmare", ""):
        assert not mentions_danger(text), text
