"""Turning toward a partner's bid: "I hear you 💛" and a reply in words, both relayed back."""
from __future__ import annotations

import logging

from sqlalchemy import select
from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from bot.context import AttuneContext, Unit
from bot.edge.callbacks import Heard, ReplyTo, StepChoice
from bot.handlers import conversation, fallback
from bot.relay import tell_where, title_of, write_entry
from bot.store import runs
from bot.store.models import Entry, RitualRun, User
from bot.store.thread import entry_for_reader
from bot.texts import rituals as t

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = []
REPLY_CANCEL = "~cancel"


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(hear, pattern=Heard.matches))
    app.add_handler(CallbackQueryHandler(start_reply, pattern=ReplyTo.matches))
    conversation.on_open_run(runs.REPLY, finish_reply)


def _bid(unit: Unit, entry_id: int) -> tuple[Entry | None, User | None]:
    """The partner's entry the button names, and its author, or Nones when the entry isn't
    the presser's own couple's (a forged or foreign button)."""
    entry = entry_for_reader(session=unit.session, reader=unit.person, entry_id=entry_id)
    return entry, (unit.session.get(User, entry.author_id) if entry else None)


def _already_heard(unit: Unit, entry_id: int) -> bool:
    return unit.session.execute(
        select(Entry.id).where(Entry.reply_to_id == entry_id, Entry.kind == "heard",
                               Entry.author_id == unit.person.id)
    ).first() is not None


async def hear(update: Update, context: AttuneContext) -> None:
    """Let the author know their words landed: the simplest way to turn toward a bid."""
    entry_id = Heard.parse(update.callback_query.data).entry_id
    async with context.unit() as unit:
        entry, author = _bid(unit, entry_id)
        if author is not None and not _already_heard(unit, entry_id):
            header = t.HEARD_HEADER.format(name=unit.person.first_name,
                                           title=title_of(entry.kind).lower())
            write_entry(unit, kind="heard", header=header, body=t.HEARD_BODY,
                        with_buttons=False, reply_to_id=entry.id)
            tell_where(unit)
    if author is None:
        await fallback.stale_button(update, context)
        return
    await context.ack(t.HEARD_BODY)
    await context.drop_buttons(
        keep=[[(t.REPLY_BUTTON.format(name=author.first_name), ReplyTo(entry.id).pack())]])


async def start_reply(update: Update, context: AttuneContext) -> None:
    """Open a reply in words to the partner's entry; the next text message is the reply."""
    entry_id = ReplyTo.parse(update.callback_query.data).entry_id
    async with context.unit() as unit:
        entry, author = _bid(unit, entry_id)
        if author is not None:
            run = runs.open_run(session=unit.session, user_id=unit.person.id,
                                ritual=runs.REPLY, now=unit.now, reply_to_id=entry.id)
            cancel = StepChoice(run.token, 0, REPLY_CANCEL).pack()
            unit.say(t.REPLY_ASK.format(partner=author.first_name),
                     buttons=[[(t.CANCEL_BUTTON, cancel)]])
    if author is None:
        await fallback.stale_button(update, context)
        return
    await context.ack()


def finish_reply(unit: Unit, run: RitualRun, text: str | None) -> bool:
    """Relay the reply (typed text), or close it on Cancel."""
    entry, author = _bid(unit, run.reply_to_id or 0)
    runs.close_run(session=unit.session, user_id=run.user_id)
    if text is None or author is None:
        partner = unit.partner
        unit.say(t.REPLY_CANCELLED.format(partner=partner.first_name if partner else "Your partner"))
        return True
    header = t.REPLY_HEADER.format(name=unit.person.first_name, title=title_of(entry.kind).lower())
    new_entry = write_entry(unit, kind="reply", header=header, body=text, reply_to_id=entry.id)
    log.info("entry %s (reply) saved by user %s", new_entry.id, run.user_id)
    tell_where(unit, text)
    return True
