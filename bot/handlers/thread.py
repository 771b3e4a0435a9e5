"""The couple's shared thread: /thread pages through it, /export hands it over as a file."""
from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import keyboards
from bot.handlers.common import answer, load_user
from bot.handlers.rituals import title_of
from bot.localtime import local_stamp, reader_zone
from bot.messages import split_message
from bot.services import services
from bot.store import queries
from bot.store.models import Entry
from bot.store.thread import names_by_id, thread_page, whole_thread

COMMANDS = [
    ("thread", "Your shared thread, newest last"),
    ("export", "The whole thread as a file to keep"),
]
PAGE_SIZE = 10
PAGE_DATA = "thread:"
EMPTY = (
    "Your thread is empty for now.\n"
    "What you and your partner share lands here; /checkin is a good first step."
)
NO_OLDER = "That's the beginning of your thread."
OLDER_BUTTON = "Older entries"
EXPORT_CAPTION = "Your thread, for the two of you to keep."
EXPORT_TITLE = "# {names}: your Attune thread\n\nExported {when}.\n"


def register(app: Application) -> None:
    app.add_handler(CommandHandler("thread", show_thread))
    app.add_handler(CommandHandler("export", export))
    app.add_handler(CallbackQueryHandler(older, pattern=rf"^{PAGE_DATA}\d{{1,12}}$"))


def entry_heading(entry: Entry, names: dict[int, str], zone: ZoneInfo) -> str:
    name = names.get(entry.author_id, "Someone")
    return f"{name} · {title_of(entry.kind)} · {local_stamp(entry.created_at, zone)}"


async def show_thread(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the latest entries of the couple's thread, newest last."""
    await _send_page(update, context, before_id=None)


async def older(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Page back through the thread; the cursor is only ever applied to the presser's couple."""
    await update.callback_query.answer()
    await _send_page(update, context, before_id=int(update.callback_query.data.split(":")[1]))


async def _send_page(update: Update, context, before_id: int | None) -> None:
    with services(context).session() as session:
        user = load_user(context, update, session)
        entries, more = thread_page(session=session, user=user, before_id=before_id, size=PAGE_SIZE)
        names = names_by_id(session=session, ids={e.author_id for e in entries})
        zone = reader_zone(user)
    if not entries:
        await answer(update, EMPTY if before_id is None else NO_OLDER)
        return
    body = "\n\n".join(f"{entry_heading(e, names, zone)}\n{e.body}" for e in entries)
    parts = split_message("", body)
    for part in parts[:-1]:
        await answer(update, part)
    markup = keyboards.buttons([[(OLDER_BUTTON, f"{PAGE_DATA}{entries[0].id}")]]) if more else None
    await answer(update, parts[-1], reply_markup=markup)


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the whole thread as a Markdown file."""
    app = services(context)
    with app.session() as session:
        user = load_user(context, update, session)
        entries = whole_thread(session=session, user=user)
        partner = queries.partner_of(session=session, user=user)
        names = names_by_id(session=session, ids={e.author_id for e in entries} | {user.id})
        zone = reader_zone(user)
    if not entries:
        await answer(update, EMPTY)
        return
    couple = " & ".join(n for n in (user.first_name, partner.first_name if partner else "") if n)
    document = export_markdown(entries, names, zone, couple, app.clock())
    await update.effective_chat.send_document(
        InputFile(io.BytesIO(document.encode("utf-8")), filename="attune-thread.md"),
        caption=EXPORT_CAPTION,
    )


def export_markdown(entries: list[Entry], names: dict[int, str], zone: ZoneInfo, couple: str,
                    now: datetime) -> str:
    """The thread as Markdown: a heading per entry, each person's words verbatim beneath."""
    lines = [EXPORT_TITLE.format(names=couple or "You", when=local_stamp(now, zone))]
    for entry in entries:
        lines.append(f"## {entry_heading(entry, names, zone)}\n\n{entry.body}\n")
    return "\n".join(lines)
