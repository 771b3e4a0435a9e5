"""The daily question: the bank, the per-couple order, the ritual and its words."""
from __future__ import annotations

import re

import pytest

from rituals import all_rituals, by_key, questions, shared_by_key, shared_rituals
from rituals.language import ENGLISH, say
from rituals.questions import QUESTIONS, question_for, question_index
from rituals.shared import offer_buttons

N = len(QUESTIONS)
LOADED = (
    "why don't you", "why do you never", "always", "never", "should", "your ex", " ex ",
    "best ex", "worst", "fault", "spouse", "wife", "husband", "better than", "compared",
)
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def english(message) -> str:
    return say(ENGLISH, message)


def test_the_bank_holds_at_least_sixty_distinct_questions():
    assert N >= 60
    assert len(set(QUESTIONS)) == N
    assert len({q.lower().rstrip("?") for q in QUESTIONS}) == N


@pytest.mark.parametrize("question", QUESTIONS)
def test_each_question_is_open_short_and_gentle(question):
    assert question.endswith("?") and question.count("?") == 1
    assert "\n" not in question and "{" not in question and "!" not in question
    assert 20 <= len(question) <= 100
    assert question == question.strip() and "  " not in question
    lower = f" {question.lower()} "
    for word in LOADED:
        assert word not in lower, word
    # open, not yes/no: it starts with a question word
    assert question.split()[0].rstrip(",") in {
        "What", "What's", "Which", "Who", "Who,", "Where", "When", "How", "If",
    }, question


def test_the_perfect_saturday_question_is_in_the_bank():
    assert "What would make a perfect Saturday for you right now?" in QUESTIONS


@pytest.mark.parametrize("seed", [0, 1, 7, 12345, 2**40, -3])
def test_no_question_repeats_until_the_bank_is_exhausted(seed):
    for cycle in range(3):
        asked = [question_index(seed, cycle * N + day) for day in range(N)]
        assert sorted(asked) == list(range(N))


@pytest.mark.parametrize("seed", range(200))
def test_a_new_cycle_never_starts_with_the_question_just_asked(seed):
    for cycle in range(1, 4):
        assert question_index(seed, cycle * N - 1) != question_index(seed, cycle * N)


def test_the_same_day_gives_both_partners_the_same_question():
    assert question_for(5, 17) == question_for(5, 17) == QUESTIONS[question_index(5, 17)]


def test_couples_and_cycles_get_different_orders():
    first_weeks = {tuple(question_index(seed, d) for d in range(7)) for seed in range(20)}
    assert len(first_weeks) == 20
    assert [question_index(3, d) for d in range(N)] != [question_index(3, N + d) for d in range(N)]


def test_the_order_is_pinned_so_a_couple_history_survives_upgrades():
    # sha256-ranked, not random.shuffle: these hold on every Python version and machine
    assert [question_index(1, d) for d in range(5)] == [67, 39, 13, 16, 21]
    assert [question_index(42, d) for d in (0, 71, 72, 500)] == [6, 12, 71, 53]


def test_a_negative_day_is_refused():
    with pytest.raises(ValueError):
        question_for(1, -1)


# --- the ritual ----------------------------------------------------------------------


def test_the_daily_question_is_a_shared_ritual_kept_out_of_the_ordinary_catalogue():
    ritual = questions.RITUAL
    assert (ritual.key, ritual.command, ritual.shared) == ("question", "question", True)
    assert ritual not in all_rituals() and by_key("question") is None
    assert shared_by_key("question") is questions.BLIND and questions.BLIND in shared_rituals()
    assert all(not r.shared for r in all_rituals())


def test_it_is_one_free_text_step_that_asks_the_question_last():
    (step,) = questions.RITUAL.steps
    assert step.is_free_text and step.key == questions.ANSWER
    prompt = step.prompt.format(partner="Ben", question=QUESTIONS[0])
    assert prompt.endswith(QUESTIONS[0]) and "Ben" in prompt and len(prompt.splitlines()) <= 3
    assert 0 < len(questions.RITUAL.description) <= 60 and "\n" not in questions.RITUAL.intro


def test_the_texts_follow_the_voice():
    texts = [
        questions.WAITS.format(partner="Ben"), questions.PASSED, questions.ALREADY.format(partner="Ben"),
        questions.OVER, questions.REVEAL_HEADER.format(question=QUESTIONS[0]),
        english(questions.nudge_line("Ben", True)), english(questions.nudge_line("Ben", False)),
        questions.CLOSED_OFFER.format(partner="Ben", question=QUESTIONS[0]),
        questions.PASSED_OFFER.format(partner="Ben", question=QUESTIONS[0]),
    ]
    for text in texts:
        assert "{" not in text and "!" not in text and len(EMOJI.findall(text)) <= 1
        for word in ("spouse", "wife", "husband", "streak", "score"):
            assert word not in text.lower()
    assert "waits for Ben's" in questions.WAITS.format(partner="Ben")
    assert questions.CLOSED_OFFER.format(partner="Ben", question="Q?").endswith("with Ben anyway?")
    assert tuple(map(english, offer_buttons("Ben"))) == ("Share with Ben", "Keep it to myself")


def test_the_nudge_line_says_whether_the_partner_answered():
    assert english(questions.nudge_line("Ben", True)).startswith("Ben's answer")
    assert "Ben" not in english(questions.nudge_line("Ben", False))
    assert "/question" in english(questions.nudge_line("Ben", True))


def test_the_reveal_reads_header_question_then_both_answers():
    from rituals.shared import Said

    text = questions.reveal("Q?", [Said("Ben", {"answer": "b "}), Said("Sam", {"answer": " s"})])
    assert english(text) == "You've both answered 💛\nQ?\n\nBen:\nb \n\nSam:\n s"


def test_a_lone_answer_shared_anyway_carries_its_question():
    assert english(questions.relay("Q?", {"answer": "mine"})) == "Q?\n\nmine"
    assert questions.relay("Q?", {"answer": "  "}) is None  # nothing to share
