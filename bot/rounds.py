"""Rituals answered blind, in the chat: taking a partner's answers, the reveal to both at
once, the "share it anyway?" offer for a lone answer, and what /forget takes away.

The state machine is rituals/together.py; each change is a guarded UPDATE (store/rounds.py)
in the update's own transaction, with everything it makes someone read (the reveal to both,
the offer) queued in that same transaction. Until both answered, nothing of one partner's
words is written anywhere the other can read: no entry, no delivery, no log line.
"""
from __future__ import annotations

import logging

import rituals
from bot.context import Unit
from bot.edge.callbacks import ShareAnswer
from bot.entries import answers_said, shared_said
from bot.messages import split_message
from bot.relay import header, response_buttons, tell_where, write_entry
from bot.store import outbox, pauses, rounds
from bot.store.models import Couple, Entry
from bot.store.outbox import Buttons
from bot.store.rounds import Round
from bot.store.thread import names_by_id
from bot.texts import together as t
from bot.texts.common import YOUR_PARTNER
from rituals import questions, weekly
from rituals.language import Joined, Phrase
from rituals.safety import SAFETY_NOTE, mentions_danger
from rituals.shared import KEPT, Blind, offer_buttons
from rituals.together import OPEN, Kind, Shared, answer, decide, forget

log = logging.getLogger(__name__)

WORDS = {"question": questions, "weekly": weekly}  # each blind ritual's own words
SOMEONE = Phrase(YOUR_PARTNER)


def blind_of(state: Shared) -> Blind:
    return rituals.shared_by_key(state.ritual)


def names_of(session, state: Shared) -> dict[int, str]:
    names = names_by_id(session=session, ids=set(state.people))
    return {person: names.get(person) or SOMEONE for person in state.people}


def belongs(unit: Unit, rnd: Round | None) -> bool:
    """The round is the person's own couple's, and they are one of its two."""
    person = unit.person
    return rnd is not None and rnd.couple_id == person.couple_id and person.id in rnd.state.people


def submit(unit: Unit, round_id: int, answers: dict[str, str | None], ritual: str) -> Kind:
    """Take the person's answers for the round; say what follows and queue what others read."""
    person = unit.person
    words = WORDS[ritual]
    if not belongs(unit, rounds.get(unit.session, round_id)):
        unit.say(words.OVER)
        return Kind.OVER
    rnd, outcome = rounds.transition(
        unit.session, round_id, lambda state: answer(state, person.id, answers, unit.now))
    names = names_of(unit.session, rnd.state)
    partner = names[rnd.state.partner_of(person.id)]
    kind = outcome.kind
    log.info("round %s of couple %s: %s from user %s", rnd.id, rnd.couple_id, kind.value, person.id)
    if kind in (Kind.WAIT, Kind.REVEAL, Kind.OFFER) and any(
            mentions_danger(v) for v in answers.values() if v):
        unit.say(SAFETY_NOTE)
    if kind is Kind.REVEAL:
        reveal(unit, rnd, names)
    elif kind is Kind.OFFER:
        author = outcome.to[0]
        text, rows = offer_message(rnd, names, author, words.PASSED_OFFER)
        if author == person.id:
            unit.say(text, buttons=rows)
        else:
            unit.say(words.PASSED)
            unit.tell(author, text, buttons=rows)
    elif kind is Kind.WAIT:
        unit.say(Phrase(words.WAITS, partner=partner))
    elif kind is Kind.ALREADY:
        unit.say(Phrase(words.ALREADY, partner=partner))
    elif kind is Kind.OVER:
        unit.say(words.OVER)
    else:  # PASSED, CLOSED
        unit.say(words.PASSED)
    return kind


def reveal(unit: Unit, rnd: Round, names: dict[int, str]) -> None:
    """Both answered: an entry per answer, and both answers to both, in one transaction.

    Each copy is a holdable relay (a time-out holds it like any words), tied to the
    partner's entry, so deleting that entry (/forget) takes the unsent copy with it."""
    state, session = rnd.state, unit.session
    blind = blind_of(state)
    entries: dict[int, Entry] = {}
    for said in state.entries:  # kept as its reader (the partner) reads it
        reader = unit.words_of(state.partner_of(said.person))
        entries[said.person] = Entry(
            couple_id=rnd.couple_id, author_id=said.person, kind=state.ritual,
            body=reader(Joined(blind.ritual.render(said.as_dict()))),
            said=answers_said(said.as_dict()), round_id=rnd.id, created_at=unit.now)
        session.add(entries[said.person])
    session.flush()
    for recipient in state.people:
        partner, words = state.partner_of(recipient), unit.words_of(recipient)
        outbox.enqueue(
            session=session, recipient_id=recipient,
            texts=split_message("", words(blind.reveal(state, recipient, names))), now=unit.now,
            entry_id=entries[partner].id, couple_id=rnd.couple_id,
            buttons=words.buttons(response_buttons(entries[partner].id, names[partner])))
        unit.chats_to_kick.add(recipient)
    if pauses.is_paused(session.get(Couple, rnd.couple_id)):
        unit.say(t.REVEAL_HELD)


def offer_message(rnd: Round, names: dict[int, str], author: int,
                  template: str) -> tuple[Phrase, Buttons]:
    """"Share it anyway?" for the lone author, with its two buttons (share first)."""
    partner = names[rnd.state.partner_of(author)]
    share, keep = offer_buttons(partner)
    rows = [[(share, ShareAnswer(rnd.id, "yes").pack())],
            [(keep, ShareAnswer(rnd.id, "no").pack())]]
    return Phrase(template, partner=partner, question=Phrase(rnd.state.topic)), rows


def share_or_keep(unit: Unit, round_id: int, share: bool) -> bool:
    """The lone author's choice; False when the button is not theirs or no longer stands."""
    person = unit.person
    if not belongs(unit, rounds.get(unit.session, round_id)):
        return False
    rnd, outcome = rounds.transition(
        unit.session, round_id, lambda state: decide(state, person.id, share))
    if outcome.kind is Kind.SHARE:
        author, body = blind_of(rnd.state).shared_anyway(rnd.state)
        entry = write_entry(unit, kind=rnd.state.ritual,
                            header=header(person.first_name, rnd.state.ritual), body=body,
                            said=shared_said(rnd.state.topic, rnd.state.entry(author).as_dict()))
        log.info("entry %s (%s shared anyway) saved by user %s", entry.id, rnd.state.ritual,
                 person.id)
        tell_where(unit, entry.body)
        return True
    if outcome.kind is Kind.KEEP:
        unit.say(KEPT)
        return True
    return False


def forget_answers(session, person_id: int, name: str,
                   couple_id: int | None) -> list[tuple[int, Phrase]]:
    """Take the person's words out of every round they were in (in the /forget transaction).

    Returns (author, text) for each answer the partner gave that was still waiting for the
    person's: it can never be revealed now, so it goes back to its author alone."""
    returned = []
    for rnd in rounds.of_person(session, person_id, couple_id):
        before = rnd.state
        other = before.entry(before.partner_of(person_id))
        rounds.transition(session, rnd.id, lambda state: (forget(state, person_id), None))
        if before.status == OPEN and other is not None and not other.passed:
            words = blind_of(before).relay(before.topic, other.as_dict())
            if words is not None:
                returned.append((other.person, Phrase(t.RETURNED, name=name, words=words)))
    return returned
