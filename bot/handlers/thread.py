"""The couple's shared thread: /thread pages through it (older and newer pages replace the
pressed message, so the order is never in doubt), /export hands it over as a file.

Answers given blind (the daily question, the weekly preparation) were written together at
their reveal; the round's topic is shown once above them."""
from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InputFile, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

import rituals
from bot.context import AttuneContext, Unit
from bot.edge.callbacks import NewerPage, OlderPage
from bot.edge.keyboards import buttons
from bot.entries import entry_text
from bot.language import ENGLISH, Words
from bot.localtime import local_stamp, partner_clock, reader_zone
from bot.messages import TELEGRAM_LIMIT, utf16_len
from bot.relay import title_of
from bot.store import people, rounds
from bot.store.models import Entry, User
from bot.store.thread import names_by_id, thread_page, thread_page_after, whole_thread
from bot.texts import thread as t
from bot.texts.together import THREAD_ROUND
from rituals.language import N_, Joined, Phrase, Verbatim

COMMANDS = [
    ("thread", N_("Your shared thread, newest last")),
    ("export", N_("The whole thread as a file to keep")),
]
PAGE_SIZE = 10


def register(app: Application) -> None:
    app.add_handler(CommandHandler("thread", show_thread))
    app.add_handler(CommandHandler("export", export))
    app.add_handler(CallbackQueryHandler(older, pattern=OlderPage.matches))
    app.add_handler(CallbackQueryHandler(newer, pattern=NewerPage.matches))


def entry_heading(entry: Entry, names: dict[int, str], zone: ZoneInfo,
                  words: Words = ENGLISH) -> str:
    name = names.get(entry.author_id) or words(t.SOMEONE)
    return f"{name} · {words(title_of(entry.kind))} · {words(local_stamp(entry.created_at, zone))}"


def round_lines(session, entries: list[Entry], words: Words = ENGLISH) -> dict[int, str]:
    """For the first entry of each revealed round: the line naming what both answered."""
    topics = rounds.topics(session, {e.round_id for e in entries if e.round_id is not None})
    lines, seen = {}, set()
    for entry in entries:
        blind = rituals.shared_by_key(entry.kind)
        if entry.round_id in topics and entry.round_id not in seen and blind is not None:
            seen.add(entry.round_id)
            lines[entry.id] = words(Phrase(THREAD_ROUND, title=Phrase(blind.ritual.title),
                                           topic=Phrase(topics[entry.round_id])))
    return lines


async def show_thread(update: Update, context: AttuneContext) -> None:
    """Show the latest entries of the couple's thread, newest last."""
    async with context.unit() as unit:
        entries, more = thread_page(session=unit.session, user=unit.person, before_id=None,
                                    size=PAGE_SIZE)
        if not entries:
            unit.say(t.EMPTY)
            return
        text, rows = _page(unit, entries, older=more, newer=False)
        clock = partner_clock(unit.partner, unit.now)
        unit.say(Joined([clock, Verbatim(text)]) if clock else Verbatim(text), buttons=rows)


async def older(update: Update, context: AttuneContext) -> None:
    """Page back through the thread, in place: the pressed message becomes the older page
    (with a way back to newer ones). The cursor only ever applies to the presser's couple."""
    before_id = OlderPage.parse(update.callback_query.data).before_id
    await _turn_page(update, context, lambda unit: _older_page(unit, before_id), t.NO_OLDER)


async def newer(update: Update, context: AttuneContext) -> None:
    """Page forward again, in place."""
    after_id = NewerPage.parse(update.callback_query.data).after_id
    await _turn_page(update, context, lambda unit: _newer_page(unit, after_id), t.NO_NEWER)


async def _turn_page(update: Update, context: AttuneContext, read, nothing: str) -> None:
    await context.ack()
    async with context.unit() as unit:
        page = read(unit)
        if page is None:
            unit.say(nothing)
    if page is None:
        return
    text, rows = page
    if utf16_len(text) <= TELEGRAM_LIMIT:
        try:
            await update.callback_query.edit_message_text(
                text, reply_markup=buttons(context.words.buttons(rows)) if rows else None,
                parse_mode=None, disable_web_page_preview=True)
            return
        except TelegramError:  # too old to edit, or unchanged: send the page instead
            pass
    async with context.unit() as unit:  # too long for one message: a new one, in parts
        unit.say(Verbatim(text), buttons=rows)


def _older_page(unit: Unit, before_id: int):
    entries, more = thread_page(session=unit.session, user=unit.person, before_id=before_id,
                                size=PAGE_SIZE)
    return _page(unit, entries, older=more, newer=True) if entries else None


def _newer_page(unit: Unit, after_id: int):
    entries, more = thread_page_after(session=unit.session, user=unit.person,
                                      after_id=after_id, size=PAGE_SIZE)
    if not entries:
        return None
    older_exist = bool(thread_page(session=unit.session, user=unit.person,
                                   before_id=entries[0].id, size=1)[0])
    return _page(unit, entries, older=older_exist, newer=more)


def _page(unit: Unit, entries: list[Entry], *, older: bool, newer: bool):
    """A page's text (oldest first) and its buttons: older to the left, newer to the right."""
    names = names_by_id(session=unit.session, ids={e.author_id for e in entries})
    zone, words = reader_zone(unit.person), unit.words
    lines = round_lines(unit.session, entries, words)
    text = "\n\n".join(
        (f"{lines[e.id]}\n\n" if e.id in lines else "")
        + f"{entry_heading(e, names, zone, words)}\n{entry_text(e, words)}" for e in entries)
    row = []
    if older:
        row.append((t.OLDER_BUTTON, OlderPage(entries[0].id).pack()))
    if newer:
        row.append((t.NEWER_BUTTON, NewerPage(entries[-1].id).pack()))
    return text, ([row] if row else None)


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
        caption=context.words(t.EXPORT_CAPTION),
    )


def _export_document(context: AttuneContext, session, now: datetime) -> str | None:
    user = session.get(User, context.update.effective_user.id)
    entries = whole_thread(session=session, user=user) if user else []
    if not entries:
        return None
    partner = people.partner_of(session=session, user=user)
    names = names_by_id(session=session, ids={e.author_id for e in entries} | {user.id})
    couple = " & ".join(n for n in (user.first_name, partner.first_name if partner else "") if n)
    words = context.words
    return export_markdown(entries, names, reader_zone(user), couple, now,
                           round_lines(session, entries, words), words)


def export_markdown(entries: list[Entry], names: dict[int, str], zone: ZoneInfo, couple: str,
                    now: datetime, rounds_at: dict[int, str] | None = None,
                    words: Words = ENGLISH) -> str:
    """The thread as Markdown: a heading per entry, each person's words verbatim beneath;
    answers revealed together sit under one heading naming what both answered."""
    lines = [words(Phrase(t.EXPORT_TITLE, names=couple or Phrase(t.YOU),
                          when=local_stamp(now, zone)))]
    for entry in entries:
        if rounds_at and entry.id in rounds_at:
            lines.append(f"## {rounds_at[entry.id]}\n")
        level = "###" if entry.round_id is not None and rounds_at else "##"
        lines.append(f"{level} {entry_heading(entry, names, zone, words)}\n\n"
                     f"{entry_text(entry, words)}\n")
    return "\n".join(lines)
