"""The daily question (/question): a Love Maps bank, its per-couple order, and its words.

Both partners get the same question on a day and answer blind (rituals/together.py);
the order is a per-couple shuffle of the bank that repeats nothing until every question
has been asked. Questions follow Gottman's Love Maps (the partner's inner world now:
worries, hopes, small joys, memories, friends) and VOICE.md: open, specific to now,
safe to answer briefly, never loaded or comparative.
"""
from __future__ import annotations

import hashlib
from datetime import timedelta

from rituals.base import Answers, Ritual, Step, given
from rituals.language import N_, Joined, Lazy, Phrase, Verbatim
from rituals.shared import Blind, Said, stacked

# Append only, and never reword in place: a couple's order is a shuffle of positions, so
# inserting or removing a question reshuffles the cycle they are in.
QUESTIONS = (
    # what's on their mind
    N_("What's been on your mind this week that might not show from the outside?"),
    N_("What's one small worry you've been carrying lately?"),
    N_("What's taking up more of your energy than it deserves right now?"),
    N_("What's something coming up soon that you feel a little nervous about?"),
    N_("Which part of your day tends to be the hardest at the moment?"),
    N_("What helps you most after a rough day, lately?"),
    N_("What's a decision on your mind at the moment, big or small?"),
    N_("What's something you'd like to talk through, but haven't found the moment for?"),
    # hopes and dreams
    N_("What's something you're looking forward to this month?"),
    N_("What's a hope for the coming year that you haven't said out loud much?"),
    N_("If you had a free week with nothing planned, how would you spend it?"),
    N_("What's a skill you'd love to learn, and what draws you to it?"),
    N_("What's a place you'd love to see someday, and why that one?"),
    N_("What's a dream from when you were younger that still tugs at you a little?"),
    N_("What would you like more of in your life right now?"),
    N_("What would you like a little less of in your life right now?"),
    N_("Where would you like to be living in ten years, if anything were possible?"),
    N_("What's something you'd like to do just for yourself this month?"),
    # small joys
    N_("What was a small good moment from today?"),
    N_("What's a little thing that reliably lifts your mood?"),
    N_("What would make a perfect Saturday for you right now?"),
    N_("What's a smell, sound or taste that feels like comfort to you?"),
    N_("What's a song you've had on repeat lately?"),
    N_("What's the best thing you've eaten recently?"),
    N_("Where do you feel most at ease these days?"),
    N_("What's a simple pleasure you'd like to make more room for?"),
    N_("What made you laugh recently?"),
    N_("Which part of your week do you look forward to most right now?"),
    N_("What's something you find beautiful that others might walk past?"),
    N_("What would you do with an unexpected free afternoon this week?"),
    # memories
    N_("What's a childhood memory that still makes you smile?"),
    N_("What's a moment from your early days together that you like to remember?"),
    N_("Which grown-up was kind to you when you were young, and what do you remember?"),
    N_("What's a tradition, from growing up or since, that you'd like to keep?"),
    N_("What's a trip or a day out you still think about?"),
    N_("What did a good weekend look like when you were a teenager?"),
    N_("What's a time you felt really proud of yourself?"),
    N_("What's a small moment between the two of you that you come back to in your mind?"),
    N_("What's a meal you remember, and who was at the table?"),
    N_("What's a compliment you once received that you still remember?"),
    # friends and people
    N_("Which friend have you been thinking about lately, and why?"),
    N_("Who, besides each other, do you feel most yourself with?"),
    N_("Who is someone you'd like to get back in touch with?"),
    N_("Who has been kind to you recently, in a way that stayed with you?"),
    N_("What's something a friend said lately that stuck with you?"),
    N_("Who taught you something this year, even without meaning to?"),
    # their inner world
    N_("What's something you've changed your mind about in the last few years?"),
    N_("What does a really good day feel like for you these days?"),
    N_("When do you feel most like yourself?"),
    N_("What's something you're quietly proud of right now?"),
    N_("What's a book, show or podcast that has stayed with you, and what about it?"),
    N_("How do you most like to recharge after a busy week?"),
    N_("What's a question you wish people asked you more often?"),
    N_("What's one thing you'd like to get better at, just for yourself?"),
    N_("What does home feel like to you these days?"),
    N_("What's a value that has become more important to you lately?"),
    N_("What's a fear you've outgrown?"),
    N_("What are you curious about right now?"),
    N_("What does rest look like for you at the moment?"),
    N_("What is your body asking for lately: rest, movement, sunlight, something else?"),
    N_("What's a hobby you've drifted away from that you sometimes miss?"),
    N_("Which season do you love most, and what about it?"),
    N_("What's a small change that would make your mornings easier?"),
    # the two of you
    N_("What's something small the two of you do that you'd miss if it stopped?"),
    N_("What's a way you like to be comforted that might not be obvious?"),
    N_("What's a little gesture that makes you feel cared for?"),
    N_("What's something you'd like the two of you to try together this year?"),
    N_("What's a recent moment when you felt close to each other?"),
    N_("What's a tradition you'd like the two of you to start?"),
    N_("What do you love about an ordinary evening together?"),
    N_("What's something you're grateful for this week that has nothing to do with work?"),
    N_("What's a place that feels like yours as a couple, or could become it?"),
)


