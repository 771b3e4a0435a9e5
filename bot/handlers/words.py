"""Free words go somewhere: text typed with nothing open (no ritual, no nudge to answer)
is quoted back with an offer, never sent without a tap. "Send to Ben" relays it exactly as
written, into the thread with "I hear you" under it like any reflection (held until the
end during a time-out); "Keep it private" lets it go. The words wait on the server under
the offer's id; the buttons carry only that id.
"""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

import rituals
from bot.context import AttuneContext, Unit
from bot.edge.callbacks import FreeWords
from bot.handlers import conversation, fallback
from bot.handlers.rituals import begin, nudge_open
from bot.localtime import local_until_for
from bot.relay import tell_where, write_entry
from bot.store import offers, pauses
from bot.store.models import Couple
from bot.texts import common as ct
from bot.texts import words as t
from rituals.headers import WORDS, relay_header
from rituals.language import Phrase
from rituals.safety import SAFETY_NOTE, mentions_danger

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = []
SEND, CHECKIN, KEEP = "send", "checkin", "keep"


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(answer_offer, pattern=FreeWords.matches))
    conversation.on_free_text(offer_words, last=True)


def offer_words(unit: Unit, text: str) -> bool:
    """Quote the words back and ask where they go; False when there is no partner to offer."""
    partner = unit.partner
    if partner is None:
        return False
    offer = offers.make(session=unit.session, user_id=unit.person.id, body=text, now=unit.now)
    if mentions_danger(text):
        unit.say(SAFETY_NOTE)
    couple = unit.session.get(Couple, unit.person.couple_id)
    held = pauses.is_paused(couple) and couple.paused_until is not None
    send_label = t.SEND_HELD_BUTTON if held else Phrase(t.SEND_BUTTON, partner=partner.first_name)
    rows = [[(send_label, FreeWords(offer.id, SEND).pack())]]
    if nudge_open(unit.person, unit.now):
        rows.append([(t.CHECKIN_BUTTON, FreeWords(offer.id, CHECKIN).pack())])
    rows.append([(t.KEEP_BUTTON, FreeWords(offer.id, KEEP).pack())])
    if held:
        question = Phrase(t.OFFER_HELD,
            words=text, partner=partner.first_name,
            until=local_until_for(couple.paused_until, unit.person, unit.now))
    else:
        question = Phrase(t.OFFER, words=text, partner=partner.first_name)
    unit.say(question, buttons=rows)
    return True


async def answer_offer(update: Update, context: AttuneContext) -> None:
    """Send, use for the check-in, or let go: once, for the presser's own offer only; a
    second tap on an answered offer shows nothing new."""
    pressed = FreeWords.parse(update.callback_query.data)
    outcome = "stale"
    async with context.unit() as unit:
        offer = offers.find(session=unit.session, offer_id=pressed.offer_id, user_id=unit.person.id)
        if offer is not None and pressed.action in (SEND, CHECKIN, KEEP):
            outcome = _act(unit, offer, pressed.action)
    if outcome == "stale":
        await fallback.stale_button(update, context)
        return
    await context.ack()
    if outcome == "done":
        await context.drop_buttons()


def _act(unit: Unit, offer, action: str) -> str:
    if offer.answered_at is not None:
        return "answered"
    if action == SEND and unit.partner is None:
        unit.say(ct.NOT_PAIRED)  # unpaired since: the words stay offered ("Keep" still works)
        return "kept open"
    words = offers.answer(session=unit.session, offer=offer, now=unit.now)
    if words is None:
        return "answered"
    if action == KEEP:
        unit.say(t.KEPT)
    elif action == CHECKIN:
        begin(unit, rituals.by_key("checkin"), words)
    else:
        name = unit.person.first_name
        entry = write_entry(unit, kind=WORDS, header=relay_header(name, WORDS), body=words)
        log.info("entry %s (words) saved by user %s", entry.id, unit.person.id)
        tell_where(unit)
    return "done"
