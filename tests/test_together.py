"""Both answer, then both see: the shared round as plain values, with explicit times."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from rituals import questions
from rituals.language import ENGLISH, Joined, Verbatim, say
from rituals.shared import NotRevealed, lone_answers, own_answers, reveal_text, stacked
from rituals.together import (
    CLOSED,
    LIFETIME,
    OFFERED,
    OPEN,
    REVEALED,
    SHARED,
    Kind,
    answer,
    close,
    decide,
    expired,
    forget,
    from_json,
    open_round,
    remind,
    to_json,
)

UTC = timezone.utc
SAM, BEN = 101, 202
NAMES = {SAM: "Sam", BEN: "Ben"}
T0 = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)
QUESTION = "What would make a perfect Saturday for you right now?"
TRICKY = '<b>&</b> "quotes" *stars* _under_ `tick` 💛'
SAM_SAYS = "  A slow breakfast, then the market.\n\nNo phones until noon.  "
BEN_SAYS = "Rain outside, a film, and you " + TRICKY
LONG = ("A long answer, kept whole. " * 200)[:4096]
english = partial(say, ENGLISH)  # a lazy text as the English reader reads it


def fresh(people=(SAM, BEN)):
    return questions.BLIND.open("day-0", QUESTION, people, T0)


def said(text):
    return {questions.ANSWER: text}


def layout(topic, parts):
    return Joined([Verbatim(topic), stacked(parts, questions.render)])


def both_answered(first, second, first_text=SAM_SAYS, second_text=BEN_SAYS):
    state, one = answer(fresh(), first, said(first_text), T0 + timedelta(hours=1))
    state, two = answer(state, second, said(second_text), T0 + timedelta(hours=2))
    return state, one, two


# --- both orders ---------------------------------------------------------------------


@pytest.mark.parametrize("first, second", [(SAM, BEN), (BEN, SAM)])
def test_the_first_waits_and_the_second_reveals_to_both(first, second):
    texts = {first: SAM_SAYS, second: BEN_SAYS}
    state, one, two = both_answered(first, second, texts[first], texts[second])
    assert one.kind == Kind.WAIT and one.to == (first,)
    assert two.kind == Kind.REVEAL and set(two.to) == {SAM, BEN}
    assert state.status == REVEALED
    for recipient in (SAM, BEN):
        text = english(reveal_text(state, recipient, NAMES, layout))
        partner = second if recipient == first else first
        # each answer whole, under its author's first name; the partner's first
        assert f"{NAMES[partner]}:\n{texts[partner]}" in text
        assert f"{NAMES[recipient]}:\n{texts[recipient]}" in text
        assert text.index(f"{NAMES[partner]}:") < text.index(f"{NAMES[recipient]}:")


def test_the_reveal_reads_the_same_words_whoever_answered_first():
    forward, _, _ = both_answered(SAM, BEN, SAM_SAYS, BEN_SAYS)
    backward, _, _ = both_answered(BEN, SAM, BEN_SAYS, SAM_SAYS)
    for recipient in (SAM, BEN):
        assert english(questions.BLIND.reveal(forward, recipient, NAMES)) == english(
            questions.BLIND.reveal(backward, recipient, NAMES)
        )


@pytest.mark.parametrize("text", [TRICKY, LONG, SAM_SAYS, "\n  indented\n"])
def test_words_arrive_exact_nothing_trimmed_or_escaped(text):
    state, _, _ = both_answered(SAM, BEN, text, BEN_SAYS)
    state = from_json(to_json(state))
    assert f"Sam:\n{text}" in english(questions.BLIND.reveal(state, BEN, NAMES))
    assert own_answers(state, SAM) == said(text)


# --- nothing leaks before the reveal -------------------------------------------------


@pytest.mark.parametrize("first", [SAM, BEN])
def test_the_first_never_sees_the_second_early(first):
    second = BEN if first == SAM else SAM
    state, outcome = answer(fresh(), first, said(SAM_SAYS), T0)
    assert outcome.to == (first,)
    for recipient in (SAM, BEN):
        with pytest.raises(NotRevealed):
            reveal_text(state, recipient, NAMES, layout)
        with pytest.raises(NotRevealed):
            questions.BLIND.reveal(state, recipient, NAMES)
    with pytest.raises(NotRevealed):
        lone_answers(state)
    assert own_answers(state, second) is None
    # the held answer is in no text the bot has for the partner before the reveal
    for line in (questions.nudge_line("Sam", True), questions.nudge_line("Sam", False),
                 questions.WAITS, questions.ALREADY, questions.PROMPT):
        assert SAM_SAYS.strip() not in english(line)


def test_a_logged_state_carries_no_words():
    state, _, _ = both_answered(SAM, BEN)
    assert "breakfast" not in repr(state) and "film" not in repr(state)


def test_answering_twice_changes_nothing_and_keeps_the_first_words():
    state, _ = answer(fresh(), SAM, said(SAM_SAYS), T0)
    again, outcome = answer(state, SAM, said("something else"), T0 + timedelta(minutes=5))
    assert outcome.kind == Kind.ALREADY and again is state
    assert own_answers(again, SAM) == said(SAM_SAYS)


def test_someone_outside_the_couple_is_refused():
    with pytest.raises(ValueError):
        answer(fresh(), 999, said("hi"), T0)
    with pytest.raises(ValueError):
        open_round("question", "r", QUESTION, (SAM, SAM), T0)


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        answer(fresh(), SAM, said("hi"), datetime(2026, 6, 1, 19))


# --- 48 hours ------------------------------------------------------------------------


def test_a_round_expires_after_48_hours_not_before():
    state = fresh()
    assert LIFETIME == timedelta(hours=48)
    assert not expired(state, T0 + timedelta(hours=48) - timedelta(seconds=1))
    assert expired(state, T0 + timedelta(hours=48))
    # now may be given in any zone
    assert expired(state, (T0 + timedelta(hours=48)).astimezone(ZoneInfo("Asia/Tokyo")))


def test_an_answer_after_48_hours_is_too_late():
    state, outcome = answer(fresh(), SAM, said("late"), T0 + timedelta(hours=49))
    assert outcome.kind == Kind.OVER and state.entries == ()


def test_closing_early_does_nothing():
    state = fresh()
    same, outcome = close(state, T0 + timedelta(hours=47))
    assert same is state and outcome.kind == Kind.NONE


def test_a_lone_answer_is_offered_to_its_author_and_shared_only_if_they_say_so():
    state, _ = answer(fresh(), SAM, said(SAM_SAYS), T0 + timedelta(hours=1))
    state, outcome = close(state, T0 + timedelta(hours=48))
    assert state.status == OFFERED and outcome.kind == Kind.OFFER and outcome.to == (SAM,)
    with pytest.raises(NotRevealed):
        questions.BLIND.shared_anyway(state)
    assert decide(state, BEN, share=True)[1].kind == Kind.OVER  # only the author decides
    shared, said_yes = decide(state, SAM, share=True)
    assert said_yes.kind == Kind.SHARE and said_yes.to == (BEN,) and shared.status == SHARED
    author, body = questions.BLIND.shared_anyway(shared)
    assert author == SAM and english(body) == f"{QUESTION}\n\n{SAM_SAYS}"
    assert decide(shared, SAM, share=True)[1].kind == Kind.OVER  # once


def test_a_lone_answer_kept_is_never_rendered():
    state, _ = answer(fresh(), SAM, said(SAM_SAYS), T0)
    state, _ = close(state, T0 + timedelta(hours=48))
    kept, outcome = decide(state, SAM, share=False)
    assert outcome.kind == Kind.KEEP and outcome.to == (SAM,) and kept.status == CLOSED
    with pytest.raises(NotRevealed):
        lone_answers(kept)


def test_an_unanswered_round_just_closes():
    state, outcome = close(fresh(), T0 + timedelta(hours=50))
    assert state.status == CLOSED and outcome.kind == Kind.CLOSED and outcome.to == ()


# --- letting it pass -----------------------------------------------------------------


@pytest.mark.parametrize("passed", [None, "", "   \n "])
def test_a_pass_never_earns_the_other_answer(passed):
    # Sam answers, Ben lets it pass: Sam's words go to Ben only if Sam says so
    state, _ = answer(fresh(), SAM, said(SAM_SAYS), T0)
    state, outcome = answer(state, BEN, said(passed), T0 + timedelta(hours=1))
    assert outcome.kind == Kind.OFFER and outcome.to == (SAM,) and state.status == OFFERED
    with pytest.raises(NotRevealed):
        reveal_text(state, BEN, NAMES, layout)


def test_a_first_pass_waits_for_nothing_and_offers_the_second_their_choice():
    state, first = answer(fresh(), BEN, {}, T0)
    assert first.kind == Kind.PASSED and first.to == (BEN,) and state.status == OPEN
    state, second = answer(state, SAM, said(SAM_SAYS), T0 + timedelta(hours=1))
    assert second.kind == Kind.OFFER and second.to == (SAM,)


def test_both_passing_closes_quietly():
    state, _ = answer(fresh(), SAM, said(None), T0)
    state, outcome = answer(state, BEN, said(" "), T0)
    assert outcome.kind == Kind.CLOSED and state.status == CLOSED


# --- reminders, forgetting -----------------------------------------------------------


def test_the_nudge_reminds_each_person_once_and_only_while_they_owe_nothing():
    state = fresh()
    state, first = remind(state, BEN, T0 + timedelta(hours=3))
    state, second = remind(state, BEN, T0 + timedelta(hours=27))
    assert first and not second
    state, _ = answer(state, SAM, said(SAM_SAYS), T0 + timedelta(hours=4))
    assert remind(state, SAM, T0 + timedelta(hours=5)) == (state, False)  # Sam answered
    assert not remind(fresh(), SAM, T0 + timedelta(hours=48))[1]  # expired


def test_forgetting_removes_the_words_and_ends_the_round():
    state, _ = answer(fresh(), SAM, said(SAM_SAYS), T0)
    state = forget(state, SAM)
    assert own_answers(state, SAM) is None and SAM_SAYS not in to_json(state)
    assert answer(state, BEN, said(BEN_SAYS), T0)[1].kind == Kind.OVER


# --- JSON and the guarded UPDATE -----------------------------------------------------


def test_json_round_trips_and_is_deterministic():
    state, _, _ = both_answered(SAM, BEN, LONG, TRICKY)
    text = to_json(state)
    assert from_json(text) == state and to_json(from_json(text)) == text
    again, _, _ = both_answered(SAM, BEN, LONG, TRICKY)
    assert to_json(again) == text


@pytest.mark.parametrize(
    "junk", ['{"format": 99}', "[]", '{"format": 1, "status": "odd"}', '{"format": 1, "status": "open"}']
)
def test_json_that_is_not_a_state_is_refused(junk):
    with pytest.raises(ValueError):
        from_json(junk)


def test_every_change_moves_the_version_and_no_change_keeps_the_object():
    state = fresh()
    after, _ = answer(state, SAM, said("x"), T0)
    assert after.version == state.version + 1
    assert answer(after, SAM, said("y"), T0)[0] is after


class Row:
    """A database row with a guarded UPDATE: the write lands only on the version read."""

    def __init__(self, state):
        self.text, self.version = to_json(state), state.version

    def update(self, new, read_version) -> bool:
        if read_version != self.version:
            return False
        self.text, self.version = to_json(new), new.version
        return True


def apply(row: Row, transition):
    while True:
        state = from_json(row.text)
        new, outcome = transition(state)
        if new is state or row.update(new, state.version):
            return outcome


def test_two_answers_racing_end_in_one_wait_and_one_reveal():
    row = Row(fresh())
    # both read version 0; Sam writes first, Ben's write misses and retries on Sam's state
    stale = from_json(row.text)
    sam_state, sam = answer(stale, SAM, said(SAM_SAYS), T0)
    ben_state, _ = answer(stale, BEN, said(BEN_SAYS), T0)
    assert row.update(sam_state, stale.version)
    assert not row.update(ben_state, stale.version)
    ben = apply(row, lambda s: answer(s, BEN, said(BEN_SAYS), T0))
    assert (sam.kind, ben.kind) == (Kind.WAIT, Kind.REVEAL)
    final = from_json(row.text)
    assert own_answers(final, SAM) == said(SAM_SAYS) and own_answers(final, BEN) == said(BEN_SAYS)