def question_index(couple_seed: int, day_index: int) -> int:
    """The position in QUESTIONS a couple is asked on their `day_index`-th day (0, 1, 2, ...).

    `day_index` counts the couple's question days (or rounds: a count of rounds opened
    skips nothing a couple never saw). Each run of len(QUESTIONS) days is one shuffle of
    the whole bank, different per couple and per cycle; the first question of a cycle is
    never the last of the one before.
    """
    if day_index < 0:
        raise ValueError("day_index counts from 0")
    cycle, position = divmod(day_index, len(QUESTIONS))
    order = _shuffle(couple_seed, cycle)
    if cycle > 0 and order[0] == _shuffle(couple_seed, cycle - 1)[-1]:
        order[0], order[1] = order[1], order[0]  # only the first two move: the last stays put
    return order[position]


def question_for(couple_seed: int, day_index: int) -> str:
    """The question both partners of a couple are asked on that day."""
    return QUESTIONS[question_index(couple_seed, day_index)]


def _shuffle(couple_seed: int, cycle: int) -> list[int]:
    # Sorting by a hash, not random.shuffle: the order must stay the same across Python
    # versions and restarts, since a couple's history depends on it.
    def rank(position: int) -> bytes:
        return hashlib.sha256(f"attune-question:{couple_seed}:{cycle}:{position}".encode()).digest()

    return sorted(range(len(QUESTIONS)), key=rank)


# --- the ritual and its words --------------------------------------------------------

ANSWER = "answer"

# Formatted with partner= and question=; the question comes last, as every prompt does.
PROMPT = N_("Only you see this for now: {partner} sees it once they've answered too.\n{question}")

WAITS = N_(
    "Your answer is saved, and it waits for {partner}'s.\n"
    "When {partner} has answered too, you'll both see both at once."
)
PASSED = N_("Letting this one pass is fine. Nothing of yours will be shown.")
ALREADY = N_("You've answered this one already; it's waiting for {partner}'s.")
OVER = N_("That question has closed. /question brings today's.")
REVEAL_HEADER = N_("You've both answered 💛\n{question}")

# One line for the evening nudge, once per question, to the one who hasn't answered.
NUDGE_PARTNER_ANSWERED = N_("{partner}'s answer to today's question is waiting for yours: /question")
NUDGE_NOBODY_YET = N_("Today's question is there for you both whenever you like: /question")

CLOSED_OFFER = N_(
    "This question closed before {partner} answered, and that's okay:\n{question}\n\n"
    "Would you like to share your answer with {partner} anyway?"
)
PASSED_OFFER = N_(
    "{partner} let this question pass, and that's okay:\n{question}\n\n"
    "Would you like to share your answer with {partner} anyway?"
)


def render(answers: Answers) -> list[Lazy]:
    """One partner's answer, exactly as written (nothing when they let it pass)."""
    answer = given(answers, ANSWER)
    return [Verbatim(answer)] if answer else []


def reveal(question: str, said: list[Said]) -> Joined:
    """Both answers at once, each under its author's first name (the question, a marked
    text, in the reader's language)."""
    return Joined([Phrase(REVEAL_HEADER, question=Phrase(question)), stacked(said, render)])


def relay(question: str, answers: Answers) -> Joined | None:
    """A lone answer its author chose to share: the question, then their words."""
    answer = render(answers)
    return Joined([Phrase(question), *answer]) if answer else None


def nudge_line(partner: str, partner_answered: bool) -> Phrase:
    """The reminder line inside the evening nudge (see together.remind: once per question)."""
    template = NUDGE_PARTNER_ANSWERED if partner_answered else NUDGE_NOBODY_YET
    return Phrase(template, partner=partner)


RITUAL = Ritual(
    key="question",
    command="question",
    title=N_("The daily question"),
    description=N_("One question for you both, answers seen together"),
    intro=N_("One question for the two of you; you'll see each other's answers together."),
    steps=(Step(key=ANSWER, prompt=PROMPT, skip_label=N_("Not today")),),
    render=render,
    shared=True,
)

BLIND = Blind(ritual=RITUAL, layout=reveal, relay=relay, lifetime=timedelta(hours=48))
