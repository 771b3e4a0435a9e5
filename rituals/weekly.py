"""The weekly State of the Union (/weekly): each partner prepares it privately, both see both.

Gottman's order, warm first and hard last: appreciations (up to five), what went well
between us, one thing to talk about (optional, as a gentle start-up), and "what could I do
to make you feel loved this coming week?". Every step can be skipped. Both preparations
are revealed together (rituals/together.py) as an agenda for talking in person,
appreciations first; the bot prepares the talk, it is never the talk. Also here: reading
`/weekly sun 19:00` and when the next preparation is due (DST-correct, via schedule.py).

Appreciations come as one message, one per line, not as "add another" rounds: one step
fits the runner every ritual uses, a list can be written or pasted at once, and Telegram
keeps line breaks. More than five lines are asked about once (Step.check), never cut.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal, Sequence
from zoneinfo import ZoneInfo

from rituals import day_words
from rituals.base import Answers, Ritual, Step, given
from rituals.language import N_, Joined, Lazy, Phrase, Plural
from rituals.schedule import next_nudge_at, parse_local_time
from rituals.shared import Blind, Said

MAX_APPRECIATIONS = 5



def appreciation_items(text: str | None) -> tuple[str, ...]:
    """The appreciations in one answer: its non-blank lines, each exactly as written."""
    return tuple(line for line in (text or "").splitlines() if line.strip())


def too_many(count: int) -> Plural:
    # Only ever said for six or more, but languages with several plural forms need them all.
    return Plural(
        "That's {n}, and each one counts. The talk keeps it to five, so each gets its moment.\n"
        "Which five would you bring this week?",
        "That's {n}, and each one counts. The talk keeps it to five, so each gets its moment.\n"
        "Which five would you bring this week?",
        count)


def _check_appreciations(text: str) -> Plural | None:
    count = len(appreciation_items(text))
    return too_many(count) if count > MAX_APPRECIATIONS else None


STEPS = (
    Step(
        key="thanks",
        prompt=(
            N_("Up to five things {partner} did this week that you appreciated, one per line.\n"
            "If you like, add what it shows: \"you called my mum: you're thoughtful\".\n"
            "What did you appreciate this week?")
        ),
        check=_check_appreciations,
    ),
    Step(
        key="well",
        prompt=N_("Now the week between the two of you, not only the hard parts.\nWhat went well between you this week?"),
    ),
    Step(
        key="talk",
        prompt=(
            N_("One thing to talk about, if there is one; none is fine too.\n"
            "The gentle way in: \"I felt … when …; I need …\".\n"
            "What would you like to talk about?")
        ),
        skip_label=N_("Nothing this week"),
    ),
    Step(
        key="loved",
        prompt=(
            N_("Last, the question the talk ends with, answered for yourself.\n"
            "What could {partner} do to make you feel loved this coming week?")
        ),
    ),
)

# Section titles, in the agenda's order: warm first, hard last, then the week ahead.
SECTIONS = (
    ("thanks", N_("Appreciations")),
    ("well", N_("What went well between you")),
    ("talk", N_("One thing to talk about, one at a time")),
    ("loved", N_("What would help each of you feel loved this coming week")),
)
# The same sections in the author's own voice, for one preparation shared on its own.
OWN_TITLES = {
    "thanks": N_("What I appreciated this week"),
    "well": N_("What went well between us"),
    "talk": N_("One thing I'd like us to talk about"),
    "loved": N_("What would help me feel loved this coming week"),
}
LISTENING = N_(
    "One speaks, the other sums it up and asks \"Did I get that right?\", "
    "before any answer or advice."
)
IN_PERSON = N_("This prepares a talk the two of you have together, in person; it isn't the talk itself.")
AGENDA_HEADER = N_(
    "Your State of the Union is ready 💛\n"
    "This prepares a talk the two of you have together, in person; it isn't the talk itself."
)

START = N_(
    "It's time to prepare this week's State of the Union: a few quiet minutes, just for you.\n"
    "{partner} prepares too, and you'll both get the agenda once you're both done.\n"
    "Ready to begin?"
)
START_LABEL = N_("Start preparing")
NOT_THIS_WEEK_LABEL = N_("Not this week")
WAITS = N_(
    "Your preparation is saved, and it waits for {partner}'s.\n"
    "When {partner} is done too, you'll both get the agenda at once."
)
PASSED = N_("Letting this week pass is fine. Nothing of yours will be shown.")
ALREADY = N_("You've prepared this week already; it's waiting for {partner}'s.")
OVER = N_("This week's preparation has closed. The next one comes at your weekly time.")
CLOSED_OFFER = N_(
    "This week's preparation closed before {partner} finished, and that's okay.\n"
    "Would you like to share yours with {partner} anyway?"
)
PASSED_OFFER = N_(
    "{partner} let this week's preparation pass, and that's okay.\n"
    "Would you like to share yours with {partner} anyway?"
)


_TITLED = N_("{title}\n{answer}")
_NUMBERED = N_("{number}. {title}")
_FOR_OTHER = N_("{name}, for {other}:\n{answer}")
_NAMED = N_("{name}:\n{answer}")


def render(answers: Answers) -> list[Lazy]:
    """One partner's preparation, section by section, every answer exactly as written."""
    return [Phrase(_TITLED, title=Phrase(OWN_TITLES[key]), answer=text)
            for key, _ in SECTIONS if (text := given(answers, key))]


