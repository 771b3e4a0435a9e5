"""Running a ritual in the chat: its questions one by one, then the reflection to the partner.

The ritual's steps and words come from `rituals/`; its progress lives in the database
(RitualRun), so a restart mid-ritual loses nothing and old buttons simply expire.
"""
from __future__ import annotations

import logging
import re
from datetime import timedelta

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

import rituals
from rituals.safety import SAFETY_NOTE, mentions_danger
from bot import keyboards
from bot.handlers import fallback
from bot.handlers.common import GATE_GROUP, answer, drop_buttons, load_user
from bot.relay import Outcome, deliver, write_entry
from bot.services import services
from bot.store import queries, runs
from bot.store.models import Entry, RitualRun, User

log = logging.getLogger(__name__)

STEP_DATA = re.compile(r"^r:([0-9a-f]{8}):(\d{1,2}):([A-Za-z0-9_~-]{1,24})$")
SKIP, CANCEL = "~skip", "~cancel"
NUDGE_REPLY_WINDOW = timedelta(hours=6)
HEARD_DATA = "heard:"
REPLY_DATA = "reply:"

SET_ASIDE = "I've closed your unfinished {title}; nothing from it was sent."
CANCELLED = "No problem, nothing was sent. I'm here whenever you want to come back."
NOTHING_TO_SEND = "You skipped every step, so there's nothing to send this time, and that's fine."
HEADER = "From {name} · {title}\n\n"
SENT = "Sent to {partner} 💛\nIt's in your shared thread too: /thread"
HELD = "Saved. {partner} will get it when the time-out ends."
UNREACHABLE = "Saved. {partner} isn't receiving messages right now; it will reach them when they're back."
WAITING = "Saved, and on its way to {partner}."
PRIVATE_NOTE = (
    "Saved as a private note: your partner isn't connected yet, so it reached no one.\n"
    "/invite makes a link for them."
)
HEAR_BUTTON = "I hear you 💛"
REPLY_BUTTON = "Reply to {name}"
OUTCOME_TEXT = {Outcome.DELIVERED: SENT, Outcome.HELD: HELD,
                Outcome.UNREACHABLE: UNREACHABLE, Outcome.WAITING: WAITING}

COMMANDS: list[tuple[str, str]] = []  # the ritual commands come from the catalogue itself


def register(app: Application) -> None:
    app.add_handler(MessageHandler(filters.COMMAND, close_open_ritual), group=GATE_GROUP + 2)
    for ritual in rituals.all_rituals():
        app.add_handler(CommandHandler(ritual.command, start_from_command))
    app.add_handler(CallbackQueryHandler(start_from_button, pattern=rf"^{keyboards.START_RITUAL}"))
    app.add_handler(CallbackQueryHandler(answer_button, pattern=r"^r:"))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE, answer_text))


def title_of(kind: str) -> str:
    ritual = rituals.by_key(kind)
    return ritual.title if ritual else {"reply": "Reply", "heard": "I hear you"}.get(kind, kind)


async def close_open_ritual(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Another command mid-ritual: close the ritual first, so nothing half-done lingers."""
    with services(context).session() as session:
        run = runs.close_run(session=session, user_id=update.effective_user.id)
    if run is not None:
        await answer(update, SET_ASIDE.format(title=title_of(run.ritual).lower()))


async def start_from_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Begin the ritual this command names."""
    command = update.effective_message.text.split()[0][1:].split("@")[0].lower()
    await begin(update, context, rituals.by_key(command))


async def start_from_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Begin the ritual a nudge or a time-out's end offered."""
    query = update.callback_query
    ritual = rituals.by_key(query.data.removeprefix(keyboards.START_RITUAL))
    await query.answer()
    if ritual is None:
        await fallback.stale_button(update, context)
        return
    await drop_buttons(query)
    await begin(update, context, ritual)


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE, ritual, first_answer: str | None = None) -> None:
    """Open the ritual and ask its first question (or take `first_answer` for it)."""
    app = services(context)
    with app.session() as session:
        user = load_user(context, update, session)
        run = runs.open_run(session=session, user_id=user.id, ritual=ritual.key, now=app.clock())
        if first_answer is not None:
            runs.record_answer(run=run, step_key=ritual.steps[0].key, value=first_answer)
    if first_answer is None:
        await _ask(update, context, run, intro=ritual.intro)
    else:
        await _next(update, context, run)


async def answer_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A choice, Skip or Cancel, checked against the presser's own open ritual."""
    query = update.callback_query
    match = STEP_DATA.match(query.data or "")
    app = services(context)
    with app.session() as session:
        run = runs.current_run(session=session, user_id=update.effective_user.id)
    if match is None or run is None or run.token != match[1] or run.step != int(match[2]):
        await fallback.stale_button(update, context)
        return
    await query.answer()
    await drop_buttons(query)
    await _take(update, context, run, match[3], typed=False)


