"""Conversations many tests share (pairing, a gratitude run), played against the stand-in;
they work the same with the bot in-process (the harness) or as a `python -m bot` process."""
from __future__ import annotations

from tests.support.people import BEN, SAM, Person


def invite_code(text: str) -> str:
    """The code in an invite link's text (what follows start=)."""
    return text.split("start=")[1].split()[0]


async def say(standin, person: Person, text: str, expect: str | None = None, *,
              timeout: float = 5.0):
    """Send `text` as `person`; return the bot's next message to them (matching `expect`)."""
    before = len(standin.sent_to(person.id))
    await standin.say(person, text)
    return await standin.wait_for(person.id, expect or (lambda s: True), after=before,
                                  timeout=timeout)


async def pair(standin, inviter: Person = SAM, invitee: Person = BEN, *,
               timeout: float = 5.0) -> None:
    """/invite, then the invitee follows the link; both are told they are connected, and
    each is asked for their time zone (pairing's last word to each)."""
    link = await say(standin, inviter, "/invite", "t.me/", timeout=timeout)
    await say(standin, invitee, f"/start {invite_code(link.text)}", "connected", timeout=timeout)
    for person in (invitee, inviter):  # the zone asked for, or the evening time if known
        await standin.wait_for(person.id, lambda sent: "Which city are you in?" in sent.text
                               or "Your evening ritual arrives" in sent.text, timeout=timeout)


async def run_gratitude(harness, person: Person, moment: str, feeling: str = "Loved"):
    """A whole /gratitude through the harness; returns what the author is told at the end."""
    question = await harness.say(person, "/gratitude", expect="What did")
    assert question.buttons[-2]["text"] == "Skip" and question.buttons[-1]["text"] == "Cancel"
    feeling_q = await harness.say(person, moment, expect="How did it make you feel")
    return await harness.tap(person, feeling_q, feeling, expect="Sam" if person is BEN else "Ben")


async def send_gratitude(standin, person: Person, words: str, *, timeout: float = 5.0) -> None:
    """Run /gratitude to its last button: the reflection is saved, its delivery begins."""
    await say(standin, person, "/gratitude", "What did", timeout=timeout)
    feeling = await say(standin, person, words, "How did it make you feel", timeout=timeout)
    await standin.tap(person, feeling, "Loved")


def copies(standin, chat_id: int, words: str) -> int:
    """How many messages to `chat_id` hold `words`."""
    return sum(words in (s.text or "") for s in standin.sent_to(chat_id))
