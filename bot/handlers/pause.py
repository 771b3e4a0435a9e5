"""Time-outs: /pause holds the couple's conversation, /resume (or the clock) brings it back.

While a time-out lasts, what either partner writes is saved and held; when it ends both
are told first, then the held words go out in the order they were written.
"""
from __future__ import annotations

import logging

from sqlmodel import select
from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import keyboards, texts
from bot.handlers import fallback
from bot.handlers.common import answer, drop_buttons, load_user
from bot.localtime import local_clock
from bot.relay import notify
from bot.services import services
from bot.store import outbox, pauses, queries
from bot.store.models import Couple, User

log = logging.getLogger(__name__)

COMMANDS = [
    ("pause", "Take a time-out: /pause 30 (minutes, 20 by default)"),
    ("resume", "End your time-out early"),
]
DEFAULT_MINUTES, MAX_MINUTES = 20, 1440
MORE_TIME = "pause:more"
TICK_SECONDS = 1.0

STARTED = (
    "Your time-out has started, until {until}. {partner} knows, and their words will wait too.\n"
    "/resume ends it early."
)
BREATHE = (
    "Use the time to soothe, not to rehearse what you'll say.\n\n"
    "Try coherent breathing: in slowly for five counts, out for five.\n"
    "Let your shoulders drop on each out-breath. Ten rounds is about a minute."
)
TOLD_PARTNER = (
    "{name} needs a little time to calm down before you talk, until {until}.\n"
    "What either of you writes is saved and waits until then; nothing is lost.\n"
    "Be gentle with yourself meanwhile."
)
ALREADY = "A time-out is already running, until {until}."
BAD_MINUTES = (
    "A time-out takes a number of minutes from 1 to 1440, for example /pause 30.\n"
    "With no number it lasts 20 minutes, about how long a body needs to settle."
)
NOT_PAUSED = "There's no time-out running right now."
PARTNERS_PAUSE = "{name}'s time-out ends at {until}. Your words are saved until then."
ENDED_PAUSER = (
    "Your time-out is over. Welcome back.\n"
    "A gentle way back in: a check-in, or naming what stung as \"I felt … I need …\".\n"
    "How would you like to start?"
)
ENDED_PARTNER = (
    "{name} is back from the time-out. Thank you for giving the space.\n"
    "When you're ready, how would you like to start?"
)
MORE_STARTED = "Take the time you need: your time-out now lasts until {until}."
MORE_TOLD_PARTNER = "{name} needs a little more time, until {until}. Their words, and yours, will wait."


def register(app: Application) -> None:
    app.add_handler(CommandHandler("pause", pause))
    app.add_handler(CommandHandler("resume", resume))
    app.add_handler(CallbackQueryHandler(more_time, pattern=rf"^{MORE_TIME}$"))
    if app.job_queue is not None:
        app.job_queue.run_repeating(_tick, interval=TICK_SECONDS, first=TICK_SECONDS, name="pause-ends")


def parse_minutes(args: list[str]) -> int | None:
    """Minutes from /pause's argument: 20 when absent, None when not 1..1440."""
    if not args:
        return DEFAULT_MINUTES
    word = args[0].strip().lower().removesuffix("min").removesuffix("m")
    if len(args) > 1 or not (word.isascii() and word.isdigit()):
        return None
    minutes = int(word)
    return minutes if 1 <= minutes <= MAX_MINUTES else None


