"""Running a ritual in the chat: its questions one by one, then the reflection to the partner.

The ritual's steps and words come from `rituals/`; its progress lives in the database
(RitualRun), so a restart mid-ritual loses nothing and old buttons simply expire.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

import rituals
from bot import keyboards
from bot.handlers import fallback
from bot.handlers.common import GATE_GROUP, answer, drop_buttons, load_user
from bot.relay import Outcome, deliver, write_entry
from bot.services import services
from bot.store import queries, runs
from bot.store.models import RitualRun, User
from rituals.safety import SAFETY_NOTE, mentions_danger
from rituals.schedule import todays_offer

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


@dataclass
class Next:
    """What a step leads to, decided inside one transaction and sent after it."""

    text: str = ""
    rows: list | None = None
    partner: User | None = None  # with `finished`: the reflection was written for them
    delivery_ids: list[int] = field(default_factory=list)
    words: str = ""
    finished: bool = False
    stale: bool = False


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE, ritual, first_answer: str | None = None) -> None:
    """Open the ritual and ask its first question (or take `first_answer` for it)."""
    app = services(context)
    with app.session() as session:
        user = load_user(context, update, session)
        run = runs.open_run(session=session, user_id=user.id, ritual=ritual.key, now=app.clock())
        if first_answer is not None:
            runs.record_answer(run=run, step_key=ritual.steps[0].key, value=first_answer)
        step_after = _after_answer(session, app, run, ritual, user,
                                   intro="" if first_answer is not None else ritual.intro)
    await _send_next(update, context, step_after)


async def answer_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A choice, Skip or Cancel, checked against the presser's own open ritual."""
    query = update.callback_query
    match = STEP_DATA.match(query.data or "")
    app = services(context)
    with app.session() as session:
        run = runs.current_run(session=session, user_id=update.effective_user.id)
        valid = match is not None and run is not None and run.token == match[1] and run.step == int(match[2])
        step_after = _advance(session, app, run, match[3], typed=False) if valid and run.ritual != runs.REPLY else None
    if not valid:
        await fallback.stale_button(update, context)
        return
    await query.answer()
    await drop_buttons(query)
    if step_after is None:  # a reply in words, cancelled by its button
        await _finish_reply(update, context, run, None)
    else:
        await _send_next(update, context, step_after)


async def answer_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Words typed into the chat: the answer to the open question, or to tonight's nudge."""
    text = update.effective_message.text
    app = services(context)
    step_after = None
    with app.session() as session:
        user = load_user(context, update, session)
        run = runs.current_run(session=session, user_id=user.id)
        nudged = run is None and user.nudged_at is not None and app.clock() - user.nudged_at < NUDGE_REPLY_WINDOW
        if nudged:
            user.nudged_at = None  # a reply to the nudge starts one ritual, not one per message
        if run is not None and run.ritual != runs.REPLY:
            step_after = _advance(session, app, run, text, typed=True)
    if step_after is not None:
        await _send_next(update, context, step_after)
    elif run is not None:
        await _finish_reply(update, context, run, text)
    elif nudged:
        await begin(update, context, rituals.by_key(todays_offer(app.clock().date())[0]), text)
    else:
        await fallback.nothing_open(update, context)


async def _finish_reply(update, context, run: RitualRun, text: str | None) -> None:
    from bot.handlers.responses import finish_reply

    await finish_reply(update, context, run, text)


def _advance(session, app, run: RitualRun, value: str, *, typed: bool) -> Next:
    """Take an answer (typed text, a choice, Skip or Cancel) and decide what comes next."""
    ritual = rituals.by_key(run.ritual)
    step = ritual.step(run.step) if ritual else None
    if step is None or (not typed and value == CANCEL):
        runs.close_run(session=session, user_id=run.user_id)
        return Next(text=CANCELLED)
    if typed or value == SKIP or step.choice(value) is not None:
        stored = None if (not typed and value == SKIP) else value
    else:
        return Next(stale=True)
    runs.record_answer(run=run, step_key=step.key, value=stored)
    return _after_answer(session, app, run, ritual, session.get(User, run.user_id))


def _after_answer(session, app, run: RitualRun, ritual, user: User, intro: str = "") -> Next:
    """The next question, or, after the last, the reflection written for the partner."""
    partner = queries.partner_of(session=session, user=user)
    step = ritual.step(run.step)
    if step is not None:
        prompt = step.prompt.format(partner=partner.first_name if partner else "your partner")
        return Next(text=f"{intro}\n\n{prompt}" if intro else prompt, rows=_step_rows(run, step))
    body = ritual.reflection(runs.answers_of(run))
    runs.close_run(session=session, user_id=user.id)
    if not body:
        return Next(text=NOTHING_TO_SEND)
    entry, ids = write_entry(
        session=session, author=user, partner=partner, kind=ritual.key,
        header=HEADER.format(name=user.first_name, title=ritual.title), body=body,
        now=app.clock(), buttons=lambda entry_id: response_buttons(entry_id, user.first_name),
    )
    log.info("entry %s (%s) saved by user %s", entry.id, ritual.key, user.id)
    return Next(partner=partner, delivery_ids=ids, words=body, finished=True)


async def _send_next(update, context, step_after: Next) -> None:
    if step_after.stale:
        await fallback.stale_button(update, context)
    elif step_after.finished:
        await tell_outcome(update, context, step_after.partner, step_after.delivery_ids, step_after.words)
    else:
        markup = keyboards.buttons(step_after.rows) if step_after.rows else None
        await answer(update, step_after.text, reply_markup=markup)


def _step_rows(run: RitualRun, step) -> list[list[tuple[str, str]]]:
    """Choices two to a row, then Skip and Cancel last."""
    data = f"r:{run.token}:{run.step}:"
    choices = [(c.label, data + c.key) for c in step.choices]
    rows = [choices[i : i + 2] for i in range(0, len(choices), 2)]
    return rows + [[(step.skip_label, data + SKIP), ("Cancel", data + CANCEL)]]


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


