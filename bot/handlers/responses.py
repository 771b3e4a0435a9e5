"""Turning toward a partner's bid: "I hear you 💛" (and, under a named trigger, "Thank you
for telling me" and "That makes sense"), and a reply in words, all relayed back.

A reply to a named trigger first asks what the replier heard their partner needs
(understanding before any answer); both parts are relayed together.
"""
from __future__ import annotations

import logging

from sqlalchemy import select
from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from bot.context import AttuneContext, Unit
from bot.edge.callbacks import Heard, ReplyTo, StepChoice, TurnToward
from bot.entries import heard_and_reply, reply_said, tap_said
from bot.handlers import conversation, fallback
from bot.relay import header, tell_where, write_entry
from bot.store import runs
from bot.store.models import Entry, RitualRun, User
from bot.store.thread import entry_for_reader
from bot.texts import rituals as t
from bot.texts.common import YOUR_PARTNER_START
from rituals.headers import HEARD, REPLY, REPLY_TO_TRIGGER_ASK, TRIGGER_ANSWERS
from rituals.language import Joined, Phrase

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = []
REPLY_CANCEL, REPLY_SKIP = "~cancel", "~skip"
HEARD_STEP = "heard"  # the reply run's first answer, when it answers a trigger


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(hear, pattern=Heard.matches))
    app.add_handler(CallbackQueryHandler(hear, pattern=TurnToward.matches))
    app.add_handler(CallbackQueryHandler(start_reply, pattern=ReplyTo.matches))
    conversation.on_open_run(runs.REPLY, finish_reply)
    conversation.on_reask(runs.REPLY, ask_again)


def _bid(unit: Unit, entry_id: int) -> tuple[Entry | None, User | None]:
    """The partner's entry the button names, and its author, or Nones when the entry isn't
    the presser's own couple's (a forged or foreign button)."""
    entry = entry_for_reader(session=unit.session, reader=unit.person, entry_id=entry_id)
    return entry, (unit.session.get(User, entry.author_id) if entry else None)


def _already_heard(unit: Unit, entry_id: int) -> bool:
    return unit.session.execute(
        select(Entry.id).where(Entry.reply_to_id == entry_id, Entry.kind == HEARD,
                               Entry.author_id == unit.person.id)
    ).first() is not None


def _pressed(data: str) -> tuple[int, int]:
    """(entry id, index into TRIGGER_ANSWERS) of a one-tap answer."""
    toward = TurnToward.parse(data)
    if toward is not None:
        return toward.entry_id, toward.answer
    return Heard.parse(data).entry_id, 0


async def hear(update: Update, context: AttuneContext) -> None:
    """Let the author know their words landed: the simplest way to turn toward a bid."""
    entry_id, index = _pressed(update.callback_query.data)
    body = TRIGGER_ANSWERS[index] if 0 <= index < len(TRIGGER_ANSWERS) else None
    async with context.unit() as unit:
        entry, author = _bid(unit, entry_id)
        if body is None:
            author = None
        if author is not None and not _already_heard(unit, entry_id):
            write_entry(unit, kind=HEARD, body=Phrase(body), with_buttons=False,
                        reply_to_id=entry.id, said=tap_said(body),
                        header=header(unit.person.first_name, HEARD, entry.kind))
            tell_where(unit)
    if author is None:
        await fallback.stale_button(update, context)
        return
    await context.ack(body)
    await context.drop_buttons(
        keep=[[(Phrase(t.REPLY_BUTTON, name=author.first_name), ReplyTo(entry.id).pack())]])


async def start_reply(update: Update, context: AttuneContext) -> None:
    """Open a reply in words to the partner's entry; the next text message is the reply
    (to a trigger: first what was heard, then the reply)."""
    entry_id = ReplyTo.parse(update.callback_query.data).entry_id
    async with context.unit() as unit:
        entry, author = _bid(unit, entry_id)
        if author is not None:
            run = runs.open_run(session=unit.session, user_id=unit.person.id,
                                ritual=runs.REPLY, now=unit.now, reply_to_id=entry.id)
            if entry.kind == "trigger":
                unit.say(Phrase(REPLY_TO_TRIGGER_ASK, partner=author.first_name),
                         buttons=_rows(run, skip=True))
            else:
                unit.say(Phrase(t.REPLY_ASK, partner=author.first_name), buttons=_rows(run))
    if author is None:
        await fallback.stale_button(update, context)
        return
    await context.ack()


def ask_again(unit: Unit, run: RitualRun, preface: str) -> bool:
    """The reply's open question once more, with its buttons."""
    entry, author = _bid(unit, run.reply_to_id or 0)
    if author is None:
        return False
    if entry.kind == "trigger" and run.step == 0:
        question, rows = REPLY_TO_TRIGGER_ASK, _rows(run, skip=True)
    else:
        question = t.REPLY_AFTER_HEARD if run.step else t.REPLY_ASK
        rows = _rows(run)
    question = Phrase(question, partner=author.first_name)
    unit.say(Joined([preface, question]) if preface else question, buttons=rows)
    return True


def _rows(run: RitualRun, skip: bool = False) -> list[list[tuple[str, str]]]:
    cancel = (t.CANCEL_BUTTON, StepChoice(run.token, run.step, REPLY_CANCEL).pack())
    if skip:
        return [[(t.SKIP_BUTTON, StepChoice(run.token, run.step, REPLY_SKIP).pack()), cancel]]
    return [[cancel]]


def finish_reply(unit: Unit, run: RitualRun, text: str | None) -> bool:
    """Take what was heard (a trigger's first step), relay the reply, or close on Cancel."""
    entry, author = _bid(unit, run.reply_to_id or 0)
    asks_heard = author is not None and entry.kind == "trigger" and run.step == 0
    pressed = isinstance(text, conversation.Pressed)
    if pressed and not (text == REPLY_SKIP and asks_heard):
        return False  # Skip belongs to the question about what was heard only
    if text is not None and asks_heard:
        runs.record_answer(run=run, step_key=HEARD_STEP, value=None if pressed else text)
        unit.say(Phrase(t.REPLY_AFTER_HEARD, partner=author.first_name), buttons=_rows(run))
        return True
    runs.close_run(session=unit.session, user_id=run.user_id)
    if text is None or author is None:
        partner = unit.partner
        unit.say(t.REPLY_CANCELLED, partner=partner.first_name if partner
                 else Phrase(YOUR_PARTNER_START))
        return True
    heard = runs.answers_of(run).get(HEARD_STEP)
    body = heard_and_reply(heard, text) if heard else text
    new_entry = write_entry(unit, kind=REPLY, body=body, reply_to_id=entry.id,
                            said=reply_said(heard, text) if heard else None,
                            header=header(unit.person.first_name, REPLY, entry.kind))
    log.info("entry %s (reply) saved by user %s", new_entry.id, run.user_id)
    tell_where(unit, text)
    return True