async def pause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start a time-out for the couple and tell the partner kindly."""
    minutes = parse_minutes(context.args or [])
    if minutes is None:
        await answer(update, BAD_MINUTES)
        return
    await _start(update, context, minutes, extending=False)


async def _start(update: Update, context, minutes: int, *, extending: bool) -> None:
    app = services(context)
    with app.session() as session:
        user = load_user(context, update, session)
        partner = queries.partner_of(session=session, user=user)
        couple = session.get(Couple, user.couple_id) if partner else None
        refusal = _refusal(couple, user, extending)
        if couple is not None and refusal is None:
            until = pauses.start_pause(session=session, couple=couple, by=user.id, minutes=minutes, now=app.clock())
    if refusal is not None:
        await answer(update, refusal)
        return
    log.info("couple %s paused by user %s for %s min", couple.id, user.id, minutes)
    told = MORE_TOLD_PARTNER if extending else TOLD_PARTNER
    await notify(context, recipient_id=partner.id, couple_id=couple.id,
                 text=told.format(name=user.first_name, until=local_clock(until, partner)))
    if extending:
        await answer(update, MORE_STARTED.format(until=local_clock(until, user)))
        return
    await answer(update, STARTED.format(until=local_clock(until, user), partner=partner.first_name))
    await answer(update, BREATHE)


def _refusal(couple: Couple | None, user: User, extending: bool) -> str | None:
    if couple is None:
        return texts.NOT_PAIRED
    if pauses.is_paused(couple) and couple.paused_until is not None and not extending:
        return ALREADY.format(until=local_clock(couple.paused_until, user))
    return None


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """End the time-out early, if it is yours; otherwise say when it ends."""
    app = services(context)
    with app.session() as session:
        user = load_user(context, update, session)
        couple = session.get(Couple, user.couple_id) if user.couple_id else None
        pauser = session.get(User, couple.paused_by) if pauses.is_paused(couple) else None
    if couple is None or pauser is None or couple.paused_until is None:
        await answer(update, texts.NOT_PAIRED if couple is None else NOT_PAUSED)
    elif pauser.id != user.id:
        await answer(update, PARTNERS_PAUSE.format(name=pauser.first_name,
                                                   until=local_clock(couple.paused_until, user)))
    else:
        await end_pause(context.application, couple.id, couple.paused_until)


async def more_time(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'I need more time' on the end message: another time-out, from the one who called it."""
    query = update.callback_query
    with services(context).session() as session:
        user = load_user(context, update, session)
        couple = session.get(Couple, user.couple_id) if user.couple_id else None
        mine = couple is not None and couple.paused_by in (None, user.id)
    if not mine:
        await fallback.stale_button(update, context)
        return
    await query.answer()
    await drop_buttons(query)
    await _start(update, context, DEFAULT_MINUTES, extending=True)


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        await end_due(context.application)
    except Exception as error:  # one bad tick must not stop the next one
        log.error("pause tick failed: %s", type(error).__name__)


async def end_due(app: Application) -> int:
    """End every time-out whose time has come; returns how many ended."""
    app_services = services_of(app)
    with app_services.session() as session:
        due = [(c.id, c.paused_until) for c in pauses.due_to_end(session=session, now=app_services.clock())]
    for couple_id, until in due:
        await end_pause(app, couple_id, until)
    return len(due)


def services_of(app: Application):
    return app.bot_data["services"]


async def end_pause(app: Application, couple_id: int, until) -> None:
    """Tell both first, then let the held words go in the order they were written."""
    app_services = services_of(app)
    with app_services.session() as session:
        claimed = pauses.claim_end(session=session, couple_id=couple_id, until=until)
        members = session.exec(_members(couple_id)).all() if claimed else []
        pauser_id = session.get(Couple, couple_id).paused_by
        for member in members:
            _enqueue_end_notice(session, app_services, member, members, pauser_id, couple_id)
    if claimed:
        log.info("time-out of couple %s ended", couple_id)
    for member in members:
        await app_services.deliverer.deliver_to(member.id)
    with app_services.session() as session:
        pauses.release(session=session, couple_id=couple_id)
    app_services.deliverer.wake()


def _members(couple_id: int):
    return select(User).where(User.couple_id == couple_id)


def _enqueue_end_notice(session, app_services, member: User, members, pauser_id, couple_id) -> None:
    other = next((m for m in members if m.id != member.id), None)
    way_back = [[("Start a check-in", keyboards.start_ritual_data("checkin")),
                 ("Name what stung", keyboards.start_ritual_data("trigger"))]]
    if member.id == pauser_id:
        text, rows = ENDED_PAUSER, way_back + [[("I need more time", MORE_TIME)]]
    else:
        text, rows = ENDED_PARTNER.format(name=other.first_name if other else "Your partner"), way_back
    outbox.enqueue(session=session, recipient_id=member.id, texts=[text], now=app_services.clock(),
                   couple_id=couple_id, kind="notice", buttons=rows, holdable=False)