async def answer_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Words typed into the chat: the answer to the open question, or to tonight's nudge."""
    text = update.effective_message.text
    app = services(context)
    with app.session() as session:
        user = load_user(context, update, session)
        run = runs.current_run(session=session, user_id=user.id)
        nudged = user.nudged_at is not None and app.clock() - user.nudged_at < NUDGE_REPLY_WINDOW
        if nudged:
            user.nudged_at = None  # a reply to the nudge starts one ritual, not one per message
    if run is not None:
        await _take(update, context, run, text, typed=True)
    elif nudged:
        from rituals.schedule import todays_offer

        await begin(update, context, rituals.by_key(todays_offer(app.clock().date())[0]), text)
    else:
        await fallback.nothing_open(update, context)


async def _take(update, context, run: RitualRun, value: str, *, typed: bool) -> None:
    if run.ritual == runs.REPLY:
        from bot.handlers.responses import finish_reply

        await finish_reply(update, context, run, value if typed else None)
        return
    ritual = rituals.by_key(run.ritual)
    step = ritual.step(run.step) if ritual else None
    if step is None:
        await _close(update, context, CANCELLED)
        return
    if not typed and value == CANCEL:
        await _close(update, context, CANCELLED)
        return
    if typed:
        stored = value
    elif value == SKIP:
        stored = None
    elif step.choice(value) is not None:
        stored = value
    else:
        await fallback.stale_button(update, context)
        return
    with services(context).session() as session:
        fresh = runs.current_run(session=session, user_id=run.user_id)
        runs.record_answer(run=fresh, step_key=step.key, value=stored)
    await _next(update, context, fresh)


async def _next(update, context, run: RitualRun) -> None:
    ritual = rituals.by_key(run.ritual)
    if ritual.step(run.step) is not None:
        await _ask(update, context, run)
    else:
        await _finish(update, context, run, ritual)


async def _ask(update, context, run: RitualRun, intro: str = "") -> None:
    """Send the current question, its choices first and Skip/Cancel last."""
    ritual = rituals.by_key(run.ritual)
    step = ritual.step(run.step)
    with services(context).session() as session:
        user = session.get(User, run.user_id)
        partner = queries.partner_of(session=session, user=user)
    prompt = step.prompt.format(partner=partner.first_name if partner else "your partner")
    text = f"{intro}\n\n{prompt}" if intro else prompt
    await answer(update, text, reply_markup=keyboards.buttons(_step_rows(run, step)))


def _step_rows(run: RitualRun, step) -> list[list[tuple[str, str]]]:
    data = f"r:{run.token}:{run.step}:"
    choices = [(c.label, data + c.key) for c in step.choices]
    rows = [choices[i : i + 2] for i in range(0, len(choices), 2)]
    return rows + [[(step.skip_label, data + SKIP), ("Cancel", data + CANCEL)]]


async def _finish(update, context, run: RitualRun, ritual) -> None:
    """Write the reflection with its delivery in one transaction, then relay it."""
    body = ritual.reflection(runs.answers_of(run))
    if not body:
        await _close(update, context, NOTHING_TO_SEND)
        return
    app = services(context)
    with app.session() as session:
        user = session.get(User, run.user_id)
        partner = queries.partner_of(session=session, user=user)
        entry, ids = write_entry(
            session=session, author=user, partner=partner, kind=ritual.key,
            header=HEADER.format(name=user.first_name, title=ritual.title), body=body,
            now=app.clock(), buttons=lambda entry_id: response_buttons(entry_id, user.first_name),
        )
        runs.close_run(session=session, user_id=user.id)
    log.info("entry %s (%s) saved by user %s", entry.id, ritual.key, user.id)
    await tell_outcome(update, context, partner, ids, words=body)


def response_buttons(entry_id: int, author_name: str) -> list[list[tuple[str, str]]]:
    return [[(HEAR_BUTTON, f"{HEARD_DATA}{entry_id}")],
            [(REPLY_BUTTON.format(name=author_name), f"{REPLY_DATA}{entry_id}")]]


async def tell_outcome(update, context, partner: User | None, delivery_ids: list[int],
                       words: str = "") -> None:
    """Tell the writer where their words are: delivered, held, or waiting."""
    if mentions_danger(words):
        await answer(update, SAFETY_NOTE)
    if partner is None:
        await answer(update, PRIVATE_NOTE)
        return
    outcome = await deliver(context, partner.id, delivery_ids)
    await answer(update, OUTCOME_TEXT[outcome].format(partner=partner.first_name))


async def _close(update, context, text: str) -> None:
    with services(context).session() as session:
        runs.close_run(session=session, user_id=update.effective_user.id)
    await answer(update, text)

