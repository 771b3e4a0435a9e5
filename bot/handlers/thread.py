"""The couple's shared thread: /thread pages through it, /export hands it over as a file."""
from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import AttuneContext
from bot.edge.callbacks import OlderPage
from bot.localtime import local_stamp, partner_clock, reader_zone
from bot.relay import title_of
from bot.store import people
from bot.store.models import Entry, User
from bot.store.thread import names_by_id, thread_page, whole_thread
from bot.texts import thread as t

COMMANDS = [
    ("thread", "Your shared thread, newest last"),
    ("export", "The whole thread as a file to keep"),
]
PAGE_SIZE = 10


def register(app: Application) -> None:
    app.add_handler(CommandHandler("thread", show_thread))
    app.add_handler(CommandHandler("export", export))
    app.add_handler(CallbackQueryHandler(older, pattern=OlderPage.matches))


def entry_heading(entry: Entry, names: dict[int, str], zone: ZoneInfo) -> str:
    name = names.get(entry.author_id, "Someone")
    return f"{name} · {title_of(entry.kind)} · {local_stamp(entry.created_at, zone)}"


async def show_thread(update: Update, context: AttuneContext) -> None:
    """Show the latest entries of the couple's thread, newest last."""
    await _send_page(context, before_id=None)


async def older(update: Update, context: AttuneContext) -> None:
    """Page back through the thread; the cursor is only ever applied to the presser's couple."""
    await context.ack()
    await _send_page(context, before_id=OlderPage.parse(update.callback_query.data).before_id)


async def _send_page(context: AttuneContext, before_id: int | None) -> None:
    async with context.unit() as unit:
        user = unit.person
        entries, more = thread_page(session=unit.session, user=user, before_id=before_id,
                                    size=PAGE_SIZE)
        if not entries:
            unit.say(t.EMPTY if before_id is None else t.NO_OLDER)
            return
        names = names_by_id(session=unit.session, ids={e.author_id for e in entries})
        zone = reader_zone(user)
        body = "\n\n".join(f"{entry_heading(e, names, zone)}\n{e.body}" for e in entries)
        clock = partner_clock(unit.partner, unit.now) if before_id is None else None
        body = f"{clock}\n\n{body}" if clock else body
        rows = [[(t.OLDER_BUTTON, OlderPage(entries[0].id).pack())]] if more else None
        unit.say(body, buttons=rows)


async def export(update: Update, context: AttuneContext) -> None:
    """Send the whole thread as a Markdown file."""
    services = context.services
    with services.session() as session:
        document = _export_document(context, session, services.clock())
    if document is None:
        async with context.unit() as unit:
            unit.say(t.EMPTY)
        return
    # A file can't ride in the outbox: sent directly; nothing changes, so a lost one is
    # simply asked for again.
    await update.effective_chat.send_document(
        InputFile(io.BytesIO(document.encode("utf-8")), filename="attune-thread.md"),
        caption=t.EXPORT_CAPTION,
    )


def _export_document(context: AttuneContext, session, now: datetime) -> str | None:
    user = session.get(User, context.update.effective_user.id)
    entries = whole_thread(session=session, user=user) if user else []
    if not entries:
        return None
    partner = people.partner_of(session=session, user=user)
    names = names_by_id(session=session, ids={e.author_id for e in entries} | {user.id})
    couple = " & ".join(n for n in (user.first_name, partner.first_name if partner else "") if n)
    return export_markdown(entries, names, reader_zone(user), couple, now)


def export_markdown(entries: list[Entry], names: dict[int, str], zone: ZoneInfo, couple: str,
                    now: datetime) -> str:
    """The thread as Markdown: a heading per entry, each person's words verbatim beneath."""
    lines = [t.EXPORT_TITLE.format(names=couple or "You", when=local_stamp(now, zone))]
    for entry in entries:
        lines.append(f"## {entry_heading(entry, names, zone)}\n\n{entry.body}\n")
    return "\n".join(lines)
