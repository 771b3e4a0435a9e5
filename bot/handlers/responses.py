"""Turning toward a partner's bid: "I hear you 💛" and a reply in words, both relayed back."""
from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot.handlers import fallback
from bot.handlers.common import answer, drop_buttons, load_user
from bot.handlers.rituals import HEARD_DATA, REPLY_DATA, response_buttons, tell_outcome, title_of
from bot.keyboards import buttons
from bot.relay import write_entry
from bot.services import services
from bot.store import queries, runs
from bot.store.models import Entry, RitualRun, User
from bot.store.thread import entry_for_reader

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = []
HEARD_BODY = "I hear you 💛"
HEARD_HEADER = "{name} read your {title}:\n\n"
REPLY_HEADER = "{name} replied to your {title}:\n\n"
REPLY_ASK = (
    "Your words go to {partner} exactly as you write them.\n"
    "What would you like to say?"
)
REPLY_CANCEL = "~cancel"
REPLY_CANCELLED = "No reply sent. {partner}'s words are still in your thread: /thread"
NOTHING_TYPED = "Type your reply as a message, or tap Cancel."


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(hear, pattern=rf"^{HEARD_DATA}\d{{1,12}}$"))
    app.add_handler(CallbackQueryHandler(start_reply, pattern=rf"^{REPLY_DATA}\d{{1,12}}$"))


def _bid(context, update: Update, session) -> tuple[User, Entry | None, User | None]:
    """The presser, the partner's entry their button names, and its author, or Nones when
    the entry isn't the presser's own couple's (a forged or foreign button)."""
    reader = load_user(context, update, session)
    entry_id = int(re.sub(r"\D", "", update.callback_query.data))
    entry = entry_for_reader(session=session, reader=reader, entry_id=entry_id)
    return reader, entry, (session.get(User, entry.author_id) if entry else None)


async def hear(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let the author know their words landed: the simplest way to turn toward a bid."""
    query = update.callback_query
    app = services(context)
    with app.session() as session:
        reader, entry, author = _bid(context, update, session)
        if author is None:
            ids = None
        else:
            header = HEARD_HEADER.format(name=reader.first_name, title=title_of(entry.kind).lower())
            _, ids = write_entry(session=session, author=reader, partner=author, kind="heard",
                                 header=header, body=HEARD_BODY, now=app.clock(), reply_to_id=entry.id)
    if ids is None:
        await fallback.stale_button(update, context)
        return
    await query.answer(HEARD_BODY)
    await drop_buttons(query, keep=[[("Reply to " + author.first_name, f"{REPLY_DATA}{entry.id}")]])
    await tell_outcome(update, context, author, ids)


async def start_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open a reply in words to the partner's entry; the next text message is the reply."""
    query = update.callback_query
    app = services(context)
    with app.session() as session:
        reader, entry, author = _bid(context, update, session)
        if author is not None:
            run = runs.open_run(session=session, user_id=reader.id, ritual=runs.REPLY,
                                now=app.clock(), reply_to_id=entry.id)
    if author is None:
        await fallback.stale_button(update, context)
        return
    await query.answer()
    rows = [[("Cancel", f"r:{run.token}:0:{REPLY_CANCEL}")]]
    await answer(update, REPLY_ASK.format(partner=author.first_name), reply_markup=buttons(rows))


async def finish_reply(update: Update, context: ContextTypes.DEFAULT_TYPE, run: RitualRun,
                       text: str | None) -> None:
    """Relay the reply (typed text), or close it on Cancel."""
    app = services(context)
    with app.session() as session:
        reader = session.get(User, run.user_id)
        entry = entry_for_reader(session=session, reader=reader, entry_id=run.reply_to_id or 0)
        author = session.get(User, entry.author_id) if entry else None
        if text is None or author is None:
            runs.close_run(session=session, user_id=run.user_id)
            ids = None
        else:
            header = REPLY_HEADER.format(name=reader.first_name, title=title_of(entry.kind).lower())
            new_entry, ids = write_entry(
                session=session, author=reader, partner=author, kind="reply", header=header,
                body=text, now=app.clock(), reply_to_id=entry.id,
                buttons=lambda entry_id: response_buttons(entry_id, reader.first_name),
            )
            runs.close_run(session=session, user_id=run.user_id)
    if ids is None:
        partner = _partner_name(app, run.user_id)
        await answer(update, REPLY_CANCELLED.format(partner=partner))
        return
    log.info("entry %s (reply) saved by user %s", new_entry.id, run.user_id)
    await tell_outcome(update, context, author, ids, words=text)


def _partner_name(app, user_id: int) -> str:
    with app.session() as session:
        user = session.get(User, user_id)
        partner = queries.partner_of(session=session, user=user) if user else None
    return partner.first_name if partner else "Your partner"
