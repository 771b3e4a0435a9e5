"""Relaying a person's words: the entry and its deliveries written in one transaction, the
buttons the partner gets to turn toward them, and the line that tells the writer where
their words are. Never waits for the partner's send: the sender does that.
"""
from __future__ import annotations

import rituals
from bot.context import Unit
from bot.edge.callbacks import Heard, ReplyTo, TurnToward
from bot.localtime import local_when_for
from bot.messages import split_message
from bot.store import outbox
from bot.store.models import Couple, Entry
from bot.store.saves import insert_now
from bot.texts import rituals as t
from bot.texts.together import ENTRY_TITLES
from rituals.headers import TRIGGER_ANSWERS, relay_header
from rituals.language import Lazy, Phrase
from rituals.safety import SAFETY_NOTE, mentions_danger
from rituals.timeout import HELD_WHILE_PAUSED


def title_of(kind: str) -> str:
    """The marked title of an entry's kind (said in the reader's language when shown)."""
    ritual = rituals.by_key(kind)
    if ritual is not None:
        return ritual.title
    return {"reply": t.REPLY_TITLE, "heard": t.HEARD_TITLE, "words": t.WORDS_TITLE,
            **ENTRY_TITLES}.get(kind, kind)


def response_buttons(entry_id: int, author_name: str, kind: str = "") -> list:
    """"I hear you" first (under a named trigger also "Thank you for telling me" and "That
    makes sense"), then a reply in words."""
    rows = [[(t.HEAR_BUTTON, Heard(entry_id).pack())]]
    if kind == "trigger":
        rows.append([(label, TurnToward(entry_id, index).pack())
                     for index, label in enumerate(TRIGGER_ANSWERS) if index])
    return rows + [[(Phrase(t.REPLY_BUTTON, name=author_name), ReplyTo(entry_id).pack())]]


def write_entry(unit: Unit, *, kind: str, header: Lazy, body: str | Lazy,
                with_buttons: bool = True, reply_to_id: int | None = None,
                said: str | None = None) -> Entry:
    """Save the words to the thread and, when paired, one delivery per message part.

    `body` is the person's words as a str (never looked up in a catalogue), or a reflection
    whose frame is said in the partner's language (their words inside it untouched); it is
    kept as the partner read it, with `said` (bot/entries.py) to say it again to anyone else
    in their own language. The header is in the partner's language too.
    """
    author, partner = unit.person, unit.partner
    words = unit.words_of(partner.id) if partner is not None else unit.words
    text = body if isinstance(body, str) else words(body)
    entry = insert_now(unit.session, Entry(
        couple_id=author.couple_id if partner else None, author_id=author.id, kind=kind,
        body=text, said=said, reply_to_id=reply_to_id, created_at=unit.now))
    if partner is not None:
        outbox.enqueue(
            session=unit.session, recipient_id=partner.id,
            texts=split_message(words(header), text), now=unit.now, entry_id=entry.id,
            couple_id=author.couple_id,
            buttons=words.buttons(response_buttons(entry.id, author.first_name, kind))
            if with_buttons else None,
        )
        unit.chats_to_kick.add(partner.id)
    return entry


def tell_where(unit: Unit, words: str = "") -> None:
    """Tell the writer where their words are: on their way, held, or waiting for a return."""
    if words and mentions_danger(words):
        unit.say(SAFETY_NOTE)
    unit.say(where_text(unit))


def where_text(unit: Unit) -> Phrase:
    partner = unit.partner
    if partner is None:
        return Phrase(t.PRIVATE_NOTE)
    if partner.blocked_at is not None:
        return Phrase(t.UNREACHABLE, partner=partner.first_name)
    couple = unit.session.get(Couple, partner.couple_id) if partner.couple_id else None
    if couple is not None and couple.paused_by is not None:
        if couple.paused_until is None:  # ending now: the words follow the end notices
            return Phrase(t.HELD, partner=partner.first_name)
        return Phrase(HELD_WHILE_PAUSED, name=partner.first_name,
                      when=local_when_for(couple.paused_until, unit.person, unit.now))
    return Phrase(t.SENT, partner=partner.first_name)


def header(name: str, kind: str, answering: str | None = None) -> Lazy:
    """The line (and blank line) above relayed words, as a person would write it."""
    if kind in ENTRY_TITLES:  # an answer given blind, shared on its own: named for what it is
        return Phrase(t.HEADER, name=name, title=Phrase(title_of(kind)))
    return relay_header(name, kind, answering)