def agenda(topic: str, said: Sequence[Said]) -> Joined:
    """Both preparations as one agenda: each section with both partners' words, in order.

    `topic` (the week's label) isn't repeated here; the header already says what this is.
    """
    blocks: list[Lazy] = [Phrase(AGENDA_HEADER)]
    number = 0
    for key, title in SECTIONS:
        lines = [_said_line(key, s, said) for s in said if given(s.answers, key)]
        if not lines:
            continue  # neither brought anything here: the agenda simply moves on
        number += 1
        section = [Phrase(_NUMBERED, number=number, title=Phrase(title)), *lines]
        if key == "talk":
            section.append(Phrase(LISTENING))
        blocks.append(Joined(section))
    return Joined(blocks)


def _said_line(key: str, person: Said, said: Sequence[Said]) -> Phrase:
    if key == "thanks":  # appreciations are addressed: whose, for whom
        other = next((s.name for s in said if s is not person), "")
        return Phrase(_FOR_OTHER, name=person.name, other=other, answer=person.answers[key])
    return Phrase(_NAMED, name=person.name, answer=person.answers[key])


def relay(topic: str, answers: Answers) -> Joined | None:
    """A lone preparation its author chose to share anyway, with the in-person line."""
    body = render(answers)
    return Joined([*body, Phrase(IN_PERSON)]) if body else None


def appreciation_count(answers: Answers) -> int:
    """How many appreciations one preparation holds (for the picture of the week)."""
    return len(appreciation_items(given(answers, "thanks")))


RITUAL = Ritual(
    key="weekly",
    command="weekly",
    title=N_("State of the Union"),
    description=N_("Prepare your weekly talk: appreciations first"),
    intro=IN_PERSON,
    steps=STEPS,
    render=render,
    shared=True,
)

BLIND = Blind(ritual=RITUAL, layout=agenda, relay=relay, lifetime=timedelta(hours=48))


# --- /weekly sun 19:00 ---------------------------------------------------------------

_EVERY = (N_("Mondays at {time}"), N_("Tuesdays at {time}"), N_("Wednesdays at {time}"),
          N_("Thursdays at {time}"), N_("Fridays at {time}"), N_("Saturdays at {time}"),
          N_("Sundays at {time}"))
OFF = "off"

SET = N_(
    "Your State of the Union preparation will come on {when}.\n"
    "/weekly with a new day and time changes it; /weekly off stops it."
)
STOPPED = N_("Weekly preparation is off. /weekly sun 19:00 starts it again whenever you like.")
USAGE = N_(
    "Pick a day and a time for your weekly State of the Union, for example /weekly sun 19:00.\n"
    "/weekly off stops it."
)
NOT_UNDERSTOOD = N_("I couldn't read that as a day and a time.\nTry /weekly sun 19:00 or /weekly friday 9pm.")


@dataclass(frozen=True)
class WeeklyTime:
    """When the preparation comes: a weekday (0 = Monday, as date.weekday()) and a local time."""

    day: int
    at: time

    def describe(self) -> Phrase:
        return Phrase(_EVERY[self.day], time=f"{self.at:%H:%M}")


def parse_weekly(text: str) -> WeeklyTime | Literal["off"] | None:
    """What follows /weekly: a day and a time ("sun 19:00", "Friday 9pm", "19:00 sunday"),
    OFF for "off" or "stop", or None when it can't be read (or is empty)."""
    words = [w for w in text.lower().replace(",", " ").split() if w not in day_words.FILLER]
    if len(words) == 1 and words[0] in day_words.OFF:
        return OFF
    if len(words) < 2:
        return None
    for day_word, rest in ((words[0], words[1:]), (words[-1], words[:-1])):
        day = _day(day_word)
        at = parse_local_time(" ".join(rest)) if day is not None else None
        if at is not None:
            return WeeklyTime(day, at)
    return None


def _day(word: str) -> int | None:
    word = word.rstrip(".")
    if word not in day_words.DAYS and word.endswith("s"):
        word = word[:-1]  # "sundays", "sonntags", "domingos"
    return day_words.DAYS.get(word)


def next_weekly_at(day: int, local_time: time, zone: str, now: datetime) -> datetime:
    """The first instant >= `now` at which `zone`'s wall clock shows weekday `day` at `local_time`,
    in UTC. DST as in schedule.next_nudge_at: a skipped time resolves to the gap's end, a
    repeated one to its first occurrence."""
    if not 0 <= day <= 6:
        raise ValueError("day is 0 (Monday) to 6 (Sunday)")
    tz = ZoneInfo(zone)
    start = now
    # Each try moves at least a day ahead, so eight reach any weekday; a zone that once
    # skipped a whole date (Samoa, 2011) may need one more.
    for _ in range(10):
        candidate = next_nudge_at(local_time, zone, start)
        if candidate.astimezone(tz).weekday() == day:
            return candidate
        start = candidate + timedelta(seconds=1)
    raise AssertionError("unreachable: every weekday comes round within ten days")
